// Progress a class can use: merging progress from two computers never loses anything,
// exports describe themselves (names, titles, the question, counted from 1 in CSV and
// JSON alike), an export imports on another computer to the same state, and a lesson is
// "in progress" only once the learner does something in it.
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type HostInfo, type LessonProgress, type Progress, type QuizRecord } from '../../core/api.ts';
import { IDLE_CAP_SECONDS, mergeProgress, recordActivity, sanitizeProgress } from '../../core/lessons/progress.ts';
import { describeProgress, exportCsv, exportFileName, progressOfExport, progressTable, readProgressExport, TABLE_COLUMNS } from '../../core/lessons/progress-export.ts';
import { PagewalkService, type PackFiles } from '../../core/service.ts';
import { readFolder } from '../fixtures/packs/helpers.ts';
import { anyAnswer } from './curriculum/answers.ts';

const quiz = (r: Partial<QuizRecord> = {}): QuizRecord => ({ attempts: 0, correct: 0, correctInstances: [], lastAnswered: null, nextInstance: 0, hintsUsed: 0, lastQuestion: null, ...r });
const lesson = (r: Partial<LessonProgress> = {}): LessonProgress => ({ furthestStep: 0, completed: false, completedAt: null, quizzes: {}, startedAt: null, lastActiveAt: null, activeSeconds: 0, ...r });
const progressOf = (packs: Progress['packs']): Progress => sanitizeProgress({ version: 1, packs });

describe('merging progress', () => {
  it('keeps the most of everything and reports what changed', () => {
    const here = progressOf({
      p: {
        a: lesson({ furthestStep: 4, quizzes: { q: quiz({ attempts: 3, correct: 1, correctInstances: [2], nextInstance: 3, lastAnswered: '2026-12-01T10:00:00Z', lastQuestion: 'here' }) }, startedAt: '2026-11-30T09:00:00Z', lastActiveAt: '2026-12-01T10:00:00Z', activeSeconds: 600 }),
        same: lesson({ furthestStep: 1 }),
      },
    });
    const there = progressOf({
      p: {
        a: lesson({ furthestStep: 2, completed: true, completedAt: '2026-11-29T12:00:00Z', quizzes: { q: quiz({ attempts: 2, correct: 2, correctInstances: [0, 1], nextInstance: 2, hintsUsed: 5, lastAnswered: '2026-12-02T08:00:00Z', lastQuestion: 'there' }), r: quiz({ attempts: 1 }) }, startedAt: '2026-11-28T09:00:00Z', activeSeconds: 100 }),
        same: lesson({ furthestStep: 0 }),
      },
      other: { x: lesson({ furthestStep: 7 }) },
    });
    const { progress, count } = mergeProgress(here, there);
    expect(count).toEqual({ added: 1, updated: 1, unchanged: 1 });
    expect(progress.packs.p.a).toEqual({
      furthestStep: 4,
      completed: true,
      completedAt: '2026-11-29T12:00:00Z',
      quizzes: {
        q: { attempts: 3, correct: 3, correctInstances: [0, 1, 2], nextInstance: 3, hintsUsed: 5, lastAnswered: '2026-12-02T08:00:00Z', lastQuestion: 'there' },
        r: quiz({ attempts: 1, nextInstance: 1 }),
      },
      startedAt: '2026-11-28T09:00:00Z',
      lastActiveAt: '2026-12-01T10:00:00Z',
      activeSeconds: 600,
    });
    expect(progress.packs.p.same.furthestStep).toBe(1);
    expect(progress.packs.other.x.furthestStep).toBe(7);
    // The inputs are untouched.
    expect(here.packs.p.a.completed).toBe(false);
  });

  const time = fc.option(fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }).map((t) => new Date(t).toISOString()), { nil: null });
  const quizArb = fc.record({
    attempts: fc.nat(20),
    correct: fc.nat(20),
    correctInstances: fc.uniqueArray(fc.nat(30), { maxLength: 6 }),
    lastAnswered: time,
    nextInstance: fc.nat(40),
    hintsUsed: fc.nat(9),
    lastQuestion: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
  });
  const lessonArb = fc.record({
    furthestStep: fc.nat(12),
    completed: fc.boolean(),
    completedAt: time,
    quizzes: fc.dictionary(fc.constantFrom('q1', 'q2', 'q3'), quizArb),
    startedAt: time,
    lastActiveAt: time,
    activeSeconds: fc.nat(10_000),
  });
  const progressArb = fc.dictionary(fc.constantFrom('p1', 'p2'), fc.dictionary(fc.constantFrom('l1', 'l2', 'constructor'), lessonArb)).map((packs) => sanitizeProgress({ version: 1, packs }));

  it('never lowers or loses local progress, and merging again changes nothing (property)', () => {
    fc.assert(
      fc.property(progressArb, progressArb, (local, incoming) => {
        const { progress } = mergeProgress(local, incoming);
        for (const [packId, lessons] of Object.entries(local.packs)) {
          for (const [lessonId, mine] of Object.entries(lessons)) {
            const merged = progress.packs[packId][lessonId];
            expect(merged.furthestStep).toBeGreaterThanOrEqual(mine.furthestStep);
            if (mine.completed) expect(merged.completed).toBe(true);
            expect(merged.activeSeconds ?? 0).toBeGreaterThanOrEqual(mine.activeSeconds ?? 0);
            for (const [quizId, q] of Object.entries(mine.quizzes)) {
              const m = merged.quizzes[quizId];
              expect(m.attempts).toBeGreaterThanOrEqual(q.attempts);
              expect(m.correct).toBeGreaterThanOrEqual(q.correct);
              expect(m.hintsUsed ?? 0).toBeGreaterThanOrEqual(q.hintsUsed ?? 0);
              for (const i of q.correctInstances) expect(m.correctInstances).toContain(i);
            }
          }
        }
        const again = mergeProgress(progress, incoming);
        expect(again.count.added + again.count.updated).toBe(0);
        expect(again.progress).toEqual(progress);
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips through an export: the file carries exactly the progress', () => {
    fc.assert(
      fc.property(progressArb, (p) => {
        const doc = describeProgress(p, [], { learner: 'Ada', exportedAt: '2026-12-01T00:00:00Z', exportedBy: 'test' });
        const back = progressOfExport(readProgressExport(JSON.stringify(doc)));
        expect(mergeProgress(p, back).count.updated + mergeProgress(p, back).count.added).toBe(0);
        expect(mergeProgress(back, p).count.updated + mergeProgress(back, p).count.added).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});

describe('time worked in a lesson', () => {
  it('adds the gaps between actions, each up to the idle cap', () => {
    let p = lesson();
    p = recordActivity(p, '2026-12-01T10:00:30Z', '2026-12-01T10:00:00Z');
    expect(p).toMatchObject({ startedAt: '2026-12-01T10:00:30Z', lastActiveAt: '2026-12-01T10:00:30Z', activeSeconds: 30 });
    p = recordActivity(p, '2026-12-01T12:00:00Z', '2026-12-01T10:00:30Z'); // lunch
    expect(p.activeSeconds).toBe(30 + IDLE_CAP_SECONDS);
    expect(p.startedAt).toBe('2026-12-01T10:00:30Z');
  });
});

describe('export files', () => {
  const outline = [
    {
      id: 'pk',
      title: 'Pack',
      version: '1.2.0',
      lessons: [{ id: 'l', title: 'Lesson one', steps: ['Intro', 'Guess'], quizzes: [{ id: 'q', stepIndex: 1, prompt: 'Which frame does **A** use?', masteryNeeded: 2 }] }],
    },
  ];
  const p = progressOf({ pk: { l: lesson({ furthestStep: 1, quizzes: { q: quiz({ attempts: 2, correct: 1, correctInstances: [1], nextInstance: 2 }) } }) } });

  it('names the learner, the pack, the lesson, the step and the question, counted from 1 in both formats', () => {
    const doc = describeProgress(p, outline, { learner: 'Ada Lovelace', exportedAt: '2026-12-01T00:00:00Z', exportedBy: 'Pagewalk 0.1.0' });
    expect(doc.packs[0]).toMatchObject({ id: 'pk', title: 'Pack', version: '1.2.0' });
    expect(doc.packs[0].lessons[0]).toMatchObject({ title: 'Lesson one', stepsSeen: 2, stepCount: 2, status: 'in progress' });
    expect(doc.packs[0].lessons[0].quizzes[0]).toMatchObject({ step: 2, stepTitle: 'Guess', question: 'Which frame does **A** use?', instancesRight: [2], nextInstance: 3, masteryNeeded: 2, mastered: false });
    const [row] = progressTable(doc);
    const cell = (name: (typeof TABLE_COLUMNS)[number]) => row[TABLE_COLUMNS.indexOf(name)];
    expect(cell('learner')).toBe('Ada Lovelace');
    expect(cell('steps_seen')).toBe('2');
    expect(cell('quiz_step')).toBe('2');
    expect(cell('instances_right')).toBe('2');
    expect(cell('question')).toBe('Which frame does A use?');
    expect(exportCsv(doc).split('\r\n')[0]).toBe(TABLE_COLUMNS.join(','));
  });

  it('is named after the learner', () => {
    expect(exportFileName('Ada Lovelace', '2026-12-01', 'csv')).toBe('pagewalk-progress-ada-lovelace-2026-12-01.csv');
    expect(exportFileName('  Zoë  O’Brien ', '2026-12-01', 'json')).toBe('pagewalk-progress-zoe-o-brien-2026-12-01.json');
    expect(exportFileName('', '2026-12-01', 'json')).toBe('pagewalk-progress-2026-12-01.json');
    expect(exportFileName('../../etc', '2026-12-01', 'json')).toBe('pagewalk-progress-etc-2026-12-01.json');
  });

  it('refuses what is not a progress export, in words a learner can act on', () => {
    expect(() => readProgressExport('pack,lesson,quiz\r\n')).toThrow(/CSV export; import the JSON export/);
    expect(() => readProgressExport('{"format":"pagewalk-progress","formatVersion":9}')).toThrow(/newer Pagewalk/);
    expect(() => readProgressExport('{"hello":1}')).toThrow(/not a Pagewalk progress export/);
    expect(() => readProgressExport('[1,2]')).toThrow(/not a Pagewalk progress export/);
  });

  it('reads the first export format (0-based, without titles)', () => {
    const old = JSON.stringify({ exportedAt: '2026-11-01T00:00:00Z', version: 1, packs: { pk: { l: { furthestStep: 3, completed: false, completedAt: null, quizzes: { q: { attempts: 1, correct: 1, correctInstances: [0], lastAnswered: null } } } } } });
    const back = progressOfExport(readProgressExport(old));
    expect(back.packs.pk.l.furthestStep).toBe(3);
    expect(back.packs.pk.l.quizzes.q.correctInstances).toEqual([0]);
  });

  it('repairs a damaged file rather than importing nonsense', () => {
    const doc = readProgressExport(JSON.stringify({ format: 'pagewalk-progress', formatVersion: 2, learner: 'Eve\u202e\n', packs: [{ id: 'pk', lessons: [{ id: 'l', stepsSeen: -4, quizzes: [{ id: 'q', attempts: 'many', instancesRight: [0, 2, 'x'] }] }, 'junk'] }, null] }));
    expect(doc.learner).toBe('Eve');
    const back = progressOfExport(doc);
    expect(back.packs.pk.l.furthestStep).toBe(0);
    expect(back.packs.pk.l.quizzes.q).toMatchObject({ attempts: 1, correct: 1, correctInstances: [1] });
  });
});

describe('progress through the service', () => {
  const root = join(__dirname, '..', '..', 'lessons', 'memory-management');
  const files = readFolder(root);
  function service() {
    const data = new Map<string, unknown>();
    const storage = { data, read: async (k: string) => data.get(k), write: async (k: string, v: unknown) => void data.set(k, structuredClone(v)) };
    const info: HostInfo = { kind: 'web', version: '9.9.9', canImportPacks: false, canOpenFolders: false, notices: [] };
    const packs: PackFiles[] = [{ source: 'built-in', location: root, files }];
    return { svc: new PagewalkService(storage, { list: async () => packs }, { info: () => info, policy: () => DEFAULT_POLICY, saveFile: async () => true }), storage };
  }

  it('opening a lesson is not progress; moving a step is', async () => {
    const { svc } = service();
    const pack = (await svc.listPacks())[0];
    const v = await svc.openLesson(pack.id, pack.lessons[0].id);
    expect((await svc.getProgress()).packs).toEqual({});
    await svc.goToStep(v.sessionId, 1);
    const lp = (await svc.getProgress()).packs[pack.id][pack.lessons[0].id];
    expect(lp.furthestStep).toBe(1);
    expect(lp.startedAt).toEqual(expect.any(String));
  });

  it('exports on one computer, imports on another to the same progress, and never lowers newer local progress', async () => {
    const a = service();
    await a.svc.setSettings({ learnerName: 'Ada  Lovelace\n' });
    const pack = (await a.svc.listPacks())[0];
    const lessonId = pack.lessons[0].id;
    let v = await a.svc.openLesson(pack.id, lessonId);
    while (!v.lesson!.step.quiz) v = await a.svc.goToStep(v.sessionId, v.lesson!.step.index + 1);
    const shown = v.lesson!.step.quiz!;
    await a.svc.answerQuiz(v.sessionId, anyAnswer(shown));
    const json = await a.svc.exportProgress('json');
    const doc = JSON.parse(json);
    expect(doc).toMatchObject({ format: 'pagewalk-progress', learner: 'Ada Lovelace', exportedBy: 'Pagewalk 9.9.9' });
    const exportedQuiz = doc.packs[0].lessons[0].quizzes[0];
    expect(exportedQuiz).toMatchObject({ id: shown.id, step: v.lesson!.step.index + 1, attempts: 1 });
    // The question as the learner saw it (parameters filled in), before any image was inlined.
    expect(exportedQuiz.question).toBe((await a.svc.getProgress()).packs[pack.id][lessonId].quizzes[shown.id].lastQuestion);
    expect(exportedQuiz.question.length).toBeGreaterThan(10);
    const csv = await a.svc.exportProgress('csv');
    expect(csv.split('\r\n')[1]).toContain(`Ada Lovelace,${pack.id},`);

    // A fresh computer: same state after import.
    const b = service();
    const report = await b.svc.importProgress(json);
    expect(report).toMatchObject({ learner: 'Ada Lovelace', added: 1, updated: 0, unchanged: 0, unknownPacks: [] });
    expect(await b.svc.getProgress()).toEqual(await a.svc.getProgress());
    expect(await b.svc.importProgress(json)).toMatchObject({ added: 0, updated: 0, unchanged: 1 });

    // The second computer moves on; importing the older file again lowers nothing.
    let w = await b.svc.openLesson(pack.id, lessonId);
    w = await b.svc.goToStep(w.sessionId, pack.lessons[0].stepCount - 1);
    const newer = structuredClone(await b.svc.getProgress());
    await b.svc.importProgress(json);
    expect(await b.svc.getProgress()).toEqual(newer);
    await expect(b.svc.importProgress(csv)).rejects.toThrow(/CSV export/);
  });
});
