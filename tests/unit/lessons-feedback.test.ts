/*
 * Feedback that finds the mistake, per observation kind: a wrong prediction typical of a
 * learner's mistaken model is answered with the specific step of the run where the model
 * and the machine part ways — the entry, the access, the reference, the frame count —
 * always in sentences, never a raw trace line.
 */
import { describe, expect, it } from 'vitest';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { show } from '../fixtures/packs/helpers.ts';
import { answerAt, loaded, optionId, pack } from '../fixtures/feedback-pack.ts';

/** A trace line looks like "A read 0x1234 → 0x8234 (frame 8): TLB miss; …": feedback is never one. */
const TRACE_LINE = /→ 0x[0-9a-f]+ \(frame \d+\):|TLB (hit|miss);/;

describe('feedback names where the prediction fails', () => {
  it('loads the test pack', () => expect(show(loaded.diagnostics.filter((d) => d.severity === 'error'))).toBe(''));

  it('physical address: the virtual address itself is "no translation", and the leaf entry says which frame', () => {
    const f = answerAt('l1', 'pa', { kind: 'address', text: '0x1234' });
    expect(f.divergence).toMatch(/^0x1234 is the virtual address itself: the MMU replaces the page number 0x1 with the frame number 8, keeping the offset 0x234\. The level-0 entry \(index 1 of the table in frame \d+\) was valid and gave frame 8\.$/);
  });

  it('frame: another process\'s frame means one page table for everyone', () => {
    expect(answerAt('l1', 'frame', { kind: 'number', value: 20 }).divergence).toMatch(/^Frame 20 holds B 0x1000, not A's page: each process has its own page table, and in A's the level-0 entry .* gave frame 8\.$/);
    expect(answerAt('l1', 'frame', { kind: 'number', value: 1 }).divergence).toMatch(/^Frame 1 is the page number itself: a page can be in any frame/);
  });

  it('value: what the other process wrote at the same address lives in its own frame', () => {
    expect(answerAt('l1', 'value', { kind: 'number', value: 55 }).divergence).toMatch(/^55 is what B sees at the same address, in a frame of its own: A's the level-0 entry .* gave frame 8, and the byte there is 77\.$/);
  });

  it('tlb: a page pushed out by four others misses, and the text says so', () => {
    const f = answerAt('l1', 'tlb-evicted', { kind: 'yesno', value: true });
    expect(f.correct).toBe(false);
    expect(f.divergence).toMatch(/^You expected a hit, but the TLB no longer held page 0x1|^You expected a hit, but page 0x1 had/);
  });

  it('tlb sequence: the first wrong access, and the context switch that flushed the TLB', () => {
    const f = answerAt('l1', 'tlb-flush', { kind: 'sequence', items: ['miss', 'miss', 'hit'] });
    expect(f.divergence).toMatch(/^The first difference is the 3rd access \(0x2004\): it was a miss, not a hit, because the switch to another process on CPU 0 flushed the TLB after page 0x2 was cached\.$/);
  });

  it('faults: the entry that was not valid', () => {
    expect(answerAt('l1', 'faults', { kind: 'yesno', value: false }).divergence).toMatch(/^You expected no fault, but the level-0 entry \(index 10 of the table in frame \d+\) was not valid, so the access faulted \(not-present\)\./);
  });

  it('fault cause (choice): what the chosen cause needs, and the entry that shows it was not so', () => {
    const f = answerAt('l1', 'cause', { kind: 'choice', option: optionId('l1', 'cause', 'protection') });
    expect(f.divergence).toBe('For protection, the entry would have to be valid but forbid this kind of access; but the level-0 entry (index 10 of the table in frame ' + /frame (\d+)\)/.exec(f.divergence!)![1] + ') was not valid, so the MMU reported not-present at level 0.');
  });

  it('segfault: no memory area, so nothing to handle', () => {
    expect(answerAt('l1', 'segfault', { kind: 'yesno', value: false }).divergence).toMatch(/^You expected the process to survive, but the kernel found no way to handle the fault: .*0xa000/);
  });

  it('translation order: the first stage out of place, and why it comes there', () => {
    const l = pack.lessons[0];
    const p = new LessonPlayer(pack, 'l1', undefined);
    p.goTo(l.steps.findIndex((s) => s.quiz?.id === 'order'));
    const items = p.view().step.quiz!.options;
    const id = (label: string) => items.find((o) => o.label === label)!.id;
    const f = p.answer({ kind: 'order', items: [id('read the level-0 page-table entry'), id('look up the page in the TLB'), id('store the translation in the TLB'), id('read the data from physical memory')] });
    expect(f.divergence).toBe('The 1st stage is "look up the page in the TLB", not "read the level-0 page-table entry": every access asks the TLB first; it had no entry for page 0x6.');
  });

  it('free frames: the frames the observed access took, page tables included', () => {
    const f = answerAt('l1', 'free', { kind: 'number', value: 0 });
    expect(f.divergence).toMatch(/^Of 32 frames, .* are in use, so \d+ are free\.$/);
  });

  it('reference strings: the first reference that differs, with what the frames held', () => {
    const f = answerAt('l1', 'reference', { kind: 'sequence', items: ['miss', 'miss', 'miss', 'miss', 'miss', 'hit'] });
    expect(f.divergence).toBe('At the 4th reference (page 1) the frames held [1 2 3], so it was a hit.');
    const c = answerAt('l1', 'faults-count', { kind: 'number', value: 6 });
    expect(c.divergence).toBe('FIFO with 3 frames misses at references 1, 2, 3, 5, 6 (✗) and hits at the others: 1✗ 2✗ 3✗ 1✓ 4✗ 1✗ — 5 faults and 1 hit.');
  });

  it('refcount: counting before the write, when the write gave the writer its own copy', () => {
    const f = answerAt('fork', 'refs', { kind: 'number', value: 2 });
    expect(f.divergence).toBe('Frame 4 is mapped by P 0x2000: 1 mapping. You counted the mappings before the write. C\'s write faulted on the shared copy-on-write page, and the kernel gave C a copy in frame 8, so frame 4 lost that mapping.');
  });

  it('fault resolution (choice): cow-copy needs a shared frame, and the count before the write shows it was not', () => {
    const f = answerAt('fork', 'reuse', { kind: 'choice', option: optionId('fork', 'reuse', 'cow-copy') });
    expect(f.divergence).toMatch(/^For cow-copy, the page would have to be copy-on-write and its frame still shared with another process; but the fault was protection and the kernel resolved it by making the entry writable again, as nobody else shares the frame \(cow-reuse\)\. Before the write, frame \d+ was mapped 1 time\.$/);
  });

  it('per-answer notes from the author are shown for that answer only', () => {
    const f = answerAt('fork', 'copy', { kind: 'choice', option: optionId('fork', 'copy', 'cow-reuse') });
    expect(f.optionNote).toMatch(/^Reuse needs the frame to have no other user/);
    expect(answerAt('fork', 'copy', { kind: 'choice', option: optionId('fork', 'copy', 'demand-zero') }).optionNote).toBeNull();
  });

  it('pss: every page with its sharers, and the rule', () => {
    expect(answerAt('fork', 'pss', { kind: 'number', value: 3 }).divergence).toMatch(/^P maps \d+ pages: .*shared by 2.*\. PSS counts a page shared by n processes as 1\/n of a page\.$/);
  });

  it('fault level (choice): the walk never reached level 1 when the directory entry was not valid', () => {
    const wrongLevel = answerAt('two', 'level', { kind: 'choice', option: optionId('two', 'level', '0') });
    // 0x0460 shares 0x0400's page-directory entry, so the walk reaches level 1 and stops there.
    expect(wrongLevel.divergence).toMatch(/^The level-0 entry was valid \(it points to the table in frame \d+\); the walk went on and stopped at level 1, whose entry \(index 3\) was not valid\.$/);
  });

  it('no feedback is a raw trace line', () => {
    const all = [
      answerAt('l1', 'pa', { kind: 'address', text: '0x2000' }),
      answerAt('l1', 'faults', { kind: 'yesno', value: false }),
      answerAt('fork', 'reuse', { kind: 'choice', option: optionId('fork', 'reuse', 'demand-zero') }),
    ];
    for (const f of all) {
      expect(f.divergence).not.toMatch(TRACE_LINE);
      expect(f.explanation).not.toMatch(TRACE_LINE);
      expect(f.divergence!.trim()).toMatch(/^[A-Z0-9"].*[.]$/s);
    }
  });
});
