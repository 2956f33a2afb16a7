/*
 * Predict mode: what the state shown while a quiz is unanswered must hide, because a
 * learner could read the answer from it instead of predicting it.
 *
 *   observation kind                     reveals (and so conceals)
 *   rss, pss                             process-size of that process
 *   free-frames                          free-frames
 *   refcount                             frame-refs of the observed frame
 *   tlb, tlb-sequence                    tlb of every CPU the accesses run on
 *   translation-order                    tlb of that CPU, and the entries on the walk path
 *   physical-address, frame, faults,
 *   fault-cause, fault-level, segfault,
 *   node, cost, remote                   the entries on the walk path (raw values stay)
 *   any access to a memory image         page-tables of the image (raw bytes only)
 *   value, fault-resolution, evicted-*,
 *   reference-*                          nothing: the state does not show the answer
 *
 * "The entries on the walk path" are, per level, the entry the MMU would read for the
 * accessed address, found by walking the snapshot's tables from the process's root; a
 * walk that stops at an invalid entry conceals that entry too (its raw value still shows).
 *
 * An author can replace the computed list with the quiz's `conceal:` field (schema.ts).
 * Everything is computed from the machine the learner looks at (the prepared run) and
 * the filled-in probe: nothing here knows the answer.
 */
import { t } from '../i18n/index.ts';
import type { ScenarioRun } from '../scenario/run.ts';
import type { Step } from '../scenario/schema.ts';
import type { PageTableEntrySnapshot, Snapshot } from '../sim/snapshot.ts';
import type { Probe } from './observe.ts';
import type { Observation } from './schema.ts';
import type { Concealed } from './types.ts';

/** One hop of a walk through the snapshot's tables: the table frame, the index, and the entry there (null: an all-zero entry). */
export interface WalkHop {
  table: number;
  level: number;
  index: number;
  entry: PageTableEntrySnapshot | null;
}

/** Index of `va` at page-table `level` for this machine (the bits of that level's field). */
export function indexAt(snapshot: Pick<Snapshot, 'profile'>, va: number, level: number): number {
  const p = snapshot.profile;
  const lower = p.levels.slice(level + 1).reduce((a, b) => a + b, 0) + p.pageBits;
  return Math.floor(va / 2 ** lower) % 2 ** p.levels[level];
}

/** The entries the MMU reads to translate `va` from the table in frame `root`, as the snapshot shows them. */
export function walkPath(snapshot: Snapshot, root: number, va: number): WalkHop[] {
  const hops: WalkHop[] = [];
  const byFrame = new Map(snapshot.pageTables.map((t) => [t.pfn, t]));
  let table = root;
  for (let level = 0; level < snapshot.profile.levels.length; level++) {
    const index = indexAt(snapshot, va, level);
    const entry = byFrame.get(table)?.entries.find((e) => e.index === index) ?? null;
    hops.push({ table, level, index, entry });
    if (!entry || !entry.valid || entry.leaf) break;
    table = entry.pfn;
  }
  return hops;
}

const WALK_KINDS: ReadonlySet<Observation> = new Set<Observation>(['physical-address', 'frame', 'faults', 'fault-cause', 'fault-level', 'segfault', 'node', 'cost', 'remote', 'translation-order']);
const TLB_KINDS: ReadonlySet<Observation> = new Set<Observation>(['tlb', 'tlb-sequence', 'translation-order']);

/** Who makes an access step, as pid and CPU (null for a walk of the memory image or an unknown name). */
function actorOf(run: ScenarioRun, snapshot: Snapshot, step: Step): { pid: number; cpu: number } | null {
  const a = step.args;
  const names = run.names();
  let tid: number | undefined;
  if (typeof a.thread === 'string') tid = names.threads[a.thread];
  else if (typeof a.process === 'string') {
    const pid = names.processes[a.process];
    tid = snapshot.threads.find((t) => t.pid === pid && t.alive)?.tid;
  }
  const t = snapshot.threads.find((x) => x.tid === tid);
  return t ? { pid: t.pid, cpu: t.cpu } : null;
}

function addEntries(out: Concealed[], table: number, index: number): void {
  const have = out.find((c): c is Extract<Concealed, { what: 'entries' }> => c.what === 'entries' && c.table === table);
  if (!have) out.push({ what: 'entries', table, indexes: [index] });
  else if (have.indexes !== 'all' && !have.indexes.includes(index)) have.indexes.push(index);
}

function addOnce(out: Concealed[], c: Concealed): void {
  if (!out.some((x) => JSON.stringify(x) === JSON.stringify(c))) out.push(c);
}

/** What the prepared machine must hide while this probe's quiz is unanswered. */
export function concealFor(run: ScenarioRun, probe: Probe, snapshot: Snapshot = run.snapshot()): Concealed[] {
  const out: Concealed[] = [];
  const what = probe.what;
  for (const step of probe.accesses) {
    if (step.op === 'translate') {
      // A walk of the memory image: the exercise is decoding the bytes, so no table is decoded for the learner.
      if (WALK_KINDS.has(what) || what === 'value') addOnce(out, { what: 'page-tables', pid: null });
      continue;
    }
    const actor = actorOf(run, snapshot, step);
    if (!actor) continue;
    if (TLB_KINDS.has(what)) addOnce(out, { what: 'tlb', cpu: actor.cpu });
    if (WALK_KINDS.has(what)) {
      const root = snapshot.processes.find((p) => p.pid === actor.pid)?.root;
      if (root === undefined || root < 0) continue;
      for (const hop of walkPath(snapshot, root, step.args.addr as number)) addEntries(out, hop.table, hop.index);
      // The TLB caches the same translation: its entries would give the frame away.
      if (!TLB_KINDS.has(what)) {
        const vpn = Math.floor((step.args.addr as number) / 2 ** snapshot.profile.pageBits);
        if (snapshot.cpus.some((c) => c.id === actor.cpu && c.tlb.entries.some((e) => e.vpn === vpn))) addOnce(out, { what: 'tlb', cpu: actor.cpu });
      }
    }
  }
  switch (what) {
    case 'smaps':
    case 'rss':
    case 'pss':
      if (probe.process !== null && probe.process in run.names().processes) addOnce(out, { what: 'process-size', pid: run.names().processes[probe.process] });
      break;
    case 'free-frames':
      addOnce(out, { what: 'free-frames' });
      break;
    case 'refcount': {
      const pfn = probe.frame ?? (probe.page ? frameOfPage(run, snapshot, probe.page) : null);
      if (pfn !== null) addOnce(out, { what: 'frame-refs', pfn });
      break;
    }
    default:
      break;
  }
  return out;
}

function frameOfPage(run: ScenarioRun, snapshot: Snapshot, page: { process: string; addr: number }): number | null {
  const pid = run.names().processes[page.process];
  const p = snapshot.processes.find((x) => x.pid === pid);
  if (!p) return null;
  const vpn = Math.floor(page.addr / 2 ** snapshot.profile.pageBits);
  return p.pages.find((pg) => pg.vpn === vpn)?.pfn ?? null;
}

/** An author's `conceal:` item, filled in (see schema.ts). */
export type ConcealDoc =
  | { what: 'process-size'; process: string }
  | { what: 'free-frames' }
  | { what: 'frame-refs'; frame?: number; page?: { process: string; addr: number } }
  | { what: 'tlb'; cpu?: number; process?: string }
  | { what: 'walk'; process: string; addr: number }
  | { what: 'page-tables'; process?: string };

/** Turn an author's `conceal:` list into concealments of this machine; names that do not exist are reported. */
export function concealFromDoc(run: ScenarioRun, items: ConcealDoc[], snapshot: Snapshot = run.snapshot()): { conceal: Concealed[]; problems: string[] } {
  const out: Concealed[] = [];
  const problems: string[] = [];
  const names = run.names().processes;
  const pidOf = (name: string): number | null => {
    if (name in names) return names[name];
    problems.push(t('player.problem.concealNoProcess', { name }));
    return null;
  };
  for (const item of items) {
    switch (item.what) {
      case 'process-size': {
        const pid = pidOf(item.process);
        if (pid !== null) addOnce(out, { what: 'process-size', pid });
        break;
      }
      case 'free-frames':
        addOnce(out, { what: 'free-frames' });
        break;
      case 'frame-refs': {
        const pfn = item.frame ?? (item.page ? frameOfPage(run, snapshot, item.page) : null);
        if (pfn === null) problems.push('conceal: frame-refs needs "frame" or the "page" of a resident page');
        else addOnce(out, { what: 'frame-refs', pfn });
        break;
      }
      case 'tlb': {
        let cpu = item.cpu ?? null;
        if (item.process !== undefined) {
          const pid = pidOf(item.process);
          cpu = snapshot.threads.find((t) => t.pid === pid && t.alive)?.cpu ?? null;
        }
        if (cpu === null || !snapshot.cpus.some((c) => c.id === cpu)) problems.push('conceal: tlb needs the "cpu" (or "process") whose TLB to hide');
        else addOnce(out, { what: 'tlb', cpu });
        break;
      }
      case 'walk': {
        const pid = pidOf(item.process);
        const root = snapshot.processes.find((p) => p.pid === pid)?.root;
        if (root !== undefined && root >= 0) for (const hop of walkPath(snapshot, root, item.addr)) addEntries(out, hop.table, hop.index);
        break;
      }
      case 'page-tables':
        addOnce(out, { what: 'page-tables', pid: item.process === undefined ? null : pidOf(item.process) });
        break;
    }
  }
  return { conceal: out, problems };
}
