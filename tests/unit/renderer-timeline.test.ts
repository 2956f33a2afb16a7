// The step animation's phases (renderer/lib/graph/timeline.ts): each phase is drawn over
// the machine it happened on, the kernel's repair is its own phase, and the last phase is
// the final snapshot with nothing left to play.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../core/lessons/load.ts';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { layoutGraph } from '../../renderer/lib/graph/layout.ts';
import { buildTimeline } from '../../renderer/lib/graph/timeline.ts';
import { readFolder } from '../fixtures/packs/helpers.ts';

const pack = loadPack(readFolder(fileURLToPath(new URL('../../lessons/memory-management', import.meta.url))), 'built-in').pack!;

describe('step timeline', () => {
  it('ends on the final snapshot, with no attempts left over, for every step of every lesson', () => {
    for (const lesson of pack.lessons) {
      const p = new LessonPlayer(pack, lesson.id, undefined);
      for (let i = 0; i < lesson.steps.length; i++) {
        p.goTo(i);
        const final = p.run.snapshot();
        const phases = buildTimeline(p.lastEvents(), p.keyframes(), final, (s) => layoutGraph(s));
        const last = phases[phases.length - 1];
        expect(JSON.stringify(last.snapshot), `${lesson.id} step ${i + 1}`).toBe(JSON.stringify(final));
        if (phases.length > 1) expect(last.attempts).toEqual([]);
      }
    }
  });

  it('draws a walk that met an invalid entry over the machine where it was invalid, and shows the repair next', () => {
    const p = new LessonPlayer(pack, 'isolation', undefined);
    const phases = buildTimeline(p.lastEvents(), p.keyframes(), p.run.snapshot(), (s) => layoutGraph(s));
    const faulting = phases.findIndex((ph) => ph.attempts.some((a) => a.outcome === 'fault'));
    expect(faulting).toBeGreaterThanOrEqual(0);
    const attempt = phases[faulting].attempts.find((a) => a.outcome === 'fault')!;
    const tableHop = attempt.hops.find((h) => h.node.startsWith('pt-') && h.tone === 'fault')!;
    const table = phases[faulting].layout.nodes.find((n) => n.id === tableHop.node)!;
    // On that phase's machine the entry the walk read is not a valid row of the table.
    const row = table.data.kind === 'table' ? table.data.rows.find((r) => r.index === tableHop.row) : undefined;
    expect(row?.valid ?? false).toBe(false);
    // The next phase is the kernel's repair: it names the resolution and lights the new entry.
    const repair = phases[faulting + 1];
    expect(repair.changeText).toMatch(/kernel: demand-zero/);
    expect(repair.changes.some((c) => c.node === tableHop.node && c.row === tableHop.row)).toBe(true);
    const repaired = repair.layout.nodes.find((n) => n.id === tableHop.node)!;
    expect(repaired.data.kind === 'table' && repaired.data.rows.find((r) => r.index === tableHop.row)?.valid).toBe(true);
  });
});
