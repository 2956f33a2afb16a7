/* Counted phrases follow the plural rules, in core's feedback, the CLI and the renderer alike. */
import { describe, expect, it } from 'vitest';
import { counted, countOf, nounFor, ordinal } from '../../core/plural.ts';

describe('plural rules (Intl.PluralRules)', () => {
  it('picks the form by the number, not by n === 1 guesses', () => {
    expect(counted(1, 'step')).toBe('1 step');
    expect(counted(0, 'step')).toBe('0 steps');
    expect(counted(2, 'COW copy', 'COW copies')).toBe('2 COW copies');
    expect(counted(1, 'COW copy', 'COW copies')).toBe('1 COW copy');
    expect(counted(1, 'hit')).toBe('1 hit');
    expect(counted(2.5, 'page')).toBe('2.5 pages');
    expect(nounFor(1, 'mapping')).toBe('mapping');
  });

  it('takes messages with one form per category, as a translation would', () => {
    const forms = { one: '# file', few: '# pliki', many: '# plików', other: '# pliku' };
    expect(countOf(1, forms, 'pl')).toBe('1 file');
    expect(countOf(3, forms, 'pl')).toBe('3 pliki');
    expect(countOf(5, forms, 'pl')).toBe('5 plików');
    expect(countOf(7, { other: '# items' })).toBe('7 items');
  });

  it('writes English ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st']);
  });
});
