/*
 * Running an experiment: plan it (its kind's planner turns the parameters into one
 * function per point), then compute the points in order. `ExperimentJob` does a few
 * points at a time, so a host can report progress and stop between points (the app's
 * service runs a job in slices through the API); `runExperiment` runs one to the end
 * with callbacks (the CLI, tests, lessons).
 *
 * Same document and seed → same table, row for row.
 */
import { planFork, planNuma, planPageTables, planTlb } from './machine-runs.ts';
import { planReplacement, planWorkingSet } from './replacement.ts';
import type { ExperimentSpec } from './schema.ts';
import type { ExperimentPlan, ExperimentTable, Row, RunOptions } from './types.ts';

export function planExperiment(spec: ExperimentSpec): ExperimentPlan {
  switch (spec.kind) {
    case 'replacement':
      return planReplacement(spec);
    case 'working-set':
      return planWorkingSet(spec);
    case 'tlb':
      return planTlb(spec);
    case 'page-tables':
      return planPageTables(spec);
    case 'numa':
      return planNuma(spec);
    case 'fork':
      return planFork(spec);
  }
}

export class ExperimentJob {
  readonly plan: ExperimentPlan;
  private readonly rows: Row[] = [];
  private next = 0;
  private stopped = false;

  constructor(readonly spec: ExperimentSpec) {
    this.plan = planExperiment(spec);
  }

  get total(): number {
    return this.plan.points.length;
  }

  get done(): number {
    return this.next;
  }

  get finished(): boolean {
    return this.stopped || this.next >= this.total;
  }

  /** Compute points until `count` are done or `deadline` (a performance.now() time) has passed; returns the rows they added. */
  advance(count = Infinity, deadline = Infinity, now: () => number = () => performance.now()): Row[] {
    const added: Row[] = [];
    for (let i = 0; i < count && !this.finished; i++) {
      const rows = this.plan.points[this.next++]();
      this.rows.push(...rows);
      added.push(...rows);
      if (now() >= deadline) break;
    }
    return added;
  }

  cancel(): void {
    this.stopped = true;
  }

  table(): ExperimentTable {
    const { title, columns, plot } = this.plan;
    const rows = [...this.rows];
    return { kind: this.spec.kind, title, columns, plot, rows, notes: this.plan.notes(rows), partial: this.next < this.total, done: this.next, total: this.total };
  }
}

export function runExperiment(spec: ExperimentSpec, options: RunOptions = {}): ExperimentTable {
  const job = new ExperimentJob(spec);
  while (!job.finished) {
    if (options.shouldStop?.()) job.cancel();
    else {
      job.advance(1);
      options.onProgress?.(job.done, job.total);
    }
  }
  return job.table();
}
