/*
 * The message runtime every host shares (renderer, browser worker, Electron main and its
 * core thread, CLI). One current locale per JavaScript realm, set by the host with
 * `setLocale`; `t(key, values)` formats the key's ICU message for it.
 *
 *   catalogue     key → ICU MessageFormat source, per locale (messages/*.ts; en is the source)
 *   compiled      `${locale}\u0000${key}` → IntlMessageFormat, built on first use
 *   listeners     called after a locale change (the renderer's rune store, main's menu)
 *
 * A message that fails to format (a value missing at run time) falls back to English, then
 * to its key, so a learner never sees an exception. Addresses are not numbers for the
 * locale: `hex()` prints them the same in every language.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogueFor } from './catalogues.ts';
import { isLocale, negotiateLocale, textDirection, type Locale } from './locales.ts';
import type { en, MessageKey } from './messages/en.ts';

export * from './locales.ts';
export type { MessageKey } from './messages/en.ts';

/** Values a message can interpolate: text, numbers (formatted for the locale) and dates. */
export type MessageValues = Record<string, string | number | Date>;

/** Messages with a `{…}` in English need values; the others take none. A missing argument list is a compile error. */
export type ValuesFor<K extends MessageKey> = (typeof en)[K] extends `${string}{${string}` ? [values: MessageValues] : [values?: MessageValues];

let current: Locale = 'en';
let pseudoAllowed = false;
const listeners = new Set<(locale: Locale) => void>();
const compiled = new Map<string, IntlMessageFormat>();

/** Allow the pseudo-locale (development builds and tests only). */
export function allowPseudoLocale(allowed = true): void {
  pseudoAllowed = allowed;
}

/**
 * Switch this realm to `requested` (any tag: "de-AT", "zh_CN.UTF-8", "es"), negotiated to a
 * shipped locale. Returns the locale in force. Listeners run only when it changed.
 */
export function setLocale(requested: string | readonly string[]): Locale {
  const list = typeof requested === 'string' ? [requested] : requested;
  const next = negotiateLocale(list, { allowPseudo: pseudoAllowed });
  if (next !== current) {
    current = next;
    for (const listener of listeners) listener(next);
  }
  return current;
}

export function getLocale(): Locale {
  return current;
}

export function getDirection(): 'ltr' | 'rtl' {
  return textDirection(current);
}

/** Be told of every locale change; returns the function that stops it. */
export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function compile(locale: Locale, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let f = compiled.get(id);
  if (!f) {
    f = new IntlMessageFormat(catalogueFor(locale)[key], locale === 'en-XA' ? 'en' : locale, undefined, { ignoreTag: true });
    compiled.set(id, f);
  }
  return f;
}

/** Format `key` in `locale` (default: the current one). */
export function translate<K extends MessageKey>(locale: Locale, key: K, ...[values]: ValuesFor<K>): string {
  try {
    return String(compile(locale, key).format(values));
  } catch {
    if (locale !== 'en') return translate('en', key, ...([values] as ValuesFor<K>));
    return key;
  }
}

/** The current locale's text for `key`. */
export function t<K extends MessageKey>(key: K, ...values: ValuesFor<K>): string {
  return translate(current, key, ...values);
}

/** Whether `key` names a message (for keys computed at run time, such as an event's kind). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(catalogueFor('en'), key);
}

function intlLocale(): string {
  return current === 'en-XA' ? 'en' : current;
}

/** A count or measure for the current locale: 12,345 / 12.345 / 12 345. */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlLocale(), options).format(n);
}

/** A date (or date and time) for the current locale. */
export function formatDate(d: Date | number | string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const date = d instanceof Date ? d : new Date(d);
  if (Number.isNaN(date.getTime())) return String(d);
  return new Intl.DateTimeFormat(intlLocale(), options).format(date);
}

/** "a, b and c" / "a, b y c" / "a、b和c". */
export function formatList(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return new Intl.ListFormat(intlLocale(), { style: 'long', type }).format(items);
}

/** An address or PTE value: hexadecimal in every language ("0x3f00"), padded to `digits` if given. */
export function hex(n: number | bigint, digits = 0): string {
  return `0x${n.toString(16).padStart(digits, '0')}`;
}

/**
 * The locale a learner gets: their own choice in Settings ("system" or empty: none), else
 * the classroom policy's preset, else the operating system's / browser's preferences.
 */
export function resolveLocale(choice: { chosen?: string | null; policy?: string | null; system?: readonly string[] }): Locale {
  if (choice.chosen && choice.chosen !== 'system') return negotiateLocale([choice.chosen], { allowPseudo: pseudoAllowed });
  if (choice.policy && isLocale(choice.policy)) return choice.policy;
  return negotiateLocale(choice.system ?? [], { allowPseudo: false });
}
