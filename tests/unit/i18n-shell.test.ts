// The shell in other languages (issue 13): the Electron main process (menu, dialogs, notices,
// the core thread's restart) and the pagewalk command line run as real processes, in
// Spanish, German and Chinese, with English unchanged.
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { setLocale } from '../../core/i18n/index.ts';
import { menuTemplate } from '../../electron/main/menu.ts';
import { startCoreHost, type CoreMessage, type CoreThread, type MainMessage } from '../../electron/main/core-host.ts';
import { parsePolicy } from '../../electron/main/policy.ts';
import { openDocument, PROGRESS_DOCUMENT, type JsonStoreFactory } from '../../electron/main/persistence.ts';
import { helpText } from '../../core/cli/main.ts';
import { cliArguments } from '../../electron/main/cli-entry.ts';
import type { DesktopHost } from '../../electron/main/host.ts';
import type { ClassroomPolicy } from '../../core/api.ts';

const fake = vi.hoisted(() => {
  // The few parts of Electron's main-process API index.ts touches, recording what it asked for.
  const { EventEmitter: Emitter } = process.getBuiltinModule('node:events') as typeof import('node:events');
  const state = {
    userData: '',
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    menu: null as MenuItemConstructorOptions[] | null,
    openDialogs: [] as Record<string, unknown>[],
    messageBoxes: [] as Record<string, unknown>[],
    loaded: '',
  };
  class BrowserWindow extends Emitter {
    webContents = Object.assign(new Emitter(), { send: () => {} });
    loadFile(file: string) {
      state.loaded = file;
      return Promise.resolve();
    }
    loadURL(url: string) {
      state.loaded = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
  }
  const electron = {
    app: Object.assign(new Emitter(), {
      isPackaged: false,
      commandLine: { appendSwitch: () => {} },
      enableSandbox: () => {},
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      getPath: (name: string) => (name === 'userData' ? state.userData : (process.getBuiltinModule('node:os') as typeof import('node:os')).tmpdir()),
      getAppPath: () => process.cwd(),
      getVersion: () => '0.1.0',
      // A computer set to Spanish (Spain): main starts in Spanish.
      getPreferredSystemLanguages: () => ['es-ES', 'en-US'],
      quit: () => {},
      exit: () => {},
    }),
    BrowserWindow,
    session: {
      defaultSession: Object.assign(new Emitter(), {
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
        setDevicePermissionHandler: () => {},
        setSpellCheckerEnabled: () => {},
        webRequest: { onBeforeRequest: () => {}, onHeadersReceived: () => {} },
      }),
    },
    ipcMain: { handle: (channel: string, f: (event: unknown, ...args: unknown[]) => unknown) => void state.handlers.set(channel, f), on: () => {} },
    dialog: {
      showOpenDialog: async (...a: unknown[]) => {
        state.openDialogs.push(a[a.length - 1] as Record<string, unknown>);
        return { canceled: true, filePaths: [] };
      },
      showSaveDialog: async () => ({ canceled: true }),
      showMessageBox: async (options: Record<string, unknown>) => {
        state.messageBoxes.push(options);
        return {};
      },
      showErrorBox: (title: string, message: string) => {
        throw new Error(`${title}: ${message}`);
      },
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: MenuItemConstructorOptions[]) => void (state.menu = m) },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
vi.mock('electron-store', () => import('../fixtures/electron-store.ts'));

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'pagewalk.mjs');
const OSTEP = join(ROOT, 'tests', 'fixtures', 'ostep');

/** `pagewalk …` as a user runs it, with only the language variables we give (the machine's own LANG left out). */
function pagewalk(args: string[], env: Record<string, string> = {}, extra: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['LANG', 'LANGUAGE', 'LC_ALL', 'LC_MESSAGES'].includes(k)));
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...clean, ...env, ...extra } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const labels = (items: MenuItemConstructorOptions[]): string[] => items.flatMap((i) => [...(i.label ? [i.label] : []), ...(Array.isArray(i.submenu) ? labels(i.submenu) : [])]);

describe('the application menu', () => {
  afterEach(() => void setLocale('en'));
  const policy: ClassroomPolicy = { allowImport: true, allowSandbox: false, allowAuthorPreview: true, source: 'test' };
  const actions = { send: () => {}, about: () => {}, isMac: false, developing: false };

  it('is in German, every item and role labelled, with its mnemonics', () => {
    setLocale('de');
    const menu = menuTemplate(policy, actions);
    expect(menu.map((m) => m.label)).toEqual(['&Datei', '&Bearbeiten', '&Ansicht', '&Hilfe']);
    expect(labels(menu)).toEqual(expect.arrayContaining(['Lektionspaket importieren …', 'Rückgängig', 'Ausschneiden', 'Alles auswählen', 'Bibliothek', 'Sandbox', 'Fortschritt', 'Einstellungen', 'Vergrößern', 'Tastenkürzel', 'Über Pagewalk', 'Beenden']));
    // Nothing is left to Electron's English role labels.
    const roles = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => items.flatMap((i) => [...(i.role ? [i] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
    for (const item of roles(menu)) expect(item.label, item.role).toBeTruthy();
    // Disabled by the policy, not hidden: the sandbox item is there in German too.
    const view = menu[2].submenu as MenuItemConstructorOptions[];
    expect(view.find((i) => i.label === 'Sandbox')?.enabled).toBe(false);
  });

  it('is in Simplified Chinese, with the Windows-style (&F) mnemonics, and on a Mac with its app menu', () => {
    setLocale('zh-CN');
    const menu = menuTemplate(policy, { ...actions, isMac: true });
    expect(menu.map((m) => m.label)).toEqual(['Pagewalk', '文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    expect(labels(menu)).toEqual(expect.arrayContaining(['关于 Pagewalk', '隐藏 Pagewalk', '退出 Pagewalk', '导入课程包…', '预览课程包文件夹…', '课程库', '沙盒', '学习进度', '设置', '键盘快捷键', '关闭窗口']));
  });

  it('is unchanged in English', () => {
    const menu = menuTemplate(policy, actions);
    expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(labels(menu)).toEqual(expect.arrayContaining(['Import Lesson Pack…', 'Preview Pack Folder…', 'Library', 'Keyboard Shortcuts', 'About Pagewalk']));
  });
});

describe('the main process on a Spanish computer', () => {
  let dir: string;
  const { state } = fake;
  const call = async (method: string, ...args: unknown[]) => {
    const url = `${pathToFileURL(state.loaded).href}#/library`;
    const frame = { url };
    return (await state.handlers.get(`pagewalk:${method}`)!({ senderFrame: frame, sender: { mainFrame: frame } }, ...args)) as { ok: boolean; value?: unknown; error?: { message: string } };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pagewalk-i18n-shell-'));
    state.userData = join(dir, 'userData');
    mkdirSync(state.userData);
    vi.stubEnv('PAGEWALK_POLICY_FILE', join(dir, 'no-policy.json'));
    vi.stubEnv('PAGEWALK_SYSTEM_PACKS', join(dir, 'system'));
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    await import('../../electron/main/index.ts');
    await vi.waitFor(() => expect(state.loaded).not.toBe(''));
  });

  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds its menu in Spanish, and the About dialog speaks Spanish', () => {
    const menu = state.menu!;
    expect(menu.map((m) => m.label)).toEqual(['&Archivo', '&Edición', '&Ver', 'Ay&uda']);
    const help = menu[3].submenu as MenuItemConstructorOptions[];
    const about = help.find((i) => i.label === 'Acerca de Pagewalk')!;
    (about.click as () => void)();
    expect(state.messageBoxes.at(-1)).toMatchObject({ title: 'Acerca de Pagewalk', message: 'Pagewalk 0.1.0' });
    expect(state.messageBoxes.at(-1)!.detail).toBe('Aprende gestión de memoria prediciendo lo que harán la MMU y el núcleo.\n\nPagewalk funciona completamente sin conexión y nunca se conecta a una red.');
  });

  it('asks for a pack to import with a Spanish dialog (title and file filter)', async () => {
    const reply = await call('importPack', null);
    expect(reply.ok).toBe(true);
    expect(state.openDialogs.at(-1)).toMatchObject({ title: 'Importar un paquete de lecciones', filters: [{ name: 'Paquete de lecciones de Pagewalk', extensions: ['pagewalk'] }] });
  }, 60_000);

  it('rebuilds the menu in German when the learner switches language in Settings', async () => {
    const reply = await call('setLocale', 'de');
    expect(reply).toMatchObject({ ok: true, value: 'de' });
    await vi.waitFor(() => expect(state.menu!.map((m) => m.label)).toEqual(['&Datei', '&Bearbeiten', '&Ansicht', '&Hilfe']));
    const reply2 = await call('openPreview', null);
    expect(reply2.ok).toBe(true);
    expect(state.openDialogs.at(-1)).toMatchObject({ title: 'Ordner eines Lektionspakets für die Vorschau öffnen' });
    await call('setLocale', 'es');
  }, 60_000);
});

describe('notices main writes', () => {
  afterEach(() => void setLocale('en'));
  it('a classroom policy problem, in Spanish and German, the English unchanged', () => {
    setLocale('es');
    expect(parsePolicy('{"allowImport": "no"}', '/etc/pagewalk/policy.json').notices[0]).toBe('En el archivo de política del aula /etc/pagewalk/policy.json, "allowImport" debería ser true o false (hay "no"), así que se toma como false.');
    setLocale('de');
    expect(parsePolicy('[1]', 'C:\\ProgramData\\Pagewalk\\policy.json').notices[0]).toBe('Die Klassenraum-Richtlinie C:\\ProgramData\\Pagewalk\\policy.json sollte ein JSON-Objekt wie {"allowImport": false} enthalten. Pakete importieren, die Sandbox und die Autorenvorschau sind ausgeschaltet, bis die IT das behebt.');
    setLocale('en');
    expect(parsePolicy('[1]', 'p.json').notices[0]).toBe('The classroom policy file p.json should hold a JSON object such as {"allowImport": false}. Importing packs, the sandbox and author preview are turned off until IT fixes it.');
  });

  it('a damaged progress file restored from the backup, in Chinese', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pagewalk-i18n-notice-'));
    try {
      writeFileSync(join(dir, 'progress.json'), '{"schemaVersion":1,"data":{"vers');
      writeFileSync(join(dir, 'progress.json.bak'), JSON.stringify({ schemaVersion: 1, data: { version: 1, packs: {} } }));
      const memoryStore: JsonStoreFactory = ({ name, cwd, defaults }) => ({ store: defaults, path: join(cwd, `${name}.json`) }) as unknown as ReturnType<JsonStoreFactory>;
      setLocale('zh-CN');
      const { notices } = openDocument(PROGRESS_DOCUMENT, dir, memoryStore);
      expect(notices[0]).toMatch(/^学习进度文件无法使用（不是有效的 JSON（.*）），已从.*制作的备份中恢复。无法使用的文件已保留在 .*progress\.json\.damaged-/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the core thread restarted by the watchdog', () => {
  afterEach(() => void setLocale('en'));
  /** A stand-in thread that records what main posts to it and answers every call at once. */
  function fakeThread(posted: MainMessage[]): CoreThread & { emitter: EventEmitter } {
    const emitter = new EventEmitter();
    const thread = {
      emitter,
      postMessage(m: MainMessage) {
        posted.push(m);
        if (m.kind === 'call') queueMicrotask(() => emitter.emit('message', { kind: 'reply', id: m.id, ok: true, value: m.method === 'setLocale' ? m.args[0] : null } satisfies CoreMessage));
      },
      on(event: string, listener: (...a: unknown[]) => void) {
        emitter.on(event, listener);
        return thread;
      },
      terminate: async () => 0,
    };
    queueMicrotask(() => emitter.emit('message', { kind: 'hello' }));
    return thread as CoreThread & { emitter: EventEmitter };
  }

  it('is given the learner’s language before anything else, and main’s own at the very start', async () => {
    const threads: { posted: MainMessage[]; thread: ReturnType<typeof fakeThread> }[] = [];
    const host = { hooks: { info: () => ({}) } } as unknown as DesktopHost;
    const core = startCoreHost({
      spawn: () => {
        const posted: MainMessage[] = [];
        const thread = fakeThread(posted);
        threads.push({ posted, thread });
        return thread;
      },
      host,
      isRefusal: () => false,
      log: () => {},
      locale: 'es',
    });
    await core.getProgress();
    expect(threads[0].posted.map((m) => m.kind === 'call' && [m.method, m.args])).toEqual([['setLocale', ['es']], ['getProgress', []]]);
    await core.setLocale('zh-CN');
    // The thread dies (out of memory, the watchdog): the next call starts a fresh one, in Chinese.
    threads[0].thread.emitter.emit('exit', 1);
    await core.getProgress();
    expect(threads).toHaveLength(2);
    expect(threads[1].posted.map((m) => m.kind === 'call' && [m.method, m.args])).toEqual([['setLocale', ['zh-CN']], ['getProgress', []]]);
    await core.stop();
  });

  it('fails the calls in flight with words in the learner’s language', async () => {
    setLocale('de');
    let thread: ReturnType<typeof fakeThread> | null = null;
    const core = startCoreHost({
      spawn: () => {
        const posted: MainMessage[] = [];
        thread = fakeThread(posted);
        thread.postMessage = (m) => void posted.push(m); // never answers
        return thread;
      },
      host: { hooks: { info: () => ({}) } } as unknown as DesktopHost,
      isRefusal: () => false,
      log: () => {},
    });
    const pending = core.getProgress();
    thread!.emitter.emit('exit', 137);
    await expect(pending).rejects.toThrow('Der Simulator wurde unerwartet beendet (Exit-Code 137) und startet neu; öffne die Lektion erneut, um weiterzumachen (dein gespeicherter Fortschritt bleibt erhalten).');
  });
});

describe('the installed app as the command line', () => {
  it('takes --lang before the command, and still opens the app for a bare --lang', () => {
    expect(cliArguments(['/opt/Pagewalk/pagewalk', '--lang', 'de', 'validate', 'os101.pagewalk'], false)).toEqual(['--lang', 'de', 'validate', 'os101.pagewalk']);
    expect(cliArguments(['/opt/Pagewalk/pagewalk', '--no-sandbox', '--lang=zh-CN', '--help'], false)).toEqual(['--lang=zh-CN', '--help']);
    expect(cliArguments(['/opt/Pagewalk/pagewalk', '--lang', 'es'], false)).toBeNull();
  });
});

describe('pagewalk in other languages (real processes)', () => {
  it('pagewalk --lang de --help prints the German help, from the prepared text and from the bundle alike', () => {
    const prepared = pagewalk(['--lang', 'de', '--help']);
    expect(prepared.code).toBe(0);
    expect(prepared.err).toBe('');
    expect(prepared.out).toMatch(/^pagewalk – der Speicherverwaltungs-Simulator Pagewalk\n\nAufruf: pagewalk BEFEHL \[Optionen\]/);
    expect(prepared.out).toContain('  refstring   Seitenersetzungs-Experiment mit einer Referenzfolge\n');
    expect(prepared.out).toContain('  validate    ein Lektionspaket prüfen (Ordner oder .pagewalk-Archiv)\n');
    // The prepared file is exactly what the command line itself prints in German.
    expect(prepared.out).toBe(helpText('de'));
    expect(pagewalk(['--lang', 'de', '--help'], {}, { PAGEWALK_CLI_SOURCE: '1' }).out).toBe(prepared.out);
    // By the environment, and `pagewalk` alone (exit 2), in Chinese.
    const zh = pagewalk([], { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(2);
    expect(zh.out).toMatch(/^pagewalk — Pagewalk 内存管理模拟器\n\n用法：pagewalk 命令 \[选项\]/);
    expect(readFileSync(join(ROOT, 'out', 'cli', 'help.es.txt'), 'utf8')).toBe(helpText('es'));
  }, 60_000);

  it('LANG=es_ES.UTF-8 pagewalk refstring prints the result line and the table in Spanish, with Spanish numbers', () => {
    const r = pagewalk(['refstring', '1,2,3,4,1,2,5,1,2,3,4,5', '--frames', '3', '--policy', 'fifo'], { LANG: 'es_ES.UTF-8' });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('FIFO, 3 marcos: 9 fallos, 3 aciertos (tasa de aciertos 25,0\u00a0%)');
    expect(lines[1]).toBe('  ref  resultado  expulsada   marcos');
    expect(lines[2]).toBe('    1  FALLO      -           [1 - -]');
    expect(lines[9]).toBe('    1  acierto    -           [5 1 2]');
    // JSON stays machine-readable and the same in every language.
    const json = pagewalk(['refstring', '1,2,3,1', '--frames', '2', '--json'], { LANG: 'es_ES.UTF-8' });
    expect(json.out).toBe(pagewalk(['refstring', '1,2,3,1', '--frames', '2', '--json']).out);
    expect(JSON.parse(json.out)).toMatchObject({ policy: 'fifo', faults: 4, hits: 0 });
  }, 60_000);

  it('a mistake on the command line in Chinese: the message, the usage in Chinese and exit status 2', () => {
    const r = pagewalk(['--lang', 'zh-CN', 'refstring', '1,2', '--frames', '0']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^pagewalk refstring: --frames 必须是不小于 1 的整数\n\npagewalk refstring \[PAGES/);
    expect(r.err).toContain('最多 20,000,000 个');
    const missing = pagewalk(['run', '/nonexistent/scenario.yaml'], { LC_ALL: 'zh_CN.UTF-8' });
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^pagewalk run: \/nonexistent\/scenario\.yaml：文件不存在\n/);
    const unknown = pagewalk(['--lang', 'de', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^pagewalk: unbekannter Befehl "frobnicate"\n\npagewalk – der Speicherverwaltungs-Simulator/);
  }, 60_000);

  it('pagewalk run counts in German; pagewalk ostep poses the homework in Spanish, and in English byte for byte as the Python', () => {
    const run = pagewalk(['--lang', 'de', 'run', join(ROOT, 'docs', 'examples', 'swapping.yaml')]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/\n\d+ Zugriffe: TLB \d+ Treffer \/ \d+ Fehlschl(ag|äge); \d+ Seitenfehler; \d+ COW-Kopie(n)?; \d+ Auslagerung(en)?, \d+ Einlagerung(en)?; \d+ Seitenrahmen frei\n$/);
    const [command, ...python] = readFileSync(join(OSTEP, 'paging-linear-s1-c.txt'), 'utf8').split('\n');
    expect(command).toBe('# python3 vm-paging/paging-linear-translate.py -s 1 -c');
    expect(pagewalk(['ostep', 'linear', '-s', '1', '-c'], { LANG: 'en_US.UTF-8' }).out).toBe(python.join('\n'));
    const es = pagewalk(['--lang', 'es', 'ostep', 'linear', '-s', '1', '-c']);
    expect(es.code).toBe(0);
    expect(es.out).toContain('El formato de la tabla de páginas es sencillo:\n');
    expect(es.out).toContain('Traza de direcciones virtuales\n  VA 0x00001cc4 (decimal:     7364) --> 0000ccc4 (decimal    52420) [VPN 1]\n');
    expect(es.out).toContain('  VA 0x000029b3 (decimal:    10675) -->  No válida (la VPN 2 no es válida)\n');
    // The same page table and answers as in English: only the words change.
    expect(es.out.split('\n').filter((l) => /^ {2}0x[0-9a-f]{8}$/.test(l))).toEqual(python.filter((l) => /^ {2}0x[0-9a-f]{8}$/.test(l)));
  }, 60_000);

  it('English output is unchanged: the help, a usage error and the refstring line', () => {
    expect(pagewalk(['--help'], { LANG: 'en_GB.UTF-8' }).out).toBe(helpText('en'));
    expect(helpText('en')).toMatch(/^pagewalk — the Pagewalk memory-management simulator\n\nUsage: pagewalk COMMAND \[options\]/);
    expect(pagewalk(['refstring', '1,2,3,4,1,2,5,1,2,3,4,5', '--frames', '3', '--summary']).out).toBe('FIFO, 3 frames: 9 faults, 3 hits (hit ratio 25.0%)\n');
    const bad = pagewalk(['refstring', '1,2', '--frames', '0'], { LANG: 'C.UTF-8' });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^pagewalk refstring: --frames must be a whole number of at least 1\n/);
  }, 60_000);
});
