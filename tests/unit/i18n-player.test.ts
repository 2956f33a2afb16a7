// The lesson player in the learner's language: generated options, the words learners read
// for answer ids, what the machine did, the state text and the player's own messages, in
// Spanish, German and Chinese — while the values compared and stored stay the ids.
import { afterAll, describe, expect, it } from 'vitest';
import { setLocale } from '../../core/i18n/index.ts';
import { loadPack } from '../../core/lessons/load.ts';
import { LessonPlayer, PlayerError } from '../../core/lessons/player.ts';
import { stateLines, stateText } from '../../core/lessons/state-text.ts';
import type { QuizAnswer, QuizFeedback, QuizView } from '../../core/lessons/types.ts';
import { lesson, packOf, quizStep as q } from '../fixtures/packs/helpers.ts';

const MACHINE = `  - title: Two processes
    run:
      - spawn: { name: A, layout: empty, cpu: 0 }
      - spawn: { name: B, layout: empty, cpu: 0 }
      - map: { process: A, addr: 0x1000, pages: 6, frame: 8 }
      - map: { process: B, addr: 0x1000, frame: 20 }
      - write: { process: A, addr: 0x1010, value: 77 }
`;

const PLAYER = lesson(
  MACHINE +
    q('cause', `kind: choice\ndistractors: 3\nprompt: Why does A's read of 0xa000 fail?\nobserve: { what: fault-cause, access: { process: A, addr: 0xa000 } }`) +
    q('frame', `kind: choice\ndistractors: 2\nprompt: Which frame holds A's 0x1000?\nobserve: { what: frame, access: { process: A, addr: 0x1000 } }`) +
    q('faults', `kind: yesno\nprompt: Does A's read of 0xa000 fault?\nobserve: { what: faults, access: { process: A, addr: 0xa000 } }`) +
    q('tlb', `kind: sequence\nprompt: A, A\nobserve:\n  what: tlb-sequence\n  accesses:\n    - { process: A, addr: 0x2000 }\n    - { process: A, addr: 0x2004 }`) +
    q('order', `kind: order\nprompt: A reads 0x6000 after a flush\nsetup:\n  - tlb-flush: null\nobserve: { what: translation-order, access: { process: A, addr: 0x6000 } }`) +
    q('free', `kind: number\nprompt: free frames?\nobserve: { what: free-frames }`),
);

const FORK = lesson(
  `  - title: fork
    run:
      - spawn: P
      - write: { process: P, addr: 0x2000, value: 1 }
      - fork: { parent: P, child: C }
` + q('copy', `kind: choice\noptions: [cow-copy, cow-reuse, demand-zero]\nprompt: C writes 0x2000\nobserve: { what: fault-resolution, access: { process: C, addr: 0x2000, op: write, value: 3 } }`),
  'machine: teaching-16\nrecap: |\n  - Copy-on-write copies a shared page on the first write.\n',
  'fork',
);

const pack = loadPack(packOf({ 'a.yaml': PLAYER, 'b.yaml': FORK }), 'user').pack!;

function playerAt(lessonId: string, quizId: string): LessonPlayer {
  const l = pack.lessons.find((x) => x.id === lessonId)!;
  const p = new LessonPlayer(pack, lessonId, undefined);
  p.goTo(l.steps.findIndex((s) => s.quiz?.id === quizId));
  return p;
}

function quizAt(locale: string, lessonId: string, quizId: string): { player: LessonPlayer; quiz: QuizView } {
  setLocale(locale);
  const player = playerAt(lessonId, quizId);
  return { player, quiz: player.view().step.quiz! };
}

const labels = (quiz: QuizView) => quiz.options.map((o) => o.label).sort();

/** A wrong answer, then the right one (on a fresh player, as a learner who tries again would see it). */
function wrongThenRight(locale: string, lessonId: string, quizId: string, pick: (quiz: QuizView, right: boolean) => QuizAnswer): [QuizFeedback, QuizFeedback] {
  const { player, quiz } = quizAt(locale, lessonId, quizId);
  const wrong = player.answer(pick(quiz, false));
  const again = quizAt(locale, lessonId, quizId);
  return [wrong, again.player.answer(pick(again.quiz, true))];
}

afterAll(() => void setLocale('en'));

describe('answer ids get a label per language; the compared value stays the id', () => {
  const causes = {
    en: ['none', 'not-present', 'protection', 'user-kernel'],
    es: ['ninguno', 'no presente', 'protección', 'usuario/núcleo'],
    de: ['Benutzer/Kernel', 'Schutzverletzung', 'keine', 'nicht vorhanden'],
    'zh-CN': ['无', '权限保护', '用户态/内核态', '页不存在'],
  } as const;
  for (const [locale, expected] of Object.entries(causes)) {
    it(`${locale}: a fault-cause quiz's generated options, and its feedback`, () => {
      const { quiz } = quizAt(locale, 'l1', 'cause');
      expect(labels(quiz)).toEqual([...expected].sort());
      // The option ids are the same in every language (the shuffle does not depend on it).
      setLocale('en');
      const english = playerAt('l1', 'cause').view().step.quiz!.options;
      expect(quiz.options.map((o) => o.id)).toEqual(english.map((o) => o.id));
      const rightId = english.find((o) => o.label === 'not-present')!.id;
      const wrongId = english.find((o) => o.label === 'protection')!.id;
      const [wrong, right] = wrongThenRight(locale, 'l1', 'cause', (_, ok) => ({ kind: 'choice', option: ok ? rightId : wrongId }));
      expect(wrong.correct).toBe(false);
      expect(right.correct).toBe(true);
      expect(wrong.expected).toBe(quiz.options.find((o) => o.id === rightId)!.label);
      expect(wrong.given).toBe(quiz.options.find((o) => o.id === wrongId)!.label);
    });
  }

  it('fault resolutions and frames read in each language', () => {
    expect(labels(quizAt('es', 'fork', 'copy').quiz)).toEqual(['copia de la página (COW)', 'página a cero bajo demanda', 'reutilización del marco (COW)']);
    expect(labels(quizAt('de', 'fork', 'copy').quiz)).toEqual(['Nullseite bei Bedarf', 'Seite kopiert (COW)', 'Seitenrahmen weiterverwendet (COW)']);
    expect(labels(quizAt('zh-CN', 'fork', 'copy').quiz)).toEqual(['复制该页（写时复制）', '按需分配零页', '沿用原页框（写时复制）']);
    expect(labels(quizAt('es', 'l1', 'frame').quiz).every((l) => /^marco \d+$/.test(l))).toBe(true);
    expect(labels(quizAt('de', 'l1', 'frame').quiz).every((l) => /^Seitenrahmen \d+$/.test(l))).toBe(true);
    expect(labels(quizAt('zh-CN', 'l1', 'frame').quiz).every((l) => /^页框 \d+$/.test(l))).toBe(true);
  });

  it('a language switch after the question was drawn relabels its options at the next view', () => {
    const { player } = quizAt('en', 'fork', 'copy');
    setLocale('de');
    expect(labels(player.view().step.quiz!)).toEqual(['Nullseite bei Bedarf', 'Seite kopiert (COW)', 'Seitenrahmen weiterverwendet (COW)']);
  });

  it('yes/no, hit/miss and translation stages', () => {
    const [no, yes] = wrongThenRight('es', 'l1', 'faults', (_, ok) => ({ kind: 'yesno', value: ok }));
    expect([no.given, no.expected, yes.given, yes.correct]).toEqual(['no', 'sí', 'sí', true]);
    const [miss] = wrongThenRight('de', 'l1', 'tlb', (_, ok) => ({ kind: 'sequence', items: ok ? ['miss', 'hit'] : ['miss', 'miss'] }));
    expect([miss.given, miss.expected]).toEqual(['Fehlschlag, Fehlschlag', 'Fehlschlag, Treffer']);
    expect(quizAt('zh-CN', 'l1', 'tlb').quiz.alphabetLabels).toEqual(['命中', '未命中']);
    const { player, quiz } = quizAt('zh-CN', 'l1', 'order');
    expect(quiz.options.map((o) => o.label).sort()).toEqual(['从物理内存读取数据', '在 TLB 中查找该页', '把这次翻译存入 TLB', '读取第 0 级页表项'].sort());
    const asShown = player.answer({ kind: 'order', items: quiz.options.map((o) => o.id) });
    expect(asShown.correct).toBe(false);
    expect(asShown.expected).toBe('1. 在 TLB 中查找该页; 2. 读取第 0 级页表项; 3. 把这次翻译存入 TLB; 4. 从物理内存读取数据');
    expect(asShown.divergence).toMatch(/^第 1 个阶段是“在 TLB 中查找该页”，而不是“/);
  });
});

describe('what the machine did and the player’s own messages', () => {
  it('the outcome sentence when the author wrote no explanation, in each language', () => {
    const say = (locale: string) => quizAt(locale, 'l1', 'free').player.answer({ kind: 'number', value: 1 }).explanation;
    expect(say('en')).toMatch(/^\d+ of 32 frames are free\.$/);
    expect(say('es')).toMatch(/^\d+ de 32 marcos están libres\.$/);
    expect(say('de')).toMatch(/^\d+ von 32 Seitenrahmen sind frei\.$/);
    expect(say('zh-CN')).toMatch(/^32 个页框中有 \d+ 个空闲。$/);
  });

  it('invalid answers and player errors', () => {
    expect(quizAt('de', 'l1', 'tlb').player.answer({ kind: 'sequence', items: ['hit'] }).invalid).toBe('gib 2 Elemente an (du hast 1)');
    expect(quizAt('es', 'l1', 'tlb').player.answer({ kind: 'number', value: 3 }).invalid).toBe('esta pregunta es de tipo sequence, pero la respuesta era de tipo number');
    setLocale('zh-CN');
    const p = playerAt('l1', 'cause');
    expect(() => p.goTo(99)).toThrow(PlayerError);
    expect(() => p.goTo(99)).toThrow('没有第 99 步：这节课有 7 步（0–6）');
  });

  it('the recap shows on the last step after the question (its text is the pack’s), with the hints count in words', () => {
    setLocale('es');
    const p = playerAt('fork', 'copy');
    expect(p.view().step.recap).toContain('Copy-on-write copies a shared page');
    expect(() => p.hint()).toThrow('esta pregunta no tiene pistas');
  });
});

describe('the state text in each language', () => {
  const snap = () => {
    const p = playerAt('l1', 'cause');
    return stateText(p.run.snapshot());
  };
  const TITLES = {
    en: ['CPUs and TLBs', 'Processes', 'Page tables', 'Physical memory', 'Swap', 'Counters'],
    es: ['CPU y TLB', 'Procesos', 'Tablas de páginas', 'Memoria física', 'Intercambio (swap)', 'Contadores'],
    de: ['CPUs und TLBs', 'Prozesse', 'Seitentabellen', 'Physischer Speicher', 'Auslagerung (Swap)', 'Zähler'],
    'zh-CN': ['CPU 与 TLB', '进程', '页表', '物理内存', '交换区', '计数器'],
  } as const;
  for (const [locale, titles] of Object.entries(TITLES)) {
    it(`${locale}: section titles, the frames paragraph and the counters`, () => {
      setLocale(locale);
      const text = snap();
      expect(text.sections.map((s) => s.title)).toEqual(titles);
      const lines = stateLines(text);
      const memory = text.sections.find((s) => s.id === 'frames')!.blocks[0];
      const counters = text.sections.find((s) => s.id === 'counters')!.blocks[0];
      const said = { memory: memory.kind === 'paragraph' ? memory.text : '', counters: counters.kind === 'paragraph' ? counters.text : '', lines };
      if (locale === 'es') {
        expect(said.memory).toMatch(/^32 marcos de 4 KiB; libres: \d+ \(marcos [\d–, ]+\)\.$/);
        expect(said.counters).toMatch(/^\d+ accesos? · TLB: \d+ aciertos? \/ \d+ fallos? · \d+ fallos? de página · 0 copias en escritura · 0 salidas al intercambio, 0 entradas desde el intercambio$/);
        expect(lines).toContain('Página virtual: 0x1000; Marco: 8; Dirección física: 0x08000; Permisos: rw-; Indicadores: accedida, modificada');
      }
      if (locale === 'de') {
        expect(said.memory).toMatch(/^32 Seitenrahmen zu 4 KiB; \d+ frei \(Seitenrahmen [\d–, ]+\)\.$/);
        expect(lines).toContain('Seitenrahmen: 8; Enthält: anonymer Speicher; Besitzer: A; Abgebildet von: A 0x1000; Geändert: ja');
        expect(lines.some((l) => /^Eintrag: 1; Beginnt bei: 0x1000; Wert: 0x[0-9a-f]+; Zeigt auf: Seite in Seitenrahmen 8;/.test(l))).toBe(true);
      }
      if (locale === 'zh-CN') {
        expect(said.memory).toMatch(/^32 个页框，每个 4 KiB；空闲 \d+ 个（页框 [\d–, ]+）。$/);
        expect(lines).toContain('A（pid 1）');
        expect(lines).toContain('页框: 0; 内容: 内核; 所有者: 内核; 映射者: —; 脏: 否');
      }
      if (locale === 'en') expect(said.memory).toMatch(/^32 frames of 4 KiB; \d+ free \(frames [\d–, ]+\)\.$/);
    });
  }
});
