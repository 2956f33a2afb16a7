/*
 * Diagnostics for documents people write by hand (scenarios, lesson packs): parse YAML
 * (JSON is YAML too) keeping source positions, and turn schema problems into
 * `file:line:col message` lines that name the field and what was expected.
 *
 * A path is a list of keys and indexes from the document root, e.g.
 * ['steps', 3, 'read', 'addr']; `locate` finds the node it names (or the nearest
 * existing parent) and reports where it starts.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { jsonOffset, lineCol } from './json-position.ts';
import { t } from './i18n/index.ts';
import { zodGenericUnionMessage } from './i18n/zod.ts';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  severity: Severity;
  message: string;
  hint?: string;
  path?: (string | number)[];
}

export interface ParsedYaml {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  value: unknown;
  diagnostics: Diagnostic[];
  /** Set for a document read with JSON.parse: positions are then found in this text on demand. */
  json?: string;
}

/** Largest YAML document accepted, in characters: bigger ones are refused before parsing. */
export const MAX_DOCUMENT_CHARS = 2_000_000;
/** Largest JSON document accepted (JSON.parse is ~100× faster than the YAML parser): room for 10^7 references. */
export const MAX_JSON_DOCUMENT_CHARS = 200_000_000;

/**
 * Parse a scenario or lesson document. Text that starts with "{" is tried as JSON first,
 * with JSON.parse, and its positions are recovered only when a message needs one; text
 * that is not strict JSON (YAML flow style such as "{machine: x}") goes to the YAML parser.
 */
export function parseDocumentText(text: string, file: string): ParsedYaml {
  const start = /\S/.exec(text.length > 4096 ? text.slice(0, 4096) : text)?.index ?? 0;
  if (text[start] !== '{') return parseYaml(text, file);
  if (text.length > MAX_JSON_DOCUMENT_CHARS) return tooLarge(file, text.length, MAX_JSON_DOCUMENT_CHARS, '');
  try {
    return jsonParsed(text, file, JSON.parse(text));
  } catch (e) {
    if (text.length <= MAX_DOCUMENT_CHARS) return parseYaml(text, file);
    const at = /position (\d+)/.exec((e as Error).message);
    const { line, col } = lineCol(text, at ? Number(at[1]) : 0);
    const parsed = jsonParsed(text, file, undefined);
    parsed.diagnostics.push({ file, line, col, severity: 'error', message: t('scenario.diag.json', { error: firstLine((e as Error).message).replace(/ in JSON at position \d+.*$/, '') }) });
    return parsed;
  }
}

function jsonParsed(text: string, file: string, value: unknown): ParsedYaml {
  let yaml: { doc: Document.Parsed; lines: LineCounter } | undefined;
  // The YAML view is built only if someone asks for it; `locate` uses the JSON text itself.
  const yamlView = () => {
    if (!yaml) {
      const lines = new LineCounter();
      yaml = { doc: parseDocument(text.length <= MAX_DOCUMENT_CHARS ? text : '', { lineCounter: lines }), lines };
    }
    return yaml;
  };
  return {
    file,
    value,
    diagnostics: [],
    json: text,
    get doc() {
      return yamlView().doc;
    },
    get lines() {
      return yamlView().lines;
    },
  };
}

function tooLarge(file: string, length: number, limit: number, hint: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument('', { lineCounter: lines });
  return {
    file,
    doc,
    lines,
    value: undefined,
    diagnostics: [{ file, line: 1, col: 1, severity: 'error', message: t('scenario.diag.tooLarge', { length, limit }), hint: hint || undefined }],
  };
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const lines = new LineCounter();
  if (text.length > MAX_DOCUMENT_CHARS)
    return tooLarge(file, text.length, MAX_DOCUMENT_CHARS, t('scenario.diag.yamlLimit', { limit: MAX_DOCUMENT_CHARS, jsonLimit: MAX_JSON_DOCUMENT_CHARS }));
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const diagnostics: Diagnostic[] = [];
  for (const e of doc.errors) {
    const pos = lines.linePos(e.pos[0]);
    diagnostics.push({ file, line: pos.line, col: pos.col, severity: 'error', message: t('scenario.diag.yaml', { error: firstLine(e.message) }) });
  }
  for (const w of doc.warnings) {
    const pos = lines.linePos(w.pos[0]);
    diagnostics.push({ file, line: pos.line, col: pos.col, severity: 'warning', message: t('scenario.diag.yaml', { error: firstLine(w.message) }) });
  }
  let value: unknown = undefined;
  if (diagnostics.every((d) => d.severity !== 'error')) {
    exactBigIntegers(doc, text);
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      diagnostics.push({ file, line: 1, col: 1, severity: 'error', message: t('scenario.diag.yaml', { error: firstLine(String((e as Error).message)) }) });
    }
    const proto = protoKeyPath(value);
    if (proto) {
      const pos = locate({ doc, lines }, proto, true);
      diagnostics.push({ file, line: pos.line, col: pos.col, severity: 'error', message: t('scenario.diag.protoKey') });
      value = undefined;
    }
  }
  return { file, doc, lines, value, diagnostics };
}

/**
 * YAML reads 0xffff800000001234 as a double, losing the low bits. Re-read every integer
 * beyond 2^53 from its source text, exactly, with 64-bit values from 2^63 up taken as two's
 * complement (so canonical kernel addresses are exact negative numbers).
 */
function exactBigIntegers(doc: Document, text: string): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'number' || Math.abs(node.value) < 2 ** 53 || !node.range) return;
      const src = text.slice(node.range[0], node.range[1]).trim().replace(/_/g, '').toLowerCase();
      if (!/^(0x[0-9a-f]+|0o[0-7]+|\d+)$/.test(src)) return;
      const big = BigInt(src.replace(/^0o/, '0o'));
      node.value = big >= 2n ** 63n && big < 2n ** 64n ? Number(big - 2n ** 64n) : Number(big);
    },
  });
}

/** The path of the first mapping key "__proto__" in a parsed document (own keys only), or null. */
function protoKeyPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (value === null || typeof value !== 'object' || path.length > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = protoKeyPath(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return [...path, key];
    const found = protoKeyPath((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return null;
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** Position of the node at `path` (or of its deepest existing ancestor); `key` points at the key instead of the value. */
export function locate(parsed: Pick<ParsedYaml, 'doc' | 'lines' | 'json'>, path: (string | number)[], key = false): { line: number; col: number } {
  if (parsed.json !== undefined) return lineCol(parsed.json, jsonOffset(parsed.json, path, key));
  let node: unknown = parsed.doc.contents;
  let offset = (node as YamlNode | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    if (isMap(node)) {
      const pair = node.items.find((it) => (isScalar(it.key) ? String(it.key.value) : String(it.key)) === String(part));
      if (!pair) break;
      const keyNode = pair.key as YamlNode | null;
      if (key && i === path.length - 1 && keyNode?.range) {
        offset = keyNode.range[0];
        break;
      }
      node = pair.value;
      offset = (pair.value as YamlNode | null)?.range?.[0] ?? keyNode?.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part] as YamlNode | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else break;
  }
  return parsed.lines.linePos(offset);
}

export function diagnosticAt(parsed: ParsedYaml, path: (string | number)[], message: string, o: { severity?: Severity; hint?: string; key?: boolean } = {}): Diagnostic {
  const pos = locate(parsed, path, o.key);
  return { file: parsed.file, line: pos.line, col: pos.col, severity: o.severity ?? 'error', message, hint: o.hint, path };
}

export function formatPath(path: (string | number)[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s || t('scenario.diag.document');
}

export function formatDiagnostic(d: Diagnostic): string {
  // The line keeps the compilers' shape in every language ("FILE:LINE:COL: error: …"), so editors and scripts can read it; the message and hint are in the learner's.
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`;
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/** The hint beside a misspelt name: did you mean "fork"? */
export function didYouMeanHint(suggestion: string): string {
  return t('scenario.diag.didYouMean', { suggestion });
}

export function didYouMean(word: string, options: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const o of options) {
    const d = editDistance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) {
      best = o;
      bestD = d;
    }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return t('scenario.diag.aList');
  if (typeof v === 'object') return t('scenario.diag.aMapping');
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  return String(v);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p as string];
  }
  return v;
}

/** Keys a zod object schema allows, for "did you mean" on unknown keys. */
function knownKeys(schema: z.ZodType | undefined, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  for (const p of path) {
    s = unwrap(s);
    const def = (s as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown } })?.def;
    if (!def) return [];
    if (def.type === 'object' && def.shape) s = def.shape[p as string];
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'record') s = def.valueType; // any key: its value's keys
    else return [];
  }
  s = unwrap(s);
  const shape = (s as { def?: { shape?: Record<string, unknown> } })?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(s: unknown): unknown {
  for (let i = 0; i < 10; i++) {
    const def = (s as { def?: { type?: string; innerType?: unknown; in?: unknown } })?.def;
    if (!def) return s;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'readonly') s = def.innerType;
    else if (def.type === 'pipe') s = def.in;
    else return s;
  }
  return s;
}

/** Turn zod issues into positioned diagnostics with plain-language messages. */
export function zodDiagnostics(parsed: ParsedYaml, issues: z.core.$ZodIssue[], basePath: (string | number)[] = [], schema?: z.ZodType): Diagnostic[] {
  const out: Diagnostic[] = [];
  const root = valueAt(parsed.value, basePath);
  for (const issue of issues) {
    const path = [...basePath, ...(issue.path as (string | number)[])];
    const where = formatPath(path);
    const got = valueAt(root, issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const k of issue.keys) {
          const hint = didYouMean(k, knownKeys(schema, issue.path));
          out.push(diagnosticAt(parsed, [...path, k], t('scenario.diag.unknownKey', { key: k, where }), { key: true, hint: hint ? didYouMeanHint(hint) : t('scenario.diag.allowed', { keys: knownKeys(schema, issue.path).join(', ') || t('scenario.diag.none') }) }));
        }
        break;
      case 'invalid_type':
        out.push(
          diagnosticAt(parsed, path, got === undefined ? t('scenario.diag.required', { where, expected: issue.expected }) : t('scenario.diag.expected', { where, expected: issue.expected, got: describe(got) })),
        );
        break;
      case 'invalid_value':
        out.push(diagnosticAt(parsed, path, t('scenario.diag.oneOf', { where, values: issue.values.map((v) => JSON.stringify(v)).join(', '), got: describe(got) })));
        break;
      case 'too_small':
      case 'too_big':
        out.push(diagnosticAt(parsed, path, t('scenario.diag.bound', { where, message: issue.message.replace(/^Too (small|big): expected /, 'expected '), got: describe(got) })));
        break;
      case 'invalid_union':
        out.push(diagnosticAt(parsed, path, t('scenario.diag.issue', { where, message: issue.message === 'Invalid input' || issue.message === zodGenericUnionMessage() ? t('scenario.diag.unexpected', { got: describe(got) }) : issue.message })));
        break;
      case 'invalid_key':
        // The key's own problem ("parameter names use letters …") says more than "Invalid key in record".
        out.push(diagnosticAt(parsed, path, t('scenario.diag.issue', { where, message: issue.issues.map((i) => i.message).join('; ') || issue.message }), { key: true }));
        break;
      default:
        out.push(diagnosticAt(parsed, path, t('scenario.diag.issue', { where, message: issue.message })));
    }
  }
  return out;
}
