/*
 * Paths the page may name: only those the learner chose. The page never hands main a
 * path of its own making; it hands back a grant, an opaque token main issued for a path
 * that came from the learner: a file or folder dropped on the window (the preload asks
 * main for a grant when the page reads a dropped file's path) or a previewed folder that
 * changed on disk. Dialogs are opened by main itself and need no grant.
 *
 *   grant:<32 hex digits>/<base name>    the base name only helps the page say what it is
 *
 * Grants last for the session; the registry keeps the most recent 256.
 */
import { t } from '../../core/i18n/index.ts';
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';

const GRANT = /^grant:([0-9a-f]{32})\//;
const KEEP = 256;

export class PathGrants {
  private readonly paths = new Map<string, string>();

  issue(path: string): string {
    const token = `grant:${randomBytes(16).toString('hex')}/${basename(path)}`;
    this.paths.set(token, path);
    if (this.paths.size > KEEP) this.paths.delete(this.paths.keys().next().value!);
    return token;
  }

  /** The path a grant stands for, or null for anything main did not issue. */
  redeem(token: string): string | null {
    if (!GRANT.test(token)) return null;
    return this.paths.get(token) ?? null;
  }
}

/** Why a path the learner did not choose is refused (in the current locale). */
export const ungrantedPath = (): string => t('shell.grants.ungranted');
