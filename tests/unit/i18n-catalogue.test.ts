// Every shipped locale has every English key, with the same placeholders and the same
// plural/select arguments (parsed with the ICU parser intl-messageformat itself uses),
// every plural has its `other` form, and the pseudo-locale keeps the message shapes.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogueFor } from '../../core/i18n/catalogues.ts';
import { SHIPPED_LOCALES, type Locale } from '../../core/i18n/locales.ts';
import { en } from '../../core/i18n/messages/en.ts';
import { pseudoMessage } from '../../core/i18n/pseudo.ts';

const KIND: Partial<Record<TYPE, string>> = {
  [TYPE.argument]: 'text',
  [TYPE.number]: 'number',
  [TYPE.date]: 'date',
  [TYPE.time]: 'time',
  [TYPE.plural]: 'plural',
  [TYPE.select]: 'select',
};

/** "name:kind" for every argument, in nested plural/select branches too; plus problems found on the way. */
function shape(elements: MessageFormatElement[], out = new Set<string>(), problems: string[] = []): { args: Set<string>; problems: string[] } {
  for (const e of elements) {
    if (e.type === TYPE.literal || e.type === TYPE.pound || e.type === TYPE.tag) continue;
    const kind = e.type === TYPE.plural && e.pluralType === 'ordinal' ? 'selectordinal' : KIND[e.type];
    out.add(`${e.value}:${kind}`);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      if (!('other' in e.options)) problems.push(`${e.value} has no "other" branch`);
      for (const option of Object.values(e.options)) shape(option.value, out, problems);
    }
  }
  return { args: out, problems };
}

function shapeOf(source: string): { args: string[]; problems: string[] } {
  const s = shape(parse(source, { ignoreTag: true }));
  return { args: [...s.args].sort(), problems: s.problems };
}

/** A value for each argument, to format a message with: words for text, 5 for numbers and plurals. */
function sampleValues(args: string[]): Record<string, string | number> {
  return Object.fromEntries(args.map((a) => {
    const [name, kind] = a.split(':');
    return [name, kind === 'text' ? 'word' : kind === 'select' ? 'other' : 5];
  }));
}

const keys = Object.keys(en) as (keyof typeof en)[];

describe('message catalogues', () => {
  it('English messages all parse, and plurals/selects have an "other" branch', () => {
    const bad = keys.flatMap((k) => shapeOf(en[k]).problems.map((p) => `en ${k}: ${p}`));
    expect(bad).toEqual([]);
  });

  for (const locale of SHIPPED_LOCALES.filter((l) => l !== 'en')) {
    it(`${locale} has every key, nothing more, with English's placeholders and plural/select arguments`, () => {
      const catalogue = catalogueFor(locale);
      expect(Object.keys(catalogue).sort()).toEqual([...keys].sort());
      const bad: string[] = [];
      for (const k of keys) {
        let got: { args: string[]; problems: string[] };
        try {
          got = shapeOf(catalogue[k]);
        } catch (e) {
          bad.push(`${locale} ${k}: does not parse (${(e as Error).message})`);
          continue;
        }
        const want = shapeOf(en[k]).args;
        if (JSON.stringify(got.args) !== JSON.stringify(want)) bad.push(`${locale} ${k}: arguments ${got.args.join(', ') || '(none)'}, English has ${want.join(', ') || '(none)'}`);
        bad.push(...got.problems.map((p) => `${locale} ${k}: ${p}`));
        if (catalogue[k].trim() === '') bad.push(`${locale} ${k}: empty`);
      }
      expect(bad).toEqual([]);
    });
  }

  it('the pseudo-locale keeps every message shape, accents the text and makes it at least 30 % longer', () => {
    const pseudo = catalogueFor('en-XA' as Locale);
    const bad: string[] = [];
    for (const k of keys) {
      if (JSON.stringify(shapeOf(pseudo[k]).args) !== JSON.stringify(shapeOf(en[k]).args)) bad.push(`${k}: shape changed`);
      const values = sampleValues(shapeOf(en[k]).args);
      const english = new IntlMessageFormat(en[k], 'en').format(values) as string;
      const longer = new IntlMessageFormat(pseudo[k], 'en').format(values) as string;
      if (longer.length < english.length * 1.3) bad.push(`${k}: "${longer}" is not 30 % longer than "${english}"`);
    }
    expect(bad).toEqual([]);
    expect(pseudoMessage('Settings')).toMatch(/^⟦Šéţţîñĝš ·+⟧$/);
    expect(pseudoMessage('{count, plural, one {# step} other {# steps}}')).toContain('other{# šţéþš}');
  });
});

describe('message areas', () => {
  it('each area folder owns its own prefix, so no two areas can define the same key', async () => {
    const { AREAS } = await import('../../core/i18n/messages/area.ts');
    const { baseEn } = await import('../../core/i18n/messages/en.ts');
    let total = Object.keys(baseEn).length;
    for (const area of AREAS) {
      const mod = (await import(`../../core/i18n/messages/${area}/en.ts`)) as Record<string, Record<string, string>>;
      const keys = Object.keys(mod[`${area}En`]);
      for (const key of keys) expect(key.startsWith(`${area}.`), `${key} is in the ${area} folder`).toBe(true);
      for (const key of Object.keys(baseEn)) expect(key.startsWith(`${area}.`), `base key ${key} uses the ${area} prefix`).toBe(false);
      total += keys.length;
    }
    expect(Object.keys(en).length).toBe(total);
  });
});
