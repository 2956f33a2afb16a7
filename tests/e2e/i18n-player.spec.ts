/*
 * Issue 13, the lesson player in Spanish, German and Chinese: the browser's language opens
 * the app in it, and lesson 1 of the built-in pack is played from its first step to its
 * recap — one quiz answered wrongly and then rightly (a fresh instance, worked out from the
 * page table), every other quiz answered once. Each language gets an axe audit (WCAG A/AA)
 * of the lesson screen while predicting and after the feedback, a check that no button,
 * badge or link clips its text, and screenshots at 1024×640 and 1280×800 for a person to
 * look at (test-results/, not kept in git). The lesson's own texts are the pack's (English).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { A_FRAMES, clearStorage, promptAddress, watchErrors } from './helpers.ts';

const LESSON_URL = '/#/lesson/pagewalk.memory-management/virtual-vs-physical';

interface Words {
  locale: string;
  lang: string;
  stepOf: (n: number) => string;
  forward: RegExp;
  next: (n: number) => string;
  yourAddress: RegExp;
  yourNumber: string;
  yourPick: string;
  yes: string;
  check: string;
  fresh: string;
  right: string;
  wrong: string;
  yourPrediction: string;
  diverged: string;
  /** A word of the field that the divergence uses. */
  term: RegExp;
  recap: string;
  back: string;
  textHeading: string;
  graph: string;
  /** An English word of the player that must not be left on the screen. */
  english: RegExp;
}

const LANGUAGES: Words[] = [
  {
    locale: 'es-ES',
    lang: 'es',
    stepOf: (n) => `Paso ${n} de 6`,
    forward: /Adelante/,
    next: (n) => `Siguiente: paso ${n} →`,
    yourAddress: /Tu dirección/,
    yourNumber: 'Tu número',
    yourPick: 'Tu elección',
    yes: 'Sí',
    check: 'Comprobar mi predicción',
    fresh: 'Probar con otra versión',
    right: '✓ Correcto: la máquina está de acuerdo.',
    wrong: '✗ Esta vez no: mira lo que pasó de verdad.',
    yourPrediction: 'Tu predicción',
    diverged: 'Dónde se separaron:',
    term: /marco/,
    recap: 'Lo que has aprendido',
    back: 'Volver a la biblioteca',
    textHeading: 'Tablas de páginas',
    graph: 'Grafo',
    english: /\b(Step|Check my prediction|Forward|Restart|Replay|Legend|Your prediction)\b/,
  },
  {
    locale: 'de-DE',
    lang: 'de',
    stepOf: (n) => `Schritt ${n} von 6`,
    forward: /Weiter →/,
    next: (n) => `Weiter: Schritt ${n} →`,
    yourAddress: /Deine Adresse/,
    yourNumber: 'Deine Zahl',
    yourPick: 'Deine Wahl',
    yes: 'Ja',
    check: 'Vorhersage prüfen',
    fresh: 'Neue Variante versuchen',
    right: '✓ Richtig — die Maschine stimmt zu.',
    wrong: '✗ Diesmal nicht — so ist es wirklich gelaufen.',
    yourPrediction: 'Deine Vorhersage',
    diverged: 'Wo es auseinanderging:',
    term: /Seitenrahmen/,
    recap: 'Was du gelernt hast',
    back: 'Zurück zur Bibliothek',
    textHeading: 'Seitentabellen',
    graph: 'Graph',
    english: /\b(Step|Check my prediction|Forward|Restart|Replay|Your prediction)\b/,
  },
  {
    locale: 'zh-CN',
    lang: 'zh-CN',
    stepOf: (n) => `第 ${n} 步，共 6 步`,
    forward: /下一步 →/,
    next: (n) => `下一步：第 ${n} 步 →`,
    yourAddress: /你的地址/,
    yourNumber: '你的数字',
    yourPick: '你的选择',
    yes: '是',
    check: '检查我的预测',
    fresh: '换一个新版本试试',
    right: '✓ 正确——机器和你的预测一致。',
    wrong: '✗ 这次不对——看看实际发生了什么。',
    yourPrediction: '你的预测',
    diverged: '分歧出现在：',
    term: /页框/,
    recap: '你学到了什么',
    back: '返回课程库',
    textHeading: '页表',
    graph: '图',
    english: /\b(Step|Check my prediction|Forward|Restart|Replay|Legend|Your prediction)\b/,
  },
];

/**
 * Buttons, links styled as buttons, badges, selects and labels of the lesson screen whose
 * text does not fit their box, or that stick out of the panel that holds them (a panel
 * hides what overflows it, so a control pushed out of it is cut off).
 */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.lesson button, .lesson a.button, .lesson .badge, .lesson select, .lesson .step-no, .lesson legend, .lesson label')]
      .filter((e) => {
        if (e.offsetParent === null) return false;
        if (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 2) return true;
        const panel = e.closest('.panel, .lesson-head')?.getBoundingClientRect();
        const box = e.getBoundingClientRect();
        return !!panel && (box.right > panel.right + 1 || box.left < panel.left - 1);
      })
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent?.trim()}`),
  );
}

/** WCAG 2.x A/AA violations on the page as it is now, one line each. */
async function audit(page: Page, where: string): Promise<string[]> {
  await page.waitForTimeout(300);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.passes.some((p) => p.id === 'color-contrast' && p.nodes.length > 10), `${where}: contrast was checked`).toBe(true);
  return result.violations.map((v) => `${where}: ${v.id} (${v.impact}) — ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** The lesson as it looks at two window sizes, each checked for clipped controls. */
async function shoot(page: Page, name: string, outputPath: (name: string) => string): Promise<string[]> {
  const problems: string[] = [];
  for (const [width, height] of [
    [1280, 800],
    [1024, 640],
  ]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    problems.push(...(await clipped(page)).map((c) => `${name} at ${width}×${height}: ${c}`));
    await page.screenshot({ path: outputPath(`${name}-${width}x${height}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  return problems;
}

for (const w of LANGUAGES) {
  test.describe(`the lesson player in ${w.lang}`, () => {
    test.use({ locale: w.locale });

    test(`plays lesson 1 to its recap in ${w.lang}, with a wrong and then a right answer, audited and unclipped`, async ({ page }, testInfo) => {
      test.setTimeout(180_000);
      const errors = watchErrors(page);
      const out = (name: string) => testInfo.outputPath(`${w.lang}-${name}`);
      const violations: string[] = [];
      const clips: string[] = [];
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto('/');
      await clearStorage(page);
      await page.goto(LESSON_URL);
      await expect(page.locator('html')).toHaveAttribute('lang', w.lang);
      await expect(page.locator('.step-no')).toHaveText(w.stepOf(1));
      await expect(page.locator('.svelte-flow__node-process')).toHaveCount(3);
      violations.push(...(await audit(page, 'step 1')));
      clips.push(...(await shoot(page, 'step1', out)));

      // Step 2: a wrong prediction (the virtual address itself), then a right one on a fresh instance.
      await page.getByRole('button', { name: w.forward }).click();
      await expect(page.locator('.step-no')).toHaveText(w.stepOf(2));
      const quiz = page.locator('.quiz');
      const va = await promptAddress(page);
      await page.getByLabel(w.yourAddress).fill('0x' + va.toString(16));
      violations.push(...(await audit(page, 'step 2, predicting')));
      clips.push(...(await shoot(page, 'quiz', out)));
      await quiz.getByRole('button', { name: w.check }).click();
      const feedback = quiz.locator('.feedback');
      await expect(feedback.locator('.verdict')).toHaveText(w.wrong);
      await expect(feedback.locator('dt').first()).toHaveText(w.yourPrediction);
      const pa = A_FRAMES[va >> 12] * 0x1000 + (va & 0xfff);
      await expect(feedback.locator('dd').nth(1)).toHaveText(new RegExp(`0x0*${pa.toString(16)}`, 'i'));
      await expect(feedback.locator('.divergence')).toContainText(w.diverged);
      await expect(feedback.locator('.divergence')).toContainText(w.term);
      await expect(feedback.locator('.divergence')).toContainText('0x' + va.toString(16));
      violations.push(...(await audit(page, 'step 2, wrong answer')));
      clips.push(...(await shoot(page, 'feedback-wrong', out)));

      await quiz.getByRole('button', { name: w.fresh }).click();
      await expect(quiz.getByRole('button', { name: w.check })).toBeVisible();
      const va2 = await promptAddress(page);
      const pa2 = A_FRAMES[va2 >> 12] * 0x1000 + (va2 & 0xfff);
      await page.getByLabel(w.yourAddress).fill('0x' + pa2.toString(16));
      await quiz.getByRole('button', { name: w.check }).click();
      await expect(feedback.locator('.verdict')).toHaveText(w.right);
      clips.push(...(await shoot(page, 'feedback-right', out)));

      // The text view of the same machine, in the same language.
      await page.locator('main h1').focus();
      await page.keyboard.press('t');
      await expect(page.locator('.textview').getByRole('heading', { name: w.textHeading, exact: true })).toBeVisible();
      clips.push(...(await shoot(page, 'textview', out)));
      await page.getByRole('button', { name: w.graph, exact: true }).click();

      // Steps 3 to 6: each quiz answered once, in the form it asks for.
      await page.getByRole('button', { name: w.next(3) }).click();
      await expect(page.locator('.step-no')).toHaveText(w.stepOf(3));
      await page.getByLabel(w.yourAddress).fill('0x0');
      await quiz.getByRole('button', { name: w.check }).click();
      await expect(feedback.locator('.verdict')).toHaveText(new RegExp(`^(${w.right}|${w.wrong})$`.replace(/[?]/g, '\\?')));

      await page.getByRole('button', { name: w.next(4) }).click();
      await expect(page.locator('.step-no')).toHaveText(w.stepOf(4));
      await page.getByLabel(w.yourNumber).fill('1');
      await quiz.getByRole('button', { name: w.check }).click();
      await expect(feedback).toBeVisible();

      await page.getByRole('button', { name: w.next(5) }).click();
      await expect(page.locator('.step-no')).toHaveText(w.stepOf(5));
      const pickList = page.getByLabel(w.yourPick);
      await pickList.selectOption({ index: 1 });
      violations.push(...(await audit(page, 'step 5, pick')));
      clips.push(...(await shoot(page, 'pick', out)));
      await quiz.getByRole('button', { name: w.check }).click();
      await expect(feedback).toBeVisible();

      await page.getByRole('button', { name: w.next(6) }).click();
      await expect(page.locator('.step-no')).toHaveText(w.stepOf(6));
      await quiz.getByText(w.yes, { exact: true }).click();
      await quiz.getByRole('button', { name: w.check }).click();
      await expect(feedback).toBeVisible();
      await expect(page.getByRole('heading', { name: w.recap })).toBeVisible();
      await page.getByRole('heading', { name: w.recap }).scrollIntoViewIfNeeded();
      await expect(page.getByRole('link', { name: w.back }).last()).toBeVisible();
      violations.push(...(await audit(page, 'step 6, recap')));
      clips.push(...(await shoot(page, 'recap', out)));

      // The player's chrome has no English left (the pack's own texts are English until translated).
      const chrome = await page.locator('.lesson-head, .quiz .feedback > .verdict, .quiz dt, .state .toolbar, .next').allInnerTexts();
      expect(chrome.filter((text) => w.english.test(text))).toEqual([]);
      expect(violations, violations.join('\n')).toEqual([]);
      expect(clips, clips.join('\n')).toEqual([]);
      expect(errors).toEqual([]);
    });
  });
}
