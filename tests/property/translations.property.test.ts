// An empty translation changes nothing: with translations/<lang>/ files that translate no
// text at all, whatever the lesson, the steps visited and the answers given, the learner
// sees exactly what the pack's own language shows (texts, options, feedback, progress),
// and every text the view holds is listed as not translated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../core/lessons/load.ts';
import type { LoadedPack } from '../../core/lessons/model.ts';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { solutionOf, type EvaluatedInstance } from '../../core/lessons/quiz.ts';
import { translationCoverage } from '../../core/lessons/translations.ts';
import type { LessonView } from '../../core/lessons/types.ts';
import { EXAMPLE_PACK, readFolder } from '../fixtures/packs/helpers.ts';

const TAGS = ['es', 'de', 'zh-CN', 'fr-CA'];
const now = () => '2025-01-01T00:00:00.000Z';
const base = loadPack(readFolder(EXAMPLE_PACK), 'user').pack!;

function withEmptyOverlay(tag: string): LoadedPack {
  const files = readFolder(EXAMPLE_PACK);
  files.set(`translations/${tag}/pack.yaml`, `language: ${tag}\npack: ${base.manifest.id}\n`);
  for (const l of base.lessons) files.set(`translations/${tag}/lessons/${l.file.split('/').pop()}`, `language: ${tag}\nlesson: ${l.id}\n`);
  const r = loadPack(files, 'user');
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.pack!;
}

const packs = new Map(TAGS.map((tag) => [tag, withEmptyOverlay(tag)]));
const solve = (p: LessonPlayer) => {
  const ev = (p as unknown as { evaluated: EvaluatedInstance | null }).evaluated;
  return ev ? solutionOf(ev) : null;
};
const withoutTranslation = (v: LessonView) => ({ ...v, translation: null });

describe('an empty translation', () => {
  it('counts no text as translated', () => {
    for (const [tag, pack] of packs) {
      const [c] = translationCoverage(pack.translations!, pack.manifest, pack.lessons);
      expect(c).toMatchObject({ language: tag, translated: 0 });
      expect(c.total).toBeGreaterThan(20);
    }
  });

  it('shows what the pack\u2019s own language shows, with every text marked', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TAGS),
        fc.constantFrom(...base.lessons.map((l) => l.id)),
        fc.array(fc.record({ step: fc.nat(20), answer: fc.boolean() }), { minLength: 1, maxLength: 6 }),
        (tag, lessonId, moves) => {
          const plain = new LessonPlayer(base, lessonId, undefined, { now });
          const shown = new LessonPlayer(packs.get(tag)!, lessonId, undefined, { now, locale: tag });
          for (const move of moves) {
            const k = move.step % plain.stepCount;
            plain.goTo(k);
            shown.goTo(k);
            const solution = solve(plain);
            if (move.answer && solution) expect(shown.answer(solution)).toEqual(plain.answer(solution));
            const a = plain.view();
            const b = shown.view();
            expect(withoutTranslation(b)).toEqual(withoutTranslation(a));
            expect(b.translation!.language).toBe(tag);
            expect(b.translation!.untranslated).toContain('lesson.title');
            expect(b.translation!.untranslated).toContain('step.title');
            if (a.step.narrative.trim()) expect(b.translation!.untranslated).toContain('step.text');
            if (a.step.quiz) expect(b.translation!.untranslated).toContain('quiz.prompt');
          }
          expect(shown.progress()).toEqual(plain.progress());
        },
      ),
      { numRuns: 40 },
    );
  });
});
