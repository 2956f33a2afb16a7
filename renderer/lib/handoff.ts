/*
 * Passing work from one screen to the next: the Experiments screen's "open this point in
 * the sandbox" leaves a plan here (a machine and the sandbox commands that rebuild the
 * point) and switches to the sandbox, which takes it once when it opens.
 */
import type { SandboxPlan } from '../../core/experiments/sandbox.ts';

let pending: SandboxPlan | null = null;

export function handToSandbox(plan: SandboxPlan): void {
  pending = plan;
}

export function takeSandboxPlan(): SandboxPlan | null {
  const p = pending;
  pending = null;
  return p;
}
