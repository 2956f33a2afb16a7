/*
 * The Experiments screen as a learner and an instructor use it: run every kind, read a
 * point by hovering and by keyboard, compare runs, export CSV and SVG (downloads checked),
 * open a point in the sandbox, the data table as the text alternative, and an axe audit.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { freshStart, watchErrors } from './helpers.ts';

const KINDS = [
  ['Page replacement', /^Page replacement: 1,2,3,4,1,2,5,1,2,3,4,5$/],
  ['Working sets and thrashing', /^Working sets and thrashing: phases/],
  ['TLB reach', /^TLB reach: loop over 64 pages/],
  ['Page-table overhead', /^Page-table overhead/],
  ['NUMA placement', /^NUMA placement/],
  ['fork and copy-on-write', /^fork and copy-on-write/],
] as const;

async function open(page: Page): Promise<void> {
  await freshStart(page);
  await page.goto('/#/experiments');
  await expect(page.getByRole('heading', { level: 1, name: 'Experiments' })).toBeVisible();
}

async function runAndWait(page: Page): Promise<void> {
  await page.getByRole('button', { name: '▶ Run' }).click();
  await expect(page.getByRole('button', { name: '▶ Run' })).toBeVisible({ timeout: 30_000 });
}

test('runs every kind of experiment and draws its curves with axes, legend and notes', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  for (const [label, title] of KINDS) {
    await page.getByRole('combobox', { name: 'Experiment', exact: true }).selectOption({ label });
    await runAndWait(page);
    const result = page.getByRole('region', { name: 'Result' });
    await expect(result.getByRole('heading', { level: 2 })).toHaveText(title);
    await expect(result.locator('svg[role="img"] .series path[transform]').first()).toBeVisible();
    expect(await result.locator('ul.legend li').count(), label).toBeGreaterThan(0);
    expect(await result.locator('svg .tick').count(), label).toBeGreaterThan(3);
    await expect(result.locator('svg .label').first()).not.toBeEmpty();
  }
  expect(errors).toEqual([]);
});

test("Belady: the FIFO curve rises from 3 to 4 frames, hover reads it out, the data table lists it", async ({ page }) => {
  await open(page);
  await runAndWait(page);
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.getByText("Belady's anomaly: FIFO makes 9 faults with 3 frames but 10 with 4.")).toBeVisible();
  // Hover the FIFO point at 4 frames: the read-out names it.
  const fifo = result.locator('.series[data-series="fifo"] path[transform]');
  await expect(fifo).toHaveCount(7);
  // The Run click may have scrolled the page (the screen is taller than the window): bring the chart back first.
  await result.locator('svg[role="img"]').scrollIntoViewIfNeeded();
  const box = await fifo.nth(3).boundingBox();
  await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
  await expect(result.locator('.readout')).toHaveText('fifo: frames 4, faults 10');
  // The data table: the text alternative.
  await result.getByText(/^Data table/).click();
  const table = result.getByRole('table');
  await expect(table.getByRole('columnheader').first()).toHaveText('policy');
  await expect(table.getByRole('row', { name: /fifo 4 10 2/ })).toBeVisible();
});

test('exports CSV and SVG (and PNG) as downloads with the right content', async ({ page }) => {
  await open(page);
  await runAndWait(page);
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '⤓ CSV' }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toBe('pagewalk-replacement-run1.csv');
  const csvText = readFileSync((await csv.path())!, 'utf8');
  expect(csvText.split('\n')[0]).toBe('policy,frames,faults,hits,hit_rate,fault_rate');
  expect(csvText).toContain('fifo,4,10,2,');

  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '⤓ SVG' }).click();
  const svg = await svgDownload;
  expect(svg.suggestedFilename()).toBe('pagewalk-replacement-run1.svg');
  const svgText = readFileSync((await svg.path())!, 'utf8');
  expect(svgText).toMatch(/^<\?xml/);
  expect(svgText).toContain('<svg');
  expect(svgText).toContain('frames');
  expect(svgText).not.toContain('var(--');

  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '⤓ PNG' }).click();
  const png = readFileSync((await (await pngDownload).path())!);
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
});

test('keyboard only: choose, run, move between points with the arrow keys, open one in the sandbox', async ({ page }) => {
  await open(page);
  const kind = page.getByRole('combobox', { name: 'Experiment', exact: true });
  await kind.focus();
  await page.keyboard.press('ArrowDown'); // TLB reach
  await page.keyboard.press('ArrowUp'); // back to page replacement
  await expect(kind).toHaveValue('replacement');
  const run = page.getByRole('button', { name: '▶ Run' });
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(run).toBeVisible({ timeout: 30_000 });
  const chart = page.getByRole('group', { name: /Chart of/ });
  await chart.focus();
  await expect(chart).toBeFocused();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  const readout = page.locator('.readout');
  await expect(readout).toHaveText('fifo: frames 4, faults 10');
  await page.keyboard.press('ArrowDown');
  await expect(readout).toHaveText('lru: frames 4, faults 8');
  const toSandbox = page.getByRole('button', { name: 'Open this point in the sandbox' });
  await toSandbox.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/sandbox$/);
  await expect(page.getByText(/From the Experiments screen: The reference string with 4 frames under LRU/)).toBeVisible();
});

test('runs overlay for comparison, and a long run can be cancelled', async ({ page }) => {
  await open(page);
  await runAndWait(page);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'The textbook string 7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1' });
  await runAndWait(page);
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.locator('ul.legend li', { hasText: 'fifo — run 1' })).toBeVisible();
  await expect(result.locator('ul.legend li', { hasText: 'fifo — run 2' })).toBeVisible();
  await result.getByRole('checkbox', { name: /run 1:/ }).uncheck();
  await expect(result.locator('ul.legend li', { hasText: 'run 1' })).toHaveCount(0);

  // A sweep long enough to cancel: 10^6 references × 64 frame counts × 2 policies.
  await page.getByText('Edit as a document (YAML or JSON)').click();
  await page.getByLabel('Experiment document').fill('kind: replacement\ntrace: { generate: uniform, length: 1000000, pages: 5000 }\npolicies: [opt, lru]\nframes: { from: 1, to: 4096, step: 64 }\n');
  await page.getByRole('button', { name: 'Use this document' }).click();
  await page.getByRole('button', { name: '▶ Run' }).click();
  // The first slice of points (OPT over 10^6 references) can take seconds on a busy machine.
  await expect(page.getByRole('status').filter({ hasText: /of 128 points/ })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(result.getByRole('heading', { level: 2 })).toContainText('(partial)', { timeout: 30_000 });
});

test('a mistake in the document is shown with its line and column, and nothing runs', async ({ page }) => {
  await open(page);
  await page.getByText('Edit as a document (YAML or JSON)').click();
  await page.getByLabel('Experiment document').fill('kind: replacement\npolicies: [fifo, lur]\n');
  await page.getByRole('button', { name: 'Use this document' }).click();
  await expect(page.getByRole('alert')).toContainText('experiment:2:18: error: policies[1]: must be one of');
});

test('no WCAG A/AA violations on the Experiments screen with a chart, in light and dark', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const theme of ['Light', 'Dark', 'High contrast']) {
    await page.goto('/#/settings');
    await page.getByRole('radio', { name: theme }).check();
    await page.goto('/#/experiments');
    await runAndWait(page);
    await page.getByText(/^Data table/).click();
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => `${theme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});

test('looks right at 1024×640, 1280×800 and 1920×1080', async ({ page }, info) => {
  await open(page);
  for (const [label] of KINDS) {
    await page.getByRole('combobox', { name: 'Experiment', exact: true }).selectOption({ label });
    await runAndWait(page);
    await page.locator('section.result').screenshot({ path: info.outputPath(`experiment-${label.replace(/\W+/g, '-')}.png`) });
  }
  for (const [w, h] of [[1024, 640], [1280, 800], [1920, 1080]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(200);
    const chart = page.locator('.chart svg[role="img"]');
    const box = (await chart.boundingBox())!;
    expect(box.x + box.width, `${w}×${h}`).toBeLessThanOrEqual(w);
    // Nothing overflows the page sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
    await page.evaluate(() => document.querySelector('main')?.scrollTo(0, 0));
    await page.screenshot({ path: info.outputPath(`experiments-${w}x${h}.png`) });
  }
});

test('a predict-the-curve quiz in a lesson: answered wrongly, the curve is drawn; a fresh instance answered rightly', async ({ page }, info) => {
  const errors = watchErrors(page);
  await freshStart(page);
  await page.goto('/#/lesson/pagewalk.memory-management/swapping-replacement');
  const heading = page.getByRole('heading', { name: 'Predict the curve' });
  for (let i = 0; i < 20 && !(await heading.isVisible()); i++) {
    await page.getByRole('button', { name: /Forward/ }).click();
    await page.waitForTimeout(150);
  }
  await expect(heading).toBeVisible();
  const quiz = page.locator('.quiz');
  const policyOf = async () => (/\*?\*?(fifo|lru|opt)\*?\*? runs/i.exec(await quiz.locator('.prompt').innerText())?.[1] ?? '').toLowerCase();
  // The curve is not drawn before the prediction.
  await expect(quiz.locator('figure.curve')).toHaveCount(0);
  const policy = await policyOf();
  expect(['fifo', 'lru', 'opt']).toContain(policy);
  // Only FIFO's curve rises: answer the opposite.
  await quiz.getByLabel(policy === 'fifo' ? 'No' : 'Yes').check();
  await quiz.getByRole('button', { name: 'Check my prediction' }).click();
  const feedback = quiz.locator('.feedback');
  await expect(feedback).toContainText('Not this time');
  await expect(feedback.locator('.divergence')).toContainText('The curve');
  await expect(feedback.locator('figure.curve svg[role="img"]')).toBeVisible();
  await expect(feedback.locator('figure.curve ul.legend li', { hasText: policy })).toBeVisible();
  await page.screenshot({ path: info.outputPath('curve-quiz.png') });

  // Fresh instances until the prompt asks again, then the right answer.
  await quiz.getByRole('button', { name: 'Try a fresh instance' }).click();
  await expect(quiz.getByRole('button', { name: 'Check my prediction' })).toBeVisible();
  const again = await policyOf();
  await quiz.getByLabel(again === 'fifo' ? 'Yes' : 'No').check();
  await quiz.getByRole('button', { name: 'Check my prediction' }).click();
  await expect(feedback).toContainText('Right');
  await expect(feedback.locator('figure.curve svg[role="img"]')).toBeVisible();
  expect(errors).toEqual([]);
});
