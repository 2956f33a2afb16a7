/*
 * A step's animation as a list of PHASES, each drawn over the machine as it was then.
 *
 *   keyframes K0 … Kn (core/scenario/keyframes.ts) cut the step's events into segments:
 *   segment k = events[K_k.at, K_k+1.at), which happened on the machine K_k.
 *
 *   phase k    shows K_k; first flashes what changed to make it (the previous segment's
 *              writes: the kernel's repair after a fault, a TLB fill, a new table), then
 *              plays segment k's translation attempts hop by hop over it
 *   last phase shows the final snapshot with the last segment's changes, then nothing:
 *              the animation ends on exactly the state a fresh render of the step shows.
 *
 * Pure: the same events, keyframes and snapshot give the same phases, so it is unit-tested
 * without a browser. Without keyframes (nothing changed, or an old host) there is one
 * phase: the attempts over the final snapshot.
 */
import type { Keyframes } from '../../../core/scenario/keyframes.ts';
import { describeEvent } from '../../../core/scenario/trace.ts';
import type { SimEvent } from '../../../core/sim/events.ts';
import type { Snapshot } from '../../../core/sim/snapshot.ts';
import { nodeId, type GraphLayout } from './layout.ts';
import { translationPaths, type Attempt } from './path.ts';

export interface Change {
  node: string;
  /** Row inside the node (a table entry index, a TLB row) that changed, if any. */
  row: number | null;
}

export interface Phase {
  snapshot: Snapshot;
  layout: GraphLayout;
  /** What changed to give this phase's machine, with a sentence saying so. */
  changes: Change[];
  changeText: string | null;
  attempts: Attempt[];
}

/** Events whose change is worth a sentence, in the order a learner cares about them. */
const TOLD: SimEvent['type'][] = ['segfault', 'oom-kill', 'process-create', 'process-exit', 'thread-create', 'fault-resolved', 'cow-copy', 'cow-reuse', 'evict', 'swap-out', 'swap-in', 'file-read', 'write-back', 'migrate', 'page-table-alloc', 'map', 'unmap', 'protect', 'cow-share', 'tlb-flush', 'tlb-fill', 'memory-write'];
const MAX_TOLD = 3;

export function buildTimeline(events: SimEvent[], keyframes: Keyframes | null | undefined, final: Snapshot, layoutOf: (s: Snapshot) => GraphLayout): Phase[] {
  const frames = keyframes?.frames ?? [];
  if (frames.length === 0) return [lazyPhase(final, layoutOf, [], events)];
  const phases: Phase[] = [];
  let previous: SimEvent[] = events.slice(0, frames[0].at);
  for (let k = 0; k < frames.length; k++) {
    const end = k + 1 < frames.length ? frames[k + 1].at : events.length;
    const segment = events.slice(frames[k].at, end);
    // A recording cut short by its limit: the rest of the events happened on machines it
    // did not keep, so they are not drawn over this one.
    const drawn = k === frames.length - 1 && keyframes?.complete === false ? [] : segment;
    phases.push(lazyPhase(frames[k].snapshot, layoutOf, previous, drawn));
    previous = segment;
  }
  phases.push(lazyPhase(final, layoutOf, previous, []));
  return phases;
}

/**
 * A phase whose layout, changes and attempts are worked out when first asked for: the
 * graph shows one phase at a time, and a step's first state should not wait for the
 * layout of every later one.
 */
function lazyPhase(snapshot: Snapshot, layoutOf: (s: Snapshot) => GraphLayout, previous: SimEvent[], drawn: SimEvent[]): Phase {
  let layout: GraphLayout | undefined;
  let changed: { changes: Change[]; changeText: string | null } | undefined;
  let attempts: Attempt[] | undefined;
  return {
    snapshot,
    get layout() {
      return (layout ??= layoutOf(snapshot));
    },
    get changes() {
      return (changed ??= changesOf(previous, snapshot, this.layout)).changes;
    },
    get changeText() {
      return (changed ??= changesOf(previous, snapshot, this.layout)).changeText;
    },
    get attempts() {
      return (attempts ??= translationPaths(drawn, snapshot, this.layout));
    },
  };
}

/** The nodes (and rows) that the writes among `events` changed, found on the machine after them. */
export function changesOf(events: SimEvent[], after: Snapshot, layout: GraphLayout): { changes: Change[]; changeText: string | null } {
  const changes: Change[] = [];
  const seen = new Set<string>();
  const add = (node: string | undefined, row: number | null = null) => {
    if (!node || !layout.nodes.some((n) => n.id === node)) return;
    const key = `${node}:${row}`;
    if (seen.has(key)) return;
    seen.add(key);
    changes.push({ node, row });
  };
  const pageSize = 2 ** after.profile.pageBits;
  const frame = (pfn: number) => layout.frameNode[pfn];
  for (const e of events) {
    switch (e.type) {
      case 'frame-alloc':
      case 'frame-free':
      case 'swap-in':
      case 'file-read':
        add(frame(e.pfn));
        break;
      case 'page-table-alloc':
        add(nodeId.table(e.pfn));
        break;
      case 'map':
      case 'unmap':
      case 'protect': {
        const leaf = leafEntry(after, e.pid, e.vpn);
        if (leaf) add(nodeId.table(leaf.table), leaf.index);
        if (e.type === 'map') add(frame(e.pfn));
        break;
      }
      case 'cow-copy':
        add(frame(e.to));
        break;
      case 'cow-share':
      case 'cow-reuse':
        add(frame(e.pfn));
        break;
      case 'memory-write':
        add(frame(Math.floor(e.pa / pageSize)));
        break;
      case 'tlb-fill': {
        const row = layout.tlbRow[`${e.cpu}:${e.set}:${e.vpn}`];
        add(nodeId.tlb(e.cpu), row ?? null);
        break;
      }
      case 'tlb-flush':
      case 'tlb-invalidate':
        add(nodeId.tlb(e.cpu));
        break;
      case 'swap-out':
        add(nodeId.swap());
        add(frame(e.pfn));
        break;
      case 'process-create':
      case 'process-exit':
      case 'thread-create':
        add(nodeId.process(e.pid));
        break;
      default:
        break;
    }
  }
  const told: string[] = [];
  for (const type of TOLD) {
    for (const e of events) if (e.type === type && told.length < MAX_TOLD) told.push(describeEvent(e));
    if (told.length >= MAX_TOLD) break;
  }
  return { changes, changeText: told.length ? told.join(' · ') : null };
}

/** The last-level entry that maps page `vpn` of process `pid` in this snapshot, if a table for it exists. */
function leafEntry(s: Snapshot, pid: number, vpn: number): { table: number; index: number } | null {
  const last = s.profile.levels.length - 1;
  const pageSize = 2 ** s.profile.pageBits;
  const va = vpn * pageSize;
  const entries = 2 ** s.profile.levels[last];
  for (const t of s.pageTables) {
    if (t.pid !== pid || t.level !== last) continue;
    const index = Math.floor((va - t.base) / pageSize);
    if (index >= 0 && index < entries) return { table: t.pfn, index };
  }
  return null;
}
