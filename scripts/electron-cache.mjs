// Where Electron's downloader (@electron/get) looks for and fetches the Electron zip, shared
// by `npm start` (scripts/start.mjs) and `npm run dist:*` (scripts/dist.mjs), so both can
// say exactly which file to copy where on a computer that cannot download it.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The first line of a failed download that says what went wrong, without the stack. */
export function reasonFrom(output) {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const meaningful = lines.filter((l) => !l.startsWith('at ') && !/^node:internal/.test(l));
  const cause = meaningful.find((l) => /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EAI_AGAIN|certificate|HTTPError|404|403|checksum/i.test(l));
  const first = (cause ?? meaningful[0] ?? 'no reason given').replace(/^(TypeError|Error|RequestError|HTTPError):\s*/, '');
  return first === 'fetch failed' ? 'could not connect to the download server' : first.slice(0, 300);
}

/** Electron's default download cache folder (as @electron/get computes it). */
export function defaultCacheRoot() {
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'electron', 'Cache');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'electron');
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'electron');
}

/**
 * Exactly where Electron's downloader looks for the zip before downloading: a folder named
 * after the SHA-256 of the download URL's folder, inside the cache root (electron-builder
 * reads the same cache). Also the URL it would download from. Null if the
 * downloader's internals cannot be loaded (then the message stays general).
 */
export async function cachedZipPath(electron, platform, arch) {
  try {
    const requireFromElectron = createRequire(join(electron.dir, 'package.json'));
    const utils = await import(pathToFileURL(join(dirname(requireFromElectron.resolve('@electron/get')), 'artifact-utils.js')).href);
    const details = { version: `v${electron.version}`, artifactName: 'electron', platform, arch };
    const url = new URL(await utils.getArtifactRemoteURL(details));
    const fileName = posix.basename(url.pathname);
    url.hash = '';
    url.search = '';
    url.pathname = posix.dirname(url.pathname);
    const folder = createHash('sha256').update(url.toString()).digest('hex');
    return { fileName, url: `${url.toString()}/${fileName}`, path: join(process.env.electron_config_cache || defaultCacheRoot(), folder, fileName) };
  } catch {
    return null;
  }
}
