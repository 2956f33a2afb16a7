// Pack translations (core/lessons/translations.ts): a small translated pack played in
// Spanish with its untranslated texts marked, the language switched in the middle of a
// lesson, the same pack through a .pagewalk archive, and the validator's checks, each on a
// purpose-made bad overlay that breaks exactly one rule.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type HostInfo } from '../../core/api.ts';
import { formatDiagnostic, type Diagnostic } from '../../core/diag.ts';
import { setLocale } from '../../core/i18n/index.ts';
import { packArchive, unpackArchive } from '../../core/lessons/archive.ts';
import { loadPack } from '../../core/lessons/load.ts';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { solutionOf, type EvaluatedInstance } from '../../core/lessons/quiz.ts';
import { chooseTranslation, coverageLine, templateSet, translationCoverage, translationJsonSchema, type PackTranslations } from '../../core/lessons/translations.ts';
import { validatePack } from '../../core/lessons/validate.ts';
import { PagewalkService } from '../../core/service.ts';
import { readFolder } from '../fixtures/packs/helpers.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/packs/translated', import.meta.url));
const LESSON_ES = 'translations/es/lessons/01-pages.yaml';
const now = () => '2025-02-03T04:05:06.000Z';
const solve = (p: LessonPlayer) => solutionOf((p as unknown as { evaluated: EvaluatedInstance }).evaluated)!;

function files(changes: Record<string, string | null> = {}): Map<string, string | Uint8Array> {
  const f = readFolder(FIXTURE);
  for (const [path, text] of Object.entries(changes)) {
    if (text === null) f.delete(path);
    else f.set(path, text);
  }
  return f;
}

const pack = loadPack(files(), 'user').pack!;
const spanishLesson = new TextDecoder().decode(files().get(LESSON_ES) as Uint8Array);

/** The fixture's Spanish lesson with one replacement made (it must match exactly once). */
function withSpanish(from: string, to: string): Map<string, string | Uint8Array> {
  expect(spanishLesson.split(from)).toHaveLength(2);
  return files({ [LESSON_ES]: spanishLesson.replace(from, to) });
}

function errors(f: Map<string, string | Uint8Array>): Diagnostic[] {
  return loadPack(f, 'user').diagnostics.filter((d) => d.severity === 'error');
}

afterEach(() => {
  setLocale('en');
});

describe('a translated pack, played', () => {
  it('loads cleanly with its Spanish translation', () => {
    const r = loadPack(files(), 'user');
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect([...r.pack!.translations!.keys()]).toEqual(['es']);
  });

  it('chooses the exact tag, then the language, else the pack\u2019s own text', () => {
    const tr: PackTranslations = new Map([
      ['es', { language: 'es', lessons: new Map(), files: [] }],
      ['pt-BR', { language: 'pt-BR', lessons: new Map(), files: [] }],
      ['zh-CN', { language: 'zh-CN', lessons: new Map(), files: [] }],
    ]);
    expect(chooseTranslation(tr, 'es', 'en')?.language).toBe('es');
    expect(chooseTranslation(tr, 'es-MX', 'en')?.language).toBe('es');
    expect(chooseTranslation(tr, 'pt', 'en')?.language).toBe('pt-BR');
    expect(chooseTranslation(tr, 'zh-CN', 'en')?.language).toBe('zh-CN');
    expect(chooseTranslation(tr, 'de', 'en')).toBeNull();
    expect(chooseTranslation(tr, 'en', 'en')).toBeNull();
    expect(chooseTranslation(tr, 'en-XA', 'en')).toBeNull();
    expect(chooseTranslation(tr, 'es', 'es')).toBeNull();
  });

  it('shows the Spanish texts and marks the ones left in English', () => {
    const p = new LessonPlayer(pack, 'pages', undefined, { now, locale: 'es' });
    let v = p.view();
    expect(v.title).toBe('Páginas y marcos');
    expect(v.step.title).toBe('Un proceso');
    expect(v.step.narrative.trim()).toBe('Empezamos un proceso llamado **A**.');
    expect(v.translation).toEqual({ language: 'es', packLanguage: 'en', untranslated: [] });
    p.goTo(1);
    v = p.view();
    expect(v.step.title).toBe('Una lectura');
    expect(v.step.narrative).toContain('This text has no translation');
    expect(v.step.quiz!.prompt).toMatch(/^El proceso A lee `0x[12]000`\. ¿Provoca el acceso un fallo de página\?$/);
    expect(v.translation!.untranslated).toEqual(['step.text']);
    expect(p.hint().shown).toEqual(['Mira qué páginas tiene mapeadas A.']);
    // The answer is still checked by the simulator; the translated note and explanation are shown.
    const right = solve(p);
    const f = p.answer(right);
    expect(f.correct).toBe(true);
    expect(f.explanation).toMatch(/^Qué pasó: /);
    p.goTo(2);
    v = p.view();
    expect(v.step.title).toBe('The frame');
    expect(v.translation!.untranslated).toEqual(['step.title', 'step.text']);
    expect(v.step.quiz!.options.map((o) => o.label).sort()).toEqual(['marco 10', 'marco 8', 'marco 9']);
    const fb = p.answer({ kind: 'choice', option: v.step.quiz!.options.find((o) => o.label === 'marco 9')!.id });
    expect(fb).toMatchObject({ correct: false, given: 'marco 9', expected: 'marco 8' });
    expect(fb.explanation).toBe('Page 1 of A is in frame 8.');
    expect(p.view().translation!.untranslated).toEqual(['step.title', 'step.text', 'quiz.explanation']);
  });

  it('marks an author\u2019s note on an answer only when that note is untranslated', () => {
    const p = new LessonPlayer(pack, 'pages', undefined, { now, locale: 'es' });
    p.goTo(1);
    const right = solve(p) as { kind: 'yesno'; value: boolean };
    // "yes" has a Spanish note, "no" has not.
    const f = p.answer({ kind: 'yesno', value: !right.value });
    expect(f.correct).toBe(false);
    const note = !right.value ? 'Solo falla una página sin mapear.' : 'An unmapped page always faults.';
    expect(f.optionNote).toBe(note);
    expect(p.view().translation!.untranslated.includes('quiz.note')).toBe(right.value);
  });

  it('switches language at once, on the same step and question, with the answer judged again', () => {
    const p = new LessonPlayer(pack, 'pages', undefined, { now, locale: 'es' });
    p.goTo(1);
    const attempt = p.view().step.quiz!.attempt;
    const f = p.answer(solve(p));
    const progress = p.progress();
    p.useLanguage('en');
    const v = p.view();
    expect(v.translation).toBeNull();
    expect(v.step).toMatchObject({ index: 1, title: 'A read' });
    expect(v.step.quiz!.prompt).toMatch(/^Process A reads `0x[12]000`/);
    expect(v.step.quiz!.attempt).toBe(attempt);
    expect(v.step.quiz!.feedback).toMatchObject({ correct: true, expected: f.expected });
    expect(v.step.quiz!.feedback!.explanation).toMatch(/^What happened: /);
    expect(p.progress()).toEqual(progress);
    p.useLanguage('es');
    expect(p.view().step.quiz!.feedback!.explanation).toMatch(/^Qué pasó: /);
  });

  it('reads the same translation from a .pagewalk archive', () => {
    const u = unpackArchive(packArchive(files()));
    expect(u.diagnostics).toEqual([]);
    expect([...u.files.keys()]).toContain(LESSON_ES);
    const r = loadPack(u.files, 'user');
    expect(r.diagnostics).toEqual([]);
    const p = new LessonPlayer(r.pack!, 'pages', undefined, { locale: 'es-ES' });
    expect(p.view().title).toBe('Páginas y marcos');
  });

  it('counts coverage per language: texts translated out of all the pack\u2019s texts', () => {
    expect(translationCoverage(pack.translations!, pack.manifest, pack.lessons)).toEqual([{ language: 'es', translated: 13, total: 18 }]);
    const v = validatePack(files(), { instances: 5 });
    expect(v.coverage).toEqual([{ language: 'es', translated: 13, total: 18 }]);
  });

  it('prints coverage in the author’s language', () => {
    const c = { language: 'es', translated: 13, total: 18 };
    expect(coverageLine(c)).toBe('es: 13 of 18 texts translated (72%)');
    setLocale('es');
    expect(coverageLine(c)).toBe('es: 13 de 18 textos traducidos (72 %)');
    setLocale('de');
    expect(coverageLine(c)).toBe('es: 13 von 18 Texten übersetzt (72 %)');
    setLocale('zh-CN');
    expect(coverageLine(c)).toBe('es：共 18 条文本，已翻译 13 条（72%）');
  });

  it('the service lists the pack in Spanish and switches an open lesson when the locale changes', async () => {
    const data = new Map<string, unknown>();
    const info: HostInfo = { kind: 'web', version: 'test', canImportPacks: false, canOpenFolders: false, notices: [] };
    const svc = new PagewalkService(
      { read: async (k) => data.get(k), write: async (k, v) => void data.set(k, structuredClone(v)) },
      { list: async () => [{ source: 'user', location: 'translated', files: files() }] },
      { info: () => info, policy: () => DEFAULT_POLICY, saveFile: async () => true },
    );
    expect((await svc.listPacks())[0].title).toBe('A translated pack');
    await svc.setLocale('es');
    const listed = (await svc.listPacks())[0];
    expect(listed).toMatchObject({ title: 'Un paquete traducido', lessons: [{ title: 'Páginas y marcos', summary: 'Una página, un marco.' }] });
    const opened = await svc.openLesson('test.translated', 'pages');
    expect(opened.lesson!.step.title).toBe('Un proceso');
    await svc.setLocale('de');
    const again = await svc.currentView(opened.sessionId);
    expect(again.lesson!.step.title).toBe('A process');
    // No German translation: every text is the pack's English, and every one is marked so.
    expect(again.lesson!.translation).toEqual({ language: 'de', packLanguage: 'en', untranslated: ['lesson.title', 'step.title', 'step.text'] });
    await svc.setLocale('en');
    expect((await svc.currentView(opened.sessionId)).lesson!.translation).toBeNull();
  });
});

describe('pagewalk validate on bad translations (each file breaks one rule)', () => {
  const cases: { name: string; files: () => Map<string, string | Uint8Array>; file: string; line: number; message: RegExp }[] = [
    { name: 'an unknown step', files: () => withSpanish('  2:\n    title: Una lectura', '  9:\n    title: Una lectura'), file: LESSON_ES, line: 10, message: /^there is no step 9: the lesson has 3 steps \(numbered from 1\)$/ },
    { name: 'an unknown quiz', files: () => withSpanish('  which-frame:', '  which-page:'), file: LESSON_ES, line: 20, message: /^the lesson has no quiz "which-page" \(its quizzes: fault, which-frame\)$/ },
    { name: 'an unknown field', files: () => withSpanish('    title: Una lectura', '    title: Una lectura\n    narrative: Hola'), file: LESSON_ES, line: 12, message: /^unknown key "narrative" in steps\.2$/ },
    { name: 'an unknown answer key', files: () => withSpanish('"yes": Solo', '"maybe": Solo'), file: LESSON_ES, line: 18, message: /^the source has no feedback for the answer "maybe" \(its answers: yes, no\); answer keys are not translated$/ },
    { name: 'a template missing', files: () => withSpanish('lee `{{hex page}}`', 'lee `{{page}}`'), file: LESSON_ES, line: 14, message: /^the translation must use the same \{\{…\}\} templates as the source text \(missing: \{\{hex page\}\}; not in the source: \{\{page\}\}\)$/ },
    { name: 'unsafe Markdown', files: () => withSpanish('Empezamos un proceso llamado **A**.', 'Empezamos un proceso <img src=x onerror=alert(1)>.'), file: LESSON_ES, line: 8, message: /HTML/i },
    { name: 'a remote image', files: () => withSpanish('Empezamos un proceso llamado **A**.', 'Mira ![A](https://example.com/a.png).'), file: LESSON_ES, line: 8, message: /image/i },
    { name: 'too many hints', files: () => withSpanish('      - Mira qué páginas tiene mapeadas A.', '      - Mira qué páginas tiene mapeadas A.\n      - Otra pista.'), file: LESSON_ES, line: 16, message: /^the source has 1 hint, this translation 2 hints: translate each hint, in the same order$/ },
    { name: 'a language that is not the folder\u2019s', files: () => withSpanish('language: es', 'language: de'), file: LESSON_ES, line: 1, message: /^language "de" does not match the folder "es"$/ },
    { name: 'another lesson id', files: () => withSpanish('lesson: pages', 'lesson: frames'), file: LESSON_ES, line: 2, message: /^this translation is for lesson "frames", but lessons\/01-pages.yaml is lesson "pages"$/ },
    { name: 'an unknown option value', files: () => withSpanish('"10": marco 10', '"11": marco 11'), file: LESSON_ES, line: 25, message: /^the quiz has no option "11" \(its options: 8, 9, 10\); option values are not translated$/ },
    { name: 'another pack id', files: () => files({ 'translations/es/pack.yaml': 'language: es\npack: other.pack\ntitle: Otro\n' }), file: 'translations/es/pack.yaml', line: 2, message: /^this translation is for pack "other.pack", but this pack is "test.translated"$/ },
    { name: 'a folder that is not a language tag', files: () => { const f = files({ [LESSON_ES]: null, 'translations/es/pack.yaml': null }); f.set('translations/spanish!/pack.yaml', 'language: es\npack: test.translated\n'); return f; }, file: 'translations/spanish!/pack.yaml', line: 1, message: /^"spanish!" is not a language tag$/ },
    { name: 'a lesson file the pack does not have', files: () => files({ 'translations/es/lessons/02-tlb.yaml': 'language: es\nlesson: tlb\n' }), file: 'translations/es/lessons/02-tlb.yaml', line: 1, message: /^the pack has no lesson file named "02-tlb.yaml"$/ },
  ];

  it('suggests the field meant for a misspelt one', () => {
    const [d] = errors(withSpanish('    title: Una lectura', '    titel: Una lectura'));
    expect(d).toMatchObject({ file: LESSON_ES, line: 11, message: 'unknown key "titel" in steps.2', hint: 'did you mean "title"?' });
  });

  it('accepts the fixture as it is (so each case below fails for its own reason)', () => {
    expect(errors(files())).toEqual([]);
  });

  for (const c of cases) {
    it(`refuses ${c.name}, with its file and line`, () => {
      const found = errors(c.files());
      expect(found.map(formatDiagnostic)).toHaveLength(1);
      expect(found[0]).toMatchObject({ file: c.file, line: c.line });
      expect(found[0].message).toMatch(c.message);
      // A pack with a broken translation is not playable: its texts would be shown unchecked.
      expect(loadPack(c.files(), 'user').pack).toBeNull();
    });
  }

  it('says it in the learner\u2019s language: German, with FILE:LINE:COL', () => {
    setLocale('de');
    const found = errors(withSpanish('"yes": Solo', '"maybe": Solo')).map(formatDiagnostic);
    expect(found).toEqual([`${LESSON_ES}:18:7: error: der Ausgangstext hat keine Rückmeldung zur Antwort „maybe“ (seine Antworten: yes, no); Antwortschlüssel werden nicht übersetzt`]);
    setLocale('zh-CN');
    expect(errors(withSpanish('language: es', 'language: de')).map(formatDiagnostic)).toEqual([`${LESSON_ES}:1:11: error: 语言“de”与文件夹“es”不一致 (写成 language: es，或把文件移到对应语言的文件夹)`]);
  });

  it('compares templates as a set, whatever the spacing', () => {
    expect(templateSet('a {{hex  page}} b {{x}} {{x}}')).toEqual(['{{hex page}}', '{{x}}']);
    expect(templateSet('no templates')).toEqual([]);
  });
});

describe('for editors and authors', () => {
  const read = (p: string) => readFileSync(fileURLToPath(new URL(`../../${p}`, import.meta.url)), 'utf8');

  it('publishes the translation JSON Schema generated from the zod schemas (regenerate: pagewalk schema translation > docs/translation.schema.json)', () => {
    const committed = JSON.parse(read('docs/translation.schema.json'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(translationJsonSchema())));
    expect(Object.keys(committed.$defs.lesson.properties)).toEqual(['language', 'lesson', 'title', 'summary', 'recap', 'steps', 'quizzes']);
    expect(committed.$defs.lesson.additionalProperties).toBe(false);
  });

  it('explains translating a pack in docs/authoring.md', () => {
    const guide = read('docs/authoring.md');
    expect(guide).toContain('## Translating a pack');
    expect(guide).toContain('translation.schema.json');
  });
});
