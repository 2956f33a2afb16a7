/*
 * The classroom policy's "language": the interface language a school presets for every
 * learner on the computer ("es", "de-DE", "zh-CN"). A learner's own choice in Settings
 * still wins; a value we do not ship is ignored with a notice (it restricts nothing, so
 * unlike a bad switch it does not turn features off).
 */
import { LOCALE_NAMES, matchLocale, SHIPPED_LOCALES } from '../../core/i18n/locales.ts';
import { t } from '../../core/i18n/index.ts';

export function presetLanguage(value: unknown, source: string): { language: string | null; notices: string[] } {
  const chosen = typeof value === 'string' ? matchLocale(value) : null;
  if (chosen) return { language: chosen, notices: [] };
  const known = SHIPPED_LOCALES.map((l) => `"${l}" (${LOCALE_NAMES[l]})`).join(', ');
  return { language: null, notices: [t('shell.policy.badLanguage', { file: source, known, value: String(JSON.stringify(value)) })] };
}
