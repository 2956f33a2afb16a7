#!/usr/bin/env node
// Bundles the command line (core/cli/main.ts and everything it imports, yaml and zod
// included) into one JavaScript file, out/cli/pagewalk.mjs, so `pagewalk` starts as fast
// as plain node instead of loading ~200 TypeScript modules through tsx.
//
// Next to the bundle, out/cli/pagewalk.inputs.json lists every file that went into it;
// bin/pagewalk.mjs compares their modification times with the bundle's at each start
// and rebuilds (or falls back to tsx) when any is newer, so a stale bundle never runs.
//
// Run by `npm install` (the "prepare" script) and on demand by bin/pagewalk.mjs.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'out', 'cli', 'pagewalk.mjs');
/** `pagewalk refstring` alone: no YAML parser or schemas to load, so it starts faster. */
export const REFSTRING_BUNDLE = join(ROOT, 'out', 'cli', 'refstring.mjs');
export const INPUTS = join(ROOT, 'out', 'cli', 'pagewalk.inputs.json');
/** What `pagewalk --help` prints, taken from the bundle when it is built: the launcher prints it without loading the bundle. */
export const HELP = join(ROOT, 'out', 'cli', 'help.txt');
/** The other languages' help (help.es.txt, …) and the small bundle that tells the launcher which one to print. */
export const HELP_LOCALE = join(ROOT, 'out', 'cli', 'help-locale.mjs');

export async function buildCli({ quiet = false } = {}) {
  const esbuild = await import('esbuild');
  const inputs = new Set();
  /** Each bundle's own inputs: the launcher checks only those of the bundle it runs (refstring's are a dozen, not 200). */
  const byBundle = {};
  const always = ['package.json', 'scripts/build-cli.mjs'];
  mkdirSync(dirname(BUNDLE), { recursive: true });
  const written = [];
  const catalogues = await cataloguesAsJson(esbuild);
  // The catalogue files go in place first: the bundles read their messages from them (the
  // launcher checks them too), and helpText() below runs the new main bundle.
  for (const [file, text] of catalogues.files) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }
  for (const [entry, out] of [
    [join(ROOT, 'core', 'cli', 'main.ts'), BUNDLE],
    [join(ROOT, 'core', 'cli', 'refstring-main.ts'), REFSTRING_BUNDLE],
    [join(ROOT, 'core', 'cli', 'help-locale.ts'), HELP_LOCALE],
  ]) {
    const result = await bundle(esbuild, entry, [catalogues.plugin]);
    const own = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, join(process.cwd(), p)));
    // The catalogue went in as text: its message files are inputs all the same.
    if (own.includes(CATALOGUES)) own.push(...catalogues.inputs);
    for (const p of own) inputs.add(p);
    byBundle[basename(out)] = [...own, ...always];
    // Write under a temporary name and rename, so a concurrent start never reads half a file.
    const tmp = out.replace(/\.mjs$/, `.${process.pid}.tmp.mjs`);
    writeFileSync(tmp, result.outputFiles[0].contents);
    written.push([tmp, out]);
  }
  const companions = catalogues.files.map(([file]) => basename(file));
  const tmpInputs = `${INPUTS}.${process.pid}.tmp`;
  // The help text comes from the main bundle itself (its helpText()), so it is what --help printed anyway.
  const mainTmp = written[0][0];
  // One help file per shipped language: help.txt (English), help.es.txt, help.de.txt, help.zh-CN.txt.
  const { helpText, SHIPPED_LOCALES } = await import(pathToFileURL(mainTmp).href);
  for (const locale of SHIPPED_LOCALES) {
    const file = join(dirname(HELP), locale === 'en' ? 'help.txt' : `help.${locale}.txt`);
    const helpTmp = `${file}.${process.pid}.tmp`;
    writeFileSync(helpTmp, helpText(locale));
    byBundle[basename(file)] = byBundle[basename(BUNDLE)];
    written.push([helpTmp, file]);
  }
  for (const file of companions) byBundle[file] = [...catalogues.inputs, ...always];
  writeFileSync(tmpInputs, JSON.stringify({ inputs: [...inputs, ...always], byBundle, companions }));
  for (const [tmp, out] of written) renameSync(tmp, out);
  // The input list goes last: the launcher trusts the bundles only once it is in place and older than them.
  renameSync(tmpInputs, INPUTS);
  if (!quiet) console.log(`built ${relative(ROOT, BUNDLE)}, ${relative(ROOT, REFSTRING_BUNDLE)} and the help in every language from ${inputs.size} files`);
}

const CATALOGUES = join('core', 'i18n', 'catalogues.ts');

/**
 * The message catalogues as JSON files beside the bundles (out/cli/messages.<locale>.json),
 * in place of core/i18n/catalogues.ts and its object literals: a bundle then compiles no
 * catalogue at all (the four of them are 800 kB of text, 6 ms to compile at each start),
 * and a command reads and parses only its own locale's file, on its first message.
 * Same catalogueFor(), same messages.
 */
async function cataloguesAsJson(esbuild) {
  const dir = join(ROOT, 'core', 'i18n');
  const built = await esbuild.build({
    stdin: {
      contents: "export { en } from './messages/en.ts'; export { es } from './messages/es.ts'; export { de } from './messages/de.ts'; export { zhCN } from './messages/zh-CN.ts';",
      resolveDir: dir,
      loader: 'ts',
    },
    bundle: true,
    platform: 'neutral',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = new TextDecoder().decode(built.outputFiles[0].contents);
  const { en, es, de, zhCN } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const files = Object.entries({ en, es, de, 'zh-CN': zhCN }).map(([locale, messages]) => [messagesFile(locale), JSON.stringify(messages)]);
  const contents = `import { readFileSync } from 'node:fs';
import type { Locale } from './locales.ts';
import { pseudoCatalogue } from './pseudo.ts';
type Catalogue = Record<string, string>;
const parsed = new Map<string, Catalogue>();
let pseudo: Catalogue | null = null;
export function catalogueFor(locale: Locale): Catalogue {
  if (locale === 'en-XA') return (pseudo ??= pseudoCatalogue(catalogueFor('en') as never));
  let catalogue = parsed.get(locale);
  if (!catalogue) parsed.set(locale, (catalogue = JSON.parse(readFileSync(new URL('./messages.' + locale + '.json', import.meta.url), 'utf8')) as Catalogue));
  return catalogue;
}
`;
  const inputs = Object.keys(built.metafile.inputs)
    .filter((p) => p !== '<stdin>')
    .map((p) => relative(ROOT, join(process.cwd(), p)));
  return {
    inputs,
    files,
    plugin: {
      name: 'catalogues-as-json',
      setup(build) {
        build.onLoad({ filter: /[\\/]core[\\/]i18n[\\/]catalogues\.ts$/ }, () => ({ contents, loader: 'ts', resolveDir: dir }));
      },
    },
  };
}

/** Where a locale's messages go: beside the bundles, which read them relative to themselves. */
const messagesFile = (locale) => join(dirname(BUNDLE), `messages.${locale}.json`);

function bundle(esbuild, entry, plugins) {
  return esbuild.build({
    plugins,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    legalComments: 'none',
    minify: true,
    // yaml's CommonJS build requires Node built-ins; give the ES module a require for them.
    banner: { js: "import { createRequire as __pagewalkRequire } from 'node:module'; const require = __pagewalkRequire(import.meta.url);" },
    logLevel: 'silent',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildCli();
  } catch (e) {
    // A missing esbuild (an install without dev dependencies) is not fatal: the launcher
    // then runs the TypeScript sources through tsx.
    console.warn(`pagewalk: could not bundle the command line (${e.message}); it will run through tsx instead`);
  }
}
