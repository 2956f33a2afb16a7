/*
 * Issue 13, the graph area in Spanish, German and Chinese (the browser's language picks
 * the app's): a lesson's node graph (node labels, the legend, the text view, the dump
 * view) and the Experiments screen (run one experiment; its title, legend, axes, data
 * table and numbers formatted for the locale). Per language: an axe audit, no clipped
 * buttons or selects, no graph label cut or overlapping (legibility-measure.mjs, the
 * bench's own measuring), and screenshots at 1024×640, 1280×800 and 1920×1080 for a
 * person to look at (test-results/, not kept in git).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { clearStorage, watchErrors } from './helpers.ts';
import { measureGraph } from './legibility-measure.mjs';

const PACK = 'pagewalk.memory-management';
const VIEWPORTS = [
  { width: 1024, height: 640 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

interface Words {
  browser: string;
  lang: string;
  memory: string;
  free: string;
  legend: string;
  legendRow: RegExp;
  textHeading: string;
  dump: string;
  experiments: string;
  experimentLabel: string;
  run: string;
  result: string;
  title: RegExp;
  legendEntry: string;
  note: string;
  dataTable: RegExp;
  hitRate: string;
  /** hit rate of FIFO at 1 frame of Belady's string (0 %) … and 16.6667 % at 4 frames, as the locale writes it. */
  cell: string;
}

const LANGUAGES: Words[] = [
  {
    browser: 'es-ES',
    lang: 'es',
    memory: 'Memoria física',
    free: 'libre',
    legend: 'Leyenda',
    legendRow: /Tabla de páginas — un marco de entradas/,
    textHeading: 'Qué acaba de pasar',
    dump: 'Volcado de memoria',
    experiments: 'Experimentos',
    experimentLabel: 'Experimento',
    run: '▶ Ejecutar',
    result: 'Resultado',
    title: /^Reemplazo de páginas: 1,2,3,4,1,2,5,1,2,3,4,5$/,
    legendEntry: 'fifo',
    note: 'Anomalía de Belady: FIFO provoca 9 fallos con 3 marcos, pero 10 con 4.',
    dataTable: /^Tabla de datos \(14 filas\)$/,
    hitRate: 'tasa de aciertos',
    cell: '16,6667',
  },
  {
    browser: 'de-DE',
    lang: 'de',
    memory: 'Physischer Speicher',
    free: 'frei',
    legend: 'Legende',
    legendRow: /Seitentabelle — ein Seitenrahmen voller Einträge/,
    textHeading: 'Was gerade passiert ist',
    dump: 'Speicherauszug',
    experiments: 'Experimente',
    experimentLabel: 'Experiment',
    run: '▶ Starten',
    result: 'Ergebnis',
    title: /^Seitenersetzung: 1,2,3,4,1,2,5,1,2,3,4,5$/,
    legendEntry: 'fifo',
    note: 'Belady-Anomalie: FIFO macht mit 3 Seitenrahmen 9 Seitenfehler, mit 4 aber 10.',
    dataTable: /^Datentabelle \(14 Zeilen\)$/,
    hitRate: 'Trefferquote',
    cell: '16,6667',
  },
  {
    browser: 'zh-CN',
    lang: 'zh-CN',
    memory: '物理内存',
    free: '空闲',
    legend: '图例',
    legendRow: /页表 — 一个页框的表项/,
    textHeading: '刚才发生了什么',
    dump: '内存转储',
    experiments: '实验',
    experimentLabel: '实验',
    run: '▶ 运行',
    result: '结果',
    title: /^页面置换：1,2,3,4,1,2,5,1,2,3,4,5$/,
    legendEntry: 'fifo',
    note: 'Belady 异常：FIFO 在 3 个页框时产生 9 次缺页，而在 4 个页框时反而产生 10 次。',
    dataTable: /^数据表（14 行）$/,
    hitRate: '命中率',
    cell: '16.6667',
  },
];

/** Buttons, selects, badges and nav links whose text does not fit their box (as tests/e2e/i18n.spec.ts measures). */
async function clipped(page: Page, within = 'body'): Promise<string[]> {
  return page.evaluate(
    (sel) =>
      [...document.querySelectorAll<HTMLElement>(`${sel} button, ${sel} a.button, ${sel} .badge, ${sel} nav a, ${sel} select, ${sel} summary, ${sel} legend, ${sel} th`)]
        .filter((e) => e.offsetParent !== null && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 2))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent?.trim()}`),
    within,
  );
}

async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Open a lesson and wait until its first step's graph has played to its final state. */
async function openLesson(page: Page, lesson: string): Promise<void> {
  await page.goto(`/#/lesson/${PACK}/${lesson}`);
  await expect(page.locator('.pw-graph .svelte-flow__node').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.pw-graph')).toHaveAttribute('data-phase', 'final', { timeout: 60_000 });
}

for (const w of LANGUAGES) {
  test.describe(`in ${w.lang}`, () => {
    test.use({ locale: w.browser, reducedMotion: 'reduce' });

    test('a lesson graph: nodes, legend, text view and dump view are translated, nothing cut, axe clean', async ({ page, browser }, testInfo) => {
      test.setTimeout(420_000);
      const errors = watchErrors(page);
      await page.goto('/');
      await clearStorage(page);
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', w.lang);

      await openLesson(page, 'fork-cow');
      const graph = page.locator('.pw-graph');
      await expect(graph.locator('.memory-head strong').first()).toHaveText(w.memory);
      await expect(graph.locator('.gnode.frame .label', { hasText: new RegExp(`^${w.free}`) }).first()).toBeVisible();
      // Every node has a translated description for assistive technology.
      const labels = await graph.locator('.svelte-flow__node[aria-label]').evaluateAll((ns) => ns.map((n) => n.getAttribute('aria-label') ?? ''));
      expect(labels.length).toBeGreaterThan(5);
      expect(labels.filter((l) => /\b(frame|running|idle|page table of|in use)\b/.test(l)), 'English node labels').toEqual([]);

      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await openLesson(page, 'fork-cow');
        const figures = await measureGraph(page);
        expect(figures.truncations.filter((t) => t.kind !== 'words'), `${viewport.width}: labels cut inside a number`).toEqual([]);
        expect(figures.truncations, `${viewport.width}: graph labels cut`).toEqual([]);
        expect(figures.overlaps, `${viewport.width}: overlapping nodes`).toEqual([]);
        await page.screenshot({ path: testInfo.outputPath(`lesson-${w.lang}-${viewport.width}.png`) });
      }
      await page.setViewportSize({ width: 1280, height: 800 });

      // The bench's quick subset (16-bit, x86-64, NUMA): nothing cut inside a number, and no
      // more words cut than English shows on the same step.
      const english = await browser.newPage({ locale: 'en-US', reducedMotion: 'reduce', viewport: { width: 1280, height: 800 } });
      for (const lesson of ['virtual-vs-physical', 'multi-level-page-tables', 'numa']) {
        await openLesson(english, lesson);
        const base = (await measureGraph(english)).truncations.length;
        await openLesson(page, lesson);
        const figures = await measureGraph(page);
        expect(figures.truncations.filter((t) => t.kind !== 'words'), `${lesson}: labels cut inside a number`).toEqual([]);
        expect(figures.truncations.length, `${lesson}: words cut ${JSON.stringify(figures.truncations)}`).toBeLessThanOrEqual(base);
        expect(figures.overlaps, `${lesson}: overlapping nodes`).toEqual([]);
        await page.screenshot({ path: testInfo.outputPath(`lesson-${lesson}-${w.lang}.png`) });
      }
      await english.close();

      // The legend (L) and the text view (T), both from the keyboard.
      await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
      await page.keyboard.press('l');
      const legend = page.locator('section.legend');
      await expect(legend.getByRole('heading', { level: 3 })).toHaveText(w.legend);
      await expect(legend.getByText(w.legendRow)).toBeVisible();
      expect(await clipped(page, 'section.legend')).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`legend-${w.lang}.png`) });
      expect(await axe(page), 'axe with the legend open').toEqual([]);
      await page.keyboard.press('l');
      await page.keyboard.press('t');
      await expect(page.getByRole('heading', { level: 3, name: w.textHeading })).toBeVisible();
      await page.keyboard.press('t');

      // The memory-dump exercise opens on its dump.
      await page.goto(`/#/lesson/${PACK}/walk-a-dump`);
      const dump = page.getByRole('region', { name: w.dump });
      await expect(dump).toBeVisible({ timeout: 30_000 });
      await expect(dump.locator('caption').first()).not.toHaveText(/page/);
      await page.screenshot({ path: testInfo.outputPath(`dump-${w.lang}.png`) });
      expect(await axe(page), 'axe on the dump').toEqual([]);
      expect(errors).toEqual([]);
    });

    test('the Experiments screen: one run, its chart, legend, notes and data table in the language, numbers for the locale, axe clean', async ({ page }, testInfo) => {
      test.setTimeout(180_000);
      const errors = watchErrors(page);
      await page.goto('/');
      await clearStorage(page);
      await page.goto('/#/experiments');
      await expect(page.getByRole('heading', { level: 1, name: w.experiments })).toBeVisible();
      await expect(page.getByRole('combobox', { name: w.experimentLabel, exact: true })).toHaveValue('replacement');
      expect(await clipped(page)).toEqual([]);

      await page.getByRole('button', { name: w.run }).click();
      await expect(page.getByRole('button', { name: w.run })).toBeVisible({ timeout: 30_000 });
      const result = page.getByRole('region', { name: w.result });
      await expect(result.getByRole('heading', { level: 2 })).toHaveText(w.title);
      await expect(result.locator('ul.legend li', { hasText: w.legendEntry })).toBeVisible();
      await expect(result.getByText(w.note)).toBeVisible();
      // The y axis names the measure in the language (faults against frames: the first plot).
      await expect(result.locator('svg text.label').nth(1)).not.toHaveText(/faults/);

      // The data table: translated headers, locale numbers.
      const table = result.locator('details.data-table');
      await table.locator('summary').click();
      await expect(table.locator('summary')).toHaveText(w.dataTable);
      await expect(table.locator('th', { hasText: w.hitRate })).toBeVisible();
      await expect(table.locator('td', { hasText: w.cell }).first()).toBeVisible();
      expect(await clipped(page)).toEqual([]);
      expect(await axe(page), 'axe on Experiments').toEqual([]);

      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await page.evaluate(() => window.scrollTo(0, 0));
        expect(await clipped(page), `${viewport.width}: clipped`).toEqual([]);
        await page.screenshot({ path: testInfo.outputPath(`experiments-${w.lang}-${viewport.width}.png`), fullPage: viewport.width === 1280 });
      }
      expect(errors).toEqual([]);
    });
  });
}
