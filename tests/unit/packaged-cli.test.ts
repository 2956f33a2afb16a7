// The command line that ships with the installed app: which launches are CLI runs
// (electron/main/cli-entry.ts), and the launchers electron-builder.yml installs beside the
// executable, checked against electron-builder's own configuration schema. (The bundled
// main process answering CLI arguments is tested in electron-build.test.ts.)
import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cliArguments, cliCommandNames } from '../../electron/main/cli-entry.ts';
import { commands } from '../../core/cli/main.ts';

const root = join(__dirname, '..', '..');
const require = createRequire(import.meta.url);

describe('which launches are the command line', () => {
  it('takes the arguments after the executable (packaged) or after the app path (electron .)', () => {
    expect(cliArguments(['/opt/Pagewalk/pagewalk', 'validate', 'os101.pagewalk'], false)).toEqual(['validate', 'os101.pagewalk']);
    expect(cliArguments(['electron', '.', 'run', 'a.yaml', '--json'], true)).toEqual(['run', 'a.yaml', '--json']);
    expect(cliArguments(['C:\\Program Files\\Pagewalk\\Pagewalk.exe', '--version'], false)).toEqual(['--version']);
  });

  it('opens the app for no arguments, switches, files and unknown words', () => {
    expect(cliArguments(['/opt/Pagewalk/pagewalk'], false)).toBeNull();
    expect(cliArguments(['/opt/Pagewalk/pagewalk', '--no-sandbox'], false)).toBeNull();
    expect(cliArguments(['/Applications/Pagewalk.app/Contents/MacOS/Pagewalk', '-psn_0_12345'], false)).toBeNull();
    expect(cliArguments(['/opt/Pagewalk/pagewalk', '/home/ada/os101.pagewalk'], false)).toBeNull();
    expect(cliArguments(['electron', '.'], true)).toBeNull();
    // A Chromium switch in front of a command is skipped.
    expect(cliArguments(['/opt/Pagewalk/pagewalk', '--no-sandbox', 'validate', 'p'], false)).toEqual(['validate', 'p']);
  });

  it('knows every command the CLI has', () => {
    for (const name of Object.keys(commands)) expect(cliCommandNames()).toContain(name);
    expect(cliCommandNames()).toEqual(expect.arrayContaining(['validate', 'pack', 'run', 'progress', 'help', '--help', '--version']));
  });
});

describe('the launchers the installers put beside the executable', () => {
  const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));

  it('electron-builder.yml passes electron-builder’s own schema', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('Windows: bin\\pagewalk.cmd runs Pagewalk.exe with the arguments and passes on its exit status', () => {
    expect(config.win.extraFiles).toContainEqual({ from: 'resources/cli/pagewalk.cmd', to: 'bin/pagewalk.cmd' });
    const cmd = readFileSync(join(root, 'resources/cli/pagewalk.cmd'), 'utf8');
    expect(cmd).toContain('"%~dp0..\\Pagewalk.exe" %*');
    expect(cmd).toContain('exit /b %ERRORLEVEL%');
    expect(cmd.split('\n').slice(0, -1).every((l) => l.endsWith('\r'))).toBe(true); // batch files want CRLF
    expect(config.productName).toBe('Pagewalk'); // the executable's name in the launcher
  });

  it('macOS: Contents/Resources/bin/pagewalk execs the bundle’s executable', () => {
    expect(config.mac.extraResources).toContainEqual({ from: 'resources/cli/pagewalk', to: 'bin/pagewalk' });
    const sh = readFileSync(join(root, 'resources/cli/pagewalk'), 'utf8');
    expect(sh).toMatch(/^#!\/bin\/sh\n/);
    expect(sh).toContain('/../../MacOS" && pwd)/Pagewalk" "$@"');
    accessSync(join(root, 'resources/cli/pagewalk'), constants.X_OK);
  });

  it('Linux: the .deb links /usr/bin/pagewalk to the executable, which is the CLI itself', () => {
    expect(config.linux.executableName).toBe('pagewalk');
    expect(config.linux.target.map((t: { target: string }) => t.target)).toContain('deb');
  });

  it('Windows fleets get an MSI that installs per machine and upgrades in place', () => {
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis', 'msi']);
    expect(config.msi).toMatchObject({ perMachine: true, runAfterFinish: false });
    expect(config.msi.upgradeCode).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe('docs/classroom.md says what the build really does', () => {
  const doc = readFileSync(join(root, 'docs/classroom.md'), 'utf8');
  const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));

  it('gives the launcher paths the installers create', () => {
    expect(doc).toContain('"C:\\Program Files\\Pagewalk\\bin\\pagewalk.cmd" validate os101.pagewalk');
    expect(doc).toContain('/Applications/Pagewalk.app/Contents/Resources/bin/pagewalk validate os101.pagewalk');
    expect(doc).toContain('`pagewalk validate os101.pagewalk` (the package links `/usr/bin/pagewalk` to `/opt/Pagewalk/pagewalk`)');
  });

  it('names the MSI as electron-builder will', () => {
    expect(config.msi.artifactName).toBe('${productName}-${version}-${arch}.${ext}');
    expect(doc).toContain('msiexec /i Pagewalk-0.1.0-x64.msi /qn');
  });

  it('asks the web server for the same Content-Security-Policy the app sends', async () => {
    const { CONTENT_SECURITY_POLICY_HEADER } = await import('../../electron/csp.ts');
    expect(doc).toContain(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY_HEADER}\n`);
  });

  it('lists only commands the CLI has', () => {
    const listed = doc.match(/same commands as in a source\ncheckout \(([^)]*)\)/)![1].match(/`(\w+)`/g)!.map((c) => c.replace(/`/g, ''));
    expect(listed.sort()).toEqual(Object.keys(commands).sort());
  });
});
