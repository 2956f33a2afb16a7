/*
 * The renderer's view of core/i18n: the same catalogue and `setLocale`, plus a rune that
 * holds the locale in force, so every `t(…)` in markup re-runs when the learner switches
 * language (the Svelte effect reading `t` depends on `locale.current`).
 *
 *   t(key, values)       the message, reactive
 *   locale.current       the locale in force (reactive)
 *   applyLocale(tag)     switch: this page, the document's lang/dir, and the service (core feedback)
 *
 * The pseudo-locale en-XA is offered in development builds only (import.meta.env.DEV).
 */
import * as i18n from '../../core/i18n/index.ts';
import type { MessageKey, ValuesFor } from '../../core/i18n/index.ts';

if (import.meta.env.DEV) i18n.allowPseudoLocale();

export const locale = $state({ current: i18n.getLocale() });
i18n.onLocaleChange((l) => (locale.current = l));

/** The current locale's text for `key`; reading it in markup re-renders on a language switch. */
export function t<K extends MessageKey>(key: K, ...values: ValuesFor<K>): string {
  void locale.current;
  return i18n.t(key, ...values);
}

export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  void locale.current;
  return i18n.formatNumber(n, options);
}

export function formatDate(d: Date | number | string, options?: Intl.DateTimeFormatOptions): string {
  void locale.current;
  return i18n.formatDate(d, options);
}

export function formatList(items: readonly string[], type?: 'conjunction' | 'disjunction'): string {
  void locale.current;
  return i18n.formatList(items, type);
}

/** The languages the Settings menu offers, each named in itself. */
export function selectableLocales(): { id: i18n.Locale; name: string }[] {
  const ids: i18n.Locale[] = [...i18n.SHIPPED_LOCALES, ...(import.meta.env.DEV ? [i18n.PSEUDO_LOCALE] : [])];
  return ids.map((id) => ({ id, name: i18n.LOCALE_NAMES[id] }));
}

/** The browser's (or Electron's, from the OS) preferred languages. */
export function systemLanguages(): readonly string[] {
  return typeof navigator !== 'undefined' && navigator.languages?.length ? navigator.languages : [typeof navigator !== 'undefined' ? navigator.language : 'en'];
}

/** Switch this page to `next` and set `lang`/`dir` on the document, so a right-to-left language needs no code change. */
export function applyLocale(next: i18n.Locale): void {
  i18n.setLocale(next);
  const root = document.documentElement;
  root.lang = next;
  root.dir = i18n.textDirection(next);
}

export { hex, resolveLocale, LOCALE_NAMES, type Locale } from '../../core/i18n/index.ts';
