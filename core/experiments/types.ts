/*
 * What every experiment kind shares: the table it returns and the way it is run.
 *
 * Data layout. An experiment is a list of points, each computed by one function that
 * returns the table rows of that point (one row per point, or a few when a point measures
 * several series at once). Rows are plain records keyed by the columns' `key`s, so the
 * same table becomes CSV (columns in order), JSON (as is) and a plot (`plot` names the x
 * column, the y columns and the column whose values separate the series).
 *
 * A run is cancellable between points and reports progress after each one; the app runs
 * a job a few points at a time through the API so it can draw progress and stop early.
 */

export type ExperimentKind = 'replacement' | 'tlb' | 'page-tables' | 'numa' | 'fork' | 'working-set';
export const EXPERIMENT_KINDS: readonly ExperimentKind[] = ['replacement', 'tlb', 'page-tables', 'numa', 'fork', 'working-set'];

export type Cell = number | string;
export type Row = Record<string, Cell>;

export interface Column {
  key: string;
  /** Header as a person reads it ("hit rate"). */
  label: string;
  /** Unit of the values, shown on axes and in the table ("faults", "%", "KiB", "cycles"). */
  unit?: string;
  kind: 'number' | 'text';
}

export interface PlotSpec {
  /** Column on the x axis. */
  x: string;
  /** Columns drawn against x (the first is the one a chart shows by default). */
  y: string[];
  /** Column whose values separate the series (one curve each), or null: one curve per y column. */
  series: string | null;
  /** Draw x on a base-2 logarithmic axis (sizes that double). */
  xLog?: boolean;
}

export interface ExperimentTable {
  kind: ExperimentKind;
  title: string;
  columns: Column[];
  rows: Row[];
  plot: PlotSpec;
  /** What the curves show in words, computed from the rows (Belady's anomaly, where faults stop falling, …). */
  notes: string[];
  /** Stopped before the last point (cancelled). */
  partial: boolean;
  /** Points computed and points in all. */
  done: number;
  total: number;
}

export interface RunOptions {
  /** Called after each point with points done and points in all. */
  onProgress?: (done: number, total: number) => void;
  /** Asked before each point: true stops the run (the table holds the points done so far). */
  shouldStop?: () => boolean;
}

/** What a kind's planner returns: the shape of its table, and one function per point. */
export interface ExperimentPlan {
  title: string;
  columns: Column[];
  plot: PlotSpec;
  points: (() => Row[])[];
  notes(rows: Row[]): string[];
}

/** A mistake in an experiment's parameters that the schema cannot catch (a machine that cannot hold them). */
export class ExperimentError extends Error {}

export const num = (key: string, label: string, unit?: string): Column => ({ key, label, unit, kind: 'number' });
export const text = (key: string, label: string): Column => ({ key, label, kind: 'text' });

/** A ratio rounded for tables (six significant digits is more than any plot shows). */
export function round(v: number, digits = 6): number {
  return Number.isFinite(v) ? Number(v.toPrecision(digits)) : v;
}
