#!/usr/bin/env node
// Launcher for the `pagewalk` command. Runs the bundled build (out/cli/pagewalk.mjs, made
// by scripts/build-cli.mjs at `npm install`) when it is up to date with every source file
// it was built from; otherwise rebuilds it, and if that is impossible (no esbuild) runs
// the TypeScript sources through tsx. A stale bundle never runs.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// `refstring` has a bundle of its own, without the YAML parser and schemas it does not use.
const REFSTRING = process.argv[2] === 'refstring';
const BUNDLE = join(ROOT, 'out', 'cli', REFSTRING ? 'refstring.mjs' : 'pagewalk.mjs');
const INPUTS = join(ROOT, 'out', 'cli', 'pagewalk.inputs.json');
// `pagewalk`, `pagewalk --help` (with or without --lang): the build wrote what the bundle prints
// for these to help.txt (English) and help.<locale>.txt; out/cli/help-locale.mjs, a bundle of a
// few lines, says which one this command line and environment ask for.
const args = process.argv.slice(2);
const HELP = args.length === 0 || (args.length <= 3 && args.some((a) => ['--help', '-h', 'help'].includes(a) || a === '--lang' || a.startsWith('--lang=')));
const HELP_LOCALE = join(ROOT, 'out', 'cli', 'help-locale.mjs');

// `pagewalk … | head` closes the pipe early: that is the reader's choice, not an error.
// The handler is attached when a stream is first used, not before: opening node's stream
// on a pipe makes the descriptor non-blocking, and `refstring` writes its trace to the
// descriptor itself (core/cli/stdout.ts), often without ever opening the stream.
for (const name of ['stdout', 'stderr']) {
  const opened = Object.getOwnPropertyDescriptor(process, name);
  const guard = (stream) => {
    stream.on('error', (e) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
    return stream;
  };
  if (!opened?.get || !opened.configurable) guard(process[name]);
  else
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: opened.enumerable,
      get() {
        const stream = guard(opened.get.call(process));
        Object.defineProperty(process, name, { configurable: true, enumerable: opened.enumerable, writable: false, value: stream });
        return stream;
      },
    });
}

/** The build's list of inputs, read once per run (the help path checks two files against it). */
let inputList = null;
const readInputs = () => (inputList ??= JSON.parse(readFileSync(INPUTS, 'utf8')));

/**
 * Modification times, each file looked at once per run: the bundle, its catalogues and the
 * help text share most of their inputs, and a fresh bundle is checked before and after the
 * rebuild that did not happen. Emptied when a rebuild writes new files.
 */
const mtimes = new Map();
function mtimeOf(path) {
  let m = mtimes.get(path);
  if (m === undefined) mtimes.set(path, (m = statSync(path).mtimeMs));
  return m;
}

/** True when `file` (a bundle, the help text, a catalogue) exists and no file it was built from changed after it. */
function isFresh(file) {
  try {
    const built = mtimeOf(file);
    const { inputs, byBundle } = readInputs();
    // ROOT + '/' + f, not join(): the paths are the build's own, and join() normalises each one (a few ms for all of them).
    for (const f of byBundle?.[basename(file)] ?? inputs) if (mtimeOf(`${ROOT}/${f}`) > built) return false;
    return true;
  } catch {
    return false; // no bundle, no input list, or an input was deleted or renamed
  }
}

/** The bundle and the files it reads its messages from (out/cli/messages.<locale>.json) are all fresh. */
function bundleIsFresh() {
  if (!isFresh(BUNDLE)) return false;
  for (const f of readInputs().companions ?? []) if (!isFresh(join(ROOT, 'out', 'cli', f))) return false;
  return true;
}

async function loadMain() {
  if (process.env.PAGEWALK_CLI_SOURCE !== '1') {
    if (!bundleIsFresh()) {
      try {
        const { buildCli } = await import('../scripts/build-cli.mjs');
        await buildCli({ quiet: true });
        inputList = null; // the build wrote a new list, and new bundles
        mtimes.clear();
      } catch {
        // fall through to tsx
      }
    }
    if (bundleIsFresh()) return (await import(pathToFileURL(BUNDLE).href)).main;
  }
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport('../core/cli/main.ts', import.meta.url)).main;
}

/** The prepared help text for this command line, or null (not a plain help request, or nothing fresh to print). */
async function preparedHelp() {
  if (!HELP || process.env.PAGEWALK_CLI_SOURCE === '1' || !isFresh(HELP_LOCALE)) return null;
  const { helpLocale, helpFileName } = await import(pathToFileURL(HELP_LOCALE).href);
  const asked = helpLocale(args, process.env);
  if (asked === null) return null;
  const file = join(ROOT, 'out', 'cli', helpFileName(asked.locale));
  return isFresh(file) ? { text: readFileSync(file), exitCode: asked.exitCode } : null;
}

const help = await preparedHelp();
if (help) {
  process.stdout.write(help.text);
  process.exitCode = help.exitCode;
} else {
  const main = await loadMain();
  process.exitCode = await main(args);
}
