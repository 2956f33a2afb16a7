// parseReferenceString (one fast pass, errors described afterwards) against a slow parser
// written the obvious way: split into lines, find the tokens with a regular expression,
// check each one. Both must return the same pages, or throw the same error (message, line,
// column) on the same input: separators of every kind, CRLF, bad tokens, non-ASCII text,
// numbers at and past the largest page number, huge numbers, and small reference limits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReferenceString, ReferenceInputError } from '../../core/sim/reference-input.ts';
import { MAX_PAGE_NUMBER } from '../../core/sim/replacement.ts';
import { t } from '../../core/i18n/index.ts';

const encoder = new TextEncoder();
const bytesOf = (s: string): number => encoder.encode(s).length;

type Outcome = { pages: number[] } | { error: string; line: number; col: number };

/** The specification, slowly: columns count UTF-8 bytes, a token's text is shown up to 40 bytes. */
function slowParse(text: string, limit: number): Outcome {
  const pages: number[] = [];
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    for (const m of lines[k].matchAll(/[^,\t\r ]+/g)) {
      const token = m[0];
      const at = { line: k + 1, col: bytesOf(lines[k].slice(0, m.index)) + 1 };
      if (!/^[0-9]+$/.test(token)) return { error: t('scenario.refs.notPage', { token: new TextDecoder().decode(encoder.encode(token).subarray(0, 40)) }), ...at };
      // Digit by digit in doubles, as the parser reads it: past 2^53 the printed value is rounded that way.
      const value = [...token].reduce((v, digit) => v * 10 + Number(digit), 0);
      if (value > MAX_PAGE_NUMBER) return { error: t('scenario.refs.tooLarge', { page: String(value), max: String(MAX_PAGE_NUMBER) }), ...at };
      if (pages.length === limit) return { error: t('scenario.refs.tooMany', { limit }), ...at };
      pages.push(value);
    }
  }
  return { pages };
}

function fastParse(input: string | Uint8Array, limit: number | undefined): Outcome {
  try {
    return { pages: Array.from(parseReferenceString(input, limit)) };
  } catch (e) {
    if (!(e instanceof ReferenceInputError)) throw e;
    return { error: e.message, line: e.line, col: e.col };
  }
}

const goodToken = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 600 }).map(String) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: MAX_PAGE_NUMBER }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '007', '2147483647', '0002147483647', '214748364', '2147483640', '1000000000') },
);
const badToken = fc.oneof(
  fc.constantFrom('2147483648', '2147483649', '2147483650', '9999999999', '21474836470', '99999999999999999999', '9'.repeat(400), '1'.repeat(60)),
  fc.constantFrom('3x', '-1', '+3', '1.5', '0x10', 'abc', 'é', '12中文', '1e5', '٣', '1\u00a02', '9'.repeat(45) + 'x', 'ü'.repeat(30)),
  fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !/[,\t\r\n ]/.test(s) && /[^0-9]/.test(s)),
);
const separator = fc.constantFrom(',', ' ', '\t', '\n', '\r\n', ', ', ',,', '  ', '\n\n', ' \r\n');
const document = fc
  .tuple(
    fc.array(fc.tuple(fc.oneof({ weight: 12, arbitrary: goodToken }, { weight: 1, arbitrary: badToken }), separator), { maxLength: 40, size: 'max' }), // 'max': without it fast-check stops at 10
    fc.constantFrom('', ' ', '\n', '\r\n', ',', '\t'),
    fc.constantFrom('', '\n', '\r\n', ' ', ','),
  )
  .map(([pairs, head, tail]) => head + pairs.map(([token, sep]) => token + sep).join('') + tail);

describe('parseReferenceString', () => {
  it('agrees with the slow parser: the same pages, or the same error at the same line and column', () => {
    fc.assert(
      fc.property(document, fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }), fc.boolean(), (text, limit, asBytes) => {
        const want = slowParse(text, limit ?? Infinity);
        expect(fastParse(asBytes ? encoder.encode(text) : text, limit)).toEqual(want);
      }),
      { numRuns: 3000 },
    );
  });

  it('stops at the first bad token, however long the good part before it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), badToken, (n, bad) => {
        const text = Array.from({ length: n }, (_, i) => `${i % 1000}\n`).join('') + ' ' + bad + '\n1\n';
        expect(fastParse(text, undefined)).toEqual(slowParse(text, Infinity));
        expect(fastParse(text, undefined)).toMatchObject({ line: n + 1, col: 2 });
      }),
      { numRuns: 200 },
    );
  });

  it('reads a long homework file exactly', () => {
    const pages = Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 100_003);
    const got = parseReferenceString(pages.join('\n') + '\n');
    expect(got.length).toBe(pages.length);
    expect(pages.findIndex((p, i) => got[i] !== p)).toBe(-1);
  });
});
