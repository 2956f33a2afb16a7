// Property-based tests over thousands of random scenarios: whatever a learner (or a
// lesson author) does, the machine's bookkeeping stays true to its page tables.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioRun } from '../../core/scenario/run.ts';
import type { Step } from '../../core/scenario/schema.ts';
import type { Machine } from '../../core/sim/machine.ts';
import { BUILTIN_PROFILES, type MachineProfile } from '../../core/sim/profile.ts';
import { frameAt, takeSnapshot, type Snapshot } from '../../core/sim/snapshot.ts';

const PROCS = ['P0', 'P1', 'P2'];
const THREADS = ['T0', 'T1'];

interface Setup {
  profile: MachineProfile;
  asid: boolean;
  replacement: 'fifo' | 'lru' | 'clock' | 'random' | 'opt' | 'mru';
  zeroPage: boolean;
}

function machines(): fc.Arbitrary<Setup> {
  return fc.record({
    profileId: fc.constantFrom('teaching-16', 'tiny-2level', 'x86-64', 'sv39', 'numa-2node', 'linear-32'),
    small: fc.boolean(),
    asid: fc.boolean(),
    replacement: fc.constantFrom('fifo', 'lru', 'clock', 'random', 'opt', 'mru'),
    zeroPage: fc.boolean(),
  }).map(({ profileId, small, asid, replacement, zeroPage }) => {
    const profile = structuredClone(BUILTIN_PROFILES[profileId]);
    // A small memory forces swapping and eviction; a small swap forces out-of-memory kills.
    if (small && !profile.numa) {
      profile.physFrames = profile.reservedFrames + 10;
      profile.swapSlots = 6;
    }
    // The zero page needs a write bit to stay read-only.
    return { profile, asid, replacement, zeroPage: zeroPage && profile.pte.write !== undefined } as Setup;
  });
}

/** Addresses worth poking at on this machine: every area of the standard layout, plus gaps and the kernel. */
function interestingAddresses(p: MachineProfile): number[] {
  const L = p.layout;
  const ps = 2 ** p.pageBits;
  const data = L.codeBase + L.codePages * ps;
  const heap = data + L.dataPages * ps;
  // Data, heap and stack pages several times over, so that most accesses land somewhere mapped
  // and repeat (TLB hits, copy-on-write breaks, swapping); then code, mmap'd pages, gaps, 0.
  const out = [data, data, heap, heap, heap, L.stackTop - ps, L.stackTop - ps, L.codeBase, L.stackTop - 2 * ps, L.mmapTop - ps, L.mmapTop - 2 * ps, L.mmapTop - 3 * ps, 0];
  if (L.heapPages > 1) out.push(heap + ps, heap + ps);
  if (L.kernelBase !== null) out.push(L.kernelBase);
  const clamped = out.map((a) => Math.max(0, Math.min(a, 2 ** p.vaBits - 1)));
  // On canonical machines the kernel page is written sign-extended (negative in documents);
  // the unextended form above is a non-canonical address (a general-protection fault).
  if (p.canonical && L.kernelBase !== null) clamped.push(L.kernelBase - 2 ** p.vaBits);
  return clamped;
}

function steps(profile: MachineProfile): fc.Arbitrary<Step[]> {
  const ps = 2 ** profile.pageBits;
  const who = fc.oneof(fc.constantFrom(...PROCS).map((process) => ({ process })), fc.constantFrom(...THREADS).map((thread) => ({ thread })));
  const addr = fc.tuple(fc.constantFrom(...interestingAddresses(profile)), fc.integer({ min: 0, max: ps - 1 })).map(([a, o]) => Math.min(a + o, 2 ** profile.vaBits - 1));
  const proc = fc.constantFrom(...PROCS);
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 2, arbitrary: proc.map((name) => ({ op: 'spawn', args: { name } }) as Step) },
    { weight: 20, arbitrary: fc.tuple(who, addr).map(([w, a]) => ({ op: 'read', args: { ...w, addr: a } }) as Step) },
    { weight: 20, arbitrary: fc.tuple(who, addr, fc.integer({ min: 0, max: 255 })).map(([w, a, v]) => ({ op: 'write', args: { ...w, addr: a, value: v } }) as Step) },
    { weight: 4, arbitrary: fc.tuple(proc, proc).map(([parent, child]) => ({ op: 'fork', args: { parent, child } }) as Step) },
    // Ranges: a few pages (or a stride inside one page) read or written in one step.
    {
      weight: 4,
      arbitrary: fc
        .tuple(who, addr, fc.constantFrom('read', 'write'), fc.integer({ min: 1, max: 4 }), fc.boolean())
        .map(([w, a, op, n, byStride]) => ({ op, args: { ...w, addr: Math.floor(a / ps) * ps, ...(byStride ? { length: n * 8, stride: 8 } : { pages: n }), ...(op === 'write' ? { value: n } : {}) } }) as Step),
    },
    { weight: 1, arbitrary: proc.map((process) => ({ op: 'exit', args: { process } }) as Step) },
    { weight: 1, arbitrary: proc.map((process) => ({ op: 'exec', args: { process, program: 'other' } }) as Step) },
    { weight: 2, arbitrary: fc.tuple(proc, fc.constantFrom(...THREADS)).map(([process, name]) => ({ op: 'thread', args: { process, name } }) as Step) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(proc, fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.constantFrom('rw', 'r', 'rwx'), fc.constantFrom(null, 'f', 'shm:s'))
        .map(([process, pages, shared, perms, file]) => ({ op: 'mmap', args: { process, length: pages * ps, shared, perms, ...(file ? { file } : {}) } }) as Step),
    },
    { weight: 2, arbitrary: fc.tuple(proc, addr).map(([process, a]) => ({ op: 'munmap', args: { process, addr: Math.floor(a / ps) * ps, length: ps } }) as Step) },
    {
      weight: 2,
      arbitrary: fc.tuple(proc, addr, fc.constantFrom('r', 'rw', 'rx', '')).map(([process, a, perms]) => ({ op: 'mprotect', args: { process, addr: Math.floor(a / ps) * ps, length: ps, perms } }) as Step),
    },
    { weight: 1, arbitrary: fc.tuple(proc, fc.integer({ min: -2, max: 2 })).map(([process, n]) => ({ op: 'brk', args: { process, grow: n * ps } }) as Step) },
    { weight: 1, arbitrary: fc.constant({ op: 'tlb-flush', args: {} } as Step) },
    { weight: 1, arbitrary: fc.tuple(proc, addr, fc.integer({ min: 0, max: 1 })).map(([process, a, node]) => ({ op: 'migrate', args: { process, addr: a, node } }) as Step) },
  );
  // Start with two processes so most steps have someone to act on.
  const start: Step[] = [
    { op: 'spawn', args: { name: 'P0' } },
    { op: 'spawn', args: { name: 'P1' } },
  ];
  return fc.array(step, { minLength: 5, maxLength: 40, size: 'max' }).map((list) => [...start, ...list]);
}

function newRun(setup: Setup, seed: number, memory?: 'dense' | 'sparse'): ScenarioRun {
  const ps = 2 ** setup.profile.pageBits;
  const run = new ScenarioRun(
    {
      machine: setup.profile.id,
      seed,
      kernel: { asid: setup.asid, replacement: setup.replacement, zeroPage: setup.zeroPage },
      files: [{ name: 'f', content: 'file contents', size: 3 * ps }],
      steps: [],
    },
    setup.profile,
    { memory },
  );
  run.machine.shmCreate('s', 3 * ps);
  return run;
}

/** Fail with a message (plain checks: expect() per frame would dominate the run time). */
function check(ok: boolean, message: () => string): void {
  if (!ok) throw new Error(message());
}

/** Every invariant the machine must keep after every step. */
function checkInvariants(m: Machine): void {
  const snap = takeSnapshot(m);
  // 1. A frame's reference count equals the number of user PTEs that map it.
  const pteCount = new Map<number, number>();
  for (const p of snap.processes) for (const page of p.pages) pteCount.set(page.pfn, (pteCount.get(page.pfn) ?? 0) + 1);
  for (const f of snap.frames) {
    if (f.kind === 'kernel' || f.kind === 'page-table') continue;
    check(f.refs === (pteCount.get(f.pfn) ?? 0), () => `frame ${f.pfn} (${f.kind}) has refs ${f.refs} but ${pteCount.get(f.pfn) ?? 0} PTEs map it`);
    check(f.kind !== 'free' || f.refs === 0, () => `free frame ${f.pfn} is still mapped`);
  }
  // 2. A private writable page is never reachable from two places: a frame mapped more than
  //    once is writable only through shared mappings. (On machines whose PTEs have no write
  //    bit nothing is read-only in hardware, so such a frame must not be shared at all.)
  const pagesOf = new Map(snap.processes.map((p) => [p.pid, new Map(p.pages.map((pg) => [pg.vpn, pg]))]));
  for (const f of snap.frames) {
    if (f.refs < 2) continue;
    for (const map of f.mappings) {
      const area = m.findArea(m.process(map.pid), map.vpn * m.pageSize);
      if (!area || area.shared || !area.perms.write) continue;
      const page = pagesOf.get(map.pid)!.get(map.vpn)!;
      check(m.profile.pte.write !== undefined, () => `frame ${f.pfn} of a private writable area is shared on a machine without a write bit`);
      check(!page.perms.includes('w'), () => `private writable page ${map.vpn} of pid ${map.pid} in shared frame ${f.pfn} is writable`);
    }
  }
  // 3. Every TLB entry agrees with the page table it caches.
  for (const cpu of m.cpus) {
    for (const e of cpu.tlb.entries()) {
      const pid = m.useAsid ? e.asid : cpu.loadedPid;
      check(pid !== null, () => `CPU ${cpu.id} caches translations with no address space loaded`);
      check(m.process(pid!).alive, () => `TLB of CPU ${cpu.id} holds an entry of exited pid ${pid}`);
      const q = m.probe(pid!, e.vpn * m.pageSize);
      check(q.present && q.pfn === e.pfn, () => `TLB entry vpn ${e.vpn} → ${e.pfn} of pid ${pid} disagrees with the page table (${q.present ? `frame ${q.pfn}` : 'not present'})`);
      check(!e.perms.includes('w') || q.perms.write, () => `TLB entry vpn ${e.vpn} of pid ${pid} allows writes the page table forbids`);
    }
  }
  // 4. Free lists and frame kinds agree.
  const listedFree = snap.frames.filter((f) => f.kind === 'free').length;
  const unlisted = snap.framesListed === 'all' ? 0 : snap.totalFrames - snap.frames.length;
  check(snap.freeFrames === listedFree + unlisted, () => 'free list and frame kinds disagree');
  check(snap.framesListed === 'in-use' || snap.frames.length === snap.totalFrames, () => 'a full listing misses frames');
  // 5. smaps: every field of the areas sums to the rollup; Rss is the resident user pages
  //    the page table maps; shared + private = Rss; Anonymous ≤ Rss; over all processes the
  //    Pss of a mapped frame adds up to exactly one page; Swap covers the swapped-out pages.
  const ps = m.pageSize;
  let pssTotal = 0;
  for (const p of snap.processes) {
    if (!p.alive) continue;
    for (const key of Object.keys(p.smaps[0] ?? {}) as (keyof (typeof p.smaps)[0])[]) {
      if (typeof p.smaps[0][key] !== 'number' || key === 'start' || key === 'end') continue;
      const sum = p.smaps.reduce((s, a) => s + (a[key] as number), 0);
      check(Math.abs(sum - (p.smapsRollup as unknown as Record<string, number>)[key]) < 1e-6, () => `pid ${p.pid}: smaps ${key} sums to ${sum}, rollup says ${(p.smapsRollup as unknown as Record<string, number>)[key]}`);
    }
    const r = p.smapsRollup;
    const userPages = p.pages.filter((pg) => frameAt(snap, pg.pfn)?.kind !== 'kernel').length; // the zero page is not in RSS
    check(r.rss === userPages * ps, () => `pid ${p.pid}: smaps Rss ${r.rss} but the page table maps ${userPages} user pages`);
    check(r.rss === p.rss, () => `pid ${p.pid}: rollup Rss ${r.rss} differs from RSS ${p.rss}`);
    for (const a of p.smaps) {
      check(a.sharedClean + a.sharedDirty + a.privateClean + a.privateDirty === a.rss, () => `pid ${p.pid} ${a.area}: shared + private ≠ Rss`);
      check(a.anonymous <= a.rss && a.rss <= a.size, () => `pid ${p.pid} ${a.area}: Anonymous ${a.anonymous}, Rss ${a.rss}, Size ${a.size} out of order`);
      if (a.perms.endsWith('s')) check(a.anonymous === 0, () => `pid ${p.pid} ${a.area}: a shared area counts Anonymous pages`);
    }
    check(r.swap >= p.swapped.length * ps, () => `pid ${p.pid}: smaps Swap ${r.swap} misses swapped-out pages (${p.swapped.length})`);
    pssTotal += r.pss;
  }
  const mappedFrames = snap.frames.filter((f) => f.refs > 0 && f.kind !== 'kernel').length;
  check(Math.abs(pssTotal - mappedFrames * ps) < 1e-6, () => `PSS over all processes is ${pssTotal}, but ${mappedFrames} frames are mapped`);
  // 6. No leaks while running: every frame in use is held by something — a mapping, the
  //    swap cache, its file's page cache, or a live process's page tables.
  const tables = new Set(snap.processes.filter((p) => p.alive).flatMap((p) => p.pageTableFrames));
  const cached = new Set<number>();
  for (const file of m.files.values()) for (const pfn of file.cache.values()) cached.add(pfn);
  const swapCached = new Set(m.swapCache.values());
  for (const f of snap.frames) {
    if (f.kind === 'free' || f.kind === 'kernel' || f.kind === 'image') continue;
    if (f.kind === 'page-table') check(tables.has(f.pfn), () => `page-table frame ${f.pfn} belongs to no live process`);
    else if (f.kind === 'anon') check(f.refs > 0 || swapCached.has(f.pfn), () => `anonymous frame ${f.pfn} is neither mapped nor in the swap cache`);
    else check(cached.has(f.pfn), () => `${f.kind} frame ${f.pfn} is in no page cache`);
  }
}

export { machines, steps, newRun, checkInvariants };

describe('random scenarios', () => {
  it('keep reference counts, private pages and TLBs consistent after every step', () => {
    fc.assert(
      fc.property(
        machines().chain((setup) => fc.tuple(fc.constant(setup), steps(setup.profile), fc.integer({ min: 1, max: 1000 }))),
        ([setup, list, seed]) => {
          const run = newRun(setup, seed);
          for (const s of list) {
            run.apply(s);
            checkInvariants(run.machine);
          }
        },
      ),
      { numRuns: 2000, seed: Number(process.env.PAGEWALK_PROPERTY_SEED ?? 20261125) },
    );
  }, 240_000);

  it('leak no frame and no swap slot once every process has exited', () => {
    fc.assert(
      fc.property(
        machines().chain((setup) => fc.tuple(fc.constant(setup), steps(setup.profile), fc.integer({ min: 1, max: 1000 }))),
        ([setup, list, seed]) => {
          const run = newRun(setup, seed);
          for (const s of list) run.apply(s);
          for (const p of [...run.machine.processes.values()]) if (p.alive) run.machine.exit(p.pid);
          run.machine.shmUnlink('s');
          const snap = takeSnapshot(run.machine);
          const leftovers = snap.frames.filter((f) => f.kind !== 'free' && f.kind !== 'kernel' && !(f.kind === 'file' && f.refs === 0));
          expect(leftovers.map((f) => `${f.pfn}:${f.kind}`)).toEqual([]);
          expect(snap.swap.used).toEqual([]);
          // Shared anonymous areas' unnamed objects go with the last process mapping them.
          expect(snap.files.filter((f) => f.shm)).toEqual([]);
        },
      ),
      { numRuns: 1000, seed: Number(process.env.PAGEWALK_PROPERTY_SEED ?? 7) },
    );
  }, 120_000);

  it('are deterministic: same scenario and seed, byte-identical results and snapshot', () => {
    fc.assert(
      fc.property(
        machines().chain((setup) => fc.tuple(fc.constant(setup), steps(setup.profile), fc.integer({ min: 1, max: 1000 }))),
        ([setup, list, seed]) => {
          const once = () => {
            const run = newRun(structuredClone(setup), seed);
            for (const s of list) run.apply(s);
            return JSON.stringify({ results: run.results, snapshot: run.snapshot() });
          };
          expect(once()).toBe(once());
        },
      ),
      { numRuns: 300, seed: 99 },
    );
  }, 120_000);

  it('give the same results and snapshots on sparse memory as on dense memory', () => {
    // The sparse snapshot lists only frames in use; the dense one lists every frame.
    const inUse = (s: Snapshot) => ({ ...s, framesListed: 'in-use', frames: s.frames.filter((f) => f.kind !== 'free') });
    fc.assert(
      fc.property(
        machines().chain((setup) => fc.tuple(fc.constant(setup), steps(setup.profile), fc.integer({ min: 1, max: 1000 }))),
        ([setup, list, seed]) => {
          const dense = newRun(structuredClone(setup), seed, 'dense');
          const sparse = newRun(structuredClone(setup), seed, 'sparse');
          expect(sparse.machine.mem.layout).toBe('sparse');
          for (const s of list) {
            const a = dense.apply(s);
            const b = sparse.apply(s);
            expect(JSON.stringify(b)).toBe(JSON.stringify(a));
            checkInvariants(sparse.machine);
          }
          expect(JSON.stringify(sparse.snapshot())).toBe(JSON.stringify(inUse(dense.snapshot())));
          for (const f of dense.machine.mem.framesInUse()) expect(sparse.machine.mem.peekFrame(f.pfn)).toEqual(dense.machine.mem.peekFrame(f.pfn));
        },
      ),
      { numRuns: 400, seed: Number(process.env.PAGEWALK_PROPERTY_SEED ?? 1010) },
    );
  }, 240_000);
});
