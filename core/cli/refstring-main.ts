/*
 * Entry point for `pagewalk refstring` alone. The launcher loads this smaller bundle for
 * that command (it needs neither the YAML parser nor the schemas), so a reference-string
 * experiment starts nearly as fast as node itself.
 */
import { refstring } from './refstring.ts';
import { runCommand } from './usage.ts';

export function main(argv: string[]): number {
  return runCommand('refstring', refstring, argv.slice(1));
}
