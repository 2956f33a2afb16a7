/*
 * Parameters as people type them, on the command line and in the app's form: numbers,
 * words, comma lists ("fifo,lru"), and ranges "A..B" (every whole number), "A..B+S"
 * (step S) and "A..BxF" (geometric, ×F; "*" also works). Also the other way round, so a
 * form field shows a document's range as the same text. Pure: no zod, no Node.
 */

/** Keys that hold lists: a single value given for one of them is a list of one. */
export const LIST_KEYS = new Set(['policies', 'machines', 'layouts', 'ways', 'trace']);

function scalar(v: string): number | string {
  return /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(v) ? Number(v) : v;
}

/** A typed value: a range, a list or a scalar. */
export function optionValue(key: string, v: string): unknown {
  const range = /^\s*(\d+(?:\.\d+)?)\s*\.\.\s*(\d+(?:\.\d+)?)\s*(?:([+*x×])\s*(\d+(?:\.\d+)?))?\s*$/.exec(v);
  if (range) {
    const [, from, to, op, by] = range;
    return { from: Number(from), to: Number(to), ...(op === '+' ? { step: Number(by) } : op ? { times: Number(by) } : {}) };
  }
  if (v.includes(',')) return v.split(',').filter((x) => x.trim() !== '').map((x) => scalar(x.trim()));
  return LIST_KEYS.has(key) ? [scalar(v.trim())] : scalar(v.trim());
}

/** A range as the text optionValue reads back. */
export function rangeText(r: unknown): string {
  if (Array.isArray(r)) return r.join(', ');
  if (r && typeof r === 'object') {
    const o = r as { from?: number; to?: number; step?: number; times?: number };
    return `${o.from ?? ''}..${o.to ?? ''}${o.step !== undefined ? `+${o.step}` : o.times !== undefined ? `x${o.times}` : ''}`;
  }
  return r === undefined || r === null ? '' : String(r);
}
