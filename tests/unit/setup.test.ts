// Set-up that explains itself: the Node version the README names satisfies every engine
// declared in the lockfile (so `npm install` prints no EBADENGINE there); `npm run web`
// on a taken port and an offline `npm run dist:*` end with a plain sentence and what to do,
// not a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const require = createRequire(import.meta.url);
const semver = require('semver') as { satisfies(version: string, range: string): boolean; minVersion(range: string): { version: string } | null };
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'pagewalk-setup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the Node version the README names', () => {
  const named = readme.match(/Needs \*\*Node\.js (\d+\.\d+) or newer\*\*/)?.[1];

  it('is the one package.json declares', () => {
    expect(named).toBeDefined();
    const engines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;
    expect(semver.minVersion(engines)?.version).toBe(`${named}.0`);
  });

  it('satisfies the engines of every package in the lockfile, so npm install has nothing to warn about', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };
    const unmet: string[] = [];
    for (const [path, p] of Object.entries(lock.packages)) {
      const range = !Array.isArray(p.engines) ? p.engines?.node : undefined;
      if (range && !semver.satisfies(`${named}.0`, range)) unmet.push(`${path || 'pagewalk'}@${p.version} wants node ${range}`);
    }
    expect(unmet).toEqual([]);
  });
});

function holdPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe('npm run web', () => {
  it('on a port that is taken says so and how to choose another, before building anything', async () => {
    const { server, port } = await holdPort();
    try {
      const r = spawnSync(process.execPath, [join(root, 'scripts/web.mjs'), '--port', String(port)], { encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(r.stderr).toContain(`npm run web -- --port ${port + 1}`);
      expect(r.stdout).not.toContain('Building');
      noStack(r.stderr);
    } finally {
      server.close();
    }
  });

  it('refuses a port that is not one, and the README shows --port', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/web.mjs'), '--port', 'http'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--port takes a port number');
    expect(readme).toContain('npm run web -- --port');
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.web).toBe('node scripts/web.mjs');
  });
});

describe('npm run dist:* offline', () => {
  it('stops at once and lists the Electron zips to copy, where, and the other ways', () => {
    const cache = join(scratch, 'electron-cache');
    const started = Date.now();
    const r = spawnSync(process.execPath, [join(root, 'scripts/dist.mjs'), 'linux'], {
      encoding: 'utf8',
      timeout: 60_000,
      // A mirror that can never resolve stands for a computer without a route to the download server.
      env: { ...process.env, ELECTRON_MIRROR: 'https://pagewalk-offline.invalid/electron/', electron_config_cache: cache, ELECTRON_BUILDER_CACHE: join(scratch, 'builder-cache') },
    });
    expect(r.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.stderr).toContain('npm run dist:linux cannot make the installers: the Electron download server (pagewalk-offline.invalid) cannot be reached from here');
    expect(r.stderr).toMatch(new RegExp(`${cache.replace(/[/\\]/g, '.')}.[0-9a-f]{64}.electron-v[\\d.]+-linux-x64\\.zip`));
    expect(r.stderr).toContain('-linux-arm64.zip');
    expect(r.stderr).toContain('-c.electronDist=');
    expect(r.stderr).toContain(join(scratch, 'builder-cache'));
    expect(r.stdout).not.toContain('Building');
    noStack(r.stderr);
    for (const platform of ['linux', 'win', 'mac']) expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts[`dist:${platform}`]).toBe(`node scripts/dist.mjs ${platform}`);
  });
});
