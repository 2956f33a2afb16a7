/*
 * A lesson ends with a recap of what it taught: on the last step, under "What you
 * learned", once the last question has been answered (before, it would read as a hint).
 */
import { expect, test } from '@playwright/test';
import { freshStart } from './helpers.ts';

test.beforeEach(async ({ page }) => freshStart(page));

test('the last step shows the lesson recap once its question is answered', async ({ page }) => {
  await page.goto('/#/lesson/pagewalk.memory-management/page-faults');
  await expect(page.locator('.step-no')).toHaveText(/^Step 1 of \d+$/);
  const count = Number((await page.locator('.step-no').textContent())!.match(/of (\d+)/)![1]);
  await expect(page.getByRole('heading', { name: 'What you learned' })).toHaveCount(0);
  for (let k = 1; k < count; k++) {
    await page.getByRole('button', { name: /^Next: step/ }).click();
    await expect(page.locator('.step-no')).toHaveText(`Step ${k + 1} of ${count}`);
  }
  // Not before the answer: the recap must not help with the last question.
  await expect(page.getByRole('heading', { name: 'What you learned' })).toHaveCount(0);
  await page.locator('.quiz').getByRole('spinbutton').or(page.locator('.quiz').getByRole('textbox')).first().fill('1');
  await page.getByRole('button', { name: 'Check my prediction' }).click();
  await expect(page.locator('.feedback')).toBeVisible();
  const recap = page.getByRole('region', { name: 'What you learned' });
  await expect(recap).toBeVisible();
  // The recap of lesson 6 as written in its file: one list item per point.
  await expect(recap.getByRole('listitem')).toHaveCount(5);
  await expect(recap).toContainText('demand paging');
  await expect(page.getByRole('link', { name: 'Back to the library' })).toBeVisible();
});
