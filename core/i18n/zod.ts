/*
 * zod's own issue messages ("Too small: expected array to have >=1 items") in the realm's
 * current language. zod 4 ships a locale per language (`z.locales.es()` …) and formats an
 * issue's message when it is raised, with the locale set by `z.config`; this module keeps
 * that locale equal to ours, now and after every `setLocale`.
 *
 * Only zod's generic wording comes from here. Messages we write ourselves in a schema
 * (`.regex(re, { error: () => t('validator.…') })`) are catalogue messages and win over it.
 * Imported for its effect by the schemas (core/lessons/schema.ts).
 */
import { config, locales } from 'zod';
import { getLocale, onLocaleChange, type Locale } from './index.ts';

/** zod's locale for one of ours (the pseudo-locale reads zod's English). */
const ZOD_LOCALES: Record<Locale, () => ReturnType<typeof locales.en>> = {
  en: locales.en,
  'en-XA': locales.en,
  es: locales.es,
  de: locales.de,
  'zh-CN': locales.zhCN,
};

export function followLocaleInZod(locale: Locale): void {
  config(ZOD_LOCALES[locale]());
}

followLocaleInZod(getLocale());
onLocaleChange(followLocaleInZod);

/** zod's wording, in the current language, for a union that no branch matched: "Invalid input", "Entrada inválida" … */
export function zodGenericUnionMessage(): string {
  const issue = { code: 'invalid_union', errors: [], input: undefined, path: [] } as unknown as Parameters<NonNullable<ReturnType<typeof locales.en>['localeError']>>[0];
  const said = ZOD_LOCALES[getLocale()]().localeError?.(issue);
  return typeof said === 'string' ? said : (said?.message ?? 'Invalid input');
}
