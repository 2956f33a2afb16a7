/*
 * Work budgets: how much one step, and one whole scenario document, may make the machine
 * do. Lessons and sandbox commands come from anyone; a step that asks for a 2^46-byte
 * munmap or a million-entry reference string must fail in well under a second with a
 * message an author can act on, not freeze the app.
 *
 *   references  memory accesses and reference-string entries
 *   pages       pages the kernel handles: maps, unmaps, copies, protects, or looks at to evict
 *   evictions   pages pushed out to swap, or out of a reference string's frames
 *   threads     threads created (a spawn or a fork creates one)
 *   events      trace events recorded
 *
 * `WorkMeter` counts per step (reset by `beginStep`) and for the document (never reset);
 * `spend` throws `WorkLimitError`, a SimError, the moment a count would pass its limit,
 * so a step fails like any refused system call and the run goes on. The validator
 * applies the same meter, so what it passes the app can play.
 */
import type { SimEvent } from './events.ts';
import { SimError } from './errors.ts';
import { t } from '../i18n/index.ts';

export type WorkKind = 'references' | 'pages' | 'evictions' | 'threads' | 'events';

export interface WorkLimits {
  step: Record<WorkKind, number>;
  document: Record<WorkKind, number>;
  /** A reference string's table (references × frames) is kept whole for the app to draw. */
  referenceTableCells: number;
}

export const WORK_LIMITS: WorkLimits = {
  step: { references: 100_000, pages: 524_288, evictions: 100_000, threads: 64, events: 200_000 },
  document: { references: 1_000_000, pages: 8_388_608, evictions: 1_000_000, threads: 1024, events: 2_000_000 },
  referenceTableCells: 4_000_000,
};

/** The work each kind counts, as the select value of the limit messages. */
const SELECT: Record<WorkKind, string> = { references: 'references', pages: 'pages', evictions: 'evictions', threads: 'threads', events: 'events' };

export class WorkLimitError extends SimError {
  constructor(
    readonly kind: WorkKind,
    readonly scope: 'step' | 'document',
    readonly limit: number,
    message: string,
  ) {
    super(message);
  }
}


export class WorkMeter {
  private readonly stepUsed: Record<WorkKind, number> = { references: 0, pages: 0, evictions: 0, threads: 0, events: 0 };
  private readonly documentUsed: Record<WorkKind, number> = { references: 0, pages: 0, evictions: 0, threads: 0, events: 0 };

  constructor(readonly limits: WorkLimits = WORK_LIMITS) {}

  beginStep(): void {
    for (const k of Object.keys(this.stepUsed) as WorkKind[]) this.stepUsed[k] = 0;
  }

  used(kind: WorkKind, scope: 'step' | 'document' = 'step'): number {
    return (scope === 'step' ? this.stepUsed : this.documentUsed)[kind];
  }

  /** Count `n` units of `kind`; throws before counting if that would pass a limit. */
  spend(kind: WorkKind, n = 1): void {
    const step = this.stepUsed[kind] + n;
    if (step > this.limits.step[kind]) {
      throw new WorkLimitError(kind, 'step', this.limits.step[kind], t('scenario.limit.step', { n: this.limits.step[kind], kind: SELECT[kind] }));
    }
    const doc = this.documentUsed[kind] + n;
    if (doc > this.limits.document[kind]) {
      throw new WorkLimitError(kind, 'document', this.limits.document[kind], t('scenario.limit.document', { n: this.limits.document[kind], kind: SELECT[kind] }));
    }
    this.stepUsed[kind] = step;
    this.documentUsed[kind] = doc;
  }

  /** A reference string is checked as a whole before it runs: its length, and the table it makes. */
  spendReferenceString(references: number, frames: number): void {
    if (references * frames > this.limits.referenceTableCells) {
      throw new WorkLimitError(
        'references',
        'step',
        this.limits.referenceTableCells,
        t('scenario.limit.referenceTable', { references, frames, cells: references * frames, limit: this.limits.referenceTableCells }),
      );
    }
    this.spend('references', references);
  }
}

/**
 * The events of one step, counted as they are recorded: the machine and the MMU push to
 * this list, and the push that passes the budget throws instead of growing it.
 */
export class MeteredEvents extends Array<SimEvent> {
  // Arrays made by map/filter/slice on this list are plain arrays, not metered ones.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  #meter: WorkMeter | null = null;

  /** `list` (a fresh list by default, or one of a subclass that also watches the events) metered by `meter`. */
  static over<T extends MeteredEvents>(meter: WorkMeter, list?: T): T | MeteredEvents {
    const l = list ?? new MeteredEvents();
    l.#meter = meter;
    return l;
  }

  override push(...events: SimEvent[]): number {
    this.#meter?.spend('events', events.length);
    return super.push(...events);
  }
}
