/*
 * Reading a curve off an experiment's table, for quizzes that ask the learner to predict
 * its shape before it is drawn: the value at a point, where the curve settles (the fewest
 * x from which it keeps its final value: "at how many frames do the faults stop
 * falling?"), and whether it ever rises ("does adding a frame ever increase faults?").
 * Tables are cached by document, so a quiz's many instances run its sweep once.
 */
import { t } from '../i18n/index.ts';
import { parseExperiment } from './schema.ts';
import { runExperiment } from './run.ts';
import { ExperimentError, type ExperimentTable, type Row } from './types.ts';

export interface CurveQuestion {
  experiment: Record<string, unknown>;
  /** The curve (a value of the table's series column); default the first. */
  series?: string;
  /** The y column; default the plot's first. */
  measure?: string;
  /** curve-value: the x to read at. */
  x?: number;
}

export interface CurveAnswer {
  table: ExperimentTable;
  series: string;
  measure: string;
  points: { x: number; y: number }[];
}

const cache = new Map<string, ExperimentTable>();
const CACHE_SIZE = 32;

export function experimentTable(document: Record<string, unknown>): ExperimentTable {
  const key = JSON.stringify(document);
  let t = cache.get(key);
  if (!t) {
    t = runExperiment(parseExperiment(document));
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, t);
  }
  return t;
}

export function curveOf(q: CurveQuestion): CurveAnswer {
  const table = experimentTable(q.experiment);
  const measure = q.measure ?? table.plot.y[0];
  if (!table.columns.some((c) => c.key === measure)) throw new ExperimentError(t('graph.exp.error.noMeasure', { measure, measures: table.plot.y.join(', ') }));
  const seriesKey = table.plot.series;
  const names = seriesKey ? [...new Set(table.rows.map((r) => String(r[seriesKey])))] : [measure];
  const series = q.series ?? names[0];
  if (seriesKey && !names.includes(series)) throw new ExperimentError(t('graph.exp.error.noCurve', { series, curves: names.join(', ') }));
  const rows: Row[] = seriesKey ? table.rows.filter((r) => String(r[seriesKey]) === series) : table.rows;
  const points = rows.map((r) => ({ x: Number(r[table.plot.x]), y: Number(r[measure]) })).sort((a, b) => a.x - b.x);
  if (points.length === 0) throw new ExperimentError(t('graph.exp.error.curveEmpty', { series }));
  return { table, series, measure, points };
}

/** y at x (the point must be on the curve). */
export function curveValue(c: CurveAnswer, x: number): number {
  const p = c.points.find((q) => q.x === x);
  if (!p) throw new ExperimentError(t('graph.exp.error.noPointAt', { series: c.series, x: String(x), xs: c.points.map((q) => q.x).join(', ') }));
  return p.y;
}

/** The fewest x from which y keeps its final value. */
export function curveSettles(c: CurveAnswer): number {
  const last = c.points[c.points.length - 1].y;
  let i = c.points.length - 1;
  while (i > 0 && c.points[i - 1].y === last) i--;
  return c.points[i].x;
}

/** Whether y ever goes up from one point to the next; with the first such pair. */
export function curveRises(c: CurveAnswer): { rises: boolean; at: [{ x: number; y: number }, { x: number; y: number }] | null } {
  for (let i = 1; i < c.points.length; i++) if (c.points[i].y > c.points[i - 1].y) return { rises: true, at: [c.points[i - 1], c.points[i]] };
  return { rises: false, at: null };
}
