/*
 * Author preview: an instructor opens a pack folder, edits it in their editor, and the app
 * reloads it on every save. One folder is watched at a time (opening another replaces it).
 *
 * Editors save in bursts (temporary file, rename, touch), so changes are gathered and
 * reported once the folder has been quiet for `quietMs`. Hidden files (.git, swap files)
 * do not count. If the folder disappears (renamed, unmounted) the watcher stops quietly;
 * opening the folder again starts a new one.
 */
import { watch, type FSWatcher } from 'node:fs';

export class PreviewWatcher {
  private watcher: FSWatcher | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private folder: string | null = null;

  constructor(
    private readonly onChange: (folder: string) => void,
    private readonly quietMs = 250,
  ) {}

  /** Watch `folder` (and everything under it), replacing any folder watched before. */
  watch(folder: string): void {
    if (this.folder === folder && this.watcher) return;
    this.stop();
    this.folder = folder;
    try {
      this.watcher = watch(folder, { recursive: true, persistent: false }, (_event, name) => {
        if (name && String(name).split(/[\\/]/).some((part) => part.startsWith('.'))) return;
        this.changed();
      });
      this.watcher.on('error', () => this.stop());
    } catch {
      // A folder that cannot be watched still previews; it just does not reload by itself.
      this.watcher = null;
    }
  }

  get watching(): string | null {
    return this.watcher ? this.folder : null;
  }

  private changed(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.folder) this.onChange(this.folder);
    }, this.quietMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.watcher?.close();
    this.watcher = null;
    this.folder = null;
  }
}
