/*
 * The words a table's text cells stand for, in the language in force. A table stores its
 * text cells as stable English identifiers ("fully associative", "4-way", "dense",
 * "x86-64 sparse"), so CSV and JSON read the same in every language and a point can be
 * handed to the sandbox; the app's chart, legend and data table, and the CLI's plot,
 * show them through `cellLabel`. Policy and machine names (fifo, lru, first-touch,
 * x86-64) are the names people type and stay as they are.
 */
import { t } from '../i18n/index.ts';

/** The associativity in words ("fully associative", "direct-mapped", "4-way"). */
export function waysText(w: number | 'full'): string {
  return w === 'full' ? t('graph.exp.ways.full') : w === 1 ? t('graph.exp.ways.direct') : t('graph.exp.ways.n', { ways: w });
}

/** "dense" or "sparse" in words. */
export function layoutText(layout: string): string {
  return layout === 'dense' ? t('graph.exp.layout.dense') : layout === 'sparse' ? t('graph.exp.layout.sparse') : layout;
}

/** How a text cell of column `key` reads, for display; numbers and unknown values as they are. */
export function cellLabel(key: string, value: string | number): string {
  if (typeof value === 'number') return String(value);
  if (key === 'ways') {
    if (value === 'fully associative') return waysText('full');
    if (value === 'direct-mapped') return waysText(1);
    const m = /^(\d+)-way$/.exec(value);
    return m ? waysText(Number(m[1])) : value;
  }
  if (key === 'layout') return layoutText(value);
  if (key === 'series') {
    const m = /^(\S+) (dense|sparse)$/.exec(value);
    return m ? t('graph.exp.series.machineLayout', { machine: m[1], layout: layoutText(m[2]) }) : value;
  }
  return value;
}
