/*
 * Counted phrases ("1 frame", "3 frames") chosen by the language's plural rules, not by
 * `n === 1 ? … : …` sprinkled through the code: the same message shape a translation
 * system uses (one form per CLDR plural category, `#` standing for the number), so the
 * translation work can later swap the English forms for another language's.
 *
 *   countOf(2, { one: '# frame', other: '# frames' })   → "2 frames"
 *   counted(1, 'fault')                                  → "1 fault"   (regular English plural)
 *   counted(3, 'copy-on-write copy', 'copy-on-write copies')
 *
 * Pure JavaScript (Intl is part of the language), so core, the CLI and the renderer all use it.
 */

/** One form per plural category; `other` is required, the rest fall back to it. */
export interface PluralForms {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

const rulesByLanguage = new Map<string, Intl.PluralRules>();

function rulesFor(language: string): Intl.PluralRules {
  let r = rulesByLanguage.get(language);
  if (!r) {
    r = new Intl.PluralRules(language);
    rulesByLanguage.set(language, r);
  }
  return r;
}

/** Format a number for a counted phrase: integers as they are, fractions rounded to two decimals. */
function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** The form of `forms` for `n` in `language` (default English), with `#` replaced by the number. */
export function countOf(n: number, forms: PluralForms, language = 'en'): string {
  const category = Number.isInteger(n) ? rulesFor(language).select(n) : 'other';
  const form = forms[category] ?? forms.other;
  return form.replace(/#/g, numberText(n));
}

/** "1 page", "2 pages": English noun with a regular plural (or the one given). */
export function counted(n: number, singular: string, pluralForm = `${singular}s`): string {
  return countOf(n, { one: `# ${singular}`, other: `# ${pluralForm}` });
}

/** Just the noun in the right number, without the count: "page" / "pages". */
export function nounFor(n: number, singular: string, pluralForm = `${singular}s`): string {
  return countOf(n, { one: singular, other: pluralForm });
}

/** "1st", "2nd", "3rd", "11th": English ordinals by the ordinal plural rules. */
export function ordinal(n: number): string {
  const suffix: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
  let r = rulesByLanguage.get('en-ordinal');
  if (!r) {
    r = new Intl.PluralRules('en', { type: 'ordinal' });
    rulesByLanguage.set('en-ordinal', r);
  }
  return `${n}${suffix[r.select(n)] ?? 'th'}`;
}
