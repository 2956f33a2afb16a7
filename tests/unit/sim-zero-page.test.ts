// The shared zero page (a kernel option, off by default): a read of a never-written private
// anonymous page maps one shared frame of zeros read-only, costing nothing in RSS; the first
// write takes a copy-on-write fault that gives the page a zeroed frame of its own.
import { describe, expect, it } from 'vitest';
import { labelled, runText } from '../helpers/scenario.ts';

const HEAP = 0x3000;

describe('the zero page', () => {
  const run = runText(`
machine: teaching-16
kernel: { zeroPage: true }
steps:
  - spawn: P
  - spawn: Q
  - read: { process: P, addr: ${HEAP}, label: p-read }
  - read: { process: Q, addr: ${HEAP}, label: q-read }
  - report: { label: after-reads }
  - write: { process: P, addr: ${HEAP}, value: 5, label: p-write }
  - read: { process: Q, addr: ${HEAP}, label: q-again }
  - report: { label: after-write }
`);

  it('maps a first read to the one shared zero frame, read-only, without RSS', () => {
    const p = labelled(run, 'p-read').access!;
    const q = labelled(run, 'q-read').access!;
    expect(p.faults.map((f) => f.resolution)).toEqual(['zero-page']);
    expect(p.value).toBe(0);
    expect(q.pfn).toBe(p.pfn);
    expect(p.pfn).toBe(run.machine.zeroPfn);
    for (const proc of labelled(run, 'after-reads').reading!.processes) expect(proc.smapsRollup.rss).toBe(0);
    const page = run.snapshot().processes.find((x) => x.name === 'Q')!.pages.find((pg) => pg.va === HEAP)!;
    expect(page.perms).toBe('r--');
  });

  it('gives the page its own zeroed frame on the first write (copy-on-write), leaving the others on the zero page', () => {
    const w = labelled(run, 'p-write').access!;
    expect(w.faults.map((f) => [f.cause, f.resolution])).toEqual([['protection', 'cow-copy']]);
    expect(w.pfn).not.toBe(run.machine.zeroPfn);
    expect(labelled(run, 'p-write').events.some((e) => e.type === 'fault-resolved' && /zero page/.test(e.detail))).toBe(true);
    expect(labelled(run, 'q-again').access!.value).toBe(0);
    expect(labelled(run, 'q-again').access!.pfn).toBe(run.machine.zeroPfn);
    const after = labelled(run, 'after-write').reading!;
    expect(after.processes.find((x) => x.name === 'P')!.smapsRollup).toMatchObject({ rss: 4096, anonymous: 4096 });
    expect(after.processes.find((x) => x.name === 'Q')!.smapsRollup.rss).toBe(0);
    expect(run.machine.mem.read(run.machine.zeroPfn! * 4096, 1)).toBe(0);
  });

  it('is off by default: a read gets its own zeroed frame (demand-zero)', () => {
    const r = runText(`machine: teaching-16\nsteps:\n  - spawn: P\n  - read: { process: P, addr: ${HEAP}, label: r }\n`);
    expect(labelled(r, 'r').access!.faults.map((f) => f.resolution)).toEqual(['demand-zero']);
    expect(r.machine.zeroPfn).toBeNull();
  });

  it('can be turned on in the middle of a run, and is refused on a machine without a write bit', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - read: { process: P, addr: ${HEAP}, label: before }
  - kernel-option: { zeroPage: true }
  - read: { process: P, addr: 0xd000, label: stack-gap }
  - read: { process: P, addr: 0xe000, label: after }
`);
    expect(labelled(r, 'before').access!.faults[0].resolution).toBe('demand-zero');
    expect(labelled(r, 'after').access!.faults[0].resolution).toBe('zero-page');
    const tiny = runText(`machine: tiny-2level\nsteps:\n  - kernel-option: { zeroPage: true, label: z }\n`);
    expect(labelled(tiny, 'z').error).toMatch(/write bit/);
  });

  it('survives fork: the child shares the zero page too, and its write copies', () => {
    const r = runText(`
machine: teaching-16
kernel: { zeroPage: true }
steps:
  - spawn: P
  - write: { process: P, addr: 0x2000, value: 1 }
  - read: { process: P, addr: ${HEAP} }
  - fork: { parent: P, child: C }
  - read: { process: C, addr: ${HEAP}, label: c-read }
  - write: { process: C, addr: ${HEAP}, value: 3, label: c-write }
  - read: { process: P, addr: ${HEAP}, label: p-read }
`);
    expect(labelled(r, 'c-read').access!.pfn).toBe(r.machine.zeroPfn);
    expect(labelled(r, 'c-write').access!.faults.map((f) => f.resolution)).toEqual(['cow-copy']);
    expect(labelled(r, 'p-read').access!.value).toBe(0);
  });
});
