/*
 * SimEvents of one step → the translation paths the graph animates. An access is one or
 * more ATTEMPTS: the MMU looks in the TLB, walks the page table level by level, and
 * either reaches a frame (a `translate` event) or stops with a `fault`; after the kernel
 * resolves the fault the access is retried, which is a new attempt. Each attempt becomes
 * a list of HOPS, one per node the translation visits:
 *
 *     CPU → TLB → level-0 table (entry i) → level-1 table (entry j) → … → frame
 *
 * Hops name graph node ids from layout.ts, so a hop whose node is not on the graph (a
 * table freed later in the same step) is dropped rather than pointing at nothing.
 */
import type { FaultCause, SimEvent } from '../../../core/sim/events.ts';
import type { Snapshot } from '../../../core/sim/snapshot.ts';
import { t } from '../../../core/i18n/index.ts';
import type { MessageKey } from '../../../core/i18n/index.ts';
import { hex } from '../format.ts';
import { nodeId, type GraphLayout } from './layout.ts';

export type HopTone = 'visit' | 'hit' | 'miss' | 'fault' | 'arrive';

export interface Hop {
  node: string;
  /** Handle the edge to the next hop leaves from (a table row), if the node has one for it. */
  sourceHandle: string | null;
  /** Row to light up inside the node (table entry index, TLB row), if any. */
  row: number | null;
  tone: HopTone;
  /** One sentence for the live region and the text view. */
  text: string;
  /** On the hop where a translation stopped: the fault in words (the tag drawn on the node). */
  faultText?: string;
}

export interface Attempt {
  va: number;
  op: string;
  hops: Hop[];
  outcome: 'translated' | 'fault';
  fault: { cause: FaultCause; level: number | null; text: string } | null;
}

const CAUSE_TEXT: Record<FaultCause, MessageKey> = {
  'not-present': 'graph.cause.notPresent',
  protection: 'graph.cause.protection',
  'user-kernel': 'graph.cause.userKernel',
  'out-of-range': 'graph.cause.outOfRange',
  'non-canonical': 'graph.cause.nonCanonical',
  'bad-entry': 'graph.cause.badEntry',
};

/** The fault in words, in the language in force ("page not present at level 1"). */
export function describeFault(cause: FaultCause, level: number | null): string {
  const what = t(CAUSE_TEXT[cause] as 'graph.cause.notPresent');
  return level !== null ? t('graph.path.faultAtLevel', { fault: what, level: String(level) }) : what;
}

/** Split a step's events into translation attempts, each with the hops to animate. */
export function translationPaths(events: SimEvent[], snapshot: Snapshot, layout: GraphLayout): Attempt[] {
  const pageSize = 2 ** snapshot.profile.pageBits;
  const present = new Set(layout.nodes.map((n) => n.id));
  const rowsOf = new Map<string, Set<number>>();
  for (const n of layout.nodes) if (n.data.kind === 'table') rowsOf.set(n.id, new Set(n.data.rows.map((r) => r.index)));
  const attempts: Attempt[] = [];
  let current: Attempt | null = null;

  const start = (): Attempt => {
    current = { va: 0, op: 'read', hops: [], outcome: 'fault', fault: null };
    attempts.push(current);
    return current;
  };
  const push = (a: Attempt, hop: Hop) => {
    if (present.has(hop.node)) a.hops.push(hop);
  };
  const arriveAt = (a: Attempt, pfn: number, text: string) => {
    const id = layout.frameNode[pfn];
    if (!id) return;
    const last = a.hops[a.hops.length - 1];
    if (last && last.node === id) {
      last.tone = 'arrive';
      last.text = text;
      return;
    }
    push(a, { node: id, sourceHandle: null, row: null, tone: 'arrive', text });
  };

  for (const e of events) {
    switch (e.type) {
      case 'tlb-hit':
      case 'tlb-miss': {
        const a = start();
        push(a, { node: nodeId.cpu(e.cpu), sourceHandle: null, row: null, tone: 'visit', text: t('graph.path.lookup', { cpu: String(e.cpu), page: hex(e.vpn) }) });
        const row = e.type === 'tlb-hit' ? layout.tlbRow[`${e.cpu}:${e.set}:${e.vpn}`] ?? null : null;
        push(a, {
          node: nodeId.tlb(e.cpu),
          sourceHandle: null,
          row,
          tone: e.type === 'tlb-hit' ? 'hit' : 'miss',
          text: e.type === 'tlb-hit' ? t('graph.path.tlbHit', { page: hex(e.vpn), pfn: String(e.pfn) }) : t('graph.path.tlbMiss', { page: hex(e.vpn), set: String(e.set) }),
        });
        if (e.type === 'tlb-hit') arriveAt(a, e.pfn, t('graph.path.frame', { pfn: String(e.pfn) }));
        break;
      }
      case 'walk': {
        const a: Attempt = current ?? start();
        const id = nodeId.table(e.tableFrame);
        const listed = rowsOf.get(id)?.has(e.index) ?? false;
        const what = !e.valid ? t('graph.path.notValid') : e.leaf ? t('graph.path.pageFrame', { pfn: String(e.pfn) }) : t('graph.path.nextTable', { pfn: String(e.pfn) });
        push(a, {
          node: id,
          sourceHandle: listed ? `r${e.index}` : null,
          row: e.index,
          tone: e.valid ? 'visit' : 'fault',
          text: t('graph.path.walk', { level: String(e.level), index: String(e.index), table: String(e.tableFrame), pte: e.pte, what }),
        });
        if (e.valid && e.leaf && e.pfn !== null) arriveAt(a, e.pfn, t('graph.path.frame', { pfn: String(e.pfn) }));
        break;
      }
      case 'translate': {
        const a: Attempt = current ?? start();
        a.va = e.va;
        a.op = e.op;
        a.outcome = 'translated';
        arriveAt(a, Math.floor(e.pa / pageSize), t('graph.path.translated', { op: e.op, va: hex(e.va), pa: hex(e.pa), pfn: String(Math.floor(e.pa / pageSize)) }));
        current = null;
        break;
      }
      case 'fault': {
        const a: Attempt = current ?? start();
        a.va = e.va;
        a.op = e.op;
        a.outcome = 'fault';
        const text = describeFault(e.cause, e.level);
        a.fault = { cause: e.cause, level: e.level, text };
        // A permission check fails after the entry (or TLB entry) was found: the access
        // never reaches the frame, so the path ends at the entry that refused it.
        if (a.hops.length > 1 && a.hops[a.hops.length - 1].tone === 'arrive') a.hops.pop();
        const last = a.hops[a.hops.length - 1];
        if (last) {
          last.tone = 'fault';
          last.text = t('graph.path.withFault', { text: last.text, fault: text });
          last.faultText = text;
        }
        current = null;
        break;
      }
      default:
        break;
    }
  }
  return attempts.filter((a) => a.hops.length > 0);
}
