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
  for (const [entry, out] of [
    [join(ROOT, 'core', 'cli', 'main.ts'), BUNDLE],
    [join(ROOT, 'core', 'cli', 'refstring-main.ts'), REFSTRING_BUNDLE],
    [join(ROOT, 'core', 'cli', 'help-locale.ts'), HELP_LOCALE],
  ]) {
    const result = await bundle(esbuild, entry);
    const own = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, join(process.cwd(), p)));
    for (const p of own) inputs.add(p);
    byBundle[basename(out)] = [...own, ...always];
    // Write under a temporary name and rename, so a concurrent start never reads half a file.
    const tmp = out.replace(/\.mjs$/, `.${process.pid}.tmp.mjs`);
    writeFileSync(tmp, result.outputFiles[0].contents);
    written.push([tmp, out]);
  }
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
  writeFileSync(tmpInputs, JSON.stringify({ inputs: [...inputs, ...always], byBundle }));
  for (const [tmp, out] of written) renameSync(tmp, out);
  // The input list goes last: the launcher trusts the bundles only once it is in place and older than them.
  renameSync(tmpInputs, INPUTS);
  if (!quiet) console.log(`built ${relative(ROOT, BUNDLE)}, ${relative(ROOT, REFSTRING_BUNDLE)} and the help in every language from ${inputs.size} files`);
}

function bundle(esbuild, entry) {
  return esbuild.build({
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
