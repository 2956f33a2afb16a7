/*
 * Predict mode, proved on the built-in pack: for every quiz and 20 instances, the state the
 * learner looks at while predicting — rendered as text by the same stateText() the Text
 * view draws, with the quiz's concealment — does not state the answer (matched in the
 * context that would give it away: "frame 8" beside the page, "248 free", "RSS 3" …).
 *
 * Then what each observation conceals, on a small machine: the values go, their derived
 * copies go (a hidden leaf entry also hides the page's frame and the frame's "mapped by"),
 * the raw PTE value stays, and answering reveals everything again.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { revealerFor } from '../../core/lessons/giveaway.ts';
import { loadPack } from '../../core/lessons/load.ts';
import { runToStep } from '../../core/lessons/model.ts';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { buildInstance, evaluateInstance, solutionOf } from '../../core/lessons/quiz.ts';
import { HIDDEN, stateLines, stateText } from '../../core/lessons/state-text.ts';
import { giveawayContext } from '../../core/lessons/validate.ts';
import { cloneRun } from '../../core/lessons/clone.ts';
import { instanceOrNull, lesson, packOf, quizSteps, readFolder } from '../fixtures/packs/helpers.ts';

const BUILT_IN = fileURLToPath(new URL('../../lessons/memory-management', import.meta.url));
const INSTANCES = 20;

describe('the built-in pack gives no answer away in the state shown while predicting', () => {
  const { pack } = loadPack(readFolder(BUILT_IN), 'built-in');
  for (const { lesson: l, step, quiz } of quizSteps(pack!)) {
    it(`${l.id} / ${quiz.id}`, () => {
      const base = runToStep(l, step.index);
      const leaks: string[] = [];
      let checked = 0;
      for (let attempt = 0; attempt < INSTANCES; attempt++) {
        const inst = instanceOrNull(pack!.manifest.id, l, quiz, attempt);
        if (!inst) continue;
        const ev = evaluateInstance(cloneRun(base), inst);
        const ctx = giveawayContext(l, quiz, ev);
        if (!ctx || !ev.preparedSnapshot) continue;
        checked++;
        const r = revealerFor(ctx);
        // Kinds whose answer no state line can state (a value, a resolution …) are still rendered: the text must build.
        const line = stateLines(stateText(ev.preparedSnapshot, ev.conceal)).find((x) => r.state(x));
        if (line) leaks.push(`instance ${attempt}: "${line}"`);
      }
      expect(checked).toBeGreaterThan(0);
      expect(leaks).toEqual([]);
    });
  }
});

const MACHINE = `  - title: Two processes
    run:
      - spawn: { name: A, layout: empty, cpu: 0 }
      - spawn: { name: B, layout: empty, cpu: 1 }
      - map: { process: A, addr: 0x1000, frame: 8 }
      - map: { process: A, addr: 0x2000, frame: 9 }
      - map: { process: B, addr: 0x1000, frame: 12 }
      - read: { process: A, addr: 0x1000 }
`;
const quizzes = `${MACHINE}  - title: frame
    quiz:
      id: frame
      kind: number
      params: { off: { range: [0, 0xfff] } }
      prompt: "A reads {{hex 0x1000 + off}}: which frame?"
      observe: { what: frame, access: { process: A, addr: "{{hex 0x1000 + off}}" } }
  - title: free
    quiz:
      id: free
      kind: number
      params: { n: { choice: [1, 2] } }
      setup: [{ map: { process: A, addr: 0x6000, pages: "{{n}}" } }]
      prompt: How many frames are free?
      observe: { what: free-frames }
  - title: refs
    quiz:
      id: refs
      kind: number
      params: { who: { choice: [A, B] } }
      prompt: "How many mappings has {{who}}'s frame for 0x1000?"
      observe: { what: refcount, page: { process: "{{who}}", addr: 0x1000 } }
  - title: rss
    quiz:
      id: rss
      kind: number
      params: { who: { choice: [A, B] } }
      prompt: "{{who}}'s PSS in pages?"
      observe: { what: pss, process: "{{who}}" }
  - title: tlb
    quiz:
      id: tlb
      kind: sequence
      params: { p: { choice: [0x1000, 0x2000] } }
      prompt: "A reads {{hex p}} and 0x1000"
      observe: { what: tlb-sequence, accesses: [{ process: A, addr: "{{hex p}}" }, { process: A, addr: 0x1000 }] }
`;

describe('what each observation conceals, and that answering reveals it', () => {
  const p = loadPack(packOf({ 'a.yaml': lesson(quizzes) }), 'user').pack!;
  const at = (k: number) => {
    const player = new LessonPlayer(p, 'l1', undefined);
    player.goTo(k);
    return player;
  };
  const text = (player: LessonPlayer) => stateLines(stateText(player.run.snapshot(), player.view().step.quiz!.conceal)).join('\n');

  it('a frame quiz hides the walk path: decoded entry, the page\'s frame, who maps the frame, the TLB that caches it; the raw entry stays', () => {
    const player = at(1);
    const q = player.view().step.quiz!;
    expect(q.conceal).toEqual(expect.arrayContaining([expect.objectContaining({ what: 'entries', indexes: [1] }), { what: 'tlb', cpu: 0 }]));
    const t = text(player);
    expect(t).toMatch(/Entry: 1; Covers from: 0x1000; Value: 0x[0-9a-f]+; Points to: \?; Flags: \?/);
    expect(t).toMatch(/Virtual page: 0x1000; Frame: \?; Physical address: \?/);
    expect(t).toMatch(/Frame: 8; Holds: anonymous memory; Owner: \?; Mapped by: \?/);
    expect(t).not.toMatch(/A 0x1000/);
    // B's own page, and A's other page, are not part of the question.
    expect(t).toMatch(/Virtual page: 0x2000; Frame: 9/);
    // After the answer the state is shown in full.
    player.answer(solutionOf(evaluateInstance(cloneRun(runToStep(p.lessons[0], 1)), buildInstance('test.pack', p.lessons[0], p.lessons[0].steps[1].quiz!, 0)))!);
    expect(player.view().step.quiz!.conceal).toEqual([]);
    expect(text(player)).toMatch(/Frame: 8; Holds: anonymous memory; Owner: A; Mapped by: A 0x1000/);
  });

  it('free frames: the count and the free ranges', () => {
    const t = text(at(2));
    expect(t).toMatch(/32 frames of 4 KiB; \? free\./);
    expect(t).not.toMatch(/\d+ free/);
  });

  it('refcount: who maps the frame and how many times', () => {
    const player = at(3);
    const who = /has (A|B)'s/.exec(player.view().step.quiz!.prompt)![1];
    const t = text(player);
    const frame = who === 'A' ? 8 : 12;
    expect(t).toMatch(new RegExp(`Frame: ${frame}; Holds: anonymous memory; Owner: \\?; Mapped by: \\?`));
    expect(t).toMatch(new RegExp(`Frame: ${frame === 8 ? 12 : 8}; Holds: anonymous memory; Owner: ${who === 'A' ? 'B' : 'A'}; Mapped by: ${who === 'A' ? 'B' : 'A'} 0x1000`));
  });

  it('pss: the process\'s resident size figures', () => {
    const player = at(4);
    const who = /^(A|B)'s/.exec(player.view().step.quiz!.prompt)![1];
    const t = text(player);
    expect(t).toMatch(new RegExp(`^${who} has threads .*Resident: \\? pages \\(PSS \\?\\)`, 'm'));
    expect(t).toMatch(new RegExp(`^${who === 'A' ? 'B' : 'A'} has threads .*Resident: \\d+ pages? \\(PSS [\\d.]+\\)`, 'm'));
  });

  it('tlb sequence: the CPU\'s TLB entries and counters, and the global counters', () => {
    const t = text(at(5));
    expect(t).toMatch(/CPU: CPU 0; Running: .*; TLB entries: \? of 4; Hits: \?; Misses: \?/);
    expect(t).toMatch(/CPU: CPU 1; Running: .*; TLB entries: 0 of 4; Hits: 0; Misses: 0/);
    expect(t).toMatch(/TLB \? hits \/ \? misses/);
    expect(t).toContain(`Hidden until you check your prediction (${HIDDEN}).`);
  });
});

describe('a memory image exercise shows raw bytes only', () => {
  it('no decoded entries, no walk, no table frames labelled as tables', () => {
    const image = lesson(
      `  - title: Walk
    quiz:
      id: walk
      kind: address
      params: { a: { choice: [0x0000, 0x0005] } }
      prompt: "Translate {{hex a}}"
      observe: { what: physical-address, access: { addr: "{{hex a}}" } }
`,
      `machine: tiny-2level
memory:
  ptbr: 3
  dump: |
    page 3: 84 00
    page 4: 85 86
`,
    );
    const pk = loadPack(packOf({ 'a.yaml': image }), 'user');
    expect(pk.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const player = new LessonPlayer(pk.pack!, 'l1', undefined);
    const q = player.view().step.quiz!;
    expect(q.conceal).toEqual([{ what: 'page-tables', pid: null }]);
    const t = stateLines(stateText(player.run.snapshot(), q.conceal)).join('\n');
    expect(t).toMatch(/Root of the memory image: frame 3/);
    expect(t).toMatch(/Entry: 0; Value: 0x84/);
    expect(t).not.toMatch(/Level 1 table|table in frame|page in frame|page table/);
  });
});
