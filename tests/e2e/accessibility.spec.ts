/*
 * Every screen, in every theme, audited with axe-core against WCAG 2.x A and AA: colour
 * contrast (the graph included), names and roles of controls, headings, landmarks.
 * Keyboard-only use of a lesson is checked too.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const LESSON = '#/lesson/pagewalk.memory-management/virtual-vs-physical';
const SCREENS: [string, string, (page: Page) => Promise<void>][] = [
  ['library', '#/library', async (page) => void (await expect(page.locator('.lesson-card').first()).toBeVisible())],
  ['lesson', LESSON, async (page) => void (await expect(page.locator('.svelte-flow__node-process').first()).toBeVisible())],
  ['sandbox', '#/sandbox', async (page) => {
    await page.getByRole('button', { name: 'Spawn', exact: true }).click();
    await page.getByRole('button', { name: 'Write', exact: true }).click();
    await page.getByRole('button', { name: 'Fork', exact: true }).click();
    await expect(page.locator('.svelte-flow__node-process')).toHaveCount(2);
  }],
  ['progress', '#/progress', async (page) => void (await expect(page.getByRole('heading', { level: 1, name: 'Progress' })).toBeVisible())],
  ['settings', '#/settings', async (page) => void (await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible())],
  ['author', '#/author', async (page) => void (await expect(page.getByRole('heading', { level: 1, name: 'Author preview' })).toBeVisible())],
];

async function setTheme(page: Page, theme: string): Promise<void> {
  await page.goto('/#/settings');
  await page.getByRole('radio', { name: theme }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase().replace(' ', '-'));
}

for (const theme of ['Light', 'Dark', 'High contrast']) {
  test(`no WCAG A/AA violations in the ${theme.toLowerCase()} theme`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await setTheme(page, theme);
    const found: string[] = [];
    for (const [name, url, ready] of SCREENS) {
      await page.goto('/' + url);
      await ready(page);
      await page.waitForTimeout(400);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      // The audit really looked at text colours (it passes nothing when it sees nothing).
      expect(result.passes.some((p) => p.id === 'color-contrast' && p.nodes.length > 10), `${name}: contrast was checked`).toBe(true);
      for (const v of result.violations)
        found.push(`${name}: ${v.id} (${v.impact}) — ${v.help}\n    ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join(' ')}`).join('\n    ')}`);
    }
    expect(found, found.join('\n')).toEqual([]);
  });
}

test('a lesson can be played with the keyboard alone', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.lesson-card').first()).toBeVisible();
  // Tab from the top of the page to the first lesson and open it.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  const start = page.getByRole('link', { name: /Start: Virtual and physical memory/ });
  for (let i = 0; i < 40 && !(await start.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(start).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.step-no')).toHaveText('Step 1 of 6');
  // Arrow keys step; the step result is announced in the live region.
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.step-no')).toHaveText('Step 2 of 6');
  await expect(page.locator('[role="status"][aria-live="polite"]').last()).toContainText('Step 2 of 6');
  // Into the quiz field with Tab, type, and check with Enter.
  const field = page.getByLabel(/Your address/);
  for (let i = 0; i < 40 && !(await field.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(field).toBeFocused();
  await page.keyboard.type('0x1');
  await page.keyboard.press('Enter');
  await expect(page.locator('.feedback')).toBeVisible();
  await page.keyboard.press('Home');
  await expect(page.locator('.step-no')).toHaveText('Step 1 of 6');
});
