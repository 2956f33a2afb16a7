/*
 * The validator's give-away warnings, on purpose-made bad packs (tests/fixtures/packs/giveaways):
 * every spoilt quiz of bad.yaml is reported for the way it is spoilt, and good.yaml — the same
 * questions asked fairly — gets no warning at all. Then the matcher on its own: an answer
 * counts only in the context that gives it away, not every time a small number appears.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { labelStatesOutcome, revealerFor, type GiveawayContext } from '../../core/lessons/giveaway.ts';
import { translationStages } from '../../core/lessons/observe.ts';
import { validatePack } from '../../core/lessons/validate.ts';
import { setLocale } from '../../core/i18n/index.ts';
import type { SimEvent } from '../../core/sim/events.ts';
import { readFolder, show } from '../fixtures/packs/helpers.ts';

const PACK = fileURLToPath(new URL('../fixtures/packs/giveaways', import.meta.url));

describe('validator: give-aways in a purpose-made bad pack', () => {
  const messages = show(validatePack(readFolder(PACK), { instances: 20 }).diagnostics).split('\n');
  const of = (file: string, quiz: string) => messages.filter((m) => m.startsWith(`lessons/${file}`) && m.includes(`quiz "${quiz}"`)).join('\n');

  it('warns when the narrative states the frame the quiz asks for', () => {
    expect(of('bad.yaml', 'narrative-frame')).toMatch(/bad\.yaml:9:11: warning: quiz "narrative-frame" \(20 of 20 instances, e\.g\. instance 0 \(offset=0x[0-9a-f]+\)\): the step's narrative gives the answer away \("A's page 0x1000 is in frame 8\."\)/);
  });

  it('warns when the prompt states the physical address', () => {
    expect(of('bad.yaml', 'prompt-address')).toMatch(/warning: quiz "prompt-address" \(20 of 20 instances.*\): the prompt gives the answer away \(".*lands at 0xa[0-9a-f]{3}/);
  });

  it('warns when the narrative names the right option and no other', () => {
    expect(of('bad.yaml', 'option-word')).toMatch(/the step's narrative gives the answer away \("A write to a page nobody has touched yet is a demand-zero fault\."\)/);
  });

  it('warns when the prompt spells out the hit/miss sequence', () => {
    expect(of('bad.yaml', 'sequence')).toMatch(/the prompt gives the answer away \(".*miss, miss, hit/);
  });

  it('finds the same give-aways when the author reads the validator in Spanish (the patterns read the English text)', () => {
    setLocale('es');
    try {
      const spanish = validatePack(readFolder(PACK), { instances: 20 }).diagnostics;
      const english = validatePack(readFolder(PACK), { instances: 20 });
      expect(spanish.map((d) => `${d.file}:${d.line}:${d.col}`)).toEqual(messages.filter(Boolean).map((m) => m.split(': ')[0]));
      expect(english.diagnostics.length).toBe(spanish.length);
    } finally {
      setLocale('en');
    }
  });

  it('warns when the state shown while predicting holds the answer (concealment switched off)', () => {
    expect(of('bad.yaml', 'state-free')).toMatch(/lessons\/bad\.yaml:\d+:\d+: warning: quiz "state-free" .*: the state shown while predicting gives the answer away \("32 frames of 4 KiB; 2[12] free/);
  });

  it('warns when a fresh instance cannot change anything', () => {
    expect(of('bad.yaml', 'no-params')).toMatch(/warning: quiz "no-params": the quiz has no parameters, so every instance is the same question and "Try a fresh instance" cannot offer another/);
    expect(of('bad.yaml', 'same-answer')).toMatch(/warning: quiz "same-answer": every instance has the same answer \(1\)/);
  });

  it('finds nothing to say about the same questions asked fairly', () => {
    expect(messages.filter((m) => m.startsWith('lessons/good.yaml'))).toEqual([]);
  });
});

describe('give-away matching looks at the context, not at every small number', () => {
  const ctx = (what: GiveawayContext['what'], answer: GiveawayContext['answer'], extra: Partial<GiveawayContext> = {}): GiveawayContext => ({
    what,
    answer,
    va: 0x1234,
    pageSize: 4096,
    alternatives: [],
    frames: [],
    kind: 'number',
    process: null,
    ...extra,
  });

  it('frames: "frame 7" and "→ 7" give it away; "7 entries", "page 7" and "0x7" do not', () => {
    const r = revealerFor(ctx('frame', 7));
    expect(r.prose('The page is in frame 7.')).toContain('frame 7');
    expect(r.prose('page 1 → 7')).toContain('→ 7');
    expect(r.prose('The TLB has 7 entries; page 7 is at 0x7000 and 0x7.')).toBeNull();
    expect(r.prose('frames 7–13 hold the pages')).toBeNull();
    // In the state, the frame counts only on a line that also names the accessed page.
    expect(r.state('Virtual page: 0x1000; Frame: 7; Physical address: 0x7000')).toBe(true);
    expect(r.state('Frame: 7; Holds: anonymous memory; Owner: B; Mapped by: B 0x5000')).toBe(false);
  });

  it('free frames: "248 free" gives it away, "248 bytes" does not', () => {
    const r = revealerFor(ctx('free-frames', 248));
    expect(r.prose('256 frames of 4 KiB; 248 free (frames 8–255).')).toContain('248 free');
    expect(r.prose('Free frames: 248')).not.toBeNull();
    expect(r.prose('It copies 248 bytes.')).toBeNull();
  });

  it('physical addresses: the hex value in any width', () => {
    const r = revealerFor(ctx('physical-address', 0x8004));
    expect(r.prose('it lands at `0x08004`')).toContain('0x08004');
    expect(r.prose('it lands at 0x8005')).toBeNull();
  });

  it('sequences: the exact sequence, or "every read misses" when all miss', () => {
    const r = revealerFor(ctx('tlb-sequence', ['miss', 'hit', 'hit']));
    expect(r.prose('The TLB gives **miss**, hit, hit.')).not.toBeNull();
    expect(r.prose('Predict hit or miss for each read.')).toBeNull();
    const all = revealerFor(ctx('tlb-sequence', ['miss', 'miss', 'miss', 'miss']));
    expect(all.prose('With LRU, the page needed next is always the one just thrown out.')).not.toBeNull();
    expect(all.prose('Predict hit or miss for each of the ten reads.')).toBeNull();
  });

  it('words: named alone in a sentence gives it away; listed with the other options does not', () => {
    const r = revealerFor(ctx('fault-resolution', 'cow-copy', { alternatives: ['cow-copy', 'cow-reuse', 'demand-zero'] }));
    expect(r.prose('A write to a shared page makes the kernel copy it (`cow-copy`).')).not.toBeNull();
    expect(r.prose('The kernel may answer with demand-zero, cow-copy or cow-reuse.')).toBeNull();
    expect(r.prose('The kernel copies the page.')).toBeNull();
  });

  it('counts: RSS, refcounts, faults and hits in their words', () => {
    expect(revealerFor(ctx('pss', 2.5)).prose('P: RSS 3 · PSS 2.5')).toContain('PSS 2.5');
    expect(revealerFor(ctx('refcount', 2)).prose('frame 6 is mapped 2 times')).not.toBeNull();
    expect(revealerFor(ctx('refcount', 2)).prose('(shared, 2 mappings)')).not.toBeNull();
    expect(revealerFor(ctx('refcount', 2)).prose('two processes, 2 pages each')).toBeNull();
    expect(revealerFor(ctx('reference-faults', 9)).prose('FIFO gives 9 faults')).not.toBeNull();
    expect(revealerFor(ctx('reference-hits', 3)).prose('3 frames')).toBeNull();
  });
});

describe('order items name the stage, never its outcome', () => {
  it('labels of a miss, a walk, a fault and its resolution state no outcome', () => {
    const events: SimEvent[] = [
      { type: 'tlb-miss', cpu: 0, asid: 0, vpn: 3 },
      { type: 'walk', level: 0, table: 2, index: 3, pteAddr: 0x2006, value: 0, valid: false, leaf: true, pfn: 0 },
      { type: 'fault', pid: 1, tid: 1, va: 0x3000, op: 'write', cause: 'not-present', level: 0 },
      { type: 'fault-resolved', pid: 1, va: 0x3000, resolution: 'demand-zero', detail: '' },
      { type: 'tlb-hit', cpu: 0, asid: 0, vpn: 3, pfn: 9, set: 0 },
    ] as unknown as SimEvent[];
    const labels = translationStages(events);
    expect(labels).toEqual(['look up the page in the TLB', 'read the level-0 page-table entry', 'raise a page fault', 'the kernel handles the fault', 'look up the page in the TLB (again)']);
    for (const l of labels) expect(labelStatesOutcome(l)).toBeNull();
    expect(labelStatesOutcome('TLB lookup: hit')).toBe('hit');
    expect(labelStatesOutcome('read the level-1 entry: not valid')).toBe('not valid');
  });
});
