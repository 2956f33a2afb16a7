/*
 * Fuzz test: thousands of mutated packs and archives fed to the loader, the validator,
 * the player and the archive reader. Whatever the input, nothing may throw: every
 * problem must come back as a structured diagnostic (file, line, column, message).
 * Mutations are seeded, so a failure names the seed that reproduces it.
 */
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import type { Diagnostic } from '../../core/diag.ts';
import { packArchive, unpackArchive } from '../../core/lessons/archive.ts';
import { loadPack } from '../../core/lessons/load.ts';
import { LessonPlayer, PlayerError } from '../../core/lessons/player.ts';
import type { QuizAnswer } from '../../core/lessons/types.ts';
import { checkPackQuizzes } from '../../core/lessons/validate.ts';
import { Rng } from '../../core/sim/rng.ts';
import { benchmarkLesson } from '../fixtures/packs/generate.ts';
import { EXAMPLE_PACK, readFolder } from '../fixtures/packs/helpers.ts';
import { rawZip } from '../fixtures/packs/zip.ts';

const decoder = new TextDecoder();
const base = new Map<string, string | Uint8Array>();
for (const [k, v] of readFolder(EXAMPLE_PACK)) base.set(k, k.endsWith('.png') ? v : decoder.decode(v as Uint8Array));
base.set('lessons/04-generated.yaml', benchmarkLesson(4));
base.set('pack.yaml', (base.get('pack.yaml') as string) + '  - lessons/04-generated.yaml\n');
const textFiles = [...base.keys()].filter((k) => k.endsWith('.yaml'));

const NOISE = ['{', '}', '[', ']', ':', '- ', '"', "'", '#', '&a', '*a', '!!str', '|', '>', '0x', '\n', '\t', ' ', '{{', '}}', '{{hex x}}', '<script>', '![x](http://e/x.png)', '\u0000', '\uFEFF', 'é', '𝔘'];
const VALUES: unknown[] = [null, 0, -1, 1e308, 2 ** 53, 'x', '', '{{nope}}', '0xfffffffffffff', [], {}, [1, [2, [3]]], { a: { b: { c: {} } } }, true, 'A', 'teaching-16', 'x86-64', 'frame', 'choice'];

function mutateText(text: string, rng: Rng): string {
  const lines = text.split('\n');
  switch (rng.int(9)) {
    case 0:
      lines.splice(rng.int(lines.length), 1);
      return lines.join('\n');
    case 1: {
      const i = rng.int(lines.length);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 2: {
      const i = rng.int(lines.length);
      const j = rng.int(lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 3: {
      const at = rng.int(text.length + 1);
      return text.slice(0, at) + rng.pick(NOISE) + text.slice(at + rng.int(3));
    }
    case 4: {
      const i = rng.int(lines.length);
      lines[i] = lines[i].replace(/\d+/, () => String(rng.pick([0, -5, 99999999999, 0x7fffffff, 3.5])));
      return lines.join('\n');
    }
    case 5: {
      const i = rng.int(lines.length);
      lines[i] = (rng.int(2) ? '  ' : '') + lines[i].replace(/^ {2}/, rng.int(2) ? '' : '    ');
      return lines.join('\n');
    }
    case 6:
      return text.slice(0, rng.int(text.length));
    case 7: {
      const i = rng.int(lines.length);
      lines.splice(i, 0, `${' '.repeat(rng.int(4) * 2)}${rng.pick(['procss', 'what', 'kind', 'observe', 'params', 'run', 'quiz', 'x'])}: ${rng.pick(['1', 'A', '{{a}}', '[1, 2]', '{ what: tlb }', ''])}`);
      return lines.join('\n');
    }
    default:
      return mutateStructure(text, rng);
  }
}

/** Replace a random node of the parsed document with a value of a random type. */
function mutateStructure(text: string, rng: Rng): string {
  const doc = parseDocument(text);
  if (doc.errors.length) return text;
  const paths: (string | number)[][] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (paths.length > 400) return;
    if (isMap(node)) for (const p of node.items) walk(p.value, [...path, String((p.key as { value?: unknown })?.value ?? p.key)]);
    else if (isSeq(node)) node.items.forEach((n, i) => walk(n, [...path, i]));
  };
  walk(doc.contents, []);
  const path = rng.pick(paths);
  if (path.length === 0) return stringify(rng.pick(VALUES));
  if (rng.int(4) === 0) doc.deleteIn(path);
  else doc.setIn(path, structuredClone(rng.pick(VALUES)));
  return doc.toString();
}

function checkDiagnostics(ds: Diagnostic[]): void {
  for (const d of ds) {
    expect(typeof d.file).toBe('string');
    expect(Number.isInteger(d.line) && d.line >= 1).toBe(true);
    expect(Number.isInteger(d.col) && d.col >= 1).toBe(true);
    expect(['error', 'warning']).toContain(d.severity);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

const ANSWERS: QuizAnswer[] = [
  { kind: 'choice', option: 'a' },
  { kind: 'yesno', value: true },
  { kind: 'number', value: 3 },
  { kind: 'address', text: '0x8004' },
  { kind: 'sequence', items: ['hit', 'miss'] },
  { kind: 'pick', target: 8 },
  { kind: 'order', items: ['a', 'b'] },
];

/** Play every step of every lesson, answering something, fresh instances included. */
function play(pack: NonNullable<ReturnType<typeof loadPack>['pack']>, rng: Rng): void {
  for (const l of pack.lessons) {
    const p = new LessonPlayer(pack, l.id, undefined, { now: () => 'now' });
    for (let k = 0; k < l.steps.length; k++) {
      p.goTo(k);
      const v = p.view();
      if (!v.step.quiz) continue;
      try {
        p.answer(rng.pick(ANSWERS));
        p.freshQuiz();
      } catch (e) {
        if (!(e instanceof PlayerError)) throw e;
      }
    }
  }
}

describe('fuzzing the pack loader, validator, player and archive reader', () => {
  it('turns thousands of mutated packs into diagnostics, never into a crash', () => {
    let loaded = 0;
    let played = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const rng = new Rng(seed);
      const files = new Map(base);
      const victim = rng.pick(textFiles);
      let text = files.get(victim) as string;
      for (let n = 1 + rng.int(3); n > 0; n--) text = mutateText(text, rng);
      files.set(victim, rng.int(20) === 0 ? new TextEncoder().encode(text).map((b, i) => (i === 3 ? 0xff : b)) : text);
      try {
        const r = loadPack(files, 'user');
        checkDiagnostics(r.diagnostics);
        expect(r.summary.problems.length).toBe(r.pack ? 0 : r.diagnostics.filter((d) => d.severity === 'error').length);
        if (r.pack) {
          loaded++;
          // Running every quiz is the expensive part: do it for a sample.
          if (seed % 10 === 0) {
            checkDiagnostics(checkPackQuizzes(r.pack, 2));
            play(r.pack, rng);
            played++;
          }
        }
      } catch (e) {
        throw new Error(`seed ${seed} (mutating ${victim}) crashed: ${(e as Error).stack}`);
      }
    }
    expect(loaded).toBeGreaterThan(50);
    expect(played).toBeGreaterThan(10);
  }, 300_000);

  it('turns thousands of mutated archives into diagnostics, never into a crash or a file outside the pack', () => {
    const good = packArchive(base);
    let unpacked = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const rng = new Rng(seed * 7919);
      let bytes: Uint8Array;
      const mode = rng.int(4);
      if (mode === 0) {
        bytes = good.slice();
        for (let n = 1 + rng.int(8); n > 0; n--) bytes[rng.int(bytes.length)] = rng.int(256);
      } else if (mode === 1) bytes = good.slice(0, rng.int(good.length));
      else if (mode === 2) {
        bytes = good.slice();
        // Corrupt a header field: sizes, offsets, name lengths, counts.
        const at = rng.int(bytes.length - 4);
        new DataView(bytes.buffer).setUint32(at, rng.pick([0, 0xffffffff, 0x7fffffff, rng.int(1 << 30)]), true);
      } else {
        const names = ['pack.yaml', '../x', '/abs', 'a\\b', 'lessons/a.yaml', 'assets/x.png', 'A/pack.yaml', 'con.txt', 'x'.repeat(500), 'ok.yaml'];
        bytes = rawZip(
          Array.from({ length: 1 + rng.int(4) }, () => ({
            name: rng.pick(names),
            data: rng.pick(['id: x', '', new Uint8Array([0xff, 0xfe, 0x00]), 'pack: [1']),
            method: rng.pick([0, 8] as const),
            mode: rng.pick([0o100644, 0o120777, 0o040755, 0]),
            declaredSize: rng.int(3) === 0 ? rng.int(100) : undefined,
          })),
        );
      }
      try {
        const r = unpackArchive(bytes);
        checkDiagnostics(r.diagnostics);
        for (const path of r.files.keys()) {
          expect(path.split('/')).not.toContain('..');
          expect(path.startsWith('/') || path.includes('\\') || /^[a-zA-Z]:/.test(path)).toBe(false);
        }
        if (r.files.size) {
          unpacked++;
          checkDiagnostics(loadPack(r.files, 'user').diagnostics);
        }
      } catch (e) {
        throw new Error(`archive seed ${seed} crashed: ${(e as Error).stack}`);
      }
    }
    expect(unpacked).toBeGreaterThan(50);
  });
});
