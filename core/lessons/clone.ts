/*
 * Copying a running scenario, so a quiz can be tried on a copy of the machine without
 * replaying the lesson from the start for every random instance.
 *
 * The machine is a graph of plain class instances, Maps, Sets, arrays and typed arrays
 * (physical memory is one ArrayBuffer seen through a Uint8Array and a DataView). We copy
 * that graph keeping prototypes and shared references (the TLBs and the kernel share one
 * random generator; the DataView and the byte array share one buffer). Profiles and the
 * scenario document are never changed by a run, so they are shared, not copied.
 *
 * Replaying is the reference behaviour: tests check that a copy and a replay give the
 * same events and snapshots, step for step.
 */
import { ScenarioRun } from '../scenario/run.ts';

type Memo = Map<unknown, unknown>;

function copyValue(v: unknown, memo: Memo): unknown {
  if (v === null || typeof v !== 'object') return v; // primitives; functions are handled by the caller
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  if (v instanceof ArrayBuffer) {
    const c = v.slice(0);
    memo.set(v, c);
    return c;
  }
  if (ArrayBuffer.isView(v)) {
    const buffer = copyValue(v.buffer, memo) as ArrayBuffer;
    let c: ArrayBufferView;
    if (v instanceof DataView) c = new DataView(buffer, v.byteOffset, v.byteLength);
    else {
      const Ctor = v.constructor as new (b: ArrayBuffer, offset: number, length: number) => ArrayBufferView;
      c = new Ctor(buffer, v.byteOffset, (v as unknown as { length: number }).length);
    }
    memo.set(v, c);
    return c;
  }
  if (Array.isArray(v)) {
    const c: unknown[] = new Array(v.length);
    memo.set(v, c);
    for (let i = 0; i < v.length; i++) c[i] = copyValue(v[i], memo);
    return c;
  }
  if (v instanceof Map) {
    const c = new Map();
    memo.set(v, c);
    for (const [k, x] of v) c.set(copyValue(k, memo), copyValue(x, memo));
    return c;
  }
  if (v instanceof Set) {
    const c = new Set();
    memo.set(v, c);
    for (const x of v) c.add(copyValue(x, memo));
    return c;
  }
  const c = Object.create(Object.getPrototypeOf(v)) as Record<string, unknown>;
  memo.set(v, c);
  for (const key of Object.keys(v)) c[key] = copyValue((v as Record<string, unknown>)[key], memo);
  return c;
}

/** The private OPT oracle of ScenarioRun, which the machine calls back through a closure. */
interface WithOracle {
  nextUse(pid: number, vpn: number): number;
}

/**
 * An independent copy of `run`: applying steps to it never changes `run`. Step results
 * recorded so far are shared (they are never modified once made).
 */
export function cloneRun(run: ScenarioRun): ScenarioRun {
  const memo: Memo = new Map();
  memo.set(run.profile, run.profile);
  memo.set(run.scenario, run.scenario);
  memo.set(run.results, [...run.results]);
  if (run.machine.events) memo.set(run.machine.events, [...run.machine.events]);
  const copy = copyValue(run, memo) as ScenarioRun;
  // The machine asks its run for OPT's look-ahead through a closure bound to the original:
  // rebind it to the copy, which has its own cursor.
  copy.machine.nextUse = (pid, vpn) => (copy as unknown as WithOracle).nextUse(pid, vpn);
  return copy;
}
