// The layer rules of DESIGN.md, machine-checked: core/ never touches the DOM, Node or
// Electron (the CLI entry aside); only electron/main touches Node and Electron; the
// preload exposes the API and nothing else; the renderer sees the typed API only (the
// simulation itself runs in a host: Electron's main process or the browser build's worker).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

function files(dir: string, exts = ['.ts', '.svelte', '.mts', '.js', '.mjs']): string[] {
  const out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...files(p, exts));
    else if (exts.some((x) => e.endsWith(x))) out.push(p);
  }
  return out;
}

/** Module specifiers of value (non-type) imports and requires in a source file. */
function valueImports(text: string): string[] {
  const specs: string[] = [];
  const re = /^\s*import\s+(?!type\b)(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|^\s*export\s+(?!type\b)[^'"]*?\s+from\s+['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(re)) specs.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return specs;
}

const NODE_BUILTINS = /^(node:|fs$|fs\/|path$|os$|child_process$|url$|util$|crypto$|stream$|zlib$|worker_threads$|http|https$|net$|events$|module$)/;

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('layer rules', () => {
  it('core/ imports nothing from Node, Electron, Svelte or the DOM (except core/cli)', () => {
    const bad: string[] = [];
    for (const f of files(join(ROOT, 'core'))) {
      const rel = relative(ROOT, f);
      if (rel.startsWith(join('core', 'cli'))) continue;
      const text = stripComments(readFileSync(f, 'utf8'));
      for (const spec of valueImports(text)) {
        if (NODE_BUILTINS.test(spec) || spec === 'electron' || spec.startsWith('svelte') || spec.startsWith('@xyflow')) bad.push(`${rel}: imports ${spec}`);
        if (!spec.startsWith('.') && !['yaml', 'zod', 'fflate', 'marked', 'intl-messageformat', '@formatjs/icu-messageformat-parser', '@formatjs/icu-messageformat-parser/printer.js'].includes(spec)) bad.push(`${rel}: imports package ${spec} (core allows yaml, zod, fflate, marked, intl-messageformat and its parser)`);
      }
      if (/\b(document|window|localStorage|indexedDB|navigator)\s*\./.test(text)) bad.push(`${rel}: touches a DOM global`);
      if (/\bprocess\.(env|argv|exit|cwd|stdout|stderr)\b/.test(text)) bad.push(`${rel}: touches Node's process`);
    }
    expect(bad).toEqual([]);
  });

  it('only electron/main imports Node and Electron; the preload imports electron and core types only', () => {
    const bad: string[] = [];
    for (const f of files(join(ROOT, 'electron', 'preload'))) {
      const rel = relative(ROOT, f);
      for (const spec of valueImports(stripComments(readFileSync(f, 'utf8')))) {
        if (spec === 'electron') continue;
        if (/\/core\/api(\.ts)?$/.test(spec)) continue; // the API method list
        if (/^\.\.\/channels(\.ts)?$/.test(spec)) continue; // channel names shared with main (constants only)
        bad.push(`${rel}: imports ${spec}`);
      }
    }
    for (const f of files(join(ROOT, 'renderer'))) {
      const rel = relative(ROOT, f);
      for (const spec of valueImports(stripComments(readFileSync(f, 'utf8')))) {
        if (spec === 'electron' || NODE_BUILTINS.test(spec)) bad.push(`${rel}: imports ${spec}`);
        if (/\/core\/cli\//.test(spec)) bad.push(`${rel}: imports the CLI`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the renderer’s screens never run the simulation themselves (only the worker host does)', () => {
    const bad: string[] = [];
    for (const f of files(join(ROOT, 'renderer'))) {
      const rel = relative(ROOT, f);
      if (rel.includes(`${join('renderer', 'worker')}`) || rel.includes('.test.')) continue;
      for (const spec of valueImports(stripComments(readFileSync(f, 'utf8')))) {
        if (/\/core\/(service|sim\/machine|scenario\/run|lessons\/player)(\.ts)?$/.test(spec)) bad.push(`${rel}: imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
