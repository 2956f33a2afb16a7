// Quiz feedback in the learner's language: the same wrong predictions as
// lessons-feedback.test.ts, answered with the core's locale set to Spanish, German and
// Chinese, read in the field's terms and with no English sentence left in them.
import { afterAll, describe, expect, it } from 'vitest';
import { setLocale } from '../../core/i18n/index.ts';
import type { QuizAnswer } from '../../core/lessons/types.ts';
import { answerAt, optionId } from '../fixtures/feedback-pack.ts';

/** Wrong answers that exercise most of feedback.ts: every kind but segfault (its reason comes from the kernel, not yet translated). */
const WRONG: [string, string, QuizAnswer | ((l: string, q: string) => QuizAnswer)][] = [
  ['l1', 'pa', { kind: 'address', text: '0x1234' }],
  ['l1', 'frame', { kind: 'number', value: 20 }],
  ['l1', 'frame', { kind: 'number', value: 1 }],
  ['l1', 'value', { kind: 'number', value: 55 }],
  ['l1', 'tlb-evicted', { kind: 'yesno', value: true }],
  ['l1', 'tlb-flush', { kind: 'sequence', items: ['miss', 'miss', 'hit'] }],
  ['l1', 'faults', { kind: 'yesno', value: false }],
  ['l1', 'cause', (l, q) => ({ kind: 'choice', option: optionId(l, q, 'protection') })],
  ['l1', 'free', { kind: 'number', value: 1 }],
  ['l1', 'reference', { kind: 'sequence', items: ['miss', 'miss', 'miss', 'miss', 'miss', 'miss'] }],
  ['l1', 'faults-count', { kind: 'number', value: 1 }],
  ['fork', 'refs', { kind: 'number', value: 7 }],
  ['fork', 'reuse', (l, q) => ({ kind: 'choice', option: optionId(l, q, 'cow-copy') })],
  ['fork', 'pss', { kind: 'number', value: 9 }],
  ['two', 'level', (l, q) => ({ kind: 'choice', option: optionId(l, q, '0') })],
];

function divergences(locale: string): string[] {
  setLocale(locale);
  return WRONG.map(([l, q, a]) => answerAt(l, q, typeof a === 'function' ? a(l, q) : a).divergence ?? '');
}

/** Words of an English feedback sentence that no translation would keep. */
const ENGLISH = /\b(the|was|would|have|frame|frames|are|entry|because|expected|which|nothing|kernel|anon)\b/;

afterAll(() => void setLocale('en'));

describe('quiz feedback in other languages', () => {
  it('English gives a divergence for every one of these wrong answers', () => {
    const en = divergences('en');
    expect(WRONG.filter((_, i) => en[i] === '').map(([l, q]) => `${l}/${q}`)).toEqual([]);
    expect(en.filter((d) => !ENGLISH.test(d))).toEqual([]);
  });

  for (const [locale, terms] of [
    ['es', /tabla de páginas|marco|TLB|página/],
    ['de', /Seitentabelle|Seitenrahmen|TLB|Seite/],
    ['zh-CN', /页表|页框|TLB|页/],
  ] as const) {
    it(`${locale}: every divergence is in ${locale}, in the field's terms, with addresses still hex`, () => {
      const texts = divergences(locale);
      expect(texts.filter((d) => d === '')).toEqual([]);
      expect(texts.filter((d) => ENGLISH.test(d))).toEqual([]);
      expect(texts.filter((d) => !terms.test(d))).toEqual([]);
      expect(texts[0]).toContain('0x1234');
    });
  }

  it('the physical-address explanation reads as a teacher would write it', () => {
    setLocale('es');
    expect(answerAt('l1', 'pa', { kind: 'address', text: '0x1234' }).divergence).toMatch(/^0x1234 es la propia dirección virtual: la MMU sustituye el número de página 0x1 por el número de marco 8 y conserva el desplazamiento 0x234\. La entrada de nivel 0 \(índice 1 de la tabla del marco \d+\) era válida y dio el marco 8\.$/);
    setLocale('de');
    expect(answerAt('l1', 'pa', { kind: 'address', text: '0x1234' }).divergence).toMatch(/^0x1234 ist die virtuelle Adresse selbst: Die MMU ersetzt die Seitennummer 0x1 durch die Seitenrahmennummer 8/);
    setLocale('zh-CN');
    expect(answerAt('l1', 'pa', { kind: 'address', text: '0x1234' }).divergence).toMatch(/^0x1234 就是虚拟地址本身：MMU 把页号 0x1 换成页框号 8，保留页内偏移 0x234。第 0 级页表项（页框 \d+ 中页表的第 1 项）有效，给出页框 8。$/);
  });
});
