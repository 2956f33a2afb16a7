/*
 * Keyframes: the machine as it was at moments inside a step, so the graph can play the
 * step over the state *before* it and change each part when its event happens, instead
 * of drawing a whole step's path over the state after it (where a walk that found an
 * invalid entry would be drawn over the entry the kernel has since filled in).
 *
 * A keyframe is the snapshot just before event `at` of the recorded events:
 *
 *     events   tlb-miss walk fault | frame-alloc map fault-resolved | tlb-miss walk tlb-fill translate
 *     frames   K0 (before the step)                                   K1 (after the repair, before the retry)
 *     final    the run's snapshot after the last event
 *
 * One is taken before each scenario step and before each translation attempt (a TLB
 * lookup starts one), but only when some event since the previous keyframe changed the
 * machine; a walk or a TLB probe reads the machine without changing it, so a run of
 * reads shares one keyframe until something (a TLB fill, an A/D update) changes it.
 * At most `limit` keyframes are kept; a step with more attempts than that says so
 * (`complete: false`) and the app shows its end state after the last recorded one.
 */
import type { SimEvent } from '../sim/events.ts';
import type { Snapshot } from '../sim/snapshot.ts';
import type { RunObserver, ScenarioRun } from './run.ts';

export interface Keyframe {
  /** Index, in the recorded events, of the first event that happened after this state. */
  at: number;
  snapshot: Snapshot;
}

export interface Keyframes {
  frames: Keyframe[];
  /** False when the limit cut the recording short: later attempts have no keyframe of their own. */
  complete: boolean;
}

/** Events that only read the machine (or report on a read): they never need a new keyframe. */
const READS_ONLY: ReadonlySet<SimEvent['type']> = new Set<SimEvent['type']>(['tlb-hit', 'tlb-miss', 'walk', 'translate', 'fault', 'memory-read', 'numa-access', 'note']);

export const KEYFRAME_LIMIT = 24;

/** Records keyframes of whatever runs on `run` while it is attached (see attach/detach). */
export class KeyframeRecorder implements RunObserver {
  readonly frames: Keyframe[] = [];
  complete = true;
  private count = 0;
  /** Whether the machine changed since the last keyframe (true at first: nothing recorded yet). */
  private changed = true;
  private run: ScenarioRun | null = null;

  constructor(private readonly limit = KEYFRAME_LIMIT) {}

  /** Start watching `run` (one run at a time); returns the recorder for chaining. */
  attach(run: ScenarioRun): this {
    this.run = run;
    run.observer = this;
    return this;
  }

  /** Stop watching; the run can then be copied or kept without the recorder inside it. */
  detach(): Keyframes {
    if (this.run && this.run.observer === this) this.run.observer = null;
    this.run = null;
    return { frames: this.frames, complete: this.complete };
  }

  stepStart(): void {
    this.keyframe();
  }

  event(e: SimEvent): void {
    if (e.type === 'tlb-hit' || e.type === 'tlb-miss') this.keyframe();
    this.count++;
    if (!READS_ONLY.has(e.type)) this.changed = true;
  }

  private keyframe(): void {
    if (!this.changed || !this.run) return;
    if (this.frames.length >= this.limit) {
      this.complete = false;
      return;
    }
    this.frames.push({ at: this.count, snapshot: this.run.snapshot() });
    this.changed = false;
  }
}

/** Run `perform` on `run` and return its keyframes (the run is left without an observer). */
export function recordKeyframes(run: ScenarioRun, perform: () => void, limit = KEYFRAME_LIMIT): Keyframes {
  const recorder = new KeyframeRecorder(limit).attach(run);
  try {
    perform();
  } finally {
    recorder.detach();
  }
  return { frames: recorder.frames, complete: recorder.complete };
}
