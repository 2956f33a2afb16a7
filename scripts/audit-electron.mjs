#!/usr/bin/env node
// Audit the Electron shell with Doyensec's Electronegativity (security misconfigurations:
// webPreferences, CSP, navigation, permission handlers …).
//
// The tool is old and pulls many packages, so it is not a project dependency: this script
// installs it on demand into a cache folder outside the project and runs it on the project
// sources (it reads package.json for the Electron version; it cannot parse the bundled
// out/). It tries to fetch Electron's release list and carries on without it when offline.
//
//   node scripts/audit-electron.mjs            # prints the findings table
// Exit status: 0 when nothing of HIGH severity is found, 1 otherwise, 2 if the tool could not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const VERSION = '1.10.3';
const cache = join(process.env.PAGEWALK_TOOL_CACHE || join(tmpdir(), 'pagewalk-tools'), `electronegativity-${VERSION}`);
const bin = join(cache, 'node_modules', '.bin', process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity');

if (!existsSync(bin)) {
  console.log(`Installing @doyensec/electronegativity@${VERSION} into ${cache} (once)…`);
  mkdirSync(cache, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', cache, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `@doyensec/electronegativity@${VERSION}`], { stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(bin)) {
    console.error('Could not install Electronegativity (is the npm registry reachable?).');
    process.exit(2);
  }
}

const report = join(cache, 'report.csv');
const r = spawnSync(bin, ['-i', root, '-r', '-v', 'false', '-o', report], { cwd: root, stdio: 'inherit' });
if (r.status !== 0 || !existsSync(report)) {
  console.error('Electronegativity did not finish.');
  process.exit(2);
}
const rows = readFileSync(report, 'utf8').split('\n').slice(1).filter(Boolean);
const high = rows.filter((row) => /\bHIGH\b/.test(row));
console.log(`${rows.length} finding(s) to review, ${high.length} of HIGH severity (report: ${report}).`);
process.exit(high.length > 0 ? 1 : 0);
