/*
 * What every command shares: the Command shape, the UsageError a command throws for a
 * mistake on the command line (and InputError, for what it was given to read), and running
 * a command with --help and error reporting (usage errors: message and usage, exit 2; input
 * errors: the message alone, exit 2; anything else: a plain internal-error line, exit 1;
 * never a stack trace). `summary` and `usage` are read when printed (getters over the
 * message catalogue), so they come out in the language --lang or the environment chose.
 */
import { t } from '../i18n/index.ts';

export interface Command {
  readonly summary: string;
  readonly usage: string;
  run(argv: string[]): number;
}

/** A mistake on the command line: printed with the command's usage, exit status 2. */
export class UsageError extends Error {}

/**
 * A problem with what the command was given to read, not with how it was called: a file
 * that cannot be read, a bad token on line 3 of a trace, a file that is not a machine.
 * Printed alone: the usage after it would only push it off the screen. Exit status 2.
 */
export class InputError extends UsageError {}

export function runCommand(name: string, cmd: Command, argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(cmd.usage + '\n');
    return 0;
  }
  try {
    return cmd.run(argv);
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`pagewalk ${name}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`pagewalk ${name}: ${usageMessage(e as Error & { code?: string })}\n\n${cmd.usage}\n`);
      return 2;
    }
    process.stderr.write(`pagewalk ${name}: ${t('shell.cli.internalError', { message: (e as Error).message })}\n`);
    return 1;
  }
}

/**
 * A command-line mistake in the user's language. node's parseArgs reports in English (and
 * in its own terms: "place it at the end of the command after '--'"); its three mistakes
 * are said again from the catalogue, naming the option or argument it quoted.
 */
function usageMessage(e: Error & { code?: string }): string {
  const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? '';
  const long = /--([\w-]+)/.exec(quoted)?.[1] ?? quoted.replace(/^-+/, '');
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return t('shell.cli.unknownOption', { option: quoted });
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return e.message.includes('does not take an argument') ? t('shell.cli.refstring.noValue', { name: long }) : t('shell.cli.needsValue', { name: long });
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return t('shell.cli.unexpectedArgument', { argument: quoted });
    default:
      return e.message;
  }
}
