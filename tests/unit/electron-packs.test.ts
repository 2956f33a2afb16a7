// Lesson-pack folders: what the main process reads from the three places, the limits it
// keeps, and that importing an archive writes nothing outside the user's packs folder.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  folderNameFor,
  installPackFiles,
  listPlace,
  PACK_LIMITS,
  readArchiveFile,
  readPackFolder,
  removeUserPack,
  systemPackFolders,
  unsafeArchivePath,
  type FileMap,
} from '../../electron/main/packs.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pagewalk-packs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, contents: string | Buffer): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, contents);
}

/** Every file below `root`, as relative paths. */
function tree(root: string): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1).split('\\').join('/'))
    .sort();
}

describe('reading a pack folder', () => {
  it('maps relative paths with "/" to text, and other files to bytes, skipping hidden files', () => {
    const pack = join(dir, 'vm-basics');
    write(join(pack, 'pack.yaml'), 'id: vm-basics\n');
    write(join(pack, 'lessons', 'tlb.yaml'), '\uFEFFtitle: TLB\n');
    write(join(pack, 'images', 'frame.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    write(join(pack, '.git', 'config'), 'x');
    write(join(pack, '.DS_Store'), 'x');
    const { files, problems } = readPackFolder(pack);
    expect(problems).toEqual([]);
    expect([...files.keys()].sort()).toEqual(['images/frame.png', 'lessons/tlb.yaml', 'pack.yaml']);
    expect(files.get('lessons/tlb.yaml')).toBe('title: TLB\n');
    expect(files.get('images/frame.png')).toBeInstanceOf(Uint8Array);
  });

  it('keeps to the file-count, file-size, total-size and depth limits, and says what it skipped', () => {
    const pack = join(dir, 'big');
    write(join(pack, 'pack.yaml'), 'id: big\n');
    for (let i = 0; i < 5; i++) write(join(pack, `l${i}.yaml`), 'x'.repeat(10));
    write(join(pack, 'huge.md'), 'y'.repeat(500));
    write(join(pack, 'a', 'b', 'c', 'deep.yaml'), 'z');
    const limits = { ...PACK_LIMITS, maxFiles: 4, maxFileBytes: 100, maxDepth: 2 };
    const r = readPackFolder(pack, limits);
    expect(r.files.size).toBe(4);
    expect(r.problems.join('\n')).toMatch(/more than 4 files/);
    expect(r.problems.join('\n')).toMatch(/huge\.md:1:1: error: is too large/);
    expect(readPackFolder(pack, { ...limits, maxFiles: 100 }).problems.join('\n')).toMatch(/a\/b\/c:1:1: warning: folders nested deeper than 2 levels/);
    const total = readPackFolder(pack, { ...PACK_LIMITS, maxTotalBytes: 25 });
    expect(total.problems.join('\n')).toMatch(/larger than 25 bytes/);
  });

  it('never follows a link, inside the pack or out of it, and says which entries it skipped (as pagewalk validate does)', () => {
    const secret = join(dir, 'secret.yaml');
    write(secret, 'password: hunter2\n');
    const pack = join(dir, 'linked');
    write(join(pack, 'pack.yaml'), 'id: linked\n');
    write(join(pack, 'lessons', 'one.yaml'), 'title: one\n');
    symlinkSync(secret, join(pack, 'stolen.yaml'));
    symlinkSync(dir, join(pack, 'parent'));
    symlinkSync(join(pack, 'lessons', 'one.yaml'), join(pack, 'alias.yaml'));
    symlinkSync(join(pack, 'lessons'), join(pack, 'lessons', 'loop'));
    const { files, problems } = readPackFolder(pack);
    expect([...files.keys()].sort()).toEqual(['lessons/one.yaml', 'pack.yaml']);
    expect([...files.values()].join('')).not.toContain('hunter2');
    expect(problems.filter((p) => /warning: is a link; links are not followed/.test(p)).map((p) => p.split(':')[0]).sort()).toEqual(['alias.yaml', 'lessons/loop', 'parent', 'stolen.yaml']);
  });

  it('reports text that is not UTF-8 instead of garbling it', () => {
    const pack = join(dir, 'latin1');
    write(join(pack, 'pack.yaml'), 'id: x\n');
    write(join(pack, 'notes.md'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect(readPackFolder(pack).problems).toEqual(['notes.md:1:1: error: is not UTF-8 text (save it as UTF-8 in your editor)']);
  });
});

describe('the places packs come from', () => {
  it('lists each pack folder and archive in a place, and treats a place with a manifest as one pack', () => {
    write(join(dir, 'place', 'one', 'pack.yaml'), 'id: one\n');
    write(join(dir, 'place', 'two', 'pack.json'), '{"id":"two"}');
    write(join(dir, 'place', 'not-a-pack', 'readme.txt'), 'hello');
    write(join(dir, 'place', 'three.pagewalk'), 'ARCHIVE');
    write(join(dir, 'place', '.incoming-123', 'pack.yaml'), 'id: half-written\n');
    const fakeArchive = (bytes: Uint8Array) => ({ files: new Map([['pack.yaml', `id: ${new TextDecoder().decode(bytes).toLowerCase()}\n`]]) as FileMap, problems: [] });
    const packs = listPlace(join(dir, 'place'), 'system', fakeArchive);
    expect(packs.map((p) => [p.location.slice(dir.length + 1), p.source])).toEqual([
      ['place/one', 'system'],
      ['place/three.pagewalk', 'system'],
      ['place/two', 'system'],
    ]);
    expect(packs[1].files.get('pack.yaml')).toBe('id: archive\n');
    expect(listPlace(join(dir, 'place', 'one'), 'built-in', null).map((p) => p.location)).toEqual([join(dir, 'place', 'one')]);
    expect(listPlace(join(dir, 'nowhere'), 'user', null)).toEqual([]);
  });

  it('uses the documented system folders, and the environment override for tests', () => {
    expect(systemPackFolders('linux', {})).toEqual(['/usr/share/pagewalk/packs', '/etc/pagewalk/packs']);
    expect(systemPackFolders('win32', { ProgramData: 'D:\\ProgramData' })).toEqual(['D:\\ProgramData\\Pagewalk\\packs']);
    expect(systemPackFolders('darwin', {})).toEqual(['/Library/Application Support/Pagewalk/packs']);
    expect(systemPackFolders('linux', { PAGEWALK_SYSTEM_PACKS: '/a:/b' }, true)).toEqual(['/a', '/b']);
    // Installed (packaged), the variable is ignored.
    expect(systemPackFolders('linux', { PAGEWALK_SYSTEM_PACKS: '/a:/b' })).toEqual(['/usr/share/pagewalk/packs', '/etc/pagewalk/packs']);
  });

  it('refuses archives that are too large or unreadable, with a message', () => {
    const archive = join(dir, 'x.pagewalk');
    write(archive, 'x'.repeat(100));
    const boom = () => {
      throw new Error('bad zip header');
    };
    expect(readArchiveFile(archive, boom).problems).toEqual(['x.pagewalk is not a readable Pagewalk pack (bad zip header)']);
    expect(readArchiveFile(archive, boom, { ...PACK_LIMITS, maxArchiveBytes: 10 }).problems[0]).toMatch(/too large/);
    expect(readArchiveFile(join(dir, 'missing.pagewalk'), boom).problems[0]).toMatch(/missing\.pagewalk does not exist/);
  });
});

describe('installing an imported pack', () => {
  const good: FileMap = new Map<string, string | Uint8Array>([
    ['pack.yaml', 'id: demo\n'],
    ['lessons/a.yaml', 'title: A\n'],
    ['img/x.png', new Uint8Array([1, 2, 3])],
  ]);

  it('writes the pack as a folder in the user packs folder and replaces an older copy', () => {
    const user = join(dir, 'user', 'packs');
    const first = installPackFiles(good, 'demo', user);
    expect(first).toEqual({ location: join(user, 'demo'), problems: [] });
    expect(tree(user)).toEqual(['demo/img/x.png', 'demo/lessons/a.yaml', 'demo/pack.yaml']);
    const second = installPackFiles(new Map([['pack.yaml', 'id: demo\nversion: 2\n']]), 'demo', user);
    expect(second.problems).toEqual([]);
    expect(tree(user)).toEqual(['demo/pack.yaml']);
    expect(readFileSync(join(user, 'demo', 'pack.yaml'), 'utf8')).toContain('version: 2');
  });

  it.each([
    ['../escape.yaml'],
    ['lessons/../../escape.yaml'],
    ['/etc/passwd'],
    ['C:/Windows/x.yaml'],
    ['lessons\\..\\..\\escape.yaml'],
    ['a//b.yaml'],
    ['./pack.yaml'],
    ['nul.txt'],
    ['bad\0name'],
  ])('writes nothing at all when an archive entry is %j', (evil) => {
    const user = join(dir, 'user', 'packs');
    const files: FileMap = new Map(good);
    files.set(evil, 'pwned');
    const r = installPackFiles(files, 'demo', user);
    expect(r.location).toBeNull();
    expect(r.problems[0]).toMatch(/nothing was installed/);
    expect(existsSync(user) ? tree(user) : []).toEqual([]);
    expect(tree(dir)).toEqual([]);
  });

  it('cleans up when writing fails half-way (a file and a folder with the same name)', () => {
    const user = join(dir, 'packs');
    const r = installPackFiles(new Map([['a', 'file'], ['a/b.yaml', 'inside']]), 'demo', user);
    expect(r.location).toBeNull();
    expect(readdirSync(user)).toEqual([]);
  });

  it('turns pack ids into safe folder names', () => {
    expect(folderNameFor('Virtual Memory 101')).toBe('virtual-memory-101');
    expect(folderNameFor('../../etc')).toBe('etc');
    expect(folderNameFor('...')).toBeNull();
    expect(folderNameFor('con')).toBeNull();
    expect(unsafeArchivePath('lessons/intro.yaml')).toBeNull();
  });
});

describe('removing a user pack', () => {
  it('removes a pack folder in the user packs folder', () => {
    const user = join(dir, 'packs');
    installPackFiles(new Map([['pack.yaml', 'id: x\n']]), 'x', user);
    removeUserPack(join(user, 'x'), user);
    expect(readdirSync(user)).toEqual([]);
  });

  it('refuses anything outside it, and removes a link without following it', () => {
    const user = join(dir, 'packs');
    mkdirSync(user);
    write(join(dir, 'system', 'keep', 'pack.yaml'), 'id: keep\n');
    expect(() => removeUserPack(join(dir, 'system', 'keep'), user)).toThrow(/only packs in/);
    expect(() => removeUserPack(user, user)).toThrow(/only packs in/);
    symlinkSync(join(dir, 'system', 'keep'), join(user, 'link'));
    removeUserPack(join(user, 'link'), user);
    expect(existsSync(join(dir, 'system', 'keep', 'pack.yaml'))).toBe(true);
    expect(readdirSync(user)).toEqual([]);
    expect(() => removeUserPack(join(user, 'gone'), user)).toThrow(/already gone/);
  });
});
