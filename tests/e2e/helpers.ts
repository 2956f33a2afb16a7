/* Shared by the end-to-end specs: a clean slate per test, page errors collected, and lesson 1's facts. */
import { expect, type Page } from '@playwright/test';

/** Frames of A's pages in lesson 1, as its scenario places them (page → frame). */
export const A_FRAMES: Record<number, number> = { 1: 20, 2: 9, 3: 14 };

/** Delete the browser build's stored progress and settings (the page must be open on the app's origin). */
export async function clearStorage(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const r = indexedDB.deleteDatabase('pagewalk');
        r.onsuccess = r.onerror = r.onblocked = () => resolve();
      }),
  );
}

/** Open the app and start from no progress and default settings. */
export async function freshStart(page: Page): Promise<void> {
  await page.goto('/');
  await clearStorage(page);
}

export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** The address in the quiz prompt ("A reads virtual address `0x2abc`"). */
export async function promptAddress(page: Page): Promise<number> {
  const prompt = await page.locator('.quiz .prompt').innerText();
  const m = prompt.match(/0x[0-9a-f]+/i);
  expect(m, `an address in "${prompt}"`).not.toBeNull();
  return parseInt(m![0], 16);
}

/** A pack's files as [path, base64] pairs, to hand to the page. */
export function encoded(files: Map<string, string | Uint8Array> | [string, string | Uint8Array][]): [string, string][] {
  return [...files].map(([path, c]) => [path, Buffer.from(typeof c === 'string' ? new TextEncoder().encode(c) : c).toString('base64')]);
}

/** Write a pack into the origin-private file system, as an editor saving files would. */
export async function writeOpfsPack(page: Page, folder: string, files: [string, string][]): Promise<void> {
  await page.evaluate(
    async ({ folder, files }) => {
      const root = await navigator.storage.getDirectory();
      const top = await root.getDirectoryHandle(folder, { create: true });
      for (const [path, b64] of files) {
        const parts = path.split('/');
        let dir = top;
        for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, { create: true });
        const writable = await (await dir.getFileHandle(parts[parts.length - 1], { create: true })).createWritable();
        await writable.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
        await writable.close();
      }
    },
    { folder, files },
  );
}
