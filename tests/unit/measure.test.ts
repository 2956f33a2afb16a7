/*
 * "Measure your own computer": the simulator's pages axis (tlb over: pages) and the helpers
 * the real measurement uses to report a median without more digits than the timer has.
 * The timing itself is not tested here: it is not deterministic (tests/e2e/measure.spec.ts
 * only checks that it runs).
 */
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../core/experiments/run.ts';
import { parseExperiment } from '../../core/experiments/schema.ts';
import { decimalsFor, median, pageSteps, roundTo } from '../../renderer/measure/protocol.ts';

describe('tlb over pages', () => {
  it('is flat while the array fits the TLB and steps up past its reach', () => {
    const t = runExperiment(parseExperiment({ kind: 'tlb', over: 'pages', entries: [16], ways: ['full'], pageCounts: [4, 8, 16, 32, 64] }));
    expect(t.plot.x).toBe('pages');
    const cost = t.rows.map((r) => r.cycles as number);
    const hits = t.rows.map((r) => r.hit_rate as number);
    expect(t.rows.map((r) => r.pages)).toEqual([4, 8, 16, 32, 64]);
    // Up to 16 pages only the compulsory misses of the first pass; beyond, LRU misses every access.
    expect(hits.slice(0, 3).every((h) => h > 99)).toBe(true);
    expect(hits.slice(3)).toEqual([0, 0]);
    expect(cost[3]).toBeGreaterThan(cost[2] * 10);
    // Every point revisits each page: at least two passes.
    for (const r of t.rows) expect(r.accesses as number).toBeGreaterThanOrEqual(2 * (r.pages as number));
  });

  it('needs one TLB size and a pattern with an array size', () => {
    expect(() => runExperiment(parseExperiment({ kind: 'tlb', over: 'pages', entries: [16, 32] }))).toThrow(/one TLB size/);
    expect(() => runExperiment(parseExperiment({ kind: 'tlb', over: 'pages', pattern: 'matrix-row', entries: [16] }))).toThrow(/loop, stride or random/);
  });

  it('leaves the entries sweep as it was', () => {
    const t = runExperiment(parseExperiment({ kind: 'tlb', entries: [8, 64], ways: ['full'] }));
    expect(t.plot.x).toBe('entries');
    expect(t.columns.some((c) => c.key === 'pages')).toBe(false);
  });
});

describe('measurement helpers', () => {
  it('takes the median of odd and even lists', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('prints no digit finer than the resolution', () => {
    expect(decimalsFor(0.02)).toBe(2);
    expect(decimalsFor(0.5)).toBe(1);
    expect(decimalsFor(2)).toBe(0);
    expect(roundTo(3.14159, 0.01)).toBe(3.14);
    expect(roundTo(1234, 20)).toBe(1230);
  });

  it('sweeps powers of two up to the largest working set, which is always included', () => {
    expect(pageSteps(16)).toEqual([1, 2, 4, 8, 16]);
    expect(pageSteps(20)).toEqual([1, 2, 4, 8, 16, 20]);
    expect(pageSteps(16384)).toHaveLength(15);
  });
});
