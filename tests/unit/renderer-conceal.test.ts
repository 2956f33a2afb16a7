// Predict mode on the graph: what an unanswered quiz would give away is drawn as "?"
// (renderer/lib/graph/layout.ts applies the list core/lessons/conceal.ts computes).
import { describe, expect, it } from 'vitest';
import { layoutGraph, nodeId } from '../../renderer/lib/graph/layout.ts';
import { runText } from '../helpers/scenario.ts';

const snap = runText(`
machine: teaching-16
steps:
  - spawn: P
  - write: { process: P, addr: 0x3000, value: 1 }
  - fork: { parent: P, child: C }
  - read: { process: P, addr: 0x3000 }
`).snapshot();
const p = snap.processes.find((x) => x.name === 'P')!;
const heap = p.pages.find((pg) => pg.vpn === 3)!;

describe('concealment on the graph', () => {
  it('hides a process size, the free count, a frame’s sharers and a TLB, leaving the rest', () => {
    const l = layoutGraph(snap, {
      conceal: [{ what: 'process-size', pid: p.pid }, { what: 'free-frames' }, { what: 'frame-refs', pfn: heap.pfn }, { what: 'tlb', cpu: 0 }],
    });
    const proc = l.nodes.find((n) => n.id === nodeId.process(p.pid))!;
    expect(proc.data.kind === 'process' && proc.data.sizeConcealed).toBe(true);
    const child = l.nodes.find((n) => n.data.kind === 'process' && n.data.name === 'C')!;
    expect(child.data.kind === 'process' && child.data.sizeConcealed).toBe(false);
    const mem = l.nodes.find((n) => n.type === 'memory')!;
    expect(mem.data.kind === 'memory' && mem.data.detail).toMatch(/\? free/);
    const frame = l.nodes.find((n) => n.id === l.frameNode[heap.pfn])!;
    expect(frame.data.kind === 'frame' && frame.data.refsConcealed && frame.data.sharedBy.length === 0).toBe(true);
    const tlb = l.nodes.find((n) => n.id === nodeId.tlb(0))!;
    expect(tlb.data.kind === 'tlb' && tlb.data.concealed && tlb.data.rows.length === 0).toBe(true);
    // Unconcealed, the same state shows them.
    const open = layoutGraph(snap);
    const openFrame = open.nodes.find((n) => n.id === open.frameNode[heap.pfn])!;
    expect(openFrame.data.kind === 'frame' && openFrame.data.refs).toBe(2);
  });

  it('hides the meaning of the entries on a walk path and their edges, keeping the raw value', () => {
    const l = layoutGraph(snap, { conceal: [{ what: 'entries', table: p.root, indexes: [3] }] });
    const table = l.nodes.find((n) => n.id === nodeId.table(p.root))!;
    if (table.data.kind !== 'table') throw new Error('no table');
    const row = table.data.rows.find((r) => r.index === 3)!;
    expect(row.concealed).toBe(true);
    expect(row.target).toBe(-1);
    expect(row.raw).toMatch(/^0x/);
    expect(l.edges.some((e) => e.id === `pte-${p.root}-3`)).toBe(false);
    // The other entries keep their meaning and edges.
    expect(l.edges.some((e) => e.id.startsWith(`pte-${p.root}-`) && e.id !== `pte-${p.root}-3`)).toBe(true);
  });
});

describe('a memory dump to decode', () => {
  const dump = runText(`
machine: tiny-2level
memory:
  ptbr: 10
  pages:
    "10": "00 8b"
    "11": "00 00 85"
steps:
  - translate: { addr: 0x0440 }
`).snapshot();

  it('draws only the root table, as raw bytes in index order, with no walk edges and no table frames named', () => {
    const l = layoutGraph(dump, { conceal: [{ what: 'page-tables', pid: null }] });
    const tables = l.nodes.filter((n) => n.type === 'table');
    expect(tables.map((t) => t.id)).toEqual([nodeId.table(10)]);
    const t = tables[0].data;
    if (t.kind !== 'table') throw new Error('no table');
    expect(t.rows.every((r) => r.concealed)).toBe(true);
    expect(l.edges.filter((e) => e.kind === 'table' || e.kind === 'leaf')).toEqual([]);
    for (const n of l.nodes) if (n.data.kind === 'frame') expect(n.data.label).not.toMatch(/PT/);
    // Answered, the decoded walk is drawn again.
    const open = layoutGraph(dump);
    expect(open.nodes.filter((n) => n.type === 'table').length).toBe(2);
  });
});

describe('a concealed leaf entry', () => {
  it('leaves the frame it maps unlabelled, so its owner and area do not name the page', () => {
    const root = p.root;
    const l = layoutGraph(snap, { conceal: [{ what: 'entries', table: root, indexes: [3] }] });
    const frame = l.nodes.find((n) => n.id === l.frameNode[heap.pfn])!;
    expect(frame.data.kind === 'frame' && frame.data.label).toBe('in use');
    expect(frame.data.kind === 'frame' && frame.data.colour).toBeNull();
  });
});
