import { describe, expect, it } from 'vitest';
import { loadPack } from '../../core/lessons/load.ts';
import type { LoadedPack } from '../../core/lessons/model.ts';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { buildInstance, solutionOf, type EvaluatedInstance } from '../../core/lessons/quiz.ts';
import type { QuizAnswer } from '../../core/lessons/types.ts';
import { lesson, packOf, show } from '../fixtures/packs/helpers.ts';

// Two processes with page 1 placed by hand: A's in frame 8, B's in frame 10, so every
// expected answer below can be worked out on paper.
const SETUP = `  - title: Two processes
    run:
      - spawn: { name: A, layout: empty }
      - spawn: { name: B, layout: empty }
      - map: { process: A, addr: 0x1000, frame: 8 }
      - map: { process: B, addr: 0x1000, frame: 10 }
      - write: { process: A, addr: 0x1010, value: 77 }
`;

const QUIZZES = `${SETUP}
  - title: address
    quiz:
      id: pa
      kind: address
      params:
        off: { range: [0, 0xfff] }
      prompt: "A reads {{hex 0x1000 + off}}"
      observe: { what: physical-address, access: { process: A, addr: "{{hex 0x1000 + off}}" } }
      explanation: "frame {{frame}}, offset {{hex off}}, answer {{answer}}, you said {{given}}"
  - title: literal choice
    quiz:
      id: literal
      kind: choice
      options: [8, 10, 12]
      params:
        who: { choice: [A, B] }
      prompt: "Which frame does {{who}} use?"
      observe: { what: frame, access: { process: "{{who}}", addr: 0x1000 } }
  - title: generated choice
    quiz:
      id: generated
      kind: choice
      distractors: 3
      prompt: Which frame does B use?
      observe: { what: frame, access: { process: B, addr: 0x1000 } }
  - title: yes/no
    quiz:
      id: faults
      kind: yesno
      params:
        page: { choice: [0x1000, 0x3000] }
      prompt: "Does A's read of {{hex page}} fault?"
      observe: { what: faults, access: { process: A, addr: "{{hex page}}" } }
  - title: yes/no on a word
    quiz:
      id: tlbhit
      kind: yesno
      yesIf: hit
      prompt: Does A's read of 0x1000 hit the TLB?
      observe: { what: tlb, access: { process: A, addr: 0x1000 } }
  - title: number
    quiz:
      id: value
      kind: number
      prompt: What does A read at 0x1010?
      observe: { what: value, access: { process: A, addr: 0x1010 } }
  - title: sequence
    quiz:
      id: seq
      kind: sequence
      prompt: B reads 0x1000 twice, then A reads 0x1000.
      observe:
        what: tlb-sequence
        accesses:
          - { process: B, addr: 0x1000 }
          - { process: B, addr: 0x1004 }
          - { process: A, addr: 0x1000 }
  - title: pick
    quiz:
      id: pick
      kind: pick
      prompt: Click B's frame.
      observe: { what: frame, access: { process: B, addr: 0x1000 } }
  - title: order
    quiz:
      id: order
      kind: order
      prompt: B reads 0x1004.
      observe: { what: translation-order, access: { process: B, addr: 0x1004 } }
  - title: reference
    quiz:
      id: evictions
      kind: sequence
      prompt: FIFO, 2 frames, 1 2 3 1
      observe: { what: reference-evictions, reference: { pages: [1, 2, 3, 1], frames: 2, policy: fifo } }
`;

function packFrom(text: string): LoadedPack {
  const r = loadPack(packOf({ 'a.yaml': lesson(text) }), 'user');
  if (!r.pack) throw new Error(show(r.diagnostics));
  return r.pack;
}

const pack = packFrom(QUIZZES);
const fixed = () => '2025-01-01T00:00:00.000Z';

function at(step: number): LessonPlayer {
  const p = new LessonPlayer(pack, 'l1', undefined, { now: fixed });
  p.goTo(step);
  return p;
}

/** The engine's own evaluation of the current instance (tests only: views never carry it). */
function evaluated(p: LessonPlayer): EvaluatedInstance {
  return (p as unknown as { evaluated: EvaluatedInstance }).evaluated;
}

describe('each quiz kind is checked against the simulation', () => {
  it('address: the physical address of A\'s page in frame 8, in hex or decimal', () => {
    for (let i = 0; i < 5; i++) {
      const p = at(1);
      for (let k = 0; k < i; k++) p.freshQuiz();
      const q = p.view().step.quiz!;
      const va = parseInt(/0x[0-9a-f]+/.exec(q.prompt)![0], 16);
      const pa = 0x8000 + (va - 0x1000);
      expect(q.addressBits).toBe(17); // 32 frames × 4 KiB
      const f = p.answer({ kind: 'address', text: i % 2 ? `0x${pa.toString(16).toUpperCase()}` : String(pa) });
      expect(f).toMatchObject({ correct: true, expected: `0x${pa.toString(16)}`, divergence: null, invalid: null });
      expect(f.explanation).toBe(`frame 8, offset 0x${(va - 0x1000).toString(16)}, answer 0x${pa.toString(16)}, you said 0x${pa.toString(16)}`);
    }
  });

  it('address: wrong answers say where they diverged; unreadable or too-wide input is not judged', () => {
    const p = at(1);
    const va = parseInt(/0x[0-9a-f]+/.exec(p.view().step.quiz!.prompt)![0], 16);
    expect(p.answer({ kind: 'address', text: '0xZZ' })).toMatchObject({ correct: false, invalid: expect.stringMatching(/is not an address/) });
    expect(p.answer({ kind: 'address', text: '0x20000' }).invalid).toMatch(/does not fit in this machine's 17-bit physical addresses/);
    expect(p.progress().quizzes.pa).toBeUndefined();
    const f = p.answer({ kind: 'address', text: `0x${va.toString(16)}` });
    expect(f.correct).toBe(false);
    expect(f.divergence).toMatch(/is the virtual address itself: the MMU replaces the page number 0x1 with the frame number 8/);
    const q = at(1);
    const off = va - 0x1000;
    expect(q.answer({ kind: 'address', text: `0x${(0xa000 + off).toString(16)}` }).divergence).toMatch(/^The offset is right, but frame 10 holds B 0x1000: A has its own page table, and the TLB already held page 0x1 → frame 8\./);
  });

  it('choice with written-out options: exactly one option is the frame the process uses', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const p = at(2);
      for (let k = 0; k < i; k++) p.freshQuiz();
      const q = p.view().step.quiz!;
      expect(q.options.map((o) => o.label)).toEqual(['frame 8', 'frame 10', 'frame 12']);
      const who = /does (A|B) use/.exec(q.prompt)![1];
      seen.add(who);
      const right = q.options.find((o) => o.label === (who === 'A' ? 'frame 8' : 'frame 10'))!;
      expect(p.answer({ kind: 'choice', option: right.id })).toMatchObject({ correct: true, expected: right.label });
    }
    expect(seen.size).toBe(2);
    expect(at(2).answer({ kind: 'choice', option: 'zz' }).invalid).toMatch(/there is no option "zz"/);
  });

  it('choice with generated distractors: the other process\'s frame is among four distinct options', () => {
    const p = at(3);
    const q = p.view().step.quiz!;
    const labels = q.options.map((o) => o.label);
    expect(labels).toHaveLength(4);
    expect(new Set(labels).size).toBe(4);
    expect(labels).toContain('frame 10');
    expect(labels).toContain('frame 8');
    const wrong = q.options.find((o) => o.label === 'frame 8')!;
    const f = p.answer({ kind: 'choice', option: wrong.id });
    expect(f).toMatchObject({ correct: false, expected: 'frame 10', given: 'frame 8' });
    expect(f.divergence).toMatch(/^Frame 8 holds A 0x1000, not B's page: each process has its own page table, and in B's the level-0 entry \(index 1 of the table in frame \d+\) was valid and gave frame 10\./);
  });

  it('yes/no: a mapped page does not fault, an unmapped one does (and ends the process)', () => {
    const answers = new Map<string, boolean>();
    for (let i = 0; i < 8; i++) {
      const p = at(4);
      for (let k = 0; k < i; k++) p.freshQuiz();
      const page = /0x[0-9a-f]+/.exec(p.view().step.quiz!.prompt)![0];
      const faults = page === '0x3000';
      answers.set(page, faults);
      const f = p.answer({ kind: 'yesno', value: !faults });
      expect(f.correct).toBe(false);
      expect(f.expected).toBe(faults ? 'yes' : 'no');
      if (faults) expect(f.divergence).toMatch(/the level-0 entry was not valid, so the access faulted \(not-present at level 0\)/);
    }
    expect([...answers.keys()].sort()).toEqual(['0x1000', '0x3000']);
  });

  it('yes/no with yesIf: A already used page 1, so the TLB hits', () => {
    expect(at(5).answer({ kind: 'yesno', value: true })).toMatchObject({ correct: true, expected: 'yes' });
    const f = at(5).answer({ kind: 'yesno', value: false });
    expect(f).toMatchObject({ correct: false, expected: 'yes', given: 'no' });
    expect(f.divergence).toMatch(/^You expected a miss, but page 0x1 was still in CPU 0's TLB from before the question\./);
  });

  it('number: the value A wrote earlier', () => {
    expect(at(6).answer({ kind: 'number', value: 77 }).correct).toBe(true);
    expect(at(6).answer({ kind: 'number', value: 0 })).toMatchObject({ correct: false, expected: '77', given: '0' });
  });

  it('sequence: first touches miss, repeats hit; wrong length or tokens are not judged', () => {
    const p = at(7);
    const q = p.view().step.quiz!;
    expect(q).toMatchObject({ alphabet: ['hit', 'miss'], length: 3 });
    expect(p.answer({ kind: 'sequence', items: ['miss', 'hit'] }).invalid).toMatch(/give 3 items/);
    expect(p.answer({ kind: 'sequence', items: ['miss', 'hit', 'maybe'] }).invalid).toMatch(/"maybe" is not one of hit, miss/);
    const f = p.answer({ kind: 'sequence', items: ['miss', 'miss', 'hit'] });
    expect(f).toMatchObject({ correct: false, expected: 'miss, hit, hit', given: 'miss, miss, hit' });
    expect(f.divergence).toMatch(/^The first difference is the 2nd access \(0x1004\): it was a hit, not a miss, because the 1st access \(0x1000\) had put page 0x1 in the TLB/);
    expect(at(7).answer({ kind: 'sequence', items: ['MISS', 'hit', 'hit'] }).correct).toBe(true);
  });

  it('pick: the frame on the graph', () => {
    const p = at(8);
    expect(p.view().step.quiz!.pick).toBe('frame');
    expect(p.answer({ kind: 'pick', target: 99 }).invalid).toMatch(/pick a frame \(0–31\)/);
    expect(p.answer({ kind: 'pick', target: 10 })).toMatchObject({ correct: true, expected: 'frame 10' });
    expect(at(8).answer({ kind: 'pick', target: 'frame 8' })).toMatchObject({ correct: false, given: 'frame 8' });
  });

  it('order: the stages of a translation, shuffled for display', () => {
    const p = at(9);
    const q = p.view().step.quiz!;
    const labels = q.options.map((o) => o.label);
    const expected = ['look up the page in the TLB', 'read the level-0 page-table entry', 'store the translation in the TLB', 'read the data from physical memory'];
    expect([...labels].sort()).toEqual([...expected].sort());
    expect(labels).not.toEqual(expected);
    const idOf = (l: string) => q.options.find((o) => o.label === l)!.id;
    expect(p.answer({ kind: 'order', items: [idOf(expected[0])] }).invalid).toMatch(/put all 4 items in order/);
    const wrong = p.answer({ kind: 'order', items: [expected[1], expected[0], expected[2], expected[3]].map(idOf) });
    expect(wrong.correct).toBe(false);
    expect(wrong.divergence).toMatch(/^The 1st stage is "look up the page in the TLB", not "read the level-0 page-table entry": every access asks the TLB first; it had no entry for page 0x1\./);
    const q2 = at(9);
    const ids = expected.map((l) => q2.view().step.quiz!.options.find((o) => o.label === l)!.id);
    expect(q2.answer({ kind: 'order', items: ids }).correct).toBe(true);
  });

  it('sequence over a reference string: FIFO evictions', () => {
    const p = at(10);
    expect(p.view().step.quiz).toMatchObject({ alphabet: ['-', '1', '2', '3'], length: 4 });
    expect(p.answer({ kind: 'sequence', items: ['-', '-', '1', '2'] }).correct).toBe(true);
  });

  it('refuses an answer of the wrong kind without counting it', () => {
    const p = at(6);
    expect(p.answer({ kind: 'yesno', value: true }).invalid).toMatch(/this is a number question, but the answer was a yesno/);
    expect(p.progress().quizzes.value).toBeUndefined();
  });
});

describe('NUMA, copy-on-write and memory accounting', () => {
  it('measures the node and cost of an access on a two-node machine', () => {
    const numaPack = loadPack(packOf({ 'a.yaml': lesson(`  - title: NUMA
    run:
      - spawn: { name: P, layout: empty, cpu: 0 }
      - map: { process: P, addr: 0x1000, frame: 200 }
      - map: { process: P, addr: 0x2000, frame: 5 }
    quiz:
      id: node
      kind: pick
      params:
        page: { choice: [0x1000, 0x2000] }
      prompt: "P reads {{hex page}}. Click the node that holds it."
      observe: { what: node, access: { process: P, addr: "{{hex page}}" } }
  - title: cost
    quiz:
      id: cost
      kind: number
      prompt: Cost of reading 0x1000?
      observe: { what: cost, access: { process: P, addr: 0x1000 } }
`, 'machine: numa-2node\n') }), 'user').pack!;
    const p = new LessonPlayer(numaPack, 'l1', undefined);
    for (let i = 0; i < 4; i++) {
      const page = /0x[0-9a-f]+/.exec(p.view().step.quiz!.prompt)![0];
      expect(p.view().step.quiz!.pick).toBe('node');
      expect(p.answer({ kind: 'pick', target: page === '0x1000' ? 1 : 0 }).correct).toBe(true);
      p.freshQuiz();
    }
    p.goTo(1);
    const f = p.answer({ kind: 'number', value: 10 });
    expect(f).toMatchObject({ correct: false, expected: '21' });
    expect(f.divergence).toMatch(/^The thread ran on CPU 0, on node 0, and the page is in frame 200, on node 1: a remote access that costs 21\./);
  });

  it('counts page-table entries of a shared frame after fork, and RSS', () => {
    const cow = loadPack(
      packOf({
        'a.yaml': lesson(`  - title: fork
    run:
      - spawn: P
      - write: { process: P, addr: 0x2000, value: 1 }
      - fork: { parent: P, child: C }
    quiz:
      id: refs
      kind: number
      params:
        op: { choice: [read, write] }
      prompt: "C does a {{op}} of 0x2000"
      observe: { what: refcount, access: { process: C, addr: 0x2000, op: "{{op}}", value: 2 }, page: { process: P, addr: 0x2000 } }
      explanation: "frame {{targetFrame}} is mapped {{answer}} times"
  - title: rss
    quiz:
      id: rss
      kind: number
      prompt: RSS of C in KiB?
      observe: { what: rss, process: C, unit: KiB }
`),
      }),
      'user',
    ).pack!;
    const p = new LessonPlayer(cow, 'l1', undefined);
    for (let i = 0; i < 6; i++) {
      const op = /does a (read|write)/.exec(p.view().step.quiz!.prompt)![1];
      const f = p.answer({ kind: 'number', value: op === 'read' ? 2 : 1 });
      expect(f.correct).toBe(true);
      expect(f.explanation).toMatch(new RegExp(`is mapped ${op === 'read' ? 2 : 1} times`));
      p.freshQuiz();
    }
    p.goTo(1);
    // C shares P's data page (written before fork) and nothing else is resident yet.
    expect(p.answer({ kind: 'number', value: 4 }).correct).toBe(true);
  });
});

describe('randomised parameters', () => {
  const lessonOf = pack.lessons[0];
  const quiz = lessonOf.quizzes.find((q) => q.id === 'pa')!;

  it('gives the same instance for the same pack, lesson, quiz and attempt', () => {
    for (let a = 0; a < 10; a++) {
      const x = buildInstance('test.pack', lessonOf, quiz, a);
      const y = buildInstance('test.pack', lessonOf, quiz, a);
      expect(x.params).toEqual(y.params);
      expect(x.prompt).toBe(y.prompt);
      expect(x.probe).toEqual(y.probe);
    }
  });

  it('gives fresh parameters for other attempts and other packs', () => {
    const offs = new Set(Array.from({ length: 20 }, (_, a) => buildInstance('test.pack', lessonOf, quiz, a).params.off));
    expect(offs.size).toBeGreaterThan(15);
    const other = Array.from({ length: 10 }, (_, a) => buildInstance('other.pack', lessonOf, quiz, a).params.off);
    const mine = Array.from({ length: 10 }, (_, a) => buildInstance('test.pack', lessonOf, quiz, a).params.off);
    expect(other).not.toEqual(mine);
  });

  it('fills templated values into scenario steps so they pass the scenario schema', () => {
    const inst = buildInstance('test.pack', lessonOf, quiz, 3);
    const off = inst.params.off as number;
    expect(inst.probe.accesses[0]).toEqual({ op: 'read', args: { process: 'A', addr: 0x1000 + off } });
  });

  it('keeps the answer out of the view: nothing in it equals the real outcome except as one option among others', () => {
    const p = at(1);
    const view = JSON.stringify(p.view());
    const answer = evaluated(p).outcome.answer as number;
    expect(view).not.toContain(`0x${answer.toString(16)}`);
    expect(view).not.toContain(`"${answer}"`);
    expect(solutionOf(evaluated(p))).toEqual({ kind: 'address', text: `0x${answer.toString(16)}` } satisfies QuizAnswer);
  });
});
