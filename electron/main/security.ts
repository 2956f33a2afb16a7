/*
 * The security rules of the window, as plain functions so they can be tested without
 * Electron: the Content-Security-Policy, which requests may leave the page (none that
 * reach a network), which navigations are allowed (none), and which frames may call
 * the API (only our own page).
 *
 * The page is loaded from file:// in production (from the electron-vite dev server on
 * localhost while developing). "Our page" means exactly the renderer's index.html; any
 * other file, any other scheme, any http(s) host is someone else's content.
 */
import { fileURLToPath } from 'node:url';
import { isAbsolute, relative } from 'node:path';

// One policy for the header and the page's <meta> (see electron/csp.ts).
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../csp.ts';
export { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER };

export interface PageOrigin {
  /** Folder holding the built renderer (out/renderer); file:// requests must stay inside it. */
  rendererDir: string;
  /** The dev server while developing (e.g. "http://localhost:5173"), else null. */
  devServer: string | null;
}

function fileInside(url: URL, dir: string): boolean {
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return false;
  }
  const r = relative(dir, path);
  return r !== '' && !r.startsWith('..') && !isAbsolute(r);
}

function sameOrigin(url: URL, origin: string | null): boolean {
  if (!origin) return false;
  try {
    return url.origin === new URL(origin).origin;
  } catch {
    return false;
  }
}

/** Whether the page may load this URL at all (checked for every request the session makes). */
export function isAllowedRequest(rawUrl: string, page: PageOrigin): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  switch (url.protocol) {
    case 'file:':
      return fileInside(url, page.rendererDir);
    case 'data:':
    case 'blob:':
      return true; // in-memory content the page made itself: no network involved
    case 'devtools:':
    case 'chrome-devtools:':
      return true;
    case 'http:':
    case 'https:':
    case 'ws:':
      // Only the local dev server (and its hot-reload socket) while developing.
      if (!page.devServer) return false;
      if (url.protocol === 'ws:') return url.hostname === new URL(page.devServer).hostname && url.port === new URL(page.devServer).port;
      return sameOrigin(url, page.devServer);
    default:
      return false;
  }
}

/** Whether a frame at this URL is our own page, and so may call the API. */
export function isOwnPage(frameUrl: string, indexFile: string, page: PageOrigin): boolean {
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (url.protocol === 'file:') {
    try {
      return fileURLToPath(url) === indexFile;
    } catch {
      return false;
    }
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && sameOrigin(url, page.devServer);
}

/** Navigation away from the page is never allowed; reloading the page itself is. */
export function isAllowedNavigation(targetUrl: string, indexFile: string, page: PageOrigin): boolean {
  return isOwnPage(targetUrl, indexFile, page);
}
