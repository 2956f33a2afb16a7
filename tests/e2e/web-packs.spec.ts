/*
 * Issue 15, item 1: lesson packs in the browser build, in Chromium against the built app.
 * A pack is imported by the file picker, by a folder, and by drag-and-drop, played, kept
 * across a reload (IndexedDB) and removed; a broken pack is refused with its errors; the
 * school's packs served beside the build are listed as "School"; author preview of a
 * folder opened with the File System Access API reloads when a file in it changes.
 *
 * showDirectoryPicker opens a native dialog, which a headless browser cannot answer: the
 * tests replace it with one that returns a folder in the origin-private file system
 * (a real FileSystemDirectoryHandle, which the test writes to as an editor would).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { readPackFolder } from '../../core/cli/lessons.ts';
import { packArchive } from '../../core/lessons/archive.ts';
import { encoded, freshStart, watchErrors, writeOpfsPack } from './helpers.ts';

const PACK_TITLE = 'First steps in virtual memory';
const LESSON = 'Two processes, one virtual address';
const example = readPackFolder(join(process.cwd(), 'docs', 'examples', 'pack')).files;
const tmp = mkdtempSync(join(tmpdir(), 'pagewalk-web-packs-'));
const archivePath = join(tmp, 'first-steps.pagewalk');
writeFileSync(archivePath, packArchive(example));

const library = (page: Page) => page.getByRole('heading', { level: 1, name: 'Library' });
const packSection = (page: Page, title = PACK_TITLE) => page.locator('section.pack', { has: page.getByRole('heading', { level: 2, name: title }) });
const notices = (page: Page) => page.getByRole('region', { name: 'Notices' });



/** Replace the native folder dialog with one that "chooses" an origin-private folder. */
async function stubFolderPicker(page: Page, folder: string): Promise<void> {
  await page.addInitScript((folder) => {
    (window as unknown as { showDirectoryPicker: () => Promise<unknown> }).showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
  }, folder);
}

/** Open the first lesson of the example pack and take one step. */
async function playFirstLesson(page: Page): Promise<void> {
  await page.getByRole('link', { name: new RegExp(`Start: ${LESSON}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: LESSON })).toBeVisible();
  await page.getByRole('button', { name: /Forward/ }).click();
  await expect(page.locator('.step-no')).toHaveText(/Step 2 of/);
}

test('import a .pagewalk file with the file picker, play it, keep it across a reload, remove it', async ({ page }) => {
  const errors = watchErrors(page);
  page.on('dialog', (d) => void d.accept());
  await freshStart(page);
  await page.goto('/');
  await expect(library(page)).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /Import a pack file/ }).click();
  await (await chooser).setFiles(archivePath);
  await expect(notices(page)).toContainText(`Installed “${PACK_TITLE}”`);
  await expect(packSection(page)).toContainText('Imported');
  await playFirstLesson(page);

  await page.goto('/#/library');
  await page.reload();
  await expect(packSection(page)).toBeVisible();
  await packSection(page).getByRole('button', { name: 'Remove' }).click();
  await expect(notices(page)).toContainText(`Removed “${PACK_TITLE}”`);
  await expect(packSection(page)).toHaveCount(0);
  await page.reload();
  await expect(library(page)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Memory management, step by step' })).toBeVisible();
  await expect(packSection(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('import by dropping a .pagewalk file on the Library, and play it', async ({ page }) => {
  const errors = watchErrors(page);
  await freshStart(page);
  await page.goto('/');
  await expect(library(page)).toBeVisible();
  const data = await page.evaluateHandle(
    ({ b64, name }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
      return transfer;
    },
    { b64: readFileSync(archivePath).toString('base64'), name: 'first-steps.pagewalk' },
  );
  const zone = page.getByRole('region', { name: 'Library' });
  await zone.dispatchEvent('dragover', { dataTransfer: data });
  await zone.dispatchEvent('drop', { dataTransfer: data });
  await expect(notices(page)).toContainText(`Installed “${PACK_TITLE}”`);
  await playFirstLesson(page);
  expect(errors).toEqual([]);
});

test('import a pack folder (the folder dialog, and the folder input where the browser has no such dialog); a broken pack is refused with its errors', async ({ page }) => {
  const errors = watchErrors(page);
  await stubFolderPicker(page, 'picked-pack');
  await freshStart(page);
  await writeOpfsPack(page, 'picked-pack', encoded(example));
  await page.goto('/');
  await page.getByRole('button', { name: /Import a pack folder/ }).click();
  await expect(notices(page)).toContainText(`Installed “${PACK_TITLE}”`);
  await expect(packSection(page)).toContainText('Imported');

  // Without showDirectoryPicker: a folder <input>. This folder's lesson is broken.
  const broken = join(tmp, 'broken-pack');
  for (const [path, c] of example) {
    mkdirSync(dirname(join(broken, path)), { recursive: true });
    writeFileSync(join(broken, path), path === 'lessons/01-two-processes.yaml' ? 'id: two-processes\ntitle: [unclosed\n' : c);
  }
  await page.evaluate(() => delete (window as unknown as { showDirectoryPicker?: unknown }).showDirectoryPicker);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /Import a pack folder/ }).click();
  await (await chooser).setFiles(broken);
  await expect(notices(page)).toContainText('broken-pack was not installed because it has errors');
  await expect(notices(page)).toContainText('lessons/01-two-processes.yaml:');
  expect(errors).toEqual([]);
});

test('packs the school serves beside the build (packs/index.json) are listed as School, playable and not removable', async ({ page, context }) => {
  const errors = watchErrors(page);
  const other = packArchive(new Map([...example].map(([p, c]) => [p, p === 'pack.yaml' ? (c as string).replace('id: example.first-steps', 'id: school.first-steps').replace(`title: ${PACK_TITLE}`, 'title: Room 204 pack') : c])));
  await context.route('**/packs/index.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify({ packs: ['room204.pagewalk', 'missing.pagewalk', '../escape.pagewalk'] }) }));
  await context.route('**/packs/room204.pagewalk', (r) => r.fulfill({ contentType: 'application/octet-stream', body: Buffer.from(other) }));
  await context.route('**/packs/missing.pagewalk', (r) => r.fulfill({ status: 404, body: 'not found' }));
  await freshStart(page);
  await page.goto('/');
  const school = packSection(page, 'Room 204 pack');
  await expect(school).toContainText('School');
  await expect(school.getByRole('button', { name: 'Remove' })).toHaveCount(0);
  // What the index gets wrong is listed, not hidden.
  await expect(page.locator('section.pack', { hasText: 'missing.pagewalk is listed in packs/index.json but is not on the server' })).toHaveCount(1);
  await expect(page.getByText('packs/index.json lists "../escape.pagewalk"')).toBeVisible();
  await playFirstLesson(page);
  expect(errors).toEqual([]);
});

test('author preview of a folder reloads by itself when a file in it is saved', async ({ page }) => {
  const errors = watchErrors(page);
  await stubFolderPicker(page, 'live-pack');
  await freshStart(page);
  await writeOpfsPack(page, 'live-pack', encoded(example));
  await page.goto('/#/author');
  await page.getByRole('button', { name: 'Open pack folder…' }).click();
  await expect(page.getByRole('heading', { level: 2, name: PACK_TITLE })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'reloads by itself' })).toBeVisible();

  // The author saves a new title, then breaks a lesson: each save shows up without a click.
  const manifest = example.get('pack.yaml') as string;
  await writeOpfsPack(page, 'live-pack', [['pack.yaml', Buffer.from(manifest.replace(`title: ${PACK_TITLE}`, 'title: Edited title')).toString('base64')]]);
  await expect(page.getByRole('heading', { level: 2, name: 'Edited title' })).toBeVisible();

  // The previewed pack plays like any other, and is still watched after leaving the screen.
  await page.getByRole('link', { name: '▶ Play' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: LESSON })).toBeVisible();
  await writeOpfsPack(page, 'live-pack', [['lessons/02-tlb-and-faults.yaml', Buffer.from('id: tlb-and-faults\ntitle: [unclosed\n').toString('base64')]]);
  await page.goto('/#/author');
  await expect(page.locator('.problems li.error').first()).toContainText('lessons/02-tlb-and-faults.yaml:');
  await expect(page.getByRole('heading', { level: 2, name: 'Edited title' })).toBeVisible();
  expect(errors).toEqual([]);
});
