// The browser build's watchdog (renderer/worker/client.ts): a worker busy on calls that
// answers none for watchdogMs is ended, its calls fail in words, and the next call gets
// a fresh worker. Start-up (before the worker says hello) does not count.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkerClient, type Port } from '../../renderer/worker/client.ts';
import type { WorkerMessage, WorkerRequest } from '../../renderer/worker/protocol.ts';

interface FakeWorker extends Port {
  sent: WorkerRequest[];
  terminated: boolean;
  say(m: WorkerMessage): void;
}

function fakeWorker(answer: (r: WorkerRequest) => WorkerMessage | null): FakeWorker {
  const listeners: ((e: MessageEvent<WorkerMessage>) => void)[] = [];
  const w: FakeWorker = {
    sent: [],
    terminated: false,
    postMessage(r) {
      w.sent.push(r);
      const a = answer(r);
      if (a) queueMicrotask(() => w.say(a));
    },
    addEventListener(type: string, l: (e: never) => void) {
      if (type === 'message') listeners.push(l as never);
    },
    terminate() {
      w.terminated = true;
    },
    say(m) {
      for (const l of listeners) l({ data: m } as MessageEvent<WorkerMessage>);
    },
  };
  return w;
}

afterEach(() => vi.useRealTimers());

describe('the web worker watchdog', () => {
  it('ends a worker stuck on a step, tells the learner, and answers the next call from a fresh worker', async () => {
    vi.useFakeTimers();
    const workers: FakeWorker[] = [];
    const api = createWorkerClient(
      () => {
        // The first worker never answers goToStep (a runaway step); later ones answer everything.
        const first = workers.length === 0;
        const w = fakeWorker((r) => (first && r.method === 'goToStep' ? null : { id: r.id, ok: true, value: `${r.method} from worker ${workers.indexOf(w) + 1}` }));
        workers.push(w);
        return w;
      },
      async () => true,
      { watchdogMs: 3000 },
    );
    const opened = api.listPacks();
    workers[0].say({ hello: true });
    expect(await opened).toBe('listPacks from worker 1');
    const step = api.goToStep('s1', 1);
    const failed = expect(step).rejects.toThrow(/This step was stopped: the simulator worked on it for more than 3 seconds/);
    await vi.advanceTimersByTimeAsync(2999);
    expect(workers[0].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    await failed;
    expect(workers[0].terminated).toBe(true);
    const next = api.listPacks();
    workers[1].say({ hello: true });
    expect(await next).toBe('listPacks from worker 2');
  });

  it('does not count start-up, nor time with nothing asked', async () => {
    vi.useFakeTimers();
    let w: FakeWorker | null = null;
    const api = createWorkerClient(() => (w = fakeWorker((r) => ({ id: r.id, ok: true, value: r.method }))), async () => true, { watchdogMs: 1000 });
    const call = api.host();
    await vi.advanceTimersByTimeAsync(5000); // still loading: answers wait, nothing is ended
    expect(w!.terminated).toBe(false);
    expect(await call).toBe('host');
    w!.say({ hello: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w!.terminated).toBe(false);
  });
});
