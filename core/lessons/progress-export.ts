/*
 * Progress as it leaves the app: a self-describing document an instructor can read without
 * the pack at hand, and that another computer can import (readProgressExport).
 *
 *   ProgressExport            format "pagewalk-progress", formatVersion 2
 *     learner, exportedAt, exportedBy
 *     packs[]                 id, title, version
 *       lessons[]             id, title, status, stepsSeen of stepCount, times
 *         quizzes[]           id, the step it is on, the question as shown, attempts,
 *                             right, instances right, hints, mastery, last answered
 *
 * Everything a person reads is counted from 1, as the app shows it: step 1 is the first
 * step, instance 1 the first instance of a quiz. The progress kept inside the app counts
 * from 0 (core/api.ts); the conversion happens here, both ways, and nowhere else. The CSV
 * table (progressTable) has one row per quiz (or per lesson without answers) with the same
 * numbers as the JSON.
 *
 * Files exported before this format (formatVersion 1: `{ exportedAt, version: 1, packs }`,
 * the stored progress as it was) are still read.
 *
 * Languages: the words a person reads (`numbering`, `exportedBy` of an old file, "[image: …]"
 * in the CSV, the errors of readProgressExport) are in the locale in force when the file is
 * made or read. The keys, `status` values ("in progress", "complete"), CSV column ids and
 * timestamps (ISO 8601) are identifiers: the same in every language, so tools and imports
 * never depend on the language a file was exported in.
 */
import type { LessonProgress, Progress, QuizRecord } from '../api.ts';
import { t } from '../i18n/index.ts';
import { dict, own } from '../records.ts';
import { isMastered, sanitizeProgress } from './progress.ts';

export const EXPORT_FORMAT = 'pagewalk-progress';
export const EXPORT_VERSION = 2;

/** What the export needs to know about an installed pack (built from its compiled lessons). */
export interface PackOutline {
  id: string;
  title: string;
  version: string;
  lessons: {
    id: string;
    title: string;
    /** Step titles, in order. */
    steps: string[];
    /** Each quiz with the index (0-based) of its step, its question as written, and its mastery rule. */
    quizzes: { id: string; stepIndex: number; prompt: string; masteryNeeded: number }[];
  }[];
}

export interface ExportedQuiz {
  id: string;
  /** The step the quiz is on (from 1), and that step's title; null when the pack is not installed. */
  step: number | null;
  stepTitle: string | null;
  /** The question as the learner last saw it (parameters filled in), else as written in the pack. */
  question: string | null;
  attempts: number;
  correct: number;
  /** Instances answered right (from 1, as "instance 2" in the app). */
  instancesRight: number[];
  /** The instance the learner will see next (from 1). */
  nextInstance: number;
  masteryNeeded: number | null;
  mastered: boolean | null;
  hintsUsed: number;
  lastAnswered: string | null;
}

export interface ExportedLesson {
  id: string;
  title: string | null;
  status: 'in progress' | 'complete';
  /** Steps seen, from the first to the furthest reached (steps are seen in order). */
  stepsSeen: number;
  stepCount: number | null;
  completedAt: string | null;
  startedAt: string | null;
  lastActiveAt: string | null;
  activeSeconds: number;
  quizzes: ExportedQuiz[];
}

export interface ExportedPack {
  id: string;
  title: string | null;
  version: string | null;
  lessons: ExportedLesson[];
}

export interface ProgressExport {
  format: typeof EXPORT_FORMAT;
  formatVersion: typeof EXPORT_VERSION;
  learner: string;
  exportedAt: string;
  exportedBy: string;
  numbering: string;
  packs: ExportedPack[];
}

/** The note on numbering every export carries, in the language it is exported in. */
const numbering = () => t('screens.export.numbering');

/** The learner's progress described with what the installed packs say about it. */
export function describeProgress(progress: Progress, packs: PackOutline[], about: { learner: string; exportedAt: string; exportedBy: string }): ProgressExport {
  const out: ExportedPack[] = [];
  for (const [packId, lessons] of Object.entries(progress.packs)) {
    const pack = packs.find((p) => p.id === packId);
    const described: ExportedLesson[] = [];
    for (const [lessonId, lp] of Object.entries(lessons)) {
      const lesson = pack?.lessons.find((l) => l.id === lessonId);
      const quizzes: ExportedQuiz[] = [];
      for (const [quizId, q] of Object.entries(lp.quizzes)) {
        const quiz = lesson?.quizzes.find((x) => x.id === quizId);
        quizzes.push({
          id: quizId,
          step: quiz ? quiz.stepIndex + 1 : null,
          stepTitle: quiz && lesson ? (lesson.steps[quiz.stepIndex] ?? null) : null,
          question: q.lastQuestion ?? quiz?.prompt ?? null,
          attempts: q.attempts,
          correct: q.correct,
          instancesRight: q.correctInstances.map((i) => i + 1),
          nextInstance: (q.nextInstance ?? 0) + 1,
          masteryNeeded: quiz?.masteryNeeded ?? null,
          mastered: quiz ? isMastered(q, quiz.masteryNeeded) : null,
          hintsUsed: q.hintsUsed ?? 0,
          lastAnswered: q.lastAnswered,
        });
      }
      // Quizzes in the order the lesson asks them; unknown ones (a pack since changed) last.
      const order = (id: string) => lesson?.quizzes.findIndex((x) => x.id === id) ?? -1;
      quizzes.sort((a, b) => (order(a.id) < 0 ? 1e9 : order(a.id)) - (order(b.id) < 0 ? 1e9 : order(b.id)));
      described.push({
        id: lessonId,
        title: lesson?.title ?? null,
        status: lp.completed ? 'complete' : 'in progress',
        stepsSeen: lp.furthestStep + 1,
        stepCount: lesson ? lesson.steps.length : null,
        completedAt: lp.completed ? lp.completedAt : null,
        startedAt: lp.startedAt ?? null,
        lastActiveAt: lp.lastActiveAt ?? null,
        activeSeconds: lp.activeSeconds ?? 0,
        quizzes,
      });
    }
    const lessonOrder = (id: string) => pack?.lessons.findIndex((l) => l.id === id) ?? -1;
    described.sort((a, b) => (lessonOrder(a.id) < 0 ? 1e9 : lessonOrder(a.id)) - (lessonOrder(b.id) < 0 ? 1e9 : lessonOrder(b.id)));
    out.push({ id: packId, title: pack?.title ?? null, version: pack?.version ?? null, lessons: described });
  }
  return { format: EXPORT_FORMAT, formatVersion: EXPORT_VERSION, learner: about.learner, exportedAt: about.exportedAt, exportedBy: about.exportedBy, numbering: numbering(), packs: out };
}

/** The progress an export carries, back in the app's own numbering (from 0). */
export function progressOfExport(doc: ProgressExport): Progress {
  const packs = dict<Record<string, LessonProgress>>();
  for (const pack of doc.packs) {
    const lessons = own(packs, pack.id) ?? dict<LessonProgress>();
    for (const l of pack.lessons) {
      const quizzes = dict<QuizRecord>();
      for (const q of l.quizzes) {
        quizzes[q.id] = {
          attempts: q.attempts,
          correct: q.correct,
          correctInstances: q.instancesRight.map((i) => i - 1),
          lastAnswered: q.lastAnswered,
          nextInstance: q.nextInstance - 1,
          hintsUsed: q.hintsUsed,
          lastQuestion: q.question,
        };
      }
      lessons[l.id] = {
        furthestStep: l.stepsSeen - 1,
        completed: l.status === 'complete',
        completedAt: l.completedAt,
        quizzes,
        startedAt: l.startedAt,
        lastActiveAt: l.lastActiveAt,
        activeSeconds: l.activeSeconds,
      };
    }
    packs[pack.id] = lessons;
  }
  // Through the same repair as stored progress: whatever the file said, the result is well formed.
  return sanitizeProgress({ version: 1, packs });
}

export class ProgressFileError extends Error {}

/**
 * Read a progress export (this format or the older one). Throws ProgressFileError with a
 * sentence a learner can act on when the text is not one; a file that is one is repaired
 * where damaged, exactly as stored progress is, so an odd value never stops an import.
 */
export function readProgressExport(text: string): ProgressExport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ProgressFileError(/^\s*(learner,pack|pack,lesson),/.test(text) ? t('screens.export.isCsv') : t('screens.export.notJson'));
  }
  if (!isRecord(raw)) throw new ProgressFileError(t('screens.export.notExport'));
  if (own(raw, 'format') === EXPORT_FORMAT) {
    const version = own(raw, 'formatVersion');
    if (typeof version === 'number' && version > EXPORT_VERSION) throw new ProgressFileError(t('screens.export.newer', { found: String(version), known: String(EXPORT_VERSION) }));
    if (version !== EXPORT_VERSION) throw new ProgressFileError(t('screens.export.unknownVersion', { found: JSON.stringify(version) ?? String(version) }));
    return repairExport(raw);
  }
  // The first export format: the stored progress with an exportedAt.
  if (own(raw, 'version') === 1 && isRecord(own(raw, 'packs'))) {
    const exportedAt = own(raw, 'exportedAt');
    return describeProgress(sanitizeProgress(raw), [], { learner: '', exportedAt: typeof exportedAt === 'string' ? exportedAt : '', exportedBy: t('screens.export.earlierPagewalk') });
  }
  throw new ProgressFileError(t('screens.export.noFormat'));
}

const MAX_TEXT = 2000;

/** A format-2 document with every field checked: wrong types become empty values, lists are bounded. */
function repairExport(raw: Record<string, unknown>): ProgressExport {
  const str = (v: unknown, max = MAX_TEXT) => (typeof v === 'string' ? v.slice(0, max) : null);
  const count = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0);
  const from1 = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? v : null);
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const packs: ExportedPack[] = [];
  for (const p of list(own(raw, 'packs'))) {
    if (!isRecord(p) || typeof own(p, 'id') !== 'string') continue;
    const lessons: ExportedLesson[] = [];
    for (const l of list(own(p, 'lessons'))) {
      if (!isRecord(l) || typeof own(l, 'id') !== 'string') continue;
      const quizzes: ExportedQuiz[] = [];
      for (const q of list(own(l, 'quizzes'))) {
        if (!isRecord(q) || typeof own(q, 'id') !== 'string') continue;
        const mastered = own(q, 'mastered');
        quizzes.push({
          id: own(q, 'id') as string,
          step: from1(own(q, 'step')),
          stepTitle: str(own(q, 'stepTitle')),
          question: str(own(q, 'question')),
          attempts: count(own(q, 'attempts')),
          correct: count(own(q, 'correct')),
          instancesRight: list(own(q, 'instancesRight')).filter((i): i is number => from1(i) !== null).slice(0, 100_000),
          nextInstance: from1(own(q, 'nextInstance')) ?? 1,
          masteryNeeded: from1(own(q, 'masteryNeeded')),
          mastered: typeof mastered === 'boolean' ? mastered : null,
          hintsUsed: count(own(q, 'hintsUsed')),
          lastAnswered: str(own(q, 'lastAnswered'), 40),
        });
      }
      lessons.push({
        id: own(l, 'id') as string,
        title: str(own(l, 'title')),
        status: own(l, 'status') === 'complete' ? 'complete' : 'in progress',
        stepsSeen: from1(own(l, 'stepsSeen')) ?? 1,
        stepCount: from1(own(l, 'stepCount')),
        completedAt: str(own(l, 'completedAt'), 40),
        startedAt: str(own(l, 'startedAt'), 40),
        lastActiveAt: str(own(l, 'lastActiveAt'), 40),
        activeSeconds: count(own(l, 'activeSeconds')),
        quizzes,
      });
    }
    packs.push({ id: own(p, 'id') as string, title: str(own(p, 'title')), version: str(own(p, 'version'), 100), lessons });
  }
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_VERSION,
    learner: cleanLearnerName(str(own(raw, 'learner')) ?? ''),
    exportedAt: str(own(raw, 'exportedAt'), 40) ?? '',
    exportedBy: str(own(raw, 'exportedBy'), 200) ?? '',
    numbering: numbering(),
    packs,
  };
}

/** A learner name as kept and printed: one line, no control characters, at most 80 characters. */
export function cleanLearnerName(name: string): string {
  return name
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
}

/** A file name for an export: "pagewalk-progress-ada-lovelace-2026-12-01.csv" (no name: without it). */
export function exportFileName(learner: string, date: string, format: 'json' | 'csv'): string {
  const slug = cleanLearnerName(learner)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `pagewalk-progress-${slug ? `${slug}-` : ''}${date}.${format}`;
}

export const TABLE_COLUMNS = [
  'learner', 'pack', 'pack_title', 'pack_version', 'lesson', 'lesson_title', 'status', 'steps_seen', 'step_count',
  'started_at', 'last_active_at', 'completed_at', 'active_minutes',
  'quiz', 'quiz_step', 'quiz_step_title', 'question', 'attempts', 'correct', 'instances_right', 'mastery_needed', 'mastered', 'hints_used', 'last_answered',
] as const;

/** One export as table rows (TABLE_COLUMNS), one per quiz answered or, without answers, one per lesson. */
export function progressTable(doc: ProgressExport): string[][] {
  const rows: string[][] = [];
  const s = (v: string | number | boolean | null) => (v === null ? '' : String(v));
  for (const p of doc.packs) {
    for (const l of p.lessons) {
      const lesson = [doc.learner, p.id, s(p.title), s(p.version), l.id, s(l.title), l.status, s(l.stepsSeen), s(l.stepCount), s(l.startedAt), s(l.lastActiveAt), s(l.completedAt), s(Math.round(l.activeSeconds / 6) / 10)];
      if (l.quizzes.length === 0) rows.push([...lesson, ...Array<string>(11).fill('')]);
      for (const q of l.quizzes) {
        rows.push([...lesson, q.id, s(q.step), s(q.stepTitle), s(q.question === null ? null : plainQuestion(q.question)), s(q.attempts), s(q.correct), q.instancesRight.join(' '), s(q.masteryNeeded), s(q.mastered), s(q.hintsUsed), s(q.lastAnswered)]);
      }
    }
  }
  return rows;
}

/** A question on one spreadsheet line: Markdown images and emphasis marks dropped, whitespace joined. */
function plainQuestion(md: string): string {
  return md
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, (_, alt: string) => t('screens.export.image', { alt }))
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Rows as CSV (RFC 4180, CRLF), every cell safe to open in a spreadsheet. */
export function toCsv(header: readonly string[], rows: string[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(s: string): string {
  // Quote everything that could break a spreadsheet, and defuse formula injection.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The export as its CSV table. */
export function exportCsv(doc: ProgressExport): string {
  return toCsv(TABLE_COLUMNS, progressTable(doc));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
