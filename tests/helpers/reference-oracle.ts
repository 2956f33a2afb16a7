// Slow, obviously-correct models of the reference-string policies, kept only as test
// oracles for core/sim/replacement.ts:
// - `textbookFull` is Pagewalk's original implementation (a copy of all frames at every
//   step, linear scans, indexOf look-ahead for OPT), extended with UNOPT;
// - `homeworkList` models OSTEP's paging-policy.py as its README describes it: a Python-
//   style list of resident pages (append on load, move to the end on an LRU/MRU hit)
//   with use counters for its CLOCK.
import type { RandomSource, ReferencePolicy } from '../../core/sim/replacement.ts';

export interface OracleStep {
  page: number;
  hit: boolean;
  evicted: number | null;
  slot: number;
  frames: (number | null)[];
  useBits?: boolean[];
  hand?: number;
}

export function textbookFull(pages: number[], frameCount: number, policy: Exclude<ReferencePolicy, 'ostep-clock' | 'ostep-rand'>, rng: RandomSource, optTies: 'lowest-slot' | 'ostep' = 'lowest-slot'): OracleStep[] {
  const frames: (number | null)[] = new Array(frameCount).fill(null);
  const loadedAt: number[] = new Array(frameCount).fill(0);
  const lastUsed: number[] = new Array(frameCount).fill(0);
  const use: boolean[] = new Array(frameCount).fill(false);
  let hand = 0;
  const steps: OracleStep[] = [];
  pages.forEach((page, time) => {
    let slot = frames.indexOf(page);
    let evicted: number | null = null;
    const hit = slot >= 0;
    if (!hit) {
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
    const step: OracleStep = { page, hit, evicted, slot, frames: [...frames] };
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
          return Math.floor(rng.next() * frameCount);
        case 'opt':
        case 'unopt': {
          const dist = (s: number) => {
            const next = pages.indexOf(frames[s]!, time + 1);
            return next < 0 ? Infinity : next;
          };
          const better = (d: number, bestD: number, s: number, best: number) => {
            if (d !== bestD) return policy === 'opt' ? d > bestD : d < bestD;
            if (d !== Infinity) return false;
            // ties among pages never used again
            if (optTies === 'lowest-slot') return s < best;
            return policy === 'opt' ? loadedAt[s] > loadedAt[best] : loadedAt[s] < loadedAt[best];
          };
          let best = 0;
          for (const s of slots) if (s !== 0 && better(dist(s), dist(best), s, best)) best = s;
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
  return steps;
}

/** paging-policy.py's model: returns, per reference, hit, victim and the resident list after it. */
export function homeworkList(pages: number[], cacheSize: number, policy: ReferencePolicy, rng: RandomSource, clockBits = 2): { hit: boolean; victim: number | null; memory: number[] }[] {
  const memory: number[] = [];
  const ref = new Map<number, number>();
  const out: { hit: boolean; victim: number | null; memory: number[] }[] = [];
  pages.forEach((n, index) => {
    const hit = memory.includes(n);
    let victim: number | null = null;
    if (hit && (policy === 'lru' || policy === 'mru')) {
      memory.splice(memory.indexOf(n), 1);
      memory.push(n);
    }
    if (!hit) {
      if (memory.length === cacheSize) {
        const future = (p: number) => {
          const i = pages.indexOf(p, index + 1);
          return i < 0 ? pages.length : i;
        };
        let i = 0;
        switch (policy) {
          case 'fifo':
          case 'lru':
            i = 0;
            break;
          case 'mru':
            i = memory.length - 1;
            break;
          case 'ostep-rand':
            i = Math.floor(rng.next() * memory.length);
            break;
          case 'ostep-clock':
            for (;;) {
              const j = Math.floor(rng.next() * memory.length);
              const c = ref.get(memory[j])!;
              if (c >= 1) ref.set(memory[j], c - 1);
              else {
                i = j;
                break;
              }
            }
            ref.delete(memory[i]);
            break;
          case 'opt': {
            let best = -1;
            memory.forEach((p, j) => {
              if (future(p) >= best) {
                best = future(p);
                i = j;
              }
            });
            break;
          }
          case 'unopt': {
            let best = pages.length + 1;
            memory.forEach((p, j) => {
              if (future(p) < best) {
                best = future(p);
                i = j;
              }
            });
            break;
          }
          default:
            throw new Error(`no homework model for ${policy}`);
        }
        victim = memory.splice(i, 1)[0];
      }
      memory.push(n);
    }
    ref.set(n, ref.has(n) ? Math.min(ref.get(n)! + 1, clockBits) : 1);
    out.push({ hit, victim, memory: [...memory] });
  });
  return out;
}
