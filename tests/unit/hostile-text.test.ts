// Issue 12, finding 6: what the validator passes, the app can open, and the text a
// learner sees is checked after its templates are filled in.
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../core/lessons/load.ts';
import { checkMarkdown, inlineAssets } from '../../core/lessons/markdown.ts';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { validatePack } from '../../core/lessons/validate.ts';
import { errorsOf, lesson, packOf, show } from '../fixtures/packs/helpers.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);

const quizWith = (param: string, prompt: string, explanation = '') =>
  lesson(`  - title: Start
    run:
      - spawn: { name: A, layout: empty }
      - map: { process: A, addr: 0x1000, frame: 20 }
    quiz:
      id: q1
      kind: address
      params:
        v: ${param}
      prompt: ${JSON.stringify(prompt)}
      observe:
        what: physical-address
        access: { process: A, addr: 0x1004 }
${explanation ? `      explanation: ${JSON.stringify(explanation)}\n` : ''}`);

function player(files: Map<string, string | Uint8Array>, attempt = 0) {
  const pack = loadPack(files, 'user').pack!;
  return new LessonPlayer(pack, 'l1', { furthestStep: 0, completed: false, completedAt: null, quizzes: { q1: { attempts: 0, correct: 0, correctInstances: [], lastAnswered: null, nextInstance: attempt } } });
}

describe('validator and app agree', () => {
  it('an asset named assets/%ZZ.png (not valid percent-encoding) is shown, not a crash', () => {
    const files = packOf({ 'one.yaml': lesson('  - title: Picture\n    text: "![a diagram](assets/%ZZ.png)"\n') }, { 'assets/%ZZ.png': PNG });
    expect(errorsOf(validatePack(files, { instances: 2 }).diagnostics)).toEqual([]);
    expect(player(files).view().step.narrative).toMatch(/^!\[a diagram\]\(data:image\/png;base64,/);
    expect(inlineAssets('![x](assets/%E0%A4%A.png)', new Map())).toBe('![x](assets/%E0%A4%A.png)');
  });

  it('a parameter choice of -1e308 is a validation error and a clear message in the app, never "internal error"', () => {
    const files = packOf({ 'one.yaml': quizWith('{ choice: [-1e308] }', 'A reads {{hex 0x1000 + v}}.') });
    const errors = errorsOf(validatePack(files, { instances: 3 }).diagnostics);
    expect(show(errors)).toMatch(/quiz "q1" .*v=-1e\+308.*cannot format -1e\+308 as hex: it is not a whole number/);
    const view = player(files).view();
    expect(view.step.quiz).toBeNull();
    expect(view.step.narrative).toMatch(/This step's question could not be prepared: cannot format -1e\+308 as hex/);
  });

  it('"<!-- --><img …><!-- -->" is raw HTML, not a comment', () => {
    expect(checkMarkdown('<!-- --><img src=x onerror=alert(1)><!-- -->').map((p) => p.message)).toEqual([expect.stringMatching(/raw HTML is not allowed/)]);
    expect(checkMarkdown('<!-- a note for authors -->\n\n<!-- another -->')).toEqual([]);
  });

  it('parameter values are checked after they are filled in: a data: or blob: image in a value is refused', () => {
    for (const bad of ['"![x](data:image/svg+xml;base64,PHN2Zz4=)"', '"![x](blob:https://x/1)"', '"<img src=x>"']) {
      const files = packOf({ 'one.yaml': quizWith(`{ choice: [${bad}] }`, 'Look: {{v}}') });
      const errors = errorsOf(validatePack(files, { instances: 2 }).diagnostics);
      expect(show(errors), bad).toMatch(/quiz "q1".*the prompt, once its parameters are filled in, has a problem: (image|raw HTML)/);
      const view = player(files).view();
      expect(view.step.quiz, bad).toBeNull();
      expect(view.step.narrative).not.toMatch(/!\[x\]\(/); // quoted in the message, never as an image
    }
  });

  it('an explanation that becomes unsafe once filled in is reported, and the app shows a note instead', () => {
    const files = packOf({ 'one.yaml': quizWith('{ choice: ["![x](https://example.com/a.png)"] }', 'Where does A land?', 'See {{v}}') });
    const errors = errorsOf(validatePack(files, { instances: 2 }).diagnostics);
    expect(show(errors)).toMatch(/the explanation, once filled in, has a problem: remote image/);
    const p = player(files);
    const feedback = p.answer({ kind: 'address', text: '0x14004' });
    expect(feedback.explanation).toMatch(/^\(The explanation cannot be shown: once filled in, it has a problem: remote image/);
  });
});
