/*
 * How the browser build's page gets hold of a lesson pack the learner chooses: a file
 * picker, a folder picker (the File System Access API's showDirectoryPicker where the
 * browser has it, so author preview can re-read the folder when it changes; otherwise a
 * folder <input>, read once), or a drop. The result is a PackUpload — File objects or a
 * folder handle — handed to the worker, which reads it with the shared pack reader.
 * Nothing is read here: the worker applies the limits before reading anything whole.
 */
import type { FolderHandle, PackUpload } from '../../core/api.ts';
import { PACK_READ_LIMITS } from '../../core/lessons/limits.ts';

interface DirectoryPickerWindow {
  showDirectoryPicker?: (options?: { id?: string; mode?: 'read' }) => Promise<FolderHandle>;
}

/** True where the browser can open a folder and read it again later (Chromium-based browsers). */
export function canWatchFolders(): boolean {
  return typeof (window as unknown as DirectoryPickerWindow).showDirectoryPicker === 'function';
}

/** Let the learner choose with a hidden <input type=file>; null if they cancel. */
function chooseWithInput(setup: (input: HTMLInputElement) => void): Promise<FileList | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.hidden = true;
    setup(input);
    const finish = (files: FileList | null) => {
      input.remove();
      resolve(files && files.length > 0 ? files : null);
    };
    input.addEventListener('change', () => finish(input.files));
    input.addEventListener('cancel', () => finish(null));
    document.body.append(input);
    input.click();
  });
}

/** Pick a `.pagewalk` file. */
export async function pickArchive(): Promise<PackUpload | null> {
  const files = await chooseWithInput((input) => (input.accept = '.pagewalk'));
  const file = files?.[0];
  return file ? { kind: 'archive', name: file.name, file } : null;
}

/** Paths relative to the chosen folder: a folder input names every file "folder/…". */
function relativeToFolder(files: FileList): { name: string; files: { path: string; file: File }[] } {
  const all = [...files];
  const name = all[0]?.webkitRelativePath.split('/')[0] ?? 'folder';
  return { name, files: all.map((file) => ({ path: file.webkitRelativePath.split('/').slice(1).join('/') || file.name, file })) };
}

/** Pick a pack folder: a live handle where the browser can, else the folder's files as they are now. */
export async function pickFolder(): Promise<PackUpload | null> {
  const picker = (window as unknown as DirectoryPickerWindow).showDirectoryPicker;
  if (picker) {
    try {
      const handle = await picker({ id: 'pagewalk-pack', mode: 'read' });
      return { kind: 'folder', name: handle.name, handle };
    } catch (e) {
      if ((e as DOMException).name === 'AbortError') return null; // the learner cancelled
      throw e;
    }
  }
  const files = await chooseWithInput((input) => (input.webkitdirectory = true));
  return files ? { kind: 'files', ...relativeToFolder(files) } : null;
}

/** Every file below a dropped folder (the older entries API), bounded so a huge folder cannot stall the page. */
export async function filesOfEntry(root: FileSystemDirectoryEntry): Promise<{ path: string; file: File }[]> {
  const out: { path: string; file: File }[] = [];
  // One more than the reader accepts, so it can say the pack has too many files.
  const max = PACK_READ_LIMITS.maxFiles + 1;
  const walk = async (dir: FileSystemDirectoryEntry, prefix: string, depth: number): Promise<void> => {
    const reader = dir.createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) return;
      for (const entry of batch) {
        if (out.length >= max) return;
        const path = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.isDirectory) {
          if (depth < PACK_READ_LIMITS.maxDepth) await walk(entry as FileSystemDirectoryEntry, path, depth + 1);
        } else {
          out.push({ path, file: await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)) });
        }
      }
    }
  };
  await walk(root, '', 0);
  return out;
}

interface HandleItem {
  getAsFileSystemHandle?: () => Promise<{ kind: string; name: string } | null>;
}

/**
 * What was dropped, as an upload. Must be called during the drop event itself: the
 * browser empties the DataTransfer afterwards, so its items are taken here, synchronously.
 */
export function uploadFromDrop(data: DataTransfer): Promise<PackUpload | null> {
  const item = [...data.items].find((i) => i.kind === 'file');
  const handle = item && typeof (item as HandleItem).getAsFileSystemHandle === 'function' ? (item as HandleItem).getAsFileSystemHandle!() : null;
  const entry = item?.webkitGetAsEntry?.() ?? null;
  const file = data.files[0] ?? null;
  return (async () => {
    const h = handle ? await handle.catch(() => null) : null;
    if (h?.kind === 'directory') return { kind: 'folder', name: h.name, handle: h as unknown as FolderHandle };
    if (entry?.isDirectory) return { kind: 'files', name: entry.name, files: await filesOfEntry(entry as FileSystemDirectoryEntry) };
    if (file) return { kind: 'archive', name: file.name, file };
    return null;
  })();
}

/** True when a drag carries files (so the page should offer to take them). */
export function carriesFiles(e: DragEvent): boolean {
  return Boolean(e.dataTransfer?.types.includes('Files'));
}
