/*
 * Issue 13, item 5: the pseudo-locale en-XA (development builds only) finds what did not
 * go through the catalogue and what clips. Every catalogue text in en-XA is accented and
 * about 40 % longer, inside ⟦ ⟧; a plain English word outside ⟦ ⟧ is a string some code
 * still builds by hand. This visits every screen of the dev build in en-XA — the Library, a
 * lesson step with its question, the Sandbox after two commands, the
 * Experiments screen, Progress, Author preview and Settings — and fails on
 * plain English words in the interface and on clipped buttons, links, badges and selects.
 *
 * Not the interface: what a pack's author wrote (titles, summaries, the lesson's narrative,
 * prompt and hints), what the learner typed, and the simulator's own identifiers (process
 * names, addresses, area names such as heap, policy names such as lru), which stay as typed
 * in every language. Those are left out by the regions and the allow-list below.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEV_PORT } from '../../playwright.config.ts';
import { clearStorage, watchErrors } from './helpers.ts';

const DEV = `http://127.0.0.1:${DEV_PORT}/`;

/** Author-written or learner-typed regions: their text is not the interface's. */
const CONTENT = ['.prose', '.pack-title h2', '.lesson-card h3', '.summary', '.lesson-head h1', '#step-title', 'code', 'pre', 'kbd', 'textarea', 'input', '.mono'];

/** Words that are the same in every language: names of the field, units, the product. */
const SAME_EVERYWHERE = new Set(
  'fifo lru mru opt unopt clock random code data heap stack kernel mmap Pagewalk TLB MMU PTE PFN VPN ASID ASIDs NUMA CPU CPUs KiB MiB GiB TiB x86 Sv39 Sv48 LRU FIFO CLOCK OPT MRU RANDOM UNOPT RSS PSS USS COW CSV JSON YAML PNG SVG PTBR Linux POSIX mmap munmap fork exec brk mprotect shm_open MAP_SHARED MAP_PRIVATE smaps'.split(' '),
);

async function untranslated(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ content, same }) => {
      const out = new Set<string>();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest(content.join(',')) || el.closest('[aria-hidden="true"], script, style, option[data-user]')) continue;
        if (!(el as HTMLElement).offsetParent && getComputedStyle(el).position !== 'fixed') continue;
        const text = n.textContent ?? '';
        // Text inside ⟦ ⟧ came from the catalogue; a value put into a message (a title, a name) is inside it too.
        const around = (el.closest('*:not(span):not(strong):not(em):not(b):not(i)') ?? el).textContent ?? '';
        if (around.includes('⟦')) continue;
        const words = (text.match(/[A-Za-z][A-Za-z'’-]{2,}/g) ?? []).filter((w) => !same.includes(w) && !/^0x/.test(w));
        if (words.length) out.add(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}: ${text.trim().slice(0, 80)}`);
      }
      return [...out];
    },
    { content: CONTENT, same: [...SAME_EVERYWHERE] },
  );
}

async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a.button, .badge, nav a, select, .tab')]
      .filter((e) => e.offsetParent !== null && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 2))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent?.trim().slice(0, 60)}`),
  );
}

async function check(page: Page, screen: string, testInfo: { outputPath(name: string): string }): Promise<void> {
  await page.waitForTimeout(300);
  expect(await untranslated(page), `plain English on ${screen}`).toEqual([]);
  expect(await clipped(page), `clipped on ${screen}`).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath(`en-XA-${screen}.png`), fullPage: true });
}

test('in the pseudo-locale every screen is made of catalogue text, and nothing clips', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto(DEV);
  await clearStorage(page);
  await page.goto(DEV + '#/settings');
  await page.locator('select#lang').selectOption('en-XA');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
  await check(page, 'settings', testInfo);

  await page.goto(DEV + '#/library');
  await expect(page.locator('.lesson-card, article').first()).toBeVisible();
  await check(page, 'library', testInfo);

  await page.goto(DEV + '#/lesson/pagewalk.memory-management/page-tables');
  await expect(page.locator('.pw-graph')).toHaveAttribute('data-painted', /.+/, { timeout: 30_000 });
  await check(page, 'lesson', testInfo);

  await page.goto(DEV + '#/sandbox');
  await page.locator('#command').fill('spawn A');
  await page.locator('#command').press('Enter');
  await page.locator('#command').fill('write A 0x3000 7');
  await page.locator('#command').press('Enter');
  await page.waitForTimeout(500);
  await check(page, 'sandbox', testInfo);

  await page.goto(DEV + '#/experiments');
  await check(page, 'experiments', testInfo);
  await page.goto(DEV + '#/progress');
  await check(page, 'progress', testInfo);
  await page.goto(DEV + '#/author');
  await check(page, 'author', testInfo);
  expect(errors).toEqual([]);
});
