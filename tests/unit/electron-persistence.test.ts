// Progress and settings survive restarts, damaged files and old formats: the persistence
// logic of the main process, run under Node with `conf` (electron-store's engine).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_SETTINGS, type Progress } from '../../core/api.ts';
import { openDocument, PROGRESS_DOCUMENT, SETTINGS_DOCUMENT, type DocumentSpec, type JsonStoreFactory } from '../../electron/main/persistence.ts';

const confStore: JsonStoreFactory = ({ name, cwd, schema, defaults }) => new Conf({ configName: name, cwd, schema: schema as never, defaults }) as unknown as ReturnType<JsonStoreFactory>;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pagewalk-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const someProgress: Progress = {
  version: 1,
  packs: {
    basics: {
      'what-is-a-page': {
        furthestStep: 3,
        completed: true,
        completedAt: '2025-01-01T10:00:00.000Z',
        quizzes: { q1: { attempts: 2, correct: 1, correctInstances: [1], lastAnswered: '2025-01-01T10:00:00.000Z' } },
      },
    },
  },
};

describe('progress and settings documents', () => {
  it('start from defaults with no notice on first run, and write the file and its backup', () => {
    const { document, notices } = openDocument(PROGRESS_DOCUMENT, dir, confStore);
    expect(notices).toEqual([]);
    expect(document.get()).toEqual({ version: 1, packs: {} });
    expect(existsSync(join(dir, 'progress.json'))).toBe(true);
    expect(existsSync(join(dir, 'progress.json.bak'))).toBe(true);
  });

  it('keep what was saved across a restart', () => {
    openDocument(PROGRESS_DOCUMENT, dir, confStore).document.save(someProgress);
    const again = openDocument(PROGRESS_DOCUMENT, dir, confStore);
    expect(again.notices).toEqual([]);
    expect(again.document.get()).toEqual(someProgress);
    const onDisk = JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8'));
    expect(onDisk).toEqual({ schemaVersion: 1, data: someProgress });
  });

  it('recover a corrupted file from the backup, tell the learner, and keep the damaged copy', () => {
    openDocument(PROGRESS_DOCUMENT, dir, confStore).document.save(someProgress);
    writeFileSync(join(dir, 'progress.json'), '{"schemaVersion": 1, "data": {"version": 1, "pa');
    const { document, notices } = openDocument(PROGRESS_DOCUMENT, dir, confStore);
    expect(document.get()).toEqual(someProgress);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/Your progress file could not be used \(not valid JSON.*restored from the backup/);
    const damaged = readdirSync(dir).filter((f) => f.startsWith('progress.json.damaged-'));
    expect(damaged).toHaveLength(1);
    expect(notices[0]).toContain(damaged[0]);
    expect(readFileSync(join(dir, damaged[0]), 'utf8')).toContain('"pa');
    // The recovered document is written back, so the next start is clean.
    expect(openDocument(PROGRESS_DOCUMENT, dir, confStore).notices).toEqual([]);
  });

  it('recover a file that parses but breaks the schema', () => {
    openDocument(PROGRESS_DOCUMENT, dir, confStore).document.save(someProgress);
    writeFileSync(join(dir, 'progress.json'), JSON.stringify({ schemaVersion: 1, data: { version: 1, packs: { basics: { x: { furthestStep: -4 } } } } }));
    const { document, notices } = openDocument(PROGRESS_DOCUMENT, dir, confStore);
    expect(document.get()).toEqual(someProgress);
    expect(notices[0]).toMatch(/unexpected content at packs\.basics\.x/);
  });

  it('start afresh with a notice (never silently) when both the file and the backup are unusable', () => {
    writeFileSync(join(dir, 'progress.json'), 'garbage');
    writeFileSync(join(dir, 'progress.json.bak'), '');
    const { document, notices } = openDocument(PROGRESS_DOCUMENT, dir, confStore);
    expect(document.get()).toEqual({ version: 1, packs: {} });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/no usable backup, so Pagewalk started afresh\. The unusable file was kept at .*progress\.json\.damaged-/);
  });

  it('restore a deleted file from its backup', () => {
    openDocument(PROGRESS_DOCUMENT, dir, confStore).document.save(someProgress);
    rmSync(join(dir, 'progress.json'));
    const { document, notices } = openDocument(PROGRESS_DOCUMENT, dir, confStore);
    expect(document.get()).toEqual(someProgress);
    expect(notices[0]).toMatch(/was missing, so it was restored from the backup/);
  });

  it('never overwrite a file written by a newer Pagewalk', () => {
    const newer = JSON.stringify({ schemaVersion: 7, data: { anything: true } });
    writeFileSync(join(dir, 'settings.json'), newer);
    const { document, notices } = openDocument(SETTINGS_DOCUMENT, dir, confStore);
    expect(document.get()).toEqual(DEFAULT_SETTINGS);
    expect(notices[0]).toMatch(/newer Pagewalk/);
    const kept = readdirSync(dir).filter((f) => f.startsWith('settings.json.newer-v7-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]), 'utf8')).toBe(newer);
  });

  it('migrate bare partial settings deployed by hand (version 0), filling in defaults', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ theme: 'high-contrast', fontSize: 20 }));
    const { document, notices } = openDocument(SETTINGS_DOCUMENT, dir, confStore);
    expect(notices).toEqual([]);
    expect(document.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'high-contrast', fontSize: 20 });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).schemaVersion).toBe(1);
  });

  it('run every migration in order from an old format', () => {
    const spec: DocumentSpec<{ name: string; tags: string[] }> = {
      name: 'demo',
      label: 'the demo',
      version: 3,
      schema: z.object({ name: z.string(), tags: z.array(z.string()) }),
      defaults: () => ({ name: '', tags: [] }),
      migrations: {
        0: (b) => ({ title: (b as { title: string }).title }),
        1: (b) => ({ name: (b as { title: string }).title }),
        2: (b) => ({ ...(b as object), tags: ['migrated'] }),
      },
    };
    writeFileSync(join(dir, 'demo.json'), JSON.stringify({ schemaVersion: 1, data: { title: 'old' } }));
    expect(openDocument(spec, dir, confStore).document.get()).toEqual({ name: 'old', tags: ['migrated'] });
  });

  it('refuse to save a document that breaks the schema, keeping the last good one', () => {
    const { document } = openDocument(SETTINGS_DOCUMENT, dir, confStore);
    expect(() => document.save({ ...DEFAULT_SETTINGS, fontSize: 400 })).toThrow(/refusing to save your settings: fontSize/);
    expect(document.get()).toEqual(DEFAULT_SETTINGS);
    expect(openDocument(SETTINGS_DOCUMENT, dir, confStore).document.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('hand out copies, so a caller cannot change the stored document without saving', () => {
    const { document } = openDocument(PROGRESS_DOCUMENT, dir, confStore);
    const p = document.get();
    p.packs.x = {};
    expect(document.get().packs).toEqual({});
  });
});
