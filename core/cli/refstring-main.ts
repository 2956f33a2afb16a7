/*
 * Entry point for `pagewalk refstring` alone. The launcher loads this smaller bundle for
 * that command (it needs neither the YAML parser nor the schemas), so a reference-string
 * experiment starts nearly as fast as node itself.
 */
import { refstring } from './refstring.ts';
import { runCommand } from './usage.ts';
import { applyCliLanguage } from './lang.ts';

export function main(commandLine: string[]): number {
  let argv: string[];
  try {
    argv = applyCliLanguage(commandLine, process.env).argv;
  } catch (e) {
    process.stderr.write(`pagewalk: ${(e as Error).message}\n`);
    return 2;
  }
  return runCommand('refstring', refstring, argv.slice(1));
}
