/*
 * Pagewalk's Electron main process: one window, locked down, hosting a PagewalkService.
 *
 * Started with a command line (`pagewalk validate os101.pagewalk`), it is the CLI instead:
 * cli-entry.ts runs the command and exits, and nothing below happens.
 *
 * Start-up, in order:
 *   1. single-instance lock (a second launch focuses the first window);
 *   2. classroom policy, then progress and settings (recovered from backups if damaged;
 *      what happened becomes HostInfo.notices for the page to show);
 *   3. the session: every permission denied, every request that is not one of the app's
 *      own files cancelled (the app makes no network request, ever), a strict CSP header;
 *   4. one IPC handler per API method (see ipc.ts), then the window and the menu.
 *
 * Every web contents ever created gets the same rules: no navigation away, no new
 * windows, no <webview>. The renderer runs sandboxed with context isolation and no Node.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type WebContents } from 'electron';
import Store from 'electron-store';
import { ServiceError } from '../../core/service.ts';
import type { ClassroomPolicy } from '../../core/api.ts';
import { GRANT_CHANNEL, MENU_CHANNEL, PACK_CHANGED_CHANNEL, type MenuCommand } from '../channels.ts';
import { PathGrants } from './grants.ts';
import { startCoreHost, type CoreThread } from './core-host.ts';
import { cliArguments, runCli } from './cli-entry.ts';
import { createDesktopHost, PolicyRefusal } from './host.ts';
import { createDispatcher, registerHandlers } from './ipc.ts';
import { identifyPack, readArchive } from './lessons.ts';
import { menuTemplate } from './menu.ts';
import { getLocale, onLocaleChange, resolveLocale, setLocale, t } from '../../core/i18n/index.ts';
import { systemPackFolders } from './packs.ts';
import { openDocument, PROGRESS_DOCUMENT, SANDBOX_DOCUMENT, SETTINGS_DOCUMENT, type JsonStoreFactory } from './persistence.ts';
import { loadPolicy, policyLocations } from './policy.ts';
import { PreviewWatcher } from './preview.ts';
import { CONTENT_SECURITY_POLICY_HEADER, isAllowedNavigation, isAllowedRequest, isOwnPage, type PageOrigin } from './security.ts';

const developing = !app.isPackaged && Boolean(process.env.ELECTRON_RENDERER_URL);
const rendererDir = join(__dirname, '../renderer');
const indexFile = join(rendererDir, 'index.html');
const page: PageOrigin = { rendererDir, devServer: developing ? (process.env.ELECTRON_RENDERER_URL ?? null) : null };

let mainWindow: BrowserWindow | null = null;

const log = (message: string, error?: unknown) => {
  if (error) console.error(`pagewalk: ${message}:`, error);
  else console.warn(`pagewalk: ${message}`);
};

// electron-store in the app; the same persistence logic runs on `conf` in the tests.
const electronStore: JsonStoreFactory = ({ name, cwd, schema, defaults }) =>
  // The schema is built from the zod schema at run time, so its static type cannot be spelled out here.
  new Store({ name, cwd, schema: schema as never, defaults, clearInvalidConfig: false });

/** Chromium features that could reach a network on their own, turned off before start. */
function quietChromium(): void {
  app.commandLine.appendSwitch('disable-background-networking');
  app.commandLine.appendSwitch('disable-component-update');
  app.commandLine.appendSwitch('disable-domain-reliability');
  app.commandLine.appendSwitch('disable-features', 'NetworkPrediction,AutofillServerCommunication,MediaRouter,OptimizationHints,Translate');
  app.enableSandbox();
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, grant) => grant(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false); // spell-check dictionaries are downloaded from the network
  ses.on('will-download', (event) => event.preventDefault());
  ses.webRequest.onBeforeRequest((details, respond) => {
    const allowed = isAllowedRequest(details.url, page);
    if (!allowed) log(`blocked a request to ${details.url.slice(0, 200)}`);
    respond({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, respond) => {
    respond({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER] } });
  });
}

/** The same rules for every web contents, including any the page might try to create. */
function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, indexFile, page)) {
      event.preventDefault();
      log(`blocked navigation to ${url.slice(0, 200)}`);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, indexFile, page)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked a new window for ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Pagewalk',
    backgroundColor: '#15171c',
    // Windows and macOS take the icon from the executable; Linux window managers need it here.
    icon: process.platform === 'linux' ? (app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(app.getAppPath(), 'resources', 'icon.png')) : undefined,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Middle-click would otherwise try to open links in a new window (denied anyway).
      disableBlinkFeatures: 'Auxclick',
      devTools: developing,
    },
  });
  window.once('ready-to-show', () => window.show());
  // If the page's process dies (out of memory, a GPU driver crash), bring it back rather
  // than leave a blank window: progress is saved in main after every step.
  let lastCrash = 0;
  window.webContents.on('render-process-gone', (_event, details) => {
    log(`the page stopped (${details.reason}, exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    const now = Date.now();
    if (now - lastCrash < 10_000) {
      dialog.showErrorBox(t('shell.dialog.crashedTwice.title'), t('shell.dialog.crashedTwice.body'));
      return;
    }
    lastCrash = now;
    window.reload();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  if (page.devServer) void window.loadURL(page.devServer);
  else void window.loadFile(indexFile);
  return window;
}

/**
 * The core's thread: out/main/core-thread.js in the built app (Electron loads worker
 * threads from inside app.asar since electron/electron#33216, so the ASAR integrity check
 * covers it); from source, as the unit tests run main, the TypeScript entry through tsx.
 */
function spawnCoreThread(policy: ClassroomPolicy): CoreThread {
  const built = join(__dirname, 'core-thread.js');
  const workerData = { policy };
  const source = JSON.stringify(join(__dirname, 'core-thread-main.ts'));
  if (existsSync(built)) return new Worker(built, { workerData, name: 'pagewalk-core' });
  return new Worker(`require('tsx/cjs'); require(${source});`, { eval: true, workerData, name: 'pagewalk-core' });
}

function send(channel: string, payload: MenuCommand | string): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  // PAGEWALK_POLICY_FILE and PAGEWALK_SYSTEM_PACKS are for development and tests only.
  const overridable = !app.isPackaged;
  // Main's own texts (menus, dialogs, start-up notices) in the learner's language, as far as it is
  // known at each point: the computer's for the policy's notices, the policy's preset for the
  // settings file's own, the learner's choice (in that file) for everything after it. The page
  // tells us of later changes (setLocale below).
  const system = app.getPreferredSystemLanguages();
  setLocale(resolveLocale({ system }));
  const { policy, notices: policyNotices } = loadPolicy(policyLocations(process.platform, process.env, overridable));
  setLocale(resolveLocale({ policy: policy.language, system }));
  const settings = openDocument(SETTINGS_DOCUMENT, userData, electronStore);
  setLocale(resolveLocale({ chosen: settings.document.get().language, policy: policy.language, system }));
  const progress = openDocument(PROGRESS_DOCUMENT, userData, electronStore);
  const sandbox = openDocument(SANDBOX_DOCUMENT, userData, electronStore);
  const notices = [...policyNotices, ...progress.notices, ...settings.notices, ...sandbox.notices];
  for (const n of notices) log(n);

  lockDownSession();
  app.on('web-contents-created', (_event, contents) => guardContents(contents));

  // Paths the page may name are grants for what the learner dropped or previewed (grants.ts).
  const grants = new PathGrants();
  const preview = new PreviewWatcher((folder) => send(PACK_CHANGED_CHANNEL, grants.issue(folder)));
  const resourceRoot = app.isPackaged ? process.resourcesPath : app.getAppPath();
  const host = createDesktopHost({
    version: app.getVersion(),
    places: {
      builtinPacks: join(resourceRoot, 'lessons'),
      systemPacks: systemPackFolders(process.platform, process.env, overridable),
      userPacks: join(userData, 'packs'),
    },
    policy,
    notices,
    progress: progress.document,
    settings: settings.document,
    sandbox: sandbox.document,
    preview,
    grants,
    readArchive,
    identifyPack,
    log,
    dialogs: {
      async chooseArchive() {
        const options = { title: t('shell.dialog.import.title'), properties: ['openFile' as const], filters: [{ name: t('shell.dialog.import.filter'), extensions: ['pagewalk'] }] };
        const r = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      async chooseFolder() {
        const options = { title: t('shell.dialog.preview.title'), properties: ['openDirectory' as const] };
        const r = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      async chooseSaveTarget(suggestedName) {
        const name = suggestedName.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_');
        const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
        const options = {
          title: t('shell.dialog.save.title'),
          defaultPath: join(app.getPath('documents'), name),
          filters: extension ? [{ name: t('shell.dialog.save.fileType', { extension: extension.toUpperCase() }), extensions: [extension] }, { name: t('shell.dialog.save.allFiles'), extensions: ['*'] }] : [],
        };
        const r = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return r.canceled ? null : (r.filePath ?? null);
      },
    },
  });
  // The core runs in a worker thread: a long step never freezes the window, and a
  // watchdog ends one that never finishes (core-host.ts).
  const isRefusal = (e: unknown) => e instanceof ServiceError || e instanceof PolicyRefusal;
  const service = startCoreHost({ spawn: () => spawnCoreThread(policy), host, isRefusal, log, locale: getLocale() });
  app.on('will-quit', () => void service.stop());

  const dispatch = createDispatcher(service, {
    isOwnPage: (url) => isOwnPage(url, indexFile, page),
    isRefusal,
    log,
  });
  // The preload asks for a grant when the page reads a dropped file's path (webUtils gives
  // a path only for a real dropped file, never for one the page made up).
  ipcMain.on(GRANT_CHANNEL, (event, path: unknown) => {
    const frame = event.senderFrame;
    const trusted = frame !== null && frame === event.sender.mainFrame && isOwnPage(frame.url, indexFile, page);
    event.returnValue = trusted && typeof path === 'string' && path.length > 0 && path.length <= 4096 ? grants.issue(path) : '';
  });
  registerHandlers((channel, method) => {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      const frame = event.senderFrame;
      const reply = dispatch(method, args, { url: frame?.url ?? '', isMainFrame: frame !== null && frame === event.sender.mainFrame });
      if (method === 'setLocale') void reply.then((r) => r.ok && setLocale(String(r.value)));
      return reply;
    });
  });

  const installMenu = () => Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(policy, {
        send: (command) => send(MENU_CHANNEL, command),
        about: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: t('shell.about.title'),
            message: t('shell.about.message', { version: app.getVersion() }),
            detail: t('shell.about.detail'),
          }),
        isMac: process.platform === 'darwin',
        developing,
      }),
    ),
  );
  installMenu();
  onLocaleChange(installMenu);

  mainWindow = createWindow();
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createWindow();
  });
}

const cli = cliArguments(process.argv, Boolean(process.defaultApp));
if (cli) {
  // The command line: no window, no lock (the app may be open meanwhile), no progress touched.
  runCli(cli, (code) => app.exit(code));
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  quietChromium();
  if (process.platform === 'win32') app.setAppUserModelId('org.pagewalk.app'); // taskbar grouping; matches appId in electron-builder.yml
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      log('could not start', e);
      dialog.showErrorBox(t('shell.dialog.startFailed.title'), t('shell.dialog.startFailed.body', { message: (e as Error).message ?? String(e) }));
      app.exit(1);
    });
}
