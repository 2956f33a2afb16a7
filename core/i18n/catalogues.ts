/*
 * The shipped catalogues by locale, and the pseudo-locale built from English on first use.
 * A catalogue is key → ICU MessageFormat source; every locale has exactly English's keys
 * (the Catalogue type makes a missing or stray key a compile error).
 */
import type { Locale } from './locales.ts';
import { de } from './messages/de.ts';
import { en, type Catalogue } from './messages/en.ts';
import { es } from './messages/es.ts';
import { zhCN } from './messages/zh-CN.ts';
import { pseudoCatalogue } from './pseudo.ts';

const SHIPPED: Record<Exclude<Locale, 'en-XA'>, Catalogue> = { en, es, de, 'zh-CN': zhCN };
let pseudo: Catalogue | null = null;

export function catalogueFor(locale: Locale): Catalogue {
  if (locale === 'en-XA') return (pseudo ??= pseudoCatalogue(en));
  return SHIPPED[locale];
}
