/*
 * An experiment's table as text: CSV (columns in order, header of column keys), an
 * aligned table for a terminal, and a small text plot of the first y column, one
 * letter per series. Pure string functions: the CLI prints them, the app exports CSV.
 */
import { t as translate } from '../i18n/index.ts';
import { cellLabel } from './labels.ts';
import type { Cell, Column, ExperimentTable, Row } from './types.ts';

function csvField(v: Cell | undefined): string {
  const s = v === undefined ? '' : String(v);
  // Quote what could break a spreadsheet, and defuse formula injection in text cells.
  const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tableToCsv(t: Pick<ExperimentTable, 'columns' | 'rows'>): string {
  const lines = [t.columns.map((c) => c.key).join(',')];
  for (const r of t.rows) lines.push(t.columns.map((c) => csvField(r[c.key])).join(','));
  return lines.join('\n') + '\n';
}

export function tableToText(t: ExperimentTable): string {
  const head = t.columns.map((c) => c.key);
  const cells = t.rows.map((r) => t.columns.map((c) => String(r[c.key] ?? '')));
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const line = (xs: string[]) => xs.map((x, i) => (t.columns[i].kind === 'number' ? x.padStart(width[i]) : x.padEnd(width[i]))).join('  ').trimEnd();
  return [line(head), ...cells.map(line)].join('\n');
}

/** The series of a table's plot: [name, rows sorted by x] for the given y column. */
export function plotSeries(t: Pick<ExperimentTable, 'plot' | 'rows' | 'columns'>, y = t.plot.y[0]): { name: string; y: string; points: { x: number; y: number; row: Row }[] }[] {
  const { x, series } = t.plot;
  const groups = new Map<string, Row[]>();
  if (series === null) {
    for (const col of t.plot.y) groups.set(col, t.rows);
  } else for (const r of t.rows) {
    const k = String(r[series]);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  return [...groups].map(([name, rows]) => {
    const col = series === null ? name : y;
    const label = series === null ? t.columns.find((c) => c.key === name)?.label ?? name : cellLabel(series, name);
    return { name: label, y: col, points: rows.map((row) => ({ x: Number(row[x]), y: Number(row[col]), row })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x) };
  });
}

const MARKS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A text plot, `width` × `height` characters inside its axes: each series drawn with its letter, overlaps as '*'. */
export function textPlot(t: ExperimentTable, width = 60, height = 14): string {
  const y = t.plot.series === null ? null : t.plot.y[0];
  const series = plotSeries(t, y ?? undefined);
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return translate('graph.exp.plot.empty');
  const log = t.plot.xLog === true && all.every((p) => p.x > 0);
  const fx = (v: number) => (log ? Math.log2(v) : v);
  const xs = all.map((p) => fx(p.x));
  const ys = all.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(...ys)];
  const grid = Array.from({ length: height }, () => new Array<string>(width).fill(' '));
  series.forEach((s, k) => {
    for (const p of s.points) {
      const c = x1 === x0 ? 0 : Math.round(((fx(p.x) - x0) / (x1 - x0)) * (width - 1));
      const r = height - 1 - (y1 === y0 ? 0 : Math.round(((p.y - y0) / (y1 - y0)) * (height - 1)));
      const mark = MARKS[k % MARKS.length];
      grid[r][c] = grid[r][c] === ' ' || grid[r][c] === mark ? mark : '*';
    }
  });
  const col = (key: string) => t.columns.find((c) => c.key === key);
  // "hit rate (%)", "TLB entries (entries, log scale)": an axis name as the locale writes it.
  const named = (c: Column | undefined, log = false) => {
    if (!c) return '';
    const unit = c.unit && c.unit !== c.label ? c.unit : null;
    if (unit) return log ? translate('graph.exp.plot.axisUnitLog', { label: c.label, unit }) : translate('graph.exp.ui.axisWithUnit', { label: c.label, unit });
    return log ? translate('graph.chart.logAxis', { label: c.label }) : c.label;
  };
  const yName = y ? named(col(y)) : col(t.plot.y[0])?.unit ?? '';
  const top = String(round3(y1));
  const bottom = String(round3(y0));
  const pad = Math.max(top.length, bottom.length);
  const lines = [`${yName}`];
  grid.forEach((row, i) => lines.push(`${(i === 0 ? top : i === height - 1 ? bottom : '').padStart(pad)} |${row.join('').trimEnd()}`));
  const xc = col(t.plot.x);
  const left = String(all.reduce((a, p) => Math.min(a, p.x), Infinity));
  const right = String(all.reduce((a, p) => Math.max(a, p.x), -Infinity));
  lines.push(`${' '.repeat(pad)} +${'-'.repeat(width)}`);
  lines.push(`${' '.repeat(pad + 2)}${left}${right.padStart(width - left.length)}`);
  lines.push(`${' '.repeat(pad + 2)}${named(xc, log)}`);
  lines.push(series.map((s, k) => `${MARKS[k % MARKS.length]} = ${s.name}`).join('   ') + `   * = ${translate('graph.exp.plot.several')}`);
  return lines.join('\n');
}

const round3 = (v: number) => Number(v.toPrecision(4));
