/*
 * Which language `pagewalk --help` (and `pagewalk` alone) is printed in, decided without
 * the message catalogue: the launcher (bin/pagewalk.mjs) loads this tiny bundle
 * (out/cli/help-locale.mjs) to pick one of the help texts the build wrote per locale
 * (out/cli/help.txt for English, help.<locale>.txt for the others), so help stays as fast
 * as node itself in every language. It reads the command line as core/cli/lang.ts does:
 * `--lang TAG` / `--lang=TAG` anywhere, else LANGUAGE / LC_ALL / LC_MESSAGES / LANG.
 */
import { localesFromEnvironment, negotiateLocale, type Locale } from '../i18n/locales.ts';

export const HELP_WORDS = ['--help', '-h', 'help'];

/**
 * The locale of the help text for this command line and the exit status that goes with it
 * (2 for `pagewalk` alone, as core/cli/main.ts returns), or null when the command line is
 * not a plain request for the main help (a command, or a --lang without a value: the
 * bundle answers those, with its error message).
 */
export function helpLocale(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): { locale: Locale; exitCode: number } | null {
  const rest: string[] = [];
  let chosen: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang') {
      const v = argv[i + 1];
      if (!v || v.startsWith('-')) return null;
      chosen = v;
      i++;
    } else if (a.startsWith('--lang=')) chosen = a.slice('--lang='.length);
    else rest.push(a);
  }
  if (rest.length > 1 || (rest.length === 1 && !HELP_WORDS.includes(rest[0]))) return null;
  return { locale: negotiateLocale(chosen ? [chosen] : localesFromEnvironment(env)), exitCode: rest.length === 0 ? 2 : 0 };
}

/** The file the build writes each locale's help to (beside the bundle). */
export function helpFileName(locale: Locale): string {
  return locale === 'en' ? 'help.txt' : `help.${locale}.txt`;
}
