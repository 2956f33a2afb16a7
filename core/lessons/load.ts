/*
 * Loading a lesson pack from in-memory files (path relative to the pack root → text or
 * bytes), so the same code runs in Electron's main process, a Web Worker and Node.
 *
 *   pack.yaml ──schema──► manifest ──► each listed lesson:
 *       parse YAML → lesson schema → scenario header + every `run` step checked by the
 *       scenario loader (with the lesson file's own line numbers) → focus, Markdown and
 *       quiz checks that need no simulation → CompiledLesson
 *   assets/  ──► type (by content, not only by name), size
 *
 * Every problem becomes a Diagnostic (file:line:col, message, hint). A pack with any error
 * is still summarised (so the library can list it with its problems) but not playable.
 * Quizzes are *run* by validate.ts, which tries many random instances.
 */
import { Document, isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node as YamlNode } from 'yaml';
import { diagnosticAt, didYouMean, formatDiagnostic, locate, parseYaml, zodDiagnostics, type Diagnostic, type ParsedYaml } from '../diag.ts';
import { checkScenarioValue } from '../scenario/load.ts';
import type { Step } from '../scenario/schema.ts';
import { compileExpr, compileTemplate, ExprError, RESERVED_WORDS, templatesIn } from './expr.ts';
import { assetPathOf, checkMarkdown } from './markdown.ts';
import type { CompiledLesson, CompiledQuiz, CompiledStep, LoadedPack } from './model.ts';
import { parseExperiment } from '../experiments/schema.ts';
import { ExperimentError } from '../experiments/types.ts';
import { ACCESS_OBSERVATIONS, CURVE_OBSERVATIONS, FACT_NAMES, FAULT_CAUSES, FAULT_RESOLUTIONS, PICK_TARGET, REFERENCE_OBSERVATIONS, VALUE_TYPE, type ValueType } from './observe.ts';
import { BUILTIN_NAMES } from './quiz.ts';
import { PACK_LIMITS } from './limits.ts';
import { hex, t } from '../i18n/index.ts';
import { LessonSchema, ManifestSchema, type LessonDoc, type Manifest, type QuizDoc } from './schema.ts';
import { isTranslationFile, loadTranslations } from './translations.ts';
import type { Focus, LessonSummary, PackSource, PackSummary } from './types.ts';

/** The app version packs are checked against (`minAppVersion`); kept equal to package.json by a test. */
export const ENGINE_VERSION = '0.1.0';

export { PACK_LIMITS };

const IMAGE_TYPES: Record<string, { magic: (b: Uint8Array) => boolean; name: string }> = {
  png: { name: 'PNG', magic: (b) => b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  jpg: { name: 'JPEG', magic: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  jpeg: { name: 'JPEG', magic: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  gif: { name: 'GIF', magic: (b) => b.length > 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 },
  webp: { name: 'WebP', magic: (b) => b.length > 12 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50 },
};
export const ASSET_EXTENSIONS = Object.keys(IMAGE_TYPES);
/** Files a pack may hold besides its YAML and assets; anything else is ignored with a warning. */
const EXTRA_FILES = /^(README|LICEN[CS]E|COPYING|CHANGELOG|AUTHORS)(\.(md|txt))?$/i;

function at(file: string, message: string, o: { line?: number; col?: number; severity?: 'error' | 'warning'; hint?: string } = {}): Diagnostic {
  return { file, line: o.line ?? 1, col: o.col ?? 1, severity: o.severity ?? 'error', message, hint: o.hint };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text of a file: bytes must be UTF-8 (a byte-order mark is dropped). */
export function decodeText(data: string | Uint8Array, file: string, out: Diagnostic[]): string | null {
  let text: string;
  if (typeof data === 'string') text = data;
  else {
    if (data.length > PACK_LIMITS.maxYamlBytes) {
      out.push(at(file, t('validator.file.tooLargeBytes', { size: data.length, limit: PACK_LIMITS.maxYamlBytes })));
      return null;
    }
    try {
      text = utf8.decode(data);
    } catch {
      out.push(at(file, t('validator.file.notUtf8'), { hint: t('validator.file.saveAsUtf8') }));
      return null;
    }
  }
  if (text.length > PACK_LIMITS.maxYamlBytes) {
    out.push(at(file, t('validator.file.tooLargeChars', { size: text.length, limit: PACK_LIMITS.maxYamlBytes })));
    return null;
  }
  if (text.includes('\u0000')) {
    out.push(at(file, t('validator.file.nul')));
    return null;
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function keyOf(p: unknown): string {
  const k = (p as Pair).key;
  return isScalar(k) ? String(k.value) : String(k);
}

function pairOf(map: unknown, key: string): Pair | undefined {
  return isMap(map) ? (map.items.find((p) => keyOf(p) === key) as Pair | undefined) : undefined;
}

/** Line/col of a position inside a Markdown value (block scalars start on the next line). */
function markdownPosition(parsed: ParsedYaml, path: (string | number)[], text: string, offset: number | null): { line: number; col: number } {
  const pos = locate(parsed, path);
  if (offset === null) return pos;
  const node = parsed.doc.getIn(path, true) as { type?: string } | undefined;
  const before = text.slice(0, offset).split('\n');
  if (node?.type === 'BLOCK_LITERAL') return { line: pos.line + before.length, col: 1 };
  if (before.length === 1) return { line: pos.line, col: pos.col + offset };
  return pos;
}

interface LessonContext {
  packId: string;
  images: Map<string, { file: string; line: number; col: number }[]>;
}

/** Names of processes and threads each step creates, to check focus and quiz references. */
function declaredNames(steps: Step[]): { processes: string[]; threads: string[] } {
  const processes: string[] = [];
  const threads: string[] = [];
  for (const s of steps) {
    if (s.op === 'spawn') processes.push(s.args.name as string);
    if (s.op === 'fork') processes.push(s.args.child as string);
    if (s.op === 'thread') threads.push(s.args.name as string);
  }
  return { processes, threads: [...processes, ...threads] };
}

/** Which quiz kinds an observation's value type can be asked as. */
const KINDS_FOR: Record<ValueType, QuizDoc['kind'][]> = {
  address: ['address', 'choice', 'number'],
  number: ['number', 'choice', 'yesno', 'pick'],
  boolean: ['yesno', 'choice'],
  word: ['choice', 'yesno', 'pick'],
  sequence: ['sequence'],
  order: ['order'],
};

function checkQuiz(parsed: ParsedYaml, quiz: QuizDoc, raw: Record<string, unknown>, path: (string | number)[], out: Diagnostic[]): void {
  const err = (p: (string | number)[], message: string, hint?: string, severity: 'error' | 'warning' = 'error') => out.push(diagnosticAt(parsed, [...path, ...p], t('validator.quiz.prefix', { id: quiz.id, message }), { hint, severity }));
  const what = quiz.observe.what;
  const kinds = KINDS_FOR[VALUE_TYPE[what]];
  if (!kinds.includes(quiz.kind)) err(['kind'], t('validator.quiz.kindCannotAsk', { kind: quiz.kind, what }), t('validator.quiz.kindFits', { what, kinds: kinds.join(', ') }));
  if (quiz.kind === 'pick' && !PICK_TARGET[what]) err(['kind'], t('validator.quiz.nothingToPick', { what }), t('validator.quiz.pickWorksWith'));
  if (quiz.kind === 'yesno' && VALUE_TYPE[what] !== 'boolean' && quiz.yesIf === undefined) err(['observe', 'what'], t('validator.quiz.notYesNo', { what }), t('validator.quiz.addYesIf'));
  if (quiz.kind === 'choice' && quiz.options === undefined && quiz.distractors === undefined) err([], t('validator.quiz.choiceNeedsOptions'), t('validator.quiz.distractorsExample'));
  if (quiz.kind !== 'choice' && quiz.options !== undefined) err(['options'], t('validator.quiz.onlyForKind', { field: 'options', kind: 'choice', actual: quiz.kind }));
  if (quiz.kind !== 'choice' && quiz.distractors !== undefined) err(['distractors'], t('validator.quiz.onlyForKind', { field: 'distractors', kind: 'choice', actual: quiz.kind }));
  if (quiz.kind !== 'yesno' && quiz.yesIf !== undefined) err(['yesIf'], t('validator.quiz.onlyForKind', { field: 'yesIf', kind: 'yesno', actual: quiz.kind }));
  if (quiz.kind !== 'number' && quiz.tolerance !== undefined) err(['tolerance'], t('validator.quiz.onlyForKind', { field: 'tolerance', kind: 'number', actual: quiz.kind }));
  // Words an observation can give: a literal option or yesIf outside them is a typo.
  const domain = what === 'tlb' ? ['hit', 'miss'] : what === 'fault-cause' ? FAULT_CAUSES : what === 'fault-resolution' ? FAULT_RESOLUTIONS : null;
  if (domain) {
    const check = (v: unknown, p: (string | number)[]) => {
      if (typeof v === 'string' && domain.includes(v.trim().toLowerCase())) return;
      const hint = typeof v === 'string' ? didYouMean(v, domain) : null;
      err(p, t('validator.quiz.neverAValue', { value: JSON.stringify(v), what }), hint ? t('validator.quiz.didYouMean', { suggestion: hint }) : t('validator.quiz.values', { values: domain.join(', ') }));
    };
    quiz.options?.forEach((o, i) => check(o, ['options', i]));
    if (quiz.yesIf !== undefined) check(quiz.yesIf, ['yesIf']);
  }
  if (quiz.options) {
    const seen = new Set<string>();
    quiz.options.forEach((o, i) => {
      const k = String(o).trim().toLowerCase();
      if (seen.has(k)) err(['options', i], t('validator.quiz.optionTwice', { option: JSON.stringify(o) }));
      seen.add(k);
    });
  }

  // What each observation needs.
  const o = quiz.observe;
  const has = (k: keyof typeof o) => o[k] !== undefined;
  const needs: (keyof typeof o)[] = ACCESS_OBSERVATIONS.has(what) ? ['access'] : what === 'tlb-sequence' ? ['accesses'] : REFERENCE_OBSERVATIONS.has(what) ? ['reference'] : what === 'curve-value' ? ['experiment', 'x'] : CURVE_OBSERVATIONS.has(what) ? ['experiment'] : what === 'rss' || what === 'pss' ? ['process'] : what === 'smaps' ? ['process', 'field'] : [];
  for (const k of needs) if (!has(k)) err(['observe'], t('validator.quiz.needsField', { what, field: k }), k === 'access' ? t('validator.quiz.accessExample', { example: 'access: { process: A, addr: 0x1000 }' }) : undefined);
  if (what === 'refcount' && has('frame') === has('page')) err(['observe'], t('validator.quiz.refcountFrameOrPage'));
  const allowed = new Set<string>(['what', ...needs, ...(what === 'refcount' ? ['frame', 'page', 'access'] : []), ...(what === 'rss' || what === 'pss' ? ['unit', 'access'] : []), ...(what === 'free-frames' ? ['access'] : []), ...(what === 'smaps' ? ['unit', 'access', 'area'] : []), ...(CURVE_OBSERVATIONS.has(what) ? ['series', 'measure'] : [])]);
  if (o.experiment !== undefined && templatesIn(o.experiment).length === 0) {
    // The experiment is a document of its own: checked here, so its mistakes point into the lesson file
    // (one with templates is checked for each instance, once its parameters are drawn).
    try {
      parseExperiment(o.experiment);
    } catch (e) {
      if (!(e instanceof ExperimentError)) throw e;
      err(['observe', 'experiment'], t('validator.quiz.experiment', { message: e.message }));
    }
  }
  for (const k of Object.keys(o)) if (!allowed.has(k) && o[k as keyof typeof o] !== undefined) err(['observe', k], t('validator.quiz.noMeaning', { field: k, what }), undefined, 'warning');

  // Parameters: names, expressions in order, ranges.
  const known = new Set<string>(BUILTIN_NAMES);
  const params = Object.entries(quiz.params ?? {});
  for (const [name, p] of params) {
    if (BUILTIN_NAMES.includes(name) || RESERVED_WORDS.includes(name)) err(['params', name], t('validator.quiz.builtinName', { name }));
    if ('range' in p) {
      if (p.range[1] < p.range[0]) err(['params', name, 'range'], t('validator.quiz.emptyRange', { low: p.range[0], high: p.range[1] }), t('validator.quiz.writeRange'));
      if (p.step !== undefined && p.step <= 0) err(['params', name, 'step'], t('validator.quiz.stepAtLeastOne'));
    } else if ('expr' in p) {
      try {
        const e = compileExpr(p.expr);
        for (const n of e.names) if (!known.has(n)) err(['params', name, 'expr'], t('validator.quiz.exprUsesUndefined', { name: n }), params.some(([x]) => x === n) ? t('validator.quiz.drawnInOrder') : t('validator.quiz.known', { names: [...known].join(', ') }));
      } catch (e) {
        if (e instanceof ExprError) err(['params', name, 'expr'], t('validator.quiz.badExpression', { message: e.message }));
        else throw e;
      }
    }
    known.add(name);
  }

  // Templates: every name must be known where it is used.
  const used = new Set<string>();
  const checkTemplates = (value: unknown, base: (string | number)[], names: Set<string>, field: 'prompt' | 'setup' | 'observe' | 'explanation') => {
    for (const found of templatesIn(value, base)) {
      try {
        const tpl = compileTemplate(found.text);
        for (const n of tpl.names) {
          used.add(n);
          if (!names.has(n)) err(found.path, t('validator.quiz.templateUndefined', { field, template: `{{${n}}}` }), names.size ? t('validator.quiz.definedHere', { names: [...names].filter((x) => !BUILTIN_NAMES.includes(x)).join(', ') || t('validator.quiz.noParameters') }) : undefined);
        }
      } catch (e) {
        if (e instanceof ExprError) err(found.path, t('validator.quiz.templateError', { field, message: e.message }));
        else throw e;
      }
    }
  };
  checkTemplates(raw.prompt, ['prompt'], known, 'prompt');
  checkTemplates(raw.setup, ['setup'], known, 'setup');
  checkTemplates(raw.observe, ['observe'], known, 'observe');
  checkTemplates(raw.explanation, ['explanation'], new Set([...known, ...FACT_NAMES]), 'explanation');
  for (const [name] of params) {
    const usedByExpr = params.some(([, p]) => 'expr' in p && compileExprSafe(p.expr)?.names.includes(name));
    if (!used.has(name) && !usedByExpr) err(['params', name], t('validator.quiz.paramUnused', { name }), t('validator.quiz.useParam', { template: `{{${name}}}` }), 'warning');
  }

  // Setup items: one known operation each (values are checked per instance, after templating).
  (Array.isArray(raw.setup) ? raw.setup : []).forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item) || Object.keys(item).length !== 1)
      err(['setup', i], t('validator.quiz.setupOneOperation', { example: '- write: { process: A, addr: \\"{{hex addr}}\\" }' }));
  });
}

function compileExprSafe(src: string) {
  try {
    return compileExpr(src);
  } catch {
    return null;
  }
}

/** Build the scenario the lesson runs: its header plus every step's `run`, with the lesson file's positions. */
function synthesizeScenario(parsed: ParsedYaml): { synth: ParsedYaml; origin: { k: number; j: number }[] } {
  const root = parsed.doc.contents as YAMLMap;
  const value = parsed.value as Record<string, unknown>;
  const map = new YAMLMap();
  const scenario: Record<string, unknown> = {};
  for (const key of ['machine', 'seed', 'kernel', 'files', 'memory', 'images']) {
    const pair = pairOf(root, key);
    if (pair && value[key] !== undefined) {
      map.items.push(pair);
      scenario[key] = value[key];
    }
  }
  const seq = new YAMLSeq();
  const steps: unknown[] = [];
  const origin: { k: number; j: number }[] = [];
  const stepsNode = pairOf(root, 'steps')?.value;
  (value.steps as Record<string, unknown>[]).forEach((st, k) => {
    const runNode = pairOf(isSeq(stepsNode) ? stepsNode.items[k] : undefined, 'run')?.value;
    ((st.run as unknown[] | undefined) ?? []).forEach((item, j) => {
      seq.items.push(isSeq(runNode) ? (runNode.items[j] as YamlNode) : new Scalar(null));
      steps.push(item);
      origin.push({ k, j });
    });
  });
  map.items.push(new Pair(new Scalar('steps'), seq));
  scenario.steps = steps;
  const doc = new Document();
  doc.contents = map;
  return { synth: { file: parsed.file, doc: doc as unknown as ParsedYaml['doc'], lines: parsed.lines, value: scenario, diagnostics: [] }, origin };
}

/** Say `steps[2].run[1]` instead of the synthetic scenario's `steps[5]`. */
function remapScenarioDiagnostic(d: Diagnostic, origin: { k: number; j: number }[]): Diagnostic {
  const rename = (n: number) => (origin[n] ? `steps[${origin[n].k}].run[${origin[n].j}]` : `steps[${n}]`);
  const message = d.message.replace(/steps\[(\d+)\]/g, (_, n) => rename(Number(n))).replace(/\bstep (\d+)\b/g, (m, n) => (origin[Number(n) - 1] ? t('validator.scenario.runStep', { run: origin[Number(n) - 1].j + 1, step: origin[Number(n) - 1].k + 1 }) : m));
  let path = d.path;
  if (path && path[0] === 'steps' && typeof path[1] === 'number' && origin[path[1]]) path = ['steps', origin[path[1]].k, 'run', origin[path[1]].j, ...path.slice(2)];
  return { ...d, message, path };
}

/** Check and compile one lesson file. */
export function compileLesson(text: string, file: string, ctx: LessonContext, out: Diagnostic[]): CompiledLesson | null {
  const parsed = parseYaml(text, file);
  out.push(...parsed.diagnostics);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return null;
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    out.push(at(file, t('validator.lesson.notMapping')));
    return null;
  }
  const r = LessonSchema.safeParse(parsed.value);
  if (!r.success) {
    out.push(...zodDiagnostics(parsed, r.error.issues, [], LessonSchema));
    return null;
  }
  const doc: LessonDoc = r.data;
  const raw = parsed.value as { steps: Record<string, unknown>[] };
  const errorsBefore = out.filter((d) => d.severity === 'error').length;

  // The scenario: header + all run steps, checked by the scenario loader.
  const { synth, origin } = synthesizeScenario(parsed);
  const loaded = checkScenarioValue(synth, []);
  out.push(...loaded.diagnostics.map((d) => remapScenarioDiagnostic(d, origin)));
  const profile = loaded.profile;

  // Markdown and focus, step by step.
  const md = (value: string | undefined, path: (string | number)[]) => {
    if (value === undefined) return;
    const images = new Set<string>();
    for (const p of checkMarkdown(value, images)) {
      const pos = markdownPosition(parsed, path, value, p.offset);
      out.push({ file, line: pos.line, col: pos.col, severity: p.severity, message: p.message, hint: p.hint, path });
    }
    const pos = locate(parsed, path);
    for (const img of images) {
      const list = ctx.images.get(img) ?? [];
      list.push({ file, line: pos.line, col: pos.col });
      ctx.images.set(img, list);
    }
  };
  const steps: CompiledStep[] = [];
  const quizzes: CompiledQuiz[] = [];
  const quizIds = new Map<string, number>();
  let runAt = 0;
  doc.steps.forEach((st, k) => {
    const runCount = st.run?.length ?? 0;
    const runFrom = runAt;
    runAt += runCount;
    md(st.text, ['steps', k, 'text']);
    const focus: Focus = { processes: st.focus?.processes ?? [], levels: st.focus?.levels ?? [], frames: st.focus?.frames ?? [], tlb: st.focus?.tlb ?? false, translate: st.focus?.translate ?? null };
    if (profile && loaded.scenario) {
      const names = declaredNames(loaded.scenario.steps.slice(0, runAt));
      const fp = ['steps', k, 'focus'];
      focus.processes.forEach((p, i) => {
        if (!names.threads.includes(p)) out.push(diagnosticAt(parsed, [...fp, 'processes', i], t('validator.focus.noProcess', { name: p }), { hint: names.processes.length ? t('validator.focus.processes', { names: names.processes.join(', ') }) : t('validator.focus.spawnIt') }));
      });
      focus.frames.forEach((f, i) => {
        if (f >= profile.physFrames) out.push(diagnosticAt(parsed, [...fp, 'frames', i], t('validator.focus.noFrame', { frame: f, frames: profile.physFrames })));
      });
      focus.levels.forEach((l, i) => {
        if (l >= profile.levels.length) out.push(diagnosticAt(parsed, [...fp, 'levels', i], t('validator.focus.noLevel', { level: l, count: profile.levels.length, last: profile.levels.length - 1 })));
      });
      if (focus.translate) {
        if (!names.threads.includes(focus.translate.process)) out.push(diagnosticAt(parsed, [...fp, 'translate', 'process'], t('validator.focus.noProcess', { name: focus.translate.process })));
        if (focus.translate.addr >= 2 ** profile.vaBits) out.push(diagnosticAt(parsed, [...fp, 'translate', 'addr'], t('validator.focus.outsideAddressSpace', { address: hex(focus.translate.addr), bits: profile.vaBits })));
      }
    }
    let quiz: CompiledQuiz | null = null;
    if (st.quiz) {
      const qp = ['steps', k, 'quiz'];
      const q = st.quiz;
      const rawQuiz = raw.steps[k].quiz as Record<string, unknown>;
      if (quizIds.has(q.id)) out.push(diagnosticAt(parsed, [...qp, 'id'], t('validator.lesson.duplicateQuiz', { id: q.id, step: quizIds.get(q.id)! + 1 }), { hint: t('validator.lesson.quizIdUnique') }));
      quizIds.set(q.id, k);
      md(q.prompt, [...qp, 'prompt']);
      md(q.explanation, [...qp, 'explanation']);
      q.hints?.forEach((h, i) => md(h, [...qp, 'hints', i]));
      for (const [answer, note] of Object.entries(q.feedback ?? {})) md(note, [...qp, 'feedback', answer]);
      checkQuiz(parsed, q, rawQuiz, qp, out);
      const hasParams = Object.keys(q.params ?? {}).length > 0;
      quiz = {
        id: q.id,
        doc: q,
        rawSetup: (rawQuiz.setup as unknown[] | undefined) ?? [],
        rawObserve: rawQuiz.observe,
        rawConceal: (rawQuiz.conceal as unknown[] | undefined) ?? null,
        params: Object.entries(q.params ?? {}),
        lessonId: doc.id,
        stepIndex: k,
        file,
        path: qp,
        masteryNeeded: q.mastery ?? (hasParams ? 2 : 1),
        optional: q.optional ?? false,
      };
      quizzes.push(quiz);
    }
    steps.push({ index: k, title: st.title, text: st.text ?? '', focus, runFrom, runTo: runAt, quiz });
  });
  md(doc.recap, ['recap']);
  const completion = doc.completion ?? (quizzes.length ? 'quizzes-correct' : 'last-step');
  if (completion !== 'last-step' && quizzes.every((q) => q.optional))
    out.push(diagnosticAt(parsed, ['completion'], t('validator.lesson.completionNeedsQuiz', { rule: completion }), { severity: doc.completion ? 'error' : 'warning' }));
  if (out.filter((d) => d.severity === 'error').length > errorsBefore || !profile || !loaded.scenario) return null;
  return { id: doc.id, title: doc.title, level: doc.level, summary: doc.summary, file, profile, scenario: loaded.scenario, steps, recap: doc.recap?.trim() || null, completion, quizzes, locate: (path) => locate(parsed, path) };
}

/** Names of the manifest, in order of preference (JSON is YAML too). */
export const MANIFEST_FILES = ['pack.yaml', 'pack.yml', 'pack.json'];

/** The single top-level folder that holds pack.yaml and everything else ("name/": a zipped folder, or a folder given with its one pack inside), or ''. */
export function packRoot(files: Map<string, string | Uint8Array>): string {
  if (MANIFEST_FILES.some((f) => files.has(f))) return '';
  const manifests = [...files.keys()].filter((p) => /^[^/]+\/pack\.(ya?ml|json)$/.test(p));
  if (manifests.length !== 1) return '';
  const prefix = manifests[0].slice(0, manifests[0].indexOf('/') + 1);
  return [...files.keys()].every((p) => p.startsWith(prefix)) ? prefix : '';
}

/** The files with packRoot() dropped from their names (the same map when there is none). */
export function rootedFiles(files: Map<string, string | Uint8Array>, prefix = packRoot(files)): Map<string, string | Uint8Array> {
  return prefix ? new Map([...files].map(([p, v]) => [p.slice(prefix.length), v])) : files;
}

function summaryOf(manifest: Partial<Manifest> | null, source: PackSource, lessons: LessonSummary[], diagnostics: Diagnostic[], fallbackId: string): PackSummary {
  return {
    id: typeof manifest?.id === 'string' ? manifest.id : fallbackId,
    title: typeof manifest?.title === 'string' ? manifest.title : fallbackId,
    version: typeof manifest?.version === 'string' ? manifest.version : '',
    description: typeof manifest?.description === 'string' ? manifest.description : '',
    language: typeof manifest?.language === 'string' ? manifest.language : '',
    authors: Array.isArray(manifest?.authors) ? manifest.authors.filter((a): a is string => typeof a === 'string') : [],
    license: typeof manifest?.license === 'string' ? manifest.license : '',
    source,
    lessons,
    problems: diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic),
  };
}

export interface LoadPackOptions {
  /** The running app's version, for minAppVersion (default ENGINE_VERSION). */
  appVersion?: string;
  /** Used as the pack id in messages when the manifest has none (e.g. the folder name). */
  fallbackId?: string;
}

/**
 * Load a pack from its files (paths relative to the pack root). Returns the playable pack,
 * or null when there is any error; the summary and diagnostics are always returned.
 */
export function loadPack(input: Map<string, string | Uint8Array>, source: PackSource, options: LoadPackOptions = {}): { pack: LoadedPack | null; summary: PackSummary; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const fallbackId = options.fallbackId ?? t('validator.pack.unnamed');
  const fail = (manifest: Partial<Manifest> | null, lessons: LessonSummary[] = []) => ({ pack: null, summary: summaryOf(manifest, source, lessons, diagnostics, fallbackId), diagnostics });
  if (input.size > PACK_LIMITS.maxFiles) {
    diagnostics.push(at('pack.yaml', t('validator.pack.tooManyFiles', { count: input.size, limit: PACK_LIMITS.maxFiles })));
    return fail(null);
  }
  const files = new Map<string, string | Uint8Array>();
  for (const [p, v] of rootedFiles(input)) {
    const clean = p.replace(/^\.\//, '');
    if (clean.split('/').some((s) => s === '..' || s === '') || clean.startsWith('/') || /^[a-zA-Z]:/.test(clean) || clean.includes('\\')) {
      diagnostics.push(at(p, t('validator.pack.unsafePath')));
      continue;
    }
    files.set(clean, v);
  }
  const manifestFile = MANIFEST_FILES.find((f) => files.has(f)) ?? null;
  if (!manifestFile) {
    diagnostics.push(at('pack.yaml', t('validator.pack.noManifest'), { hint: t('validator.pack.seeManifestDocs') }));
    return fail(null);
  }
  const manifestText = decodeText(files.get(manifestFile)!, manifestFile, diagnostics);
  if (manifestText === null) return fail(null);
  const parsed = parseYaml(manifestText, manifestFile);
  diagnostics.push(...parsed.diagnostics);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return fail(null);
  const rawManifest = (parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value) ? parsed.value : null) as Partial<Manifest> | null;
  const mr = ManifestSchema.safeParse(parsed.value);
  if (!mr.success) {
    if (!rawManifest) diagnostics.push(at(manifestFile, t('validator.pack.manifestNotMapping')));
    else diagnostics.push(...zodDiagnostics(parsed, mr.error.issues, [], ManifestSchema));
    return fail(rawManifest);
  }
  const manifest = mr.data;
  const app = options.appVersion ?? ENGINE_VERSION;
  if (compareVersions(manifest.minAppVersion, app) > 0)
    diagnostics.push(diagnosticAt(parsed, ['minAppVersion'], t('validator.pack.needsNewerApp', { needed: manifest.minAppVersion, running: app }), { hint: t('validator.pack.updateApp') }));

  // Lessons, in manifest order.
  const ctx: LessonContext = { packId: manifest.id, images: new Map() };
  const lessons: CompiledLesson[] = [];
  const summaries: LessonSummary[] = [];
  const listed = new Set<string>();
  const ids = new Map<string, string>();
  manifest.lessons.forEach((path, i) => {
    const clean = path.replace(/^\.\//, '');
    if (listed.has(clean)) {
      diagnostics.push(diagnosticAt(parsed, ['lessons', i], t('validator.pack.listedTwice', { path })));
      return;
    }
    listed.add(clean);
    const data = files.get(clean);
    if (data === undefined) {
      const near = [...files.keys()].filter((f) => /\.(ya?ml|json)$/.test(f) && f !== manifestFile);
      diagnostics.push(diagnosticAt(parsed, ['lessons', i], t('validator.pack.noLessonFile', { path }), { hint: near.length ? t('validator.pack.yamlFiles', { files: near.slice(0, 8).join(', ') }) : undefined }));
      return;
    }
    const text = decodeText(data, clean, diagnostics);
    if (text === null) return;
    const lesson = compileLesson(text, clean, ctx, diagnostics);
    if (!lesson) {
      summaries.push({ id: clean, title: clean, level: 'beginner', summary: '', stepCount: 0, quizCount: 0, quizMastery: [] });
      return;
    }
    if (ids.has(lesson.id)) {
      diagnostics.push(at(clean, t('validator.pack.duplicateLesson', { id: lesson.id, file: ids.get(lesson.id)! }), { hint: t('validator.pack.lessonIdUnique'), line: locate(parseYaml(text, clean), ['id']).line }));
      return;
    }
    ids.set(lesson.id, clean);
    lessons.push(lesson);
    summaries.push({ id: lesson.id, title: lesson.title, level: lesson.level, summary: lesson.summary, stepCount: lesson.steps.length, quizCount: lesson.quizzes.length, quizMastery: lesson.quizzes.map((q) => ({ id: q.id, needed: q.masteryNeeded })) });
  });
  for (const f of files.keys()) {
    if (/\.(ya?ml|json)$/i.test(f) && f !== manifestFile && !listed.has(f) && !isTranslationFile(f))
      diagnostics.push(at(f, t('validator.pack.notListed'), { severity: 'warning', hint: t('validator.pack.listOrDelete') }));
  }

  // Description Markdown.
  for (const p of checkMarkdown(manifest.description)) {
    const pos = locate(parsed, ['description']);
    diagnostics.push({ file: manifestFile, line: pos.line, col: pos.col, severity: p.severity, message: p.message, hint: p.hint, path: ['description'] });
  }

  // Assets and other files.
  const assets = new Map<string, Uint8Array>();
  let total = 0;
  for (const [f, data] of files) {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    total += bytes.length;
    if (f === manifestFile || listed.has(f) || /\.(ya?ml|json)$/i.test(f) || isTranslationFile(f)) continue;
    if (f.startsWith('assets/')) {
      const ext = f.slice(f.lastIndexOf('.') + 1).toLowerCase();
      if (ext === 'svg') {
        diagnostics.push(at(f, t('validator.pack.svg'), { hint: t('validator.pack.exportPng') }));
        continue;
      }
      const type = IMAGE_TYPES[ext];
      if (!type) {
        diagnostics.push(at(f, t('validator.pack.notAnImage', { file: f, extensions: ASSET_EXTENSIONS.join(', ') }), { severity: 'warning', hint: t('validator.pack.ignored') }));
        continue;
      }
      if (bytes.length > PACK_LIMITS.maxAssetBytes) {
        diagnostics.push(at(f, t('validator.pack.imageTooLarge', { size: bytes.length, limit: PACK_LIMITS.maxAssetBytes }), { hint: t('validator.pack.scaleDown') }));
        continue;
      }
      if (!type.magic(bytes)) {
        diagnostics.push(at(f, t('validator.pack.wrongImageType', { type: type.name })));
        continue;
      }
      assets.set(f, bytes);
      if (!ctx.images.has(f)) diagnostics.push(at(f, t('validator.pack.imageUnused'), { severity: 'warning' }));
    } else if (!EXTRA_FILES.test(f)) {
      diagnostics.push(at(f, t('validator.pack.unexpectedFile', { file: f }), { severity: 'warning', hint: t('validator.pack.whatPacksHold') }));
    }
  }
  if (total > PACK_LIMITS.maxPackBytes) diagnostics.push(at(manifestFile, t('validator.pack.tooLarge', { size: total, limit: PACK_LIMITS.maxPackBytes })));
  for (const [img, uses] of ctx.images) {
    if (assets.has(img)) continue;
    const hint = [...files.keys()].filter((f) => f.startsWith('assets/')).slice(0, 8);
    for (const u of uses) diagnostics.push({ file: u.file, line: u.line, col: u.col, severity: 'error', message: t('validator.pack.imageMissing', { image: img }), hint: hint.length ? t('validator.pack.assets', { files: hint.join(', ') }) : t('validator.pack.putInAssets') });
  }

  // Translations of the pack's texts (core/lessons/translations.ts), checked against the lessons.
  const translations = loadTranslations(files, { id: manifest.id, language: manifest.language, title: manifest.title, description: manifest.description, lessons }, diagnostics);

  const summary = summaryOf(manifest, source, summaries, diagnostics, fallbackId);
  if (diagnostics.some((d) => d.severity === 'error')) return { pack: null, summary, diagnostics };
  return { pack: { summary, manifest, source, lessons, assets, diagnostics, translations }, summary, diagnostics };
}

/** Used in messages: where an image may point. */
export { assetPathOf };

/**
 * Whether files form an installable pack: its id if they load without errors, otherwise
 * the errors as file:line:col lines. Both hosts ask this before installing anything.
 */
export function identifyPack(files: Map<string, string | Uint8Array>): { id: string | null; errors: string[] } {
  const r = loadPack(files, 'user');
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  return { id: r.pack ? r.summary.id : null, errors: r.pack || errors.length > 0 ? errors : [t('validator.pack.couldNotLoad')] };
}
