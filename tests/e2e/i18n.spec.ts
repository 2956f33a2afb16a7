/*
 * Issue 13: the interface language in the browser build. The browser's language is used by
 * default; Settings switches at once (no reload), sets lang/dir on the document, and the
 * choice survives a reload. Converted screens (Library, Settings, the shell) are checked
 * in German, Spanish and Chinese for clipped buttons and badges, with an axe audit (WCAG 2.x A/AA).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { clearStorage, watchErrors } from './helpers.ts';

/** WCAG 2.x A/AA violations on the page as it is (ids and counts, for a readable failure). */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
}

/** Buttons, links styled as buttons and badges whose text does not fit their box. */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a.button, .badge, nav a, select')]
      .filter((e) => e.offsetParent !== null && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 2))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent?.trim()}`),
  );
}

test.describe('a German browser', () => {
  test.use({ locale: 'de-DE' });

  test('opens in German by default, and Settings switches to Spanish and Chinese at once, kept after a reload', async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    await page.goto('/');
    await clearStorage(page);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Bibliothek' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    expect(await clipped(page)).toEqual([]);
    expect(await axeViolations(page), 'the Library in German').toEqual([]);

    await page.getByRole('navigation').getByRole('link', { name: 'Einstellungen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeVisible();
    await expect(page.getByLabel('Sprache')).toHaveValue('system');
    await expect(page.getByLabel('Sprache').locator('option[value="system"]')).toHaveText('Wie der Computer (Deutsch)');
    expect(await clipped(page)).toEqual([]);
    expect(await axeViolations(page), 'Settings in German').toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('settings-de.png'), fullPage: true });

    await page.getByLabel('Sprache').selectOption('es');
    await expect(page.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Biblioteca' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeVisible();
    await expect(page.getByLabel('Idioma')).toHaveValue('es');
    expect(await clipped(page)).toEqual([]);
    expect(await axeViolations(page), 'Settings in Spanish').toEqual([]);
    await page.getByRole('navigation').getByRole('link', { name: 'Biblioteca' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Biblioteca' })).toBeVisible();
    expect(await clipped(page)).toEqual([]);
    expect(await axeViolations(page), 'the Library in Spanish').toEqual([]);
    await page.getByRole('navigation').getByRole('link', { name: 'Ajustes' }).click();

    await page.getByLabel('Idioma').selectOption('zh-CN');
    await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    expect(await clipped(page)).toEqual([]);
    expect(await axeViolations(page), 'Settings in Chinese').toEqual([]);
    await page.getByRole('navigation').getByRole('link', { name: '课程库' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '课程库' })).toBeVisible();
    await expect(page.getByText(/\d+ 步/).first()).toBeVisible();
    expect(await clipped(page)).toEqual([]);
    expect(await axeViolations(page), 'the Library in Chinese').toEqual([]);
    // For a person to look at (test-results/, not kept in git).
    await page.screenshot({ path: testInfo.outputPath('library-zh-CN.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
