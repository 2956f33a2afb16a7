/*
 * The pack open in author preview, kept outside the Author screen so it survives moving
 * to a lesson of the pack and back, and so a change to the folder can reload it whichever
 * screen is showing: the desktop's "folder changed" event, or in the browser build a
 * look at the folder every WATCH_MS (when it was opened with the File System Access API;
 * a folder read from an <input> or an older drop cannot be read again, so it is "once").
 */
import type { PackUpload, PagewalkApi } from '../../core/api.ts';
import type { PackSummary } from '../../core/lessons/types.ts';
import { errorText } from './api.ts';

export const preview = $state({
  /** Grant for the folder being previewed, when known (from a drop, or reported by the file watcher); see DesktopExtras. */
  folder: null as string | null,
  /** Browser build: the name of the folder or file being previewed, and whether it is watched for changes. */
  upload: null as { name: string; watched: boolean } | null,
  pack: null as PackSummary | null,
  problems: [] as string[],
  loadedAt: null as Date | null,
  error: null as string | null,
  busy: false,
});

export async function openPreview(api: PagewalkApi, folder: string | null): Promise<void> {
  preview.busy = true;
  preview.error = null;
  try {
    const r = await api.openPreview(folder);
    if (!r.pack && r.problems.length === 0) return; // the folder dialog was cancelled
    if (folder) preview.folder = folder;
    preview.pack = r.pack;
    preview.problems = r.problems;
    preview.loadedAt = new Date();
  } catch (e) {
    preview.error = errorText(e);
  } finally {
    preview.busy = false;
  }
}

/** How often a watched folder is looked at (only file sizes and times; it is re-read only when one changed). */
export const WATCH_MS = 1000;
let watching: ReturnType<typeof setInterval> | null = null;

/** Browser build: preview a picked or dropped folder (or `.pagewalk` file); a live folder is then watched, and `onReload` called after each change. */
export async function openUploadPreview(api: PagewalkApi, upload: PackUpload, onReload: () => void): Promise<void> {
  preview.busy = true;
  preview.error = null;
  try {
    const r = await api.previewPackUpload(upload);
    preview.upload = { name: upload.name, watched: upload.kind === 'folder' };
    preview.pack = r.pack;
    preview.problems = r.problems;
    preview.loadedAt = new Date();
    watch(api, upload.kind === 'folder', onReload);
  } catch (e) {
    preview.error = errorText(e);
  } finally {
    preview.busy = false;
  }
}

function watch(api: PagewalkApi, on: boolean, onReload: () => void): void {
  if (watching !== null) clearInterval(watching);
  watching = null;
  if (!on) return;
  let looking = false;
  watching = setInterval(async () => {
    if (looking || preview.busy) return;
    looking = true;
    try {
      const r = await api.previewPackUpload(null);
      if (!r.changed) return;
      preview.pack = r.pack;
      preview.problems = r.problems;
      preview.loadedAt = new Date();
      preview.error = null;
      onReload();
    } catch (e) {
      preview.error = errorText(e);
    } finally {
      looking = false;
    }
  }, WATCH_MS);
}
