/*
 * Reference strings as people store them: page numbers separated by commas (the
 * homework's `-a 1,2,3`), by whitespace, or one per line (the homework's `-f FILE`).
 * Parsed straight from bytes into an Int32Array, so 10^7 references cost 40 MB and a
 * fraction of a second; a bad token is reported by line and column (found again only
 * when there is one).
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

// Separators: comma, space, tab, carriage return (CRLF files), newline.
const COMMA = 44;
const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const isSeparator = (c: number): boolean => c === LF || c === COMMA || c === SPACE || c === CR || c === TAB;
/**
 * A value above this followed by one more digit is larger than MAX_PAGE_NUMBER: the fast
 * path stops there, so a long run of digits never turns its value into a double.
 */
const SAFE_PREFIX = Math.floor(MAX_PAGE_NUMBER / 10); // 214748364

/**
 * Page numbers in `input` (text or UTF-8 bytes), separated by commas, spaces, tabs or newlines.
 *
 * One pass that only reads digits and separators: it keeps no line count and stops at
 * the first token that is not a plain page number, or one reference past `limit`. Then
 * `referenceInputError` looks at that token again, counts the lines before it and says
 * what is wrong with it, so the common case pays nothing for the error report.
 */
export function parseReferenceString(input: string | Uint8Array, limit = MAX_REFERENCES): Int32Array {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const len = bytes.length;
  // A token and its separator take at least two bytes, so len / 2 references (rounded up) always fit.
  const out = new Int32Array(Math.min(limit, Math.ceil(len / 2)));
  let count = 0;
  let i = 0;
  while (i < len) {
    const c = bytes[i];
    let value = c - 48;
    if (value >>> 0 > 9) {
      // not a digit (the unsigned compare also catches bytes below '0')
      if (!isSeparator(c)) throw referenceInputError(bytes, i, count, limit);
      i++;
      continue;
    }
    const start = i;
    let d = 0;
    while (++i < len && (d = bytes[i] - 48) >>> 0 <= 9) {
      if (value > SAFE_PREFIX) throw referenceInputError(bytes, start, count, limit);
      value = value * 10 + d;
    }
    if (value > MAX_PAGE_NUMBER || count === limit) throw referenceInputError(bytes, start, count, limit);
    if (i < len) {
      if (!isSeparator(bytes[i])) throw referenceInputError(bytes, start, count, limit);
      i++;
    }
    out[count++] = value;
  }
  // A view, not a copy: the part never written costs no memory where the system maps pages lazily.
  return out.subarray(0, count);
}

/**
 * What is wrong with the token at `start` (where parseReferenceString stopped), by line and
 * column: not a page number (empty, or anything but digits before the next separator),
 * too large, or one reference too many (`count` were read before it).
 */
function referenceInputError(bytes: Uint8Array, start: number, count: number, limit: number): ReferenceInputError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < start; i++) {
    if (bytes[i] === LF) {
      line++;
      lineStart = i + 1;
    }
  }
  const col = start - lineStart + 1;
  let end = start;
  let value = 0;
  for (; end < bytes.length; end++) {
    const d = bytes[end] - 48;
    if (d < 0 || d > 9) break;
    value = value * 10 + d; // a double once past 2^53, printed as such
  }
  let tokenEnd = end;
  while (tokenEnd < bytes.length && !isSeparator(bytes[tokenEnd])) tokenEnd++;
  if (end === start || end !== tokenEnd) {
    const token = new TextDecoder().decode(bytes.subarray(start, Math.min(tokenEnd, start + 40)));
    return new ReferenceInputError(t('scenario.refs.notPage', { token }), line, col);
  }
  if (value > MAX_PAGE_NUMBER) return new ReferenceInputError(t('scenario.refs.tooLarge', { page: String(value), max: String(MAX_PAGE_NUMBER) }), line, col);
  if (count === limit) return new ReferenceInputError(t('scenario.refs.tooMany', { limit }), line, col);
  throw new Error(`referenceInputError: the token at byte ${start} is a valid page number`);
}

/** `paging-policy.py -n count -m maxPage`: count pages drawn as int(maxPage * random()) from `rng` (advanced). */
export function ostepReferenceString(count: number, maxPage: number, rng: PythonRandom): Int32Array {
  if (!Number.isInteger(count) || count < 0 || count > MAX_REFERENCES) throw new RangeError(t('scenario.refs.countRange', { max: String(MAX_REFERENCES) }));
  if (!Number.isInteger(maxPage) || maxPage < 1 || maxPage > MAX_PAGE_NUMBER) throw new RangeError(t('scenario.refs.maxPageRange', { max: String(MAX_PAGE_NUMBER) }));
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.floor(maxPage * rng.next());
  return out;
}
