/*
 * The classroom policy: a small JSON file that a school's IT deploys to turn features off
 * on every account of a computer (docs/classroom.md documents it for them).
 *
 *     { "allowImport": false, "allowSandbox": true, "allowAuthorPreview": false, "language": "es" }
 *
 * Where it is looked for, first found wins:
 *   $PAGEWALK_POLICY_FILE                                  (development only: tests, trying a policy)
 *   Linux    /etc/pagewalk/policy.json
 *   Windows  %ProgramData%\Pagewalk\policy.json
 *   macOS    /Library/Application Support/Pagewalk/policy.json
 *
 * Reading it never fails the app. A key left out means "allowed" (IT lists only what it
 * restricts). A file that exists but cannot be understood is treated as IT meaning to
 * restrict something we cannot tell: every feature it could control is turned off, and a
 * notice says why, so nobody gets more freedom from a typo than the school intended.
 */
import { t } from '../../core/i18n/index.ts';
import { readFileSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { DEFAULT_POLICY, type ClassroomPolicy } from '../../core/api.ts';
import { presetLanguage } from './policy-language.ts';

type PolicySwitch = 'allowImport' | 'allowSandbox' | 'allowAuthorPreview';
const SWITCHES: PolicySwitch[] = ['allowImport', 'allowSandbox', 'allowAuthorPreview'];

/** Largest policy file read; anything bigger is not a policy file. */
const MAX_POLICY_BYTES = 64 * 1024;

export interface LoadedPolicy {
  policy: ClassroomPolicy;
  notices: string[];
}

/** The system-wide folder for this platform where IT puts Pagewalk's policy and packs. */
export function systemFolder(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') return win32.join(env.ProgramData || env.ALLUSERSPROFILE || 'C:\\ProgramData', 'Pagewalk');
  if (platform === 'darwin') return '/Library/Application Support/Pagewalk';
  return '/etc/pagewalk';
}

/**
 * Candidate policy files, most specific first. `$PAGEWALK_POLICY_FILE` is honoured only
 * when `development` is true (an unpackaged app): in an installed app a learner could
 * otherwise point it at a file `{}` and turn every restricted feature back on.
 */
export function policyLocations(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, development = false): string[] {
  if (development && env.PAGEWALK_POLICY_FILE) return [env.PAGEWALK_POLICY_FILE];
  return [(platform === 'win32' ? win32 : posix).join(systemFolder(platform, env), 'policy.json')];
}

function restrictive(source: string): ClassroomPolicy {
  return { allowImport: false, allowSandbox: false, allowAuthorPreview: false, source };
}

/** Understand the text of a policy file found at `source`. */
export function parsePolicy(text: string, source: string): LoadedPolicy {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return {
      policy: restrictive(source),
      notices: [t('shell.policy.notJson', { file: source, message: (e as Error).message })],
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      policy: restrictive(source),
      notices: [t('shell.policy.notObject', { file: source })],
    };
  }
  const record = value as Record<string, unknown>;
  const policy: ClassroomPolicy = { ...DEFAULT_POLICY, source };
  const notices: string[] = [];
  for (const key of SWITCHES) {
    if (!(key in record)) continue;
    if (typeof record[key] === 'boolean') policy[key] = record[key];
    else {
      policy[key] = false;
      notices.push(t('shell.policy.notBoolean', { file: source, key, value: String(JSON.stringify(record[key])) }));
    }
  }
  if ('language' in record) {
    const preset = presetLanguage(record.language, source);
    if (preset.language) policy.language = preset.language;
    notices.push(...preset.notices);
  }
  const unknown = Object.keys(record).filter((k) => !(SWITCHES as string[]).includes(k) && !k.startsWith('$') && k !== 'comment' && k !== 'language');
  if (unknown.length > 0) {
    notices.push(t('shell.policy.unknownKeys', { file: source, unknown: unknown.join(', '), known: SWITCHES.join(', ') }));
  }
  return { policy, notices };
}

/** Read the first policy file that exists; none at all means the built-in defaults, silently. */
export function loadPolicy(locations: string[], readFile: (path: string) => Buffer = (p) => readFileSync(p)): LoadedPolicy {
  for (const location of locations) {
    let bytes: Buffer;
    try {
      bytes = readFile(location);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      return {
        policy: restrictive(location),
        notices: [t('shell.policy.unreadable', { file: location, reason: code ?? (e as Error).message })],
      };
    }
    if (bytes.length > MAX_POLICY_BYTES) {
      return { policy: restrictive(location), notices: [t('shell.policy.tooLarge', { file: location, bytes: bytes.length })] };
    }
    return parsePolicy(bytes.toString('utf8').replace(/^\uFEFF/, ''), location);
  }
  return { policy: { ...DEFAULT_POLICY }, notices: [] };
}
