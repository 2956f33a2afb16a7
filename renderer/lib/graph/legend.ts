/*
 * What the graph's letters, colours, lines and badges mean, in words: the legend panel
 * and the tooltips of table rows and frames read from here, so they always agree. Each
 * text is read from the message catalogue when asked for, so it follows the language.
 *
 * The flag letters (V R W X NX U G A D COW) are the notation the simulator prints; the
 * words for them mirror core/sim/flags.ts, translated.
 */
import { t } from '../../../core/i18n/index.ts';
import type { MessageKey } from '../../../core/i18n/index.ts';

export interface LegendItem {
  /** A CSS class of graph.css's legend swatches. */
  swatch: string;
  label: string;
  text: string;
}

/** Per letter: its word (tooltips) and its full meaning (the legend). */
const FLAG_KEYS: Record<string, [word: MessageKey, meaning: MessageKey]> = {
  V: ['graph.flag.V', 'graph.flag.V.meaning'],
  R: ['graph.flag.R', 'graph.flag.R.meaning'],
  W: ['graph.flag.W', 'graph.flag.W.meaning'],
  X: ['graph.flag.X', 'graph.flag.X.meaning'],
  NX: ['graph.flag.NX', 'graph.flag.NX.meaning'],
  U: ['graph.flag.U', 'graph.flag.U.meaning'],
  G: ['graph.flag.G', 'graph.flag.G.meaning'],
  A: ['graph.flag.A', 'graph.flag.A.meaning'],
  D: ['graph.flag.D', 'graph.flag.D.meaning'],
  COW: ['graph.flag.COW', 'graph.flag.COW.meaning'],
};

/** Each flag letter with what it means ("valid: the entry maps something"). */
export function flagWords(): [letter: string, words: string][] {
  return Object.entries(FLAG_KEYS).map(([letter, [, meaning]]) => [letter, t(meaning as 'graph.flag.V')]);
}

/** An entry's flags as words ("valid, readable, writable"), for tooltips. */
export function flagsInWords(flags: string): string {
  const words = flags
    .split(/\s+/)
    .filter((f) => f in FLAG_KEYS)
    .map((f) => t(FLAG_KEYS[f][0] as 'graph.flag.V'));
  return words.length ? words.join(t('graph.flag.separator')) : t('graph.flag.none');
}

const item = (swatch: string, label: string, text: MessageKey): LegendItem => ({ swatch, label, text: t(text as 'graph.legend.process') });

/** The legend's groups, in the language in force. */
export function legendGroups(): { title: string; items: LegendItem[] }[] {
  return [
    {
      title: t('graph.legend.boxes'),
      items: [
        item('sw-process', t('graph.legend.process.label'), 'graph.legend.process'),
        item('sw-table', t('graph.legend.table.label'), 'graph.legend.table'),
        item('sw-frame', t('graph.legend.frame.label'), 'graph.legend.frame'),
        item('sw-kernel', t('graph.legend.kernel.label'), 'graph.legend.kernel'),
        item('sw-free', t('graph.legend.free.label'), 'graph.legend.free'),
        item('sw-pt', 'PT Ln', 'graph.legend.pt'),
        item('sw-shared', t('graph.legend.shared.label'), 'graph.legend.shared'),
      ],
    },
    {
      title: t('graph.legend.lines'),
      items: [
        item('sw-edge', t('graph.legend.edge.label'), 'graph.legend.edge'),
        item('sw-cow', t('graph.legend.cow.label'), 'graph.legend.cow'),
        item('sw-path', t('graph.legend.path.label'), 'graph.legend.path'),
        item('sw-fault', t('graph.legend.fault.label'), 'graph.legend.fault'),
        item('sw-changed', t('graph.legend.changed.label'), 'graph.legend.changed'),
        item('sw-dirty', '●', 'graph.legend.dirty'),
        item('sw-concealed', '?', 'graph.legend.concealed'),
      ],
    },
  ];
}
