// Keyframes: the graph plays a step over the machine as it was before the step, and each
// keyframe is the machine at that moment — a faulting write first meets an invalid entry,
// then the kernel's repair makes it valid, and the last part ends on the final snapshot.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../core/lessons/load.ts';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { solutionOf, type EvaluatedInstance } from '../../core/lessons/quiz.ts';
import { recordKeyframes } from '../../core/scenario/keyframes.ts';
import type { SimEvent } from '../../core/sim/events.ts';
import type { Snapshot } from '../../core/sim/snapshot.ts';
import { readFolder } from '../fixtures/packs/helpers.ts';
import { runText } from '../helpers/scenario.ts';

const pack = loadPack(readFolder(fileURLToPath(new URL('../../lessons/memory-management', import.meta.url))), 'built-in').pack!;

function entry(s: Snapshot, pid: number, vpn: number) {
  return s.processes.find((p) => p.pid === pid)!.pages.find((p) => p.vpn === vpn) ?? null;
}

describe('keyframes', () => {
  it('show a demand-zero fault: the page is absent before the repair and present after it', () => {
    const run = runText(`machine: teaching-16\nsteps:\n  - spawn: { name: A, layout: empty }\n  - mmap: { process: A, length: 0xa000, addr: 0x1000, name: buf }\n`);
    run.runAll();
    let events: SimEvent[] = [];
    const k = recordKeyframes(run, () => {
      events = run.apply({ op: 'write', args: { process: 'A', addr: 0x6000, value: 7 } } as never).events;
    });
    expect(k.complete).toBe(true);
    const pid = run.pidOf('A');
    const vpn = 6;
    // First keyframe: before anything happened. The fault's repair changes the machine, so
    // the retry gets a keyframe of its own, in which the page is present.
    expect(k.frames[0].at).toBe(0);
    expect(entry(k.frames[0].snapshot, pid, vpn)).toBeNull();
    const fault = events.findIndex((e) => e.type === 'fault');
    const resolved = events.findIndex((e) => e.type === 'fault-resolved');
    expect(fault).toBeGreaterThan(0);
    const retry = k.frames.find((f) => f.at > resolved);
    expect(retry).toBeDefined();
    expect(events[retry!.at].type).toMatch(/^tlb-(hit|miss)$/);
    expect(entry(retry!.snapshot, pid, vpn)).not.toBeNull();
    // No keyframe falls between the lookup that starts the first attempt and its fault:
    // the walk that met the invalid entry is drawn on the machine it read.
    const lookup = events.findIndex((e) => e.type === 'tlb-miss');
    expect(k.frames.some((f) => f.at > lookup && f.at <= fault)).toBe(false);
    // The run itself carries no recorder afterwards, and its results are plain arrays.
    expect(run.observer).toBeNull();
    expect(Object.getPrototypeOf(run.results[run.results.length - 1].events)).toBe(Array.prototype);
  });

  it('reads share one keyframe until something changes the machine', () => {
    const run = runText(`machine: teaching-16\nsteps:\n  - spawn: { name: A, layout: empty }\n  - mmap: { process: A, length: 0xa000, addr: 0x1000, name: buf }\n  - write: { process: A, addr: 0x6000, value: 1 }\n`);
    run.runAll();
    const k = recordKeyframes(run, () => {
      for (let i = 0; i < 5; i++) run.apply({ op: 'read', args: { process: 'A', addr: 0x6000 } } as never);
    });
    // The first read finds the TLB warm: nothing it does changes the machine except A bits
    // already set, so five reads need at most a keyframe each, and never one per event.
    const eventCount = run.results.slice(-5).reduce((n, r) => n + r.events.length, 0);
    expect(k.frames.length).toBeGreaterThanOrEqual(1);
    expect(k.frames.length).toBeLessThan(eventCount);
  });

  it('stop at the limit and say so', () => {
    const run = runText(`machine: teaching-16\nsteps:\n  - spawn: { name: A, layout: empty }\n  - mmap: { process: A, length: 0xa000, addr: 0x1000, name: buf }\n`);
    run.runAll();
    const k = recordKeyframes(
      run,
      () => {
        for (let page = 1; page < 10; page++) run.apply({ op: 'write', args: { process: 'A', addr: page * 0x1000, value: page } } as never);
      },
      4,
    );
    expect(k.frames.length).toBe(4);
    expect(k.complete).toBe(false);
  });

  it('cover every lesson step: keyframes are in order, start at the step, and the player ends on its final machine', () => {
    for (const lesson of pack.lessons) {
      const p = new LessonPlayer(pack, lesson.id, undefined);
      for (let i = 0; i < lesson.steps.length; i++) {
        p.goTo(i);
        const k = p.keyframes();
        const events = p.lastEvents();
        const ats = k.frames.map((f) => f.at);
        expect(ats, `${lesson.id} step ${i + 1}`).toEqual([...ats].sort((a, b) => a - b));
        for (const at of ats) expect(at).toBeLessThanOrEqual(events.length);
        if (events.length > 0 && k.frames.length > 0) expect(k.frames[0].at).toBe(0);
      }
    }
  });

  it('replay a quiz observation after the answer, starting from the machine the learner predicted on', () => {
    const p = new LessonPlayer(pack, 'tlb', undefined);
    const lesson = pack.lessons.find((l) => l.id === 'tlb')!;
    const index = lesson.steps.findIndex((s) => s.quiz?.doc.observe.what === 'tlb-sequence');
    expect(index).toBeGreaterThanOrEqual(0);
    p.goTo(index);
    const before = JSON.stringify(p.run.snapshot());
    const evaluated = (p as unknown as { evaluated: EvaluatedInstance }).evaluated;
    p.answer(solutionOf(evaluated)!);
    const k = p.keyframes();
    expect(k.frames.length).toBeGreaterThan(1);
    expect(JSON.stringify(k.frames[0].snapshot)).toBe(before);
    // The TLB fills as the replay goes: later keyframes hold more hits and misses.
    const counts = k.frames.map((f) => f.snapshot.cpus.reduce((n, c) => n + c.tlb.hits + c.tlb.misses, 0));
    expect(counts[counts.length - 1]).toBeGreaterThan(counts[0]);
  });
});
