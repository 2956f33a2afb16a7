/*
 * The pseudo-locale en-XA: every English message with its letters accented and padded to
 * about 140 % of its length, inside ⟦ ⟧. Text that went through the catalogue looks like
 * "⟦Šéţţîñĝš ·····⟧"; text that did not stays plain English, and a button that clips the
 * longer text shows it. Placeholders, plural and select syntax are kept: the message is
 * parsed with the ICU parser, only literal text is changed, and it is printed back.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';

const ACCENTED: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

function accent(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => ACCENTED[c] ?? c);
}

function literalLength(elements: MessageFormatElement[]): number {
  let n = 0;
  for (const e of elements) {
    if (e.type === TYPE.literal) n += e.value.length;
    else if (e.type === TYPE.plural || e.type === TYPE.select) n += literalLength((e.options.other ?? Object.values(e.options)[0]).value);
    else n += 4;
  }
  return n;
}

function transform(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((e) => {
    if (e.type === TYPE.literal) return { ...e, value: accent(e.value) };
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      const options = Object.fromEntries(Object.entries(e.options).map(([k, o]) => [k, { ...o, value: transform(o.value) }]));
      return { ...e, options } as MessageFormatElement;
    }
    return e;
  });
}

/** One English message as en-XA. */
export function pseudoMessage(source: string): string {
  const ast = parse(source, { ignoreTag: true });
  const padding = Math.max(1, Math.round(literalLength(ast) * 0.4));
  return `⟦${printAST(transform(ast))} ${'·'.repeat(padding)}⟧`;
}

export function pseudoCatalogue<C extends Record<string, string>>(source: C): C {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, pseudoMessage(v)])) as C;
}
