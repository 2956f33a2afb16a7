/*
 * Simulator benchmark: translations per second on TLB-hit-dominated and walk-dominated
 * traces (Sv39 and x86-64), and the cost of one interactive step with its events and
 * snapshot. Prints figures; asserts nothing (see README for the recorded results).
 *
 *   npm run bench
 */
import { Machine } from '../core/sim/machine.ts';
import { BUILTIN_PROFILES, type MachineProfile } from '../core/sim/profile.ts';
import { takeSnapshot } from '../core/sim/snapshot.ts';
import { ScenarioRun } from '../core/scenario/run.ts';
import { loadScenario } from '../core/scenario/load.ts';

function setup(profileId: string, pages: number, tlbEntries: number | null) {
  const profile: MachineProfile = structuredClone(BUILTIN_PROFILES[profileId]);
  profile.physFrames = 4096;
  profile.swapSlots = 0;
  if (tlbEntries !== null) profile.tlb = { ...profile.tlb, entries: tlbEntries, ways: tlbEntries === 0 ? 1 : profile.tlb.ways };
  const m = new Machine(profile, { seed: 1 });
  m.events = null;
  const p = m.spawn('bench');
  const area = m.mmap(p.pid, { length: pages * m.pageSize, perms: { read: true, write: true, exec: false }, shared: false });
  const tid = m.mainThread(p.pid).tid;
  for (let i = 0; i < pages; i++) m.access(tid, area.start + i * m.pageSize, 'write', { value: i });
  const addrs = new Float64Array(1 << 16);
  for (let i = 0; i < addrs.length; i++) addrs[i] = area.start + ((i * 7919) % pages) * m.pageSize + ((i * 13) % m.pageSize);
  return { m, p, tid, addrs };
}

/** Raw MMU translations (TLB lookup, walk on a miss, permission check, A/D bits). */
function translations(profileId: string, pages: number, tlbEntries: number | null, seconds = 1): number {
  const { m, p, addrs } = setup(profileId, pages, tlbEntries);
  const cpu = m.cpus[0];
  const mmu = m.mmu;
  const mask = addrs.length - 1;
  let n = 0;
  let sink = 0;
  // Warm up the JIT.
  for (let i = 0; i < 200_000; i++) if (mmu.translate(cpu.tlb, 0, p.asid, p.root, addrs[i & mask], 'read', true, null)) sink += mmu.pa;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 100_000; i++, n++) {
      if (mmu.translate(cpu.tlb, 0, p.asid, p.root, addrs[n & mask], 'read', true, null)) sink += mmu.pa;
    }
    now = performance.now();
  }
  if (sink === -1) console.log(sink);
  return n / ((now - start) / 1000);
}

/** Whole kernel accesses (thread, context, translation, fault check, memory read). */
function accesses(profileId: string, pages: number, seconds = 1): number {
  const { m, tid, addrs } = setup(profileId, pages, null);
  const mask = addrs.length - 1;
  let n = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 20_000; i++, n++) m.access(tid, addrs[n & mask], 'read');
    now = performance.now();
  }
  return n / ((now - start) / 1000);
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** One interactive step as the app does it: apply a step, collect its events, take a snapshot. */
function interactiveStep(profileId: string): { p50: number; p95: number; stepOnly: number } {
  const doc = `machine: ${profileId}\nsteps:\n  - spawn: A\n  - spawn: B\n  - spawn: C\n  - spawn: D\n`;
  const loaded = loadScenario(doc);
  const run = new ScenarioRun(loaded.scenario!, loaded.profile!);
  run.runAll();
  const ps = run.machine.pageSize;
  const heap = run.machine.process(run.pidOf('A')).heapStart;
  for (const who of ['A', 'B', 'C', 'D']) for (let i = 0; i < 12; i++) run.apply({ op: 'mmap', args: { process: who, length: ps } });
  const times: number[] = [];
  const stepTimes: number[] = [];
  // The first 2000 steps warm the JIT up; the figures are the steady state a learner sees.
  for (let i = 0; i < 7000; i++) {
    const who = ['A', 'B', 'C', 'D'][i % 4];
    const t0 = performance.now();
    const r = run.apply({ op: i % 3 === 0 ? 'write' : 'read', args: { process: who, addr: heap + ((i * 5) % 1) * ps + (i % 64), value: i & 0xff } });
    const t1 = performance.now();
    const snap = takeSnapshot(run.machine);
    const t2 = performance.now();
    if (r.events.length === 0 || snap.frames.length === 0) throw new Error('no events');
    if (i >= 2000) {
      times.push(t2 - t0);
      stepTimes.push(t1 - t0);
    }
    run.results.length = 0;
  }
  return { p50: percentile(times, 0.5) * 1000, p95: percentile(times, 0.95) * 1000, stepOnly: percentile(stepTimes, 0.5) * 1000 };
}

const fmt = (x: number) => (x / 1e6).toFixed(1) + ' M/s';
console.log('Pagewalk simulator benchmark (one core; figures vary with machine load)\n');
for (const id of ['sv39', 'x86-64']) {
  const hit = translations(id, 16, null);
  const walk = translations(id, 2048, 0);
  console.log(`${id.padEnd(7)} translations, TLB-hit dominated (16 pages, ${BUILTIN_PROFILES[id].tlb.entries}-entry TLB): ${fmt(hit)}   target ≥ 20 M/s`);
  console.log(`${id.padEnd(7)} translations, full ${BUILTIN_PROFILES[id].levels.length}-level walk every time (TLB off, 2048 pages): ${fmt(walk)}   target ≥ 5 M/s`);
  console.log(`${id.padEnd(7)} kernel accesses incl. memory read, TLB-hit dominated: ${fmt(accesses(id, 16))}`);
}
for (const id of ['x86-64', 'teaching-16']) {
  const s = interactiveStep(id);
  console.log(`interactive step on ${id} (4 processes; step + events + full snapshot): p50 ${s.p50.toFixed(1)} µs, p95 ${s.p95.toFixed(1)} µs (step alone p50 ${s.stepOnly.toFixed(1)} µs)   target < 50 µs`);
}
