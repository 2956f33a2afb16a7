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
}

export interface Attempt {
  va: number;
  op: string;
  hops: Hop[];
  outcome: 'translated' | 'fault';
  fault: { cause: FaultCause; level: number | null; text: string } | null;
}

const CAUSE_TEXT: Record<FaultCause, string> = {
  'not-present': 'page not present',
  protection: 'protection fault (access not allowed)',
  'user-kernel': 'user access to a kernel page',
  'out-of-range': 'address outside the address space',
  'non-canonical': 'non-canonical address (general-protection fault, not a page fault)',
  'bad-entry': 'malformed page-table entry',
};

export function describeFault(cause: FaultCause, level: number | null): string {
  return `${CAUSE_TEXT[cause]}${level !== null ? ` at level ${level}` : ''}`;
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
        push(a, { node: nodeId.cpu(e.cpu), sourceHandle: null, row: null, tone: 'visit', text: `CPU ${e.cpu} looks up page ${hex(e.vpn)}` });
        const row = e.type === 'tlb-hit' ? layout.tlbRow[`${e.cpu}:${e.set}:${e.vpn}`] ?? null : null;
        push(a, {
          node: nodeId.tlb(e.cpu),
          sourceHandle: null,
          row,
          tone: e.type === 'tlb-hit' ? 'hit' : 'miss',
          text: e.type === 'tlb-hit' ? `TLB hit: page ${hex(e.vpn)} is in frame ${e.pfn}` : `TLB miss for page ${hex(e.vpn)} (set ${e.set}): walk the page table`,
        });
        if (e.type === 'tlb-hit') arriveAt(a, e.pfn, `frame ${e.pfn}`);
        break;
      }
      case 'walk': {
        const a: Attempt = current ?? start();
        const id = nodeId.table(e.tableFrame);
        const listed = rowsOf.get(id)?.has(e.index) ?? false;
        const what = !e.valid ? 'not valid' : e.leaf ? `page frame ${e.pfn}` : `next table in frame ${e.pfn}`;
        push(a, {
          node: id,
          sourceHandle: listed ? `r${e.index}` : null,
          row: e.index,
          tone: e.valid ? 'visit' : 'fault',
          text: `level ${e.level}: entry ${e.index} of the table in frame ${e.tableFrame} = ${e.pte} → ${what}`,
        });
        if (e.valid && e.leaf && e.pfn !== null) arriveAt(a, e.pfn, `frame ${e.pfn}`);
        break;
      }
      case 'translate': {
        const a: Attempt = current ?? start();
        a.va = e.va;
        a.op = e.op;
        a.outcome = 'translated';
        arriveAt(a, Math.floor(e.pa / pageSize), `${e.op} ${hex(e.va)} → physical ${hex(e.pa)} (frame ${Math.floor(e.pa / pageSize)})`);
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
          last.text = `${last.text} — fault: ${text}`;
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
