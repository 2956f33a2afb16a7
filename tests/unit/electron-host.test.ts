// The desktop host behind PagewalkService: importing and removing packs, author preview,
// saving files, storage that never fails silently, and the classroom policy enforced in
// the main process whatever the page asks for.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY, type ClassroomPolicy } from '../../core/api.ts';
import { createDesktopHost, PolicyRefusal, type DesktopHostOptions, type Dialogs } from '../../electron/main/host.ts';
import type { FileMap } from '../../electron/main/packs.ts';
import { openDocument, PROGRESS_DOCUMENT, SANDBOX_DOCUMENT, SETTINGS_DOCUMENT, type JsonStoreFactory } from '../../electron/main/persistence.ts';
import { PagewalkService } from '../../core/service.ts';
import { PreviewWatcher } from '../../electron/main/preview.ts';

const confStore: JsonStoreFactory = ({ name, cwd, schema, defaults }) => new Conf({ configName: name, cwd, schema: schema as never, defaults }) as unknown as ReturnType<JsonStoreFactory>;

let dir: string;
let watcher: PreviewWatcher;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pagewalk-host-'));
  watcher = new PreviewWatcher(() => {}, 20);
});
afterEach(() => {
  watcher.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A fake archive format for these tests: JSON of [path, text] pairs (the real one is a zip, read by the lesson engine). */
const readArchive = (bytes: Uint8Array) => ({ files: new Map(JSON.parse(new TextDecoder().decode(bytes)) as [string, string][]) as FileMap, problems: [] });
const identifyPack = (files: FileMap) => {
  const manifest = files.get('pack.yaml');
  const id = typeof manifest === 'string' ? /^id: (.+)$/m.exec(manifest)?.[1] ?? null : null;
  return id ? { id, errors: [] } : { id: null, errors: ['pack.yaml:1:1: error: the manifest is missing'] };
};

function host(overrides: Partial<DesktopHostOptions> = {}, dialogs: Partial<Dialogs> = {}) {
  const userData = join(dir, 'userData');
  mkdirSync(userData, { recursive: true });
  const options: DesktopHostOptions = {
    version: '0.1.0',
    places: { builtinPacks: join(dir, 'builtin'), systemPacks: [join(dir, 'system')], userPacks: join(userData, 'packs') },
    policy: { ...DEFAULT_POLICY },
    notices: [],
    progress: openDocument(PROGRESS_DOCUMENT, userData, confStore).document,
    settings: openDocument(SETTINGS_DOCUMENT, userData, confStore).document,
    dialogs: { chooseArchive: async () => null, chooseFolder: async () => null, chooseSaveTarget: async () => null, ...dialogs },
    readArchive,
    identifyPack,
    preview: watcher,
    log: () => {},
    ...overrides,
  };
  return { ...createDesktopHost(options), options };
}

function archive(name: string, entries: [string, string][]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(entries));
  return path;
}

const locked: ClassroomPolicy = { allowImport: false, allowSandbox: false, allowAuthorPreview: false, source: '/etc/pagewalk/policy.json' };

describe('importing a pack', () => {
  it('installs a dropped .pagewalk file into the user packs folder, and lists it as a user pack', async () => {
    const h = host();
    const file = archive('os101.pagewalk', [['pack.yaml', 'id: school.os101\n'], ['lessons/a.yaml', 'title: A\n']]);
    const r = await h.hooks.importPack!(file);
    expect(r).toEqual({ location: join(h.options.places.userPacks, 'school.os101'), problems: [] });
    const listed = await h.packs.list();
    expect(listed.map((p) => [p.source, p.location])).toEqual([['user', join(h.options.places.userPacks, 'school.os101')]]);
    expect(listed[0].files.get('lessons/a.yaml')).toBe('title: A\n');
  });

  it('asks with a dialog when no path is given, and does nothing when the learner cancels', async () => {
    const file = archive('x.pagewalk', [['pack.yaml', 'id: x\n']]);
    const chooseArchive = vi.fn(async () => file);
    expect((await host({}, { chooseArchive }).hooks.importPack!(null)).location).toMatch(/packs\/x$/);
    expect(chooseArchive).toHaveBeenCalledOnce();
    expect(await host().hooks.importPack!(null)).toEqual({ location: null, problems: [] });
  });

  it('installs nothing from an archive with errors, and says why', async () => {
    const h = host();
    const r = await h.hooks.importPack!(archive('broken.pagewalk', [['lessons/a.yaml', 'title: A\n']]));
    expect(r.location).toBeNull();
    expect(r.problems).toEqual(['broken.pagewalk was not installed because it has errors:', 'pack.yaml:1:1: error: the manifest is missing']);
    expect(existsSync(h.options.places.userPacks) ? readdirSync(h.options.places.userPacks) : []).toEqual([]);
  });

  it('refuses files that are not pack archives', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    const r = await host().hooks.importPack!(join(dir, 'notes.txt'));
    expect(r.problems[0]).toMatch(/notes\.txt is not a lesson pack: pack files end in \.pagewalk/);
  });

  it('never writes outside the user packs folder, even for a hostile archive', async () => {
    const h = host();
    const r = await h.hooks.importPack!(archive('evil.pagewalk', [['pack.yaml', 'id: evil\n'], ['../../../escaped.yaml', 'x']]));
    expect(r.location).toBeNull();
    expect(existsSync(join(dir, 'escaped.yaml'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['evil.pagewalk', 'userData']);
  });

  it('is refused in the main process when the classroom policy forbids it, even with a path', async () => {
    const file = archive('x.pagewalk', [['pack.yaml', 'id: x\n']]);
    const h = host({ policy: locked });
    await expect(h.hooks.importPack!(file)).rejects.toThrow(PolicyRefusal);
    expect(existsSync(h.options.places.userPacks)).toBe(false);
    expect(h.hooks.info()).toMatchObject({ canImportPacks: false, canOpenFolders: false });
  });
});

describe('packs from all three places', () => {
  it('lists built-in, then system-wide, then user packs', async () => {
    const h = host();
    mkdirSync(join(dir, 'builtin'), { recursive: true });
    writeFileSync(join(dir, 'builtin', 'pack.yaml'), 'id: builtin\n');
    mkdirSync(join(dir, 'system', 'room204'), { recursive: true });
    writeFileSync(join(dir, 'system', 'room204', 'pack.yaml'), 'id: room204\n');
    writeFileSync(join(dir, 'system', 'shared.pagewalk'), JSON.stringify([['pack.yaml', 'id: shared\n']]));
    await h.hooks.importPack!(archive('mine.pagewalk', [['pack.yaml', 'id: mine\n']]));
    const listed = await h.packs.list();
    expect(listed.map((p) => `${p.source}:${p.files.get('pack.yaml')}`)).toEqual(['built-in:id: builtin\n', 'system:id: room204\n', 'system:id: shared\n', 'user:id: mine\n']);
  });

  it('removes only user packs', async () => {
    const h = host();
    const { location } = await h.hooks.importPack!(archive('mine.pagewalk', [['pack.yaml', 'id: mine\n']]));
    await h.hooks.removePack!(location!);
    expect(await h.packs.list()).toEqual([]);
    mkdirSync(join(dir, 'system', 'room204'), { recursive: true });
    await expect(h.hooks.removePack!(join(dir, 'system', 'room204'))).rejects.toThrow(/only packs in/);
    expect(existsSync(join(dir, 'system', 'room204'))).toBe(true);
  });
});

describe('author preview', () => {
  it('reads a pack folder and tells the page when a file in it changes', async () => {
    const changed = vi.fn();
    watcher = new PreviewWatcher(changed, 30);
    const h = host({ preview: watcher });
    const pack = join(dir, 'draft');
    mkdirSync(join(pack, 'lessons'), { recursive: true });
    writeFileSync(join(pack, 'pack.yaml'), 'id: draft\n');
    const r = await h.hooks.openPreview!(pack);
    expect(r.pack).toMatchObject({ source: 'preview', location: pack });
    expect(r.pack!.files.get('pack.yaml')).toBe('id: draft\n');
    await new Promise((r) => setTimeout(r, 200)); // Node sets up a recursive watch on Linux folder by folder, asynchronously
    writeFileSync(join(pack, 'lessons', 'a.yaml'), 'title: A\n');
    writeFileSync(join(pack, 'lessons', 'a.yaml'), 'title: A, again\n');
    writeFileSync(join(pack, '.a.yaml.swp'), 'editor noise');
    await vi.waitFor(() => expect(changed).toHaveBeenCalledWith(pack), { timeout: 3000 });
    await new Promise((r) => setTimeout(r, 150));
    expect(changed).toHaveBeenCalledTimes(1); // a burst of saves is one reload
  });

  it('refuses a folder that is not a pack, and is refused by policy', async () => {
    mkdirSync(join(dir, 'photos'));
    expect((await host().hooks.openPreview!(join(dir, 'photos'))).problems[0]).toMatch(/not a lesson pack: choose the folder that holds pack\.yaml/);
    await expect(host({ policy: locked }).hooks.openPreview!(join(dir, 'photos'))).rejects.toThrow(/turned off on this computer by its classroom policy/);
  });
});

describe('storage and files', () => {
  it('saves progress and settings to disk through the persistent documents', async () => {
    const h = host();
    await h.storage.write('settings', { theme: 'dark', reducedMotion: true, fontSize: 18, language: 'en' });
    expect(JSON.parse(readFileSync(join(dir, 'userData', 'settings.json'), 'utf8')).data.theme).toBe('dark');
    expect(await h.storage.read('settings')).toMatchObject({ theme: 'dark', fontSize: 18 });
  });

  it('keeps going when a save is refused, but tells the learner', async () => {
    const h = host();
    await h.storage.write('progress', { version: 1, packs: { p: { l: { furthestStep: -3 } } } });
    const notices = h.hooks.info().notices;
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^Pagewalk could not save your progress: refusing to save your progress/);
  });

  it('writes a saved file where the learner chose, and reports a cancelled dialog as false', async () => {
    const target = join(dir, 'progress.csv');
    expect(await host({}, { chooseSaveTarget: async () => target }).hooks.saveFile('progress.csv', 'a,b\r\n')).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('a,b\r\n');
    expect(await host().hooks.saveFile('progress.csv', 'x')).toBe(false);
    await expect(host({}, { chooseSaveTarget: async () => join(dir, 'no', 'such', 'folder.csv') }).hooks.saveFile('x.csv', 'x')).rejects.toThrow(/could not save folder\.csv \(ENOENT\)/);
  });

  it('describes the desktop host and its notices', () => {
    const h = host({ notices: ['Your progress file was restored from the backup.'] });
    expect(h.hooks.info()).toEqual({ kind: 'electron', version: '0.1.0', canImportPacks: true, canOpenFolders: true, notices: ['Your progress file was restored from the backup.'] });
    expect(h.hooks.policy()).toEqual(DEFAULT_POLICY);
  });
});

describe('the sandbox on the desktop', () => {
  it('keeps every machine\'s session in sandbox.json across a restart of the app', async () => {
    const userData = join(dir, 'userData');
    const start = () => {
      const h = host({ sandbox: openDocument(SANDBOX_DOCUMENT, userData, confStore).document });
      return new PagewalkService(h.storage, h.packs, h.hooks);
    };
    const first = start();
    const id = (await first.openSandbox('x86-32')).sessionId;
    for (const line of ['spawn A', 'file notes.txt 4096 hi', 'mmap A 4096 r file=notes.txt', 'write A 0x2000 5 pages=2', 'undo']) expect((await first.sandboxCommand(id, line)).error).toBeNull();
    const before = await first.currentView(id);
    expect(JSON.parse(readFileSync(join(userData, 'sandbox.json'), 'utf8')).data.machine).toBe('x86-32');

    const after = await start().openSandbox(null);
    expect(after.sandbox!.profileId).toBe('x86-32');
    expect(after.sandbox!.entries.map((e) => e.line)).toEqual(['spawn A', 'file notes.txt 4096 hi', 'mmap A 4096 r file=notes.txt', 'write A 0x2000 5 pages=2']);
    expect(after.sandbox!.position).toBe(3);
    expect(JSON.stringify(after.snapshot)).toBe(JSON.stringify(before.snapshot));
  });
});
