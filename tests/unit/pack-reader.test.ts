// Issue 12, findings 6 and 9: one pack reader for `pagewalk validate`/`pack` and the app,
// with the same limits and the same messages; links never followed; every file checked
// after it is opened (the file that was listed, a regular file, not a hard link), so a
// link or file swapped between the check and the read is refused.
import { spawn, execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diskPackTree, readArchiveFromDisk } from '../../core/cli/disk.ts';
import { readPackFolder as cliReadPackFolder } from '../../core/cli/lessons.ts';
import { formatDiagnostic } from '../../core/diag.ts';
import { packArchive } from '../../core/lessons/archive.ts';
import { memoryTree, PACK_READ_LIMITS, readPackTree, readPackTreeAsync, type TreeEntry } from '../../core/lessons/reader.ts';
import { readArchive } from '../../electron/main/lessons.ts';
import { readArchiveFile, readPackFolder as appReadPackFolder } from '../../electron/main/packs.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pagewalk-reader-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, contents: string | Uint8Array): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, contents);
}

const SECRET = 'password: hunter2\n';

/** A pack with one of everything a hostile folder can hold. */
function hostilePack(): string {
  const pack = join(dir, 'pack');
  write(join(dir, 'secret.yaml'), SECRET);
  write(join(pack, 'pack.yaml'), 'id: hostile\ntitle: Hostile\nversion: 1.0.0\nlessons: [lessons/a.yaml]\n');
  write(join(pack, 'lessons', 'a.yaml'), 'id: a\n');
  write(join(pack, 'notes.md'), new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
  write(join(pack, 'assets', 'big.png'), new Uint8Array(PACK_READ_LIMITS.maxFileBytes + 1));
  symlinkSync(join(dir, 'secret.yaml'), join(pack, 'stolen.yaml'));
  symlinkSync(join(pack, 'lessons', 'a.yaml'), join(pack, 'alias.yaml'));
  linkSync(join(dir, 'secret.yaml'), join(pack, 'hard.yaml'));
  execFileSync('mkfifo', [join(pack, 'pipe.yaml')]);
  write(join(pack, '.git', 'config'), 'x');
  return pack;
}

describe('one pack reader for the CLI and the app', () => {
  it('reads a hostile folder identically in `pagewalk validate` and the app: same files, same messages', () => {
    const pack = hostilePack();
    const cli = cliReadPackFolder(pack);
    const app = appReadPackFolder(pack);
    expect([...cli.files.keys()].sort()).toEqual(['lessons/a.yaml', 'pack.yaml']);
    expect([...app.files.entries()]).toEqual([...cli.files.entries()]);
    expect(app.problems).toEqual(cli.problems.map(formatDiagnostic));
    expect([...app.files.values()].join('')).not.toContain('hunter2');
    const byFile = Object.fromEntries(cli.problems.map((d) => [d.file, `${d.severity}: ${d.message}`]));
    expect(byFile['stolen.yaml']).toMatch(/^warning: is a link; links are not followed/);
    expect(byFile['alias.yaml']).toMatch(/^warning: is a link/);
    expect(byFile['hard.yaml']).toMatch(/^error: is a hard link \(the same file has 2 names/);
    expect(byFile['pipe.yaml']).toMatch(/^warning: is not a regular file/);
    expect(byFile['notes.md']).toBe('error: is not UTF-8 text');
    expect(byFile['assets/big.png']).toMatch(/^error: is too large \(2097153 bytes; the limit is 2097152\)/);
    expect(byFile['.git/config']).toBeUndefined();
  });

  it('reads an archive with the same checks in both: too large, missing, damaged', () => {
    const big = join(dir, 'big.pagewalk');
    write(big, new Uint8Array(PACK_READ_LIMITS.maxArchiveBytes + 1));
    expect(readArchiveFromDisk(big).diagnostics[0].message).toMatch(/^the archive is too large for a lesson pack \(20971521 bytes/);
    expect(readArchiveFile(big, readArchive).problems[0]).toMatch(/^big\.pagewalk is too large for a lesson pack \(20971521 bytes/);
    expect(readArchiveFromDisk(join(dir, 'none.pagewalk')).diagnostics[0].message).toBe('the archive does not exist');
    expect(readArchiveFile(join(dir, 'none.pagewalk'), readArchive).problems).toEqual(['none.pagewalk does not exist']);
    const good = join(dir, 'good.pagewalk');
    write(good, packArchive(new Map<string, string | Uint8Array>([['pack.yaml', 'id: x\n'], ['notes.md', new Uint8Array([0xe9])]])));
    // Text that is not UTF-8: the archive reader and the folder reader say the same words.
    expect(readArchiveFromDisk(good).diagnostics.map(formatDiagnostic)).toEqual(['notes.md:1:1: error: is not UTF-8 text (save it as UTF-8 in your editor)']);
    expect(readArchiveFile(good, readArchive).problems).toEqual(['notes.md:1:1: error: is not UTF-8 text (save it as UTF-8 in your editor)']);
  });

  it('applies the same rules to files the browser hands over (a dropped folder)', async () => {
    const enc = new TextEncoder();
    const items = new Map<string, Uint8Array<ArrayBuffer>>([
      ['pack.yaml', enc.encode('id: x\n')],
      ['.DS_Store', enc.encode('junk')],
      ['lessons/a.yaml', enc.encode('\uFEFFid: a\n')],
      ['notes.md', new Uint8Array([0xe9])],
      ['a/b/c/d/e/f/g/h/i/deep.yaml', enc.encode('x')],
      ['assets/big.png', new Uint8Array(PACK_READ_LIMITS.maxFileBytes + 1)],
    ]);
    const blobs = new Map([...items].map(([path, bytes]) => [path, new Blob([bytes])]));
    const r = await readPackTreeAsync(memoryTree(blobs, async (blob) => ({ bytes: new Uint8Array(await blob.arrayBuffer()) })));
    expect([...r.files.keys()].sort()).toEqual(['lessons/a.yaml', 'pack.yaml']);
    expect(r.files.get('lessons/a.yaml')).toBe('id: a\n');
    // A folder's files first, then its subfolders by name: the order every host reads in.
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'notes.md:1:1: error: is not UTF-8 text (save it as UTF-8 in your editor)',
      'a/b/c/d/e/f/g/h/i:1:1: warning: folders nested deeper than 8 levels are not read',
      'assets/big.png:1:1: error: is too large (2097153 bytes; the limit is 2097152); it is not read',
    ]);
  });
});

describe('checked reads: the file opened is the file that was checked', () => {
  it('refuses a file swapped for a link between the listing and the read', () => {
    const pack = hostilePack();
    const tree = diskPackTree(pack);
    const listed = tree.list('lessons');
    if ('error' in listed) throw new Error(listed.error);
    const entry = listed.entries.find((e) => e.name === 'a.yaml') as TreeEntry;
    rmSync(join(pack, 'lessons', 'a.yaml'));
    symlinkSync(join(dir, 'secret.yaml'), join(pack, 'lessons', 'a.yaml'));
    expect(tree.read('lessons/a.yaml', entry, 1000)).toEqual({ error: 'is a link, not a file' });
  });

  it('refuses a file replaced by another file between the listing and the read', () => {
    const pack = hostilePack();
    const tree = diskPackTree(pack);
    const listed = tree.list('lessons');
    if ('error' in listed) throw new Error(listed.error);
    const entry = listed.entries.find((e) => e.name === 'a.yaml') as TreeEntry;
    write(join(dir, 'other.yaml'), SECRET);
    renameSync(join(dir, 'other.yaml'), join(pack, 'lessons', 'a.yaml'));
    expect(tree.read('lessons/a.yaml', entry, 1000)).toEqual({ error: 'was replaced while it was being read; it is not read (try again)' });
  });

  it.runIf(process.platform === 'linux')('refuses a file whose folder was swapped for a link to somewhere else', () => {
    const pack = hostilePack();
    const outside = join(dir, 'outside');
    write(join(outside, 'a.yaml'), SECRET);
    const tree = diskPackTree(pack);
    // The outside file is what the host lists and opens: only where it really is gives it away.
    renameSync(join(pack, 'lessons'), join(dir, 'lessons-away'));
    symlinkSync(outside, join(pack, 'lessons'));
    const listed = tree.list('lessons');
    if ('error' in listed) throw new Error(listed.error);
    const entry = listed.entries.find((e) => e.name === 'a.yaml') as TreeEntry;
    expect(tree.read('lessons/a.yaml', entry, 1000)).toEqual({ error: 'is no longer where it was listed (a folder on its path was replaced); it is not read' });
  });

  it('never reads an outside file while another process keeps swapping a file and a folder for links (500 walks)', async () => {
    const pack = join(dir, 'pack');
    write(join(dir, 'secret.yaml'), SECRET);
    write(join(dir, 'outside', 'b.yaml'), SECRET);
    write(join(dir, 'good.yaml'), 'id: a\n');
    write(join(pack, 'pack.yaml'), 'id: racing\n');
    write(join(pack, 'a.yaml'), 'id: a\n');
    write(join(pack, 'sub', 'b.yaml'), 'id: b\n');
    mkdirSync(join(dir, 'sub-real'));
    write(join(dir, 'sub-real', 'b.yaml'), 'id: b\n');
    // Each `mv` is an atomic rename: a.yaml is a file or a link to the secret, sub a folder or a link to outside/.
    const script = `cd '${dir}'; while :; do
      cp good.yaml t1; mv -f t1 pack/a.yaml; ln -sfn "${dir}/secret.yaml" t2; mv -Tf t2 pack/a.yaml;
      ln -sfn "${dir}/outside" t3; mv -Tf t3 pack/sub; cp -r sub-real t4; rm -rf pack/sub; mv -T t4 pack/sub;
    done`;
    // Its own process group, so the whole loop (a `cp -r` in flight included) can be stopped
    // before the folder is removed; killing only the shell left a copy writing into it.
    const swapper = spawn('sh', ['-c', script], { stdio: 'ignore', detached: true });
    const stopped = new Promise((resolve) => swapper.once('exit', resolve));
    try {
      let leaked = 0;
      let readA = 0;
      let refused = 0;
      // At least 500 walks, and on until both outcomes were seen: on a busy machine the
      // swapper may get little time, and a race that never happened proves nothing.
      for (let i = 0; i < 20_000 && (i < 500 || readA === 0 || refused === 0); i++) {
        const r = readPackTree(diskPackTree(pack));
        const all = [...r.files.values()].join('');
        if (all.includes('hunter2')) leaked++;
        if (r.files.has('a.yaml')) readA++;
        if (r.diagnostics.length > 0) refused++;
        if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      expect(leaked).toBe(0);
      // Both happened: the swaps were seen (and refused), and the real file was read in between.
      expect(readA).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
    } finally {
      process.kill(-swapper.pid!, 'SIGKILL');
      await stopped;
    }
  }, 60_000);
});
