// Kernel behaviour a learner relies on: fork and copy-on-write, exec, exit, brk, stack
// growth, segmentation faults, memory-mapped files, shared memory, RSS/PSS, mprotect.
import { describe, expect, it } from 'vitest';
import { labelled, runText } from '../helpers/scenario.ts';

const DATA = 0x2000; // teaching-16: code 0x1000, data 0x2000, heap 0x3000, stack 0xe000–0xf000, kernel 0xf000
const HEAP = 0x3000;

describe('fork and copy-on-write', () => {
  const run = runText(`
machine: teaching-16
steps:
  - spawn: P
  - write: { process: P, addr: ${HEAP}, value: 11, label: before }
  - fork: { parent: P, child: C, label: fork }
  - read: { process: C, addr: ${HEAP}, label: child-read }
  - write: { process: C, addr: ${HEAP}, value: 22, label: child-write }
  - read: { process: P, addr: ${HEAP}, label: parent-read }
  - write: { process: P, addr: ${HEAP}, value: 33, label: parent-write }
`);
  const before = labelled(run, 'before').access!;

  it('shares the frame after fork, with two references and both PTEs read-only', () => {
    const cowShare = labelled(run, 'fork').events.filter((e) => e.type === 'cow-share');
    expect(cowShare.some((e) => e.type === 'cow-share' && e.pfn === before.pfn && e.refs === 2)).toBe(true);
    expect(labelled(run, 'child-read').access!.pfn).toBe(before.pfn);
    expect(labelled(run, 'child-read').access!.value).toBe(11);
  });

  it('copies the page on the child’s first write, leaving the parent’s value alone', () => {
    const w = labelled(run, 'child-write').access!;
    expect(w.faults.map((f) => [f.cause, f.resolution])).toEqual([['protection', 'cow-copy']]);
    expect(w.pfn).not.toBe(before.pfn);
    expect(labelled(run, 'parent-read').access!.value).toBe(11);
    expect(labelled(run, 'parent-read').access!.pfn).toBe(before.pfn);
  });

  it('lets the last sharer reuse the frame without copying', () => {
    const w = labelled(run, 'parent-write').access!;
    expect(w.faults.map((f) => f.resolution)).toEqual(['cow-reuse']);
    expect(w.pfn).toBe(before.pfn);
    expect(run.machine.mem.frame(before.pfn!).mappings).toHaveLength(1);
  });

  it('does not copy shared mappings: the child faults them in from the page cache', () => {
    const r = runText(`
machine: teaching-16
files: [{ name: f.txt, content: "hello" }]
steps:
  - spawn: P
  - mmap: { process: P, file: f.txt, length: 4096, shared: true, addr: 0x5000 }
  - read: { process: P, addr: 0x5000, label: p }
  - fork: { parent: P, child: C }
  - read: { process: C, addr: 0x5000, label: c }
`);
    expect(labelled(r, 'p').access!.faults[0].resolution).toBe('file-read');
    const c = labelled(r, 'c').access!;
    expect(c.faults[0].resolution).toBe('page-cache-hit');
    expect(c.pfn).toBe(labelled(r, 'p').access!.pfn);
    expect(c.value).toBe('h'.charCodeAt(0));
  });

  it('shares code frames between processes running the same program', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: { name: A, program: sh }
  - spawn: { name: B, program: sh }
  - spawn: { name: C, program: ls }
  - fetch: { process: A, addr: 0x1000, label: a }
  - fetch: { process: B, addr: 0x1000, label: b }
  - fetch: { process: C, addr: 0x1000, label: c }
`);
    expect(labelled(r, 'a').access!.faults[0].resolution).toBe('file-read');
    expect(labelled(r, 'b').access!.faults[0].resolution).toBe('page-cache-hit');
    expect(labelled(r, 'b').access!.pfn).toBe(labelled(r, 'a').access!.pfn);
    expect(labelled(r, 'c').access!.pfn).not.toBe(labelled(r, 'a').access!.pfn);
  });

  it('copies eagerly on a machine whose PTEs have no write bit (tiny-2level)', () => {
    const r = runText(`
machine: tiny-2level
steps:
  - spawn: P
  - write: { process: P, addr: 0x80, value: 5, label: w }
  - fork: { parent: P, child: C, label: fork }
  - read: { process: C, addr: 0x80, label: c }
`);
    expect(labelled(r, 'c').access!.value).toBe(5);
    expect(labelled(r, 'c').access!.pfn).not.toBe(labelled(r, 'w').access!.pfn);
    expect(labelled(r, 'fork').events.some((e) => e.type === 'cow-copy')).toBe(true);
  });
});

describe('exit, exec, brk and the stack', () => {
  it('returns every frame when the last process exits', () => {
    const r = runText(`
machine: x86-64
steps:
  - spawn: P
  - write: { process: P, addr: 0x402000, value: 1 }
  - fork: { parent: P, child: C }
  - write: { process: C, addr: 0x402000, value: 2 }
  - mmap: { process: C, length: 8192, label: m }
  - exit: C
  - exit: P
`);
    const snap = r.snapshot();
    const used = snap.frames.filter((f) => f.kind !== 'free' && f.kind !== 'kernel' && f.kind !== 'file');
    expect(used).toEqual([]);
    expect(snap.processes.every((p) => !p.alive)).toBe(true);
  });

  it('exec replaces the address space but keeps the pid', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - write: { process: P, addr: ${HEAP}, value: 9 }
  - mmap: { process: P, length: 4096, addr: 0x6000 }
  - exec: { process: P, program: ls, label: exec }
  - read: { process: P, addr: ${HEAP}, label: after }
`);
    const pid = r.pidOf('P');
    expect(labelled(r, 'exec').pid).toBe(pid);
    expect(labelled(r, 'after').access!.value).toBe(0);
    expect(labelled(r, 'after').access!.faults[0].resolution).toBe('demand-zero');
    expect(r.snapshot().processes[0].areas.map((a) => a.name)).not.toContain('anon@0x6000');
    expect(r.snapshot().processes[0].program).toBe('ls');
  });

  it('grows the heap with brk and faults beyond the break', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - brk: { process: P, grow: 4096 }
  - write: { process: P, addr: 0x4000, value: 1, label: ok }
  - brk: { process: P, grow: -4096 }
  - write: { process: P, addr: 0x4000, value: 1, label: gone }
`);
    expect(labelled(r, 'ok').access!.ok).toBe(true);
    expect(labelled(r, 'gone').access!.segfault).toMatch(/no memory area/);
  });

  it('grows the stack down on a fault just below it, up to its limit', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - write: { process: P, addr: 0xdff0, value: 1, label: grow }
  - spawn: Q
  - write: { process: Q, addr: 0x8000, value: 1, label: far }
`);
    expect(labelled(r, 'grow').access!.faults.map((f) => f.resolution)).toContain('stack-growth');
    expect(labelled(r, 'far').access!.segfault).not.toBeNull();
  });
});

describe('segmentation faults end the process with a reason', () => {
  const cases: [string, string, RegExp][] = [
    ['write to code', `write: { process: P, addr: 0x1000, value: 1 }`, /read-only code/],
    ['execute data', `fetch: { process: P, addr: ${DATA} }`, /non-executable data/],
    ['touch the kernel', `read: { process: P, addr: 0xf000 }`, /kernel memory/],
    ['unmapped gap', `read: { process: P, addr: 0x9000 }`, /no memory area/],
  ];
  for (const [name, step, reason] of cases) {
    it(name, () => {
      const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - ${step.replace('}', ', label: bad }')}
`);
      const res = labelled(r, 'bad').access!;
      expect(res.segfault).toMatch(reason);
      expect(r.machine.process(r.pidOf('P')).alive).toBe(false);
      expect(r.machine.process(r.pidOf('P')).exitReason).toMatch(/^segmentation fault/);
    });
  }

  it('lets kernel mode touch the kernel page', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - read: { process: P, addr: 0xf000, mode: kernel, label: k }
`);
    expect(labelled(r, 'k').access!.ok).toBe(true);
    expect(labelled(r, 'k').access!.pfn).toBe(0);
  });
});

describe('memory-mapped files', () => {
  const run = runText(`
machine: teaching-16
files:
  - { name: data.bin, size: 8192, content: "ABCDEFGH" }
steps:
  - spawn: P
  - spawn: Q
  - mmap: { process: P, file: data.bin, length: 8192, shared: true, addr: 0x5000 }
  - mmap: { process: Q, file: data.bin, length: 8192, shared: false, addr: 0x7000 }
  - read: { process: P, addr: 0x5001, label: p-read }
  - read: { process: Q, addr: 0x7001, label: q-read }
  - write: { process: Q, addr: 0x7001, value: 0x7a, label: q-write }
  - write: { process: P, addr: 0x5002, value: 0x79, label: p-write }
  - read: { process: Q, addr: 0x7002, label: q-sees }
  - munmap: { process: P, addr: 0x5000, length: 8192, label: unmap }
`);

  it('reads the file page once into the page cache and shares it', () => {
    expect(labelled(run, 'p-read').access!.value).toBe('B'.charCodeAt(0));
    expect(labelled(run, 'p-read').access!.faults[0].resolution).toBe('file-read');
    expect(labelled(run, 'q-read').access!.faults[0].resolution).toBe('page-cache-hit');
    expect(labelled(run, 'q-read').access!.pfn).toBe(labelled(run, 'p-read').access!.pfn);
  });

  it('gives a private mapping its own copy on write', () => {
    const w = labelled(run, 'q-write').access!;
    expect(w.faults[0].resolution).toBe('cow-copy');
    expect(w.pfn).not.toBe(labelled(run, 'p-read').access!.pfn);
  });

  it('a shared mapping writes into the page cache; a private copy taken earlier does not see it', () => {
    expect(labelled(run, 'p-write').access!.pfn).toBe(labelled(run, 'p-read').access!.pfn);
    expect(labelled(run, 'q-sees').access!.value).toBe('C'.charCodeAt(0));
  });

  it('writes dirty shared pages back to the file on munmap; private changes never reach it', () => {
    expect(labelled(run, 'unmap').events.some((e) => e.type === 'write-back' && e.file === 'data.bin')).toBe(true);
    const file = run.machine.files.get('data.bin')!;
    expect(String.fromCharCode(...file.data.subarray(0, 4))).toBe('ABy'.padEnd(3) + 'D');
  });
});

describe('shared memory', () => {
  it('maps one frame into two processes at different virtual addresses', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: A
  - spawn: B
  - shm-create: { name: buf, size: 4096 }
  - shm-map: { process: A, name: buf, addr: 0x5000 }
  - shm-map: { process: B, name: buf, addr: 0x8000 }
  - write: { process: A, addr: 0x5010, value: 42, label: a }
  - read: { process: B, addr: 0x8010, label: b }
`);
    const a = labelled(r, 'a').access!;
    const b = labelled(r, 'b').access!;
    expect(b.value).toBe(42);
    expect(b.pfn).toBe(a.pfn);
    const snap = r.snapshot();
    expect(snap.frames[a.pfn!].refs).toBe(2);
    // Each process holds half of the shared page in its PSS.
    const A = snap.processes.find((p) => p.name === 'A')!;
    expect(A.pss % 4096).toBe(2048);
  });
});

describe('RSS and PSS', () => {
  it('count resident pages, sharing them out by mapping count (smaps)', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - write: { process: P, addr: ${HEAP}, value: 1 }
  - write: { process: P, addr: ${DATA}, value: 1 }
  - fork: { parent: P, child: C }
`);
    const snap = r.snapshot();
    const P = snap.processes.find((p) => p.name === 'P')!;
    const C = snap.processes.find((p) => p.name === 'C')!;
    expect(P.rss).toBe(2 * 4096);
    expect(C.rss).toBe(2 * 4096);
    expect(P.pss).toBe(4096);
    expect(C.pss).toBe(4096);
  });
});

describe('mprotect', () => {
  it('makes a page read-only so that a write segfaults, and writable again', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - spawn: Q
  - write: { process: P, addr: ${HEAP}, value: 1 }
  - mprotect: { process: P, addr: ${HEAP}, length: 4096, perms: r }
  - read: { process: P, addr: ${HEAP}, label: read }
  - write: { process: Q, addr: ${HEAP}, value: 1 }
  - mprotect: { process: Q, addr: ${HEAP}, length: 4096, perms: r }
  - mprotect: { process: Q, addr: ${HEAP}, length: 4096, perms: rw }
  - write: { process: Q, addr: ${HEAP}, value: 2, label: rw }
  - write: { process: P, addr: ${HEAP}, value: 2, label: ro }
`);
    expect(labelled(r, 'read').access!.ok).toBe(true);
    expect(labelled(r, 'rw').access!.ok).toBe(true);
    expect(labelled(r, 'ro').access!.segfault).toMatch(/read-only/);
  });
});

describe('errors the kernel reports without crashing', () => {
  it('refuses mmap over an existing area, and the run goes on', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - mmap: { process: P, length: 4096, addr: 0x1000, label: clash }
  - read: { process: P, addr: 0x1000, label: next }
`);
    expect(labelled(r, 'clash').error).toMatch(/overlaps the code area/);
    expect(labelled(r, 'next').access!.ok).toBe(true);
  });

  it('reports a step on a dead process as an error', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - exit: P
  - read: { process: P, addr: 0x1000, label: late }
`);
    expect(labelled(r, 'late').error).toMatch(/not running/);
  });
});
