// Hard-coded user-visible text in the renderer (scripts/i18n-scan.mjs): markup text,
// aria-label/title/placeholder/alt/label attributes, literal messages given to notify() and
// the like. The whole renderer is converted, so any finding fails the test, with its
// file:line. (Text computed in <script> blocks and .ts files is not seen by the scan; the
// pseudo-locale test, tests/e2e/i18n-pseudo.spec.ts, finds that on the screens themselves.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module script without type declarations
import { formatFindings, scanRenderer, scanSvelte } from '../../scripts/i18n-scan.mjs';

interface Finding {
  file: string;
  line: number;
  text: string;
  kind: string;
}

const ROOT = join(__dirname, '..', '..');
/** A file that imports the message store is converted: it is held to zero findings from then on. */
const CONVERTED = convertedFiles();

function convertedFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.svelte') && /from '(\.\.?\/)+lib\/i18n\.svelte\.ts'|from '\.\/i18n\.svelte\.ts'/.test(readFileSync(join(ROOT, rel), 'utf8'))) files.push(rel);
    }
  };
  walk('renderer');
  return files;
}

describe('hard-coded user-visible strings in the renderer', () => {
  it('finds text, attributes and literal notices, reporting the line; ignores expressions, scripts, styles and the allow-list', () => {
    const sample = [
      '<script lang="ts">',
      "  app.notify('Saved the file.');",
      "  app.notify(t('saved'));",
      "  const css = 'not a message';",
      '</script>',
      '<h1>{t("title")}</h1>',
      '<p>Hello there</p>',
      '<button aria-label="Close">{t("x")}</button>',
      '<input placeholder={t("name")} title="Dismiss: {n.text}" />',
      '<kbd>Esc</kbd> <span>Pagewalk</span> <span>{n} px</span>',
      '<!-- a comment with words -->',
      '<style> .a { content: "words"; } </style>',
    ].join('\n');
    expect((scanSvelte(sample) as Omit<Finding, 'file'>[]).map((f) => `${f.line} ${f.kind} ${f.text}`)).toEqual([
      '2 notify() Saved the file.',
      '7 text Hello there',
      '8 aria-label Close',
      '9 title Dismiss: {n.text}',
    ]);
  });

  it('the converted files have none', () => {
    const findings = (scanRenderer(ROOT) as Finding[]).filter((f) => CONVERTED.includes(f.file));
    expect(findings.map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
    expect(CONVERTED).toEqual(expect.arrayContaining(['renderer/App.svelte', 'renderer/screens/Settings.svelte', 'renderer/screens/Library.svelte']));
  });

  it('the whole renderer has none', () => {
    const findings = scanRenderer(ROOT) as Finding[];
    expect(findings.map((f) => `${f.file}:${f.line}  ${f.text}`), formatFindings(findings)).toEqual([]);
  });
});
