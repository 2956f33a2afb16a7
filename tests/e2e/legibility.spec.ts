/*
 * The graph is legible (issue 8): on the quick subset of `npm run bench:legibility` (the
 * first step of the 16-bit, x86-64, fork, NUMA and dump lessons, and the sandbox with 4
 * processes) at 1024×640, 1280×800 and 1920×1080, with text size 16 and 22 px, the graph
 * meets the targets: every label ≥ 11 px at 1280×800 and ≥ 10 px at 1024×640,
 * median ≥ 13 px at 1280×800, no truncation that cuts a number, no node under the
 * controls, and text size 22 draws larger graph text than 16. The measuring is shared
 * with the benchmark (legibility-measure.mjs).
 */
import { expect, test } from '@playwright/test';
import { FONT_SIZES, QUICK_LESSONS, VIEWPORTS, applySettings, measureGraph, missedTargets, openLesson, openSandbox, viewportName, type StepRecord } from './legibility-measure.mjs';

test('graph text is large enough, never cut mid-number, and clear of the controls at every screen size', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const base = baseURL ?? 'http://127.0.0.1:4173/';
  const records: StepRecord[] = [];
  for (const viewport of VIEWPORTS) {
    for (const fontSize of FONT_SIZES) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await applySettings(page, base, { fontSize });
      const at = { viewport: viewportName(viewport), fontSize, step: 1 };
      for (const lesson of QUICK_LESSONS) {
        await openLesson(page, base, lesson);
        records.push({ ...at, scene: lesson, figures: await measureGraph(page) });
      }
      await openSandbox(page, base);
      records.push({ ...at, scene: 'sandbox', figures: await measureGraph(page) });
      await context.close();
    }
  }
  expect(records).toHaveLength(VIEWPORTS.length * FONT_SIZES.length * (QUICK_LESSONS.length + 1));
  expect(missedTargets(records), 'legibility targets missed').toEqual([]);
});
