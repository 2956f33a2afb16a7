/*
 * What the graph is lighting up right now: the hops of the translation being animated,
 * the entry row inside each table or TLB, faults with their cause, the step's focus and
 * the learner's pick for a "click the frame" quiz. Node components read it through
 * context, so an animation frame only re-renders the nodes whose keys change, never the
 * whole graph.
 */
import { getContext, setContext } from 'svelte';
import type { HopTone } from './path.ts';

const KEY = Symbol('pagewalk-highlight');

export class Highlight {
  /** Node id → how the current translation touched it. */
  tones = $state<Record<string, HopTone>>({});
  /** Node id → the row lit inside it (table entry index or TLB row position). */
  rows = $state<Record<string, { row: number; tone: HopTone }>>({});
  /** Node id → a fault that stopped a translation there, in words. */
  faults = $state<Record<string, string>>({});
  /** Nodes (and rows inside them) that the phase on screen has just changed. */
  changed = $state<Record<string, true>>({});
  changedRows = $state<Record<string, number>>({});
  /** The hop being shown this instant (pulses). */
  active = $state<string | null>(null);
  /** Nodes the lesson step brings forward. */
  focus = $state<Record<string, true>>({});
  /** What a pick quiz lets the learner choose on the graph, and what they chose. */
  pickable = $state<'frame' | 'process' | 'node' | null>(null);
  picked = $state<string | null>(null);

  /** The right answer of a checked pick quiz (stays marked: it is part of the feedback, not of the animation). */
  answer = $state<string | null>(null);
  /**
   * Opens or folds what a summary hides, by frame number: a big table's hidden entries (its
   * frame) or a folded run of frames (its first frame). Set by the panel; null where nothing can be opened.
   */
  toggleOpen: ((pfn: number) => void) | null = null;

  clearPath(): void {
    this.tones = {};
    this.rows = {};
    this.faults = {};
    this.active = null;
  }
}

export function provideHighlight(h: Highlight): void {
  setContext(KEY, h);
}

export function useHighlight(): Highlight {
  return getContext<Highlight>(KEY);
}
