/*
 * Issue 12 in a real browser: hostile packs and a runaway lesson never blank or freeze
 * the app. The page is the browser build's renderer from the dev server; its core runs in
 * a Web Worker started by the real worker client (with its watchdog), serving a real
 * PagewalkService with IndexedDB storage, over packs from tests/e2e/fixtures.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { clearStorage } from './helpers.ts';
import { API_METHODS } from '../../core/api.ts';
import { DEV_PORT } from '../../playwright.config.ts';

// Playwright runs from the project root (see playwright.config.ts).
const WORKER = join(process.cwd(), 'tests/e2e/fixtures/hostile-worker.ts');

/** Point the page at the fixture worker before any of its scripts run. */
async function openWith(page: Page, scenario: string, watchdogMs = 10_000): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  await page.addInitScript(
    ({ workerUrl, methods, watchdogMs }) => {
      let client: Promise<Record<string, (...a: unknown[]) => Promise<unknown>>> | null = null;
      // A page URL served by the dev server, not a module TypeScript can resolve.
      const clientUrl: string = '/worker/client.ts';
      const connect = () =>
        (client ??= import(clientUrl).then((m) => m.createWorkerClient(() => new Worker(workerUrl, { type: 'module' }), m.downloadText, { watchdogMs })));
      (window as unknown as { pagewalk: unknown }).pagewalk = Object.fromEntries(methods.map((name) => [name, async (...args: unknown[]) => (await connect())[name](...args)]));
    },
    { workerUrl: `/@fs${WORKER}#${scenario}`, methods: [...API_METHODS], watchdogMs },
  );
  await page.goto(`http://127.0.0.1:${DEV_PORT}/`);
  await clearStorage(page);
  await page.reload();
  return errors;
}

const library = (page: Page) => page.getByRole('heading', { level: 1, name: 'Library' });

test('the same pack found three times: the Library shows it once and says which copies were ignored', async ({ page }) => {
  const errors = await openWith(page, 'duplicates');
  await expect(library(page)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Twice installed' })).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 2, name: 'Another pack' })).toBeVisible();
  await expect(page.getByText('Loading lessons…')).toHaveCount(0);
  const notes = page.getByRole('group', { name: 'Notes about this pack' });
  await expect(notes).toContainText('/usr/local/share/pagewalk/packs/school.dup is ignored');
  await expect(notes).toContainText('school.dup.pagewalk is ignored');
  await expect(notes).toContainText('/etc/pagewalk/packs/school.dup');
  await page.getByRole('link', { name: /Start: The only lesson/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The only lesson' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('ids such as "constructor" and stored progress keyed by __proto__: the Library loads, lessons play, progress survives a reload', async ({ page }) => {
  const errors = await openWith(page, 'prototype');
  await expect(library(page)).toBeVisible();
  // Refused packs are listed with the reason, not left to break the page.
  const refusedPack = page.locator('section.pack', { has: page.getByRole('heading', { name: 'Pack named constructor' }) });
  await expect(refusedPack).toContainText('"constructor" cannot be a pack id');
  const refusedLesson = page.locator('section.pack', { has: page.getByRole('heading', { name: 'Lesson named constructor' }) });
  await expect(refusedLesson).toContainText('"constructor" cannot be an id');
  // Reserved words are fine as ids: play one, answer its quiz, reload.
  await page.getByRole('link', { name: /Start: Lesson class/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lesson class' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.step-no')).toHaveText('Step 2 of 2');
  await page.getByRole('textbox').first().fill('0x14004');
  await page.getByRole('button', { name: /Check/ }).click();
  await expect(page.locator('.quiz')).toContainText(/right|correct/i);
  for (let i = 0; i < 2; i++) {
    await page.goto(`http://127.0.0.1:${DEV_PORT}/#/library`);
    await page.reload();
    await expect(library(page)).toBeVisible();
    await expect(page.getByRole('link', { name: /Review: Lesson class|Continue: Lesson class/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /Start: Lesson delete/ })).toBeVisible();
  }
  expect(await page.evaluate(() => ({ polluted: ({} as Record<string, unknown>).polluted, keys: typeof Object.keys }))).toEqual({ polluted: undefined, keys: 'function' });
  expect(errors).toEqual([]);
});

test('a runaway step is ended by the watchdog, the learner is told, and the app keeps working', async ({ page }) => {
  const errors = await openWith(page, 'runaway', 1500);
  await expect(library(page)).toBeVisible();
  await page.getByRole('link', { name: /Start: Runaway lesson/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Runaway lesson' })).toBeVisible();
  const started = Date.now();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText(/This step was stopped: the simulator worked on it for more than 2 seconds/).first()).toBeVisible({ timeout: 8000 });
  expect(Date.now() - started).toBeLessThan(8000);
  // A fresh worker answers: the Library and another lesson work at once.
  await page.goto(`http://127.0.0.1:${DEV_PORT}/#/library`);
  await expect(library(page)).toBeVisible();
  await page.getByRole('link', { name: /Start: Calm lesson/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Calm lesson' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.step-no')).toHaveText('Step 2 of 2');
  expect(errors.filter((e) => !/This step was stopped/.test(e))).toEqual([]);
});

test('the browser build loads without a single Content-Security-Policy violation, and declares the header policy (issue 12)', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  const response = await page.goto('/');
  await expect(library(page)).toBeVisible();
  await page.getByRole('link', { name: /Start: Virtual and physical memory/ }).click();
  await expect(page.locator('.step-no')).toHaveText('Step 1 of 6');
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  const header = response!.headers()['content-security-policy'];
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(header).toBe(`${meta}; frame-ancestors 'none'`);
});
