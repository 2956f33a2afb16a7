/*
 * A learner asks for a hint, answers wrongly, reads the feedback, and answers rightly —
 * in the browser build, with the real core in the Web Worker and the built-in pack
 * (lesson 1, quiz "pa-in-a", which has three graded hints). While the quiz is open the
 * Text view hides what would give the answer away; after checking it shows everything.
 */
import { expect, test } from '@playwright/test';
import { A_FRAMES, freshStart, promptAddress, watchErrors } from './helpers.ts';

test.beforeEach(async ({ page }) => freshStart(page));

test('a learner asks for a hint, answers wrongly, reads the feedback, then answers rightly', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await page.getByRole('link', { name: /Start: Virtual and physical memory/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Virtual and physical memory' })).toBeVisible();
  await page.getByRole('button', { name: /Forward/ }).click();
  await expect(page.getByRole('heading', { name: 'Side by side, but only virtually' })).toBeVisible();
  const quiz = page.locator('.quiz');

  // While predicting, the Text view shows A's page frames as "?".
  await page.getByRole('button', { name: 'Text', exact: true }).click();
  const va = await promptAddress(page);
  const pageRow = page.locator('.textview tr', { hasText: `0x${(va & 0xf000).toString(16).padStart(4, '0')}` }).filter({ has: page.locator('td.concealed') });
  await expect(pageRow.first()).toBeVisible();
  await page.getByRole('button', { name: 'Graph', exact: true }).click();

  // The first hint, asked for before answering.
  const hint = quiz.getByRole('button', { name: 'Hint 1 of 3' });
  await expect(hint).toBeVisible();
  await hint.click();
  const hints = quiz.getByRole('list', { name: 'Hints' });
  await expect(hints.locator('li')).toHaveCount(1);
  await expect(hints).toContainText('the top hex digit is the page number');
  await expect(quiz.getByRole('button', { name: 'Hint 2 of 3' })).toBeVisible();

  // A wrong prediction: the virtual address itself.
  await page.getByLabel(/Your address/).fill('0x' + va.toString(16));
  await quiz.getByRole('button', { name: 'Check my prediction' }).click();
  const feedback = quiz.locator('.feedback');
  await expect(feedback).toContainText('Not this time');
  await expect(feedback.locator('.divergence')).toContainText(`is the virtual address itself: the MMU replaces the page number 0x${(va >> 12).toString(16)} with the frame number ${A_FRAMES[va >> 12]}`);
  await expect(feedback).toContainText('You used 1 hint on this question.');
  // Hints are for before checking: the button is gone with the form.
  await expect(quiz.getByRole('button', { name: /^Hint \d of 3$/ })).toHaveCount(0);

  // A fresh instance, answered rightly from the page table.
  await quiz.getByRole('button', { name: 'Try a fresh instance' }).click();
  await expect(quiz.getByRole('button', { name: 'Check my prediction' })).toBeVisible();
  await expect(quiz.getByRole('button', { name: 'Hint 1 of 3' })).toBeVisible();
  const va2 = await promptAddress(page);
  const pa2 = A_FRAMES[va2 >> 12] * 0x1000 + (va2 & 0xfff);
  await page.getByLabel(/Your address/).fill('0x' + pa2.toString(16));
  await quiz.getByRole('button', { name: 'Check my prediction' }).click();
  await expect(feedback).toContainText('Right');
  await expect(feedback).not.toContainText('You used');

  // Once answered, the Text view shows the frames again.
  await page.getByRole('button', { name: 'Text', exact: true }).click();
  await expect(page.locator('.textview td.concealed')).toHaveCount(0);
  await expect(page.locator('.textview')).toContainText(`Level 0 table of A`);
  await page.getByRole('button', { name: 'Graph', exact: true }).click();

  // Progress records the hint.
  await page.getByRole('link', { name: 'Progress', exact: true }).click();
  // Header text may be styled in capitals; compare without case.
  const headers = (await page.locator('table.data thead th').allTextContents()).map((h) => h.trim().toLowerCase());
  const column = (name: string) => {
    const i = headers.indexOf(name);
    expect(i, `a "${name}" column in ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
    return i;
  };
  // The row shows the question as it was asked (quiz pa-in-a), under its step's title.
  const row = page.locator('tr', { hasText: 'Which physical address' });
  await expect(row).toContainText('Step 2: Side by side, but only virtually');
  const cells = row.locator('th, td');
  await expect(cells.nth(column('hints used'))).toHaveText('1');
  await expect(cells.nth(column('answers'))).toHaveText('2');

  expect(errors).toEqual([]);
});
