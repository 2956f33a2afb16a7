/*
 * The reference-string experiment of every operating-systems textbook: a list of page
 * numbers, a number of frames and a replacement policy → for each reference, hit or
 * miss, the page evicted, and the frames' contents after it.
 *
 * `frames` holds the page in each frame slot (null = empty), in slot order, so the
 * result reads like the tables in the textbooks. CLOCK keeps one use bit per slot and a
 * hand that sweeps the slots, giving a second chance to pages whose bit is set.
 */
import type { ReplacementPolicy } from './profile.ts';
import { Rng } from './rng.ts';

export interface ReferenceStep {
  page: number;
  hit: boolean;
  evicted: number | null;
  /** Frame slot the page is in after this reference. */
  slot: number;
  frames: (number | null)[];
  /** CLOCK only: use bits after this reference, and where the hand points. */
  useBits?: boolean[];
  hand?: number;
}

export interface ReferenceResult {
  policy: ReplacementPolicy;
  frameCount: number;
  steps: ReferenceStep[];
  hits: number;
  faults: number;
  hitRatio: number;
}

export function runReferenceString(pages: number[], frameCount: number, policy: ReplacementPolicy, seed = 1): ReferenceResult {
  if (!Number.isInteger(frameCount) || frameCount < 1) throw new RangeError('the number of frames must be a whole number of at least 1');
  const rng = new Rng(seed);
  const frames: (number | null)[] = new Array(frameCount).fill(null);
  const loadedAt: number[] = new Array(frameCount).fill(0);
  const lastUsed: number[] = new Array(frameCount).fill(0);
  const use: boolean[] = new Array(frameCount).fill(false);
  let hand = 0;
  const steps: ReferenceStep[] = [];
  let hits = 0;
  pages.forEach((page, time) => {
    let slot = frames.indexOf(page);
    let evicted: number | null = null;
    const hit = slot >= 0;
    if (hit) {
      hits++;
    } else {
      slot = frames.indexOf(null);
      if (slot < 0) {
        slot = chooseSlot();
        evicted = frames[slot];
      }
      frames[slot] = page;
      loadedAt[slot] = time;
      if (policy === 'clock') hand = (slot + 1) % frameCount;
    }
    lastUsed[slot] = time;
    use[slot] = true;
    const step: ReferenceStep = { page, hit, evicted, slot, frames: [...frames] };
    if (policy === 'clock') {
      step.useBits = [...use];
      step.hand = hand;
    }
    steps.push(step);

    function chooseSlot(): number {
      const slots = frames.map((_, i) => i);
      switch (policy) {
        case 'fifo':
          return slots.reduce((a, b) => (loadedAt[b] < loadedAt[a] ? b : a));
        case 'lru':
          return slots.reduce((a, b) => (lastUsed[b] < lastUsed[a] ? b : a));
        case 'mru':
          return slots.reduce((a, b) => (lastUsed[b] > lastUsed[a] ? b : a));
        case 'random':
          return rng.int(frameCount);
        case 'opt': {
          // Evict the page used furthest in the future (never again = infinitely far); ties → lowest slot.
          let best = 0;
          let bestNext = -1;
          for (const s of slots) {
            const next = pages.indexOf(frames[s]!, time + 1);
            const d = next < 0 ? Infinity : next;
            if (d > bestNext) {
              best = s;
              bestNext = d;
            }
          }
          return best;
        }
        case 'clock': {
          for (;;) {
            if (!use[hand]) return hand;
            use[hand] = false;
            hand = (hand + 1) % frameCount;
          }
        }
      }
    }
  });
  const faults = pages.length - hits;
  return { policy, frameCount, steps, hits, faults, hitRatio: pages.length ? hits / pages.length : 0 };
}
