/*
 * Names shared by the main process and the preload, and the shape of what the preload
 * adds next to the API. Kept free of imports with runtime code: the preload bundles this
 * file, and a sandboxed preload must stay small and self-contained.
 *
 *   pagewalk:<method>              one invoke channel per PagewalkApi method (page → main)
 *   pagewalk-event:pack-changed    a previewed pack folder changed on disk (main → page)
 *   pagewalk-event:menu            a menu item or its shortcut was chosen (main → page)
 */
import type { PagewalkApi } from '../core/api.ts';

export const IPC_PREFIX = 'pagewalk:';
export const PACK_CHANGED_CHANNEL = 'pagewalk-event:pack-changed';
export const MENU_CHANNEL = 'pagewalk-event:menu';

/** What the application menu asks the page to do; the page acts as if its own button was pressed. */
export type MenuCommand = 'import-pack' | 'open-preview' | 'go-library' | 'go-sandbox' | 'go-progress' | 'go-settings' | 'show-shortcuts';

export const MENU_COMMANDS: readonly MenuCommand[] = ['import-pack', 'open-preview', 'go-library', 'go-sandbox', 'go-progress', 'go-settings', 'show-shortcuts'];

/** The reply of every invoke channel: plain data, never a thrown exception. */
export type IpcReply = { ok: true; value: unknown } | { ok: false; error: { kind: 'untrusted-sender' | 'bad-arguments' | 'refused' | 'failed'; message: string } };

/**
 * `window.pagewalk` in the desktop app: the API plus three desktop-only helpers.
 * (Proposed for core/api.ts as `DesktopEvents`, so the renderer can type it.)
 */
export interface DesktopBridge extends PagewalkApi {
  /** Called with the folder whenever the pack being previewed changes on disk; returns an unsubscribe function. */
  onPackChanged(listener: (folder: string) => void): () => void;
  /** Called when a menu item (or its keyboard shortcut) asks the page to do something. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** The path of a file dropped on the window, to pass to importPack or openPreview ("" if it has none). */
  pathForFile(file: File): string;
}
