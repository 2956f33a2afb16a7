// View patches (core/view-delta.ts): for random sandbox and lesson sessions, the view the page
// rebuilds from the patches is exactly the full view the service would have sent, after every
// call; a lost or crossed patch leads to a full resend, never to a wrong view.
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type HostInfo, type PagewalkApi } from '../../core/api.ts';
import { PagewalkService } from '../../core/service.ts';
import { applyPatch, decodeViews, diff, encodeViews, type WireApi } from '../../core/view-delta.ts';
import { readFolder } from '../fixtures/packs/helpers.ts';

const PACK = readFolder(fileURLToPath(new URL('../../lessons/memory-management', import.meta.url)));

function service(): PagewalkService {
  const data = new Map<string, unknown>();
  const info: HostInfo = { kind: 'web', version: 'test', canImportPacks: false, canOpenFolders: false, notices: [] };
  return new PagewalkService(
    { read: async (k) => data.get(k), write: async (k, v) => void data.set(k, structuredClone(v)) },
    { list: async () => [{ source: 'built-in', location: 'memory-management', files: PACK }] },
    { info: () => info, policy: () => DEFAULT_POLICY, saveFile: async () => true },
  );
}

/** A transport like postMessage/IPC: every answer is a structured clone; `drop` loses the answers it is told to. */
function transport(wire: WireApi, drop: () => boolean = () => false): { api: WireApi; calls: string[] } {
  const calls: string[] = [];
  const api = new Proxy(wire, {
    get(target, name) {
      const fn = Reflect.get(target, name) as (...a: unknown[]) => Promise<unknown>;
      if (typeof fn !== 'function') return fn;
      return async (...args: unknown[]) => {
        calls.push(String(name));
        const value = structuredClone(await fn.apply(target, args));
        // A lost view: the core sent (and remembered) it, the page never saw it and got the one after it.
        if (name === 'sandboxCommand' && drop()) return { ...(value as object), view: structuredClone(await target.currentView(String(args[0]))) };
        return value;
      };
    },
  });
  return { api, calls };
}

/** Deep-freeze a view the page holds: applying later patches must never change it. */
function freeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !ArrayBuffer.isView(x) && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) freeze(v);
  }
  return x;
}

const PROCS = ['A', 'B', 'C'];
const command = fc.oneof(
  fc.constantFrom(...PROCS).map((p) => `spawn ${p}`),
  fc.tuple(fc.constantFrom(...PROCS), fc.integer({ min: 0, max: 0x7fff })).map(([p, a]) => `read ${p} 0x${a.toString(16)}`),
  fc.tuple(fc.constantFrom(...PROCS), fc.integer({ min: 0, max: 0x7fff }), fc.integer({ min: 0, max: 255 })).map(([p, a, v]) => `write ${p} 0x${a.toString(16)} ${v}`),
  fc.tuple(fc.constantFrom(...PROCS), fc.constantFrom(...PROCS)).map(([p, c]) => `fork ${p} ${c}`),
  fc.constantFrom(...PROCS).map((p) => `exit ${p}`),
  fc.tuple(fc.constantFrom(...PROCS), fc.integer({ min: 1, max: 4 })).map(([p, n]) => `mmap ${p} ${n * 4096} rw`),
  fc.constantFrom(...PROCS).map((p) => `brk ${p} +8192`),
  fc.constant('flush'),
  fc.constant('nonsense here'),
);

describe('view patches', () => {
  it('rebuild exactly the full view after every sandbox command or move back and forth (teaching and x86-64 machines)', async () => {
    const move = fc.oneof({ weight: 4, arbitrary: command.map((c) => ({ command: c })) }, { weight: 1, arbitrary: fc.nat(30).map((n) => ({ goTo: n })) });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('teaching-16', 'x86-64', 'numa-2node'), fc.array(move, { minLength: 1, maxLength: 25, size: 'max' }), async (machine, moves) => {
        const svc = service();
        const page: PagewalkApi = decodeViews(transport(encodeViews(svc)).api);
        let view = freeze(await page.openSandbox(machine));
        expect(view).toStrictEqual(await svc.fullView(view.sessionId));
        let steps = 0;
        for (const m of moves) {
          if ('goTo' in m) {
            view = freeze(await page.sandboxGoTo(view.sessionId, m.goTo % (steps + 1)));
            expect(view).toStrictEqual(structuredClone(await svc.fullView(view.sessionId)));
            continue;
          }
          const out = await page.sandboxCommand(view.sessionId, m.command);
          if (!out.error && !out.result?.error) steps++;
          expect(out.view).toStrictEqual(structuredClone(await svc.fullView(view.sessionId)));
          view = freeze(out.view);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('rebuild exactly the full view while moving through a lesson at random (keyframes included)', async () => {
    const svc = service();
    const lessons = (await svc.listPacks())[0].lessons;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...lessons), fc.array(fc.nat(40), { minLength: 1, maxLength: 12 }), async (lesson, moves) => {
        const page = decodeViews(transport(encodeViews(svc)).api);
        let view = freeze(await page.openLesson('pagewalk.memory-management', lesson.id));
        for (const m of moves) {
          view = freeze(await page.goToStep(view.sessionId, m % lesson.stepCount));
          expect(view).toStrictEqual(structuredClone(await svc.fullView(view.sessionId)));
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);

  it('after a lost patch, ask for the whole view and go on with patches', async () => {
    const svc = service();
    let n = 0;
    const t = transport(encodeViews(svc), () => ++n === 3);
    const page = decodeViews(t.api);
    const view = await page.openSandbox('x86-64');
    for (const c of ['spawn A', 'write A 0x1000 1', 'write A 0x2000 2', 'fork A B', 'write B 0x1000 3']) {
      const out = await page.sandboxCommand(view.sessionId, c);
      expect(out.view).toStrictEqual(structuredClone(await svc.fullView(view.sessionId)));
    }
    expect(t.calls.filter((c) => c === 'fullView')).toHaveLength(1);
  });

  it('sends a step as what changed: a small patch, not the machine', async () => {
    const svc = service();
    const wire = encodeViews(svc);
    const first = await wire.openSandbox('x86-64');
    for (const c of ['spawn A', 'spawn B', 'write A 0x1000 1']) await wire.sandboxCommand(first.sessionId, c);
    const out = await wire.sandboxCommand(first.sessionId, 'write B 0x1000 2');
    expect(out.view.wire).toBe('patch');
    const full = JSON.stringify(await svc.fullView(first.sessionId)).length;
    expect(JSON.stringify(out.view).length).toBeLessThan(full / 4);
  });
});

describe('patches of plain data', () => {
  const record = fc.record({ pfn: fc.nat(30), kind: fc.constantFrom('free', 'anon', 'table'), refs: fc.nat(3), note: fc.option(fc.string({ maxLength: 3 })) });
  const list = fc.uniqueArray(record, { selector: (r) => r.pfn, maxLength: 12 });
  const value = fc.record({ frames: list, free: fc.nat(100), log: fc.array(fc.nat(9), { maxLength: 6 }), extra: fc.option(fc.dictionary(fc.string({ maxLength: 2 }), fc.nat(3))) }).map((v) => structuredClone(v));

  it('apply(a, diff(a, b)) equals b, and leaves a unchanged', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const before = structuredClone(a);
        const p = diff(a, b);
        expect(applyPatch(freeze(a), p === null ? null : structuredClone(p))).toStrictEqual(b);
        expect(a).toStrictEqual(before);
        if (p === null) expect(a).toStrictEqual(b);
      }),
      { numRuns: 500 },
    );
  });

  it('keys records by frame number, so a frame inserted in a sparse list costs one record', () => {
    const a = [{ pfn: 1, k: 'x' }, { pfn: 7, k: 'y' }, { pfn: 9, k: 'z' }];
    const b = [{ pfn: 1, k: 'x' }, { pfn: 5, k: 'n' }, { pfn: 7, k: 'y' }, { pfn: 9, k: 'q' }];
    const p = diff(a, b);
    expect(p).toEqual({ t: 'k', k: 'pfn', n: 4, del: [], upd: [[9, { t: 'o', f: { k: { t: 'r', v: 'q' } } }]], add: [[1, { pfn: 5, k: 'n' }]] });
    expect(applyPatch(a, p)).toStrictEqual(b);
  });
});
