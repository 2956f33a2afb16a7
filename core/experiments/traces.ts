/*
 * Seeded reference-string generators: the access patterns textbooks use to compare
 * replacement policies. Each returns an Int32Array of page numbers 0..pages-1; the same
 * parameters and seed give the same string on every host (core/sim/rng.ts).
 *
 *   uniform    every reference picks one of `pages` pages at random
 *   loop       0, 1, …, pages-1, 0, 1, … (a loop over an array larger or smaller than memory)
 *   hot-cold   `hotShare` of the references (0.8) go to the first `hotFraction` of the pages (0.2): "80/20"
 *   phases     the program moves through phases of `phaseLength` references; each phase
 *              uses a working set of `workingSet` consecutive pages starting at a random page
 *   zipf       page k (0-based rank) is chosen with probability ∝ 1/(k+1)^s
 *   scan       a hot set of `workingSet` pages used at random, and every `phaseLength`
 *              references one sequential scan over all pages (the pattern that defeats LRU)
 */
import { t } from '../i18n/index.ts';
import { Rng } from '../sim/rng.ts';

export type TraceKind = 'uniform' | 'loop' | 'hot-cold' | 'phases' | 'zipf' | 'scan';
export const TRACE_KINDS: readonly TraceKind[] = ['uniform', 'loop', 'hot-cold', 'phases', 'zipf', 'scan'];

export interface TraceGenerator {
  generate: TraceKind;
  /** References in the string. */
  length: number;
  /** Distinct pages the program may use (0..pages-1). */
  pages: number;
  seed: number;
  hotFraction?: number;
  hotShare?: number;
  phaseLength?: number;
  workingSet?: number;
  /** zipf exponent (1 = classic Zipf). */
  s?: number;
}

/** Most references a generated trace may hold. */
export const MAX_TRACE_LENGTH = 10_000_000;

export function generateTrace(g: TraceGenerator): Int32Array {
  const n = g.length;
  const P = g.pages;
  if (!Number.isInteger(n) || n < 1 || n > MAX_TRACE_LENGTH) throw new RangeError(t('graph.exp.error.traceLength', { max: MAX_TRACE_LENGTH, n }));
  if (!Number.isInteger(P) || P < 1) throw new RangeError(t('graph.exp.error.tracePages', { n: P }));
  const rng = new Rng(g.seed);
  const out = new Int32Array(n);
  switch (g.generate) {
    case 'uniform':
      for (let t = 0; t < n; t++) out[t] = rng.int(P);
      break;
    case 'loop':
      for (let t = 0; t < n; t++) out[t] = t % P;
      break;
    case 'hot-cold': {
      const hot = Math.max(1, Math.min(P, Math.round(P * (g.hotFraction ?? 0.2))));
      const share = g.hotShare ?? 0.8;
      for (let t = 0; t < n; t++) out[t] = rng.next() < share || hot === P ? rng.int(hot) : hot + rng.int(P - hot);
      break;
    }
    case 'phases': {
      const len = g.phaseLength ?? 1000;
      const ws = Math.max(1, Math.min(P, g.workingSet ?? 8));
      let start = 0;
      for (let t = 0; t < n; t++) {
        if (t % len === 0) start = rng.int(P - ws + 1);
        out[t] = start + rng.int(ws);
      }
      break;
    }
    case 'zipf': {
      const s = g.s ?? 1;
      const cdf = new Float64Array(P);
      let sum = 0;
      for (let k = 0; k < P; k++) cdf[k] = sum += 1 / Math.pow(k + 1, s);
      for (let t = 0; t < n; t++) {
        const u = rng.next() * sum;
        let lo = 0;
        let hi = P - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cdf[mid] > u) hi = mid;
          else lo = mid + 1;
        }
        out[t] = lo;
      }
      break;
    }
    case 'scan': {
      const hot = Math.max(1, Math.min(P, g.workingSet ?? 8));
      const every = g.phaseLength ?? 1000;
      let t = 0;
      while (t < n) {
        for (let i = 0; i < every && t < n; i++) out[t++] = rng.int(hot);
        for (let p = 0; p < P && t < n; p++) out[t++] = p;
      }
      break;
    }
  }
  return out;
}

/** Average working-set size W(t, Δ) over every window of Δ references (Denning): distinct pages per window. */
export function averageWorkingSet(trace: ArrayLike<number>, delta: number): number {
  const n = trace.length;
  if (n === 0 || delta < 1) return 0;
  const d = Math.min(delta, n);
  const count = new Map<number, number>();
  let distinct = 0;
  let total = 0;
  for (let t = 0; t < n; t++) {
    const p = trace[t];
    const c = count.get(p) ?? 0;
    if (c === 0) distinct++;
    count.set(p, c + 1);
    if (t >= d) {
      const q = trace[t - d];
      const cq = count.get(q)! - 1;
      count.set(q, cq);
      if (cq === 0) distinct--;
    }
    if (t >= d - 1) total += distinct;
  }
  return total / (n - d + 1);
}
