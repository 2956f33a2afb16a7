/*
 * Issue 13 item 3: a lesson pack that carries a Spanish translation, imported as a
 * .pagewalk archive in a Spanish browser. The library lists it in Spanish; the lesson shows
 * the Spanish texts; a text the translation lacks appears in English with a visible
 * "sin traducir" marker (and lang="en", so a screen reader reads it in English); the quiz
 * is still checked by the simulator (a wrong and a right answer); an axe audit passes;
 * switching the app to English shows the pack's own texts without markers.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readPackFolder } from '../../core/cli/lessons.ts';
import { packArchive } from '../../core/lessons/archive.ts';
import { clearStorage, watchErrors } from './helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'pagewalk-overlay-'));
const archivePath = join(tmp, 'translated.pagewalk');
writeFileSync(archivePath, packArchive(readPackFolder(join(process.cwd(), 'tests', 'fixtures', 'packs', 'translated')).files));

/** Badges and buttons whose text does not fit their box (as tests/e2e/i18n.spec.ts measures it). */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a.button, .badge')]
      .filter((e) => e.offsetParent !== null && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 2))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent?.trim()}`),
  );
}

const packSection = (page: Page, title: string) => page.locator('section.pack', { has: page.getByRole('heading', { level: 2, name: title }) });

/** The yes/no quiz asks about `0x1000` (mapped: no fault) or `0x2000` (not mapped: a fault). */
async function faultAnswers(page: Page): Promise<{ right: 'yes' | 'no'; wrong: 'yes' | 'no' }> {
  const prompt = await page.locator('.quiz .prompt').innerText();
  const m = prompt.match(/0x([12])000/);
  expect(m, `an address in "${prompt}"`).not.toBeNull();
  return m![1] === '1' ? { right: 'no', wrong: 'yes' } : { right: 'yes', wrong: 'no' };
}

async function answer(page: Page, value: 'yes' | 'no'): Promise<void> {
  await page.locator(`.quiz input[name="yesno"][value="${value}"]`).check();
  await page.locator('.quiz button[type="submit"]').click();
  await expect(page.locator('.quiz .feedback')).toBeVisible();
}

test.describe('a Spanish learner', () => {
  test.use({ locale: 'es-ES', viewport: { width: 1280, height: 800 } });

  test('plays a translated pack in Spanish, with the untranslated text marked', async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    page.on('dialog', (d) => void d.accept());
    await page.goto('/');
    await clearStorage(page);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /Importar un archivo de paquete/ }).click();
    await (await chooser).setFiles(archivePath);
    const section = packSection(page, 'Un paquete traducido');
    await expect(section).toBeVisible();
    await expect(section).toContainText('Un paquete pequeño con traducción al español');
    await section.getByRole('link', { name: /Páginas y marcos/ }).first().click();

    // Step 1: all translated, no marker.
    await expect(page.getByRole('heading', { level: 1, name: 'Páginas y marcos' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Un proceso' })).toBeVisible();
    await expect(page.locator('.narrative .prose').first()).toContainText('Empezamos un proceso llamado A.');
    await expect(page.locator('.untranslated')).toHaveCount(0);

    // Step 2: the title is translated, the narrative is not: English, marked, lang="en".
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('heading', { level: 2, name: 'Una lectura' })).toBeVisible();
    const marker = page.locator('.narrative .untranslated[data-untranslated="step.text"]');
    await expect(marker).toBeVisible();
    await expect(marker).toContainText('sin traducir');
    await expect(marker).toContainText('Este texto aún no está traducido; se muestra en el idioma del paquete (inglés).');
    const narrative = page.locator('.narrative > .prose');
    await expect(narrative).toHaveAttribute('lang', 'en');
    await expect(narrative).toContainText('This text has no translation, so it stays in English.');
    await expect(page.locator('.quiz .prompt')).toContainText('¿Provoca el acceso un fallo de página?');
    await expect(page.locator('.quiz .prompt')).not.toHaveAttribute('lang', /./);
    await page.screenshot({ path: testInfo.outputPath('overlay-es-step2.png') });
    expect((await clipped(page)).filter((c) => c.includes('untranslated'))).toEqual([]);

    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // The simulator judges the prediction: first a wrong answer, then (fresh page) the right one.
    const { right, wrong } = await faultAnswers(page);
    await answer(page, wrong);
    await expect(page.locator('.quiz .feedback')).toHaveClass(/bad/);
    await expect(page.locator('.quiz .explanation')).toContainText('Qué pasó:');
    await page.screenshot({ path: testInfo.outputPath('overlay-es-wrong.png') });
    await page.reload();
    await expect(page.getByRole('heading', { level: 2, name: /Un proceso|Una lectura/ })).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('heading', { level: 2, name: 'The frame' })).toBeVisible();
    await expect(page.locator('.untranslated[data-untranslated="step.title"]')).toContainText('sin traducir');
    // Options are shuffled per instance: compared as a set.
    await expect(page.locator('.quiz label.option')).toHaveCount(3);
    expect((await page.locator('.quiz label.option').allInnerTexts()).map((s) => s.trim()).sort()).toEqual(['marco 10', 'marco 8', 'marco 9']);
    await page.locator('.quiz').getByRole('radio', { name: 'marco 8', exact: true }).check();
    await page.locator('.quiz button[type="submit"]').click();
    await expect(page.locator('.quiz .feedback')).toHaveClass(/ok/);
    await expect(page.locator('.quiz .feedback .compare')).toContainText('marco 8');
    // Its explanation has no Spanish text: marked.
    await expect(page.locator('.quiz .untranslated[data-untranslated="quiz.explanation"]')).toBeVisible();
    await expect(page.locator('.quiz .explanation')).toHaveAttribute('lang', 'en');

    // Back to step 2 and the right answer there.
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByRole('heading', { level: 2, name: 'Una lectura' })).toBeVisible();
    await answer(page, right);
    await expect(page.locator('.quiz .feedback')).toHaveClass(/ok/);

    // In English the pack's own texts are shown, with no markers.
    await page.goto('/#/settings');
    await page.getByLabel('Idioma').selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto('/#/library');
    await expect(packSection(page, 'A translated pack')).toBeVisible();
    await packSection(page, 'A translated pack').getByRole('link', { name: /Pages and frames/ }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Pages and frames' })).toBeVisible();
    await expect(page.locator('.untranslated')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});
