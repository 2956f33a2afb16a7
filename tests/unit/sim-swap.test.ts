// Swapping and page replacement: the reference-string experiment, and the kernel's own
// replacement when frames run out (swap-out, swap-in, write-back, out of memory).
import { describe, expect, it } from 'vitest';
import { referenceSteps, runReferenceString } from '../../core/sim/replacement.ts';
import type { ReplacementPolicy } from '../../core/sim/profile.ts';
import { labelled, runText } from '../helpers/scenario.ts';

const BELADY = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5];

describe('reference strings', () => {
  it('shows Belady’s anomaly with FIFO: 9 faults with 3 frames, 10 with 4', () => {
    expect(runReferenceString(BELADY, 3, 'fifo').faults).toBe(9);
    expect(runReferenceString(BELADY, 4, 'fifo').faults).toBe(10);
  });

  it('matches the textbook tables for LRU and OPT', () => {
    expect(runReferenceString(BELADY, 3, 'lru').faults).toBe(10);
    expect(runReferenceString(BELADY, 4, 'lru').faults).toBe(8);
    expect(runReferenceString(BELADY, 3, 'opt').faults).toBe(7);
    expect(runReferenceString(BELADY, 4, 'opt').faults).toBe(6);
    // OSTEP's example string: 0,1,2,0,1,3,0,3,1,2,1 with 3 frames.
    const ostep = [0, 1, 2, 0, 1, 3, 0, 3, 1, 2, 1];
    expect(runReferenceString(ostep, 3, 'opt').hits).toBe(6);
    expect(runReferenceString(ostep, 3, 'fifo').hits).toBe(4);
    expect(runReferenceString(ostep, 3, 'lru').hits).toBe(6);
  });

  it('reports the evicted page and the frames after each reference', () => {
    const r = referenceSteps(runReferenceString([1, 2, 3, 1, 4], 3, 'lru'));
    expect(r.map((s) => s.hit)).toEqual([false, false, false, true, false]);
    expect(r[4].evicted).toBe(2);
    expect(r[4].frames).toEqual([1, 4, 3]);
  });

  it('gives CLOCK pages with the use bit a second chance', () => {
    const r = referenceSteps(runReferenceString([1, 2, 3, 1, 4, 5], 3, 'clock'));
    // 4 arrives: hand at slot 0; all use bits set → cleared in turn, slot 0 (page 1) goes.
    expect(r[4].evicted).toBe(1);
    expect(r[5].evicted).toBe(2);
  });

  it('is deterministic for RANDOM with a seed', () => {
    const a = referenceSteps(runReferenceString(BELADY, 3, 'random', 42)).map((s) => s.evicted);
    const b = referenceSteps(runReferenceString(BELADY, 3, 'random', 42)).map((s) => s.evicted);
    expect(a).toEqual(b);
  });
});

/** A scenario where one process touches pages 1..5 of an anonymous area with `frames` frames free for them. */
function kernelRefString(policy: ReplacementPolicy, frames: number, pages: number[]): string {
  // teaching-16 reserves 2 frames for the kernel and 1 for the page table.
  return `
machine: { base: teaching-16, physFrames: ${3 + frames} }
kernel: { replacement: ${policy} }
steps:
  - spawn: { name: P, layout: empty }
  - mmap: { process: P, length: 0x6000, addr: 0x1000 }
${pages.map((p) => `  - write: { process: P, addr: ${0x1000 * p}, value: ${p} }`).join('\n')}
`;
}

describe('the kernel’s page replacement', () => {
  it('reproduces Belady’s anomaly with real swapping under FIFO', () => {
    const three = runText(kernelRefString('fifo', 3, BELADY));
    const four = runText(kernelRefString('fifo', 4, BELADY));
    expect(three.machine.stats.pageFaults).toBe(9);
    expect(four.machine.stats.pageFaults).toBe(10);
  });

  for (const policy of ['lru', 'opt', 'mru'] as const) {
    it(`agrees with the reference-string experiment for ${policy.toUpperCase()}`, () => {
      const pages = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5, 2, 1];
      const run = runText(kernelRefString(policy, 3, pages));
      expect(run.machine.stats.pageFaults).toBe(runReferenceString(pages, 3, policy).faults);
    });
  }

  it('writes dirty anonymous pages to swap and reads them back intact', () => {
    const run = runText(kernelRefString('lru', 2, [1, 2, 3, 4, 1, 2]));
    const reread = run.results.slice(-2);
    expect(reread.map((r) => r.access!.faults[0]?.resolution)).toEqual(['swap-in', 'swap-in']);
    const check = run.apply({ op: 'read', args: { process: 'P', addr: 0x1000 } });
    expect(check.access!.value).toBe(1);
    expect(run.machine.stats.swapOuts).toBeGreaterThanOrEqual(4);
    expect(run.results.some((r) => r.events.some((e) => e.type === 'swap-out' && e.written))).toBe(true);
  });

  it('drops clean file pages instead of swapping them, and writes dirty shared ones back', () => {
    const run = runText(`
machine: { base: teaching-16, physFrames: 5 }
files: [{ name: f, size: 16384, content: "abcd" }]
steps:
  - spawn: { name: P, layout: empty }
  - mmap: { process: P, file: f, length: 16384, shared: true, addr: 0x4000 }
  - read: { process: P, addr: 0x4000 }
  - write: { process: P, addr: 0x5000, value: 0x41 }
  - read: { process: P, addr: 0x6000, label: evict1 }
  - read: { process: P, addr: 0x7000, label: evict2 }
`);
    const events = [...labelled(run, 'evict1').events, ...labelled(run, 'evict2').events];
    expect(events.some((e) => e.type === 'page-cache-drop' && e.page === 0)).toBe(true);
    expect(events.some((e) => e.type === 'write-back' && e.page === 1)).toBe(true);
    expect(events.some((e) => e.type === 'swap-out')).toBe(false);
    expect(run.machine.files.get('f')!.data[4096]).toBe(0x41);
  });

  it('kills the process when memory and swap are both full', () => {
    const run = runText(`
machine: { base: teaching-16, physFrames: 5, swapSlots: 0 }
steps:
  - spawn: { name: P, layout: empty }
  - mmap: { process: P, length: 0x4000, addr: 0x1000 }
  - write: { process: P, addr: 0x1000, value: 1 }
  - write: { process: P, addr: 0x2000, value: 1 }
  - write: { process: P, addr: 0x3000, value: 1, label: oom }
`);
    const r = labelled(run, 'oom');
    expect(r.access!.segfault).toMatch(/out of memory/);
    expect(r.events.some((e) => e.type === 'oom-kill')).toBe(true);
  });

  it('CLOCK uses the accessed bits in the page-table entries', () => {
    const run = runText(kernelRefString('clock', 3, [1, 2, 3, 1, 4]));
    const last = run.results[run.results.length - 1];
    const evict = last.events.find((e) => e.type === 'evict');
    expect(evict && evict.type === 'evict' && evict.mappings[0].vpn).toBe(1);
    expect(last.events.some((e) => e.type === 'tlb-invalidate')).toBe(true);
  });
});
