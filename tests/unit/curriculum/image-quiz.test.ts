// Quizzes on a raw memory image (the "translate these addresses from a dump" exercise):
// an access with only `addr` walks the image from the base register, and `fault-level`
// says at which page-table level the walk stopped. The built-in exercise lesson relies
// on both.
import { describe, expect, it } from 'vitest';
import { LessonPlayer, loadPack } from '../../../core/lessons/player.ts';
import { validatePack } from '../../../core/lessons/validate.ts';
import { anyAnswer } from './answers.ts';

// tiny-2level: 5-bit directory index, 5-bit table index, 5-bit offset; entries are one byte,
// bit 7 valid. Directory in page 10: entry 1 → table in page 20; that table: entry 2 → page 30.
const LESSON = (quiz: string) => `
id: dump
title: Dump
level: advanced
summary: Walk an image.
machine: tiny-2level
memory:
  ptbr: 10
  dump: |
    page 10: 7f 94 7f
    page 20: 7f 7f 9e 7f
    page 30: 00 11 22 33 44 55
steps:
  - title: Walk
    text: Walk it.
    quiz:
${quiz
  .trim()
  .split('\n')
  .map((l) => '      ' + l)
  .join('\n')}
`;

function pack(quiz: string): Map<string, string> {
  return new Map([
    ['pack.yaml', 'id: t.dump\ntitle: T\nversion: 1.0.0\nauthors: [T]\nlicense: MIT\nlanguage: en\ndescription: T\nminAppVersion: 0.1.0\nlessons: [lessons/dump.yaml]\n'],
    ['lessons/dump.yaml', LESSON(quiz)],
  ]);
}

/** The real outcome for the quiz's instance 0, as the feedback names it. */
function expected(quiz: string): { expected: string; explanation: string } {
  const loaded = loadPack(pack(quiz), 'preview');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const player = new LessonPlayer(loaded.pack!, 'dump', undefined);
  const q = player.view().step.quiz;
  expect(q, player.view().step.narrative).not.toBeNull();
  const f = player.answer(anyAnswer(q!));
  expect(f.invalid).toBeNull();
  return { expected: f.expected, explanation: f.explanation };
}

// VA of directory entry 1, table entry 2, offset 3: (1 << 10) | (2 << 5) | 3 = 0x443 → page 30, byte 3.
describe('quizzes on a memory image', () => {
  it('translates an address by walking the image from the base register', () => {
    expect(expected('id: pa\nkind: address\nprompt: PA?\nobserve: { what: physical-address, access: { addr: 0x443 } }').expected).toBe(`0x${(30 * 32 + 3).toString(16)}`);
  });

  it('reads the byte the walk ends at', () => {
    expect(expected('id: v\nkind: number\nformat: hex\nprompt: V?\nobserve: { what: value, access: { addr: 0x443 } }').expected).toBe('0x33');
  });

  it('names the level where the walk stops, and "none" when it does not', () => {
    const q = (addr: string) => `id: l\nkind: choice\noptions: [none, 0, 1]\nprompt: L?\nobserve: { what: fault-level, access: { addr: ${addr} } }`;
    expect(expected(q('0x0443')).expected).toBe('none');
    // Directory entry 0 is 7f: not valid.
    expect(expected(q('0x0043')).expected).toBe('0');
    // Directory entry 1 is valid; its table's entry 0 is 7f.
    const l1 = expected(q('0x0403'));
    expect(l1.expected).toBe('1');
    expect(l1.explanation).toMatch(/level-1 entry is not valid/);
  });

  it('refuses observations that need a kernel, a TLB or NUMA, and a write to the image', () => {
    const tlb = validatePack(pack('id: t\nkind: choice\noptions: [hit, miss]\nprompt: T?\nobserve: { what: tlb, access: { addr: 0x443 } }'), { instances: 1 });
    expect(tlb.diagnostics.map((d) => d.message).join('\n')).toMatch(/no meaning for a walk of a memory image/);
    const write = validatePack(pack('id: w\nkind: yesno\nprompt: W?\nobserve: { what: faults, access: { addr: 0x443, op: write, value: 1 } }'), { instances: 1 });
    expect(write.diagnostics.map((d) => d.message).join('\n')).toMatch(/can only be read/);
  });
});

describe('fault-level on a process access', () => {
  it('gives the level of the invalid entry on a multi-level machine', () => {
    const files = new Map([
      ['pack.yaml', 'id: t.fl\ntitle: T\nversion: 1.0.0\nauthors: [T]\nlicense: MIT\nlanguage: en\ndescription: T\nminAppVersion: 0.1.0\nlessons: [lessons/l.yaml]\n'],
      [
        'lessons/l.yaml',
        `id: l
title: L
level: advanced
summary: S
machine: x86-64
steps:
  - title: A
    text: A.
    run:
      - spawn: { name: A, layout: empty }
      - map: { process: A, addr: 0x400000 }
    quiz:
      id: fl
      kind: choice
      options: [none, 0, 1, 2, 3]
      params:
        where: { choice: [0x400000, 0x401000, 0x800000, 0x80000000, 0x10000000000] }
      prompt: Level?
      observe: { what: fault-level, access: { process: A, addr: "{{hex where}}" } }
`,
      ],
    ]);
    const v = validatePack(files, { instances: 40 });
    expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const seen = new Set<string>();
    const player = new LessonPlayer(v.pack!, 'l', undefined);
    for (let i = 0; i < 40; i++) {
      const q = player.view().step.quiz!;
      seen.add(`${q.prompt} ${player.answer(anyAnswer(q)).expected}`);
      player.freshQuiz();
    }
    const answers = new Set([...seen].map((s) => s.split(' ').at(-1)));
    // 0x400000 and 0x401000 share tables (none / level 3), 0x800000 stops at level 2, 0x80000000 at 1, 2^40 at 0.
    expect(answers).toEqual(new Set(['none', '3', '2', '1', '0']));
  });
});
