/*
 * Copying a running scenario, so a quiz can be tried on a copy of the machine without
 * replaying the lesson from the start for every random instance.
 *
 * The machine is a graph of plain class instances, Maps, Sets, arrays and typed arrays
 * (physical memory is one ArrayBuffer seen through a Uint8Array, a Uint32Array and a
 * DataView). We copy that graph keeping prototypes and shared references (the TLBs and
 * the kernel share one random generator; the views share one buffer). Profiles and the
 * scenario document are never changed by a run, so they are shared, not copied.
 *
 * Replaying is the reference behaviour: tests check that a copy and a replay give the
 * same events and snapshots, step for step.
 */
import type { ScenarioRun } from '../scenario/run.ts';
import { DenseMemory, type FileRef, type Frame, type Mapping } from '../sim/memory.ts';

type Memo = Map<unknown, unknown>;

/**
 * In the memo, for a buffer whose first view met covers all of it: that view's copy, made
 * with the typed array's own copy constructor (a small one lives on the JavaScript heap,
 * cheaper to make and to collect than a separate ArrayBuffer). A second view of the same
 * buffer, or the buffer itself, then takes the copy's buffer, so views that shared a buffer
 * still share one in the copy.
 */
class CopiedWithView {
  constructor(readonly view: ArrayBufferView) {}
}

const OBJECT_PROTO = Object.prototype;
const hasOwn = Object.prototype.hasOwnProperty;

function copyValue(v: unknown, memo: Memo): unknown {
  if (v === null || typeof v !== 'object') return v; // primitives; functions are shared (see cloneRun)
  const seen = memo.get(v);
  if (seen !== undefined) return seen instanceof CopiedWithView ? seen.view.buffer : seen;
  if (Array.isArray(v)) {
    const n = v.length;
    const c: unknown[] = new Array(n);
    memo.set(v, c);
    for (let i = 0; i < n; i++) {
      const x = v[i];
      c[i] = x === null || typeof x !== 'object' ? x : copyValue(x, memo);
    }
    return c;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto === OBJECT_PROTO) {
    const c: Record<string, unknown> = {};
    memo.set(v, c);
    for (const k in v as Record<string, unknown>) {
      const x = (v as Record<string, unknown>)[k];
      c[k] = x === null || typeof x !== 'object' ? x : copyValue(x, memo);
    }
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
  if (v instanceof ArrayBuffer) {
    const c = v.slice(0);
    memo.set(v, c);
    return c;
  }
  if (ArrayBuffer.isView(v)) {
    const isTyped = !(v instanceof DataView);
    if (isTyped && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && !memo.has(v.buffer)) {
      const Copy = v.constructor as new (from: ArrayBufferView) => ArrayBufferView;
      const c = new Copy(v);
      memo.set(v, c);
      memo.set(v.buffer, new CopiedWithView(c));
      return c;
    }
    const buffer = copyValue(v.buffer, memo) as ArrayBuffer;
    let c: ArrayBufferView;
    if (!isTyped) c = new DataView(buffer, v.byteOffset, v.byteLength);
    else {
      const Ctor = v.constructor as new (b: ArrayBuffer, offset: number, length: number) => ArrayBufferView;
      c = new Ctor(buffer, v.byteOffset, (v as unknown as { length: number }).length);
    }
    memo.set(v, c);
    return c;
  }
  const c = Object.create(proto) as Record<string, unknown>;
  memo.set(v, c);
  for (const k in v as Record<string, unknown>) {
    if (!hasOwn.call(v, k)) continue;
    const x = (v as Record<string, unknown>)[k];
    c[k] = x === null || typeof x !== 'object' ? x : copyValue(x, memo);
  }
  return c;
}

/** The private OPT oracle of ScenarioRun, which the machine calls back through a closure. */
interface WithOracle {
  nextUse(pid: number, vpn: number): number;
}

/**
 * Lend `spare` (physical memory of a copy nobody needs any more) to the new copy: only
 * frames in use are copied into it. A free frame's bytes are never read before the
 * kernel initialises the frame (every allocation zeroes it or copies a whole page into
 * it), so the stale bytes it holds cannot be observed. Machines with a raw memory image
 * are the exception (a walk may read any frame), so they are copied whole. Only a dense
 * memory has one buffer to lend; a sparse one is copied frame by frame by copyValue.
 */
function lendMemory(run: ScenarioRun, mem: DenseMemory, spare: ArrayBuffer, memo: Memo): void {
  mem.copyInUseInto(new Uint8Array(spare), run.machine.imageRoot !== null);
  memo.set(mem.bytes.buffer, spare);
}

/**
 * A dense memory has a record for every frame, free or not (16,384 of them on a 64 MiB
 * machine): copy them by their known shape instead of field by field, which is most of
 * what copying a big machine costs. A frame in use goes through the memo (its mappings
 * and file may be shared). A free frame's record is reachable only from `frames` (the
 * kernel looks frames up by number and keeps no record between steps; a test walks the
 * whole machine to check it), so its copy needs no memo entry: two Map entries per frame
 * cost more than the record itself (3.5 of 5.4 ms for 16,384 frames).
 */
function copyFrameRecords(frames: Frame[], memo: Memo): void {
  const copies: Frame[] = new Array(frames.length);
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    const c: Frame = { ...f };
    if (f.mappings.length === 0) {
      c.mappings = [];
      if (f.kind === 'free' && f.file === null) {
        copies[i] = c;
        continue;
      }
      memo.set(f.mappings, c.mappings);
    } else c.mappings = copyValue(f.mappings, memo) as Mapping[];
    if (f.file) c.file = copyValue(f.file, memo) as FileRef;
    memo.set(f, c);
    copies[i] = c;
  }
  memo.set(frames, copies);
}

/**
 * An independent copy of `run`: applying steps to it never changes `run`. Step results
 * recorded so far are shared (they are never modified once made). `recycle`, a copy of a
 * run of the same lesson that the caller will not use again, lends its memory buffer,
 * which saves allocating (and collecting) one for every quiz instance.
 */
export function cloneRun(run: ScenarioRun, recycle?: ScenarioRun): ScenarioRun {
  const memo: Memo = new Map();
  const mem = run.machine.mem;
  const old = recycle?.machine.mem;
  if (mem instanceof DenseMemory && old instanceof DenseMemory) {
    const buffer = mem.bytes.buffer;
    const spare = old.bytes.buffer;
    if (spare !== buffer && spare.byteLength === buffer.byteLength && recycle!.scenario === run.scenario) lendMemory(run, mem, spare as ArrayBuffer, memo);
  }
  if (mem instanceof DenseMemory) copyFrameRecords(mem.frames, memo);
  memo.set(run.profile, run.profile);
  memo.set(run.scenario, run.scenario);
  memo.set(run.results, [...run.results]);
  // A keyframe recorder watching the original (the app's animation) does not follow the copy.
  if (run.observer) memo.set(run.observer, null);
  if (run.machine.events) memo.set(run.machine.events, [...run.machine.events]);
  const copy = copyValue(run, memo) as ScenarioRun;
  // The machine asks its run for OPT's look-ahead through a closure bound to the original:
  // rebind it to the copy, which has its own cursor.
  copy.machine.nextUse = (pid, vpn) => (copy as unknown as WithOracle).nextUse(pid, vpn);
  return copy;
}
