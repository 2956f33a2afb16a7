/*
 * The sandbox never loses work (issue 15): the session survives leaving the screen and a
 * reload, per machine; Undo / Redo / Start over step through it by replay; Fork leaves the
 * learner's chosen process alone. And notices: one line, the newest only, gone with the
 * screen they belong to or after a while, never covering the graph or pushing it off the
 * window — checked at 1024×640, 1280×800 and 1920×1080, with screenshots in
 * tests/e2e/screenshots/ (not committed).
 */
import { expect, test, type Page } from '@playwright/test';
import { freshStart, watchErrors } from './helpers.ts';

const SHOTS = 'tests/e2e/screenshots';

test.beforeEach(async ({ page }) => freshStart(page));

async function type(page: Page, line: string): Promise<void> {
  const box = page.getByLabel(/Command line/);
  await box.fill(line);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

const processSelect = (page: Page) => page.locator('.ops select');
const entries = (page: Page) => page.locator('.log li.entry:not(.undone)');

test('the session is kept across screens and a reload, per machine; Fork does not select the child', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/#/sandbox');
  await page.getByRole('button', { name: 'Spawn', exact: true }).click();
  await expect(page.locator('.svelte-flow__node-process')).toHaveCount(1);
  await page.getByRole('button', { name: 'data', exact: true }).click();
  await page.getByRole('button', { name: 'Write', exact: true }).click();
  await page.getByRole('button', { name: 'Fork', exact: true }).click();
  await expect(page.locator('.svelte-flow__node-process')).toHaveCount(2);
  // The buttons still act as A: the next Write goes to A, not to the new child.
  await expect(processSelect(page)).toHaveValue('A');
  await page.getByLabel('Value', { exact: true }).fill('9');
  await page.getByRole('button', { name: 'Write', exact: true }).click();
  await expect(entries(page).first()).toContainText(/^\s*4\s+A write/);
  await type(page, 'file notes.txt 8192 hello');
  await type(page, 'mmap B 8192 r file=notes.txt');
  await expect(entries(page)).toHaveCount(5);

  // Away to the library and back: everything is there, B still chosen if it was.
  await processSelect(page).selectOption('B');
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await page.getByRole('link', { name: 'Sandbox', exact: true }).click();
  await expect(page.locator('.svelte-flow__node-process')).toHaveCount(2);
  await expect(entries(page)).toHaveCount(5);
  await expect(processSelect(page)).toHaveValue('B');
  await expect(page.locator('.machine-desc')).toContainText('notes.txt (8 KiB)');

  // Another machine has its own session; the first comes back when chosen again.
  await page.locator('select.machine').selectOption('x86-64');
  await expect(entries(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Spawn', exact: true }).click();
  await expect(entries(page)).toHaveCount(1);
  await page.locator('select.machine').selectOption('teaching-16');
  await expect(entries(page)).toHaveCount(5);

  // A reload opens the machine used last, as it was.
  await page.reload();
  await expect(page.locator('select.machine')).toHaveValue('teaching-16');
  await expect(page.locator('.svelte-flow__node-process')).toHaveCount(2);
  await expect(entries(page)).toHaveCount(5);
  await expect(processSelect(page)).toHaveValue('B');
  await page.screenshot({ path: `${SHOTS}/sandbox-restored.png` });
  expect(errors).toEqual([]);
});

test('undo, redo and start over step through the session by replay', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/#/sandbox');
  await type(page, 'spawn A');
  await type(page, 'write A 0x2000 7');
  await type(page, 'fork A B');
  await expect(page.locator('.svelte-flow__node-process')).toHaveCount(2);
  const undo = page.getByRole('button', { name: /Undo/ });
  const redo = page.getByRole('button', { name: /Redo/ });
  await expect(redo).toBeDisabled();

  await undo.click();
  await expect(page.locator('.svelte-flow__node-process')).toHaveCount(1);
  await expect(page.locator('.log li.undone')).toContainText('fork A B');
  await redo.click();
  await expect(page.locator('.svelte-flow__node-process')).toHaveCount(2);

  // Ctrl+Z outside a text box undoes; inside the command line it edits the text instead.
  await page.locator('h1').click();
  await page.keyboard.press('Control+z');
  await expect(page.locator('.svelte-flow__node-process')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('.svelte-flow__node-process')).toHaveCount(2);
  await type(page, 'undo');
  await expect(entries(page)).toHaveCount(2);
  // "Back to here" on an older entry of the log undoes everything after it.
  await type(page, 'redo');
  await entries(page).last().locator('summary').click();
  await entries(page).last().getByRole('button', { name: /Back to here/ }).click();
  await expect(entries(page)).toHaveCount(1);
  await expect(page.locator('.log li.undone')).toHaveCount(2);
  await redo.click();
  await expect(entries(page)).toHaveCount(2);

  // Start over keeps everything for Redo until a new command is run; the undone part is not saved.
  await page.getByRole('button', { name: 'Start over' }).click();
  await expect(entries(page)).toHaveCount(0);
  await expect(page.locator('.log li.undone')).toHaveCount(3);
  await redo.click();
  await redo.click();
  await expect(entries(page)).toHaveCount(2);
  await page.reload();
  await expect(entries(page)).toHaveCount(2);
  await expect(page.locator('.log li.undone')).toHaveCount(1);
  await type(page, 'spawn C');
  await expect(page.locator('.log li.undone')).toHaveCount(0);
  await expect(redo).toBeDisabled();

  // A refused command changes nothing and stays in the box to fix.
  await page.getByLabel(/Command line/).fill('mmap A 4096 r file=missing.txt');
  await page.getByLabel(/Command line/).press('Enter');
  await expect(page.locator('#command-error')).toContainText('Files on the disk: A (program), C (program)');
  await expect(page.getByLabel(/Command line/)).toHaveValue('mmap A 4096 r file=missing.txt');
  await expect(entries(page)).toHaveCount(3);
  expect(errors).toEqual([]);
});

for (const [width, height] of [
  [1024, 640],
  [1280, 800],
  [1920, 1080],
]) {
  test(`notices take one line, never cover the graph and go with their screen at ${width}×${height}`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width, height });
    // A step seen, so there is progress to export.
    await page.goto('/#/lesson/pagewalk.memory-management/virtual-vs-physical');
    await page.getByRole('button', { name: /Forward/ }).click();
    // Two notices on the Progress screen: one line shows the newest, with a count of the others.
    await page.getByRole('link', { name: 'Progress', exact: true }).click();
    for (const name of [/Export CSV/, /Export JSON/]) {
      await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    }
    const bar = page.getByRole('region', { name: 'Notices' });
    await expect(bar.getByRole('status')).toHaveCount(1);
    await expect(bar).toContainText('Exported your progress as JSON.');
    await expect(bar).toContainText('+1 more');
    expect((await bar.boundingBox())!.height).toBeLessThan(48);
    // Leaving the screen takes its notices along.
    await page.getByRole('link', { name: 'Sandbox', exact: true }).click();
    await expect(bar).toHaveCount(0);

    // In the sandbox: a notice with the graph on screen.
    await type(page, 'spawn A');
    await type(page, 'write A 0x2000 7');
    await type(page, 'fork A B');
    await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Save as scenario/ }).click()]);
    await expect(bar).toContainText('Saved sandbox-session.yaml');
    const notice = (await bar.boundingBox())!;
    const graph = (await page.locator('.svelte-flow').boundingBox())!;
    expect(notice.height).toBeLessThan(48);
    // Not over the graph, and the graph still ends inside the window.
    expect(notice.y + notice.height).toBeLessThanOrEqual(graph.y);
    expect(graph.y + graph.height).toBeLessThanOrEqual(height);
    expect(graph.height).toBeGreaterThan(height * 0.4);
    await page.screenshot({ path: `${SHOTS}/notice-sandbox-${width}x${height}.png` });

    // Information times out by itself (dismissed sooner with ✕).
    await page.mouse.move(width - 5, height - 5);
    await expect(bar).toHaveCount(0, { timeout: 15_000 });
    expect(errors).toEqual([]);
  });
}

test('a notice is dismissed with its button', async ({ page }) => {
  await page.goto('/#/sandbox');
  await type(page, 'spawn A');
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Save as scenario/ }).click()]);
  const bar = page.getByRole('region', { name: 'Notices' });
  await bar.getByRole('button', { name: /^Dismiss/ }).click();
  await expect(bar).toHaveCount(0);
});
