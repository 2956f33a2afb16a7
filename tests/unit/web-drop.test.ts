// Issue 15, item 1: what a drop on the browser build becomes. Chromium hands over a real
// folder handle (live preview); other browsers an entry tree, read once into files; a
// plain file is an archive. A synthetic drop cannot carry a folder in Playwright, so the
// three shapes are checked here with stand-ins for the browser's objects.
import { describe, expect, it } from 'vitest';
import { filesOfEntry, uploadFromDrop } from '../../renderer/lib/web-packs.ts';

/** A stand-in FileSystemDirectoryEntry over { name: contents | subfolder }, handing out entries in batches as browsers do. */
type Tree = { [name: string]: string | Tree };
function entry(name: string, node: string | Tree): FileSystemEntry {
  if (typeof node === 'string') {
    return { name, isFile: true, isDirectory: false, file: (ok: (f: File) => void) => ok(new File([node], name)) } as unknown as FileSystemEntry;
  }
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      const children = Object.entries(node).map(([n, c]) => entry(n, c));
      let given = 0;
      return { readEntries: (ok: (batch: FileSystemEntry[]) => void) => ok(children.slice(given, (given += 2))) };
    },
  } as unknown as FileSystemEntry;
}

function dataTransfer(item: Record<string, unknown>, files: File[] = []): DataTransfer {
  return { items: [{ kind: 'file', ...item }], files } as unknown as DataTransfer;
}

describe('a drop', () => {
  it('reads a dropped folder tree into files with paths relative to it, in batches', async () => {
    const root = entry('my-pack', { 'pack.yaml': 'id: x\n', lessons: { 'a.yaml': 'A', 'b.yaml': 'B', 'c.yaml': 'C' }, assets: { 'x.png': 'P' } }) as FileSystemDirectoryEntry;
    const files = await filesOfEntry(root);
    expect(files.map((f) => f.path).sort()).toEqual(['assets/x.png', 'lessons/a.yaml', 'lessons/b.yaml', 'lessons/c.yaml', 'pack.yaml']);
    expect(await files.find((f) => f.path === 'lessons/c.yaml')!.file.text()).toBe('C');
  });

  it('stops collecting past the reader\'s file limit, so a huge folder cannot stall the page', async () => {
    const many: Tree = {};
    for (let i = 0; i < 1500; i++) many[`f${i}.yaml`] = 'x';
    expect(await filesOfEntry(entry('big', many) as FileSystemDirectoryEntry)).toHaveLength(1001);
  });

  it('is a live folder where the browser gives a handle, files where it gives an entry, an archive for a file', async () => {
    const handle = { kind: 'directory', name: 'live', values: async function* () {} };
    expect(await uploadFromDrop(dataTransfer({ getAsFileSystemHandle: async () => handle, webkitGetAsEntry: () => null }))).toEqual({ kind: 'folder', name: 'live', handle });
    const tree = entry('old-style', { 'pack.yaml': 'id: x\n' });
    const files = await uploadFromDrop(dataTransfer({ webkitGetAsEntry: () => tree }));
    expect(files).toMatchObject({ kind: 'files', name: 'old-style', files: [{ path: 'pack.yaml' }] });
    const archive = new File(['zip'], 'os101.pagewalk');
    expect(await uploadFromDrop(dataTransfer({ getAsFileSystemHandle: async () => ({ kind: 'file', name: 'os101.pagewalk' }), webkitGetAsEntry: () => null }, [archive]))).toEqual({ kind: 'archive', name: 'os101.pagewalk', file: archive });
    expect(await uploadFromDrop({ items: [], files: [] } as unknown as DataTransfer)).toBeNull();
  });
});
