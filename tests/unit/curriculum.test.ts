// The built-in curriculum (lessons/memory-management), checked the way learners meet it:
// the pack validates cleanly; every lesson is played end to end through the LessonPlayer,
// answering each quiz correctly on several random instances until the lesson completes;
// each quiz is answered wrongly once, and the feedback must name the real outcome; and
// the numbers the narrative states (free frames, frame numbers …) are what the simulator
// really does at that step.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLocale } from '../../core/i18n/index.ts';
import { translateLesson } from '../../core/lessons/translations.ts';
import { readPackFolder } from '../../core/cli/lessons.ts';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { runToStep, type CompiledLesson, type LoadedPack } from '../../core/lessons/model.ts';
import { validatePack } from '../../core/lessons/validate.ts';
import type { QuizFeedback, QuizView } from '../../core/lessons/types.ts';
import type { ScenarioRun } from '../../core/scenario/run.ts';
import { answerFor, anyAnswer, wrongAnswerFor } from './curriculum/answers.ts';

const PACK_DIR = fileURLToPath(new URL('../../lessons/memory-management', import.meta.url));
/** Correct answers given per quiz, each on a fresh random instance. */
const INSTANCES_PER_QUIZ = 3;
const NOW = () => '2025-01-01T00:00:00.000Z';

/** The topics of the course, in the order learners meet them. */
const COURSE = [
  'virtual-vs-physical',
  'page-tables',
  'multi-level-page-tables',
  'tlb',
  'asids',
  'page-faults',
  'isolation',
  'process-layout',
  'threads',
  'fork-cow',
  'mmap-files',
  'shared-memory',
  'swapping-replacement',
  'numa',
  'walk-a-dump',
  'working-sets',
];

const read = readPackFolder(PACK_DIR);
const validated = validatePack(read.files, { instances: 50 }, 'built-in');
const pack = validated.pack as LoadedPack;

function lesson(id: string): CompiledLesson {
  const l = pack.lessons.find((x) => x.id === id);
  if (!l) throw new Error(`no lesson ${id}`);
  return l;
}

describe('the built-in pack', () => {
  it('validates with no errors and no warnings, as `pagewalk validate` checks it', () => {
    const problems = [...read.problems, ...validated.diagnostics].map((d) => `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(pack).not.toBeNull();
    expect(pack.manifest.id).toBe('pagewalk.memory-management');
  });

  it('covers the whole course in order, each lesson with 5–12 steps and at least 4 quizzes', () => {
    expect(pack.lessons.map((l) => l.id)).toEqual(COURSE);
    for (const l of pack.lessons) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(5);
      expect(l.steps.length, l.id).toBeLessThanOrEqual(12);
      expect(l.quizzes.length, l.id).toBeGreaterThanOrEqual(4);
      expect(l.steps.every((s) => s.title.trim() && s.text.trim()), `${l.id}: every step has a title and a narrative`).toBe(true);
    }
    const levels = pack.lessons.map((l) => l.level);
    expect(new Set(levels)).toEqual(new Set(['beginner', 'intermediate', 'advanced']));
  });

  it('ends every lesson with a recap of three to six points', () => {
    for (const l of pack.lessons) {
      const points = (l.recap ?? '').split('\n').filter((line) => line.startsWith('- '));
      expect(points.length, `${l.id}: recap points`).toBeGreaterThanOrEqual(3);
      expect(points.length, `${l.id}: recap points`).toBeLessThanOrEqual(6);
    }
  });

  it('prints the memory dump once, in the first step of the exercise, exactly as the machine holds it', () => {
    const dump = lesson('walk-a-dump');
    const printed = new Map<number, number[]>();
    let page = -1;
    for (const line of dump.steps[0].text.split('\n')) {
      const header = line.match(/^page (\d+)$/);
      const row = line.match(/^\s*(\d+)  ((?:[0-9a-f]{2} ?){8})$/);
      if (header) printed.set((page = Number(header[1])), []);
      else if (row && page >= 0) printed.get(page)!.push(...row[2].trim().split(' ').map((b) => parseInt(b, 16)));
    }
    const run = runToStep(dump, 0);
    const held = new Map<number, number[]>();
    for (let pfn = 0; pfn < run.machine.profile.physFrames; pfn++) {
      const bytes = Array.from(run.machine.mem.peekFrame(pfn));
      if (bytes.some((b) => b !== 0)) held.set(pfn, bytes);
    }
    expect(printed).toEqual(held);
    // Later steps remind of the rules and point at the dump instead of repeating it.
    for (const st of dump.steps.slice(1)) expect(st.text.split('\n').length, st.title).toBeLessThan(20);
  });

  it('randomises most quizzes, so "Try another" asks a new question', () => {
    const withParams = pack.lessons.flatMap((l) => l.quizzes).filter((q) => q.params.length > 0);
    expect(withParams.length / pack.lessons.flatMap((l) => l.quizzes).length).toBeGreaterThan(0.75);
  });

  it('uses the machines each topic needs', () => {
    expect(lesson('multi-level-page-tables').profile.levels.length).toBe(4);
    expect(lesson('tlb').scenario.kernel.asid ?? lesson('tlb').profile.tlb.asid).toBe(false);
    expect(lesson('asids').scenario.kernel.asid).toBe(true);
    expect(lesson('mmap-files').scenario.files.map((f) => f.name)).toContain('notes.txt');
    expect(lesson('swapping-replacement').profile.physFrames).toBe(8);
    expect(lesson('numa').profile.numa?.nodes.length).toBe(2);
    const dump = lesson('walk-a-dump');
    expect(dump.profile.id).toBe('tiny-2level');
    expect(dump.scenario.memory?.dump ?? '').toMatch(/page \d+:/);
  });
});

/** What the narrative says at a step, checked against the machine at the end of that step (before any quiz setup). */
const CLAIMS: { lesson: string; step: number; says: string; check: (run: ScenarioRun) => unknown; is: unknown }[] = [
  // 1 Virtual and physical memory
  { lesson: 'virtual-vs-physical', step: 0, says: '32 frames of 4 KiB, frames 0 and 1 hold the kernel', check: (r) => [r.machine.profile.physFrames, 2 ** r.machine.profile.pageBits, framesOfKind(r, 'kernel')], is: [32, 4096, [0, 1]] },
  { lesson: 'virtual-vs-physical', step: 0, says: 'page tables in frames 2, 3 and 4', check: (r) => ['A', 'B', 'C'].map((n) => r.machine.process(r.pidOf(n)).root), is: [2, 3, 4] },
  { lesson: 'virtual-vs-physical', step: 0, says: "so far only the kernel's page at 0xF000 is in each table", check: (r) => ['A', 'B', 'C'].map((n) => validEntries(r, n)), is: [[15], [15], [15]] },
  { lesson: 'virtual-vs-physical', step: 1, says: "A's pages 0x1000, 0x2000, 0x3000 are in frames 20, 9 and 14", check: (r) => pagesOf(r, 'A'), is: { 1: 20, 2: 9, 3: 14 } },
  { lesson: 'virtual-vs-physical', step: 2, says: 'page 1 is in frame 20 for A, 7 for B, 25 for C', check: (r) => ['A', 'B', 'C'].map((n) => pagesOf(r, n)[1]), is: [20, 7, 25] },
  { lesson: 'virtual-vs-physical', step: 5, says: 'A has pages 1, 2 and 3; B and C have page 1 only', check: (r) => ['A', 'B', 'C'].map((n) => Object.keys(pagesOf(r, n)).map(Number)), is: [[1, 2, 3], [1], [1]] },
  // 2 Page tables
  { lesson: 'page-tables', step: 0, says: 'A has 0x2000 in frame 6, 0x5000 in frame 17 (read-only), 0x9000 in frame 11', check: (r) => [pagesOf(r, 'A'), pageOf(r, 'A', 5)?.perms], is: [{ 2: 6, 5: 17, 9: 11 }, 'r--'] },
  { lesson: 'page-tables', step: 1, says: "A's page table is in frame 2", check: (r) => r.machine.process(r.pidOf('A')).root, is: 2 },
  { lesson: 'page-tables', step: 1, says: 'entry bits: frame in 31–12, valid 0, writable 1, user 2, execute 3, accessed 5, dirty 6, COW 9', check: (r) => { const { pfnShift, valid, write, user, exec, accessed, dirty, cow } = r.machine.profile.pte; return [pfnShift, valid, write, user, exec, accessed, dirty, cow]; }, is: [12, 0, 1, 2, 3, 5, 6, 9] },
  { lesson: 'page-tables', step: 4, says: '26 frames are free', check: (r) => r.machine.mem.freeCount(), is: 26 },
  // 3 Multi-level page tables
  { lesson: 'multi-level-page-tables', step: 0, says: '48-bit addresses, four 9-bit indexes, 256 frames, frames 0–3 hold the kernel', check: (r) => [r.machine.profile.vaBits, r.machine.profile.levels, r.machine.profile.physFrames, framesOfKind(r, 'kernel')], is: [48, [9, 9, 9, 9], 256, [0, 1, 2, 3]] },
  { lesson: 'multi-level-page-tables', step: 0, says: "the kernel's page is the first of the upper half: index 256 at level 0", check: (r) => Math.floor((r.machine.profile.layout.kernelBase! % 2 ** 48) / 2 ** 39), is: 256 },
  { lesson: 'multi-level-page-tables', step: 0, says: 'an empty process costs 4 frames of tables; 248 frames are free', check: (r) => [r.machine.process(r.pidOf('A')).tableFrames.size, r.machine.mem.freeCount()], is: [4, 248] },
  { lesson: 'multi-level-page-tables', step: 1, says: '0x400000 has indexes 0, 0, 2, 0', check: () => [39, 30, 21, 12].map((shift) => Math.floor(0x400000 / 2 ** shift) % 512), is: [0, 0, 2, 0] },
  { lesson: 'multi-level-page-tables', step: 2, says: '244 frames are free', check: (r) => r.machine.mem.freeCount(), is: 244 },
  { lesson: 'multi-level-page-tables', step: 4, says: '7 frames of tables', check: (r) => r.machine.process(r.pidOf('A')).tableFrames.size, is: 7 },
  // 4 The TLB
  { lesson: 'tlb', step: 0, says: 'the TLB has 4 entries, least recently used goes', check: (r) => [r.machine.profile.tlb.entries, r.machine.profile.tlb.ways, r.machine.profile.tlb.policy], is: [4, 4, 'lru'] },
  { lesson: 'tlb', step: 0, says: 'pages 0x1000–0x6FFF in frames 8–13', check: (r) => [1, 2, 3, 4, 5, 6].map((v) => r.machine.presentFrame(r.machine.process(r.pidOf('A')), v)), is: [8, 9, 10, 11, 12, 13] },
  { lesson: 'tlb', step: 3, says: "B on CPU 0 with A, C on CPU 1; B's 0x1000 in frame 20, C's in frame 24", check: (r) => [...['A', 'B', 'C'].map((n) => r.machine.thread(r.tidOf(n)).cpu), pagesOf(r, 'B')[1], pagesOf(r, 'C')[1]], is: [0, 0, 1, 20, 24] },
  // 5 ASIDs
  { lesson: 'asids', step: 0, says: 'A has 0x1000–0x3FFF in frames 8–10, B has 0x1000–0x2FFF in frames 20–21, both on CPU 0', check: (r) => [pagesOf(r, 'A'), pagesOf(r, 'B'), r.machine.thread(r.tidOf('A')).cpu, r.machine.thread(r.tidOf('B')).cpu], is: [{ 1: 8, 2: 9, 3: 10 }, { 1: 20, 2: 21 }, 0, 0] },
  // 6 Page faults
  { lesson: 'page-faults', step: 0, says: 'code 0x1000, data 0x2000, heap 0x3000, stack 0xE000; nothing present', check: (r) => [areaStarts(r, 'P'), r.machine.rss(r.pidOf('P'))], is: [{ code: 0x1000, data: 0x2000, heap: 0x3000, stack: 0xe000 }, 0] },
  { lesson: 'page-faults', step: 0, says: 'the stack may grow down to 0xB000', check: (r) => 0xf000 - r.machine.profile.layout.stackMaxPages * 0x1000, is: 0xb000 },
  { lesson: 'page-faults', step: 5, says: 'P has touched two pages, its code page and its first heap page', check: (r) => Object.keys(pagesOf(r, 'P')).map(Number), is: [1, 3] },
  { lesson: 'page-faults', step: 6, says: 'the machine now maps reads to the zero page; P has two pages in memory (the hint)', check: (r) => [r.machine.zeroPage, r.machine.rss(r.pidOf('P')) / r.machine.pageSize], is: [true, 2] },
  // 7 Isolation
  { lesson: 'isolation', step: 1, says: 'B keeps its secret in frame 5 (the quiz prompt)', check: (r) => r.machine.presentFrame(r.machine.process(r.pidOf('B')), 3), is: 5 },
  // 8 Process layout
  { lesson: 'process-layout', step: 3, says: 'the heap now ends at 0x6000', check: (r) => r.snapshot().processes.find((p) => p.name === 'P')!.brk, is: 0x6000 },
  // 9 Threads
  { lesson: 'threads', step: 0, says: "T's stack is at 0x9000–0x9FFF, on CPU 1; P on CPU 0", check: (r) => [r.machine.process(r.pidOf('P')).areas.find((a) => a.name === 'stack:T')?.start, r.machine.thread(r.tidOf('T')).cpu, r.machine.thread(r.tidOf('P')).cpu], is: [0x9000, 1, 0] },
  { lesson: 'threads', step: 4, says: '28 frames are free (the quiz prompt)', check: (r) => r.machine.mem.freeCount(), is: 28 },
  // 10 fork and COW
  { lesson: 'fork-cow', step: 0, says: 'three of its pages are in memory', check: (r) => r.machine.rss(r.pidOf('P')) / r.machine.pageSize, is: 3 },
  { lesson: 'fork-cow', step: 1, says: "C gets P's data and heap entries, not the code's; their frames are mapped twice", check: (r) => [Object.keys(pagesOf(r, 'C')).map(Number), [2, 3].map((v) => frameOf(r, pagesOf(r, 'P')[v])?.refs)], is: [[2, 3], [2, 2]] },
  // 13 Swapping
  { lesson: 'swapping-replacement', step: 6, says: "P's pages 1–5 fill frames 3–7; no frame is free", check: (r) => [r.machine.mem.freeCount(), ...[1, 2, 3, 4, 5].map((v) => r.machine.presentFrame(r.machine.process(r.pidOf('P')), v))], is: [0, 3, 4, 5, 6, 7] },
  { lesson: 'swapping-replacement', step: 7, says: 'the kernel evicted 0x2000 to swap', check: (r) => r.machine.process(r.pidOf('P')).swapped.has(2), is: true },
  // 14 NUMA
  { lesson: 'numa', step: 0, says: 'node 0: CPUs 0, 1, frames 0–127; node 1: CPUs 2, 3, frames 128–255; cost 10 local, 21 remote', check: (r) => [r.machine.profile.numa!.nodes, r.machine.profile.numa!.distance], is: [[{ cpus: [0, 1], frames: 128 }, { cpus: [2, 3], frames: 128 }], [[10, 21], [21, 10]]] },
  { lesson: 'numa', step: 0, says: 'P on CPU 0 (node 0), W on CPU 2 (node 1)', check: (r) => [r.machine.thread(r.tidOf('P')).cpu, r.machine.thread(r.tidOf('W')).cpu, ...[r.machine.thread(r.tidOf('P')).cpu, r.machine.thread(r.tidOf('W')).cpu].map((c) => r.machine.cpus[c].node)], is: [0, 2, 0, 1] },
  // 15 The dump
  { lesson: 'walk-a-dump', step: 0, says: '15-bit addresses, 5+5+5 bits, 128 pages of 32 bytes, one-byte entries, PTBR 108', check: (r) => [r.machine.profile.vaBits, r.machine.profile.levels, r.machine.profile.pageBits, r.machine.profile.physFrames, r.machine.profile.pte.bytes, r.machine.profile.pte.valid, r.snapshot().imageRoot], is: [15, [5, 5], 5, 128, 1, 7, 108] },
  { lesson: 'walk-a-dump', step: 0, says: 'no swap space: nothing here can be swapped', check: (r) => r.snapshot().swap.slots, is: 0 },
  { lesson: 'walk-a-dump', step: 1, says: '0x32ad walks 108[12] = a1 → 33[21] = d8 → page 88: 0xb0d, which holds 6f', check: (r) => { const t = r.machine.translateImage(0x32ad); return [byteAt(r, 108 * 32 + 12), byteAt(r, 33 * 32 + 21), t.pa, t.value]; }, is: [0xa1, 0xd8, 0xb0d, 0x6f] },
];

const frameOf = (r: ScenarioRun, pfn: number | undefined) => r.snapshot().frames.find((f) => f.pfn === pfn);
const framesOfKind = (r: ScenarioRun, kind: string) => r.snapshot().frames.filter((f) => f.kind === kind).map((f) => f.pfn);
const byteAt = (r: ScenarioRun, pa: number) => r.machine.mem.read(pa, 1);
const pageOf = (r: ScenarioRun, name: string, vpn: number) => r.snapshot().processes.find((p) => p.name === name)?.pages.find((pg) => pg.vpn === vpn);
/** A process's present user pages as vpn → frame. */
function pagesOf(r: ScenarioRun, name: string): Record<number, number> {
  const p = r.snapshot().processes.find((x) => x.name === name)!;
  return Object.fromEntries(p.pages.map((pg) => [pg.vpn, pg.pfn]));
}
/** Indexes of the valid entries of a process's (one-level) page table. */
function validEntries(r: ScenarioRun, name: string): number[] {
  const root = r.machine.process(r.pidOf(name)).root;
  return r.snapshot().pageTables.find((t) => t.pfn === root)!.entries.filter((e) => e.valid).map((e) => e.index);
}
function areaStarts(r: ScenarioRun, name: string): Record<string, number> {
  const p = r.snapshot().processes.find((x) => x.name === name)!;
  return Object.fromEntries(p.areas.filter((a) => ['code', 'data', 'heap', 'stack'].includes(a.name)).map((a) => [a.name, a.start]));
}

describe('what the narrative states', () => {
  for (const c of CLAIMS) {
    it(`${c.lesson}, step ${c.step + 1}: ${c.says}`, () => {
      expect(c.check(runToStep(lesson(c.lesson), c.step))).toEqual(c.is);
    });
  }
});

/** The real outcome of the instance `player` shows now, learnt on a throw-away copy of the learner's state. */
function probe(learner: LessonPlayer, lessonId: string, step: number): { view: QuizView; feedback: QuizFeedback } {
  const copy = new LessonPlayer(pack, lessonId, learner.progress(), { now: NOW });
  copy.goTo(step);
  const view = copy.view().step.quiz!;
  return { view, feedback: copy.answer(anyAnswer(view)) };
}

describe.each(COURSE)('lesson %s, played to the end', (lessonId) => {
  it('completes when every quiz is answered right, and explains every wrong answer', () => {
    const l = lesson(lessonId);
    const learner = new LessonPlayer(pack, lessonId, undefined, { now: NOW });
    const lastQuizStep = Math.max(...l.steps.filter((s) => s.quiz).map((s) => s.index));
    for (const step of l.steps) {
      learner.goTo(step.index);
      const view = learner.view();
      expect(view.step.title).toBe(step.title);
      expect(view.step.narrative).not.toMatch(/could not be prepared/);
      if (!step.quiz) {
        expect(view.step.quiz).toBeNull();
        continue;
      }
      for (let n = 0; n < INSTANCES_PER_QUIZ; n++) {
        if (n > 0) learner.freshQuiz();
        const shown = learner.view().step.quiz!;
        expect(shown.prompt).not.toMatch(/\{\{/);
        const first = probe(learner, lessonId, step.index);
        expect(first.view.attempt).toBe(shown.attempt);
        expect(first.feedback.invalid).toBeNull();
        const expected = first.feedback.expected;
        expect(expected, `${step.quiz.id}: the engine names the real outcome`).not.toBe('');

        if (n === 0) {
          // A wrong prediction: the feedback must say what really happened, and where it differs.
          let wrong = first.feedback;
          if (wrong.correct) {
            const other = new LessonPlayer(pack, lessonId, learner.progress(), { now: NOW });
            other.goTo(step.index);
            wrong = other.answer(wrongAnswerFor(other.view().step.quiz!, expected));
          }
          expect(wrong.correct, `${step.quiz.id}: a wrong answer is judged wrong`).toBe(false);
          expect(wrong.expected).toBe(expected);
          expect(wrong.given).not.toBe(expected);
          expect(wrong.divergence, `${step.quiz.id}: says where the prediction went wrong`).toBeTruthy();
          expect(wrong.explanation).not.toMatch(/\{\{|\?\?/);
          expect(wrong.explanation.trim()).not.toBe('');
        }

        if (step.index === lastQuizStep && n === 0) expect(learner.view().complete, 'not complete before the last quiz').toBe(false);
        const feedback = learner.answer(answerFor(shown, expected));
        expect(feedback.invalid).toBeNull();
        expect(feedback.correct, `${step.quiz.id} instance ${shown.attempt}: answering ${expected} is right`).toBe(true);
        expect(feedback.explanation).not.toMatch(/\{\{/);
      }
    }
    expect(learner.view().complete).toBe(true);
    const progress = learner.progress();
    for (const q of l.quizzes) expect(progress.quizzes[q.id]?.correctInstances.length, q.id).toBe(INSTANCES_PER_QUIZ);
  });
});

/*
 * The course in Spanish (translations/es/lessons/, issue 13): every lesson that has a
 * Spanish file is played again with the learner's locale set to Spanish. Each text the
 * learner reads comes from the translation (no "not translated" marker, a step title equal
 * to the Spanish one, a prompt that differs from the English prompt of the same instance),
 * and every quiz is still judged by the simulator: the right answer is right, a wrong one
 * is wrong and explained, and the lesson completes.
 */
const spanish = pack.translations?.get('es');
const SPANISH_LESSONS = COURSE.filter((id) => spanish?.lessons.has(id));

describe.runIf(SPANISH_LESSONS.length > 0).each(SPANISH_LESSONS)('lesson %s in Spanish', (lessonId) => {
  beforeAll(() => void setLocale('es'));
  afterAll(() => void setLocale('en'));

  it('translates every text of the lesson', () => {
    expect([...translateLesson(lesson(lessonId), spanish!.lessons.get(lessonId)).untranslated]).toEqual([]);
  });

  it('shows the Spanish texts, and the simulator still checks every quiz', () => {
    const l = lesson(lessonId);
    const overlay = spanish!.lessons.get(lessonId)!;
    const learner = new LessonPlayer(pack, lessonId, undefined, { now: NOW, locale: 'es' });
    const probeEs = (step: number) => {
      const copy = new LessonPlayer(pack, lessonId, learner.progress(), { now: NOW, locale: 'es' });
      copy.goTo(step);
      const view = copy.view().step.quiz!;
      return { view, feedback: copy.answer(anyAnswer(view)) };
    };
    expect(learner.view().title).toBe(overlay.title);
    for (const step of l.steps) {
      learner.goTo(step.index);
      const view = learner.view();
      expect(view.translation, `step ${step.index + 1}`).toMatchObject({ language: 'es', packLanguage: 'en', untranslated: [] });
      expect(view.step.title).toBe(overlay.steps.get(step.index)?.title);
      expect(view.step.narrative).not.toMatch(/could not be prepared/);
      if (!step.quiz) continue;
      const shown = view.step.quiz!;
      expect(shown.prompt).not.toMatch(/\{\{/);
      // Same instance, same simulation, other words.
      const inEnglish = new LessonPlayer(pack, lessonId, learner.progress(), { now: NOW });
      inEnglish.goTo(step.index);
      expect(inEnglish.view().step.quiz!.attempt).toBe(shown.attempt);
      expect(shown.prompt).not.toBe(inEnglish.view().step.quiz!.prompt);
      if (shown.hints.total > 0) expect(learner.hint().shown[0]).not.toBe(inEnglish.hint().shown[0]);

      const first = probeEs(step.index);
      expect(first.feedback.invalid).toBeNull();
      const expected = first.feedback.expected;
      let wrong = first.feedback;
      if (wrong.correct) {
        const other = new LessonPlayer(pack, lessonId, learner.progress(), { now: NOW, locale: 'es' });
        other.goTo(step.index);
        wrong = other.answer(wrongAnswerFor(other.view().step.quiz!, expected));
      }
      expect(wrong.correct, `${step.quiz.id}: a wrong answer is judged wrong`).toBe(false);
      expect(wrong.explanation.trim()).not.toBe('');
      expect(wrong.explanation).not.toMatch(/\{\{|\?\?/);
      const feedback = learner.answer(answerFor(shown, expected));
      expect(feedback.correct, `${step.quiz.id}: answering ${expected} is right`).toBe(true);
      expect(feedback.explanation).not.toMatch(/\{\{/);
      expect(learner.view().translation!.untranslated).toEqual([]);
    }
    expect(learner.view().complete).toBe(true);
  });
});
