/*
 * The node graph as a learner meets it (issue 8): a step's animation ends on exactly the
 * final state with nothing left lit, the legend explains the marks, Enlarge keeps the
 * question, and the memory-dump exercise keeps its question in view beside the raw bytes.
 */
import { expect, test, type Page } from '@playwright/test';
import { freshStart } from './helpers.ts';

const PACK = 'pagewalk.memory-management';

test.beforeEach(async ({ page }) => freshStart(page));

/** Every node's id and text, in id order: what the graph shows. */
async function graphText(page: Page): Promise<string[]> {
  return page.locator('.pw-graph .svelte-flow__node').evaluateAll((nodes) =>
    nodes.map((n) => `${n.getAttribute('data-id')}: ${(n as HTMLElement).innerText.replace(/\s+/g, ' ').trim()}`).sort(),
  );
}

async function leftovers(page: Page): Promise<number> {
  return page.locator('.pw-graph [data-tone], .pw-graph .changed, .pw-graph .pulse, .pw-graph .fault-tag, .pw-graph .edge-path').count();
}

async function openLesson(page: Page, lesson: string): Promise<void> {
  await page.goto(`/#/lesson/${PACK}/${lesson}`);
  await expect(page.locator('.pw-graph .svelte-flow__node').first()).toBeVisible();
}

test('a step that faults and is repaired animates over the machine before it and ends on the final state, nothing left lit', async ({ page, browser }) => {
  await openLesson(page, 'isolation');
  const graph = page.locator('.pw-graph');
  // While it plays, the repair shows as its own phase, named in the caption.
  await expect(page.locator('.caption')).toContainText(/kernel: demand-zero/, { timeout: 20_000 });
  await expect(graph).toHaveAttribute('data-phase', 'final', { timeout: 30_000 });
  await expect.poll(() => leftovers(page)).toBe(0);
  const played = await graphText(page);

  // The same step drawn at once (skipping the animation) in a fresh page is the same graph.
  const other = await browser.newPage({ viewport: page.viewportSize()! });
  await other.goto(`/#/lesson/${PACK}/isolation`);
  await expect(other.locator('.pw-graph .svelte-flow__node').first()).toBeVisible();
  const skip = other.getByRole('button', { name: 'Skip to end' });
  if (await skip.isVisible()) await skip.click();
  await expect(other.locator('.pw-graph')).toHaveAttribute('data-phase', 'final');
  await expect.poll(() => leftovers(other)).toBe(0);
  expect(await graphText(other)).toEqual(played);
  await other.close();
});

test('every step of the fork lesson ends on its final state with no banner or highlight left over', async ({ page }) => {
  await openLesson(page, 'fork-cow');
  const count = Number((await page.locator('.lesson-head').innerText()).match(/\d+ \/ (\d+)/)![1]);
  for (let i = 0; i < count; i++) {
    if (i > 0) await page.keyboard.press('ArrowRight');
    await expect(page.locator('.step-no')).toContainText(`Step ${i + 1} of`);
    await expect(page.locator('.pw-graph')).toHaveAttribute('data-phase', 'final', { timeout: 40_000 });
    await expect.poll(() => leftovers(page), { message: `step ${i + 1}` }).toBe(0);
  }
});

test('the legend explains boxes, lines and entry flags, and opens and closes from the keyboard', async ({ page }) => {
  await openLesson(page, 'fork-cow');
  await page.keyboard.press('l');
  const legend = page.getByRole('region', { name: 'Legend' });
  await expect(legend).toBeVisible();
  await expect(legend).toContainText('copy-on-write');
  await expect(legend).toContainText('Entry flags');
  await expect(legend).toContainText('dirty');
  await page.keyboard.press('l');
  await expect(legend).toBeHidden();
});

test('Enlarge folds the narrative away, gives the graph the room and keeps the question', async ({ page }) => {
  await openLesson(page, 'virtual-vs-physical');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.quiz')).toBeVisible();
  const before = (await page.locator('.pw-graph').boundingBox())!.width;
  await page.getByRole('button', { name: /Enlarge/ }).click();
  await expect(page.locator('.narrative > .prose')).toHaveCount(0);
  await expect(page.locator('.quiz')).toBeVisible();
  await expect.poll(async () => (await page.locator('.pw-graph').boundingBox())!.width).toBeGreaterThan(before + 60);
  await page.keyboard.press('Escape');
  await expect(page.locator('.narrative > .prose')).toBeVisible();
});

test('the memory-dump exercise: the raw dump sits beside the question, which fits without scrolling; the graph decodes nothing until it is answered', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/#/lesson/${PACK}/walk-a-dump`);
  // The exercise opens on the dump itself: raw bytes, the base register's page marked.
  const dump = page.getByLabel('Memory dump');
  await expect(dump).toBeVisible();
  await expect(dump).toContainText('page 108 (base register)');
  await expect(dump.locator('table')).not.toHaveCount(0);
  for (let i = 1; i < 3; i++) {
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.step-no')).toContainText(`Step ${i + 1} of`);
    await expect(dump).toBeVisible();
    const panel = (await page.locator('.narrative').boundingBox())!;
    const check = page.getByRole('button', { name: /Check my prediction/ });
    if ((await check.count()) === 0) continue;
    const box = (await check.boundingBox())!;
    expect(box.y + box.height, `step ${i + 1}: the check button is inside the panel without scrolling`).toBeLessThanOrEqual(panel.y + panel.height);
  }
  // On the graph, unanswered, the walk is not decoded: only the root table, as raw bytes.
  await page.getByRole('button', { name: 'Graph', exact: true }).click();
  await expect(page.locator('.pw-graph .svelte-flow__node').first()).toBeVisible();
  await expect(page.locator('.pw-graph .svelte-flow__node[data-id^="pt-"]')).toHaveCount(1);
  await expect(page.locator('.pw-graph')).toContainText('→ ?');
  // The directory has more entries than fit: the learner opens it to read every byte, and folds it again.
  const table = page.locator('.pw-graph .svelte-flow__node[data-id^="pt-"]');
  const rows = await table.locator('li').count();
  await table.getByRole('button', { name: /more entries — show/ }).click();
  await expect.poll(() => table.locator('li').count()).toBeGreaterThan(rows + 5);
  await table.getByRole('button', { name: /show fewer|more entries/ }).click();
  await expect.poll(() => table.locator('li').count()).toBe(rows);
});

test('after a pick quiz is checked, the graph marks the right answer and keeps it marked', async ({ page }) => {
  await openLesson(page, 'numa');
  // The first pick question of the NUMA lesson: which node's memory receives the page.
  for (let i = 0; i < 8 && (await page.locator('.quiz select').count()) === 0; i++) await page.keyboard.press('ArrowRight');
  await page.locator('.quiz select').selectOption({ label: 'NUMA node 0' });
  await page.getByRole('button', { name: /Check my prediction/ }).click();
  await expect(page.locator('.pw-graph .answer')).toHaveCount(1);
  await expect(page.locator('.pw-graph')).toHaveAttribute('data-phase', 'final', { timeout: 30_000 });
  await expect(page.locator('.pw-graph .answer')).toHaveCount(1);
});

test('a folded run of free frames opens frame by frame on click or Enter, and folds again', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openLesson(page, 'multi-level-page-tables');
  const graph = page.locator('.pw-graph');
  await expect(graph).toHaveAttribute('data-phase', 'final', { timeout: 30_000 });
  const run = graph.locator('.svelte-flow__node[data-id^="run-"]').filter({ hasText: /free ×\d+/ }).first();
  const open = run.getByRole('button', { name: /^Show frames (\d+) to (\d+) \(\d+ free\) one by one$/ });
  const [, first] = (await open.getAttribute('aria-label'))!.match(/^Show frames (\d+) to/)!;
  await expect(graph.locator(`.svelte-flow__node[data-id="frame-${first}"]`)).toHaveCount(0);
  // Enter on the focused cell opens it: the run's first frames get cells of their own.
  await open.focus();
  await page.keyboard.press('Enter');
  const heading = graph.locator(`.svelte-flow__node[data-id="run-${first}"]`);
  const fold = heading.getByRole('button', { name: /^Fold frames/ });
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await expect(heading).toContainText('free ▴ fold');
  await expect(graph.locator(`.svelte-flow__node[data-id="frame-${first}"]`)).toContainText('free');
  await expect(graph.locator(`.svelte-flow__node[data-id="frame-${Number(first) + 1}"]`)).toBeVisible();
  // A click on the heading folds them again.
  await fold.click();
  await expect(graph.locator(`.svelte-flow__node[data-id="frame-${first}"]`)).toHaveCount(0);
  await expect(heading.getByRole('button', { name: /^Show frames/ })).toHaveAttribute('aria-expanded', 'false');
});
