#!/usr/bin/env node
// Finds user-visible text that does not go through the message catalogue (core/i18n), in
// the renderer's Svelte components:
//   - text in the markup ("<h1>Settings</h1>"), outside {expressions};
//   - literal words in aria-label, aria-valuetext, aria-description, title, placeholder, alt
//     and label attributes ("aria-label=\"Close\"", also "Dismiss: {n.text}");
//   - a string literal handed straight to notify / announce / confirm / alert in a <script>.
// Each finding is file:line and the text. ALLOWED lists what is the same in every
// language (the product name, key names on keycaps, units).
//
//   node scripts/i18n-scan.mjs            print the findings and their count
//   node scripts/i18n-scan.mjs --strict   exit 1 if there is any (what tests/unit/i18n-scan.test.ts checks)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Text that is not translated: names, keycaps, symbols, units. Keep it small. */
export const ALLOWED = new Set(['Pagewalk', 'Home', 'Esc', 'Tab', 'T', 'L', 'F', 'A', 'px', 'TLB', 'MMU', 'PTE', 'PFN', 'VPN']);

const TEXT_ATTRIBUTES = ['aria-label', 'aria-valuetext', 'aria-description', 'aria-roledescription', 'title', 'placeholder', 'alt', 'label'];

/** Whether `text` (with {expressions} removed) still holds a word a learner would read. */
function hasWords(text) {
  const words = text.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  return words.some((w) => !ALLOWED.has(w));
}

/** Index just past the `}` matching the `{` at `i`, skipping strings and template literals. */
function skipExpression(src, i) {
  let depth = 0;
  for (let k = i; k < src.length; k++) {
    const c = src[k];
    if (c === "'" || c === '"' || c === '`') {
      const q = c;
      for (k++; k < src.length && src[k] !== q; k++) if (src[k] === '\\') k++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return k + 1;
  }
  return src.length;
}

/** `text` with every {expression} replaced by spaces (line numbers kept). */
function withoutExpressions(text) {
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (text[i] === '{') {
      const end = skipExpression(text, i);
      out += text.slice(i, end).replace(/[^\n]/g, ' ');
      i = end;
    } else out += text[i++];
  }
  return out;
}

/** Blank out a region, keeping its newlines so line numbers stay right. */
const blank = (s) => s.replace(/[^\n]/g, ' ');

/** Findings in one Svelte component's source: [{ line, text, kind }]. */
export function scanSvelte(source) {
  const findings = [];
  const lineAt = (index) => source.slice(0, index).split('\n').length;

  // Scripts: a literal message passed to the functions that show it.
  for (const m of source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const body = m[1];
    const start = m.index + m[0].indexOf(body);
    for (const c of body.matchAll(/\b(notify|announce|confirm|alert)\(\s*(['"`])((?:\\.|(?!\2)[^\\])*)\2/g)) {
      const literal = c[2] === '`' ? withoutExpressions(c[3].replace(/\$\{/g, '{')) : c[3];
      if (hasWords(literal)) findings.push({ line: lineAt(start + c.index), text: c[3].trim(), kind: `${c[1]}()` });
    }
  }

  // Markup: scripts, styles and comments removed (blanked, to keep positions).
  let markup = source
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, blank)
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, blank)
    .replace(/<!--[\s\S]*?-->/g, blank);

  let i = 0;
  while (i < markup.length) {
    const c = markup[i];
    if (c === '{') {
      i = skipExpression(markup, i);
      continue;
    }
    if (c === '<' && /[A-Za-z/!]/.test(markup[i + 1] ?? '')) {
      // A tag: read to its closing '>', skipping {expressions} and quoted values.
      let k = i + 1;
      while (k < markup.length && markup[k] !== '>') {
        if (markup[k] === '{') k = skipExpression(markup, k);
        else if (markup[k] === '"' || markup[k] === "'") {
          const q = markup[k];
          const end = markup.indexOf(q, k + 1);
          k = end < 0 ? markup.length : end + 1;
        } else k++;
      }
      const tag = markup.slice(i, k + 1);
      for (const a of tag.matchAll(/\s([a-zA-Z-:]+)=(?:"([^"]*)"|'([^']*)')/g)) {
        if (!TEXT_ATTRIBUTES.includes(a[1])) continue;
        const value = a[2] ?? a[3];
        if (hasWords(withoutExpressions(value))) findings.push({ line: lineAt(i + a.index + 1), text: value.trim(), kind: a[1] });
      }
      i = k + 1;
      continue;
    }
    // Text up to the next tag or expression.
    let k = i;
    while (k < markup.length && markup[k] !== '<' && markup[k] !== '{') k++;
    const text = markup.slice(i, k);
    if (hasWords(text)) {
      const offset = text.search(/\S/);
      findings.push({ line: lineAt(i + offset), text: text.trim().replace(/\s+/g, ' '), kind: 'text' });
    }
    i = k === i ? i + 1 : k;
  }
  return findings.sort((a, b) => a.line - b.line);
}

function svelteFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...svelteFiles(p));
    else if (e.endsWith('.svelte')) out.push(p);
  }
  return out.sort();
}

/** Every finding in renderer/: [{ file, line, text, kind }], file relative to the repository. */
export function scanRenderer(root = ROOT) {
  const all = [];
  for (const f of svelteFiles(join(root, 'renderer'))) {
    for (const finding of scanSvelte(readFileSync(f, 'utf8'))) all.push({ file: relative(root, f), ...finding });
  }
  return all;
}

export function formatFindings(findings) {
  const perFile = new Map();
  for (const f of findings) perFile.set(f.file, (perFile.get(f.file) ?? 0) + 1);
  const lines = findings.map((f) => `${f.file}:${f.line}  [${f.kind}] ${f.text.length > 90 ? `${f.text.slice(0, 87)}…` : f.text}`);
  const summary = [...perFile].map(([file, n]) => `  ${String(n).padStart(4)}  ${file}`);
  return `${lines.join('\n')}\n\n${findings.length} hard-coded user-visible strings in ${perFile.size} files:\n${summary.join('\n')}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const findings = scanRenderer();
  console.log(formatFindings(findings));
  if (process.argv.includes('--strict') && findings.length > 0) process.exitCode = 1;
}
