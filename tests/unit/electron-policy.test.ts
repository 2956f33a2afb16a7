// The classroom policy IT deploys: where it is found, what it means, and that a broken
// file never hands learners more freedom than the school intended.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../core/api.ts';
import { loadPolicy, parsePolicy, policyLocations } from '../../electron/main/policy.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pagewalk-policy-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('classroom policy', () => {
  it('is looked for in the documented place on each platform, or where the environment says', () => {
    expect(policyLocations('linux', {})).toEqual(['/etc/pagewalk/policy.json']);
    expect(policyLocations('win32', { ProgramData: 'C:\\ProgramData' })).toEqual(['C:\\ProgramData\\Pagewalk\\policy.json']);
    expect(policyLocations('darwin', {})).toEqual(['/Library/Application Support/Pagewalk/policy.json']);
    expect(policyLocations('linux', { PAGEWALK_POLICY_FILE: '/tmp/p.json' }, true)).toEqual(['/tmp/p.json']);
    // An installed app ignores the variable: a learner's file {} must not turn features back on.
    expect(policyLocations('linux', { PAGEWALK_POLICY_FILE: '/tmp/p.json' })).toEqual(['/etc/pagewalk/policy.json']);
    expect(policyLocations('win32', { PAGEWALK_POLICY_FILE: 'C:\\x.json', ProgramData: 'C:\\ProgramData' }, false)).toEqual(['C:\\ProgramData\\Pagewalk\\policy.json']);
  });

  it('allows everything, silently, when no policy file exists', () => {
    expect(loadPolicy([join(dir, 'none.json')])).toEqual({ policy: DEFAULT_POLICY, notices: [] });
  });

  it('turns off exactly what IT lists, and names the file it came from', () => {
    const file = join(dir, 'policy.json');
    writeFileSync(file, '\uFEFF{ "allowImport": false, "allowSandbox": true }');
    expect(loadPolicy([file])).toEqual({ policy: { allowImport: false, allowSandbox: true, allowAuthorPreview: true, source: file }, notices: [] });
  });

  it('turns everything off, with a notice, when the file is not valid JSON', () => {
    const r = parsePolicy('{ allowImport: false', '/etc/pagewalk/policy.json');
    expect(r.policy).toEqual({ allowImport: false, allowSandbox: false, allowAuthorPreview: false, source: '/etc/pagewalk/policy.json' });
    expect(r.notices[0]).toMatch(/^The classroom policy file \/etc\/pagewalk\/policy\.json is not valid JSON .*turned off until IT fixes it\.$/);
  });

  it('turns everything off when the file is not an object', () => {
    expect(parsePolicy('[false]', 'p').policy.allowSandbox).toBe(false);
    expect(parsePolicy('null', 'p').policy.allowImport).toBe(false);
  });

  it('treats a switch with the wrong type as off, and names unknown settings', () => {
    const r = parsePolicy('{"allowImport": "no", "allowSandbox": false, "allowImports": false, "comment": "set by IT"}', 'p');
    expect(r.policy).toEqual({ allowImport: false, allowSandbox: false, allowAuthorPreview: true, source: 'p' });
    expect(r.notices).toHaveLength(2);
    expect(r.notices[0]).toMatch(/"allowImport" should be true or false \(found "no"\)/);
    expect(r.notices[1]).toMatch(/does not know and ignores: allowImports/);
  });

  it('turns everything off when the file exists but cannot be read', () => {
    const folder = join(dir, 'policy.json');
    mkdirSync(folder);
    const r = loadPolicy([folder]);
    expect(r.policy.allowImport).toBe(false);
    expect(r.notices[0]).toMatch(/cannot be read \(EISDIR\)/);
  });

  it('refuses a file far too large to be a policy', () => {
    const file = join(dir, 'policy.json');
    writeFileSync(file, `{"allowImport": true, "pad": "${'x'.repeat(100_000)}"}`);
    expect(loadPolicy([file]).policy.allowImport).toBe(false);
  });
});
