// A lesson's recap: optional Markdown that the last step's view carries (and no other
// step's), checked like every other Markdown text of a pack.
import { describe, expect, it } from 'vitest';
import { LessonPlayer, loadPack } from '../../../core/lessons/player.ts';

const MANIFEST = 'id: t.recap\ntitle: T\nversion: 1.0.0\nauthors: [T]\nlicense: MIT\nlanguage: en\ndescription: T\nminAppVersion: 0.1.0\nlessons: [lessons/l.yaml]\n';

function pack(recap: string): Map<string, string> {
  return new Map([
    ['pack.yaml', MANIFEST],
    [
      'lessons/l.yaml',
      `id: l
title: L
level: beginner
summary: S
machine: teaching-16
steps:
  - title: One
    text: First.
    run:
      - spawn: { name: A, layout: empty }
  - title: Two
    text: Second.
${recap}`,
    ],
  ]);
}

describe('a lesson recap', () => {
  it('reaches the view on the last step only', () => {
    const loaded = loadPack(pack('recap: |\n  - Each process has **its own** page table.\n'), 'preview');
    expect(loaded.diagnostics).toEqual([]);
    const player = new LessonPlayer(loaded.pack!, 'l', undefined);
    expect(player.view().step.recap).toBeNull();
    player.goTo(1);
    expect(player.view().step.recap).toBe('- Each process has **its own** page table.');
  });

  it('is optional: without one, the last step carries none', () => {
    const loaded = loadPack(pack(''), 'preview');
    const player = new LessonPlayer(loaded.pack!, 'l', undefined);
    player.goTo(1);
    expect(player.view().step.recap).toBeNull();
  });

  it('is checked like other Markdown, with the position of the problem', () => {
    const loaded = loadPack(pack('recap: |\n  Fine.\n  <script>alert(1)</script>\n'), 'preview');
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}: ${d.message}`);
    expect(errors).toEqual([expect.stringMatching(/^lessons\/l\.yaml:15: raw HTML is not allowed in pack text/)]);
  });
});
