// The desktop build as it ships: `electron-vite build` makes out/main and out/preload as
// CommonJS (a sandboxed preload cannot load ES modules or other files) and out/renderer;
// the preload exposes the API and nothing else; and the bundled main process really
// starts and answers over IPC (run under Node against an Electron stand-in, since the
// Electron binary cannot run here). This catches bundling mistakes the source-level
// tests cannot, such as an ESM-only dependency left external.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../core/api.ts';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../../electron/main/security.ts';

const root = process.cwd();
const require = createRequire(import.meta.url);
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'pagewalk-build-'));
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  execFileSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'pipe', timeout: 240_000 });
}, 300_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the desktop build', () => {
  it('produces main, preload and renderer', () => {
    for (const f of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']) expect(existsSync(join(root, f)), f).toBe(true);
  });

  it('makes a CommonJS preload that needs nothing but electron and exposes only window.pagewalk', () => {
    const preload = readFileSync(join(root, 'out/preload/index.js'), 'utf8');
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect([...preload.matchAll(/exposeInMainWorld\(\s*"([^"]+)"/g)].map((m) => m[1])).toEqual(['pagewalk']);
    expect(preload).not.toMatch(/ipcRenderer\s*[,}]|exposeInMainWorld\([^)]*ipcRenderer/);
    for (const method of API_METHODS) expect(preload, method).toContain(`${method}: true`);
  });

  it('keeps the Content-Security-Policy meta in the built page', () => {
    const html = readFileSync(join(root, 'out/renderer/index.html'), 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self'/);
    // The meta is the header main sends, minus frame-ancestors: one source (electron/csp.ts).
    expect(html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)![1]).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY_HEADER).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>\s*\S/); // no inline scripts
  });

  it('starts the bundled main process, which answers the page over IPC and blocks the network', () => {
    const fakeElectron = join(scratch, 'electron.cjs');
    writeFileSync(
      fakeElectron,
      `// A stand-in for Electron's main-process API, recording what main does.
const { EventEmitter } = require('node:events');
const handlers = new Map();
const state = (globalThis.__fake = { handlers, loaded: null, beforeRequest: null });
const app = Object.assign(new EventEmitter(), {
  isPackaged: false, commandLine: { appendSwitch() {} }, enableSandbox() {}, requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(), getPath: (n) => (n === 'userData' ? process.env.FAKE_USER_DATA : require('node:os').tmpdir()),
  getAppPath: () => process.cwd(), getVersion: () => '0.1.0', quit() {}, exit(c) { process.exit(c); },
});
class BrowserWindow extends EventEmitter {
  constructor() { super(); this.webContents = Object.assign(new EventEmitter(), { send() {} }); }
  loadFile(f) { state.loaded = f; return Promise.resolve(); } loadURL(u) { state.loaded = u; return Promise.resolve(); } isDestroyed() { return false; }
}
const defaultSession = Object.assign(new EventEmitter(), {
  setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {}, setSpellCheckerEnabled() {},
  webRequest: { onBeforeRequest(f) { state.beforeRequest = f; }, onHeadersReceived() {} },
});
module.exports = {
  app, BrowserWindow, session: { defaultSession }, ipcMain: { handle: (c, f) => handlers.set(c, f), on() {} },
  dialog: { showErrorBox: (t, m) => { console.error(t, m); process.exit(3); } },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu() {} },
};
`,
    );
    const runner = join(scratch, 'run.cjs');
    writeFileSync(
      runner,
      `const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'electron' ? ${JSON.stringify(fakeElectron)} : resolve.call(this, request, ...rest); };
require(${JSON.stringify(join(root, 'out/main/index.js'))});
setTimeout(async () => {
  const fake = globalThis.__fake;
  const frame = { url: require('node:url').pathToFileURL(fake.loaded).href };
  const call = (m, ...a) => fake.handlers.get('pagewalk:' + m)({ senderFrame: frame, sender: { mainFrame: frame } }, ...a);
  let blocked;
  fake.beforeRequest({ url: 'https://example.com/' }, (r) => (blocked = r.cancel));
  const packs = await call('listPacks');
  const settings = await call('setSettings', { fontSize: 20 });
  console.log(JSON.stringify({ handlers: fake.handlers.size, blocked, host: await call('host'), packs: packs.ok && packs.value.map((p) => p.source + ':' + p.lessons.length), settings }));
  // The core's worker thread keeps the process alive, as Electron's window would.
  process.exit(0);
}, 200);
`,
    );
    const userData = join(scratch, 'userData');
    const r = spawnSync(process.execPath, [runner], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, FAKE_USER_DATA: userData, PAGEWALK_POLICY_FILE: join(scratch, 'none.json'), PAGEWALK_SYSTEM_PACKS: '' } });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(out.handlers).toBe(API_METHODS.length);
    expect(out.blocked).toBe(true);
    expect(out.host).toMatchObject({ ok: true, value: { kind: 'electron', notices: [] } });
    expect(out.packs.length).toBeGreaterThan(0);
    expect(out.packs[0]).toMatch(/^built-in:[1-9]/);
    expect(out.settings).toMatchObject({ ok: true, value: { fontSize: 20 } });
    expect(JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8'))).toMatchObject({ schemaVersion: 1, data: { fontSize: 20 } });
    expect(existsSync(join(userData, 'settings.json.bak'))).toBe(true);
  });

  it('answers as the command line when given a command: no window, no single-instance lock, the CLI\'s output and exit status', () => {
    const fakeElectron = join(scratch, 'electron-cli.cjs');
    writeFileSync(
      fakeElectron,
      `// A stand-in for Electron's main-process API that fails loudly if the CLI path touches the app's start-up.
const { EventEmitter } = require('node:events');
const refuse = (what) => () => { console.error('the CLI path used ' + what); process.exit(99); };
const app = Object.assign(new EventEmitter(), {
  isPackaged: true, commandLine: { appendSwitch: refuse('commandLine.appendSwitch') }, enableSandbox: refuse('enableSandbox'),
  requestSingleInstanceLock: refuse('requestSingleInstanceLock'), whenReady: () => new Promise(() => {}), getPath: refuse('getPath'),
  getAppPath: () => process.cwd(), getVersion: () => '0.1.0', setAppUserModelId() {}, quit: refuse('quit'), exit: (c) => process.exit(c),
});
class BrowserWindow { constructor() { refuse('BrowserWindow')(); } }
module.exports = { app, BrowserWindow, session: {}, ipcMain: { handle: refuse('ipcMain'), on: refuse('ipcMain') }, dialog: { showErrorBox: refuse('dialog') }, Menu: {} };
`,
    );
    const runner = join(scratch, 'run-cli.cjs');
    // As \`electron out/main/index.js ARGS\` would start it: process.defaultApp, and the arguments after the app path.
    writeFileSync(
      runner,
      `const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'electron' ? ${JSON.stringify(fakeElectron)} : resolve.call(this, request, ...rest); };
process.defaultApp = true;
require(${JSON.stringify(join(root, 'out/main/index.js'))});
`,
    );
    const app = (...args: string[]) => spawnSync(process.execPath, [runner, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

    const ok = app('validate', join(root, 'docs/examples/pack'), '--instances', '3');
    expect(ok.stderr).not.toMatch(/the CLI path used/);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/example\.first-steps 1\.0\.0: 3 lessons, .*0 errors/);

    const broken = join(scratch, 'broken');
    execFileSync('mkdir', ['-p', broken]);
    writeFileSync(join(broken, 'pack.yaml'), 'id: broken\ntitle: [unclosed\n');
    const bad = app('validate', broken);
    expect(bad.status).toBe(1);
    expect(bad.stdout + bad.stderr).toMatch(/pack\.yaml:\d+:\d+/);

    const version = app('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe('pagewalk 0.1.0');
    const scenario = app('run', join(root, 'docs/examples/fork-cow.yaml'));
    expect(scenario.status, scenario.stderr).toBe(0);
    expect(scenario.stdout).toMatch(/COW cop/);
    expect(app('frobnicate').stderr).toMatch(/the CLI path used requestSingleInstanceLock/); // not a command: the app starts
    expect(app('--no-sandbox', 'profiles').stdout).toMatch(/x86-64/); // a Chromium switch in front is skipped
  }, 180_000);
});
