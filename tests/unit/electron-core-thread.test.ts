// The desktop app runs the core in a worker thread owned by the main process
// (electron/main/core-host.ts, core-thread.ts): calls and the thread's hooks (storage,
// packs, dialogs) cross over, and a watchdog ends a runaway step, tells the learner, and
// starts a fresh thread, while main's event loop keeps running throughout. Real threads,
// started from the TypeScript sources through tsx.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Progress, type Settings } from '../../core/api.ts';
import { ServiceError, type PackFiles } from '../../core/service.ts';
import { startCoreHost, type CoreHost, type CoreThread } from '../../electron/main/core-host.ts';
import type { DesktopHost } from '../../electron/main/host.ts';
import { lesson, packOf } from '../fixtures/packs/helpers.ts';
import { decodeViews } from '../../core/view-delta.ts';

const ROOT = join(__dirname, '..', '..');

function spawnFrom(entry: string): () => CoreThread {
  return () => new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true, workerData: { policy: { ...DEFAULT_POLICY } } });
}

const STEPS = `  - title: One
    run:
      - spawn: { name: A }
  - title: Two
    run:
      - map: { process: A, addr: 0x1000, frame: 20 }
`;

function fakeHost(importDelayMs = 0) {
  const stored = new Map<string, unknown>();
  const files = packOf({ 'a.yaml': lesson(STEPS, 'machine: teaching-16\n', 'runaway'), 'b.yaml': lesson(STEPS, 'machine: teaching-16\n', 'calm') });
  const packs: PackFiles[] = [{ source: 'user', location: '/u/test.pack', files }];
  const host: DesktopHost = {
    storage: { read: async (k) => stored.get(k), write: async (k, v) => void stored.set(k, v) },
    packs: { list: async () => packs },
    hooks: {
      info: () => ({ kind: 'electron', version: 'test', canImportPacks: true, canOpenFolders: true, notices: ['from main'] }),
      policy: () => DEFAULT_POLICY,
      importPack: async () => {
        await new Promise((r) => setTimeout(r, importDelayMs)); // the learner takes their time in the dialog
        return { location: null, problems: ['cancelled'] };
      },
      saveFile: async () => true,
    },
  };
  return { host, stored };
}

let core: CoreHost | null = null;
afterEach(async () => {
  await core?.stop();
  core = null;
});

describe('the core in a worker thread of the main process', () => {
  it('answers the page, reads packs and saves progress through main', async () => {
    const { host, stored } = fakeHost();
    core = startCoreHost({ spawn: spawnFrom(join(ROOT, 'electron/main/core-thread-main.ts')), host, isRefusal: () => false, log: () => {} });
    expect((await core.host()).notices).toEqual(['from main']);
    expect((await core.listPacks()).map((p) => p.id)).toEqual(['test.pack']);
    const view = await core.openLesson('test.pack', 'calm');
    await core.goToStep(view.sessionId, 1);
    expect((stored.get('progress') as Progress).packs['test.pack'].calm.furthestStep).toBe(1);
    await core.setSettings({ fontSize: 20 });
    expect((stored.get('settings') as Settings).fontSize).toBe(20);
    await expect(core.openLesson('test.pack', 'nope')).rejects.toThrow(ServiceError);
  }, 30_000);

  it('ends a runaway step with the watchdog, says so, keeps main responsive, and starts afresh', async () => {
    const { host, stored } = fakeHost();
    const logged: string[] = [];
    core = startCoreHost({ spawn: spawnFrom(join(ROOT, 'tests/fixtures/threads/spinning-core-thread.ts')), host, isRefusal: () => false, watchdogMs: 1500, log: (m) => logged.push(m) });
    const view = await core.openLesson('test.pack', 'runaway');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 100);
    const started = Date.now();
    const error = await core.goToStep(view.sessionId, 1).then(
      () => null,
      (e: Error) => e,
    );
    clearInterval(ticker);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error!.message).toMatch(/This step was stopped: the simulator worked on it for more than 2 seconds/);
    expect(Date.now() - started).toBeLessThan(6000);
    expect(ticks).toBeGreaterThan(8); // main's event loop ran while the thread spun
    expect(logged.join('\n')).toMatch(/did not answer for 1500 ms/);
    // The stopped step recorded nothing (and opening a lesson is not progress); the old
    // session is gone; a fresh thread answers at once.
    expect((stored.get('progress') as Progress | undefined)?.packs['test.pack']?.runaway).toBeUndefined();
    await expect(core.goToStep(view.sessionId, 0)).rejects.toThrow(/this session has ended/);
    const calm = await core.openLesson('test.pack', 'calm');
    // The page decodes the thread's view patches (core/view-delta.ts).
    expect((await decodeViews(core).goToStep(calm.sessionId, 1)).lesson!.step.index).toBe(1);
  }, 30_000);

  it('does not count time spent in a dialog of main as the thread being stuck', async () => {
    const { host } = fakeHost(2500);
    core = startCoreHost({ spawn: spawnFrom(join(ROOT, 'electron/main/core-thread-main.ts')), host, isRefusal: () => false, watchdogMs: 1000, log: () => {} });
    await core.listPacks();
    expect(await core.importPack(null)).toEqual({ imported: null, problems: ['cancelled'] });
  }, 30_000);
});
