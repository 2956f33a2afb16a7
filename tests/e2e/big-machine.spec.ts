/*
 * Issue 10, item 8: a lesson on a 1 GiB machine (262,144 frames, sparse memory) plays in
 * the browser build like any other. The pack is built here, imported with the file
 * picker, and its lesson opened: the graph draws the frames in use and the free frames as
 * runs, the Text view gives the totals, and a pick-a-frame quiz lists a short list.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { packArchive } from '../../core/lessons/archive.ts';
import { freshStart, watchErrors } from './helpers.ts';

const TITLE = 'A machine with a gibibyte';
const files = new Map<string, string>([
  [
    'pack.yaml',
    `id: test.big-machine
title: Big machines
version: 1.0.0
authors: [Tester]
license: MIT
language: en
description: One lesson on a 1 GiB machine.
minAppVersion: 0.1.0
lessons:
  - lessons/big.yaml
`,
  ],
  [
    'lessons/big.yaml',
    `id: big
title: ${TITLE}
level: beginner
summary: Fork on a 1 GiB machine.
machine: { base: x86-64, physFrames: 262144 }
steps:
  - title: A process and its child
    text: A writes eight pages, then forks.
    run:
      - spawn: A
      - mmap: { process: A, length: 0x8000, addr: 0x10000000 }
      - write: { process: A, addr: 0x10000000, pages: 8, value: 1 }
      - fork: { parent: A, child: B }
  - title: Where does the copy go?
    text: B writes to the first page.
    quiz:
      id: where
      kind: pick
      prompt: Which frame will B's copy of the page land in?
      observe: { what: frame, access: { process: B, addr: 0x10000000, op: write } }
`,
  ],
]);
const tmp = mkdtempSync(join(tmpdir(), 'pagewalk-big-'));
const archivePath = join(tmp, 'big.pagewalk');
writeFileSync(archivePath, packArchive(files));

test('a lesson on a 1 GiB machine plays: frames in use and free runs on the graph, totals in the Text view, a short frame list', async ({ page }) => {
  const errors = watchErrors(page);
  page.on('dialog', (d) => void d.accept());
  await freshStart(page);
  await page.goto('/');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /Import a pack file/ }).click();
  await (await chooser).setFiles(archivePath);
  await page.getByRole('link', { name: new RegExp(`Start: ${TITLE}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

  // The step's run animates; its end is the machine after the fork.
  const skip = page.getByRole('button', { name: 'Skip to end' });
  if (await skip.isVisible()) await skip.click();
  await expect(page.locator('.pw-graph')).toHaveAttribute('data-phase', 'final', { timeout: 40_000 });
  await expect(page.locator('.svelte-flow__node-memory')).toContainText('262144 × 4 KiB');
  await expect(page.locator('.svelte-flow__node-process')).toHaveCount(2);
  // The frames in use are drawn one by one; the 262,000-odd free ones as a run at the end.
  expect(await page.locator('.svelte-flow__node-frame').count()).toBeGreaterThan(10);
  expect(await page.locator('.svelte-flow__node-frame').count()).toBeLessThan(200);
  await expect(page.locator('.svelte-flow__node-run', { hasText: /–262143/ })).toHaveCount(1);

  await page.getByRole('button', { name: 'Text', exact: true }).click();
  await expect(page.getByText(/262144 frames of 4 KiB; \d+ free \(frames [^)]*262143\)/)).toBeVisible();
  await page.getByRole('button', { name: 'Graph', exact: true }).click();

  await page.getByRole('button', { name: /Forward/ }).click();
  await expect(page.locator('.step-no')).toHaveText(/Step 2 of/);
  const options = page.locator('.quiz select option');
  expect(await options.count()).toBeGreaterThan(10);
  expect(await options.count()).toBeLessThan(1000);
  expect(errors).toEqual([]);
});
