/*
 * The installed app is also the `pagewalk` command line: started with a command
 * (`pagewalk validate os101.pagewalk`, `Pagewalk.exe run lab.yaml`), the main process runs
 * the bundled CLI (core/cli/main.ts, the same code `npm run pagewalk` runs) and exits with
 * its status, without opening a window, taking the single-instance lock or touching the
 * learner's progress. So IT needs no Node and no source checkout to validate a pack.
 *
 * How the arguments arrive:
 *   packaged app        argv = [executable, ...arguments]
 *   `electron .` (dev)  argv = [electron, app path, ...arguments]   (process.defaultApp)
 * Chromium and macOS add switches of their own (`--no-sandbox`, `-psn_0_12345`); a launch
 * is a CLI run only when the first argument that is not such a switch names a command.
 * Anything else (no arguments, a switch, an unknown word) opens the app as before.
 */
import { commands, main } from '../../core/cli/main.ts';
import { t } from '../../core/i18n/index.ts';

/** Words that make the app answer as the command line: each command, and help and version. */
export function cliCommandNames(): string[] {
  return [...Object.keys(commands), 'help', '--help', '-h', '--version'];
}

/** The CLI arguments of this launch, or null when it should open the app. */
export function cliArguments(argv: readonly string[], defaultApp: boolean): string[] | null {
  const args = argv.slice(defaultApp ? 2 : 1);
  // Switches Chromium or the OS put in front (the CLI's own options come after the command),
  // except the CLI's --lang, which may come first (`pagewalk --lang de validate os101.pagewalk`).
  const language: string[] = [];
  let first = -1;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--lang' && i + 1 < args.length) language.push(a, args[++i]);
    else if (a.startsWith('--lang=')) language.push(a);
    else if (!(a.startsWith('--') && a !== '--help' && a !== '--version') && !a.startsWith('-psn_')) {
      first = i;
      break;
    }
  }
  if (first < 0) return null;
  return cliCommandNames().includes(args[first]) ? [...language, ...args.slice(first)] : null;
}

/**
 * Run the CLI and end the process with its exit status once everything it printed has
 * been written (a pipe on macOS, or a console on Windows, is written asynchronously).
 */
export function runCli(args: string[], exit: (code: number) => void): void {
  let code: number;
  try {
    code = main(args);
  } catch (e) {
    process.stderr.write(`pagewalk: ${t('shell.cli.internalError', { message: (e as Error).message })}\n`);
    code = 1;
  }
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  if (pending.length === 0) return exit(code);
  let left = pending.length;
  for (const s of pending) s.write('', () => --left === 0 && exit(code));
}
