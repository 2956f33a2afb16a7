// Pure helpers of the renderer and the browser build: screen addresses, the worker client
// (every API method reaches the worker and comes back, errors arrive as words), bundled
// pack grouping and the in-memory storage fallback.
import { describe, expect, it } from 'vitest';
import { API_METHODS, checkArguments } from '../../core/api.ts';
import { formatRoute, parseRoute, type Route } from '../../renderer/lib/routes.ts';
import { bytes, hexAddr } from '../../renderer/lib/format.ts';
import { createWorkerClient, type Port } from '../../renderer/worker/client.ts';
import type { WorkerRequest, WorkerResponse } from '../../renderer/worker/protocol.ts';
import { dataUrlBytes, groupPacks } from '../../renderer/worker/packs.ts';
import { memoryStorage } from '../../renderer/worker/storage.ts';

describe('routes', () => {
  it('round-trips every screen, including lesson ids that need escaping', () => {
    const routes: Route[] = [
      { screen: 'library' },
      { screen: 'sandbox' },
      { screen: 'progress' },
      { screen: 'author' },
      { screen: 'settings' },
      { screen: 'lesson', packId: 'pagewalk.memory-management', lessonId: 'tlb' },
      { screen: 'lesson', packId: 'my school/os 101', lessonId: 'a#b' },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
  });

  it('sends anything it does not know to the library instead of a blank screen', () => {
    expect(parseRoute('')).toEqual({ screen: 'library' });
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'library' });
    expect(parseRoute('#/lesson/only-a-pack')).toEqual({ screen: 'library' });
    expect(parseRoute('#/lesson/%E0%A4%A/x')).toEqual({ screen: 'lesson', packId: '%E0%A4%A', lessonId: 'x' });
  });
});

describe('format', () => {
  it('pads addresses to the width of the address space', () => {
    expect(hexAddr(0x1000, 16)).toBe('0x1000');
    expect(hexAddr(0x10, 16)).toBe('0x0010');
    expect(hexAddr(0x400000, 48)).toBe('0x000000400000');
    expect(bytes(4096)).toBe('4 KiB');
    expect(bytes(1000)).toBe('1000 B');
  });
});

/** A fake worker: answers each request with `answer`, after the current tick. */
function fakeWorker(answer: (req: WorkerRequest) => WorkerResponse): Port & { sent: WorkerRequest[]; crash(): void } {
  const listeners: { message: ((e: MessageEvent<WorkerResponse>) => void)[]; error: ((e: Event) => void)[] } = { message: [], error: [] };
  const port = {
    sent: [] as WorkerRequest[],
    postMessage(req: WorkerRequest) {
      port.sent.push(req);
      queueMicrotask(() => listeners.message.forEach((l) => l({ data: answer(req) } as MessageEvent<WorkerResponse>)));
    },
    addEventListener(type: 'message' | 'error', l: (e: never) => void) {
      listeners[type].push(l as never);
    },
    crash() {
      listeners.error.forEach((l) => l(new Event('error')));
    },
  };
  return port as Port & { sent: WorkerRequest[]; crash(): void };
}

describe('worker client', () => {
  it('has every API method, each reaching the worker with its arguments', async () => {
    const port = fakeWorker((req) => ({ id: req.id, ok: true, value: { method: req.method, args: req.args } }));
    const api = createWorkerClient(port, async () => true);
    for (const m of API_METHODS) expect(typeof api[m]).toBe('function');
    expect(await api.goToStep('s1', 3)).toEqual({ method: 'goToStep', args: ['s1', 3] });
    expect(await api.listPacks()).toEqual({ method: 'listPacks', args: [] });
    expect(port.sent.map((r) => r.method)).toEqual(['goToStep', 'listPacks']);
  });

  it('matches answers to requests even when they come back out of order', async () => {
    const held: WorkerRequest[] = [];
    const listeners: ((e: MessageEvent<WorkerResponse>) => void)[] = [];
    const port: Port = {
      postMessage: (r) => held.push(r),
      addEventListener: (type: string, l: (e: never) => void) => {
        if (type === 'message') listeners.push(l as never);
      },
    };
    const api = createWorkerClient(port, async () => true);
    const a = api.goToStep('s1', 1);
    const b = api.goToStep('s1', 2);
    for (const r of [...held].reverse()) listeners.forEach((l) => l({ data: { id: r.id, ok: true, value: r.args[1] } } as MessageEvent<WorkerResponse>));
    expect(await a).toBe(1);
    expect(await b).toBe(2);
  });

  it('rejects with the worker\'s own words, and says plainly when the worker died', async () => {
    const port = fakeWorker((req) => ({ id: req.id, ok: false, error: 'no lesson pack with the id "x"' }));
    const api = createWorkerClient(port, async () => true);
    await expect(api.openLesson('x', 'y')).rejects.toThrow('no lesson pack with the id "x"');
    port.crash();
    await expect(api.listPacks()).rejects.toThrow(/stopped unexpectedly.*Reload/);
  });

  it('answers saveFile in the page (a worker cannot offer a download)', async () => {
    const port = fakeWorker((req) => ({ id: req.id, ok: true, value: null }));
    const saved: [string, string][] = [];
    const api = createWorkerClient(port, async (name, content) => {
      saved.push([name, content]);
      return true;
    });
    expect(await api.saveFile('progress.csv', 'a,b')).toBe(true);
    expect(saved).toEqual([['progress.csv', 'a,b']]);
    expect(port.sent).toEqual([]);
  });

  it('sends arguments the worker\'s check accepts', () => {
    expect(checkArguments('goToStep', ['s1', 3])).toBeNull();
    expect(checkArguments('goToStep', ['s1', -1])).toMatch(/bad arguments/);
  });
});

describe('bundled packs', () => {
  it('groups files by the folder holding pack.yaml, with paths relative to it', () => {
    const packs = groupPacks(
      {
        '../../lessons/a/pack.yaml': 'id: a',
        '../../lessons/a/lessons/01.yaml': 'id: one',
        '../../lessons/a/assets/x.png': new Uint8Array([1, 2]),
        '../../lessons/b/pack.yaml': 'id: b',
        '../../lessons/stray.yaml': 'not in a pack',
      },
      '../../lessons/',
    );
    expect(packs.map((p) => p.location)).toEqual(['a', 'b']);
    expect([...packs[0].files.keys()].sort()).toEqual(['assets/x.png', 'lessons/01.yaml', 'pack.yaml']);
    expect(packs.every((p) => p.source === 'built-in')).toBe(true);
  });

  it('decodes inlined images to their bytes', () => {
    expect([...dataUrlBytes('data:image/png;base64,iVBORw0K')]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
  });
});

describe('memory storage', () => {
  it('keeps plain copies, so later changes to the caller\'s object do not leak in', async () => {
    const s = memoryStorage();
    const doc = { version: 1, packs: { p: {} } };
    await s.write('progress', doc);
    doc.packs = { q: {} } as never;
    expect(await s.read('progress')).toEqual({ version: 1, packs: { p: {} } });
    expect(await s.read('settings')).toBeUndefined();
  });
});
