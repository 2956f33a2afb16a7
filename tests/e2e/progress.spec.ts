/*
 * Progress that moves with the learner, in the browser build: a named learner works in a
 * lesson, exports JSON, and a fresh browser profile (a Chromebook at home, another
 * classroom seat) imports it to exactly the same library and Progress screen. Opening a
 * lesson without doing anything leaves it "Not started".
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { freshStart, watchErrors } from './helpers.ts';

const LESSON_TITLE = 'Virtual and physical memory';

test.beforeEach(async ({ page }) => freshStart(page));

async function libraryCard(page: Page, title: string) {
  await page.getByRole('link', { name: 'Library', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  return page.locator('.lesson-card', { hasText: title });
}

/** What the learner can read of their progress: the library cards and the Progress table. */
async function progressAsShown(page: Page): Promise<{ cards: string[]; table: string }> {
  await libraryCard(page, LESSON_TITLE);
  const cards = await page.locator('.lesson-card').allInnerTexts();
  await page.getByRole('link', { name: 'Progress', exact: true }).click();
  await expect(page.locator('table.data')).toBeVisible();
  return { cards, table: await page.locator('table.data').innerText() };
}

test('export on one profile, import on a fresh one: the same progress, named for the learner', async ({ page, browser }) => {
  const errors = watchErrors(page);
  await page.goto('/#/progress');
  await page.getByLabel(/Your name/).fill('Ada Lovelace');
  await page.getByLabel(/Your name/).press('Enter');
  await expect(page.getByText(/Your exports will be named for Ada Lovelace/).first()).toBeVisible();

  // Opening a lesson and leaving is not progress.
  let card = await libraryCard(page, 'Address translation and the page table');
  await card.getByRole('link', { name: /Start/ }).click();
  await expect(page.locator('.step-no')).toHaveText(/Step 1 of/);
  card = await libraryCard(page, 'Address translation and the page table');
  await expect(card).toContainText('Not started');

  // Moving on and answering is.
  await (await libraryCard(page, LESSON_TITLE)).getByRole('link', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Forward/ }).click();
  await expect(page.locator('.step-no')).toHaveText('Step 2 of 6');
  await page.getByLabel(/Your address/).fill('0x0');
  await page.getByRole('button', { name: 'Check my prediction' }).click();
  await expect(page.locator('.feedback')).toBeVisible();
  card = await libraryCard(page, LESSON_TITLE);
  await expect(card).toContainText('In progress');
  await expect(card).toContainText('2 of 6 steps seen');
  await expect(card).toContainText('0 of 5 quizzes mastered');
  await page.screenshot({ path: 'tests/e2e/screenshots/library-progress.png' });

  const before = await progressAsShown(page);
  expect(before.table).toContain('Which physical address');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export JSON/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^pagewalk-progress-ada-lovelace-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();
  const doc = JSON.parse(await readFile(file, 'utf8'));
  expect(doc).toMatchObject({ format: 'pagewalk-progress', formatVersion: 2, learner: 'Ada Lovelace' });
  expect(doc.packs[0]).toMatchObject({ id: 'pagewalk.memory-management', version: '1.0.0' });
  expect(doc.packs[0].lessons[0]).toMatchObject({ title: LESSON_TITLE, stepsSeen: 2, stepCount: 6, status: 'in progress' });
  expect(doc.packs[0].lessons[0].quizzes[0]).toMatchObject({ id: 'pa-in-a', step: 2, attempts: 1, correct: 0 });

  // A fresh browser profile: nothing there until the file is imported.
  const context = await browser.newContext();
  const other = await context.newPage();
  const otherErrors = watchErrors(other);
  await other.goto('/#/progress');
  await expect(other.getByRole('heading', { name: 'Nothing yet' })).toBeVisible();
  const [chooser] = await Promise.all([other.waitForEvent('filechooser'), other.getByRole('button', { name: /Import JSON/ }).click()]);
  await chooser.setFiles(file);
  await expect(other.getByText(/Imported .*1 lesson added; nothing here was lowered/).first()).toBeVisible();
  await expect(other.getByLabel(/Your name/)).toHaveValue('Ada Lovelace');
  const after = await progressAsShown(other);
  expect(after).toEqual(before);

  // The same file again adds nothing; a CSV is refused with a reason.
  const [again] = await Promise.all([other.waitForEvent('filechooser'), other.getByRole('button', { name: /Import JSON/ }).click()]);
  await again.setFiles(file);
  await expect(other.getByText(/has nothing newer than this computer/).first()).toBeVisible();
  const [csvChooser] = await Promise.all([other.waitForEvent('filechooser'), other.getByRole('button', { name: /Import JSON/ }).click()]);
  await csvChooser.setFiles({ name: 'class.csv', mimeType: 'text/csv', buffer: Buffer.from('learner,pack,lesson\r\n') });
  await expect(other.getByText(/class.csv was not imported: this is a CSV export/).first()).toBeVisible();
  expect((await progressAsShown(other)).table).toEqual(before.table);

  await context.close();
  expect(errors).toEqual([]);
  expect(otherErrors).toEqual([]);
});
