// The graph a learner sees is derived from the snapshot by layoutGraph; these tests check
// the promises the picture makes: every frame and mapping is drawn, shared frames look
// shared, nothing overlaps, big machines are summarised, and translation paths follow
// the MMU's real walk.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../core/lessons/load.ts';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { readFolder } from '../fixtures/packs/helpers.ts';
import { loadScenario } from '../../core/scenario/load.ts';
import { ScenarioRun } from '../../core/scenario/run.ts';
import { edgeEnds, focusNodeIds, layoutGraph, nodeId, OPENED_RUN_FRAMES, polylinesCross, rowTarget, type GraphLayout, type GraphNode } from '../../renderer/lib/graph/layout.ts';
import { fitViewport, LEGIBLE_ZOOM } from '../../renderer/lib/graph/viewport.ts';
import { stateLines, stateText } from '../../core/lessons/state-text.ts';
import { translationPaths } from '../../renderer/lib/graph/path.ts';

function run(yaml: string): ScenarioRun {
  const { scenario, profile, diagnostics } = loadScenario(yaml, 'test.yaml');
  if (!scenario || !profile) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const r = new ScenarioRun(scenario, profile);
  r.runAll();
  return r;
}

export const FOUR_PROCESSES = `
machine: { base: x86-32, physFrames: 64 }
steps:
  - spawn: A
  - spawn: B
  - spawn: C
  - fetch: { process: A, addr: 0x08048000 }
  - write: { process: A, addr: 0x0804a000, value: 1 }
  - write: { process: B, addr: 0x0804a000, value: 2 }
  - read: { process: C, addr: 0x08048000 }
  - write: { process: C, addr: 0xbffff000, value: 3 }
  - fork: { parent: A, child: D }
  - write: { process: B, addr: 0x0804b000, value: 5 }
  - write: { process: D, addr: 0xbffff000, value: 5 }
`;

function overlaps(a: GraphNode, b: GraphNode): boolean {
  return a.position.x < b.position.x + b.width && b.position.x < a.position.x + a.width && a.position.y < b.position.y + b.height && b.position.y < a.position.y + a.height;
}

function byId(layout: GraphLayout, id: string): GraphNode {
  const n = layout.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
}

/** One process with 14 mapped pages and the kernel page: more entries than a table shows. */
function fourteenPages() {
  return run(`
machine: teaching-16
steps:
  - spawn: { name: A, layout: empty }
  - map: { process: A, addr: 0x0000, pages: 14 }
`).snapshot();
}

describe('layoutGraph', () => {
  const r = run(FOUR_PROCESSES);
  const snap = r.snapshot();
  const layout = layoutGraph(snap);

  it('draws every one of the 64 frames as its own cell', () => {
    const frames = layout.nodes.filter((n) => n.type === 'frame');
    expect(frames.map((n) => (n.data.kind === 'frame' ? n.data.pfn : -1)).sort((a, b) => a - b)).toEqual([...Array(64).keys()]);
    for (let pfn = 0; pfn < 64; pfn++) expect(layout.frameNode[pfn]).toBe(nodeId.frame(pfn));
  });

  it('draws a node for every live process, page table, CPU and TLB', () => {
    for (const p of snap.processes) expect(byId(layout, nodeId.process(p.pid)).data.kind).toBe('process');
    for (const t of snap.pageTables) expect(byId(layout, nodeId.table(t.pfn)).data.kind).toBe('table');
    for (const c of snap.cpus) {
      byId(layout, nodeId.cpu(c.id));
      byId(layout, nodeId.tlb(c.id));
    }
  });

  it('has an edge for every valid page-table entry, to the next table or the mapped frame', () => {
    for (const t of snap.pageTables) {
      for (const e of t.entries.filter((x) => x.valid)) {
        const edge = layout.edges.find((x) => x.id === `pte-${t.pfn}-${e.index}`);
        expect(edge, `entry ${e.index} of table ${t.pfn}`).toBeDefined();
        expect(edge!.target).toBe(e.leaf ? nodeId.frame(e.pfn) : nodeId.table(e.pfn));
        expect(edge!.sourceHandle).toBe(`r${e.index}`);
      }
    }
    // and every edge connects nodes that exist
    const ids = new Set(layout.nodes.map((n) => n.id));
    for (const e of layout.edges) {
      expect(ids.has(e.source), e.id).toBe(true);
      expect(ids.has(e.target), e.id).toBe(true);
    }
  });

  it('never overlaps two nodes (frame cells sit inside their memory group)', () => {
    const solid = layout.nodes.filter((n) => n.type !== 'memory');
    for (let i = 0; i < solid.length; i++) for (let j = i + 1; j < solid.length; j++) expect(overlaps(solid[i], solid[j]), `${solid[i].id} / ${solid[j].id}`).toBe(false);
    const group = byId(layout, 'mem-0');
    for (const f of layout.nodes.filter((n) => n.type === 'frame')) {
      expect(f.position.x).toBeGreaterThanOrEqual(group.position.x);
      expect(f.position.y + f.height).toBeLessThanOrEqual(group.position.y + group.height);
    }
  });

  it('stays compact enough for a 1280×800 window (fit-to-view zoom of at least 0.6 in a 1000×620 pane)', () => {
    const zoom = Math.min(1000 / layout.width, 620 / layout.height);
    expect(zoom).toBeGreaterThan(0.6);
  });

  it('is deterministic: the same snapshot gives the same graph', () => {
    expect(JSON.stringify(layoutGraph(r.snapshot()))).toBe(JSON.stringify(layout));
  });

  it('scales every size with the font-size setting', () => {
    const big = layoutGraph(snap, { scale: 1.5 });
    const a = byId(layout, nodeId.frame(10));
    const b = byId(big, nodeId.frame(10));
    expect(b.width).toBe(Math.round(a.width * 1.5));
    expect(big.width).toBeGreaterThan(layout.width * 1.4);
  });

  it('colours frames by owner and tells page-table frames from data', () => {
    const a = snap.processes.find((p) => p.name === 'A')!;
    const root = byId(layout, nodeId.frame(a.root));
    expect(root.data.kind === 'frame' && root.data.label).toBe('PT L0');
    const colourA = byId(layout, nodeId.process(a.pid)).data;
    expect(root.data.kind === 'frame' && colourA.kind === 'process' && root.data.colour === colourA.colour).toBe(true);
    const free = layout.nodes.find((n) => n.data.kind === 'frame' && n.data.frameKind === 'free')!;
    expect(free.data.kind === 'frame' && free.data.colour).toBe(null);
  });
});

describe('copy-on-write in the graph', () => {
  const r = run(`
machine: teaching-16
steps:
  - spawn: P
  - write: { process: P, addr: 0x2000, value: 7 }
  - fork: { parent: P, child: Q }
`);
  const snap = r.snapshot();
  const layout = layoutGraph(snap);
  const shared = snap.frames.find((f) => f.kind === 'anon' && f.refs > 1)!;

  it('shows the shared frame with a refs badge and both processes', () => {
    expect(shared).toBeDefined();
    const n = byId(layout, nodeId.frame(shared.pfn));
    expect(n.data.kind === 'frame' && n.data.refs).toBe(2);
    expect(n.data.kind === 'frame' && n.data.sharedBy).toEqual(['P', 'Q']);
  });

  it('draws one edge from each process\'s table into it, marked copy-on-write', () => {
    const incoming = layout.edges.filter((e) => e.target === nodeId.frame(shared.pfn) && e.kind === 'leaf');
    expect(incoming).toHaveLength(2);
    const owners = incoming.map((e) => snap.pageTables.find((t) => nodeId.table(t.pfn) === e.source)!.pid);
    expect(new Set(owners).size).toBe(2);
    expect(incoming.every((e) => e.class.includes('edge-shared') && e.class.includes('edge-cow'))).toBe(true);
  });

  it('after the child writes, the copy appears: a new frame mapped only by Q', () => {
    const step = r.apply({ op: 'write', args: { process: 'Q', addr: 0x2000, value: 9 } });
    const after = r.snapshot();
    const l2 = layoutGraph(after);
    const copy = step.events.find((e) => e.type === 'cow-copy');
    expect(copy && copy.type === 'cow-copy').toBeTruthy();
    if (copy?.type !== 'cow-copy') return;
    const n = byId(l2, nodeId.frame(copy.to));
    expect(n.data.kind === 'frame' && n.data.label).toContain('Q');
    expect(n.data.kind === 'frame' && n.data.refs).toBe(1);
  });
});

describe('large machines are summarised', () => {
  const r = run(`
machine: x86-64
steps:
  - spawn: A
  - read: { process: A, addr: 0x400000 }
`);
  const snap = r.snapshot();
  const layout = layoutGraph(snap);

  it('folds runs of free frames into single cells', () => {
    const cells = layout.nodes.filter((n) => n.type === 'frame' || n.type === 'run');
    expect(snap.frames.length).toBe(256);
    expect(cells.length).toBeLessThan(40);
    // every frame still resolves to the cell that shows it
    for (let pfn = 0; pfn < 256; pfn++) expect(layout.frameNode[pfn]).toBeDefined();
  });

  it('puts each of the four levels in its own column left to right, or its own band top to bottom', () => {
    const at = [0, 1, 2, 3].map((level) => {
      const t = snap.pageTables.find((x) => x.pid !== null && x.level === level)!;
      return byId(layout, nodeId.table(t.pfn)).position;
    });
    const ordered = (xs: number[]) => new Set(xs).size === 4 && [...xs].sort((a, b) => a - b).every((x, i) => x === xs[i]);
    expect(ordered(at.map((p) => p.x)) || ordered(at.map((p) => p.y))).toBe(true);
  });

  it('folds table entries beyond the row limit into a "+n more" row that keeps their edges', () => {
    const many = fourteenPages();
    const l = layoutGraph(many);
    const table = l.nodes.find((n) => n.data.kind === 'table')!;
    if (table.data.kind !== 'table') throw new Error('no table');
    const pfn = table.data.pfn;
    const entries = many.pageTables.find((t) => t.pfn === pfn)!.entries;
    expect(entries.length).toBe(15); // 14 mapped pages and the kernel page
    expect(table.data.rows.length + table.data.hidden).toBe(15);
    expect(table.data.hidden).toBeGreaterThan(0);
    const targets = new Set(l.edges.filter((e) => e.source === table.id).map((e) => e.target));
    expect(targets).toEqual(new Set(entries.map((e) => nodeId.frame(e.pfn))));
  });
});

describe('translationPaths', () => {
  it('follows a miss through every level to the frame, after the fault is resolved', () => {
    const r = run(`
machine: x86-32
steps:
  - spawn: A
`);
    const step = r.apply({ op: 'write', args: { process: 'A', addr: 0x0804a000, value: 1 } });
    const snap = r.snapshot();
    const layout = layoutGraph(snap);
    const attempts = translationPaths(step.events, snap, layout);
    expect(attempts.length).toBe(2);
    const [first, second] = attempts;
    expect(first.outcome).toBe('fault');
    expect(first.fault?.cause).toBe('not-present');
    expect(first.hops.map((h) => h.node.split('-')[0])).toEqual(['cpu', 'tlb', 'pt']);
    expect(first.hops[2].tone).toBe('fault');
    expect(second.outcome).toBe('translated');
    expect(second.hops.map((h) => h.node.split('-')[0])).toEqual(['cpu', 'tlb', 'pt', 'pt', 'frame']);
    const pa = step.access!.pa!;
    expect(second.hops[4].node).toBe(nodeId.frame(Math.floor(pa / 4096)));
    expect(second.hops[4].tone).toBe('arrive');
    expect(second.hops[2].sourceHandle).toBe('r32');
  });

  it('goes straight from the TLB to the frame on a hit', () => {
    const r = run(`
machine: teaching-16
steps:
  - spawn: A
  - read: { process: A, addr: 0x1000 }
`);
    const step = r.apply({ op: 'read', args: { process: 'A', addr: 0x1004 } });
    const snap = r.snapshot();
    const layout = layoutGraph(snap);
    const [a] = translationPaths(step.events, snap, layout);
    expect(a.hops.map((h) => h.tone)).toEqual(['visit', 'hit', 'arrive']);
    expect(a.hops[1].row).not.toBeNull();
  });

  it('ends a protection fault at the entry that refused it, not at the frame', () => {
    const r = run(`
machine: teaching-16
steps:
  - spawn: P
  - write: { process: P, addr: 0x2000, value: 7 }
  - fork: { parent: P, child: Q }
  - tlb-flush: null
`);
    const step = r.apply({ op: 'write', args: { process: 'Q', addr: 0x2000, value: 9 } });
    const snap = r.snapshot();
    const attempts = translationPaths(step.events, snap, layoutGraph(snap));
    const faulted = attempts.find((a) => a.outcome === 'fault')!;
    expect(faulted.fault?.cause).toBe('protection');
    expect(faulted.hops[faulted.hops.length - 1].node.startsWith('pt-')).toBe(true);
    expect(attempts[attempts.length - 1].outcome).toBe('translated');
  });
});

describe('focusNodeIds', () => {
  it('brings forward a process with its tables, frames and TLBs as asked', () => {
    const r = run(FOUR_PROCESSES);
    const snap = r.snapshot();
    const layout = layoutGraph(snap);
    const b = snap.processes.find((p) => p.name === 'B')!;
    const ids = focusNodeIds(snap, layout, { processes: ['B'], levels: [1], frames: [10], tlb: true, translate: null });
    expect(ids).toContain(nodeId.process(b.pid));
    expect(ids).not.toContain(nodeId.table(b.root));
    expect(ids).toContain(nodeId.frame(10));
    expect(ids).toContain(nodeId.tlb(0));
    expect(focusNodeIds(snap, layout, { processes: [], levels: [], frames: [], tlb: false, translate: null })).toEqual([]);
  });
});

describe('tables with more entries than fit', () => {
  it('show the valid entries (the ones a walk follows) before invalid stray bytes', () => {
    // A memory dump: the page directory holds junk bytes (invalid entries) around two valid ones.
    const junk = Array.from({ length: 32 }, (_, i) => (i === 20 ? '85' : i === 30 ? '86' : '7f')).join(' ');
    const r = run(`
machine: tiny-2level
memory:
  ptbr: 3
  dump: |
    page 3: ${junk}
steps: []
`);
    const layout = layoutGraph(r.snapshot());
    const table = layout.nodes.find((n) => n.type === 'table' && (n.data as { pfn: number }).pfn === 3)!;
    const rows = (table.data as { rows: { index: number; valid: boolean }[]; hidden: number }).rows;
    expect(rows.filter((x) => x.valid).map((x) => x.index)).toEqual([20, 30]);
    expect(rows.map((x) => x.index)).toEqual([...rows.map((x) => x.index)].sort((a, b) => a - b));
    expect((table.data as { hidden: number }).hidden).toBe(32 - rows.length);
  });
});

describe('deep page tables in a narrow pane', () => {
  const pane = { width: 810, height: 570 }; // the lesson player's graph pane at 1280×800
  it('stack the levels downwards (or memory above the lanes), so x86-64 opens at a readable zoom', () => {
    const r = run(`
machine: x86-64
steps:
  - spawn: A
  - fetch: { process: A, addr: 0x400000 }
  - write: { process: A, addr: 0x403000, value: 1 }
`);
    const layout = layoutGraph(r.snapshot(), { pane });
    const zoom = Math.min(pane.width / layout.width, pane.height / layout.height);
    expect(zoom).toBeGreaterThanOrEqual(0.85);
    const proc = layout.nodes.find((n) => n.type === 'process')!;
    const tables = layout.nodes.filter((n) => n.type === 'table');
    // The chain of four tables hangs below its process rather than running across the pane.
    expect(tables.every((t) => t.position.y > proc.position.y)).toBe(true);
    for (const a of layout.nodes) for (const b of layout.nodes) if (a !== b && a.type !== 'frame' && a.type !== 'run' && b.type !== 'frame' && b.type !== 'run' && a.type !== 'memory' && b.type !== 'memory') expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
  });

  it('keep shallow machines side by side', () => {
    const r = run(`
machine: teaching-16
steps:
  - spawn: A
  - write: { process: A, addr: 0x3000, value: 1 }
`);
    const layout = layoutGraph(r.snapshot(), { pane });
    const memory = layout.nodes.find((n) => n.type === 'memory')!;
    const table = layout.nodes.find((n) => n.type === 'table')!;
    expect(memory.position.x).toBeGreaterThan(table.position.x + table.width);
  });
});

describe('edges a learner can follow', () => {
  const pack = loadPack(readFolder(fileURLToPath(new URL('../../lessons/memory-management', import.meta.url))), 'built-in').pack!;
  /** The machine, focus and concealment of a lesson step, as the lesson player shows it. */
  const step = (lesson: string, index: number) => {
    const p = new LessonPlayer(pack, lesson, undefined);
    p.goTo(index);
    const v = p.view();
    return { snap: p.run.snapshot(), focus: v.step.focus, conceal: v.step.quiz ? v.step.quiz.conceal : [] };
  };
  /** Edges whose ends are further apart on screen than 2/3 of the pane's diagonal (bench:legibility's "long" edges). */
  const across = (layout: GraphLayout, pane: { width: number; height: number }) => {
    const zoom = fitViewport(layout, [], pane).zoom;
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    return layout.edges.filter((e) => {
      const [x0, y0, x1, y1] = edgeEnds(byId, e)!;
      return (Math.hypot(x1 - x0, y1 - y0) * zoom) / Math.hypot(pane.width, pane.height) > 2 / 3;
    }).map((e) => e.id);
  };
  const panes = { '1280×800': { width: 810, height: 574 }, '1920×1080': { width: 1450, height: 854 } };

  it('has no edge across most of the pane in the steps that had them (x86-64 step 3, the dump\'s first steps, 4 processes)', () => {
    const scenes = [step('multi-level-page-tables', 2), step('walk-a-dump', 0), step('walk-a-dump', 1), { snap: run(FOUR_PROCESSES).snapshot(), focus: null, conceal: [] }];
    for (const [name, pane] of Object.entries(panes))
      for (const [k, { snap, focus, conceal }] of scenes.entries()) {
        const layout = layoutGraph(snap, { pane: { width: Math.round(pane.width / 80) * 80, height: Math.round(pane.height / 80) * 80 }, focus, conceal });
        expect(across(layout, pane), `scene ${k + 1} at ${name}`).toEqual([]);
      }
  });

  it('routes leaf edges into memory above the tables at right angles through the channel between them, without crossing one another', () => {
    const { snap, focus, conceal } = step('multi-level-page-tables', 2);
    const layout = layoutGraph(snap, { pane: { width: 800, height: 560 }, focus, conceal });
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    const memory = layout.nodes.find((n) => n.type === 'memory')!;
    const leaves = layout.edges.filter((e) => e.kind === 'leaf');
    expect(leaves.length).toBeGreaterThan(1);
    const lanesTop = Math.min(...layout.nodes.filter((n) => n.type === 'process' || n.type === 'table').map((n) => n.position.y));
    expect(lanesTop).toBeGreaterThan(memory.position.y + memory.height); // memory above the lanes
    const routes = leaves.map((e) => {
      expect(e.type, e.id).toBe('channel');
      const [x0, y0, , y1] = edgeEnds(byId, e)!;
      const r = e.data!.route;
      expect(r.y, `${e.id} runs in the channel`).toBeGreaterThan(memory.position.y + memory.height);
      expect(r.y).toBeLessThan(lanesTop);
      const frame = byId.get(e.target)!;
      expect(r.up, `${e.id} rises into its own frame`).toBeGreaterThan(frame.position.x);
      expect(r.up).toBeLessThan(frame.position.x + frame.width);
      return [[x0, y0], [r.x, y0], [r.x, r.y], [r.up, r.y], [r.up, y1]] as [number, number][];
    });
    // The L3 table lowest down maps the leftmost frame: its route and the middle table's must
    // cross once whichever nests inside the other; no other pair crosses.
    let crossings = 0;
    for (let i = 0; i < routes.length; i++) for (let j = i + 1; j < routes.length; j++) if (polylinesCross(routes[i], routes[j])) crossings++;
    expect(crossings).toBeLessThanOrEqual(1);
  });
});

describe('what a step draws (focus) and where the view starts', () => {
  const r = run(`
machine: teaching-16
steps:
  - spawn: A
  - spawn: B
  - write: { process: A, addr: 0x3000, value: 1 }
  - write: { process: B, addr: 0x3000, value: 2 }
`);
  const snap = r.snapshot();
  const focus = { processes: ['A'], levels: [], frames: [], tlb: false, translate: null };

  it('draws the processes in focus with their tables, the others as a summary, and no CPU or TLB unless asked', () => {
    const l = layoutGraph(snap, { focus });
    const a = snap.processes.find((p) => p.name === 'A')!;
    const b = snap.processes.find((p) => p.name === 'B')!;
    expect(l.nodes.some((n) => n.id === nodeId.table(a.root))).toBe(true);
    expect(l.nodes.some((n) => n.id === nodeId.table(b.root))).toBe(false);
    const bNode = byId(l, nodeId.process(b.pid));
    expect(bNode.data.kind === 'process' && bNode.data.summary).toBe(true);
    expect(l.nodes.some((n) => n.type === 'cpu' || n.type === 'tlb')).toBe(false);
    expect(l.nodes.some((n) => n.type === 'swap')).toBe(false);
    const withTlb = layoutGraph(snap, { focus: { ...focus, tlb: true } });
    expect(withTlb.nodes.filter((n) => n.type === 'tlb').length).toBe(snap.cpus.length);
    // No focus (the sandbox): everything.
    expect(layoutGraph(snap).nodes.some((n) => n.id === nodeId.table(b.root))).toBe(true);
  });

  it('makes tables wide enough that no index, target or frame number is cut', () => {
    const l = layoutGraph(snap);
    for (const n of l.nodes) {
      if (n.data.kind !== 'table') continue;
      for (const row of n.data.rows) {
        const chars = `[${row.index}] ${rowTarget(row)} ${row.flags}`.length;
        expect(chars * 8.2, `${n.id} row ${row.index}`).toBeLessThanOrEqual(n.width);
      }
    }
  });

  it('keeps the zoom readable, and a larger text size makes graph text larger, not re-fitted smaller', () => {
    const pane = { width: 800, height: 560 };
    const small = layoutGraph(snap, { pane, focus });
    const big = layoutGraph(snap, { pane, focus, scale: 22 / 16 });
    const z1 = fitViewport(small, [], pane, 1).zoom;
    const z2 = fitViewport(big, [], pane, 22 / 16).zoom;
    expect(z1).toBeGreaterThanOrEqual(LEGIBLE_ZOOM);
    // Rendered text size is scale × zoom.
    expect((22 / 16) * z2).toBeGreaterThan(z1 * 1.2);
  });
});

describe('a big table opened on demand', () => {
  it('shows every entry up to the expanded limit when the learner opens it, and folds again', () => {
    const many = fourteenPages();
    const root = many.processes[0].root;
    const folded = layoutGraph(many);
    const t1 = folded.nodes.find((n) => n.id === nodeId.table(root))!;
    expect(t1.data.kind === 'table' && t1.data.hidden).toBeGreaterThan(0);
    const open = layoutGraph(many, { expanded: new Set([root]) });
    const t2 = open.nodes.find((n) => n.id === nodeId.table(root))!;
    if (t2.data.kind !== 'table') throw new Error('no table');
    expect(t2.data.hidden).toBe(0);
    expect(t2.data.expanded).toBe(true);
    expect(t2.data.rows.length).toBe(15);
    expect(t2.height).toBeGreaterThan(t1.height);
    // Every entry has its own edge once open.
    expect(open.edges.filter((e) => e.source === nodeId.table(root) && e.sourceHandle !== 'more').length).toBe(15);
  });
});

describe('a folded run of frames opened on demand', () => {
  const snap = run(`
machine: x86-64
steps:
  - spawn: A
  - read: { process: A, addr: 0x400000 }
`).snapshot();
  const folded = layoutGraph(snap);
  const freeRun = folded.nodes.find((n) => n.data.kind === 'run' && n.data.frameKind === 'free' && n.data.last - n.data.first + 1 > OPENED_RUN_FRAMES)!;
  if (freeRun.data.kind !== 'run') throw new Error('no run');
  const { first, last } = freeRun.data;

  it('shows the run\'s first frames one by one after a heading that folds them, and the rest as a run that opens in turn', () => {
    const open = layoutGraph(snap, { expanded: new Set([first]) });
    const heading = byId(open, nodeId.run(first));
    expect(heading.data.kind === 'run' && heading.data.opened).toBe(true);
    expect(heading.data.kind === 'run' && heading.data.last).toBe(first + OPENED_RUN_FRAMES - 1);
    for (let pfn = first; pfn < first + OPENED_RUN_FRAMES; pfn++) {
      expect(open.frameNode[pfn]).toBe(nodeId.frame(pfn));
      const cell = byId(open, nodeId.frame(pfn));
      expect(cell.data.kind === 'frame' && cell.data.frameKind).toBe('free');
    }
    // The frames after the heading, in PFN order, in the grid's reading order.
    const order = (n: GraphNode) => n.position.y * 1e6 + n.position.x;
    const cells = open.nodes.filter((n) => n.type === 'frame' || n.type === 'run').sort((a, b) => order(a) - order(b));
    const at = cells.findIndex((n) => n.id === heading.id);
    expect(cells.slice(at + 1, at + 1 + OPENED_RUN_FRAMES).map((n) => n.id)).toEqual(Array.from({ length: OPENED_RUN_FRAMES }, (_, k) => nodeId.frame(first + k)));
    const rest = byId(open, nodeId.run(first + OPENED_RUN_FRAMES));
    expect(rest.data.kind === 'run' && !rest.data.opened && rest.data.last).toBe(last);
    expect(open.frameNode[last]).toBe(rest.id);
    // The rest opens the same way; without the run in the set it folds again.
    const more = layoutGraph(snap, { expanded: new Set([first, first + OPENED_RUN_FRAMES]) });
    expect(more.frameNode[first + OPENED_RUN_FRAMES]).toBe(nodeId.frame(first + OPENED_RUN_FRAMES));
    expect(layoutGraph(snap, { expanded: new Set() }).frameNode[first]).toBe(freeRun.id);
    for (const a of open.nodes) for (const b of open.nodes) if (a !== b && a.type !== 'memory' && b.type !== 'memory') expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
  });

  it('stays folded while how many frames are free is what a quiz asks', () => {
    const l = layoutGraph(snap, { expanded: new Set([first]), conceal: [{ what: 'free-frames' }] });
    const cell = byId(l, nodeId.run(first));
    expect(cell.data.kind === 'run' && cell.data.concealed && !cell.data.opened).toBe(true);
    expect(l.frameNode[first]).toBe(cell.id);
  });
});

describe('addresses as programs see them', () => {
  it('shows the upper half of x86-64 sign-extended, on the graph and in the Text view', () => {
    const snap = run(`
machine: x86-64
steps:
  - spawn: A
`).snapshot();
    const l = layoutGraph(snap);
    const proc = l.nodes.find((n) => n.type === 'process')!;
    if (proc.data.kind !== 'process') throw new Error('no process');
    expect(proc.data.areas.find((a) => a.name === 'kernel')?.range).toMatch(/^0xffff800000000000–/);
    expect(stateLines(stateText(snap)).join('\n')).toContain('0xffff800000000000');
  });
});
