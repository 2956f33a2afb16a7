// Issue 15, item 1: the browser build's packs, below the page (the page itself is tested
// in Chromium: tests/e2e/web-packs.spec.ts). Uploads are read by the shared reader and
// checked by the engine before anything is kept; the school's index is read with care.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type HostInfo } from '../../core/api.ts';
import { readPackFolder } from '../../core/cli/lessons.ts';
import { packArchive } from '../../core/lessons/archive.ts';
import { PagewalkService } from '../../core/service.ts';
import { importUpload, PackShelf, parseSchoolIndex, readUpload, storedPackFiles } from '../../renderer/worker/web-packs.ts';

const example = readPackFolder(join(process.cwd(), 'docs', 'examples', 'pack')).files;
const blobOf = (c: string | Uint8Array) => new Blob([typeof c === 'string' ? c : new Uint8Array(c)]);
const asFiles = (files: Map<string, string | Uint8Array>) => [...files].map(([path, c]) => ({ path, file: blobOf(c) }));

describe('reading an upload', () => {
  it('reads a folder the same way as on disk, refusing names that climb out of it', async () => {
    const r = await readUpload({ kind: 'files', name: 'pack', files: [...asFiles(example), { path: '../escape.yaml', file: blobOf('x') }] });
    expect([...r.files.keys()].sort()).toEqual([...example.keys()].sort());
    expect(r.diagnostics.map((d) => `${d.file}: ${d.message}`)).toEqual(['../escape.yaml: climbs out of the pack folder with ".."; it is not read']);
  });

  it('refuses an archive over the size limit before reading it', async () => {
    const big = new Blob([new Uint8Array(21 * 1024 * 1024)]);
    const r = await readUpload({ kind: 'archive', name: 'big.pagewalk', file: big });
    expect(r.diagnostics[0].message).toBe('the archive is too large for a lesson pack (22020096 bytes; the limit is 20971520)');
  });
});

describe('importing an upload', () => {
  it('keeps a pack that loads, by id, and lists it as imported; refuses one with errors and keeps nothing', async () => {
    const shelf = new PackShelf(() => null);
    const ok = await importUpload(shelf, { kind: 'archive', name: 'first.pagewalk', file: blobOf(packArchive(example)) });
    expect(ok).toEqual({ location: 'imported in this browser: example.first-steps', problems: [] });
    const stored = await shelf.list();
    expect(stored.map((p) => [p.id, p.name])).toEqual([['example.first-steps', 'first.pagewalk']]);
    expect(storedPackFiles(stored[0]).files.get('pack.yaml')).toBe(example.get('pack.yaml'));

    const broken = new Map(example);
    broken.set('lessons/01-two-processes.yaml', 'id: two-processes\ntitle: [unclosed\n');
    const bad = await importUpload(shelf, { kind: 'files', name: 'broken', files: asFiles(broken) });
    expect(bad.location).toBeNull();
    expect(bad.problems[0]).toBe('broken was not installed because it has errors:');
    expect(bad.problems.slice(1).join('\n')).toMatch(/^lessons\/01-two-processes\.yaml:\d+:\d+: error:/m);
    expect(await shelf.list()).toHaveLength(1);

    const notPack = await importUpload(shelf, { kind: 'archive', name: 'notes.zip', file: blobOf('x') });
    expect(notPack.problems[0]).toMatch(/is not a lesson pack: pack files end in \.pagewalk/);
    await shelf.remove(ok.location!);
    expect(await shelf.list()).toEqual([]);
  });

  it('is refused by the service when the policy turns importing off, and by the desktop host (no upload hook)', async () => {
    const storage = { read: async () => undefined, write: async () => undefined };
    const info: HostInfo = { kind: 'web', version: 'test', canImportPacks: true, canOpenFolders: true, notices: [] };
    const upload = { kind: 'archive' as const, name: 'x.pagewalk', file: blobOf('x') };
    const off = new PagewalkService(storage, { list: async () => [] }, { info: () => info, policy: () => ({ ...DEFAULT_POLICY, allowImport: false, allowAuthorPreview: false }), importUpload: async () => ({ location: null, problems: [] }), saveFile: async () => false });
    await expect(off.importPackUpload(upload)).rejects.toThrow(/turned off on this computer by its classroom policy/);
    await expect(off.previewPackUpload(upload)).rejects.toThrow(/turned off on this computer by its classroom policy/);
    const desktop = new PagewalkService(storage, { list: async () => [] }, { info: () => info, policy: () => DEFAULT_POLICY, saveFile: async () => false });
    await expect(desktop.importPackUpload(upload)).rejects.toThrow(/the desktop app imports packs with its own file dialog/);
  });
});

describe('the school index (packs/index.json)', () => {
  it('lists .pagewalk files in the packs folder, and says what it cannot use', () => {
    expect(parseSchoolIndex('{"packs": ["os101.pagewalk", "os101.pagewalk", "b.PAGEWALK"]}')).toEqual({ names: ['os101.pagewalk', 'b.PAGEWALK'], problems: [] });
    expect(parseSchoolIndex('\uFEFF{"packs": []}')).toEqual({ names: [], problems: [] });
    expect(parseSchoolIndex('{"packs": ["../x.pagewalk", "sub/y.pagewalk", "z.zip", 3]}').problems).toHaveLength(4);
    expect(parseSchoolIndex('["a.pagewalk"]').problems[0]).toMatch(/must be an object with a "packs" list/);
    expect(parseSchoolIndex('{oops').problems[0]).toMatch(/^packs\/index\.json is not valid JSON/);
    const many = parseSchoolIndex(JSON.stringify({ packs: Array.from({ length: 150 }, (_, i) => `p${i}.pagewalk`) }));
    expect(many.names).toHaveLength(100);
    expect(many.problems).toEqual(['packs/index.json lists 150 packs; only the first 100 are read']);
  });
});
