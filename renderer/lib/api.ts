/*
 * How the renderer reaches the core. In the desktop app the preload script puts the
 * typed API on `window.pagewalk` (IPC to the main process underneath); in the browser
 * build there is no preload, so the core is started in a Web Worker and reached through
 * a proxy generated from API_METHODS. Either way the app only ever sees `PagewalkApi`.
 */
import type { DesktopExtras, PagewalkApi } from '../../core/api.ts';

export type { DesktopExtras };

declare global {
  interface Window {
    pagewalk?: PagewalkApi;
  }
}

export class HostUnavailableError extends Error {}

export async function connectApi(): Promise<PagewalkApi> {
  if (window.pagewalk) return window.pagewalk;
  if (import.meta.env.MODE === 'web') {
    const { startWorkerApi } = await import('../worker/client.ts');
    keepStorage();
    return startWorkerApi();
  }
  throw new HostUnavailableError('Pagewalk could not reach its simulator: the desktop bridge is missing. Reinstall the app, or use the browser build (npm run web).');
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
