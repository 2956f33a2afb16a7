// The whole main process, started under Node against a stand-in for Electron's API (the
// Electron binary cannot run in the test environment): what window it opens, how it locks
// the session down, and the API as the page reaches it over IPC, with real persistence,
// the real built-in lessons and a classroom policy file.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  // Plain objects standing in for Electron's main-process modules; each records what main did.
  const { EventEmitter: Emitter } = process.getBuiltinModule('node:events') as typeof import('node:events');
  const state = {
    userData: '',
    appPath: process.cwd(),
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    listeners: new Map<string, (event: { senderFrame: unknown; sender: unknown; returnValue?: unknown }, ...args: unknown[]) => void>(),
    windows: [] as { options: Record<string, unknown>; loaded: string | null; webContents: InstanceType<typeof Emitter> & { sent: unknown[][] } }[],
    switches: [] as string[][],
    sandboxEnabled: false,
    singleInstanceAsked: false,
    menu: null as unknown,
    session: {} as Record<string, unknown>,
  };
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    commandLine: { appendSwitch: (...a: string[]) => state.switches.push(a) },
    enableSandbox: () => void (state.sandboxEnabled = true),
    requestSingleInstanceLock: () => ((state.singleInstanceAsked = true), true),
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => (name === 'userData' ? state.userData : tmpdirPath()),
    getAppPath: () => state.appPath,
    getVersion: () => '0.1.0',
    getPreferredSystemLanguages: () => ['en-US'],
    quit: () => {},
    exit: () => {},
  });
  function tmpdirPath() {
    return (process.getBuiltinModule('node:os') as typeof import('node:os')).tmpdir();
  }
  class BrowserWindow extends Emitter {
    webContents: InstanceType<typeof Emitter> & { sent: unknown[][]; send: (...a: unknown[]) => void };
    constructor(options: Record<string, unknown>) {
      super();
      const sent: unknown[][] = [];
      this.webContents = Object.assign(new Emitter(), { sent, send: (...a: unknown[]) => void sent.push(a) });
      state.windows.push({ options, loaded: null, webContents: this.webContents });
    }
    loadFile(file: string) {
      state.windows[state.windows.length - 1].loaded = file;
      return Promise.resolve();
    }
    loadURL(url: string) {
      state.windows[state.windows.length - 1].loaded = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
  }
  const defaultSession = Object.assign(new Emitter(), {
    setPermissionRequestHandler: (f: unknown) => void (state.session.permissionRequest = f),
    setPermissionCheckHandler: (f: unknown) => void (state.session.permissionCheck = f),
    setDevicePermissionHandler: (f: unknown) => void (state.session.devicePermission = f),
    setSpellCheckerEnabled: (on: boolean) => void (state.session.spellChecker = on),
    webRequest: {
      onBeforeRequest: (f: unknown) => void (state.session.beforeRequest = f),
      onHeadersReceived: (f: unknown) => void (state.session.headersReceived = f),
    },
  });
  const electron = {
    app,
    BrowserWindow,
    session: { defaultSession },
    ipcMain: {
      handle: (channel: string, f: (event: unknown, ...args: unknown[]) => unknown) => void state.handlers.set(channel, f),
      on: (channel: string, f: (event: { senderFrame: unknown; sender: unknown; returnValue?: unknown }, ...args: unknown[]) => void) => void state.listeners.set(channel, f),
    },
    dialog: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
      showMessageBox: async () => ({}),
      showErrorBox: (title: string, message: string) => {
        throw new Error(`${title}: ${message}`);
      },
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => void (state.menu = m) },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
vi.mock('electron-store', () => import('../fixtures/electron-store.ts'));

let dir: string;
const { state } = fake;

type Reply = { ok: true; value: unknown } | { ok: false; error: { kind: string; message: string } };

function pageUrl(): string {
  // index.ts loads the page from ../renderer/index.html next to its own folder.
  return pathToFileURL(state.windows[0].loaded as string).href;
}

async function call(method: string, ...args: unknown[]): Promise<Reply> {
  const frame = { url: `${pageUrl()}#/library` };
  return (await state.handlers.get(`pagewalk:${method}`)!({ senderFrame: frame, sender: { mainFrame: frame } }, ...args)) as Reply;
}

/** What the preload does for a file dropped on the window: ask main for a grant for its path. */
function grantFor(path: string, url = `${pageUrl()}#/library`): string {
  const frame = { url };
  const event: { senderFrame: unknown; sender: unknown; returnValue?: unknown } = { senderFrame: frame, sender: { mainFrame: frame } };
  state.listeners.get('pagewalk-grant:dropped')!(event, path);
  return event.returnValue as string;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pagewalk-main-'));
  state.userData = join(dir, 'userData');
  mkdirSync(state.userData);
  // A damaged progress file with a good backup: start-up must restore it and say so.
  writeFileSync(join(state.userData, 'progress.json'), '{"schemaVersion":1,"data":{"vers');
  writeFileSync(join(state.userData, 'progress.json.bak'), JSON.stringify({ schemaVersion: 1, data: { version: 1, packs: { p: { l: { furthestStep: 2, completed: false, completedAt: null, quizzes: {} } } } } }));
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ allowSandbox: false }));
  vi.stubEnv('PAGEWALK_POLICY_FILE', policy);
  vi.stubEnv('PAGEWALK_SYSTEM_PACKS', join(dir, 'system'));
  // A system-wide pack with a link pointing out of it: listed, with what was skipped.
  mkdirSync(join(dir, 'system', 'room204'), { recursive: true });
  writeFileSync(join(dir, 'system', 'room204', 'pack.yaml'), 'id: room204\n');
  symlinkSync(policy, join(dir, 'system', 'room204', 'policy.yaml'));
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  await import('../../electron/main/index.ts');
  await vi.waitFor(() => expect(state.windows).toHaveLength(1));
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('the main process', () => {
  it('asks for the single-instance lock and sandboxes every renderer', () => {
    expect(state.singleInstanceAsked).toBe(true);
    expect(state.sandboxEnabled).toBe(true);
    expect(state.switches).toContainEqual(['disable-background-networking']);
  });

  it('opens one window with the secure web preferences, loading the page from a file', () => {
    const prefs = state.windows[0].options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, spellcheck: false, allowRunningInsecureContent: false });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.js$/);
    expect(state.windows[0].loaded).toMatch(/renderer[\\/]index\.html$/);
  });

  it('denies every permission and cancels every request that would reach a network', () => {
    const grant = vi.fn();
    (state.session.permissionRequest as (...a: unknown[]) => void)({}, 'media', grant);
    expect(grant).toHaveBeenCalledWith(false);
    expect((state.session.permissionCheck as () => boolean)()).toBe(false);
    expect(state.session.spellChecker).toBe(false);
    const decide = (url: string) => {
      let answer: unknown;
      (state.session.beforeRequest as (d: unknown, cb: (r: unknown) => void) => void)({ url }, (r) => (answer = r));
      return answer;
    };
    expect(decide('https://example.com/tracker.js')).toEqual({ cancel: true });
    expect(decide('http://localhost:5173/')).toEqual({ cancel: true });
    expect(decide(pathToFileURL('/etc/passwd').href)).toEqual({ cancel: true });
    expect(decide(pageUrl())).toEqual({ cancel: false });
  });

  it('adds the Content-Security-Policy header to every response', () => {
    let headers: Record<string, string[]> = {};
    (state.session.headersReceived as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)({ responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy'][0]).toMatch(/^default-src 'none'; script-src 'self';.*frame-ancestors 'none'$/);
  });

  it('stops navigation away from the page, new windows and webviews in any web contents', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    fake.electron.app.emit('web-contents-created', {}, contents);
    const navigate = { preventDefault: vi.fn() };
    contents.emit('will-navigate', navigate, 'https://example.com/');
    expect(navigate.preventDefault).toHaveBeenCalled();
    const reload = { preventDefault: vi.fn() };
    contents.emit('will-navigate', reload, pageUrl());
    expect(reload.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const openHandler = contents.setWindowOpenHandler.mock.calls[0][0] as (d: { url: string }) => unknown;
    expect(openHandler({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('registers one IPC handler per API method', async () => {
    const { API_METHODS } = await import('../../core/api.ts');
    expect([...state.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `pagewalk:${m}`).sort());
  });

  it('tells the page it is the desktop host, with the notice that progress was restored from the backup', async () => {
    const reply = await call('host');
    expect(reply.ok).toBe(true);
    const info = (reply as { value: { kind: string; notices: string[]; canImportPacks: boolean } }).value;
    expect(info.kind).toBe('electron');
    expect(info.canImportPacks).toBe(true);
    expect(info.notices.join('\n')).toMatch(/Your progress file could not be used .* restored from the backup/);
    expect(((await call('getProgress')) as { value: { packs: Record<string, unknown> } }).value.packs).toHaveProperty('p');
    expect(readdirSync(state.userData).some((f) => f.startsWith('progress.json.damaged-'))).toBe(true);
  });

  it('lists the built-in lessons shipped with the app', async () => {
    const reply = (await call('listPacks')) as { ok: true; value: { source: string; lessons: unknown[]; problems: string[] }[] };
    expect(reply.ok).toBe(true);
    const builtIn = reply.value.filter((p) => p.source === 'built-in');
    expect(builtIn.length).toBeGreaterThan(0);
    expect(builtIn[0].lessons.length).toBeGreaterThan(0);
    expect(builtIn[0].problems).toEqual([]);
    const system = reply.value.filter((p) => p.source === 'system');
    expect(system).toHaveLength(1);
    expect(system[0].problems[0]).toBe('policy.yaml:1:1: warning: is a link; links are not followed, so it is not read (put the file itself in the pack)');
  });

  it('enforces the classroom policy file in main: the sandbox is refused, with the reason', async () => {
    expect(await call('getPolicy')).toMatchObject({ ok: true, value: { allowSandbox: false, allowImport: true, source: join(dir, 'policy.json') } });
    expect(await call('openSandbox', 'classic-16')).toEqual({ ok: false, error: { kind: 'refused', message: 'the sandbox is turned off on this computer by its classroom policy' } });
    const menu = state.menu as { label: string; submenu: { label?: string; enabled?: boolean }[] }[];
    const view = menu.find((m) => m.label === '&View')!;
    expect(view.submenu.find((i) => i.label === 'Sandbox')?.enabled).toBe(false);
  });

  it('keeps settings across calls and on disk, and refuses bad arguments before anything runs', async () => {
    expect(await call('setSettings', { theme: 'high-contrast' })).toMatchObject({ ok: true, value: { theme: 'high-contrast' } });
    expect(await call('setSettings', { theme: 'neon' })).toMatchObject({ ok: false, error: { kind: 'bad-arguments' } });
    expect(await call('getSettings')).toMatchObject({ ok: true, value: { theme: 'high-contrast' } });
  });

  it('imports a real .pagewalk archive into the user packs folder, lists it, and removes it', async () => {
    const { packArchive } = await import('../../core/lessons/archive.ts');
    const { readPackFolder } = await import('../../electron/main/packs.ts');
    const example = readPackFolder(join(process.cwd(), 'docs', 'examples', 'pack'));
    const file = join(dir, 'first-steps.pagewalk');
    writeFileSync(file, packArchive(example.files));
    const reply = (await call('importPack', grantFor(file))) as { ok: true; value: { imported: { id: string; source: string; problems: string[] } | null; problems: string[] } };
    expect(reply.ok).toBe(true);
    expect(reply.value.problems).toEqual([]);
    expect(reply.value.imported).toMatchObject({ id: 'example.first-steps', source: 'user', problems: [] });
    expect(readdirSync(join(state.userData, 'packs'))).toEqual(['example.first-steps']);
    expect(await call('removePack', 'example.first-steps')).toEqual({ ok: true, value: null });
    expect(readdirSync(join(state.userData, 'packs'))).toEqual([]);
  });

  it('installs nothing from a hostile archive, and writes nothing outside the user packs folder', async () => {
    const { zipSync } = await import('fflate');
    const file = join(dir, 'evil.pagewalk');
    const enc = new TextEncoder();
    writeFileSync(file, zipSync({ 'pack.yaml': enc.encode('id: evil\n'), '../../escaped.yaml': enc.encode('x: 1\n') }));
    const before = readdirSync(dir).sort();
    const reply = (await call('importPack', grantFor(file))) as { ok: true; value: { imported: unknown; problems: string[] } };
    expect(reply.ok).toBe(true);
    expect(reply.value.imported).toBeNull();
    expect(reply.value.problems.length).toBeGreaterThan(0);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readdirSync(join(state.userData, 'packs'))).toEqual([]);
  });

  it('installs or previews only paths the learner chose: a path the page names itself is refused (issue 12, finding 5)', async () => {
    const { packArchive } = await import('../../core/lessons/archive.ts');
    const { readPackFolder } = await import('../../electron/main/packs.ts');
    const file = join(dir, 'sneaky.pagewalk');
    writeFileSync(file, packArchive(readPackFolder(join(process.cwd(), 'docs', 'examples', 'pack')).files));
    for (const forged of [file, 'grant:00000000000000000000000000000000/sneaky.pagewalk', `${grantFor(file).slice(0, -3)}abc`]) {
      expect(await call('importPack', forged)).toEqual({ ok: false, error: { kind: 'refused', message: expect.stringMatching(/opens only files and folders you chose in a dialog or dropped on its window/) } });
      expect(await call('openPreview', forged)).toMatchObject({ ok: false, error: { kind: 'refused' } });
    }
    expect(readdirSync(join(state.userData, 'packs'))).toEqual([]);
    // A grant is issued only to our own page.
    expect(grantFor(file, 'https://example.com/')).toBe('');
    const grant = grantFor(join(process.cwd(), 'docs', 'examples', 'pack'));
    expect(grant).toMatch(/^grant:[0-9a-f]{32}\/pack$/);
    expect(await call('openPreview', grant)).toMatchObject({ ok: true, value: { pack: { id: 'example.first-steps', source: 'preview' } } });
  });

  it('refuses calls from any frame that is not our page', async () => {
    const frame = { url: 'https://example.com/' };
    const reply = await state.handlers.get('pagewalk:getProgress')!({ senderFrame: frame, sender: { mainFrame: frame } });
    expect(reply).toEqual({ ok: false, error: { kind: 'untrusted-sender', message: 'this page is not allowed to use Pagewalk' } });
  });
});
