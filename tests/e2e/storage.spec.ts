/*
 * Issue 12, finding 8: the browser build's storage in a real Chromium. Whatever a browser
 * has left in IndexedDB — an old database without its "documents" store, a progress
 * record that cannot be read, another tab upgrading or deleting the database — the app
 * opens, keeps what it can, keeps a copy of what it cannot, and says so.
 */
import { expect, test, type Page } from '@playwright/test';
import { clearStorage, watchErrors } from './helpers.ts';

const LESSON = 'Virtual and physical memory';
const library = (page: Page) => page.getByRole('heading', { level: 1, name: 'Library' });

/** A same-origin page that does not start the app, to set up IndexedDB before it loads. */
async function blankPage(page: Page): Promise<void> {
  await page.route('**/__blank', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await page.goto('/__blank');
  await clearStorage(page);
}

/** Create the database as an older build (or a stranger) left it. */
async function seed(page: Page, version: number, stores: string[], documents: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(
    ({ version, stores, documents }) =>
      new Promise<void>((resolve, reject) => {
        const r = indexedDB.open('pagewalk', version);
        r.onupgradeneeded = () => {
          for (const s of stores) r.result.createObjectStore(s);
        };
        r.onerror = () => reject(r.error);
        r.onsuccess = () => {
          const db = r.result;
          const keys = Object.keys(documents);
          if (keys.length === 0) return db.close(), resolve();
          const tx = db.transaction('documents', 'readwrite');
          for (const k of keys) tx.objectStore('documents').put(documents[k], k);
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { version, stores, documents },
  );
}

/** What the database holds now: its version, stores, and the backups kept. */
async function inspect(page: Page): Promise<{ version: number; stores: string[]; backups: { key: string; value: { document: string; reason: string; value: unknown } }[] }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const r = indexedDB.open('pagewalk');
        r.onerror = () => reject(r.error);
        r.onsuccess = () => {
          const db = r.result;
          const stores = [...db.objectStoreNames];
          if (!stores.includes('backups')) return db.close(), resolve({ version: db.version, stores, backups: [] });
          const s = db.transaction('backups').objectStore('backups');
          const keys = s.getAllKeys();
          const values = s.getAll();
          values.onsuccess = () => {
            db.close();
            resolve({ version: db.version, stores, backups: (keys.result as string[]).map((key, i) => ({ key, value: values.result[i] })) });
          };
        };
      }),
  );
}

/** Step once into the first lesson (the learner acted), back to the Library, reload: the lesson is remembered. */
async function progressSurvivesReload(page: Page): Promise<void> {
  await page.getByRole('link', { name: new RegExp(`Start: ${LESSON}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: LESSON })).toBeVisible();
  await page.getByRole('button', { name: /Forward/ }).click();
  await expect(page.locator('.step-no')).toHaveText(/Step 2 of/);
  await page.goto('/#/library');
  await page.reload();
  await expect(library(page)).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(`(Continue|Review): ${LESSON}`) })).toBeVisible();
}

test('a version-1 database without its "documents" store is upgraded in place, and progress is saved again', async ({ page }) => {
  const errors = watchErrors(page);
  await blankPage(page);
  await seed(page, 1, ['something-else']);
  await page.goto('/');
  await expect(library(page)).toBeVisible();
  await expect(page.getByText(/cannot be saved in this browser/)).toHaveCount(0);
  await progressSurvivesReload(page);
  const db = await inspect(page);
  expect(db.version).toBe(2);
  expect(db.stores.sort()).toEqual(['backups', 'documents', 'packs', 'something-else']);
  expect(errors).toEqual([]);
});

test('a stored progress record that cannot be read is kept as a backup and the learner is told; settings survive', async ({ page }) => {
  const errors = watchErrors(page);
  await blankPage(page);
  await seed(page, 1, ['documents'], { progress: 'not a progress record at all', settings: { theme: 'dark', fontSize: 20 } });
  await page.goto('/');
  await expect(library(page)).toBeVisible();
  const notice = page.getByRole('region', { name: 'Notices' });
  await expect(notice).toContainText('Your progress stored in this browser could not all be read (it is not a progress record)');
  await expect(notice).toContainText('kept unchanged');
  // The settings were fine: the dark theme is still on.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const db = await inspect(page);
  expect(db.backups).toHaveLength(1);
  expect(db.backups[0].value).toMatchObject({ document: 'progress', reason: 'it is not a progress record', value: 'not a progress record at all' });
  // The learner goes on, and new progress is saved.
  await progressSurvivesReload(page);
  expect(errors).toEqual([]);
});

test('partly damaged progress: the readable lessons are kept, the whole record is backed up, the notice says how much was lost', async ({ page }) => {
  await blankPage(page);
  const good = { furthestStep: 3, completed: false, completedAt: null, quizzes: {} };
  await seed(page, 1, ['documents'], { progress: { version: 1, packs: { 'pagewalk.memory-management': { 'virtual-vs-physical': good, broken: 42 } } } });
  await page.goto('/');
  await expect(library(page)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Notices' })).toContainText('1 of its 2 lesson records could not be read');
  const db = await inspect(page);
  expect(db.backups.map((b) => b.value.document)).toEqual(['progress']);
});

test('another tab upgrading or deleting the database is never blocked, and this tab keeps saving', async ({ page, context }) => {
  const errors = watchErrors(page);
  await blankPage(page);
  await page.goto('/');
  await expect(library(page)).toBeVisible();
  await page.getByRole('link', { name: new RegExp(`Start: ${LESSON}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: LESSON })).toBeVisible();

  // A newer build in another tab upgrades the database: our open connection must let it.
  const other = await context.newPage();
  await other.route('**/__blank', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await other.goto('/__blank');
  const upgraded = await other.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const r = indexedDB.open('pagewalk', 3);
        const timer = setTimeout(() => resolve('blocked for 3 s'), 3000);
        r.onblocked = () => undefined; // fires first, while the app's connection is asked to close
        r.onsuccess = () => (clearTimeout(timer), r.result.close(), resolve(`upgraded to ${r.result.version}`));
        r.onerror = () => (clearTimeout(timer), resolve(`error ${r.error?.name}`));
      }),
  );
  expect(upgraded).toBe('upgraded to 3');

  // This tab reopens the (newer) database when it next saves.
  await page.getByRole('button', { name: /Forward/ }).click();
  await expect(page.locator('.step-no')).toHaveText(/Step 2 of/);
  await page.goto('/#/library');
  await page.reload();
  await expect(page.getByRole('link', { name: new RegExp(`(Continue|Review): ${LESSON}`) })).toBeVisible();

  // Deleting (what "clear site data" and the tests' clean slate do) is not blocked either.
  const deleted = await other.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const r = indexedDB.deleteDatabase('pagewalk');
        const timer = setTimeout(() => resolve('blocked for 3 s'), 3000);
        r.onsuccess = () => (clearTimeout(timer), resolve('deleted'));
        r.onerror = () => (clearTimeout(timer), resolve(`error ${r.error?.name}`));
      }),
  );
  expect(deleted).toBe('deleted');
  await other.close();
  // And the app still saves afterwards (a fresh database is created on next use).
  await page.getByRole('link', { name: new RegExp(`(Continue|Review): ${LESSON}`) }).click();
  await page.getByRole('button', { name: /Forward/ }).click();
  await page.goto('/#/library');
  await page.reload();
  await expect(page.getByRole('link', { name: new RegExp(`(Continue|Review): ${LESSON}`) })).toBeVisible();
  expect(errors).toEqual([]);
});
