/*
 * The message runtime every host shares (renderer, browser worker, Electron main and its
 * core thread, CLI). One current locale per JavaScript realm, set by the host with
 * `setLocale`; `t(key, values)` formats the key's ICU message for it.
 *
 *   catalogue     key → ICU MessageFormat source, per locale (messages/*.ts; en is the source)
 *   compiled      locale → key → a formatting function, built on first use
 *   listeners     called after a locale change (the renderer's rune store, main's menu)
 *
 * A message that fails to format (a value missing at run time) falls back to English, then
 * to its key, so a learner never sees an exception. Addresses are not numbers for the
 * locale: `hex()` prints them the same in every language.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogueFor } from './catalogues.ts';
import { isLocale, negotiateLocale, textDirection, type Locale } from './locales.ts';
import type { en, MessageKey } from './messages/en.ts';

export * from './locales.ts';
export type { MessageKey } from './messages/en.ts';

/** Values a message can interpolate: text, numbers (formatted for the locale) and dates. */
export type MessageValues = Record<string, string | number | Date>;

/** Messages with a `{…}` in English need values; the others take none. A missing argument list is a compile error. */
export type ValuesFor<K extends MessageKey> = WithoutQuotedBraces<(typeof en)[K]> extends `${string}{${string}` ? [values: MessageValues] : [values?: MessageValues];

/** The message without its ICU-quoted braces ('{' and '}' print a brace, they are not placeholders). */
type WithoutQuotedBraces<S extends string> = S extends `${infer A}'{'${infer B}` ? WithoutQuotedBraces<`${A}${B}`> : S extends `${infer A}'}'${infer B}` ? WithoutQuotedBraces<`${A}${B}`> : S;

let current: Locale = 'en';
let pseudoAllowed = false;
const listeners = new Set<(locale: Locale) => void>();
const compiled = new Map<Locale, Map<MessageKey, Formatter>>();

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

/** A compiled message: values in, text out (throws when a value it needs is missing). */
type Formatter = (values: MessageValues | undefined) => string;

const numberFormats = new Map<string, (n: number) => string>();
const pluralRules = new Map<string, (n: number) => string>();

/**
 * Counts in messages are mostly small whole numbers (frames, pages, entries), and an Intl
 * call costs a few hundred nanoseconds: the answers for 0…SMALL-1 are kept per formatter.
 */
const SMALL = 4096;

function remembered(of: (n: number) => string): (n: number) => string {
  const known: string[] = [];
  return (n) => {
    if (!(n >= 0 && n < SMALL && Number.isInteger(n)) || Object.is(n, -0)) return of(n);
    return (known[n] ??= of(n));
  };
}

function numberFormat(locale: string, grouping: boolean): (n: number) => string {
  const id = `${locale}\u0000${grouping}`;
  let f = numberFormats.get(id);
  if (!f) {
    // Grouping left to the locale when on (Spanish does not group 4-digit numbers), as intl-messageformat does.
    const nf = new Intl.NumberFormat(locale, grouping ? {} : { useGrouping: false });
    numberFormats.set(id, (f = remembered((n) => nf.format(n))));
  }
  return f;
}

function pluralRule(locale: string, type: 'cardinal' | 'ordinal'): (n: number) => string {
  const id = `${locale}\u0000${type}`;
  let r = pluralRules.get(id);
  if (!r) {
    const rules = new Intl.PluralRules(locale, { type });
    pluralRules.set(id, (r = remembered((n) => rules.select(n))));
  }
  return r;
}

function valueOf(values: MessageValues | undefined, name: string): string | number | Date {
  const v = values?.[name];
  if (v === undefined) throw new Error(`the message needs a value for {${name}}`);
  return v;
}

/**
 * Messages are formatted on hot paths (a trace line per simulated step), so the common ICU
 * forms — text, {name}, {n, number}, plural, selectordinal and select — are turned once into
 * a plain function with cached Intl formatters: a few string joins per call instead of
 * intl-messageformat's general machinery. Anything else (dates, times, number skeletons
 * other than ::group-off) goes to intl-messageformat, which formats the same way.
 */
function interpret(elements: MessageFormatElement[], locale: string, pound: ((n: number) => string) | null): ((values: MessageValues | undefined, n: number) => string) | null {
  const parts: ((values: MessageValues | undefined, n: number) => string)[] = [];
  for (const e of elements) {
    if (e.type === TYPE.literal) {
      const text = e.value;
      parts.push(() => text);
    } else if (e.type === TYPE.argument) {
      const name = e.value;
      parts.push((v) => String(valueOf(v, name)));
    } else if (e.type === TYPE.pound) {
      if (!pound) return null;
      const fmt = pound;
      parts.push((_v, n) => fmt(n));
    } else if (e.type === TYPE.number) {
      const style = e.style;
      const grouping = style === null || style === undefined ? true : typeof style !== 'string' && style.tokens.length === 1 && style.tokens[0].stem === 'group-off' ? false : null;
      if (grouping === null) return null;
      const name = e.value;
      const nf = numberFormat(locale, grouping);
      parts.push((v) => nf(Number(valueOf(v, name))));
    } else if (e.type === TYPE.plural) {
      const name = e.value;
      const offset = e.offset ?? 0;
      const select = pluralRule(locale, e.pluralType === 'ordinal' ? 'ordinal' : 'cardinal');
      const nf = numberFormat(locale, true);
      const options = new Map<string, (values: MessageValues | undefined, n: number) => string>();
      for (const [k, o] of Object.entries(e.options)) {
        const f = interpret(o.value, locale, nf);
        if (!f) return null;
        options.set(k, f);
      }
      const other = options.get('other');
      if (!other) return null;
      const exacts = [...options.keys()].some((k) => k.startsWith('='));
      parts.push((v) => {
        const n = Number(valueOf(v, name));
        const exact = exacts ? options.get(`=${n}`) : undefined;
        if (exact) return exact(v, n - offset);
        return (options.get(select(n - offset)) ?? other)(v, n - offset);
      });
    } else if (e.type === TYPE.select) {
      const name = e.value;
      const options = new Map<string, (values: MessageValues | undefined, n: number) => string>();
      for (const [k, o] of Object.entries(e.options)) {
        const f = interpret(o.value, locale, pound);
        if (!f) return null;
        options.set(k, f);
      }
      const other = options.get('other');
      if (!other) return null;
      parts.push((v, n) => (options.get(String(valueOf(v, name))) ?? other)(v, n));
    } else return null;
  }
  if (parts.length === 1) return parts[0];
  return (v, n) => {
    let out = '';
    for (const part of parts) out += part(v, n);
    return out;
  };
}

function compile(locale: Locale, key: MessageKey): Formatter {
  let byKey = compiled.get(locale);
  if (!byKey) compiled.set(locale, (byKey = new Map()));
  let f = byKey.get(key);
  if (!f) {
    const source = catalogueFor(locale)[key];
    const intl = locale === 'en-XA' ? 'en' : locale;
    const fast = interpret(parse(source, { ignoreTag: true }), intl, null);
    if (fast) f = (values) => fast(values, 0);
    else {
      const general = new IntlMessageFormat(source, intl, undefined, { ignoreTag: true });
      f = (values) => String(general.format(values));
    }
    byKey.set(key, f);
  }
  return f;
}

/** Format `key` in `locale` (default: the current one). */
export function translate<K extends MessageKey>(locale: Locale, key: K, ...[values]: ValuesFor<K>): string {
  try {
    return compile(locale, key)(values);
  } catch {
    if (locale !== 'en') return translate('en', key, ...([values] as ValuesFor<K>));
    return key;
  }
}

/**
 * Run `fn` with this realm's messages in `locale`, telling no listener: for checks whose
 * rules read the English text (the validator's give-away patterns), whatever language the
 * author reads the result in. Messages made after it are in the current locale again.
 */
export function inLocale<T>(locale: Locale, fn: () => T): T {
  const was = current;
  current = locale;
  try {
    return fn();
  } finally {
    current = was;
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
