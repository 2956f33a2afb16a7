/*
 * The pack open in author preview, kept outside the Author screen so it survives moving
 * to a lesson of the pack and back, and so the desktop's "folder changed" event can
 * reload it whichever screen is showing.
 */
import type { PagewalkApi } from '../../core/api.ts';
import type { PackSummary } from '../../core/lessons/types.ts';
import { errorText } from './api.ts';

export const preview = $state({
  /** Grant for the folder being previewed, when known (from a drop, or reported by the file watcher); see DesktopExtras. */
  folder: null as string | null,
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
