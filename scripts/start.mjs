#!/usr/bin/env node
// `npm start`: build the desktop app, make sure the Electron binary is there, launch it.
//
// The Electron binary is not part of the npm package: it is downloaded once, on first use,
// from Electron's release host. Where that is impossible (offline classrooms, locked-down
// networks) this script says so in plain words, lists the offline options and points to
// the browser build, and exits non-zero; it never dumps a stack trace.
//
// Options: --skip-build (launch what is already in out/), --no-launch (build and
// provision only; used by CI and packaging checks). Extra arguments after `--` go to Electron.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedZipPath, reasonFrom } from './electron-cache.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const passThrough = args.includes('--') ? args.slice(args.indexOf('--') + 1) : [];
const flags = new Set(args.includes('--') ? args.slice(0, args.indexOf('--')) : args);

const say = (text) => process.stdout.write(`${text}\n`);
const fail = (text, code = 1) => {
  process.stderr.write(`\n${text.trim()}\n\n`);
  process.exit(code);
};

/** Where Electron puts its executable inside its dist folder, per platform (as electron/install.js does). */
function platformExecutable() {
  switch (process.platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

function electronPackage() {
  const dir = dirname(require.resolve('electron/package.json', { paths: [root] }));
  return { dir, version: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version };
}

/** The executable to run, or null when it is not installed yet. */
function installedElectron(electron) {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, platformExecutable());
    return existsSync(candidate) ? candidate : null;
  }
  try {
    const relative = readFileSync(join(electron.dir, 'path.txt'), 'utf8').trim();
    const full = join(electron.dir, 'dist', relative);
    const version = readFileSync(join(electron.dir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
    return existsSync(full) && version === electron.version ? full : null;
  } catch {
    return null;
  }
}

function build() {
  say('Building Pagewalk (electron-vite build)…');
  const cli = join(dirname(require.resolve('electron-vite/package.json', { paths: [root] })), 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    fail(`The build failed (the messages above say where). Nothing was started.
Fix the error, or run "npm run typecheck" for a full list of type errors.`);
  }
}

async function provision(electron) {
  const found = installedElectron(electron);
  if (found) return found;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    fail(`ELECTRON_OVERRIDE_DIST_PATH is set to ${process.env.ELECTRON_OVERRIDE_DIST_PATH},
but there is no ${platformExecutable()} in that folder. Point it at an unpacked Electron ${electron.version}
for this platform (the folder that holds the executable), or unset it to download Electron.`);
  }
  say(`Getting the Electron ${electron.version} runtime (downloaded once, about 100 MB)…`);
  const r = spawnSync(process.execPath, [join(electron.dir, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 15 * 60 * 1000,
    env: process.env,
  });
  const installed = installedElectron(electron);
  if (r.status === 0 && installed) return installed;
  const why = r.error?.code === 'ETIMEDOUT' ? 'the download took longer than 15 minutes and was stopped' : reasonFrom(`${r.stderr ?? ''}\n${r.stdout ?? ''}`);
  const cached = await cachedZipPath(electron, process.platform, process.arch);
  const cacheHelp = cached
    ? `Electron looks for its download here first:
       ${cached.path}
     Copy ${cached.fileName} there from a computer with internet access (or from its own
     Electron cache), then run npm start again. To keep the cache elsewhere, set
     electron_config_cache=/some/folder (the same sub-folder name is used inside it).`
    : `Electron looks in its download cache first: set electron_config_cache=/some/folder
     and copy the cache of a computer with internet access into it.`;
  fail(`Pagewalk could not start: the Electron ${electron.version} runtime is not installed, and downloading it failed
(${why}).

This usually means this computer cannot reach Electron's download server. Options:

  1. Use a copy you already have. ${cacheHelp}

  2. Download from a mirror your network allows:
       ELECTRON_MIRROR=https://your.mirror/electron/ npm start

  3. Use an Electron ${electron.version} you have unpacked somewhere:
       ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-folder npm start

  4. Use Pagewalk in a browser instead (same app, nothing to download):
       npm run web
     then open the address it prints.

Schools installing on many computers should use the installers instead (docs/classroom.md).`);
  return null;
}

function launch(executable) {
  if (process.platform === 'linux' && process.getuid?.() === 0 && !passThrough.includes('--no-sandbox')) {
    fail(`Pagewalk is running as root, and Electron's sandbox (which keeps lesson content away from
your system) refuses to start as root. Start Pagewalk as a normal user, or use "npm run web".
(In a throw-away development container you may run "npm start -- --no-sandbox", which
turns that protection off; never do this on a learner's computer.)`);
  }
  say('Starting Pagewalk…');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(executable, ['.', ...passThrough], { cwd: root, stdio: 'inherit', env });
  child.on('error', (e) => fail(`Pagewalk could not start Electron (${e.code ?? e.message}) from ${executable}.`));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
}

if (!flags.has('--skip-build')) build();
const electron = electronPackage();
const executable = await provision(electron);
if (flags.has('--no-launch')) say(`Ready: ${executable}`);
else launch(executable);
