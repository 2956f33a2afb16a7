/*
 * Reference strings as people store them: page numbers separated by commas (the
 * homework's `-a 1,2,3`), by whitespace, or one per line (the homework's `-f FILE`).
 * Parsed straight from bytes into an Int32Array, so 10^7 references cost 40 MB and a
 * fraction of a second; a bad token is reported by line and column.
 *
 * Also the homework's own generator: `paging-policy.py -s SEED -n N -m M` draws N pages
 * as int(M * random.random()) from Python's random seeded with SEED; `ostepReferenceString`
 * draws the same pages from PythonRandom and leaves the stream where the script's
 * replacement policy continues it.
 */
import type { PythonRandom } from './mt19937.ts';
import { MAX_PAGE_NUMBER } from './replacement.ts';
import { t } from '../i18n/index.ts';

/** Most references accepted from a file or standard input. */
export const MAX_REFERENCES = 20_000_000;

export class ReferenceInputError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(message);
  }
}

const encoder = new TextEncoder();

/** Page numbers in `input` (text or UTF-8 bytes), separated by commas, spaces, tabs or newlines. */
export function parseReferenceString(input: string | Uint8Array, limit = MAX_REFERENCES): Int32Array {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  let out = new Int32Array(Math.min(limit, Math.max(16, bytes.length >> 1)));
  let count = 0;
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const len = bytes.length;
  while (i < len) {
    const c = bytes[i];
    if (c === 10) {
      line++;
      lineStart = ++i;
      continue;
    }
    if (c === 44 || c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    let value = 0;
    while (i < len) {
      const d = bytes[i] - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
      i++;
    }
    const end = i;
    // A token runs to the next separator; anything else in it makes it not a number.
    while (i < len && bytes[i] !== 44 && bytes[i] !== 32 && bytes[i] !== 9 && bytes[i] !== 13 && bytes[i] !== 10) i++;
    if (end === start || end !== i) {
      const token = new TextDecoder().decode(bytes.subarray(start, Math.min(i, start + 40)));
      throw new ReferenceInputError(t('scenario.refs.notPage', { token }), line, start - lineStart + 1);
    }
    if (value > MAX_PAGE_NUMBER) throw new ReferenceInputError(t('scenario.refs.tooLarge', { page: String(value), max: String(MAX_PAGE_NUMBER) }), line, start - lineStart + 1);
    if (count === limit) throw new ReferenceInputError(t('scenario.refs.tooMany', { limit }), line, start - lineStart + 1);
    if (count === out.length) {
      const bigger = new Int32Array(Math.min(limit, out.length * 2));
      bigger.set(out);
      out = bigger;
    }
    out[count++] = value;
  }
  return out.slice(0, count);
}

/** `paging-policy.py -n count -m maxPage`: count pages drawn as int(maxPage * random()) from `rng` (advanced). */
export function ostepReferenceString(count: number, maxPage: number, rng: PythonRandom): Int32Array {
  if (!Number.isInteger(count) || count < 0 || count > MAX_REFERENCES) throw new RangeError(t('scenario.refs.countRange', { max: String(MAX_REFERENCES) }));
  if (!Number.isInteger(maxPage) || maxPage < 1 || maxPage > MAX_PAGE_NUMBER) throw new RangeError(t('scenario.refs.maxPageRange', { max: String(MAX_PAGE_NUMBER) }));
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.floor(maxPage * rng.next());
  return out;
}
