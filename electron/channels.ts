/*
 * Names shared by the main process and the preload, and the shape of what the preload
 * adds next to the API. Kept free of imports with runtime code: the preload bundles this
 * file, and a sandboxed preload must stay small and self-contained.
 *
 *   pagewalk:<method>              one invoke channel per PagewalkApi method (page → main)
 *   pagewalk-event:pack-changed    a previewed pack folder changed on disk (main → page)
 *   pagewalk-event:menu            a menu item or its shortcut was chosen (main → page)
 *   pagewalk-grant:dropped         the preload asks main for a grant for a dropped file (sync)
 */
import type { DesktopExtras, MenuCommand } from '../core/api.ts';
import type { WireApi } from '../core/view-delta.ts';

export const IPC_PREFIX = 'pagewalk:';
export const PACK_CHANGED_CHANNEL = 'pagewalk-event:pack-changed';
export const MENU_CHANNEL = 'pagewalk-event:menu';
/** Synchronous page → main: a dropped file's real path, answered with a grant (electron/main/grants.ts). */
export const GRANT_CHANNEL = 'pagewalk-grant:dropped';

export type { MenuCommand };

export const MENU_COMMANDS: readonly MenuCommand[] = ['import-pack', 'open-preview', 'go-library', 'go-sandbox', 'go-progress', 'go-settings', 'show-shortcuts'];

/** The reply of every invoke channel: plain data, never a thrown exception. */
export type IpcReply = { ok: true; value: unknown } | { ok: false; error: { kind: 'untrusted-sender' | 'bad-arguments' | 'refused' | 'failed'; message: string } };

/** `window.pagewalk` in the desktop app: the API as the wire carries it (views as patches, decoded by the page) plus the desktop-only extras. */
export type DesktopBridge = WireApi & DesktopExtras;
