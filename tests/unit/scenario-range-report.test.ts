// Range accesses, bounded repeats and readings in the middle of a run: a fork experiment
// over 64 pages in a few lines, with "before" and "after" from one scenario.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../core/scenario/load.ts';
import { formatTrace } from '../../core/scenario/trace.ts';
import { labelled, runText } from '../helpers/scenario.ts';

const FORK64 = `
machine: x86-64
steps:
  - spawn: P
  - mmap: { process: P, length: 0x40000, addr: 0x10000000, name: buf }
  - write: { process: P, addr: 0x10000000, pages: 64, value: 7, label: fill }
  - report: { label: before }
  - fork: { parent: P, child: C }
  - report: { label: after-fork }
  - write: { process: C, addr: 0x10000000, length: 0x20000, value: 9, label: half }
  - report: { process: C, smaps: true, label: after-writes }
`;

describe('range accesses', () => {
  const run = runText(FORK64);

  it('touch one address per page, each with its own fault and events', () => {
    const fill = labelled(run, 'fill');
    expect(fill.accesses).toHaveLength(64);
    expect(fill.accesses!.every((a) => a.faults.map((f) => f.resolution).join() === 'demand-zero')).toBe(true);
    expect(new Set(fill.accesses!.map((a) => a.pfn)).size).toBe(64);
    expect(fill.events.filter((e) => e.type === 'fault')).toHaveLength(64);
    expect(fill.access).toEqual(fill.accesses![63]);
  });

  it('cover [addr, addr+length) every stride bytes', () => {
    const half = labelled(run, 'half');
    expect(half.accesses!.map((a) => a.va)).toEqual(Array.from({ length: 32 }, (_, i) => 0x10000000 + i * 4096));
    expect(half.accesses!.every((a) => a.faults[0]?.resolution === 'cow-copy')).toBe(true);
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - write: { process: P, addr: 0x3000, length: 16, stride: 4, size: 4, value: 0x01020304, label: w }
  - read: { process: P, addr: 0x3008, size: 4, label: r }
`);
    expect(labelled(r, 'w').accesses!.map((a) => a.va)).toEqual([0x3000, 0x3004, 0x3008, 0x300c]);
    expect(labelled(r, 'r').value).toBe(0x01020304);
  });

  it('stop at a segmentation fault', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - write: { process: P, addr: 0x3000, pages: 4, label: w }
`);
    const w = labelled(r, 'w');
    expect(w.accesses).toHaveLength(2); // heap page, then 0x4000 lies in no area
    expect(w.access!.segfault).toMatch(/no memory area contains 0x4000/);
  });

  it('refuse pages and length together, and ranges past the work budget', () => {
    const both = loadScenario(`machine: teaching-16\nsteps:\n  - spawn: P\n  - read: { process: P, addr: 0x3000, pages: 2, length: 8192 }\n`, 'x.yaml');
    expect(both.diagnostics.some((d) => /"pages" or "length", not both/.test(d.message))).toBe(true);
    const big = runText(`machine: x86-64\nsteps:\n  - spawn: P\n  - read: { process: P, addr: 0x10000000, length: 0x100000000, stride: 1, label: r }\n`);
    expect(labelled(big, 'r').error).toMatch(/at most 65536/);
  });
});

describe('repeat', () => {
  it('unrolls its steps, numbering the labels inside', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - repeat:
      times: 3
      steps:
        - write: { process: P, addr: 0x3000, value: 1, label: w }
        - read: { process: P, addr: 0x3000 }
`);
    expect(r.results).toHaveLength(7);
    expect(labelled(r, 'w#1').access!.faults).toHaveLength(1);
    expect(labelled(r, 'w#3').access!.faults).toHaveLength(0);
  });

  it('points at the step inside the repeat when one is wrong, and bounds the unrolled total', () => {
    const bad = loadScenario(`machine: teaching-16\nsteps:\n  - repeat:\n      times: 2\n      steps:\n        - read: { process: Q, addr: 0x3000 }\n`, 'x.yaml');
    const d = bad.diagnostics.find((x) => /no process named "Q"/.test(x.message))!;
    expect(d.line).toBe(6);
    const huge = loadScenario(`machine: teaching-16\nsteps:\n  - spawn: P\n  - repeat: { times: 10000, steps: [{ repeat: { times: 20, steps: [{ note: x }] } }] }\n`, 'x.yaml');
    expect(huge.diagnostics.some((x) => /limit is 100000/.test(x.message))).toBe(true);
  });
});

describe('report', () => {
  const run = runText(FORK64);

  it('records a reading at that point: before the fork private, after it shared', () => {
    const before = labelled(run, 'before').reading!;
    const after = labelled(run, 'after-fork').reading!;
    const P0 = before.processes.find((p) => p.name === 'P')!;
    expect(P0.smapsRollup).toMatchObject({ rss: 64 * 4096, privateDirty: 64 * 4096, sharedDirty: 0 });
    const P1 = after.processes.find((p) => p.name === 'P')!;
    expect(P1.smapsRollup).toMatchObject({ rss: 64 * 4096, pss: 32 * 4096, sharedDirty: 64 * 4096, privateDirty: 0 });
    expect(after.processes.map((p) => p.name)).toEqual(['P', 'C']);
    expect(before.freeFrames - after.freeFrames).toBeGreaterThan(0); // the child's page tables
  });

  it('can be limited to one process, and keeps TLB and statistics figures', () => {
    const last = labelled(run, 'after-writes').reading!;
    expect(last.processes.map((p) => p.name)).toEqual(['C']);
    expect(last.stats.cowCopies).toBe(32);
    expect(last.tlb).toHaveLength(2);
  });

  it('is printed by the trace, with the smaps table when asked', () => {
    const text = formatTrace(run.results, false, run.profile);
    expect(text).toMatch(/\[4\] report \(before\): reading: \d+ free frames; P RSS 64 PSS 64 pages/);
    expect(text).toMatch(/C \(pid 2\): Rss 256 kB, Pss 192 kB, Shared 128 kB, Private 128 kB/);
    expect(text).toMatch(/smaps of C \(pid 2\), in kB:/);
  });
});

describe('OPT replacement with range steps', () => {
  // Room for three data pages. The sweep reads pages 1, 2 and 3 (0x1000–0x3fff): page 1 is
  // new, so something must go. OPT counts the sweep's own later accesses: pages 2 and 3
  // are used within the step, page 4 (0x4000) only after it, so page 4 is the victim.
  const run = runText(`
machine: { base: teaching-16, physFrames: 6, swapSlots: 8 }
kernel: { replacement: opt }
steps:
  - spawn: { name: P, layout: empty }
  - mmap: { process: P, addr: 0x1000, length: 0x5000 }
  - write: { process: P, addr: 0x2000, pages: 3, value: 1, label: fill }
  - read: { process: P, addr: 0x1000, pages: 3, label: sweep }
  - read: { process: P, addr: 0x4000, label: later }
`);

  it('sees the pages inside a range step, its own remaining accesses first', () => {
    const sweep = labelled(run, 'sweep');
    expect(sweep.accesses!.map((a) => a.faults.map((f) => f.resolution).join() || 'hit')).toEqual(['demand-zero', 'hit', 'hit']);
    expect(sweep.events.find((e) => e.type === 'evict')).toMatchObject({ policy: 'opt' });
    expect(labelled(run, 'later').access!.faults.map((f) => f.resolution)).toEqual(['swap-in']);
  });
});
