// Big machines (GiBs of physical memory, millions of frames) keep frames sparse: a frame's
// record and bytes exist from its first use, so a run, a fork and a snapshot cost what is
// used, and the picture, the Text view and the quiz list read the totals, not a full list.
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { stateText } from '../../core/lessons/state-text.ts';
import { loadScenario } from '../../core/scenario/load.ts';
import { ScenarioRun } from '../../core/scenario/run.ts';
import { frameAt } from '../../core/sim/snapshot.ts';
import { cloneRun } from '../../core/lessons/clone.ts';
import { frameCells, layoutGraph } from '../../renderer/lib/graph/layout.ts';
import { frameOptions } from '../../renderer/lib/frame-options.ts';

const GiB = 1024 ** 3;

function run(frames: number, extra: unknown[] = [], machine: Record<string, unknown> = {}): ScenarioRun {
  const doc = JSON.stringify({
    machine: { base: 'x86-64', physFrames: frames, swapSlots: 16, ...machine },
    steps: [
      { spawn: 'P' },
      { mmap: { process: 'P', length: 64 * 4096, addr: 0x10000000, name: 'buf' } },
      { write: { process: 'P', addr: 0x10000000, pages: 64, value: 7 } },
      { fork: { parent: 'P', child: 'C' } },
      { write: { process: 'C', addr: 0x10000000, pages: 16, value: 9 } },
      ...extra,
    ],
  });
  const { scenario, profile, diagnostics } = loadScenario(doc, 'big.json');
  if (!scenario || !profile) throw new Error(diagnostics.map((d) => d.message).join('; '));
  const r = new ScenarioRun(scenario, profile);
  r.runAll();
  const errors = r.results.filter((x) => x.error).map((x) => x.error);
  expect(errors).toEqual([]);
  return r;
}

/** Apply one step and hand back its result. */
function step(r: ScenarioRun, op: string, args: Record<string, unknown>) {
  return r.apply({ op, args } as Parameters<ScenarioRun['apply']>[0]);
}

/** The Text view as one string. */
function textOf(r: ScenarioRun): string {
  return JSON.stringify(stateText(r.snapshot()));
}

describe('a 1 GiB and a 16 GiB machine', () => {
  it.each([
    [262_144, 1],
    [4_194_304, 16],
  ])('%i frames (%i GiB) load, fault, fork and copy on write, and cost only the frames used', (frames, gib) => {
    const r = run(frames);
    const m = r.machine;
    expect(m.mem.layout).toBe('sparse');
    expect(m.mem.size).toBe(gib * GiB);
    // The child copied 16 of the parent's 64 pages; everything else is still shared.
    expect(step(r, 'read', { process: 'P', addr: 0x10000000 }).value).toBe(7);
    expect(step(r, 'read', { process: 'C', addr: 0x10000000 }).value).toBe(9);
    expect(step(r, 'read', { process: 'C', addr: 0x10000000 + 20 * 4096 }).value).toBe(7);
    const used = m.mem.framesInUse().length;
    expect(used).toBeLessThan(200);
    expect(m.mem.freeCount()).toBe(frames - used);
    // Records exist for the frames touched (plus the reserved kernel frames), not for every frame.
    expect(m.mem.materialised().records).toBeLessThan(used + m.profile.reservedFrames + 1);
    const snap = r.snapshot();
    expect(snap.totalFrames).toBe(frames);
    expect(snap.framesListed).toBe('in-use');
    expect(snap.frames.map((f) => f.pfn)).toEqual(m.mem.framesInUse().map((f) => f.pfn));
    expect(snap.freeFrames).toBe(frames - snap.frames.length);
    expect(serialize(snap).byteLength).toBeLessThan(200_000);
    expect(frameAt(snap, snap.frames[3].pfn)).toBe(snap.frames[3]);
    expect(frameAt(snap, frames - 1)).toBeUndefined();
  });

  it('copy for a quiz instance (cloneRun) into an independent machine that gives the same results', () => {
    const r = run(262_144);
    const copy = cloneRun(r);
    expect(copy.machine.mem.layout).toBe('sparse');
    const a = step(copy, 'write', { process: 'C', addr: 0x10000000 + 40 * 4096, value: 5 });
    const b = step(r, 'write', { process: 'C', addr: 0x10000000 + 40 * 4096, value: 5 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(copy.snapshot())).toBe(JSON.stringify(r.snapshot()));
    // Writing in the copy leaves the original's bytes alone.
    step(copy, 'write', { process: 'P', addr: 0x10000000, value: 99 });
    expect(step(r, 'read', { process: 'P', addr: 0x10000000 }).value).toBe(7);
    expect(step(copy, 'read', { process: 'P', addr: 0x10000000 }).value).toBe(99);
  });

  it('keep the snapshot the same size whether the machine has 1 GiB or 16 GiB', () => {
    const small = serialize(run(262_144).snapshot()).byteLength;
    const big = serialize(run(4_194_304).snapshot()).byteLength;
    expect(Math.abs(big - small)).toBeLessThan(256);
  });

  it('place a page in a chosen frame far up memory, evict to swap and swap back in', () => {
    const r = run(4_194_304);
    const m = r.machine;
    step(r, 'mmap', { process: 'P', length: 4096, addr: 0x20000000 });
    expect(step(r, 'populate', { process: 'P', addr: 0x20000000, frame: 4_000_000 }).error).toBeNull();
    expect(step(r, 'write', { process: 'P', addr: 0x20000000, value: 42 }).error).toBeNull();
    expect(m.mem.frame(4_000_000).kind).toBe('anon');
    // Another page wants that frame: its page goes to swap, and comes back on the next touch.
    step(r, 'mmap', { process: 'C', length: 4096, addr: 0x30000000 });
    expect(step(r, 'populate', { process: 'C', addr: 0x30000000, frame: 4_000_000 }).error).toBeNull();
    expect(m.stats.swapOuts).toBe(1);
    const back = step(r, 'read', { process: 'P', addr: 0x20000000 });
    expect(back.value).toBe(42);
    expect(m.stats.swapIns).toBe(1);
    // A PTE address above 4 GiB works through the TLB too (the page table sits low, the data frame high).
    expect(step(r, 'write', { process: 'C', addr: 0x30000000, value: 5 }).error).toBeNull();
    expect(step(r, 'read', { process: 'C', addr: 0x30000000 }).value).toBe(5);
    expect(r.snapshot().frames.some((f) => f.pfn === 4_000_000)).toBe(true);
  });

  it('put page tables and pages above 4 GiB (a second NUMA node) and still translate through walks and the TLB', () => {
    const doc = JSON.stringify({
      machine: { base: 'numa-2node', physFrames: 4_194_304, numa: { nodes: [{ cpus: [0, 1], frames: 1_048_576 }, { cpus: [2, 3], frames: 3_145_728 }], distance: [[10, 20], [20, 10]] } },
      steps: [{ spawn: { name: 'P', cpu: 2 } }, { mmap: { process: 'P', length: 8 * 4096, addr: 0x10000000 } }, { write: { process: 'P', addr: 0x10000000, pages: 8, value: 3 } }],
    });
    const { scenario, profile, diagnostics } = loadScenario(doc, 'numa.json');
    if (!scenario || !profile) throw new Error(diagnostics.map((d) => d.message).join('; '));
    const r = new ScenarioRun(scenario, profile);
    r.runAll();
    expect(r.results.map((x) => x.error).filter(Boolean)).toEqual([]);
    // Twice: the first read walks the tables (above 4 GiB), the second hits the TLB.
    for (let i = 0; i < 2; i++) expect(step(r, 'read', { process: 'P', addr: 0x10000000 + 7 * 4096 }).value).toBe(3);
    expect(step(r, 'write', { process: 'P', addr: 0x10000000 + 7 * 4096, value: 4 }).error).toBeNull();
    expect(step(r, 'read', { process: 'P', addr: 0x10000000 + 7 * 4096 }).value).toBe(4);
    // A clean TLB entry, then a write through it: the dirty bit goes to the PTE at the address the TLB kept (above 4 GiB).
    step(r, 'mmap', { process: 'P', length: 4096, addr: 0x20000000 });
    expect(step(r, 'read', { process: 'P', addr: 0x20000000 }).error).toBeNull();
    expect(step(r, 'write', { process: 'P', addr: 0x20000000, value: 1 }).error).toBeNull();
    const snap = r.snapshot();
    expect(snap.processes[0].pages.find((pg) => pg.va === 0x20000000)?.dirty).toBe(true);
    const p = snap.processes[0];
    expect(Math.max(...p.pageTableFrames)).toBeGreaterThanOrEqual(1_048_576);
    expect(p.pages.every((pg) => pg.pfn >= 1_048_576)).toBe(true);
    expect(r.machine.mem.materialised().records).toBeLessThan(100);
  });

  it('draw a 1 GiB machine as its frames in use and runs of free frames, and describe it in the Text view', () => {
    const r = run(262_144);
    const snap = r.snapshot();
    const layout = layoutGraph(snap);
    const freeRuns = layout.nodes.filter((n) => n.data.kind === 'run' && n.data.frameKind === 'free');
    expect(freeRuns.length).toBeGreaterThan(0);
    const last = freeRuns.at(-1)!.data as { first: number; last: number };
    expect(last.last).toBe(262_143);
    const memory = layout.nodes.find((n) => n.data.kind === 'memory')!;
    expect((memory.data as { detail: string }).detail).toContain('262144 × 4 KiB');
    for (const f of snap.frames) expect(layout.frameNode[f.pfn]).toBeDefined();
    // Every leaf edge lands on a drawn frame.
    expect(layout.edges.filter((e) => e.kind === 'leaf').every((e) => layout.nodes.some((n) => n.id === e.target))).toBe(true);
    const text = textOf(r);
    // A pick-a-frame quiz lists the frames in use and a few free ones after each, not 262,144.
    const options = frameOptions(snap);
    expect(options.length).toBeLessThan(snap.frames.length * 5 + 5);
    expect(options.at(-1)!.label).toBe(`Frame ${snap.frames.at(-1)!.pfn + 4} (free)`);
    expect(options.filter((o) => !o.label.endsWith('(free)')).map((o) => o.id)).toEqual(snap.frames.map((f) => `frame-${f.pfn}`));
    expect(text).toContain('262144 frames of 4 KiB');
    expect(text).toMatch(/free \(frames [^)]*–262143\)/);
  });

  it('fold the gaps of a sparse listing into free runs, and no more cells than frames in use', () => {
    const frames = [
      { pfn: 0, kind: 'kernel' as const },
      { pfn: 1, kind: 'kernel' as const },
      { pfn: 5, kind: 'anon' as const },
      { pfn: 6, kind: 'page-table' as const },
    ].map((f) => ({ ...f, node: 0, owner: null, refs: 0, mappings: [], file: null, swapSlot: null, dirty: false, level: null }));
    const cells = frameCells(frames, true, new Set(), new Set(), { first: 0, last: 999 });
    expect(cells.map((c) => (c.kind === 'run' ? `${c.frameKind}:${c.first}-${c.last}` : `${c.frame.pfn}`))).toEqual(['kernel:0-1', 'free:2-4', '5', '6', 'free:7-999']);
  });
});
