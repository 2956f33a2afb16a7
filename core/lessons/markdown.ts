/*
 * Markdown safety for pack text. A pack may come from anywhere, so its narrative must not
 * be able to run code or make the app fetch anything: we tokenise with marked's lexer
 * (the same parser the renderer uses) and refuse raw HTML, remote or inline images, and
 * script-like links. The renderer sanitises again with DOMPurify; this check is what
 * lets an author know at validation time, with a position.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { t } from '../i18n/index.ts';

export interface MarkdownProblem {
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
  /** Character offset in the Markdown text, when known. */
  offset: number | null;
}

const SCRIPT_SCHEMES = /^\s*(javascript|vbscript|data|file|blob):/i;
const REMOTE = /^\s*(https?:)?\/\//i;
const ANY_SCHEME = /^\s*[a-z][a-z0-9+.-]*:/i;

/** Where an image must come from: a relative path inside the pack's assets folder. */
export function assetPathOf(href: string): string | null {
  const clean = href.trim().replace(/^\.\//, '');
  if (!clean.startsWith('assets/')) return null;
  if (clean.split('/').some((part) => part === '..' || part === '')) return null;
  return decodeURIComponentSafe(clean);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Check one Markdown text; `images` collects the asset paths it uses. */
export function checkMarkdown(text: string, images: Set<string> = new Set()): MarkdownProblem[] {
  const problems: MarkdownProblem[] = [];
  let tokens: Token[];
  try {
    tokens = new Lexer({ gfm: true }).lex(text);
  } catch (e) {
    return [{ severity: 'error', message: t('validator.markdown.unreadable', { message: (e as Error).message }), offset: null }];
  }
  const where = (raw: string) => {
    const i = text.indexOf(raw);
    return i >= 0 ? i : null;
  };
  const visit = (list: Token[]) => {
    for (const token of list) {
      switch (token.type) {
        case 'html': {
          const raw = (token as Tokens.HTML).raw.trim();
          // Only comments render as nothing; "<!-- --><img …><!-- -->" starts and ends like one but is not.
          if (/^(?:<!--(?:(?!-->)[\s\S])*-->\s*)+$/.test(raw)) break;
          problems.push({
            severity: 'error',
            message: t('validator.markdown.rawHtml', { html: raw.length > 40 ? raw.slice(0, 40) + '…' : raw }),
            hint: t('validator.markdown.useMarkdown'),
            offset: where(token.raw),
          });
          break;
        }
        case 'image': {
          const img = token as Tokens.Image;
          const asset = assetPathOf(img.href);
          if (SCRIPT_SCHEMES.test(img.href)) problems.push({ severity: 'error', message: t('validator.markdown.imageScheme', { href: short(img.href), scheme: img.href.split(':')[0] }), hint: t('validator.markdown.imageToAssets'), offset: where(token.raw) });
          else if (REMOTE.test(img.href) || ANY_SCHEME.test(img.href)) problems.push({ severity: 'error', message: t('validator.markdown.remoteImage', { href: short(img.href) }), hint: t('validator.markdown.downloadImage'), offset: where(token.raw) });
          else if (!asset) problems.push({ severity: 'error', message: t('validator.markdown.imageNotInAssets', { href: short(img.href) }), hint: t('validator.markdown.imageSyntax'), offset: where(token.raw) });
          else images.add(asset);
          if (!img.text.trim()) problems.push({ severity: 'warning', message: t('validator.markdown.imageNoDescription', { href: short(img.href) }), hint: t('validator.markdown.describeImage'), offset: where(token.raw) });
          break;
        }
        case 'link': {
          const link = token as Tokens.Link;
          if (SCRIPT_SCHEMES.test(link.href)) problems.push({ severity: 'error', message: t('validator.markdown.linkScheme', { href: short(link.href), scheme: link.href.split(':')[0] }), offset: where(token.raw) });
          else if (REMOTE.test(link.href)) problems.push({ severity: 'warning', message: t('validator.markdown.remoteLink', { href: short(link.href) }), hint: t('validator.markdown.quoteAddress'), offset: where(token.raw) });
          break;
        }
        default:
          break;
      }
      const nested = token as { tokens?: Token[]; items?: Tokens.ListItem[]; header?: Tokens.TableCell[]; rows?: Tokens.TableCell[][] };
      if (nested.tokens) visit(nested.tokens);
      if (nested.items) for (const item of nested.items) visit(item.tokens);
      if (nested.header) for (const cell of nested.header) visit(cell.tokens);
      if (nested.rows) for (const row of nested.rows) for (const cell of row) visit(cell.tokens);
    }
  };
  visit(tokens);
  return problems;
}

/**
 * The first error checkMarkdown finds in `text`, or null: for text whose templates were
 * just filled in (a prompt, an explanation), checked once per quiz instance. Errors come
 * only from raw HTML, images and links, and each of those needs a "<" or a "[" (an image is
 * "![…](…)", a link "[…](…)", "[…][…]" or "<…>"; the autolinks GFM finds in plain text are
 * http, https, mailto and www, never a script scheme, so at most a warning): text with
 * neither is not tokenised.
 */
export function markdownError(text: string): string | null {
  if (!text.includes('<') && !text.includes('[')) return null;
  return checkMarkdown(text).find((p) => p.severity === 'error')?.message ?? null;
}

function short(s: string): string {
  return s.length > 60 ? s.slice(0, 60) + '…' : s;
}

const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };
const dataUrls = new WeakMap<Uint8Array, string>();

function toDataUrl(path: string, bytes: Uint8Array): string | null {
  const mime = MIME[path.split('.').pop()!.toLowerCase()];
  if (!mime) return null;
  let url = dataUrls.get(bytes);
  if (!url) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    url = `data:${mime};base64,${btoa(binary)}`;
    dataUrls.set(bytes, url);
  }
  return url;
}

/**
 * Replace `![alt](assets/x.png)` with an inline data URL of the pack's own image, so the
 * renderer can show it without loading anything (it accepts data: images only). The
 * loader has already checked that every referenced asset exists and is a real image.
 */
export function inlineAssets(markdown: string, assets: ReadonlyMap<string, Uint8Array>): string {
  if (!markdown.includes('assets/')) return markdown;
  return markdown.replace(/(!\[[^\]]*\]\()\s*(?:\.\/)?(assets\/[^)\s]+)(\s+"[^"]*")?\s*\)/g, (whole, open: string, path: string, title: string | undefined) => {
    const bytes = assets.get(decodeURIComponentSafe(path));
    const url = bytes ? toDataUrl(path, bytes) : null;
    return url ? `${open}${url}${title ?? ''})` : whole;
  });
}
