// Ids come from packs and stored files written by anyone. Whatever names an author or a
// hand-edited progress file uses, including JavaScript's reserved words and the names every
// object inherits (constructor, toString, __proto__ …), loading, playing, saving progress
// and reloading keep working, and nothing leaks into Object.prototype.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type HostInfo } from '../../core/api.ts';
import { loadPack } from '../../core/lessons/load.ts';
import { RESERVED_NAMES } from '../../core/records.ts';
import { PagewalkService, type PackFiles } from '../../core/service.ts';

const PROTOTYPE_NAMES = [...RESERVED_NAMES];
const JS_WORDS = ['class', 'delete', 'new', 'return', 'this', 'function', 'var', 'let', 'yield', 'await', 'enum', 'null', 'true', 'undefined', 'NaN', 'Infinity', 'eval', 'arguments', 'length', 'name', 'then', 'toJSON', 'caller', 'callee', 'Symbol', 'Object', 'keys'];
const NAMES = [...PROTOTYPE_NAMES, ...JS_WORDS];

function memoryStorage() {
  const data = new Map<string, unknown>();
  // JSON, as IndexedDB and the desktop's files both store it.
  return { data, read: async (k: string) => (data.has(k) ? JSON.parse(data.get(k) as string) : undefined), write: async (k: string, v: unknown) => void data.set(k, JSON.stringify(v)) };
}

function serviceOn(storage: ReturnType<typeof memoryStorage>, packs: PackFiles[]) {
  const info: HostInfo = { kind: 'web', version: 'test', canImportPacks: false, canOpenFolders: false, notices: [] };
  return new PagewalkService(storage, { list: async () => packs }, { info: () => info, policy: () => DEFAULT_POLICY, saveFile: async () => true });
}

function packFiles(packId: string, lessonId: string, quizId: string, param: string): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>();
  files.set(
    'pack.yaml',
    `id: ${JSON.stringify(packId)}\ntitle: Names\nversion: 1.0.0\nauthors: [Tester]\nlicense: MIT\nlanguage: en\ndescription: Ids from a hostile list.\nminAppVersion: 0.1.0\nlessons:\n  - lessons/one.yaml\n`,
  );
  files.set(
    'lessons/one.yaml',
    `id: ${JSON.stringify(lessonId)}
title: One
level: beginner
summary: A lesson whose ids are awkward names.
machine: teaching-16
steps:
  - title: Start
    run:
      - spawn: { name: A }
      - map: { process: A, addr: 0x1000, frame: 20 }
  - title: Predict
    quiz:
      id: ${JSON.stringify(quizId)}
      kind: address
      params:
        ${JSON.stringify(param)}: { range: [0, 15] }
      prompt: "A reads {{hex 0x1000 + ${param}}}. Where does it land?"
      observe:
        what: physical-address
        access: { process: A, addr: "{{hex 0x1000 + ${param}}}" }
`,
  );
  return files;
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const before = prototypeKeys();
const objectKeys = Object.keys;

afterEach(() => {
  expect(prototypeKeys()).toEqual(before);
  expect(Object.keys).toBe(objectKeys);
  expect(({} as Record<string, unknown>).keys).toBeUndefined();
});

describe('awkward ids in a pack', () => {
  it('are refused with a clear message when reserved, and otherwise load, play, save and reload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES), fc.constantFrom(...NAMES), fc.constantFrom(...NAMES), async (packName, lessonId, quizId, param) => {
        const packId = packName.toLowerCase();
        const files = packFiles(packId, lessonId, quizId, param);
        const loaded = loadPack(files, 'user');
        const reserved = [packId, lessonId, quizId, param].filter((n) => RESERVED_NAMES.has(n));
        if (!loaded.pack) {
          // Refused: in words, naming the problem, never a crash.
          const errors = loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
          expect(errors.length).toBeGreaterThan(0);
          // A reserved name that fits the id pattern is refused for being reserved (unit tests check each field).
          if (reserved.length) expect(errors.join('\n')).toMatch(/cannot be (an id|a pack id|a parameter name): every JavaScript object already has|the key "__proto__" cannot be used|uses lowercase letters|ids use letters|parameter names use/);
          return;
        }
        expect(reserved).toEqual([]);
        const storage = memoryStorage();
        const svc = serviceOn(storage, [{ source: 'user', location: 'p', files }]);
        const packs = await svc.listPacks();
        expect(packs.map((p) => p.id)).toEqual([packId]);
        const view = await svc.openLesson(packId, lessonId);
        const quizView = (await svc.goToStep(view.sessionId, 1)).lesson!.step.quiz!;
        expect(quizView.id).toBe(quizId);
        const feedback = await svc.answerQuiz(view.sessionId, { kind: 'address', text: '0x0' });
        expect(typeof feedback.correct).toBe('boolean');
        // Reload: a new service over the same storage sees the same progress.
        const again = serviceOn(storage, [{ source: 'user', location: 'p', files }]);
        const progress = await again.getProgress();
        expect(Object.hasOwn(progress.packs, packId)).toBe(true);
        expect(progress.packs[packId][lessonId].quizzes[quizId].attempts).toBe(1);
        expect((await again.openLesson(packId, lessonId)).lesson!.step.index).toBe(1);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});

describe('awkward keys in stored progress', () => {
  it('never pollute Object.prototype or Object, and the app still loads, plays and saves', async () => {
    const files = packFiles('names.ok', 'l1', 'q1', 'offset');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...NAMES, 'names.ok'), fc.constantFrom(...NAMES, 'l1'), fc.constantFrom(...NAMES, 'q1')), { minLength: 1, maxLength: 6 }), async (keys) => {
        // Built as JSON text, the way a hand-edited or hostile file arrives: "__proto__" is then an ordinary key.
        // A key given twice in JSON keeps its last value, so only the last entry of each pack survives.
        const last = new Map(keys.map(([p, l, q]) => [p, [p, l, q] as const]));
        keys = [...last.values()].map(([p, l, q]) => [p, l, q]);
        const packs = keys
          .map(([p, l, q]) => `${JSON.stringify(p)}: {${JSON.stringify(l)}: {"furthestStep": 1, "completed": false, "completedAt": null, "quizzes": {${JSON.stringify(q)}: {"attempts": 2, "correct": 1, "correctInstances": [0], "lastAnswered": null, "nextInstance": 3}}}}`)
          .join(', ');
        const storage = memoryStorage();
        storage.data.set('progress', `{"version": 1, "packs": {"constructor": {"keys": {"furthestStep": 0}}, ${packs}}}`);
        const svc = serviceOn(storage, [{ source: 'user', location: 'p', files }]);
        const progress = await svc.getProgress();
        expect(typeof Object.keys).toBe('function');
        for (const [p, l, q] of keys) expect(progress.packs[p]?.[l] === undefined || typeof progress.packs[p][l] === 'object').toBe(true);
        const view = await svc.openLesson('names.ok', 'l1');
        await svc.goToStep(view.sessionId, 1);
        await svc.answerQuiz(view.sessionId, { kind: 'address', text: '0x14000' });
        const reloaded = await serviceOn(storage, []).getProgress();
        expect(reloaded.packs['names.ok'].l1.quizzes.q1.attempts).toBeGreaterThanOrEqual(1);
        for (const [p, l, q] of keys) if (Object.hasOwn(reloaded.packs, p) && Object.hasOwn(reloaded.packs[p], l)) expect(Object.keys(reloaded.packs[p][l].quizzes), JSON.stringify([p, l, storage.data.get('progress')])).toContain(q);
      }),
      { numRuns: 80 },
    );
  }, 60_000);
});
