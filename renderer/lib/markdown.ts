/*
 * Lesson text (narratives, quiz prompts, explanations, pack descriptions) is Markdown
 * from packs that may come from anywhere, so it is rendered defensively, twice over:
 * marked turns raw HTML into visible text and web links into plain labels (the app makes
 * no network requests), then DOMPurify removes anything that could still run or load —
 * only inline images the lesson engine has already resolved survive, as base64 data: URLs
 * of the four raster formats (never SVG, HTML or blob: URLs, which could point at anything
 * the page holds).
 */
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link): string {
      // Even in-page (#) links: the URL hash addresses the app's screens, not lesson headings.
      const text = this.parser.parseInline(token.tokens);
      return `<span class="offline-link" title="${escapeHtml(token.href)} (links do not open inside Pagewalk)">${text}</span>`;
    },
  },
});

const SAFE_URI = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=]*$/i;

// DOMPurify lets any data: URI through on <img> whatever ALLOWED_URI_REGEXP says; this
// hook holds every src to the same rule.
DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
  if ((data.attrName === 'src' || data.attrName === 'href' || data.attrName === 'xlink:href') && !SAFE_URI.test(data.attrValue.trim())) data.keepAttr = false;
});

export function renderMarkdown(text: string): string {
  const html = marked.parse(text) as string;
  return DOMPurify.sanitize(html, {
    ALLOWED_URI_REGEXP: SAFE_URI,
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
    FORBID_ATTR: ['style', 'srcset'],
  });
}

/** Markdown reduced to plain text, for aria labels and the live region. */
export function markdownText(text: string): string {
  const div = document.createElement('div');
  div.innerHTML = renderMarkdown(text);
  return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
}
