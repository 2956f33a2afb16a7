/*
 * Experiments that run the whole simulated machine (core/scenario/run.ts on a profile
 * from core/sim/profile.ts): TLB reach, page-table overhead, NUMA placement, fork and
 * copy-on-write. Each point builds a fresh ScenarioRun on a copy of the profile with the
 * swept parameter changed, sets the program up with ordinary scenario steps (spawn, mmap,
 * thread, numa-policy, fork), then makes its accesses through the machine's own access
 * path with tracing off, and reads the machine's counters and accounting.
 *
 * Physical memory is raised to what the profile can address (at most the simulator's
 * 64 MiB) and swap turned off, so a point measures the swept effect and never paging.
 */
import { t } from '../i18n/index.ts';
import { layoutText, waysText } from './labels.ts';
import { ScenarioRun } from '../scenario/run.ts';
import type { Step } from '../scenario/schema.ts';
import { residentSizes } from '../sim/accounting.ts';
import { SimError, type Machine } from '../sim/machine.ts';
import { BUILTIN_PROFILES, pageSize, type MachineProfile } from '../sim/profile.ts';
import { Rng } from '../sim/rng.ts';
import { expandRange, MAX_WORK, type ForkSpec, type NumaSpec, type PageTableSpec, type TlbSpec } from './schema.ts';
import { ExperimentError, num, round, text, type ExperimentPlan, type Row } from './types.ts';

/** A copy of a built-in profile with `frames` of physical memory (or as many as it can address, ≤ 64 MiB) and no swap. */
export function roomyProfile(id: string, frames = 16384, change: (p: MachineProfile) => void = () => {}): MachineProfile {
  const base = BUILTIN_PROFILES[id];
  if (!base) throw new ExperimentError(t('graph.exp.error.noMachine', { id }));
  const p: MachineProfile = structuredClone(base);
  // Frames are allocated when the machine is built, so a point asks for what it needs.
  if (!p.numa) p.physFrames = Math.max(p.physFrames, Math.min(2 ** p.pte.pfnBits, Math.floor((64 * 1024 * 1024) / pageSize(p)), frames));
  p.swapSlots = 0;
  change(p);
  return p;
}

function newRun(profile: MachineProfile, seed = 1): ScenarioRun {
  return new ScenarioRun({ machine: profile.id, seed, kernel: {}, files: [], steps: [] }, profile, { trace: false });
}

/** Apply one scenario step; a refusal is an ExperimentError naming the point. */
function step(run: ScenarioRun, op: Step['op'], args: Record<string, unknown>, where: string) {
  const r = run.apply({ op, args });
  if (r.error) throw new ExperimentError(t('graph.exp.error.stepFailed', { where, op, error: r.error }));
  return r;
}

const RW = 'rw';

// ------------------------------------------------------------------------- TLB

/** The virtual addresses of one pass of the pattern, as offsets from the array's start. */
export function tlbPattern(spec: TlbSpec, ps: number): { offsets: Float64Array; bytes: number } {
  const matrix = spec.pattern === 'matrix-row' || spec.pattern === 'matrix-column';
  const bytes = matrix ? Math.ceil((spec.rows * spec.columns * spec.elementBytes) / ps) * ps : spec.pages * ps;
  const n = matrix ? spec.rows * spec.columns : spec.accesses;
  if (n > 1_000_000) throw new ExperimentError(t('graph.exp.error.patternTooBig', { n, max: 1_000_000 }));
  const offsets = new Float64Array(n);
  const rng = new Rng(spec.seed);
  switch (spec.pattern) {
    case 'loop':
      for (let i = 0; i < n; i++) offsets[i] = (i % spec.pages) * ps;
      break;
    case 'stride': {
      const stride = spec.stride ?? 64;
      for (let i = 0; i < n; i++) offsets[i] = (i * stride) % bytes;
      break;
    }
    case 'random':
      for (let i = 0; i < n; i++) offsets[i] = rng.int(spec.pages) * ps + rng.int(ps);
      break;
    case 'matrix-row':
      for (let r = 0, i = 0; r < spec.rows; r++) for (let c = 0; c < spec.columns; c++) offsets[i++] = (r * spec.columns + c) * spec.elementBytes;
      break;
    case 'matrix-column':
      for (let c = 0, i = 0; c < spec.columns; c++) for (let r = 0; r < spec.rows; r++) offsets[i++] = (r * spec.columns + c) * spec.elementBytes;
      break;
  }
  return { offsets, bytes };
}

/** The associativity as the table stores it (an English identifier: CSV and JSON keep it; cellLabel translates it for display). */
const waysLabel = (w: number | 'full') => (w === 'full' ? 'fully associative' : w === 1 ? 'direct-mapped' : `${w}-way`);

/** One TLB point: a fresh machine with this TLB; every page touched once, the TLB flushed, then the pattern measured. */
export function tlbPoint(spec: TlbSpec, entries: number, ways: number | 'full'): Row {
  const w = ways === 'full' ? entries : ways;
  const ps = pageSize(BUILTIN_PROFILES[spec.machine]);
  const { offsets, bytes } = tlbPattern(spec, ps);
  const profile = roomyProfile(spec.machine, 2 * (bytes / ps) + 256, (p) => (p.tlb = { ...p.tlb, entries, ways: w, policy: spec.policy }));
  const run = newRun(profile, spec.seed);
  const where = t('graph.exp.where.tlb', { entries, ways: waysText(ways) });
  step(run, 'spawn', { name: 'P' }, where);
  const base = step(run, 'mmap', { process: 'P', length: bytes, perms: RW, name: 'array' }, where).area!.start;
  const m = run.machine;
  const tid = run.tidOf('P');
  for (let off = 0; off < bytes; off += ps) m.access(tid, base + off, 'write');
  m.flushTlb(null);
  const before = { ...m.stats };
  for (let i = 0; i < offsets.length; i++) m.access(tid, base + offsets[i], 'read');
  const accesses = m.stats.accesses - before.accesses;
  const hits = m.stats.tlbHits - before.tlbHits;
  const misses = m.stats.tlbMisses - before.tlbMisses;
  if (m.stats.pageFaults !== before.pageFaults) throw new ExperimentError(t('graph.exp.error.tlbFaulted', { where }));
  const levels = profile.levels.length;
  return {
    ways: waysLabel(ways),
    entries,
    reach_kib: (entries * ps) / 1024,
    accesses,
    tlb_hits: hits,
    tlb_misses: misses,
    hit_rate: round((hits / accesses) * 100),
    walk_reads: misses * levels,
    cycles: round(spec.hitCycles + (misses / accesses) * levels * spec.memoryCycles),
  };
}

/** The measures of one TLB point (tlbPoint's fields), shared by both TLB sweeps. */
function tlbMeasures() {
  return [
    num('entries', t('graph.exp.col.tlbEntries'), t('graph.exp.unit.entries')),
    num('reach_kib', t('graph.exp.col.tlbReach'), 'KiB'),
    num('accesses', t('graph.exp.unit.accesses'), t('graph.exp.unit.accesses')),
    num('tlb_hits', t('graph.exp.col.tlbHits'), t('graph.exp.unit.hits')),
    num('tlb_misses', t('graph.exp.col.tlbMisses'), t('graph.exp.unit.misses')),
    num('hit_rate', t('graph.exp.col.hitRate'), '%'),
    num('walk_reads', t('graph.exp.col.walkReads'), t('graph.exp.unit.reads')),
    num('cycles', t('graph.exp.col.cycles'), t('graph.exp.unit.cyclesPerAccess')),
  ];
}

/**
 * The same measurement with pages touched on the x axis and one TLB size: the simulator's
 * side of "Measure your own computer". Each point loops over its array (at least twice,
 * so every page is revisited) and the step sits where the array outgrows the TLB's reach.
 */
export function planTlbOverPages(spec: TlbSpec): ExperimentPlan {
  if (spec.pattern.startsWith('matrix')) throw new ExperimentError(t('graph.exp.error.overPagesPattern'));
  const entries = expandRange(spec.entries, 'entries').filter((e) => e >= 1);
  if (entries.length !== 1) throw new ExperimentError(t('graph.exp.error.overPagesEntries', { n: entries.length }));
  const e = entries[0];
  const pageCounts = expandRange(spec.pageCounts, 'pageCounts').filter((n) => n >= 1);
  const ways = spec.ways.filter((w) => w === 'full' || (w <= e && e % w === 0));
  if (ways.length === 0 || pageCounts.length === 0) throw new ExperimentError(t('graph.exp.error.noPagePoint'));
  const accessesAt = (n: number) => Math.max(spec.accesses, 2 * n);
  const work = ways.length * pageCounts.reduce((sum, n) => sum + accessesAt(n) + n, 0);
  if (work > MAX_WORK / 20) throw new ExperimentError(t('graph.exp.error.tooManyAccesses', { work, max: MAX_WORK / 20 }));
  const ps = pageSize(BUILTIN_PROFILES[spec.machine]);
  const points: (() => Row[])[] = [];
  for (const w of ways) for (const n of pageCounts) points.push(() => [{ pages: n, ...tlbPoint({ ...spec, pages: n, accesses: accessesAt(n) }, e, w) }]);
  return {
    title: spec.title ?? t('graph.exp.title.tlbOverPages', { pattern: spec.pattern, pages: Math.max(...pageCounts), entries: e, machine: BUILTIN_PROFILES[spec.machine].name }),
    columns: [
      text('ways', t('graph.exp.col.associativity')),
      num('pages', t('graph.exp.col.pagesTouched'), t('graph.exp.unit.pages')),
      ...tlbMeasures(),
    ],
    plot: { x: 'pages', y: ['cycles', 'hit_rate'], series: 'ways', xLog: true },
    points,
    notes: () => [
      t('graph.exp.note.tlbOverPages', { entries: e, reach: (e * ps) / 1024, pageKib: ps / 1024 }) + ' ' + costModel(spec),
    ],
  };
}

export function planTlb(spec: TlbSpec): ExperimentPlan {
  if (spec.over === 'pages') return planTlbOverPages(spec);
  const entries = expandRange(spec.entries, 'entries').filter((e) => e >= 1);
  const ps = pageSize(BUILTIN_PROFILES[spec.machine]);
  const points: (() => Row[])[] = [];
  for (const w of spec.ways) for (const e of entries) if (w === 'full' || (w <= e && e % w === 0)) points.push(() => [tlbPoint(spec, e, w)]);
  if (points.length === 0) throw new ExperimentError(t('graph.exp.error.noTlbPoint'));
  const perPoint = spec.pattern.startsWith('matrix') ? spec.rows * spec.columns : spec.accesses;
  if (perPoint * points.length > MAX_WORK / 20) throw new ExperimentError(t('graph.exp.error.tooManyAccesses', { work: perPoint * points.length, max: MAX_WORK / 20 }));
  const pages = spec.pattern.startsWith('matrix') ? Math.ceil((spec.rows * spec.columns * spec.elementBytes) / ps) : spec.pages;
  return {
    title: spec.title ?? t('graph.exp.title.tlb', { pattern: spec.pattern, pages, machine: BUILTIN_PROFILES[spec.machine].name }),
    columns: [
      text('ways', t('graph.exp.col.associativity')),
      ...tlbMeasures(),
    ],
    plot: { x: 'entries', y: ['hit_rate', 'cycles'], series: 'ways', xLog: true },
    points,
    notes: (rows) => {
      const notes = [t('graph.exp.note.tlbArray', { pages, kib: (pages * ps) / 1024, hitCycles: spec.hitCycles, levels: profile(spec).levels.length, memoryCycles: spec.memoryCycles })];
      for (const w of spec.ways) {
        const mine = rows.filter((r) => r.ways === waysLabel(w)).sort((a, b) => (a.entries as number) - (b.entries as number));
        const best = mine.length ? Math.max(...mine.map((r) => r.hit_rate as number)) : 0;
        const at = mine.find((r) => (r.hit_rate as number) >= best - 1e-9);
        if (at && mine.length > 1) notes.push(t('graph.exp.note.tlbBest', { ways: waysText(w), best, entries: at.entries as number, reach: at.reach_kib as number }));
      }
      return notes;
    },
  };
}

const profile = (spec: { machine: string }) => BUILTIN_PROFILES[spec.machine];

/** The TLB sweeps' cost model, one sentence. */
function costModel(spec: TlbSpec): string {
  return t('graph.exp.note.costModel', { hitCycles: spec.hitCycles, levels: profile(spec).levels.length, memoryCycles: spec.memoryCycles });
}

// ------------------------------------------------------------------------- page tables

/** Frames holding page tables (every process's, the kernel's included). */
export function pageTableFrames(m: Machine): number {
  let n = 0;
  for (const f of m.mem.framesInUse()) if (f.kind === 'page-table') n++;
  return n;
}

/** Lowest and highest+1 user address of an empty address space on this profile. */
function userSpace(p: MachineProfile): { low: number; high: number } {
  const ps = pageSize(p);
  const space = 2 ** p.vaBits;
  const high = p.canonical ? space / 2 : p.layout.kernelBase !== null && p.layout.kernelBase > 0 ? p.layout.kernelBase : space;
  return { low: ps, high };
}

export function pageTablePoint(machine: string, layout: 'dense' | 'sparse', pages: number): Row | null {
  const p = roomyProfile(machine, pages * (BUILTIN_PROFILES[machine]?.levels.length ?? 1) + pages + 256);
  const ps = pageSize(p);
  const { low, high } = userSpace(p);
  const userPages = (high - low) / ps;
  if (pages > userPages) return null;
  const run = newRun(p);
  const where = t('graph.exp.where.pageTables', { machine, pages, layout: layoutText(layout) });
  step(run, 'spawn', { name: 'P', layout: 'empty' }, where);
  const area = step(run, 'mmap', { process: 'P', addr: low, length: high - low, perms: RW, name: 'space' }, where).area!;
  const m = run.machine;
  const pid = run.pidOf('P');
  // Sparse: spread evenly over the whole user space, so no two pages share a leaf table while there is room.
  const gap = layout === 'dense' ? 1 : Math.floor(userPages / pages);
  try {
    for (let i = 0; i < pages; i++) m.populate(pid, area.start + i * gap * ps, null, 'write');
  } catch (e) {
    if (e instanceof SimError) return null;
    throw e;
  }
  if (m.process(pid).alive === false) return null;
  const tables = pageTableFrames(m);
  const tableBytes = tables * ps;
  return { machine, layout, series: `${machine} ${layout}`, pages, table_frames: tables, table_kib: tableBytes / 1024, data_kib: (pages * ps) / 1024, overhead: round((tableBytes / (pages * ps)) * 100) };
}

export function planPageTables(spec: PageTableSpec): ExperimentPlan {
  const xs = expandRange(spec.pages, 'pages').filter((x) => x >= 1);
  const points: (() => Row[])[] = [];
  for (const machine of spec.machines) for (const layout of spec.layouts) for (const x of xs) points.push(() => {
    const r = pageTablePoint(machine, layout, x);
    return r ? [r] : [];
  });
  return {
    title: spec.title ?? t('graph.exp.title.pageTables'),
    columns: [
      text('machine', t('graph.exp.col.machine')),
      text('layout', t('graph.exp.col.layout')),
      text('series', t('graph.exp.col.series')),
      num('pages', t('graph.exp.col.pagesMapped'), t('graph.exp.unit.pages')),
      num('table_frames', t('graph.exp.col.tableFrames'), t('graph.exp.unit.frames')),
      num('table_kib', t('graph.exp.col.tableMemory'), 'KiB'),
      num('data_kib', t('graph.exp.col.memoryMapped'), 'KiB'),
      num('overhead', t('graph.exp.col.overhead'), t('graph.exp.unit.percentOfMapped')),
    ],
    plot: { x: 'pages', y: ['table_frames', 'overhead'], series: 'series', xLog: true },
    points,
    notes: (rows) => {
      const notes = [t('graph.exp.note.pageTables')];
      for (const machine of spec.machines) for (const layout of spec.layouts) {
        const mine = rows.filter((r) => r.machine === machine && r.layout === layout);
        const last = mine[mine.length - 1];
        if (last) notes.push(t('graph.exp.note.pageTablesLast', { machine, layout: layoutText(layout), pages: last.pages as number, frames: last.table_frames as number, overhead: last.overhead as number }));
        const missing = xs.filter((x) => !mine.some((r) => r.pages === x));
        if (missing.length) notes.push(t('graph.exp.note.pageTablesMissing', { machine, layout: layoutText(layout), pages: missing[0], more: missing.length === 1 ? 'no' : 'yes' }));
      }
      return notes;
    },
  };
}

// ------------------------------------------------------------------------- NUMA

/**
 * One NUMA point: the main thread (CPU 0, node 0) allocates and writes every page under
 * the policy; then `threads` worker threads, `far` of them on the other node's CPUs, each
 * read every page `passes` times. Cost: the profile's distance matrix (10 = local).
 */
export function numaPoint(spec: NumaSpec, policy: NumaSpec['policies'][number], far: number): Row {
  const p = roomyProfile(spec.machine);
  if (!p.numa || p.numa.nodes.length < 2) throw new ExperimentError(t('graph.exp.error.noSecondNode', { machine: spec.machine }));
  const run = newRun(p);
  const where = t('graph.exp.where.numa', { policy, far });
  const near = p.numa.nodes[0].cpus;
  const farCpus = p.numa.nodes[1].cpus;
  step(run, 'spawn', { name: 'P', cpu: near[0] }, where);
  const numaPolicy = policy === 'first-touch' || policy === 'interleave' ? { policy } : { policy: 'bind', nodes: [policy === 'bind-0' ? 0 : 1] };
  step(run, 'numa-policy', { process: 'P', ...numaPolicy }, where);
  const ps = pageSize(p);
  const base = step(run, 'mmap', { process: 'P', length: spec.pages * ps, perms: RW, name: 'data' }, where).area!.start;
  const m = run.machine;
  const main = run.tidOf('P');
  for (let i = 0; i < spec.pages; i++) m.access(main, base + i * ps, 'write');
  const workers: number[] = [];
  for (let k = 0; k < spec.threads; k++) {
    const cpus = k < far ? farCpus : near;
    step(run, 'thread', { process: 'P', name: `T${k}`, cpu: cpus[k % cpus.length] }, where);
    workers.push(run.tidOf(`T${k}`));
  }
  const before = { ...m.stats };
  for (const tid of workers) for (let pass = 0; pass < spec.passes; pass++) for (let i = 0; i < spec.pages; i++) m.access(tid, base + i * ps, 'read');
  const local = m.stats.localAccesses - before.localAccesses;
  const remote = m.stats.remoteAccesses - before.remoteAccesses;
  const accesses = local + remote;
  const cost = m.stats.accessCost - before.accessCost;
  return { policy, far_threads: far, far_fraction: round(far / spec.threads), accesses, local, remote, remote_fraction: round((remote / accesses) * 100), avg_cost: round(cost / accesses) };
}

export function planNuma(spec: NumaSpec): ExperimentPlan {
  const points: (() => Row[])[] = [];
  for (const policy of spec.policies) for (let far = 0; far <= spec.threads; far++) points.push(() => [numaPoint(spec, policy, far)]);
  return {
    title: spec.title ?? t('graph.exp.title.numa', { threads: spec.threads, pages: spec.pages, machine: profile(spec).name }),
    columns: [
      text('policy', t('graph.exp.col.allocationPolicy')),
      num('far_threads', t('graph.exp.col.farThreads'), t('graph.exp.unit.threads')),
      num('far_fraction', t('graph.exp.col.farFraction'), t('graph.exp.unit.fraction')),
      num('accesses', t('graph.exp.unit.accesses'), t('graph.exp.unit.accesses')),
      num('local', t('graph.exp.col.localAccesses'), t('graph.exp.unit.accesses')),
      num('remote', t('graph.exp.col.remoteAccesses'), t('graph.exp.unit.accesses')),
      num('remote_fraction', t('graph.exp.col.remoteAccesses'), '%'),
      num('avg_cost', t('graph.exp.col.avgCost'), t('graph.exp.unit.distance')),
    ],
    plot: { x: 'far_threads', y: ['avg_cost', 'remote_fraction'], series: 'policy' },
    points,
    notes: () => [t('graph.exp.note.numa')],
  };
}

// ------------------------------------------------------------------------- fork

/** One fork point: P writes `pages` anonymous pages, forks C, and C writes the first `fraction` of them. */
export function forkPoint(spec: ForkSpec, fraction: number): Row {
  const p = roomyProfile(spec.machine, 3 * spec.pages + 256);
  const run = newRun(p);
  const ps = pageSize(p);
  const where = t('graph.exp.where.fork', { share: Math.round(fraction * 100) });
  step(run, 'spawn', { name: 'P' }, where);
  const base = step(run, 'mmap', { process: 'P', length: spec.pages * ps, perms: RW, name: 'data' }, where).area!.start;
  const m = run.machine;
  const parent = run.tidOf('P');
  for (let i = 0; i < spec.pages; i++) m.access(parent, base + i * ps, 'write', { value: 1 });
  step(run, 'fork', { parent: 'P', child: 'C' }, where);
  const child = run.tidOf('C');
  const written = Math.round(fraction * spec.pages);
  const copies = m.stats.cowCopies;
  for (let i = 0; i < written; i++) m.access(child, base + i * ps, 'write', { value: 2 });
  const sizes = residentSizes(m);
  const inPages = (b: number) => round(b / ps);
  const P = sizes.get(run.pidOf('P'))!;
  const C = sizes.get(run.pidOf('C'))!;
  let used = 0;
  for (const f of m.mem.framesInUse()) if (f.kind !== 'kernel') used++;
  return { written_fraction: round(fraction), written_pages: written, cow_copies: m.stats.cowCopies - copies, frames_used: used, parent_rss: inPages(P.rss), parent_pss: inPages(P.pss), child_rss: inPages(C.rss), child_pss: inPages(C.pss), parent_pss_kib: round(P.pss / 1024), child_pss_kib: round(C.pss / 1024) };
}

export function planFork(spec: ForkSpec): ExperimentPlan {
  const fractions = expandRange(spec.written, 'written', false);
  return {
    title: spec.title ?? t('graph.exp.title.fork', { pages: spec.pages, machine: profile(spec).name }),
    columns: [
      num('written_fraction', t('graph.exp.col.writtenFraction'), t('graph.exp.unit.fraction')),
      num('written_pages', t('graph.exp.col.writtenPages'), t('graph.exp.unit.pages')),
      num('cow_copies', t('graph.exp.col.cowCopies'), t('graph.exp.unit.copies')),
      num('frames_used', t('graph.exp.col.framesUsed'), t('graph.exp.unit.frames')),
      num('parent_rss', t('graph.exp.col.parentRss'), t('graph.exp.unit.pages')),
      num('parent_pss', t('graph.exp.col.parentPss'), t('graph.exp.unit.pages')),
      num('child_rss', t('graph.exp.col.childRss'), t('graph.exp.unit.pages')),
      num('child_pss', t('graph.exp.col.childPss'), t('graph.exp.unit.pages')),
      num('parent_pss_kib', t('graph.exp.col.parentPss'), 'KiB'),
      num('child_pss_kib', t('graph.exp.col.childPss'), 'KiB'),
    ],
    plot: { x: 'written_fraction', y: ['frames_used', 'parent_rss', 'parent_pss', 'child_rss', 'child_pss'], series: null },
    points: fractions.map((f) => () => [forkPoint(spec, f)]),
    notes: () => [t('graph.exp.note.fork', { pages: spec.pages, pageKib: pageSize(profile(spec)) / 1024 }), t('graph.exp.note.forkFrames')],
  };
}
