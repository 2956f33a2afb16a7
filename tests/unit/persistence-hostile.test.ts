// Issue 12, finding 7: stored files a learner, IT or a failing disk left behind never stop
// the app from starting, never hang it, and never vanish silently.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../core/api.ts';
import { openDocument, PROGRESS_DOCUMENT, SETTINGS_DOCUMENT, type JsonStoreFactory } from '../../electron/main/persistence.ts';

const confStore: JsonStoreFactory = ({ name, cwd, schema, defaults }) => new Conf({ configName: name, cwd, schema: schema as never, defaults }) as unknown as ReturnType<JsonStoreFactory>;
const root = process.getuid?.() === 0;
let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'pw-persist-'))));
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

describe('hostile stored files', () => {
  it('a settings.json deployed with a BOM is read, not treated as damage', () => {
    writeFileSync(join(dir, 'settings.json'), '\uFEFF{ "theme": "high-contrast", "fontSize": 20 }');
    const { document, notices } = openDocument(SETTINGS_DOCUMENT, dir, confStore);
    expect(notices).toEqual([]);
    expect(document.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'high-contrast', fontSize: 20 });
  });

  it('a FIFO or a link to /dev/zero as progress.json does not hang start-up', () => {
    execFileSync('mkfifo', [join(dir, 'progress.json')]);
    const fifo = openDocument(PROGRESS_DOCUMENT, dir, confStore);
    expect(fifo.notices.join('\n')).toMatch(/could not be used \(it is not a regular file\)/);
    const other = join(dir, 'other');
    mkdirSync(other);
    symlinkSync('/dev/zero', join(other, 'progress.json'));
    expect(openDocument(PROGRESS_DOCUMENT, other, confStore).notices.join('\n')).toMatch(/could not be used \(it is a link, not a file\)/);
  });

  it('a huge progress file is refused by its size before it is read', () => {
    writeFileSync(join(dir, 'progress.json'), Buffer.alloc(17 * 1024 * 1024, 0x20));
    expect(openDocument(PROGRESS_DOCUMENT, dir, confStore).notices.join('\n')).toMatch(/it is too large \(17825792 bytes/);
  });

  it('main file missing and backup damaged: says so and keeps the damaged backup instead of overwriting it', () => {
    writeFileSync(join(dir, 'progress.json.bak'), '{ not json');
    const { notices } = openDocument(PROGRESS_DOCUMENT, dir, confStore);
    expect(notices.join('\n')).toMatch(/file was missing and its backup could not be used.*kept at .*progress\.json\.bak\.damaged-/);
    const kept = readdirSync(dir).find((f) => f.startsWith('progress.json.bak.damaged-'))!;
    expect(readFileSync(join(dir, kept), 'utf8')).toBe('{ not json');
  });

  it.skipIf(root)('an unreadable file is reported as unreadable, not as "not valid JSON"', () => {
    writeFileSync(join(dir, 'progress.json'), '{}');
    chmodSync(join(dir, 'progress.json'), 0);
    expect(openDocument(PROGRESS_DOCUMENT, dir, confStore).notices.join('\n')).toMatch(/it cannot be read \(EACCES\)/);
  });

  it.skipIf(root)('a read-only data folder with a damaged file still starts, and says progress will not be kept', () => {
    writeFileSync(join(dir, 'progress.json'), '{ damaged');
    chmodSync(dir, 0o500);
    const { document, notices } = openDocument(PROGRESS_DOCUMENT, dir, confStore);
    expect(document.get().packs).toEqual({});
    expect(notices.join('\n')).toMatch(/could not be moved aside/);
    expect(notices.join('\n')).toMatch(/cannot be saved in .* lasts until Pagewalk closes/);
    expect(existsSync(join(dir, 'progress.json'))).toBe(true);
  });

  it('a store that cannot be opened (read-only folder, full disk) still starts the app from memory, with a notice', () => {
    const refusing: JsonStoreFactory = () => {
      throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
    };
    writeFileSync(join(dir, 'settings.json'), '{ "theme": "dark" }');
    const { document, notices } = openDocument(SETTINGS_DOCUMENT, dir, refusing);
    expect(document.get().theme).toBe('dark');
    expect(notices.join('\n')).toMatch(/cannot be saved in .* \(EROFS\), so what you do now lasts until Pagewalk closes/);
    expect(() => document.save({ ...DEFAULT_SETTINGS, theme: 'light' })).not.toThrow();
    expect(document.get().theme).toBe('light');
  });
});
