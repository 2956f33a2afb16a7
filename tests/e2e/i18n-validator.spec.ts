/*
 * Issue 13, validator area: the browser build's import refuses a broken pack with the
 * validator's messages in the learner's language, each with its FILE:LINE:COL. The
 * browser's language (German, Chinese) is the app's; the worker that loads the pack
 * follows it, so its messages do too. (The severity word is left to core/diag.ts.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { packArchive } from '../../core/lessons/archive.ts';
import { freshStart, watchErrors } from './helpers.ts';

const MANIFEST = `id: test.pack
title: Test pack
version: 1.0.0
authors: [Tester]
license: MIT
language: en
description: A pack for tests.
minAppVersion: 0.1.0
lessons:
  - lessons/a.yaml
  - lessons/missing.yaml
`;
const tmp = mkdtempSync(join(tmpdir(), 'pagewalk-i18n-validator-'));
const brokenArchive = join(tmp, 'broken.pagewalk');
writeFileSync(
  brokenArchive,
  packArchive(
    new Map<string, string | Uint8Array>([
      ['pack.yaml', MANIFEST],
      ['lessons/a.yaml', 'id: a\ntitle: A\nlevel: beginner\nsummary: s\nmachine: teaching-16\nsteps:\n  - title: One\n    text: "<b>bold</b>"\n'],
    ]),
  ),
);

const notices = (page: Page, name: string) => page.getByRole('region', { name });

async function importBroken(page: Page, button: string): Promise<void> {
  await freshStart(page);
  await page.goto('/');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button, exact: true }).click();
  await (await chooser).setFiles(brokenArchive);
}

test.describe('a German browser', () => {
  test.use({ locale: 'de-DE' });
  test('refuses a broken pack with the validator’s messages in German, at their FILE:LINE:COL', async ({ page }) => {
    const errors = watchErrors(page);
    await importBroken(page, '+ Paketdatei importieren …');
    const region = notices(page, 'Hinweise');
    await expect(region).toContainText(/pack\.yaml:11:5: [^:]+: die Lektionsdatei „lessons\/missing\.yaml“ gibt es nicht/);
    await expect(region).toContainText(/lessons\/a\.yaml:8:11: [^:]+: rohes HTML ist im Text eines Pakets nicht erlaubt: <b> \(verwende stattdessen Markdown/);
    expect(errors).toEqual([]);
  });
});

test.describe('a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });
  test('refuses a broken pack with the validator’s messages in Chinese, at their FILE:LINE:COL', async ({ page }) => {
    const errors = watchErrors(page);
    await importBroken(page, '+ 导入课程包文件…');
    const region = notices(page, '通知');
    await expect(region).toContainText(/pack\.yaml:11:5: [^:]+: 课程文件“lessons\/missing\.yaml”不存在/);
    await expect(region).toContainText(/lessons\/a\.yaml:8:11: [^:]+: 课程包文本中不允许使用原始 HTML：<b> \(请改用 Markdown/);
    expect(errors).toEqual([]);
  });
});
