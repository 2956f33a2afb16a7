/*
 * Messages between the Experiments screen and the stride-timing worker ("Measure your own
 * computer"). The worker is outside core/ on purpose: what it reports is a timing of this
 * computer, different on every run, so nothing here is part of the deterministic simulator.
 */

/** Screen → worker: time one touch per page over each working set in `pages` (ascending). */
export interface MeasureRequest {
  pages: number[];
  /** Timed measurements kept per working set (after one warm-up); the median is reported. */
  repeats: number;
  /** Each measurement repeats its passes until it lasts at least this long. */
  minMillis: number;
}

export interface TimerReport {
  type: 'timer';
  /** The smallest step `performance.now()` was seen to take, in milliseconds. */
  stepMillis: number;
  crossOriginIsolated: boolean;
}

export interface PointReport {
  type: 'point';
  pages: number;
  /** Median over the repeats of (elapsed ÷ accesses), in nanoseconds. */
  nsPerAccess: number;
  /** Lowest and highest of the repeats, ns per access: the spread the median hides. */
  lowNs: number;
  highNs: number;
  /** Accesses in each timed measurement (passes × pages). */
  accesses: number;
  /** The timer step divided by the accesses: no digit finer than this means anything. */
  resolutionNs: number;
}

export interface DoneReport {
  type: 'done';
  /** The sum of every byte read, so the loads cannot be optimised away; meaningless otherwise. */
  checksum: number;
}

export interface FailReport {
  type: 'fail';
  message: string;
}

export type MeasureReport = TimerReport | PointReport | DoneReport | FailReport;

/** Bytes between touches: one per page of 4 KiB, the page size of every common desktop. */
export const STRIDE_BYTES = 4096;

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Decimal places that a value known to within `resolution` deserves (0 when it is ≥ 1). */
export function decimalsFor(resolution: number): number {
  if (!(resolution > 0) || resolution >= 1) return 0;
  return Math.min(6, Math.ceil(-Math.log10(resolution)));
}

/** Rounds `value` to the precision its resolution allows. */
export function roundTo(value: number, resolution: number): number {
  const d = decimalsFor(resolution);
  if (resolution >= 1) return Math.round(value / 10 ** Math.floor(Math.log10(resolution))) * 10 ** Math.floor(Math.log10(resolution));
  return Number(value.toFixed(d));
}

/** Powers of two from 1 up to `max` (and `max` itself when it is not one). */
export function pageSteps(max: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= max; n *= 2) out.push(n);
  if (out[out.length - 1] !== max && max >= 1) out.push(max);
  return out;
}
