#!/usr/bin/env node
// `npm run dist:linux|win|mac`: the installers (electron-builder.yml), after checking that
// what electron-builder will download can be had. It downloads two kinds of things:
//
//   1. the Electron runtime for each target platform and architecture (a zip, through
//      @electron/get, into the same cache `npm start` uses; scripts/electron-cache.mjs);
//   2. its packaging tools (AppImage tools, fpm for .deb, NSIS, WiX for .msi, …) into
//      electron-builder's own cache.
//
// On a computer that cannot reach the download server and has neither in its caches, it
// says so at once, with the exact files and folders to copy or the mirrors to set, instead
// of failing after a minute with a bare "getaddrinfo ENOTFOUND". A build that still fails
// on a download gets the same explanation. Extra arguments go to electron-builder
// (`npm run dist:linux -- -c.electronDist=/path/to/electron` uses an unpacked Electron).
import { spawn, spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { cachedZipPath } from './electron-cache.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const [platformArg, ...builderArgs] = process.argv.slice(2);
const PLATFORMS = { linux: { flag: '--linux', platform: 'linux', key: 'linux' }, win: { flag: '--win', platform: 'win32', key: 'win' }, mac: { flag: '--mac', platform: 'darwin', key: 'mac' } };

const say = (text) => process.stdout.write(`${text}\n`);
const fail = (text) => {
  process.stderr.write(`\n${text.trim()}\n\n`);
  process.exit(1);
};

const target = PLATFORMS[platformArg];
if (!target) fail(`Usage: node scripts/dist.mjs linux|win|mac [electron-builder options]\n(or npm run dist:linux, dist:win, dist:mac)`);

/** electron-builder's own cache folder (as app-builder-lib's getCacheDirectory computes it). */
function builderCache() {
  if (process.env.ELECTRON_BUILDER_CACHE?.trim()) return process.env.ELECTRON_BUILDER_CACHE.trim();
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'electron-builder');
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'electron-builder', 'Cache');
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'electron-builder');
}

/** The architectures electron-builder.yml builds for this platform. */
function architectures() {
  const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
  const archs = new Set();
  for (const t of config[target.key]?.target ?? []) for (const a of t.arch ?? ['x64']) archs.add(a);
  return [...archs];
}

/** Whether the host in `url` resolves within a few seconds (no route means no download). */
async function reachable(url) {
  const host = new URL(url).hostname;
  const timeout = new Promise((resolve) => setTimeout(() => resolve(false), 5000).unref());
  return Promise.race([lookup(host).then(() => true, () => false), timeout]);
}

const electronDir = dirname(require.resolve('electron/package.json', { paths: [root] }));
const electron = { dir: electronDir, version: JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version };
const usesElectronDist = builderArgs.some((a) => /^(-c\.|--config\.)electronDist=/.test(a));

const zips = [];
if (!usesElectronDist) {
  for (const arch of architectures()) {
    const zip = await cachedZipPath(electron, target.platform, arch);
    if (zip) zips.push(zip);
  }
}
const missing = zips.filter((z) => !existsSync(z.path));

function offlineHelp(reason) {
  const zipLines = missing.length
    ? `  1. The Electron ${electron.version} runtime, one zip per architecture, copied from a computer with
     internet access (or from its Electron cache) to exactly these paths:
${missing.map((z) => `       ${z.path}`).join('\n')}
     or downloaded from a mirror your network allows:  ELECTRON_MIRROR=https://your.mirror/electron/
     or an Electron ${electron.version} for the target unpacked somewhere:
       npm run dist:${platformArg} -- -c.electronDist=/path/to/electron-folder`
    : `  1. The Electron runtime: found in the cache, nothing to do.`;
  return `npm run dist:${platformArg} cannot make the installers: ${reason}.

electron-builder downloads what it packages with. Without a connection to the download
server it needs these in place first:

${zipLines}

  2. Its packaging tools (${platformArg === 'linux' ? 'AppImage tools and fpm for the .deb' : platformArg === 'win' ? 'NSIS, WiX for the .msi and winCodeSign' : 'the DMG tools'}), kept in
       ${builderCache()}
     Copy that folder from a computer with internet access that has built the same targets
     once (set ELECTRON_BUILDER_CACHE to keep it elsewhere), or set
     ELECTRON_BUILDER_BINARIES_MIRROR to a mirror of electron-builder's binaries.

The simplest route: build the installers once on a computer (or CI) with internet access and
copy both caches, or the finished installers, here. The browser build needs none of this:
  npm run web:build    (into dist-web/, see docs/classroom.md)`;
}

if (missing.length > 0 && !(await reachable(missing[0].url))) {
  fail(offlineHelp(`the Electron download server (${new URL(missing[0].url).hostname}) cannot be reached from here`));
}

say(`Building Pagewalk (electron-vite build)…`);
const viteCli = join(dirname(require.resolve('electron-vite/package.json', { paths: [root] })), 'bin', 'electron-vite.js');
const built = spawnSync(process.execPath, [viteCli, 'build'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) fail('The build failed (the messages above say where); no installer was made.');

say(`Packaging with electron-builder ${target.flag}…`);
const builderCli = join(dirname(require.resolve('electron-builder/package.json', { paths: [root] })), 'cli.js');
const child = spawn(process.execPath, [builderCli, target.flag, '--publish', 'never', ...builderArgs], { cwd: root, stdio: ['inherit', 'pipe', 'pipe'] });
let tail = '';
const keep = (chunk, stream) => {
  stream.write(chunk);
  tail = (tail + chunk.toString()).slice(-20_000);
};
child.stdout.on('data', (c) => keep(c, process.stdout));
child.stderr.on('data', (c) => keep(c, process.stderr));
child.on('error', (e) => fail(`Could not start electron-builder (${e.code ?? e.message}).`));
child.on('exit', (code) => {
  if (code === 0) {
    say(`\nThe installers are in ${join(root, 'release')} (see docs/classroom.md for deploying them).`);
    process.exit(0);
  }
  const network = tail.match(/(getaddrinfo (ENOTFOUND|EAI_AGAIN) \S+|ECONNREFUSED|ETIMEDOUT|ECONNRESET|unable to get local issuer certificate|self[- ]signed certificate)/);
  if (network) fail(offlineHelp(`a download failed (${network[1]})`));
  process.stderr.write(`\nelectron-builder stopped with exit status ${code}; the messages above say why.\n\n`);
  process.exit(code ?? 1);
});
