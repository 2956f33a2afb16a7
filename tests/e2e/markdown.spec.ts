/*
 * Lesson text comes from packs made by anyone, so the Markdown renderer must never let a
 * pack run code or make the app fetch anything. Checked in a real browser (DOMPurify
 * needs one) by importing the renderer's own module from the dev server.
 */
import { expect, test } from '@playwright/test';
import { DEV_PORT } from '../../playwright.config.ts';

const render = (page: import('@playwright/test').Page, text: string) =>
  page.evaluate(async (t) => {
    // A page URL served by the dev server, not a module TypeScript can resolve.
    const url: string = '/lib/markdown.ts';
    const m = await import(url);
    return m.renderMarkdown(t) as string;
  }, text);

test.beforeEach(async ({ page }) => {
  await page.goto(`http://127.0.0.1:${DEV_PORT}/`);
  // The app must be up (the dev server may have reloaded the page once while optimising).
  await page.getByRole('heading', { level: 1 }).first().waitFor();
});

test('raw HTML is shown as text, never parsed', async ({ page }) => {
  const html = await render(page, 'Hello <script>alert(1)</script> <img src=x onerror=alert(2)> <b>bold</b>');
  expect(html).not.toMatch(/<(script|img|b)[\s>]/i);
  expect(html).toContain('&lt;script&gt;');
});

test('no remote loads: web links become labels, remote and unknown images lose their source', async ({ page }) => {
  const html = await render(page, '[docs](https://example.com/x) ![remote](https://example.com/a.png) ![local](assets/a.png) [js](javascript:alert(1))');
  expect(html).not.toMatch(/(href|src)="(https?|javascript):/i);
  expect(html).toContain('class="offline-link"');
  expect(html).not.toMatch(/src="assets\//);
});

test('what lessons need survives: emphasis, code, tables, lists, inline images', async ({ page }) => {
  const png = 'data:image/png;base64,iVBORw0KGgo=';
  const html = await render(page, `**bold** and \`0x1000\`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n\n![diagram](${png})`);
  expect(html).toContain('<strong>bold</strong>');
  expect(html).toContain('<code>0x1000</code>');
  expect(html).toContain('<table>');
  expect(html).toContain('<li>one</li>');
  expect(html).toContain(`src="${png}"`);
  expect(html).toContain('alt="diagram"');
});

test('only raster base64 images survive on <img>: no SVG or HTML data: URIs, no blob: URLs (issue 12)', async ({ page }) => {
  const html = await render(page, '![svg](data:image/svg+xml;base64,PHN2Zz4=) ![html](data:text/html,<b>x</b>) ![blob](blob:http://127.0.0.1/1) ![ok](data:image/png;base64,iVBORw0KGgo=)');
  expect(html).not.toMatch(/src="(data:image\/svg|data:text|blob:)/);
  expect(html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
});

test('long unbroken text in lessons wraps instead of being cut off (issue 12)', async ({ page }) => {
  const wrap = await page.evaluate(() => {
    const div = document.createElement('div');
    div.className = 'prose';
    document.body.append(div);
    return getComputedStyle(div).overflowWrap;
  });
  expect(wrap).toBe('anywhere');
});
