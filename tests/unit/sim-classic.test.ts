// The classic worked example of virtual memory, on the 16-bit teaching machine.
import { describe, expect, it } from 'vitest';
import { runText, labelled } from '../helpers/scenario.ts';

describe('two processes, one virtual address (teaching-16)', () => {
  const run = runText(`
machine: teaching-16
steps:
  - spawn: { name: A, layout: empty }
  - spawn: { name: B, layout: empty }
  - map: { process: A, addr: 0x1000, frame: 8 }
  - map: { process: B, addr: 0x1000, frame: 10 }
  - write: { process: A, addr: 0x1000, value: 65, label: wa }
  - write: { process: B, addr: 0x1000, value: 66, label: wb }
  - read: { process: A, addr: 0x1000, label: ra }
  - read: { process: B, addr: 0x1000, label: rb }
`);

  it('maps the same virtual address to physical 0x8000 in A and 0xA000 in B', () => {
    expect(labelled(run, 'wa').access!.pa).toBe(0x8000);
    expect(labelled(run, 'wb').access!.pa).toBe(0xa000);
  });

  it('keeps each process’s value apart', () => {
    expect(labelled(run, 'ra').access!.value).toBe(65);
    expect(labelled(run, 'rb').access!.value).toBe(66);
  });

  it('gives A no virtual address that reaches B’s frame', () => {
    const m = run.machine;
    const a = run.pidOf('A');
    const b = run.pidOf('B');
    const aFrames = m.reachableFrames(a);
    const bFrames = m.reachableFrames(b);
    expect(bFrames.has(10)).toBe(true);
    expect(aFrames.has(10)).toBe(false);
    // Exhaustively: every page of A's 16-page space either faults or lands outside frame 10.
    for (let va = 0; va < 0x10000; va += 0x1000) {
      const q = m.probe(a, va);
      if (q.present && q.perms.read) expect(q.pfn).not.toBe(10);
    }
  });

  it('puts each page table in a frame of its own', () => {
    const snap = run.snapshot();
    const roots = snap.processes.map((p) => p.root);
    expect(new Set(roots).size).toBe(2);
    for (const r of roots) expect(snap.frames[r].kind).toBe('page-table');
  });
});

describe('two threads of one process', () => {
  const run = runText(`
machine: teaching-16
steps:
  - spawn: P
  - thread: { process: P, name: T2, cpu: 1, label: t2 }
  - write: { process: P, addr: 0x2000, value: 7, size: 4, label: global-main }
  - read: { thread: T2, addr: 0x2000, size: 4, label: global-t2 }
  - write: { thread: T2, addr: 0x3000, value: 9, label: heap-t2 }
  - read: { process: P, addr: 0x3000, label: heap-main }
  - fetch: { process: P, addr: 0x1000, label: code-main }
  - fetch: { thread: T2, addr: 0x1000, label: code-t2 }
  - write: { process: P, addr: 0xeff0, value: 1, label: stack-main }
`);

  it('shares globals, heap and code: same frames, same values', () => {
    expect(labelled(run, 'global-t2').access!.value).toBe(7);
    expect(labelled(run, 'global-t2').access!.pfn).toBe(labelled(run, 'global-main').access!.pfn);
    expect(labelled(run, 'heap-main').access!.value).toBe(9);
    expect(labelled(run, 'code-t2').access!.pfn).toBe(labelled(run, 'code-main').access!.pfn);
  });

  it('gives each thread its own stack in its own frames, and runs it on its own CPU', () => {
    const t2 = labelled(run, 't2');
    const stackT2 = t2.area!;
    const w = run.apply({ op: 'write', args: { thread: 'T2', addr: stackT2.end - 16, value: 2 } });
    expect(w.access!.pfn).not.toBe(labelled(run, 'stack-main').access!.pfn);
    expect(stackT2.start).toBeGreaterThanOrEqual(0x4000);
    expect(stackT2.end).toBeLessThanOrEqual(0xb000);
    expect(w.access!.cpu).toBe(1);
    expect(labelled(run, 'stack-main').access!.cpu).toBe(0);
    // One page table for both threads.
    const snap = run.snapshot();
    expect(snap.processes).toHaveLength(1);
    expect(snap.threads.filter((t) => t.pid === run.pidOf('P'))).toHaveLength(2);
  });
});
