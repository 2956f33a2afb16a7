/*
 * Simulator benchmark: translations per second on TLB-hit-dominated and walk-dominated
 * traces (Sv39 and x86-64) with a tight typed-array loop as the yardstick for the TLB hit
 * path, and the cost of one interactive step as the app pays it: the step, its view
 * (snapshot, events, retained log) and the structured clone that carries it to the UI.
 * Prints figures; asserts nothing (see README for the recorded results).
 *
 *   npm run bench
 */
import { Machine } from '../core/sim/machine.ts';
import { BUILTIN_PROFILES, type MachineProfile } from '../core/sim/profile.ts';
import { takeSnapshot } from '../core/sim/snapshot.ts';
import { ScenarioRun } from '../core/scenario/run.ts';
import { loadScenario } from '../core/scenario/load.ts';
import { serialize } from 'node:v8';
import { execFileSync } from 'node:child_process';

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

/**
 * The yardstick for the TLB hit path: a tight loop doing the same set-associative lookup
 * on bare typed arrays (set by mask, compare valid/ASID/VPN per way, refresh the LRU stamp,
 * form the physical address), over the same addresses, filled with the same 16 pages.
 */
function tightTlbLoop(profileId: string, pages: number, seconds = 1): number {
  const { m, addrs } = setup(profileId, pages, null);
  const shape = m.profile.tlb;
  const ways = shape.ways;
  const sets = shape.entries / ways;
  const mask = sets - 1;
  const valid = new Uint8Array(shape.entries);
  const asid = new Int32Array(shape.entries);
  const vpnOf = new Float64Array(shape.entries);
  const pfnOf = new Int32Array(shape.entries);
  const stamp = new Float64Array(shape.entries);
  const ps = m.pageSize;
  for (let i = 0; i < addrs.length; i++) {
    const vpn = Math.floor(addrs[i] / ps);
    const set = vpn & mask;
    let free = -1;
    for (let w = 0; w < ways; w++) if (!valid[set * ways + w] || vpnOf[set * ways + w] === vpn) free = free < 0 ? set * ways + w : free;
    if (free >= 0 && !(valid[free] && vpnOf[free] === vpn)) {
      valid[free] = 1;
      vpnOf[free] = vpn;
      pfnOf[free] = 100 + (vpn % 1000);
    }
  }
  const amask = addrs.length - 1;
  let clock = 0;
  let n = 0;
  let sink = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 100_000; i++, n++) {
      const va = addrs[n & amask];
      const vpn = Math.floor(va / ps);
      const base = (vpn & mask) * ways;
      for (let w = 0; w < ways; w++) {
        const k = base + w;
        if (valid[k] && vpnOf[k] === vpn && asid[k] === 0) {
          stamp[k] = ++clock;
          sink += pfnOf[k] * ps + (va - vpn * ps);
          break;
        }
      }
    }
    now = performance.now();
  }
  if (sink === -1) console.log(sink);
  return n / ((now - start) / 1000);
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** What the app's host keeps and sends back after each step (core/service.ts: the last 300 results). */
const LOG_LIMIT = 300;

interface StepFigures {
  p50: number;
  p95: number;
  stepOnly: number;
  snapshotOnly: number;
  cloneOnly: number;
  bytes: number;
  faults: number;
  swaps: number;
  tlbHits: number;
  accesses: number;
}

/**
 * One interactive step as the app does it: apply a step (4 processes touching their pages
 * at random, on the smaller machines more than memory holds, so there are faults, swap-outs and swap-ins), keep every
 * result as the session does, build the view (snapshot, the step's events, the last 300
 * results) and structured-clone it, which is what IPC and postMessage do.
 */
function interactiveStep(profileId: string, physFrames: number | null, pagesEach: number, total = 7000): StepFigures {
  const doc = JSON.stringify({
    machine: physFrames === null ? { base: profileId, swapSlots: 1024 } : { base: profileId, physFrames, swapSlots: 1024 },
    steps: [{ spawn: 'A' }, { spawn: 'B' }, { spawn: 'C' }, { spawn: 'D' }],
  });
  const loaded = loadScenario(doc, 'bench.json');
  if (!loaded.scenario) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  const run = new ScenarioRun(loaded.scenario, loaded.profile!);
  run.runAll();
  const ps = run.machine.pageSize;
  const who = ['A', 'B', 'C', 'D'];
  const base: number[] = [];
  for (const w of who) {
    const r = run.apply({ op: 'mmap', args: { process: w, length: pagesEach * ps } });
    if (r.error) throw new Error(r.error);
    base.push(r.area!.start);
  }
  const times: number[] = [];
  const stepTimes: number[] = [];
  const snapTimes: number[] = [];
  const cloneTimes: number[] = [];
  let bytes = 0;
  const s0 = { ...run.machine.stats };
  // The first 2/7 of the steps (2000 of 7000) warm the JIT up; the figures are the steady state a learner sees.
  const warm = Math.floor((total * 2) / 7);
  for (let i = 0; i < total; i++) {
    const p = i % 4;
    // A pseudo-random page of that process's area: a working set larger than memory.
    const page = (Math.imul(i >> 2, 2654435761) >>> 16) % pagesEach;
    const t0 = performance.now();
    const r = run.apply({ op: i % 3 === 0 ? 'write' : 'read', args: { process: who[p], addr: base[p] + page * ps + (i % 64), value: i & 0xff } });
    const t1 = performance.now();
    const view = { snapshot: run.snapshot(), events: r.events, log: run.results.slice(-LOG_LIMIT) };
    const t2 = performance.now();
    const sent = structuredClone(view);
    const t3 = performance.now();
    if (r.error || sent.snapshot.processes.length !== 4) throw new Error(r.error ?? 'lost a process');
    if (i >= warm) {
      times.push(t3 - t0);
      stepTimes.push(t1 - t0);
      snapTimes.push(t2 - t1);
      cloneTimes.push(t3 - t2);
    }
    if (i === total - 1) bytes = serialize(view).byteLength;
  }
  const st = run.machine.stats;
  const us = (xs: number[], q = 0.5) => percentile(xs, q) * 1000;
  return {
    p50: us(times),
    p95: us(times, 0.95),
    stepOnly: us(stepTimes),
    snapshotOnly: us(snapTimes),
    cloneOnly: us(cloneTimes),
    bytes,
    faults: st.pageFaults - s0.pageFaults,
    swaps: st.swapOuts - s0.swapOuts + st.swapIns - s0.swapIns,
    tlbHits: st.tlbHits - s0.tlbHits,
    accesses: st.accesses - s0.accesses,
  };
}

/** What one machine size costs, measured in a fresh process so its RSS is its own. */
interface SizeFigures {
  frames: number;
  layout: string;
  loadMs: number;
  forkMs: number;
  snapshotMs: number;
  snapshotBytes: number;
  stepP50: number;
  stepP95: number;
  viewBytes: number;
  records: number;
  rssMiB: number;
  baseRssMiB: number;
}

/**
 * One machine of `frames` 4 KiB frames (x86-64): load it (4 processes, 64 resident pages
 * each), fork one of them, take a snapshot, then the interactive step of interactiveStep.
 * Run in a child process (`--size N`) so the resident set size is this machine's alone.
 */
function machineSize(frames: number): SizeFigures {
  const baseRssMiB = process.memoryUsage().rss / 2 ** 20;
  const t0 = performance.now();
  const doc = JSON.stringify({
    machine: { base: 'x86-64', physFrames: frames, swapSlots: 1024 },
    steps: ['A', 'B', 'C', 'D'].flatMap((w, k) => [
      { spawn: w },
      { mmap: { process: w, length: 64 * 4096, addr: 0x10000000 + k * 0x1000000 } },
      { write: { process: w, addr: 0x10000000 + k * 0x1000000, pages: 64, value: k } },
    ]),
  });
  const loaded = loadScenario(doc, 'size.json');
  if (!loaded.scenario) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  const run = new ScenarioRun(loaded.scenario, loaded.profile!);
  run.runAll();
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  const forked = run.apply({ op: 'fork', args: { parent: 'A', child: 'A2' } });
  const forkMs = performance.now() - t1;
  if (forked.error) throw new Error(forked.error);
  const snaps: number[] = [];
  let snapshotBytes = 0;
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    const snap = run.snapshot();
    snaps.push(performance.now() - t);
    if (i === 0) snapshotBytes = serialize(snap).byteLength;
  }
  const records = run.machine.mem.materialised().records;
  const step = interactiveStep('x86-64', frames, 64, 2800);
  return {
    frames,
    layout: run.machine.mem.layout,
    loadMs,
    forkMs,
    snapshotMs: percentile(snaps, 0.5),
    snapshotBytes,
    stepP50: step.p50,
    stepP95: step.p95,
    viewBytes: step.bytes,
    records,
    rssMiB: process.memoryUsage().rss / 2 ** 20,
    baseRssMiB,
  };
}

const sizeArg = process.argv.indexOf('--size');
if (sizeArg >= 0) {
  console.log(JSON.stringify(machineSize(Number(process.argv[sizeArg + 1]))));
  process.exit(0);
}

/** machineSize in a fresh node process running this file. */
function measureSize(frames: number): SizeFigures {
  const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1], '--size', String(frames)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as SizeFigures;
}

const fmt = (x: number) => (x / 1e6).toFixed(1) + ' M/s';
console.log('Pagewalk simulator benchmark (one core; figures vary with machine load)\n');
for (const id of ['sv39', 'x86-64']) {
  const hit = translations(id, 16, null);
  const tight = tightTlbLoop(id, 16);
  const walk = translations(id, 2048, 0);
  console.log(`${id.padEnd(7)} translations, TLB-hit dominated (16 pages, ${BUILTIN_PROFILES[id].tlb.entries}-entry TLB): ${fmt(hit)}   target ≥ 20 M/s`);
  console.log(`${id.padEnd(7)} the same lookups in a tight typed-array loop: ${fmt(tight)}; MMU hit path = ${(hit / tight).toFixed(2)}× the tight loop   target ≥ 0.5×`);
  console.log(`${id.padEnd(7)} translations, full ${BUILTIN_PROFILES[id].levels.length}-level walk every time (TLB off, 2048 pages): ${fmt(walk)}   target ≥ 5 M/s`);
  console.log(`${id.padEnd(7)} kernel accesses incl. memory read, TLB-hit dominated: ${fmt(accesses(id, 16))}`);
}
for (const [id, frames, pagesEach] of [
  ['teaching-16', null, 6],
  ['x86-64', 192, 64],
  // 16,384 frames (64 MiB): the largest dense memory of 4 KiB frames (bigger ones are below).
  ['x86-64', 16_384, 64],
] as const) {
  const s = interactiveStep(id, frames, pagesEach);
  const mem = `${(frames ?? BUILTIN_PROFILES[id].physFrames).toLocaleString('en-US')} frames`;
  console.log(
    `interactive step, ${id}, ${mem}, 4 processes × ${pagesEach} pages (${s.accesses} accesses: ${s.tlbHits} TLB hits, ${s.faults} faults, ${s.swaps} swap-ins/outs): ` +
      `p50 ${s.p50.toFixed(0)} µs, p95 ${s.p95.toFixed(0)} µs = step ${s.stepOnly.toFixed(0)} + view ${s.snapshotOnly.toFixed(0)} + structuredClone ${s.cloneOnly.toFixed(0)} µs; ${(s.bytes / 1024).toFixed(0)} KiB sent per step`,
  );
}

// Big sparse memories against the largest dense one (16,384 frames, 64 MiB) as the yardstick, each in its own process.
const yard = measureSize(16_384);
const sizeName = (f: number) => (f * 4096 >= 2 ** 30 ? `${(f * 4096) / 2 ** 30} GiB` : `${(f * 4096) / 2 ** 20} MiB`);
const line = (x: SizeFigures, ratio: (a: number, b: number) => string) =>
  `${sizeName(x.frames).padStart(6)} (${x.frames.toLocaleString('en-US')} frames, ${x.layout}): load ${x.loadMs.toFixed(0)} ms${ratio(x.loadMs, yard.loadMs)}, fork ${x.forkMs.toFixed(2)} ms${ratio(x.forkMs, yard.forkMs)}, ` +
  `snapshot ${(x.snapshotMs * 1000).toFixed(0)} µs${ratio(x.snapshotMs, yard.snapshotMs)} and ${(x.snapshotBytes / 1024).toFixed(0)} KiB${ratio(x.snapshotBytes, yard.snapshotBytes)}, ` +
  `interactive step p50 ${x.stepP50.toFixed(0)} µs${ratio(x.stepP50, yard.stepP50)} / p95 ${x.stepP95.toFixed(0)} µs (${(x.viewBytes / 1024).toFixed(0)} KiB sent), ` +
  `${x.records.toLocaleString('en-US')} frame records, RSS ${x.rssMiB.toFixed(0)} MiB (${(x.rssMiB - x.baseRssMiB).toFixed(0)} MiB over the empty process)${ratio(x.rssMiB, yard.rssMiB)}`;
console.log('\nMachine size, x86-64, 4 processes × 64 pages plus a fork (ratios against the 64 MiB dense machine in the same run):');
console.log(line(yard, () => ''));
for (const frames of [262_144, 4_194_304]) console.log(line(measureSize(frames), (a, b) => ` (${(a / b).toFixed(2)}×)`));
