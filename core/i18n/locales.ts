/*
 * Which languages Pagewalk speaks, and how a requested one is matched to them.
 *
 *   SHIPPED_LOCALES   the catalogues a learner can choose (BCP 47 tags)
 *   PSEUDO_LOCALE     en-XA: English accented and ~40 % longer, for development only
 *   negotiateLocale   the learner's preferred tags (OS, browser, --lang, policy) → one we ship
 *
 * Pure: every host passes in what it knows (navigator.languages, app.getPreferredSystemLanguages(),
 * LANG); nothing here reads the environment.
 */

export const SHIPPED_LOCALES = ['en', 'es', 'de', 'zh-CN'] as const;
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number];

export const PSEUDO_LOCALE = 'en-XA' as const;
export type Locale = ShippedLocale | typeof PSEUDO_LOCALE;

export const SOURCE_LOCALE: ShippedLocale = 'en';

/** Each language's name in itself, as a language menu shows it. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  es: 'Español',
  de: 'Deutsch',
  'zh-CN': '简体中文',
  'en-XA': 'Ƥšéûðö (en-XA)',
};

/** Languages written right to left (none shipped yet; `dir` on the document follows this list). */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ckb']);

export function textDirection(locale: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(locale.toLowerCase().split(/[-_]/)[0]) ? 'rtl' : 'ltr';
}

export function isLocale(tag: string, allowPseudo = false): tag is Locale {
  return (SHIPPED_LOCALES as readonly string[]).includes(tag) || (allowPseudo && tag === PSEUDO_LOCALE);
}

/**
 * A POSIX locale name ("de_DE.UTF-8", "zh_CN", "C", "POSIX") or a BCP 47 tag as a BCP 47
 * tag, or null for the "no language" locales C and POSIX.
 */
export function normaliseTag(raw: string): string | null {
  const base = raw.trim().split(/[.@]/)[0];
  if (base === '' || base === 'C' || base === 'POSIX') return null;
  const parts = base.split(/[-_]/).filter(Boolean);
  if (parts.length === 0 || !/^[A-Za-z]{2,3}$/.test(parts[0])) return null;
  return [parts[0].toLowerCase(), ...parts.slice(1).map((p) => (p.length === 4 ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p.length <= 3 ? p.toUpperCase() : p))].join('-');
}

/** Chinese tags that mean Simplified script (zh, zh-Hans, zh-CN, zh-SG, zh-Hans-HK). */
function isSimplifiedChinese(tag: string): boolean {
  const parts = tag.split('-');
  if (parts[0] !== 'zh') return false;
  if (parts.includes('Hant') || parts.includes('TW') || parts.includes('HK') || parts.includes('MO')) return parts.includes('Hans');
  return true;
}

/**
 * The shipped locale for one tag (POSIX name or BCP 47): the exact tag, else the same
 * language (de-AT → de, es-419 → es, zh-Hans-CN → zh-CN; Traditional Chinese is not
 * matched to Simplified), else null.
 */
export function matchLocale(raw: string): ShippedLocale | null {
  const tag = normaliseTag(raw);
  if (!tag) return null;
  if (isLocale(tag)) return tag as ShippedLocale;
  const language = tag.split('-')[0];
  if (language === 'zh') return isSimplifiedChinese(tag) ? 'zh-CN' : null;
  return SHIPPED_LOCALES.find((l) => l === language) ?? null;
}

/** The first of `preferred` (most preferred first) that we ship, else `fallback` (English). */
export function negotiateLocale(preferred: readonly string[], options: { allowPseudo?: boolean; fallback?: Locale } = {}): Locale {
  for (const raw of preferred) {
    if (raw === PSEUDO_LOCALE && options.allowPseudo) return PSEUDO_LOCALE;
    const match = matchLocale(raw);
    if (match) return match;
  }
  return options.fallback ?? SOURCE_LOCALE;
}

/** The CLI's view of the environment: LC_ALL, then LC_MESSAGES, then LANG, then LANGUAGE's list (as gettext reads them). */
export function localesFromEnvironment(env: Readonly<Record<string, string | undefined>>): string[] {
  const out: string[] = [];
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v) {
      out.push(v);
      break;
    }
  }
  // LANGUAGE (a colon-separated list) is honoured by gettext unless the locale is C.
  if (env.LANGUAGE && !(out[0] && normaliseTag(out[0]) === null)) out.unshift(...env.LANGUAGE.split(':').filter(Boolean));
  return out;
}
