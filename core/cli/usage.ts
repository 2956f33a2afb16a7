/*
 * What every command shares: the Command shape, the UsageError a command throws for a
 * mistake on the command line, and running a command with --help and error reporting
 * (usage errors: message and usage, exit 2; anything else: a plain internal-error line,
 * exit 1; never a stack trace).
 */
export interface Command {
  summary: string;
  usage: string;
  run(argv: string[]): number;
}

/** A mistake on the command line: printed with the command's usage, exit status 2. */
export class UsageError extends Error {}

export function runCommand(name: string, cmd: Command, argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(cmd.usage + '\n');
    return 0;
  }
  try {
    return cmd.run(argv);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`pagewalk ${name}: ${(e as Error).message}\n\n${cmd.usage}\n`);
      return 2;
    }
    process.stderr.write(`pagewalk ${name}: internal error: ${(e as Error).message}\nPlease report this with the command and file you used.\n`);
    return 1;
  }
}
