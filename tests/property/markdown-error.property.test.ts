/*
 * markdownError, the check of every filled-in prompt and explanation, skips tokenising text
 * that has neither "<" nor "[": it must find exactly the error the full Markdown check
 * finds, for any text — Markdown-heavy random text with and without those characters, and
 * the dangerous forms themselves.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMarkdown, markdownError } from '../../core/lessons/markdown.ts';

const full = (text: string) => checkMarkdown(text).find((p) => p.severity === 'error')?.message ?? null;

/** Pieces Markdown gives meaning to, dangerous ones included. */
const PIECES = ['*', '_', '`', '```', '#', '> ', '- ', '1. ', '|', '---', '\n', '\n\n', ' ', '\\', '!', '(', ')', ']', '&lt;', '&#60;', 'javascript:', 'data:', 'http://x.org', 'https://a.b/c', 'www.example.com', 'mailto:a@b.c', 'a@b.c', '0x1f', '{{x}}', 'word', '<', '[', '<b>', '<!-- c -->', '![a](http://x/y.png)', '[a](javascript:alert(1))', '[a][r]\n\n[r]: javascript:x', '<javascript:x>', '<img src=x>'];

describe('markdownError finds what the full Markdown check finds', () => {
  it('for random Markdown-like text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40, size: 'max' }), (pieces) => {
        const text = pieces.join('');
        expect(markdownError(text)).toBe(full(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('for random text without "<" or "[", which it does not tokenise', () => {
    const safe = PIECES.filter((p) => !p.includes('<') && !p.includes('['));
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...safe), fc.string({ maxLength: 6 }).map((s) => s.replace(/[<[]/g, ''))), { maxLength: 40, size: 'max' }), (pieces) => {
        const text = pieces.join('');
        expect(full(text)).toBeNull();
        expect(markdownError(text)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('for the dangerous forms', () => {
    for (const text of ['<b>bold</b>', '![a](http://x/y.png)', '[a](javascript:alert(1))', '[a][r]\n\n[r]: javascript:x', '<javascript:x>', 'ok ![](assets/../x.png)']) {
      expect(full(text)).not.toBeNull();
      expect(markdownError(text)).toBe(full(text));
    }
  });
});
