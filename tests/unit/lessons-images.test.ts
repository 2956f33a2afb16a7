// A lesson may hold several memory images, as a scenario may (one per exercise): a run
// step's `translate: { image }` switches to one, and the quizzes after it walk that image.
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../core/lessons/load.ts';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { lesson, packOf, show } from '../fixtures/packs/helpers.ts';

const HEADER = `machine: tiny-2level
kernel: { swapSlots: 0 }
images:
  - { name: q1, ptbr: 10, pages: { "10": "00 00 00 94", "20": "00 00 00 9e" } }
  - { name: q2, ptbr: 11, pages: { "11": "94", "20": "85" } }
`;

const STEPS = `  - title: First image
    run:
      - translate: { addr: 0, image: q1 }
    quiz:
      id: a
      kind: address
      prompt: Where does 0x0c60 go?
      observe: { what: physical-address, access: { addr: 0x0c60 } }
  - title: Second image
    run:
      - translate: { addr: 0, image: q2 }
    quiz:
      id: b
      kind: address
      prompt: Where does 0x0000 go?
      observe: { what: physical-address, access: { addr: 0x0000 } }
`;

describe('lessons with several memory images', () => {
  it('load, and each quiz walks the image its step switched to', () => {
    const pk = loadPack(packOf({ 'a.yaml': lesson(STEPS, HEADER) }), 'user');
    expect(show(pk.diagnostics.filter((d) => d.severity === 'error'))).toBe('');
    const player = new LessonPlayer(pk.pack!, 'l1', undefined);
    // q1: directory entry 3 → table in page 20, its entry 3 → page 30: 30 × 32 = 0x3c0.
    expect(player.answer({ kind: 'address', text: '0x3c0' }).correct).toBe(true);
    expect(player.run.snapshot().imageRoot).toBe(10);
    player.goTo(1);
    // q2: directory entry 0 → table in page 20 (q2's own bytes), entry 0 → page 5: 0xa0.
    expect(player.run.snapshot().imageRoot).toBe(11);
    expect(player.answer({ kind: 'address', text: '0xa0' }).correct).toBe(true);
    expect(player.run.snapshot().image?.map((p) => p.page)).toEqual([11, 20]);
  });

  it('refuse an unknown image name and both memory and images', () => {
    const bad = lesson(STEPS.replace('image: q2', 'image: q3'), HEADER);
    const pk = loadPack(packOf({ 'a.yaml': bad }), 'user');
    expect(show(pk.diagnostics)).toMatch(/no memory image named "q3"/);
    const both = lesson(STEPS, HEADER + 'memory: { ptbr: 1, pages: { "1": "81" } }\n');
    expect(show(loadPack(packOf({ 'a.yaml': both }), 'user').diagnostics)).toMatch(/give "memory" or "images", not both/);
  });
});
