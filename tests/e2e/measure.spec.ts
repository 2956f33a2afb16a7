/*
 * "Measure your own computer" on the Experiments screen: the real stride timing runs in its
 * worker to completion over a small page range, both curves are drawn, and the timer's
 * resolution is reported. No assertion is made on the timings themselves (they differ on
 * every machine and every run); only that they are positive numbers shown at all.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { freshStart, watchErrors } from './helpers.ts';

test('measures this computer over a small page range and draws it beside the simulator', async ({ page }) => {
  const errors = watchErrors(page);
  await freshStart(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/#/experiments');
  const panel = page.getByRole('region', { name: 'Measure your own computer' });
  await panel.getByLabel('Largest working set (pages)').fill('64');
  await panel.getByRole('button', { name: '▶ Measure' }).click();
  await expect(panel.getByRole('button', { name: '▶ Measure' })).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByRole('status')).toHaveText(/^Done: 7 working sets measured, 7 simulated\.$/);

  await expect(panel.locator('.timer-note')).toContainText(/Timer resolution: performance\.now\(\) moved in steps of [\d.]+ (ms|µs|ns)/);
  const measured = panel.locator('[data-curve="measured"] svg[role="img"]');
  const simulated = panel.locator('[data-curve="simulated"] svg[role="img"]');
  await expect(measured.locator('.series path[transform]')).toHaveCount(7);
  await expect(simulated.locator('.series path[transform]')).toHaveCount(7);

  // A read-out by keyboard: a positive time per access.
  await panel.locator('[data-curve="measured"] .frame').focus();
  await page.keyboard.press('ArrowRight');
  await expect(panel.locator('[data-curve="measured"] .readout')).toHaveText(/pages?: [\d,.]+ ns per access/);
  await expect(panel.getByText('Reading the two curves')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('measure-1280x800.png'), fullPage: false });
  const audit = await new AxeBuilder({ page }).include('section.measure').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(audit.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(errors).toEqual([]);
});

test('cancelling a measurement stops it and keeps the screen usable', async ({ page }) => {
  await freshStart(page);
  await page.goto('/#/experiments');
  const panel = page.getByRole('region', { name: 'Measure your own computer' });
  await panel.getByLabel('Largest working set (pages)').fill('16384');
  await panel.getByRole('button', { name: '▶ Measure' }).click();
  await panel.getByRole('button', { name: 'Cancel measurement' }).click();
  await expect(panel.getByRole('status')).toHaveText(/^Cancelled after \d+ of 15 working sets\.$/);
  await expect(panel.getByRole('button', { name: '▶ Measure' })).toBeEnabled();
  // The rest of the screen still answers while (and after) the worker ran.
  await page.getByRole('button', { name: '▶ Run' }).click();
  await expect(page.getByRole('region', { name: 'Result' }).getByRole('heading', { level: 2 })).toBeVisible({ timeout: 30_000 });
});
