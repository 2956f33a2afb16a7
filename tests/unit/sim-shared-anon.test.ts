// Shared anonymous memory (MAP_SHARED|MAP_ANONYMOUS) across fork, as Linux does it: an
// unnamed shmem object backs the area, the child's page table starts empty for it and the
// child faults in the very same frames. And a forked child has the kernel area once.
import { describe, expect, it } from 'vitest';
import { labelled, runText } from '../helpers/scenario.ts';

const forkScenario = `
machine: teaching-16
steps:
  - spawn: P
  - mmap: { process: P, length: 4096, shared: true, addr: 0x5000, name: buf }
  - write: { process: P, addr: 0x5000, value: 1, label: parent-write }
  - fork: { parent: P, child: C, label: fork }
  - read: { process: C, addr: 0x5000, label: child-read }
  - write: { process: C, addr: 0x5000, value: 2, label: child-write }
  - read: { process: P, addr: 0x5000, label: parent-read }
`;

describe('a one-page shared anonymous mapping across fork', () => {
  const run = runText(forkScenario);
  const parentWrite = labelled(run, 'parent-write').access!;

  it('lets the child read what the parent wrote (Linux: 1)', () => {
    const r = labelled(run, 'child-read').access!;
    expect(r.value).toBe(1);
    expect(r.pfn).toBe(parentWrite.pfn);
    // fork copied no PTE for the shared area: the child faulted the page in from the object.
    expect(r.faults.map((f) => [f.cause, f.resolution])).toEqual([['not-present', 'minor']]);
  });

  it('lets the parent read what the child wrote (Linux: 2), with no copy-on-write', () => {
    const w = labelled(run, 'child-write').access!;
    expect(w.faults).toEqual([]);
    expect(w.pfn).toBe(parentWrite.pfn);
    const r = labelled(run, 'parent-read').access!;
    expect(r.value).toBe(2);
    expect(labelled(run, 'fork').events.some((e) => e.type === 'cow-share')).toBe(false);
  });

  it('keeps one frame mapped twice, a shmem page rather than an anonymous one', () => {
    const snap = run.snapshot();
    const f = snap.frames[parentWrite.pfn!];
    expect(f.kind).toBe('shm');
    expect(f.refs).toBe(2);
  });

  it('frees the object and its frame once both processes are gone', () => {
    const r = runText(`${forkScenario}  - exit: P\n  - exit: C\n`);
    const snap = r.snapshot();
    expect(snap.files.filter((f) => f.shm)).toEqual([]);
    expect(snap.frames[parentWrite.pfn!].kind).toBe('free');
  });

  it('keeps the object while one process still maps it', () => {
    const r = runText(`${forkScenario}  - exit: P\n  - read: { process: C, addr: 0x5000, label: after }\n`);
    expect(labelled(r, 'after').access!.value).toBe(2);
    expect(r.snapshot().files.filter((f) => f.shm)).toHaveLength(1);
  });

  it('gives two separate shared anonymous mappings two separate objects', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - mmap: { process: P, length: 4096, shared: true, addr: 0x5000 }
  - mmap: { process: P, length: 4096, shared: true, addr: 0x6000 }
  - write: { process: P, addr: 0x5000, value: 7 }
  - read: { process: P, addr: 0x6000, label: other }
`);
    expect(labelled(r, 'other').access!.value).toBe(0);
    expect(r.snapshot().files.filter((f) => f.shm)).toHaveLength(2);
  });

  it('still copies private anonymous memory on write (the opposite case)', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - mmap: { process: P, length: 4096, shared: false, addr: 0x5000 }
  - write: { process: P, addr: 0x5000, value: 1 }
  - fork: { parent: P, child: C }
  - write: { process: C, addr: 0x5000, value: 2 }
  - read: { process: P, addr: 0x5000, label: parent }
`);
    expect(labelled(r, 'parent').access!.value).toBe(1);
  });
});

describe('fork and the kernel area', () => {
  it('lists the kernel area once in the child, as in the parent', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - fork: { parent: P, child: C }
  - fork: { parent: C, child: G }
`);
    for (const p of r.snapshot().processes) {
      expect(p.areas.filter((a) => a.kind === 'kernel')).toHaveLength(1);
      expect(p.areas.map((a) => a.name)).toEqual(r.snapshot().processes[0].areas.map((a) => a.name));
    }
  });
});
