/*
 * The CLI's language: `--lang TAG` (or `--lang=TAG`) anywhere on the command line, else
 * the environment as gettext reads it (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English.
 * The option is taken out of argv before the command sees it, so every command accepts it.
 */
import { localesFromEnvironment, setLocale, t, type Locale } from '../i18n/index.ts';
import { UsageError } from './usage.ts';

export function takeLanguage(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): { argv: string[]; requested: string[] } {
  const rest: string[] = [];
  let chosen: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--lang') {
      const v = argv[i + 1];
      if (!v || v.startsWith('-')) {
        setLocale(localesFromEnvironment(env)); // the complaint in the environment's language
        throw new UsageError(t('shell.cli.langMissing'));
      }
      chosen = v;
      i++;
    } else if (a.startsWith('--lang=')) chosen = a.slice('--lang='.length);
    else rest.push(a);
  }
  return { argv: rest, requested: chosen ? [chosen] : localesFromEnvironment(env) };
}

/** Apply the command line's language; returns what is left of argv for the command. */
export function applyCliLanguage(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): { argv: string[]; locale: Locale } {
  const { argv: rest, requested } = takeLanguage(argv, env);
  return { argv: rest, locale: setLocale(requested) };
}
