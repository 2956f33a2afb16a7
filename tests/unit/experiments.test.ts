// Experiments (core/experiments): each kind against points worked out by hand, and the
// job machinery (progress, cancellation, determinism) a host relies on.
import { describe, expect, it } from 'vitest';
import { ExperimentJob, loadExperiment, parseExperiment, runExperiment, tableToCsv, textPlot, type Row } from '../../core/experiments/index.ts';
import { averageWorkingSet, generateTrace } from '../../core/experiments/traces.ts';
import { formatDiagnostic } from '../../core/diag.ts';

const BELADY = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5];
const at = (rows: Row[], match: Record<string, string | number>) => {
  const r = rows.find((row) => Object.entries(match).every(([k, v]) => row[k] === v));
  if (!r) throw new Error(`no row ${JSON.stringify(match)}`);
  return r;
};

describe('page-replacement sweeps', () => {
  const t = runExperiment(parseExperiment({ kind: 'replacement', trace: BELADY, policies: ['fifo', 'lru', 'opt'], frames: { from: 1, to: 7 } }));

  it("shows Belady's anomaly: FIFO makes 9 faults with 3 frames and 10 with 4", () => {
    expect(at(t.rows, { policy: 'fifo', frames: 3 })).toMatchObject({ faults: 9, hits: 3 });
    expect(at(t.rows, { policy: 'fifo', frames: 4 })).toMatchObject({ faults: 10, hits: 2 });
    expect(t.notes).toContain("Belady's anomaly: FIFO makes 9 faults with 3 frames but 10 with 4.");
    expect(t.notes.some((n) => n.includes('LRU') && n.includes('anomaly'))).toBe(false);
  });

  it('matches the textbook tables for LRU and OPT', () => {
    // LRU: 10 faults at 3 frames, 8 at 4; OPT: 7 and 6; everything is a cold miss from 5 frames.
    expect([3, 4, 5].map((f) => at(t.rows, { policy: 'lru', frames: f }).faults)).toEqual([10, 8, 5]);
    expect([3, 4, 5].map((f) => at(t.rows, { policy: 'opt', frames: f }).faults)).toEqual([7, 6, 5]);
    expect(at(t.rows, { policy: 'opt', frames: 4 })).toMatchObject({ hit_rate: 50, fault_rate: 0.5 });
    expect(t.notes).toContain('LRU: the faults stop falling at 5 frames (5 faults from there on).');
  });

  it('writes CSV whose header starts policy,frames,faults,hits', () => {
    const csv = tableToCsv(t).split('\n');
    expect(csv[0]).toBe('policy,frames,faults,hits,hit_rate,fault_rate');
    expect(csv).toContain('fifo,4,10,2,16.6667,0.833333');
    expect(csv).toHaveLength(1 + 21 + 1);
  });

  it('draws a text plot with one letter per policy', () => {
    const plot = textPlot(t);
    expect(plot).toContain('A = fifo   B = lru   C = opt');
    expect(plot).toContain('frames\n');
  });

  it('accepts a reference string written as text', () => {
    const s = runExperiment(parseExperiment({ kind: 'replacement', trace: '1,2,3,4,1,2,5,1,2,3,4,5', policies: ['fifo'], frames: [3, 4] }));
    expect(s.rows.map((r) => r.faults)).toEqual([9, 10]);
  });
});

describe('seeded trace generators', () => {
  it('gives the same string for the same seed and another for another seed', () => {
    const g = { generate: 'zipf', length: 1000, pages: 50, seed: 3 } as const;
    expect(generateTrace(g)).toEqual(generateTrace(g));
    expect(generateTrace({ ...g, seed: 4 })).not.toEqual(generateTrace(g));
  });

  it('follows each pattern', () => {
    expect(Array.from(generateTrace({ generate: 'loop', length: 7, pages: 3, seed: 1 }))).toEqual([0, 1, 2, 0, 1, 2, 0]);
    const hc = generateTrace({ generate: 'hot-cold', length: 20000, pages: 100, seed: 1 });
    const hot = hc.filter((p) => p < 20).length / hc.length;
    expect(hot).toBeGreaterThan(0.78);
    expect(hot).toBeLessThan(0.82);
    const ph = generateTrace({ generate: 'phases', length: 3000, pages: 100, seed: 1, workingSet: 5, phaseLength: 1000 });
    for (let k = 0; k < 3; k++) {
      const part = Array.from(ph.slice(k * 1000, (k + 1) * 1000));
      expect(Math.max(...part) - Math.min(...part)).toBeLessThan(5);
    }
    const scan = generateTrace({ generate: 'scan', length: 30, pages: 10, seed: 1, workingSet: 2, phaseLength: 10 });
    expect(Array.from(scan.slice(10, 20))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const z = generateTrace({ generate: 'zipf', length: 20000, pages: 100, seed: 1 });
    expect(z.filter((p) => p === 0).length).toBeGreaterThan(z.filter((p) => p === 9).length * 5);
  });

  it('measures the working-set size W(t, Δ)', () => {
    expect(averageWorkingSet([1, 2, 1, 2, 3, 3], 2)).toBe((2 + 2 + 2 + 2 + 1) / 5);
    expect(averageWorkingSet([0, 1, 2, 3, 0, 1, 2, 3], 4)).toBe(4);
  });
});

describe('working sets and thrashing', () => {
  it('a loop over 8 pages faults on every reference under LRU until it has 8 frames', () => {
    const t = runExperiment(parseExperiment({ kind: 'working-set', trace: { generate: 'loop', length: 800, pages: 8 }, policies: ['lru'], frames: { from: 6, to: 9 }, window: 8 }));
    expect(t.rows.map((r) => [r.frames, r.faults, r.fault_rate])).toEqual([
      [6, 800, 1],
      [7, 800, 1],
      [8, 8, 0.01],
      [9, 8, 0.01],
    ]);
    expect(t.notes[0]).toContain('W(t, Δ=8): 8.0 pages');
    expect(t.notes).toContain('LRU: at most 1 fault in 20 references from 8 frames.');
  });
});

describe('TLB sweeps', () => {
  it('a loop over 64 pages misses every time until the TLB holds 64 entries (LRU)', () => {
    const t = runExperiment(parseExperiment({ kind: 'tlb', pattern: 'loop', pages: 64, accesses: 1024, entries: [32, 64, 128], ways: ['full'] }));
    expect(t.rows.map((r) => [r.entries, r.tlb_hits, r.tlb_misses])).toEqual([
      [32, 0, 1024],
      [64, 1024 - 64, 64],
      [128, 1024 - 64, 64],
    ]);
    // x86-64: 4 page-table reads a miss at 100 cycles, a hit 1 cycle.
    expect(at(t.rows, { entries: 32 })).toMatchObject({ cycles: 401, walk_reads: 4096, hit_rate: 0, reach_kib: 128 });
    expect(at(t.rows, { entries: 64 }).cycles).toBe(1 + (64 / 1024) * 400);
  });

  it('row order misses once a page, column order on every access when the TLB is small', () => {
    const common = { rows: 64, columns: 1024, elementBytes: 4, entries: [16], ways: [4] };
    const row = runExperiment(parseExperiment({ kind: 'tlb', pattern: 'matrix-row', ...common })).rows[0];
    const col = runExperiment(parseExperiment({ kind: 'tlb', pattern: 'matrix-column', ...common })).rows[0];
    expect(row).toMatchObject({ accesses: 65536, tlb_misses: 64, ways: '4-way' });
    expect(col).toMatchObject({ accesses: 65536, tlb_misses: 65536, hit_rate: 0 });
  });

  it('a 64-byte stride hits 63 times in 64 on 4 KiB pages', () => {
    const r = runExperiment(parseExperiment({ kind: 'tlb', pattern: 'stride', stride: 64, pages: 8, accesses: 512, entries: [8], ways: [1] })).rows[0];
    expect(r).toMatchObject({ tlb_misses: 8, tlb_hits: 504, ways: 'direct-mapped' });
  });

  it('skips associativities that do not divide the entries', () => {
    const t = runExperiment(parseExperiment({ kind: 'tlb', entries: [2, 6, 8], ways: [4], accesses: 64 }));
    expect(t.rows.map((r) => r.entries)).toEqual([8]);
  });
});

describe('page-table overhead', () => {
  const t = runExperiment(parseExperiment({ kind: 'page-tables', machines: ['x86-64', 'x86-32', 'teaching-16'], layouts: ['dense', 'sparse'], pages: [1, 2, 64] }));
  it('two sparse pages need three more tables each on x86-64, two dense ones none', () => {
    const one = at(t.rows, { machine: 'x86-64', layout: 'dense', pages: 1 }).table_frames as number;
    expect(at(t.rows, { machine: 'x86-64', layout: 'dense', pages: 2 }).table_frames).toBe(one);
    expect(at(t.rows, { machine: 'x86-64', layout: 'sparse', pages: 2 }).table_frames).toBe(one + 3);
  });
  it('on x86-32, 64 sparse pages need 64 leaf tables, 64 dense pages one', () => {
    const dense = at(t.rows, { machine: 'x86-32', layout: 'dense', pages: 64 }).table_frames as number;
    expect(at(t.rows, { machine: 'x86-32', layout: 'sparse', pages: 64 }).table_frames).toBe(dense + 63);
    expect(at(t.rows, { machine: 'x86-32', layout: 'dense', pages: 64 }).overhead).toBe(round4((dense / 64) * 100));
  });
  it('the one-level teaching machine has one table whatever is mapped, and says when pages do not fit', () => {
    expect(at(t.rows, { machine: 'teaching-16', layout: 'sparse', pages: 2 }).table_frames).toBe(1);
    expect(t.rows.some((r) => r.machine === 'teaching-16' && r.pages === 64)).toBe(false);
    expect(t.notes.some((n) => n.startsWith('teaching-16 dense: 64 pages do not fit'))).toBe(true);
  });
});
const round4 = (v: number) => Number(v.toPrecision(6));

describe('NUMA placement', () => {
  const t = runExperiment(parseExperiment({ kind: 'numa', pages: 64, threads: 2, passes: 1, policies: ['first-touch', 'interleave', 'bind-1'] }));
  it('first touch from node 0: local for near threads (cost 10), remote for far ones (21)', () => {
    expect(at(t.rows, { policy: 'first-touch', far_threads: 0 })).toMatchObject({ accesses: 128, remote: 0, avg_cost: 10 });
    expect(at(t.rows, { policy: 'first-touch', far_threads: 1 })).toMatchObject({ remote: 64, remote_fraction: 50, avg_cost: 15.5 });
    expect(at(t.rows, { policy: 'first-touch', far_threads: 2 })).toMatchObject({ remote: 128, avg_cost: 21 });
  });
  it('interleave is half remote wherever the threads run; bind-1 is the mirror of first touch', () => {
    for (const far of [0, 1, 2]) expect(at(t.rows, { policy: 'interleave', far_threads: far })).toMatchObject({ remote_fraction: 50, avg_cost: 15.5 });
    expect(at(t.rows, { policy: 'bind-1', far_threads: 0 }).avg_cost).toBe(21);
    expect(at(t.rows, { policy: 'bind-1', far_threads: 2 }).avg_cost).toBe(10);
  });
});

describe('fork and copy-on-write', () => {
  const t = runExperiment(parseExperiment({ kind: 'fork', pages: 64, written: [0, 0.5, 1] }));
  it('each page the child writes costs one frame and moves PSS from shared to private', () => {
    const [none, half, all] = t.rows;
    expect(half.cow_copies).toBe(32);
    expect((half.frames_used as number) - (none.frames_used as number)).toBe(32);
    expect((all.frames_used as number) - (none.frames_used as number)).toBe(64);
    // The 64 data pages: shared by two at first (32 each in PSS), then 32 private + 32 shared (48).
    const rest = (none.child_pss as number) - 32;
    expect(half.child_pss).toBe(48 + rest);
    expect(all.child_pss).toBe(64 + rest);
    expect(half.child_rss).toBe(none.child_rss);
  });
});

describe('jobs, progress and cancellation', () => {
  const spec = parseExperiment({ kind: 'replacement', trace: { generate: 'uniform', length: 5000, pages: 40, seed: 2 }, policies: ['lru', 'random'], frames: { from: 1, to: 40 } });

  it('reports progress after each point and is deterministic', () => {
    const seen: number[] = [];
    const a = runExperiment(spec, { onProgress: (done, total) => seen.push(done / total) });
    expect(seen).toHaveLength(80);
    expect(seen[79]).toBe(1);
    expect(runExperiment(spec).rows).toEqual(a.rows);
    expect(a.partial).toBe(false);
  });

  it('stops between points when asked, keeping the points done', () => {
    let n = 0;
    const t = runExperiment(spec, { shouldStop: () => n++ >= 10 });
    expect(t.rows).toHaveLength(10);
    expect(t.partial).toBe(true);
    expect(t.done).toBe(10);
  });

  it('advances a job in slices', () => {
    const job = new ExperimentJob(spec);
    expect(job.advance(5)).toHaveLength(5);
    expect(job.done).toBe(5);
    job.advance(1000);
    expect(job.finished).toBe(true);
    expect(job.table().rows).toEqual(runExperiment(spec).rows);
  });
});

describe('experiment documents', () => {
  it('reports mistakes as file:line:col with a hint', () => {
    const r = loadExperiment('kind: replacment\n', 'a.yaml');
    expect(r.spec).toBeNull();
    expect(formatDiagnostic(r.diagnostics[0])).toMatch(/^a\.yaml:1:7: error: unknown experiment kind "replacment".*did you mean "replacement"/);
    const bad = loadExperiment('kind: replacement\npolicies: [fifo, lur]\nframes: { from: 1, to: 4, stepp: 1 }\n', 'b.yaml').diagnostics.map(formatDiagnostic);
    expect(bad.some((d) => d.startsWith('b.yaml:2:18:'))).toBe(true);
    expect(bad.some((d) => d.startsWith('b.yaml:3:') && d.includes('stepp'))).toBe(true);
  });

  it('reports parameters the planner refuses at their key', () => {
    const r = loadExperiment('kind: replacement\nframes: { from: 9, to: 2 }\n', 'c.yaml');
    expect(formatDiagnostic(r.diagnostics[0])).toMatch(/^c\.yaml:2:9: error: frames: "to" \(2\) is below "from" \(9\)/);
  });

  it('fills every parameter with its default', () => {
    const r = loadExperiment('{"kind": "tlb"}', 'd.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.spec).toMatchObject({ kind: 'tlb', machine: 'x86-64', pattern: 'loop', ways: [1, 4, 'full'] });
  });
});

describe('open a point in the sandbox', () => {
  it('gives sandbox commands that the sandbox runs without an error, for every kind', async () => {
    const { sandboxPlan } = await import('../../core/experiments/sandbox.ts');
    const { PRESETS } = await import('../../core/experiments/presets.ts');
    const { PagewalkService } = await import('../../core/service.ts');
    const service = new PagewalkService({ read: async () => null, write: async () => {} }, { list: async () => [] }, { info: () => ({ kind: 'web', version: '0', canImportPacks: false, canOpenFolders: false, notices: [] }), policy: () => ({ allowImport: true, allowSandbox: true, allowAuthorPreview: true, source: 'test' }), saveFile: async () => true });
    for (const [kind, presets] of Object.entries(PRESETS)) {
      const spec = parseExperiment(presets[0].document);
      expect(spec.kind).toBe(kind);
      const job = new ExperimentJob(spec);
      job.advance(3);
      const row = job.table().rows.at(-1)!;
      const plan = sandboxPlan(spec, row);
      let view = await service.openSandbox(plan.profileId);
      // The sandbox keeps one session per machine: start it over, as the screen does after asking.
      if ((view.sandbox?.position ?? 0) > 0) view = await service.sandboxGoTo(view.sessionId, 0);
      for (const c of plan.commands) {
        const out = await service.sandboxCommand(view.sessionId, c);
        expect(out.error, `${kind}: ${c}`).toBeNull();
        expect(out.result?.error ?? null, `${kind}: ${c}`).toBeNull();
      }
    }
  }, 30_000);

  it('every preset is a valid document', async () => {
    const { PRESETS } = await import('../../core/experiments/presets.ts');
    for (const presets of Object.values(PRESETS)) for (const p of presets) expect(loadExperiment(JSON.stringify(p.document), p.id).diagnostics.map(formatDiagnostic)).toEqual([]);
  });
});

describe('the service runs experiments in slices', () => {
  it('starts, continues and cancels; reports document problems with positions', async () => {
    const { PagewalkService } = await import('../../core/service.ts');
    const service = new PagewalkService({ read: async () => null, write: async () => {} }, { list: async () => [] }, { info: () => ({ kind: 'web', version: '0', canImportPacks: false, canOpenFolders: false, notices: [] }), policy: () => ({ allowImport: true, allowSandbox: true, allowAuthorPreview: true, source: 'test' }), saveFile: async () => true });
    const bad = await service.startExperiment('kind: tlb\nways: [three]\n');
    expect(bad.jobId).toBeNull();
    expect(bad.problems[0]).toMatch(/^experiment:2:8: error: ways\[0\]/);
    const run = await service.startExperiment(JSON.stringify({ kind: 'replacement', trace: { generate: 'uniform', length: 20000, pages: 100 }, policies: ['lru', 'opt'], frames: { from: 1, to: 100 } }));
    expect(run.table!.total).toBe(200);
    const more = await service.continueExperiment(run.jobId!, 5);
    expect(more.table!.done).toBeGreaterThan(0);
    const stopped = await service.cancelExperiment(run.jobId!);
    expect(stopped.finished).toBe(true);
    expect(stopped.table!.partial).toBe(stopped.table!.done < 200);
    await expect(service.continueExperiment(run.jobId!, 5)).rejects.toThrow('no longer running');
    const belady = await service.startExperiment('kind: replacement\npolicies: [fifo]\n');
    let r = belady;
    while (!r.finished) r = await service.continueExperiment(belady.jobId!, 50);
    expect(r.table!.rows.find((x) => x.frames === 4)!.faults).toBe(10);
  });
});

describe('reading a curve for a predict-the-curve quiz', () => {
  it('finds where a curve settles, whether it rises, and its value at a point', async () => {
    const { curveOf, curveRises, curveSettles, curveValue } = await import('../../core/experiments/curve.ts');
    const experiment = { kind: 'replacement', trace: BELADY, policies: ['fifo', 'lru'], frames: { from: 1, to: 7 } };
    const fifo = curveOf({ experiment, series: 'fifo' });
    expect(curveRises(fifo)).toEqual({ rises: true, at: [{ x: 3, y: 9 }, { x: 4, y: 10 }] });
    expect(curveSettles(fifo)).toBe(5);
    expect(curveValue(fifo, 4)).toBe(10);
    const lru = curveOf({ experiment, series: 'lru', measure: 'hit_rate' });
    expect(curveRises(lru).rises).toBe(true); // the hit rate rises with frames
    expect(curveRises(curveOf({ experiment, series: 'lru' })).rises).toBe(false);
    expect(() => curveOf({ experiment, series: 'opt' })).toThrow('no curve "opt" (curves: fifo, lru)');
    expect(() => curveValue(fifo, 9)).toThrow('no point at 9');
  });
});

describe('saving a PNG chart through saveFile', () => {
  it('turns a PNG data URL into bytes for a .png name, and leaves text alone', async () => {
    const { savedBytes } = await import('../../core/api.ts');
    expect(Array.from(savedBytes('chart.png', 'data:image/png;base64,iVBORw0=')!)).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d]);
    expect(savedBytes('table.csv', 'data:image/png;base64,iVBORw0=')).toBeNull();
    expect(savedBytes('chart.png', 'policy,frames\n')).toBeNull();
  });
});
