// The IPC boundary and the window's security rules: only our own page may call the API,
// every argument is checked before the service runs, failures come back as messages, and
// nothing may be fetched from a network.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { API_METHODS, type PagewalkApi } from '../../core/api.ts';
import { createDispatcher, ipcChannel, registerHandlers, type Sender } from '../../electron/main/ipc.ts';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER, isAllowedNavigation, isAllowedRequest, isOwnPage } from '../../electron/main/security.ts';

const rendererDir = join('/opt', 'Pagewalk', 'resources', 'app.asar', 'out', 'renderer');
const indexFile = join(rendererDir, 'index.html');
const page = { rendererDir, devServer: null };
/** Stands in for core/service.ts's ServiceError: the service refusing something in plain words. */
class ServiceError extends Error {}

const ours: Sender = { url: `${pathToFileURL(indexFile).href}#/library`, isMainFrame: true };

function fakeApi(overrides: Partial<PagewalkApi> = {}): PagewalkApi {
  const api: Partial<PagewalkApi> = {};
  for (const m of API_METHODS) (api as Record<string, unknown>)[m] = vi.fn(async () => ({ called: m }));
  return { ...api, ...overrides } as PagewalkApi;
}

describe('IPC dispatch', () => {
  const dispatcherFor = (api: PagewalkApi, log = vi.fn()) => createDispatcher(api, { isOwnPage: (url) => isOwnPage(url, indexFile, page), isRefusal: (e) => e instanceof ServiceError, log });

  it('runs a valid call from our page and returns its value', async () => {
    const api = fakeApi();
    const reply = await dispatcherFor(api)('goToStep', ['s1', 3], ours);
    expect(reply).toEqual({ ok: true, value: { called: 'goToStep' } });
    expect(api.goToStep).toHaveBeenCalledWith('s1', 3);
  });

  it('turns undefined into null so the reply survives structured cloning unchanged', async () => {
    const reply = await dispatcherFor(fakeApi({ closeSession: async () => undefined }))('closeSession', ['s1'], ours);
    expect(reply).toEqual({ ok: true, value: null });
  });

  it.each([
    ['goToStep', ['s1', -1]],
    ['goToStep', ['s1', 1.5]],
    ['goToStep', ['s1']],
    ['openLesson', ['pack', 'lesson', 'extra']],
    ['setSettings', [{ fontSize: 400 }]],
    ['setSettings', [{ theme: 'neon' }]],
    ['setSettings', [{ __proto__: { polluted: true }, evil: 1 }]],
    ['answerQuiz', ['s1', { kind: 'number', value: Number.POSITIVE_INFINITY }]],
    ['importPack', [42]],
    ['saveFile', ['', 'content']],
    ['host', 'not-an-array'],
  ] as const)('refuses %s(%j) before the service sees it', async (method, args) => {
    const api = fakeApi();
    const reply = await dispatcherFor(api)(method, args, ours);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.kind).toBe('bad-arguments');
      expect(reply.error.message).toMatch(new RegExp(`^bad arguments to ${method}: `));
    }
    expect(api[method]).not.toHaveBeenCalled();
  });

  it('refuses an unknown method', async () => {
    const reply = await dispatcherFor(fakeApi())('deleteEverything' as never, [], ours);
    expect(reply).toEqual({ ok: false, error: { kind: 'bad-arguments', message: 'unknown method "deleteEverything"' } });
  });

  it.each([
    ['another file', { url: pathToFileURL('/home/someone/evil.html').href, isMainFrame: true }],
    ['a web page', { url: 'https://example.com/', isMainFrame: true }],
    ['an iframe inside our page', { ...ours, isMainFrame: false }],
    ['a data: URL', { url: 'data:text/html,<script>1</script>', isMainFrame: true }],
  ])('refuses calls from %s', async (_name, sender) => {
    const api = fakeApi();
    const reply = await dispatcherFor(api)('listPacks', [], sender);
    expect(reply).toEqual({ ok: false, error: { kind: 'untrusted-sender', message: 'this page is not allowed to use Pagewalk' } });
    expect(api.listPacks).not.toHaveBeenCalled();
  });

  it('returns what the service refused as a message, and a crash as a one-line message without a stack', async () => {
    const refusing = fakeApi({ openSandbox: async () => Promise.reject(new ServiceError('the sandbox is turned off on this computer by its classroom policy')) });
    expect(await dispatcherFor(refusing)('openSandbox', ['classic-16'], ours)).toEqual({
      ok: false,
      error: { kind: 'refused', message: 'the sandbox is turned off on this computer by its classroom policy' },
    });
    const log = vi.fn();
    const crashing = fakeApi({ listPacks: async () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')\n    at foo (/src/x.ts:1:1)")) });
    const reply = await dispatcherFor(crashing, log)('listPacks', [], ours);
    expect(reply).toEqual({ ok: false, error: { kind: 'failed', message: "listPacks failed: Cannot read properties of undefined (reading 'x')" } });
    expect(log).toHaveBeenCalled();
  });

  it('registers exactly one handler per API method', () => {
    const channels: string[] = [];
    registerHandlers((channel) => channels.push(channel));
    expect(channels).toEqual(API_METHODS.map(ipcChannel));
    expect(new Set(channels).size).toBe(API_METHODS.length);
  });
});

describe('window security rules', () => {
  it('lets the page load only its own files and in-memory content', () => {
    expect(isAllowedRequest(pathToFileURL(join(rendererDir, 'assets', 'index.js')).href, page)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', page)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', page)).toBe(true);
    expect(isAllowedRequest(pathToFileURL('/etc/passwd').href, page)).toBe(false);
    expect(isAllowedRequest(pathToFileURL(join(rendererDir, '..', 'main', 'index.js')).href, page)).toBe(false);
    expect(isAllowedRequest(`file://${rendererDir}/../../../../etc/passwd`, page)).toBe(false);
  });

  it('blocks every network request in production, and all but the dev server while developing', () => {
    for (const url of ['https://example.com/x.js', 'http://127.0.0.1:5173/', 'ws://localhost:5173/', 'ftp://x/', 'chrome-extension://abc/x', 'not a url']) {
      expect(isAllowedRequest(url, page), url).toBe(false);
    }
    const dev = { rendererDir, devServer: 'http://localhost:5173' };
    expect(isAllowedRequest('http://localhost:5173/src/main.ts', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:8080/', dev)).toBe(false);
    expect(isAllowedRequest('https://fonts.example.com/a.woff', dev)).toBe(false);
  });

  it('allows no navigation except to our own page', () => {
    expect(isAllowedNavigation(pathToFileURL(indexFile).href, indexFile, page)).toBe(true);
    expect(isAllowedNavigation('https://example.com', indexFile, page)).toBe(false);
    expect(isAllowedNavigation(pathToFileURL(join(rendererDir, 'other.html')).href, indexFile, page)).toBe(false);
  });

  it('has a strict Content-Security-Policy: scripts only from the app, nothing remote, no plugins', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY_HEADER.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|unsafe-eval|\*/);
  });
});
