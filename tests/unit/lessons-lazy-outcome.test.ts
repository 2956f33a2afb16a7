/*
 * The outcome sentence of an access observation ({{outcome}}, "A reads 0x1000: the TLB
 * missed; …") is made on first read, not when the access is measured: read late — after the
 * language changed, the observed machine ran on and its memory was lent to another copy —
 * it is still the sentence that making it at once would have given, in the language of
 * that moment. Spreading the facts and JSON read it like any other value.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { getLocale, setLocale } from '../../core/i18n/index.ts';
import { cloneRun } from '../../core/lessons/clone.ts';
import { accessSentence } from '../../core/lessons/feedback.ts';
import { loadPack } from '../../core/lessons/load.ts';
import { runToStep } from '../../core/lessons/model.ts';
import { nameOfPid } from '../../core/lessons/observe.ts';
import { buildInstance, evaluateInstance } from '../../core/lessons/quiz.ts';
import { benchmarkPack } from '../fixtures/packs/generate.ts';
import { instanceOrNull, quizSteps, readFolder } from '../fixtures/packs/helpers.ts';

const BUILT_IN = readFolder(fileURLToPath(new URL('../../lessons/memory-management', import.meta.url)));

afterAll(() => void setLocale('en'));

describe('the outcome sentence of an access, made on first read', () => {
  for (const [name, files, locale] of [
    ['the built-in course, in English', BUILT_IN, 'en'],
    ['the built-in course, in German', BUILT_IN, 'de'],
    ['the benchmark lessons, in Spanish', benchmarkPack(10), 'es'],
  ] as const) {
    it(`${name}: reads as the sentence made at once`, () => {
      setLocale(locale);
      const { pack } = loadPack(files, 'preview');
      let compared = 0;
      for (const { lesson, step, quiz } of quizSteps(pack!)) {
        const base = runToStep(lesson, step.index);
        for (let attempt = 0; attempt < 3; attempt++) {
          const inst = instanceOrNull(pack!.manifest.id, lesson, quiz, attempt);
          if (!inst) continue;
          const ev = evaluateInstance(cloneRun(base), inst, false);
          const last = [...ev.outcome.results].reverse().find((r) => r.access && !r.translate);
          if (!last || ev.outcome.answer === null) continue;
          // Made at once, as measuring the access used to: the last access's sentence.
          const eager = accessSentence(last.access!.pid >= 0 ? nameOfPid(ev.observed, last.access!.pid) : '', last.access!, last.events).replace(/\.$/, '');
          // Read late: another language, the machine run on, its memory lent to a new copy and overwritten.
          setLocale(locale === 'en' ? 'zh-CN' : 'en');
          for (const s of lesson.scenario.steps) ev.observed.apply(s);
          const spare = cloneRun(base, ev.observed);
          spare.runAll();
          expect(ev.outcome.facts.outcome, `${lesson.id} ${quiz.id} ${attempt}`).toBe(eager);
          expect({ ...ev.outcome.facts }.outcome).toBe(eager);
          expect(JSON.parse(JSON.stringify(ev.outcome.facts)).outcome).toBe(eager);
          setLocale(locale);
          compared++;
        }
      }
      expect(getLocale()).toBe(locale);
      expect(compared).toBeGreaterThan(30);
    });
  }

  it('can be replaced, and counts as a fact before it is read', () => {
    const { pack } = loadPack(benchmarkPack(1), 'preview');
    const lesson = pack!.lessons[0];
    const ev = evaluateInstance(cloneRun(runToStep(lesson, 0)), buildInstance(pack!.manifest.id, lesson, lesson.steps[0].quiz!, 0), false);
    const facts = ev.outcome.facts;
    expect('outcome' in facts).toBe(true);
    expect(Object.keys(facts)).toContain('outcome');
    facts.outcome = 'replaced';
    expect(facts.outcome).toBe('replaced');
    expect({ ...facts }.outcome).toBe('replaced');
  });
});
