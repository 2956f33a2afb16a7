// Issue 12, findings 1 and 2: two packs with one id, and ids that are names every
// JavaScript object already has. Neither may blank the Library, make a lesson unopenable
// or reach Object.prototype.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type HostInfo } from '../../core/api.ts';
import { loadPack } from '../../core/lessons/load.ts';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { emptyLessonProgress, recordAnswer, sanitizeProgress, skipInstance, withLessonProgress } from '../../core/lessons/progress.ts';
import { PagewalkService, type PackFiles } from '../../core/service.ts';
import { errorsOf, lesson, MANIFEST, packOf, show } from '../fixtures/packs/helpers.ts';

function memoryStorage() {
  const data = new Map<string, string>();
  return { data, read: async (k: string) => (data.has(k) ? JSON.parse(data.get(k)!) : undefined), write: async (k: string, v: unknown) => void data.set(k, JSON.stringify(v)) };
}

function serviceWith(packs: PackFiles[], storage = memoryStorage()) {
  const info: HostInfo = { kind: 'web', version: 'test', canImportPacks: false, canOpenFolders: false, notices: [] };
  return new PagewalkService(storage, { list: async () => packs }, { info: () => info, policy: () => DEFAULT_POLICY, saveFile: async () => true });
}

const QUIZ_LESSON = (quizId = 'q1', lessonId = 'l1', param = 'offset') =>
  lesson(
    `  - title: Start
    run:
      - spawn: { name: A }
      - map: { process: A, addr: 0x1000, frame: 20 }
  - title: Predict
    quiz:
      id: ${quizId}
      kind: address
      params:
        ${param}: { range: [0, 15] }
      prompt: "A reads {{hex 0x1000 + ${param}}}."
      observe:
        what: physical-address
        access: { process: A, addr: "{{hex 0x1000 + ${param}}}" }
`,
    'machine: teaching-16\n',
    lessonId,
  );

describe('two packs with the same id', () => {
  it('lists one, says where the ignored copy is and why, and plays the one kept', async () => {
    const files = packOf({ 'one.yaml': QUIZ_LESSON() });
    const svc = serviceWith([
      { source: 'system', location: '/etc/pagewalk/packs/test.pack', files },
      { source: 'system', location: '/usr/share/pagewalk/packs/test.pack', files },
      { source: 'user', location: '/home/l/.config/Pagewalk/packs/test.pack.pagewalk', files },
    ]);
    const packs = await svc.listPacks();
    expect(packs.map((p) => [p.id, p.source])).toEqual([['test.pack', 'system']]);
    expect(packs[0].problems).toEqual([]);
    expect(packs[0].notices).toHaveLength(2);
    expect(packs[0].notices![0]).toMatch(/Another copy of this pack \(id "test.pack", installed for every user of this computer\) at \/usr\/share\/pagewalk\/packs\/test.pack is ignored/);
    expect(packs[0].notices![0]).toContain('/etc/pagewalk/packs/test.pack');
    expect(packs[0].notices![1]).toMatch(/imported by you\) at .*test.pack.pagewalk is ignored/);
    const view = await svc.openLesson('test.pack', 'l1');
    expect(view.lesson!.title).toBe('Test lesson');
  });

  it('keeps broken packs apart when they have no id, and lists a broken copy as a notice of the good one', async () => {
    const good = packOf({ 'one.yaml': QUIZ_LESSON() });
    const broken = new Map(good);
    broken.set('lessons/one.yaml', 'id: l1\ntitle: [');
    const svc = serviceWith([
      { source: 'built-in', location: 'lessons/test', files: good },
      { source: 'user', location: '/u/test', files: broken },
      { source: 'user', location: '/u/empty-a', files: new Map() },
      { source: 'user', location: '/u/empty-b', files: new Map() },
    ]);
    const packs = await svc.listPacks();
    expect(packs.map((p) => p.id)).toEqual(['test.pack', 'empty-a', 'empty-b']);
    expect(packs[0].notices![0]).toMatch(/at \/u\/test is ignored \(that copy also has errors\)/);
  });
});

describe('ids that every JavaScript object already has', () => {
  it('are refused by the schema, each with a message naming the field', () => {
    const cases: [Map<string, string | Uint8Array>, RegExp][] = [
      [packOf({ 'one.yaml': QUIZ_LESSON('toString') }), /quiz.*"toString" cannot be an id: every JavaScript object already has a property of that name/s],
      [packOf({ 'one.yaml': QUIZ_LESSON('q1', 'constructor') }), /"constructor" cannot be an id/],
      [packOf({ 'one.yaml': QUIZ_LESSON('q1', 'l1', 'valueOf') }), /params.valueOf: "valueOf" cannot be a parameter name/],
      [packOf({ 'one.yaml': QUIZ_LESSON('q1', 'l1', '__proto__') }), /the key "__proto__" cannot be used/],
    ];
    for (const [files, message] of cases) {
      const r = loadPack(files, 'user');
      expect(r.pack, show(r.diagnostics)).toBeNull();
      expect(show(errorsOf(r.diagnostics))).toMatch(message);
    }
    const manifest = new Map<string, string | Uint8Array>([['pack.yaml', MANIFEST(['lessons/one.yaml']).replace('id: test.pack', 'id: constructor')], ['lessons/one.yaml', QUIZ_LESSON()]]);
    expect(show(errorsOf(loadPack(manifest, 'user').diagnostics))).toMatch(/pack.yaml:1:5: error: id: "constructor" cannot be a pack id/);
  });

  it('still work in the engine if a pack has them (an older pack, a progress file): the lesson opens, answers are kept', async () => {
    const loaded = loadPack(packOf({ 'one.yaml': QUIZ_LESSON() }), 'user').pack!;
    // As if the schema had let them through: the data layer must not depend on it.
    for (const quiz of [loaded.lessons[0].steps[1].quiz!, loaded.lessons[0].quizzes[0]]) {
      quiz.id = 'toString';
      quiz.doc = { ...quiz.doc, id: 'toString' };
    }
    const player = new LessonPlayer(loaded, 'l1', undefined);
    player.goTo(1);
    expect(player.view().step.quiz!.id).toBe('toString');
    player.answer({ kind: 'address', text: '0x14000' });
    expect(player.progress().quizzes['toString'].attempts).toBe(1);
    // The progress functions, on records that went through JSON (prototype and all).
    let lp = JSON.parse(JSON.stringify(emptyLessonProgress()));
    for (const id of ['toString', 'constructor', 'valueOf', '__proto__', 'hasOwnProperty']) {
      lp = skipInstance(recordAnswer(lp, id, 0, true, 'now'), id, 1);
      expect(Object.hasOwn(lp.quizzes, id)).toBe(true);
      expect(lp.quizzes[id].nextInstance).toBe(2);
    }
    expect(Object.getPrototypeOf(lp.quizzes)).toBeNull();
    const progress = withLessonProgress(sanitizeProgress(null), '__proto__', 'constructor', lp);
    expect(Object.keys(progress.packs)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  it('stored progress with packs.__proto__ or packs.constructor.keys changes nothing outside the progress', async () => {
    const storage = memoryStorage();
    storage.data.set('progress', '{"version":1,"packs":{"__proto__":{"polluted":{"furthestStep":3}},"constructor":{"keys":{"furthestStep":1}}}}');
    const svc = serviceWith([{ source: 'user', location: 'p', files: packOf({ 'one.yaml': QUIZ_LESSON() }) }], storage);
    const progress = await svc.getProgress();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(typeof Object.keys).toBe('function');
    expect(progress.packs['constructor']['keys'].furthestStep).toBe(1);
    // Opening is not progress; moving a step is, and saves the whole document.
    const view = await svc.openLesson('test.pack', 'l1');
    await svc.goToStep(view.sessionId, 1);
    expect(Object.keys(JSON.parse(storage.data.get('progress')!).packs)).toEqual(['__proto__', 'constructor', 'test.pack']);
  });

  it('keeps nextInstance through a save and a reload (skipped instances never come back)', async () => {
    const storage = memoryStorage();
    const packs: PackFiles[] = [{ source: 'user', location: 'p', files: packOf({ 'one.yaml': QUIZ_LESSON() }) }];
    const svc = serviceWith(packs, storage);
    const view = await svc.openLesson('test.pack', 'l1');
    await svc.goToStep(view.sessionId, 1);
    for (let i = 0; i < 4; i++) await svc.freshQuiz(view.sessionId);
    const again = serviceWith(packs, storage);
    expect((await again.getProgress()).packs['test.pack'].l1.quizzes.q1.nextInstance).toBe(4);
    const reopened = await again.openLesson('test.pack', 'l1');
    expect(reopened.lesson!.step.quiz!.attempt).toBe(4);
  });
});
