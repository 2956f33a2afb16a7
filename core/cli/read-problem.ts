/*
 * Why a file could not be read, as every command says it ("PATH: no such file"), in the
 * command line's language.
 */
import { t } from '../i18n/index.ts';

export function readProblem(path: string, code: string | undefined, message: string): string {
  if (code === 'ENOENT') return t('shell.cli.noSuchFile', { path });
  if (code === 'EISDIR') return t('shell.cli.isFolder', { path });
  return t('shell.cli.cannotRead', { path, reason: code ?? message });
}
