// /proc/PID/smaps and smaps_rollup, as a learner would read them on Linux after the same
// steps: shared/private by how many PTEs map a page now, clean/dirty by the page's state,
// Anonymous only for anonymous pages, Swap and SwapPss for swapped-out pages.
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../core/lessons/load.ts';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { formatSmaps } from '../../core/scenario/trace.ts';
import { SMAPS_FIELDS } from '../../core/sim/machine.ts';
import { lesson, packOf } from '../fixtures/packs/helpers.ts';
import { runText } from '../helpers/scenario.ts';

const KB = 1024;

function areaOf(run: ReturnType<typeof runText>, process: string, area: string) {
  const p = run.snapshot().processes.find((x) => x.name === process)!;
  const e = p.smaps.find((a) => a.area === area);
  if (!e) throw new Error(`no area ${area} in ${process}: ${p.smaps.map((a) => a.area).join(', ')}`);
  return e;
}

describe('smaps per area', () => {
  const run = runText(`
machine: teaching-16
files: [{ name: f.txt, content: "hello" }]
steps:
  - spawn: P
  - write: { process: P, addr: 0x3000, value: 1 }
  - read: { process: P, addr: 0x2000 }
  - mmap: { process: P, length: 8192, shared: true, addr: 0x5000, name: shared }
  - write: { process: P, addr: 0x5000, value: 1 }
  - mmap: { process: P, file: f.txt, length: 4096, addr: 0x8000, name: file }
  - read: { process: P, addr: 0x8000 }
  - fork: { parent: P, child: C }
  - read: { process: C, addr: 0x5000 }
`);

  it('counts a written heap page shared copy-on-write after fork as Shared_Dirty and Anonymous, half of it in each Pss', () => {
    for (const who of ['P', 'C']) {
      const heap = areaOf(run, who, 'heap');
      expect(heap).toMatchObject({ size: 4 * KB, rss: 4 * KB, pss: 2 * KB, pssDirty: 2 * KB, sharedDirty: 4 * KB, sharedClean: 0, privateDirty: 0, anonymous: 4 * KB, perms: 'rw-p', pathname: '[heap]' });
    }
  });

  it('never counts shared anonymous (shmem) pages as Anonymous', () => {
    const shared = areaOf(run, 'C', 'shared');
    expect(shared).toMatchObject({ size: 8 * KB, rss: 4 * KB, sharedDirty: 4 * KB, anonymous: 0, perms: 'rw-s', pathname: '/dev/zero (deleted)' });
    expect(run.snapshot().processes.find((x) => x.name === 'C')!.smapsRollup.pssShmem).toBe(2 * KB);
  });

  it('counts a page-cache page mapped once as Private_Clean, not Anonymous', () => {
    expect(areaOf(run, 'P', 'file')).toMatchObject({ rss: 4 * KB, privateClean: 4 * KB, anonymous: 0, pathname: 'f.txt' });
    expect(areaOf(run, 'P', 'data')).toMatchObject({ rss: 4 * KB, privateClean: 4 * KB });
    // fork copies no PTEs of pure file mappings: the child has not faulted them in.
    expect(areaOf(run, 'C', 'file').rss).toBe(0);
  });

  it('does not list the kernel area (it is not a VMA)', () => {
    for (const p of run.snapshot().processes) expect(p.smaps.some((a) => a.area === 'kernel')).toBe(false);
  });

  it('sums every field of the areas into smaps_rollup, whose Rss and Pss are the process RSS and PSS', () => {
    for (const p of run.snapshot().processes) {
      for (const [, key] of SMAPS_FIELDS) expect(p.smapsRollup[key]).toBeCloseTo(p.smaps.reduce((s, a) => s + a[key], 0), 6);
      expect(p.rss).toBe(p.smapsRollup.rss);
      expect(p.pss).toBe(p.smapsRollup.pss);
      expect(p.smapsRollup.pssAnon + p.smapsRollup.pssFile + p.smapsRollup.pssShmem).toBeCloseTo(p.smapsRollup.pss, 6);
    }
  });

  it('prints a table in the style of smaps, in whole kB as Linux rounds them', () => {
    const snap = run.snapshot();
    const text = formatSmaps(snap.processes[0], 4096);
    expect(text).toMatch(/^smaps of P \(pid 1\), in kB:/);
    expect(text).toMatch(/Shared_Dirty/);
    expect(text).toMatch(/heap\s+0x3000-0x4000\s+rw-p\s+4\s+4\s+2\s+2\s+0\s+4\s+0\s+0\s+4\s+4\s+0\s+0\s+\[heap\]/);
    expect(text).toMatch(/smaps_rollup: Pss_Anon 2, Pss_File 8, Pss_Shmem 2 kB/);
  });

  it('turns Shared into Private once the other process has gone', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - write: { process: P, addr: 0x3000, value: 1 }
  - fork: { parent: P, child: C }
  - exit: C
`);
    expect(areaOf(r, 'P', 'heap')).toMatchObject({ rss: 4 * KB, pss: 4 * KB, sharedDirty: 0, privateDirty: 4 * KB });
  });
});

describe('smaps of swapped-out pages', () => {
  it('counts Swap per area and divides SwapPss by the slot’s references', () => {
    const r = runText(`
machine: { base: teaching-16, physFrames: 9 }
kernel: { replacement: fifo }
steps:
  - spawn: P
  - mmap: { process: P, length: 16384, addr: 0x5000, name: buf }
  - write: { process: P, addr: 0x5000, value: 1 }
  - fork: { parent: P, child: C }
  - write: { process: P, addr: 0x3000, value: 1 }
  - write: { process: P, addr: 0x6000, value: 1 }
  - write: { process: P, addr: 0x7000, value: 1 }
  - write: { process: P, addr: 0x8000, value: 1 }
  - write: { process: C, addr: 0x3000, value: 1 }
`);
    const snap = r.snapshot();
    const swapped = snap.processes.flatMap((p) => p.swapped.map((s) => ({ p, ...s })));
    expect(swapped.length).toBeGreaterThan(0);
    for (const p of snap.processes) {
      const swap = p.smaps.reduce((s, a) => s + a.swap, 0);
      expect(swap).toBe(p.swapped.length * 4096);
      let swapPss = 0;
      for (const s of p.swapped) swapPss += 4096 / snap.swap.used.find((u) => u.slot === s.slot)!.refs;
      expect(p.smapsRollup.swapPss).toBeCloseTo(swapPss, 6);
    }
  });
});

describe('smaps as a quiz observation', () => {
  it('answers any field of one area, or of the rollup, computed by the simulator', () => {
    const pack = loadPack(
      packOf({
        'a.yaml': lesson(`  - title: fork
    run:
      - spawn: P
      - write: { process: P, addr: 0x3000, value: 1 }
      - fork: { parent: P, child: C }
    quiz:
      id: heap-shared
      kind: number
      prompt: "Shared_Dirty of the heap of C, in KiB?"
      observe: { what: smaps, process: C, area: heap, field: Shared_Dirty, unit: KiB }
  - title: rollup
    quiz:
      id: anon
      kind: number
      prompt: "Pss_Anon of P, in bytes?"
      observe: { what: smaps, process: P, field: Pss_Anon, unit: bytes }
`),
      }),
      'user',
    );
    expect(pack.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const p = new LessonPlayer(pack.pack!, 'l1', undefined);
    const fb = p.answer({ kind: 'number', value: 4 });
    expect(fb, JSON.stringify(fb)).toMatchObject({ correct: true });
    p.goTo(1);
    // P's heap page is shared with C: half of it is P's.
    expect(p.answer({ kind: 'number', value: 2048 }).correct).toBe(true);
    p.freshQuiz();
    expect(p.answer({ kind: 'number', value: 4096 }).correct).toBe(false);
  });

  it('refuses a smaps observation without a field', () => {
    const pack = loadPack(
      packOf({
        'a.yaml': lesson(`  - title: x
    run:
      - spawn: P
    quiz:
      id: q
      kind: number
      prompt: "Which?"
      observe: { what: smaps, process: P }
`),
      }),
      'user',
    );
    expect(pack.diagnostics.some((d) => d.severity === 'error' && /needs "field"/.test(d.message))).toBe(true);
  });
});
