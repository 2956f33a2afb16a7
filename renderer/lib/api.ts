/*
 * How the renderer reaches the core. In the desktop app the preload script puts the
 * typed API on `window.pagewalk` (IPC to the main process underneath); in the browser
 * build there is no preload, so the core is started in a Web Worker and reached through
 * a proxy generated from API_METHODS. Either way the app only ever sees `PagewalkApi`.
 */
import type { DesktopExtras, PagewalkApi } from '../../core/api.ts';
import { t } from '../../core/i18n/index.ts';
import { decodeViews, type WireApi } from '../../core/view-delta.ts';

export type { DesktopExtras };

declare global {
  interface Window {
    /** The desktop bridge: the API as the wire carries it (views as patches, decoded in connectApi). */
    pagewalk?: WireApi;
  }
}

export class HostUnavailableError extends Error {}

export async function connectApi(): Promise<PagewalkApi> {
  // Either host sends a session's views as patches against the last one (core/view-delta.ts).
  if (window.pagewalk) return decodeViews(window.pagewalk);
  if (import.meta.env.MODE === 'web') {
    const { startWorkerApi } = await import('../worker/client.ts');
    keepStorage();
    return decodeViews(startWorkerApi());
  }
  throw new HostUnavailableError(t('screens.boot.noBridge'));
}

/**
 * Ask the browser to keep this site's storage (progress, packs, sandbox sessions) when disk
 * space runs low, instead of evicting it as best-effort data. Only a page can ask (not the
 * worker); browsers may grant it silently, ask, or refuse: all three are fine.
 */
function keepStorage(): void {
  navigator.storage?.persist?.().catch(() => undefined);
}

/** The message to show for a failed API call: the service's own words, never a stack trace. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message.replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
  return String(e);
}

export function desktopExtras(api: PagewalkApi): DesktopExtras | null {
  const x = api as Partial<DesktopExtras>;
  return typeof x.onPackChanged === 'function' && typeof x.onMenuCommand === 'function' && typeof x.pathForFile === 'function' ? (x as DesktopExtras) : null;
}
