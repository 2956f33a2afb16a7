/*
 * Pack translations ("overlays"): a pack may carry its texts in other languages, keyed by
 * the ids the lessons already have, one folder per language (BCP 47 tag):
 *
 *   translations/<lang>/pack.yaml               { language, pack, title?, description? }
 *   translations/<lang>/lessons/<lesson file>   { language, lesson, title?, summary?, recap?,
 *                                                 steps:   { <step number from 1>: { title?, text? } },
 *                                                 quizzes: { <quiz id>: { prompt?, hints?, feedback?, explanation?, options? } } }
 *
 * `<lesson file>` is the lesson's file name (lessons/04-tlb.yaml → translations/es/lessons/04-tlb.yaml).
 * Every text is optional: a missing one is shown in the pack's language, marked "not translated".
 * A translation is held to its source text: the same set of {{templates}}, Markdown as
 * safe as the source (the same checks, core/lessons/markdown.ts), as many hints, and the
 * same feedback keys (answers are compared, never translated). `options` gives labels for
 * a choice's option values; the value compared stays the source's.
 *
 * In memory a pack's translations are a map tag → PackOverlay. Applying one to a compiled
 * lesson gives a lesson of the same shape (same steps, same quizzes, same simulation) whose
 * texts are the translated ones, plus the set of text slots that were not translated.
 * Coverage counts texts: pack title and description, and per lesson its title, summary,
 * recap, each step's title and text, each quiz's prompt, hints, explanation and feedback notes.
 */
import { z } from 'zod';
import '../i18n/zod.ts';
import { diagnosticAt, locate, parseYaml, zodDiagnostics, type Diagnostic, type ParsedYaml } from '../diag.ts';
import { t } from '../i18n/index.ts';
import { normaliseTag } from '../i18n/locales.ts';
import { compileTemplate, hasTemplate } from './expr.ts';
import { checkMarkdown } from './markdown.ts';
import { buildInstance, InstanceError } from './quiz.ts';
import type { CompiledLesson, CompiledQuiz, CompiledStep } from './model.ts';
import type { LessonSummary, PackSummary } from './types.ts';

/** Where translations live in a pack. */
export const TRANSLATIONS_FOLDER = 'translations/';

const Text = z.string().min(1).max(20000);
const ShortText = z.string().min(1).max(500);
// Messages are functions so they are written in the locale in force when a file is checked.
const LanguageTag = z.string().regex(/^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: () => t('overlay.tagExpected') }).describe('BCP 47 language tag; equal to the folder name');

export const PackOverlaySchema = z
  .strictObject({
    language: LanguageTag,
    pack: z.string().min(1).max(200).describe('The id of the pack translated (its pack.yaml id)'),
    title: ShortText.optional(),
    description: Text.optional().describe('Markdown, as in pack.yaml'),
  })
  .describe('translations/<lang>/pack.yaml: the manifest texts in one language');

export const QuizOverlaySchema = z
  .strictObject({
    prompt: Text.optional().describe('The question (Markdown): the same {{templates}} as the source'),
    hints: z.array(Text).min(1).max(3).optional().describe('As many hints as the source, in the same order'),
    feedback: z.record(z.string().min(1).max(200), Text).optional().describe('Notes per answer: the same answer keys as the source (keys are not translated)'),
    explanation: Text.optional(),
    options: z.record(z.string().min(1).max(200), ShortText).optional().describe('Labels for the option values the learner sees (values are compared, never translated)'),
  })
  .describe('The texts of one quiz, by quiz id');

export const StepOverlaySchema = z.strictObject({ title: z.string().min(1).max(120).optional(), text: Text.optional() }).describe('The texts of one step, by step number (from 1)');

export const LessonOverlaySchema = z
  .strictObject({
    language: LanguageTag,
    lesson: z.string().min(1).max(200).describe('The id of the lesson translated'),
    title: z.string().min(1).max(120).optional(),
    summary: ShortText.optional(),
    recap: Text.optional(),
    steps: z.record(z.string().regex(/^[1-9][0-9]{0,2}$/, { error: () => t('overlay.stepNumberExpected') }), StepOverlaySchema).optional(),
    quizzes: z.record(z.string().min(1).max(200), QuizOverlaySchema).optional(),
  })
  .describe('translations/<lang>/lessons/<lesson file>: one lesson\u2019s texts in one language');

export type QuizOverlay = z.output<typeof QuizOverlaySchema>;

export interface LessonOverlay {
  /** The translation file, for messages. */
  file: string;
  /** Line and column of a path in that file. */
  locate(path: (string | number)[]): { line: number; col: number };
  title?: string;
  summary?: string;
  recap?: string;
  /** By step index (from 0). */
  steps: Map<number, { title?: string; text?: string }>;
  quizzes: Map<string, QuizOverlay>;
}

export interface PackOverlay {
  /** The folder's tag, e.g. "es". */
  language: string;
  title?: string;
  description?: string;
  /** By lesson id. */
  lessons: Map<string, LessonOverlay>;
  /** Every file of this translation, relative to the pack root. */
  files: string[];
}

export type PackTranslations = Map<string, PackOverlay>;

/** Texts translated out of the texts there are, for one language. */
export interface TranslationCoverage {
  language: string;
  translated: number;
  total: number;
}

/** A lesson with one language's texts, and the text slots still in the pack's language ("step.2.text", "quiz.q1.hints" …). */
export interface TranslatedLesson {
  lesson: CompiledLesson;
  untranslated: ReadonlySet<string>;
  /** Option labels per quiz id (value → label). */
  options: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

/** Whether a path belongs to the translations folder (the loader leaves those to this file). */
export function isTranslationFile(path: string): boolean {
  return path.startsWith(TRANSLATIONS_FOLDER);
}

/** The {{…}} templates of a text, as a sorted list of distinct sources. */
export function templateSet(text: string): string[] {
  if (!hasTemplate(text)) return [];
  return [...new Set(text.match(/\{\{[\s\S]*?\}\}/g) ?? [])].map((s) => s.replace(/\s+/g, ' ')).sort();
}

/** A tag folded for comparison (language lower case, region upper case, script title case). */
function canonicalTag(tag: string): string {
  return normaliseTag(tag) ?? tag;
}

/**
 * The translation to show a learner whose locale is `locale`: the exact tag, else the same
 * language (es-MX → es, es → es-ES), else none, and none when the pack is already in
 * that language (its own text is the original).
 */
export function chooseTranslation(translations: PackTranslations | undefined, locale: string, packLanguage: string): PackOverlay | null {
  if (!translations || translations.size === 0) return null;
  const wanted = canonicalTag(locale);
  const language = wanted.split('-')[0];
  const own = canonicalTag(packLanguage);
  if (wanted === own) return null;
  const tags = [...translations.keys()];
  const exact = tags.find((tag) => canonicalTag(tag) === wanted);
  if (exact) return translations.get(exact)!;
  if (language === own.split('-')[0]) return null;
  const sameLanguage = tags.filter((tag) => canonicalTag(tag).split('-')[0] === language).sort((a, b) => a.length - b.length);
  return sameLanguage.length ? translations.get(sameLanguage[0])! : null;
}

/**
 * Whether a learner reading `locale` reads another language than the pack's own, so the
 * pack's texts they see are untranslated (the pseudo-locale reads English).
 */
export function readsAnotherLanguage(locale: string, packLanguage: string): boolean {
  if (locale === 'en-XA') return canonicalTag(packLanguage).split('-')[0] !== 'en';
  return canonicalTag(locale).split('-')[0] !== canonicalTag(packLanguage).split('-')[0];
}

/** The lesson with the translation's texts; the texts it lacks stay as they are and are listed as untranslated. */
export function translateLesson(lesson: CompiledLesson, overlay: LessonOverlay | undefined): TranslatedLesson {
  const untranslated = new Set<string>();
  const options = new Map<string, Record<string, string>>();
  const pick = (slot: string, source: string, translated: string | undefined): string => {
    if (translated !== undefined) return translated;
    if (source.trim() !== '') untranslated.add(slot);
    return source;
  };
  const quizzes: CompiledQuiz[] = [];
  const steps: CompiledStep[] = lesson.steps.map((step) => {
    const so = overlay?.steps.get(step.index);
    let quiz: CompiledQuiz | null = null;
    if (step.quiz) {
      const q = step.quiz;
      const qo = overlay?.quizzes.get(q.id);
      const slot = `quiz.${q.id}`;
      const feedback = q.doc.feedback ? Object.fromEntries(Object.entries(q.doc.feedback).map(([key, note]) => [key, pick(`${slot}.feedback.${key}`, note, qo?.feedback?.[key])])) : undefined;
      const hints = q.doc.hints ? (qo?.hints && qo.hints.length === q.doc.hints.length ? qo.hints : (untranslated.add(`${slot}.hints`), q.doc.hints)) : undefined;
      const doc = {
        ...q.doc,
        prompt: pick(`${slot}.prompt`, q.doc.prompt, qo?.prompt),
        explanation: q.doc.explanation === undefined ? undefined : pick(`${slot}.explanation`, q.doc.explanation, qo?.explanation),
        hints,
        feedback,
      };
      if (qo?.options) options.set(q.id, qo.options);
      quiz = { ...q, doc };
      quizzes.push(quiz);
    }
    return { ...step, title: pick(`step.${step.index}.title`, step.title, so?.title), text: pick(`step.${step.index}.text`, step.text, so?.text), quiz };
  });
  const translated: CompiledLesson = {
    ...lesson,
    title: pick('title', lesson.title, overlay?.title),
    summary: pick('summary', lesson.summary, overlay?.summary),
    recap: lesson.recap === null ? null : pick('recap', lesson.recap, overlay?.recap?.trim()),
    steps,
    quizzes,
  };
  return { lesson: translated, untranslated, options };
}

/** A pack summary (library card) in the translation's language, where it has the texts. */
export function translateSummary(summary: PackSummary, overlay: PackOverlay | null, lessons: readonly CompiledLesson[]): PackSummary {
  if (!overlay) return summary;
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const lessonSummary = (s: LessonSummary): LessonSummary => {
    const lo = overlay.lessons.get(s.id);
    return byId.has(s.id) && lo ? { ...s, title: lo.title ?? s.title, summary: lo.summary ?? s.summary } : s;
  };
  return { ...summary, title: overlay.title ?? summary.title, description: overlay.description ?? summary.description, lessons: summary.lessons.map(lessonSummary) };
}

/** How many of the pack's texts each language translates. */
export function translationCoverage(translations: PackTranslations, manifest: { title: string; description: string }, lessons: readonly CompiledLesson[]): TranslationCoverage[] {
  return [...translations.values()].map((overlay) => {
    let total = 0;
    let translated = 0;
    const count = (source: string | null | undefined, text: unknown) => {
      if (source === null || source === undefined || source.trim() === '') return;
      total++;
      if (text !== undefined) translated++;
    };
    count(manifest.title, overlay.title);
    count(manifest.description, overlay.description);
    for (const lesson of lessons) {
      const lo = overlay.lessons.get(lesson.id);
      count(lesson.title, lo?.title);
      count(lesson.summary, lo?.summary);
      count(lesson.recap, lo?.recap);
      for (const step of lesson.steps) {
        const so = lo?.steps.get(step.index);
        count(step.title, so?.title);
        count(step.text, so?.text);
        const q = step.quiz;
        if (!q) continue;
        const qo = lo?.quizzes.get(q.id);
        count(q.doc.prompt, qo?.prompt);
        count(q.doc.explanation, qo?.explanation);
        (q.doc.hints ?? []).forEach((h, i) => count(h, qo?.hints?.[i]));
        for (const [key, note] of Object.entries(q.doc.feedback ?? {})) count(note, qo?.feedback?.[key]);
      }
    }
    return { language: overlay.language, translated, total };
  });
}

// ── Reading and checking ──────────────────────────────────────────────────────────

interface SourceTexts {
  packId: string;
  packLanguage: string;
  title: string;
  description: string;
  lessons: readonly CompiledLesson[];
  /** Files the pack holds (for images a translation points at). */
  files: ReadonlySet<string>;
}

function decoded(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : new TextDecoder().decode(data).replace(/^\uFEFF/, '');
}

/** One translated text held to its source: templates, Markdown safety, images in the pack. */
function checkText(parsed: ParsedYaml, path: (string | number)[], source: string | undefined, text: string, markdown: boolean, pack: SourceTexts, out: Diagnostic[]): void {
  if (source === undefined) return;
  const want = templateSet(source);
  const got = templateSet(text);
  const missing = want.filter((x) => !got.includes(x));
  const extra = got.filter((x) => !want.includes(x));
  if (missing.length || extra.length)
    out.push(
      diagnosticAt(parsed, path, t('overlay.templatesDiffer', { missing: missing.join(' ') || '—', extra: extra.join(' ') || '—' }), {
        hint: t('overlay.templatesHint', {}),
      }),
    );
  for (const tpl of got) {
    try {
      compileTemplate(tpl);
    } catch (e) {
      out.push(diagnosticAt(parsed, path, t('overlay.templateBroken', { template: tpl, problem: (e as Error).message })));
    }
  }
  if (!markdown) return;
  const images = new Set<string>();
  for (const p of checkMarkdown(text, images)) {
    out.push({ ...diagnosticAt(parsed, path, p.message, { severity: p.severity, hint: p.hint }) });
  }
  for (const img of images) if (!pack.files.has(img)) out.push(diagnosticAt(parsed, path, t('overlay.imageMissing', { image: img })));
}

function checkTag(parsed: ParsedYaml, folderTag: string, value: unknown, out: Diagnostic[]): void {
  if (typeof value === 'string' && value !== folderTag) out.push(diagnosticAt(parsed, ['language'], t('overlay.languageMismatch', { language: value, folder: folderTag }), { hint: t('overlay.languageMismatchHint', { folder: folderTag }) }));
}

function readPackOverlay(parsed: ParsedYaml, folderTag: string, pack: SourceTexts, overlay: PackOverlay, out: Diagnostic[]): void {
  const r = PackOverlaySchema.safeParse(parsed.value);
  if (!r.success) {
    out.push(...zodDiagnostics(parsed, r.error.issues, [], PackOverlaySchema));
    return;
  }
  checkTag(parsed, folderTag, r.data.language, out);
  if (r.data.pack !== pack.packId) out.push(diagnosticAt(parsed, ['pack'], t('overlay.packMismatch', { pack: r.data.pack, id: pack.packId })));
  if (r.data.title !== undefined) checkText(parsed, ['title'], pack.title, r.data.title, false, pack, out);
  if (r.data.description !== undefined) checkText(parsed, ['description'], pack.description, r.data.description, true, pack, out);
  overlay.title = r.data.title;
  overlay.description = r.data.description;
}

function readLessonOverlay(parsed: ParsedYaml, folderTag: string, lesson: CompiledLesson, pack: SourceTexts, out: Diagnostic[]): LessonOverlay | null {
  const r = LessonOverlaySchema.safeParse(parsed.value);
  if (!r.success) {
    out.push(...zodDiagnostics(parsed, r.error.issues, [], LessonOverlaySchema));
    return null;
  }
  const doc = r.data;
  const errorsBefore = out.filter((d) => d.severity === 'error').length;
  checkTag(parsed, folderTag, doc.language, out);
  if (doc.lesson !== lesson.id) out.push(diagnosticAt(parsed, ['lesson'], t('overlay.lessonMismatch', { lesson: doc.lesson, id: lesson.id, file: lesson.file })));
  const overlay: LessonOverlay = { file: parsed.file, locate: (path) => locate(parsed, path), title: doc.title, summary: doc.summary, recap: doc.recap, steps: new Map(), quizzes: new Map() };
  if (doc.title !== undefined) checkText(parsed, ['title'], lesson.title, doc.title, false, pack, out);
  if (doc.summary !== undefined) checkText(parsed, ['summary'], lesson.summary, doc.summary, false, pack, out);
  if (doc.recap !== undefined) {
    if (lesson.recap === null) out.push(diagnosticAt(parsed, ['recap'], t('overlay.unknownField', { field: 'recap' }), { key: true }));
    else checkText(parsed, ['recap'], lesson.recap, doc.recap, true, pack, out);
  }
  for (const [number, st] of Object.entries(doc.steps ?? {})) {
    const index = Number(number) - 1;
    const step = lesson.steps[index];
    if (!step) {
      out.push(diagnosticAt(parsed, ['steps', number], t('overlay.unknownStep', { step: number, count: lesson.steps.length }), { key: true }));
      continue;
    }
    if (st.title !== undefined) checkText(parsed, ['steps', number, 'title'], step.title, st.title, false, pack, out);
    if (st.text !== undefined) {
      if (step.text.trim() === '') out.push(diagnosticAt(parsed, ['steps', number, 'text'], t('overlay.noSourceText', { step: number }), { key: true }));
      else checkText(parsed, ['steps', number, 'text'], step.text, st.text, true, pack, out);
    }
    overlay.steps.set(index, st);
  }
  const quizzes = new Map(lesson.quizzes.map((q) => [q.id, q]));
  for (const [id, qo] of Object.entries(doc.quizzes ?? {})) {
    const quiz = quizzes.get(id);
    const qp = ['quizzes', id];
    if (!quiz) {
      out.push(diagnosticAt(parsed, qp, t('overlay.unknownQuiz', { quiz: id, quizzes: [...quizzes.keys()].join(', ') || '—' }), { key: true }));
      continue;
    }
    const q = quiz.doc;
    if (qo.prompt !== undefined) checkText(parsed, [...qp, 'prompt'], q.prompt, qo.prompt, true, pack, out);
    if (qo.explanation !== undefined) {
      if (q.explanation === undefined) out.push(diagnosticAt(parsed, [...qp, 'explanation'], t('overlay.unknownField', { field: 'explanation' }), { key: true }));
      else checkText(parsed, [...qp, 'explanation'], q.explanation, qo.explanation, true, pack, out);
    }
    if (qo.hints !== undefined) {
      const source = q.hints ?? [];
      if (qo.hints.length !== source.length) out.push(diagnosticAt(parsed, [...qp, 'hints'], t('overlay.hintCount', { given: qo.hints.length, source: source.length })));
      else qo.hints.forEach((h, i) => checkText(parsed, [...qp, 'hints', i], source[i], h, true, pack, out));
    }
    for (const [key, note] of Object.entries(qo.feedback ?? {})) {
      const source = q.feedback?.[key];
      if (source === undefined) out.push(diagnosticAt(parsed, [...qp, 'feedback', key], t('overlay.unknownAnswerKey', { key, keys: Object.keys(q.feedback ?? {}).join(', ') || '—' }), { key: true }));
      else checkText(parsed, [...qp, 'feedback', key], source, note, true, pack, out);
    }
    if (qo.options !== undefined) {
      if (q.kind !== 'choice') out.push(diagnosticAt(parsed, [...qp, 'options'], t('overlay.optionsNotChoice', { kind: q.kind }), { key: true }));
      else if (q.options !== undefined && q.distractors === undefined) {
        const values = q.options.map(String);
        for (const key of Object.keys(qo.options)) if (!values.includes(key)) out.push(diagnosticAt(parsed, [...qp, 'options', key], t('overlay.unknownOption', { option: key, options: values.join(', ') }), { key: true }));
      }
    }
    overlay.quizzes.set(id, qo);
  }
  return out.filter((d) => d.severity === 'error').length > errorsBefore ? null : overlay;
}

/**
 * Read every translation in a pack's files and check it against the compiled lessons.
 * Translations with errors are kept out of the result (their texts are never shown).
 */
export function loadTranslations(files: ReadonlyMap<string, string | Uint8Array>, pack: { id: string; language: string; title: string; description: string; lessons: readonly CompiledLesson[] }, out: Diagnostic[]): PackTranslations {
  const translations: PackTranslations = new Map();
  const source: SourceTexts = { packId: pack.id, packLanguage: pack.language, title: pack.title, description: pack.description, lessons: pack.lessons, files: new Set(files.keys()) };
  const byFile = new Map(pack.lessons.map((l) => [l.file.slice(l.file.lastIndexOf('/') + 1), l]));
  const folders = new Map<string, string[]>();
  for (const path of [...files.keys()].filter(isTranslationFile).sort()) {
    const rest = path.slice(TRANSLATIONS_FOLDER.length);
    const slash = rest.indexOf('/');
    if (slash < 0) {
      out.push({ file: path, line: 1, col: 1, severity: 'warning', message: t('overlay.strayFile'), hint: t('overlay.layoutHint') });
      continue;
    }
    const tag = rest.slice(0, slash);
    folders.set(tag, [...(folders.get(tag) ?? []), path]);
  }
  for (const [tag, paths] of folders) {
    const first = paths[0];
    let canonical: string | null = null;
    try {
      canonical = Intl.getCanonicalLocales(tag)[0] ?? null;
    } catch {
      canonical = null;
    }
    if (canonical === null || !/^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) {
      out.push({ file: first, line: 1, col: 1, severity: 'error', message: t('overlay.badTag', { tag }), hint: t('overlay.badTagHint') });
      continue;
    }
    if (canonical !== tag) {
      out.push({ file: first, line: 1, col: 1, severity: 'error', message: t('overlay.tagSpelling', { tag, canonical }) });
      continue;
    }
    if (canonicalTag(tag) === canonicalTag(pack.language)) out.push({ file: first, line: 1, col: 1, severity: 'warning', message: t('overlay.sameAsPack', { tag }) });
    const overlay: PackOverlay = { language: tag, lessons: new Map(), files: [] };
    const errorsBefore = out.filter((d) => d.severity === 'error').length;
    for (const path of paths) {
      const inFolder = path.slice(TRANSLATIONS_FOLDER.length + tag.length + 1);
      const isManifest = inFolder === 'pack.yaml';
      const lessonName = inFolder.startsWith('lessons/') ? inFolder.slice('lessons/'.length) : null;
      if (!isManifest && (lessonName === null || lessonName.includes('/') || !/\.ya?ml$/i.test(lessonName))) {
        if (!/^(README|NOTES?)(\.(md|txt))?$/i.test(inFolder)) out.push({ file: path, line: 1, col: 1, severity: 'warning', message: t('overlay.strayFile'), hint: t('overlay.layoutHint') });
        continue;
      }
      const parsed = parseYaml(decoded(files.get(path)!), path);
      out.push(...parsed.diagnostics);
      if (parsed.diagnostics.some((d) => d.severity === 'error')) continue;
      overlay.files.push(path);
      if (isManifest) {
        readPackOverlay(parsed, tag, source, overlay, out);
        continue;
      }
      const lesson = byFile.get(lessonName!);
      if (!lesson) {
        out.push({ file: path, line: 1, col: 1, severity: 'error', message: t('overlay.noSuchLesson', { name: lessonName! }), hint: t('overlay.noSuchLessonHint', { files: [...byFile.keys()].join(', ') || '—' }) });
        continue;
      }
      const lo = readLessonOverlay(parsed, tag, lesson, source, out);
      if (lo) overlay.lessons.set(lesson.id, lo);
    }
    if (out.filter((d) => d.severity === 'error').length === errorsBefore) translations.set(tag, overlay);
  }
  return translations;
}

/** One line per language for `pagewalk validate`: "es: 120 of 130 texts translated (92 %)". */
export function coverageLine(c: TranslationCoverage): string {
  return t('overlay.coverage', { language: c.language, translated: c.translated, total: c.total, percent: c.total === 0 ? 1 : c.translated / c.total });
}

/**
 * The translated prompts and hints filled in for the first `instances` instances of every
 * quiz: a parameter value can make Markdown unsafe only once it is in the text (the same
 * check the source gets in core/lessons/validate.ts). No simulation is needed.
 */
export function checkTranslatedInstances(packId: string, translations: PackTranslations, lessons: readonly CompiledLesson[], instances: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const overlay of translations.values()) {
    for (const lesson of lessons) {
      const lo = overlay.lessons.get(lesson.id);
      if (!lo) continue;
      const shown = translateLesson(lesson, lo).lesson;
      for (const quiz of shown.quizzes) {
        const qo = lo.quizzes.get(quiz.id);
        if (!qo || (qo.prompt === undefined && qo.hints === undefined)) continue;
        const seen = new Set<string>();
        for (let attempt = 0; attempt < Math.min(instances, 20); attempt++) {
          try {
            buildInstance(packId, shown, quiz, attempt);
          } catch (e) {
            if (!(e instanceof InstanceError) || seen.has(e.message)) continue;
            seen.add(e.message);
            const path = ['quizzes', quiz.id, ...(e.path[0] === 'hints' ? e.path : ['prompt'])];
            const pos = lo.locate(path);
            out.push({ file: lo.file, line: pos.line, col: pos.col, severity: 'error', message: t('overlay.instanceProblem', { quiz: quiz.id, problem: e.message, params: JSON.stringify(e.params) }), path });
          }
        }
      }
    }
  }
  return out;
}

/**
 * JSON Schema for editors (docs/translation.schema.json, regenerated with
 * `pagewalk schema translation`): a translation file is either translations/<lang>/pack.yaml
 * or a lesson's translation.
 */
export function translationJsonSchema(): Record<string, unknown> {
  const opts = { io: 'input', unrepresentable: 'any' } as const;
  const strip = (s: Record<string, unknown>) => {
    delete s.$schema;
    return s;
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://pagewalk.invalid/translation.schema.json',
    title: 'Pagewalk pack translation (translations/<lang>/pack.yaml or translations/<lang>/lessons/<lesson file>)',
    oneOf: [{ $ref: '#/$defs/pack' }, { $ref: '#/$defs/lesson' }],
    $defs: { pack: strip(z.toJSONSchema(PackOverlaySchema, opts) as Record<string, unknown>), lesson: strip(z.toJSONSchema(LessonOverlaySchema, opts) as Record<string, unknown>) },
  };
}
