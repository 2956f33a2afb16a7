/*
 * View deltas: what crosses from the core to the page after a step is what the step
 * changed, not the whole machine. The page still receives a full `SessionView`; only the
 * transport between them sends patches (issue 11, "snapshots that cost what changed").
 *
 *   core side   ViewEncoder remembers, per session, the last view it sent and its version.
 *               The first view of a session, `fullView`, and a view of a different machine
 *               go whole; any other view goes as a patch against the last one sent.
 *   page side   ViewDecoder keeps the last view per session and applies the patch. If the
 *               patch's base is not the version it holds (a reply was lost, the page was
 *               reloaded, replies crossed), it refuses, and the caller asks for `fullView`.
 *
 * A patch is generic over plain data, so a new snapshot field needs no change here:
 *
 *   { t: 'r', v }                       replace the value with v
 *   { t: 'o', f: { name: patch }, d }   object: patch these fields, delete the names in d
 *   { t: 'a', n, i: [[index, patch]] }  array by position: length n, patch these positions
 *   { t: 'k', k, n, del, upd, add }     array of records keyed by field k (frames by pfn,
 *                                       processes by pid, log results by index …): delete
 *                                       these keys, patch these, insert these values at
 *                                       these positions; kept records keep their order
 *
 * A list is patched by position when its records keep their places, else by the first of
 * RECORD_KEYS that is unique in both lists, else by position again (always correct, maybe
 * larger). Keyframes are patched along their chain: the first against the previous view's
 * snapshot, each next one against the one before it. Applying never mutates the old view:
 * unchanged parts are shared between the old and the new view (the page treats views as
 * read-only). Typed arrays are compared by identity and sent whole when they differ.
 */
import { API_METHODS, type CommandOutcome, type PagewalkApi, type SessionView } from './api.ts';
import type { Keyframes } from './scenario/keyframes.ts';
import type { Snapshot } from './sim/snapshot.ts';

type Key = string | number;
type Plain = Record<string, unknown>;

export type Patch =
  | { t: 'r'; v: unknown }
  | { t: 'o'; f: Record<string, Patch>; d?: string[] }
  | { t: 'a'; n: number; i: [number, Patch][] }
  | { t: 'k'; k: string; n: number; del: Key[]; upd: [Key, Patch][]; add: [number, unknown][] };

/** Fields that identify a record in a list, most specific first. */
const RECORD_KEYS = ['vpn', 'pfn', 'pid', 'tid', 'id', 'index', 'slot', 'page', 'name'] as const;

function isRecord(x: unknown): x is Plain {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

/** The patch turning `a` into `b`, or null when they are equal. */
export function diff(a: unknown, b: unknown): Patch | null {
  if (a === b || (a !== a && b !== b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return { t: 'r', v: b };
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) return { t: 'r', v: b };
  if (Array.isArray(a) !== Array.isArray(b)) return { t: 'r', v: b };
  if (Array.isArray(a)) return diffList(a, b as unknown[]);
  return diffRecord(a as Plain, b as Plain);
}

function fieldCount(r: Plain): number {
  let n = 0;
  for (const _name in r) n++;
  return n;
}

function diffRecord(a: Plain, b: Plain): Patch | null {
  let fields: Record<string, Patch> | null = null;
  let count = 0;
  for (const name in b) {
    count++;
    const x = a[name];
    const y = b[name];
    // Most fields of most records are unchanged primitives: one comparison, no call.
    if (x === y && (x !== undefined || name in a)) continue;
    const p = x === undefined && !(name in a) ? { t: 'r' as const, v: y } : diff(x, y);
    if (p) (fields ??= {})[name] = p;
  }
  let deleted: string[] | undefined;
  // Same number of fields and none new means none deleted (the common case: no second pass).
  if (fields !== null || count !== fieldCount(a)) for (const name in a) if (!(name in b)) (deleted ??= []).push(name);
  if (!fields && !deleted) return null;
  return deleted ? { t: 'o', f: fields ?? {}, d: deleted } : { t: 'o', f: fields! };
}

/** Fields of the list's first record that could key the list, in RECORD_KEYS order. */
function keyCandidates(xs: unknown[]): string[] {
  const first = xs[0];
  if (!isRecord(first)) return [];
  return RECORD_KEYS.filter((k) => typeof first[k] === 'number' || typeof first[k] === 'string');
}

function diffList(a: unknown[], b: unknown[]): Patch | null {
  const keys = a.length > 0 && b.length > 0 ? keyCandidates(b) : [];
  // The same records in the same places (the common case: frames, tables, processes): patch by position.
  if (keys.length === 0 || (a.length === b.length && sameKeys(a, b, keys[0]))) return diffPositions(a, b);
  // Records came and went (a frame allocated in a sparse list, the log moving on): patch by the first key that is unique in both.
  for (const k of keys) {
    const p = diffKeyed(a, b, k);
    if (p) return p;
  }
  return diffPositions(a, b);
}

function diffPositions(a: unknown[], b: unknown[]): Patch | null {
  let changed: [number, Patch][] | null = null;
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    if (a[i] === b[i]) continue;
    const p = diff(a[i], b[i]);
    if (p) (changed ??= []).push([i, p]);
  }
  for (let i = common; i < b.length; i++) (changed ??= []).push([i, { t: 'r', v: b[i] }]);
  if (!changed && a.length === b.length) return null;
  return { t: 'a', n: b.length, i: changed ?? [] };
}

function sameKeys(a: unknown[], b: unknown[], k: string): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (!isRecord(x) || !isRecord(y) || x[k] !== y[k]) return false;
  }
  return true;
}

/** Index records by key; null if one lacks the key or two share it (then `k` cannot key the list). */
function byKey(xs: unknown[], k: string): Map<Key, number> | null {
  const m = new Map<Key, number>();
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (!isRecord(x)) return null;
    const v = x[k];
    if ((typeof v !== 'number' && typeof v !== 'string') || m.has(v)) return null;
    m.set(v, i);
  }
  return m;
}

/** The keyed patch, or null when `k` does not key both lists or the kept records changed order. */
function diffKeyed(a: unknown[], b: unknown[], k: string): Patch | null {
  const old = byKey(a, k);
  if (!old) return null;
  const next = byKey(b, k);
  if (!next) return null;
  const del: Key[] = [];
  for (const key of old.keys()) if (!next.has(key)) del.push(key);
  const upd: [Key, Patch][] = [];
  const add: [number, unknown][] = [];
  let lastOld = -1;
  for (let i = 0; i < b.length; i++) {
    const key = (b[i] as Plain)[k] as Key;
    const j = old.get(key);
    if (j === undefined) {
      add.push([i, b[i]]);
      continue;
    }
    // Kept records must keep their order (nothing reorders today; if something did, patch by position).
    if (j < lastOld) return null;
    lastOld = j;
    const p = diff(a[j], b[i]);
    if (p) upd.push([key, p]);
  }
  return { t: 'k', k, n: b.length, del, upd, add };
}

/** `a` with `patch` applied; `a` is not changed (unchanged parts are shared). */
export function applyPatch(a: unknown, patch: Patch | null): unknown {
  if (!patch) return a;
  switch (patch.t) {
    case 'r':
      return patch.v;
    case 'o': {
      const out: Plain = { ...(a as Plain) };
      for (const name in patch.f) out[name] = applyPatch(out[name], patch.f[name]);
      if (patch.d) for (const name of patch.d) delete out[name];
      return out;
    }
    case 'a': {
      const old = a as unknown[];
      const out = old.slice(0, patch.n);
      out.length = patch.n;
      for (const [i, p] of patch.i) out[i] = applyPatch(old[i], p);
      return out;
    }
    case 'k': {
      const old = a as Plain[];
      const gone = new Set<Key>(patch.del);
      const updates = new Map<Key, Patch>(patch.upd);
      const out: unknown[] = new Array(patch.n);
      let from = 0;
      let added = 0;
      for (let i = 0; i < patch.n; i++) {
        if (added < patch.add.length && patch.add[added][0] === i) {
          out[i] = patch.add[added++][1];
          continue;
        }
        while (from < old.length && gone.has(old[from][patch.k] as Key)) from++;
        if (from >= old.length) throw new ViewMismatch('a keyed patch does not fit the list it applies to');
        const rec = old[from++];
        const p = updates.get(rec[patch.k] as Key);
        out[i] = p ? applyPatch(rec, p) : rec;
      }
      return out;
    }
  }
}

/** A patch that does not fit the view it was applied to: the caller asks for the full view. */
export class ViewMismatch extends Error {}

// ---------------------------------------------------------------- session views

/** A session view as the transport carries it: whole, or a patch against version `base`. */
export type WireView =
  | { wire: 'full'; sessionId: string; version: number; view: SessionView }
  | { wire: 'patch'; sessionId: string; version: number; base: number; patch: ViewPatch };

export interface ViewPatch {
  /** The view's fields other than the snapshot and keyframes, against the last view. */
  rest: Patch | null;
  /** The final snapshot against the last view's snapshot. */
  snapshot: Patch | null;
  /** Each keyframe's snapshot against the one before it (the first against the last view's snapshot). */
  keyframes: { complete: boolean; frames: { at: number; snapshot: Patch | null }[] };
}

export type WireOutcome = Omit<CommandOutcome, 'view'> & { view: WireView };

/** The API as the transport carries it: every SessionView (also inside a CommandOutcome) as a WireView. */
export type WireApi = {
  [M in keyof PagewalkApi]: PagewalkApi[M] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => Promise<R extends SessionView ? WireView : R extends CommandOutcome ? WireOutcome : R>
    : never;
};

/** The view without the parts patched separately. */
function restOf(v: SessionView): Plain {
  const { snapshot: _s, keyframes: _k, ...rest } = v;
  return rest;
}

/** The patch turning view `a` into view `b`. */
export function diffView(a: SessionView, b: SessionView): ViewPatch {
  let before: Snapshot = a.snapshot;
  const frames = b.keyframes.frames.map((kf) => {
    const p = diff(before, kf.snapshot);
    before = kf.snapshot;
    return { at: kf.at, snapshot: p };
  });
  return { rest: diff(restOf(a), restOf(b)), snapshot: diff(a.snapshot, b.snapshot), keyframes: { complete: b.keyframes.complete, frames } };
}

/** View `a` with `patch` applied (a new object; `a` is unchanged). */
export function applyViewPatch(a: SessionView, patch: ViewPatch): SessionView {
  let before: Snapshot = a.snapshot;
  const frames = patch.keyframes.frames.map((kf) => {
    const snapshot = applyPatch(before, kf.snapshot) as Snapshot;
    before = snapshot;
    return { at: kf.at, snapshot };
  });
  const keyframes: Keyframes = { frames, complete: patch.keyframes.complete };
  const rest = applyPatch(restOf(a), patch.rest) as Omit<SessionView, 'snapshot' | 'keyframes'>;
  return { ...rest, snapshot: applyPatch(a.snapshot, patch.snapshot) as Snapshot, keyframes };
}

/** Sessions remembered at most (the service keeps 16; a few more cover ones it has dropped). */
const REMEMBERED = 32;

/** The core's side: turns each view into a WireView against the last one sent for its session. */
export class ViewEncoder {
  private readonly sent = new Map<string, { version: number; view: SessionView }>();
  private nextVersion = 1;

  encode(view: SessionView, whole = false): WireView {
    const last = this.sent.get(view.sessionId);
    const version = this.nextVersion++;
    this.sent.delete(view.sessionId);
    this.sent.set(view.sessionId, { version, view });
    if (this.sent.size > REMEMBERED) this.sent.delete(this.sent.keys().next().value!);
    if (!last || whole || restarted(last.view, view)) return { wire: 'full', sessionId: view.sessionId, version, view };
    return { wire: 'patch', sessionId: view.sessionId, version, base: last.version, patch: diffView(last.view, view) };
  }

  forget(sessionId: string): void {
    this.sent.delete(sessionId);
  }
}

/** A session whose machine was reset to a different one: send it whole. */
function restarted(a: SessionView, b: SessionView): boolean {
  return a.kind !== b.kind || diff(a.snapshot.profile, b.snapshot.profile) !== null;
}

/** The page's side: turns WireViews back into full views. */
export class ViewDecoder {
  private readonly held = new Map<string, { version: number; view: SessionView }>();

  /** The full view, or null when `w` patches a version this decoder does not hold (ask for fullView). */
  decode(w: WireView): SessionView | null {
    let view: SessionView;
    if (w.wire === 'full') view = w.view;
    else {
      const have = this.held.get(w.sessionId);
      if (!have || have.version !== w.base) return null;
      try {
        view = applyViewPatch(have.view, w.patch);
      } catch (e) {
        if (e instanceof ViewMismatch) return null;
        throw e;
      }
    }
    this.held.delete(w.sessionId);
    this.held.set(w.sessionId, { version: w.version, view });
    if (this.held.size > REMEMBERED) this.held.delete(this.held.keys().next().value!);
    return view;
  }

  forget(sessionId: string): void {
    this.held.delete(sessionId);
  }
}

const API_NAMES: ReadonlySet<string> = new Set(API_METHODS);

/** API methods that answer with a SessionView. */
type ViewMethod = { [M in keyof PagewalkApi]: PagewalkApi[M] extends (...args: never[]) => Promise<SessionView> ? M : never }[keyof PagewalkApi];

/** Methods whose answer is a SessionView (the compiler rejects a list that misses one); sandboxCommand's CommandOutcome holds one. */
const VIEW_METHODS: ReadonlySet<string> = new Set(
  Object.keys({ openLesson: true, goToStep: true, currentView: true, fullView: true, freshQuiz: true, openSandbox: true, sandboxGoTo: true } satisfies Record<ViewMethod, true>),
);

function isOutcome(x: unknown): x is CommandOutcome {
  return isRecord(x) && isRecord(x.view) && 'error' in x && 'result' in x;
}

/** Wrap an API (the service) so that its views leave as WireViews: for the core's host. */
export function encodeViews(api: PagewalkApi): WireApi {
  const encoder = new ViewEncoder();
  const out: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  return new Proxy(api as unknown as WireApi, {
    get(target, name) {
      const fn = Reflect.get(target, name);
      if (typeof name !== 'string' || typeof fn !== 'function' || !API_NAMES.has(name)) return fn;
      return (out[name] ??= async (...args: unknown[]) => {
        const value: unknown = await (fn as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (name === 'closeSession') encoder.forget(String(args[0]));
        if (VIEW_METHODS.has(name)) return encoder.encode(value as SessionView, name === 'fullView');
        if (name === 'sandboxCommand' && isOutcome(value)) return { ...value, view: encoder.encode(value.view) };
        return value;
      });
    },
  });
}

/** Wrap a transport's API (WireViews) so the page sees full views: for the page. */
export function decodeViews(wire: WireApi): PagewalkApi {
  const decoder = new ViewDecoder();
  const full = async (w: WireView): Promise<SessionView> => {
    const view = decoder.decode(w);
    if (view) return view;
    // A lost or crossed patch: ask for the whole view, which resets the core's side too.
    const whole = decoder.decode(await wire.fullView(w.sessionId));
    if (!whole) throw new Error('the simulator sent a view the page cannot read');
    return whole;
  };
  const out: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  // Only the API's methods are wrapped; anything else the object offers (the desktop's extras) passes through.
  return new Proxy(wire as unknown as PagewalkApi, {
    get(target, name) {
      const fn = Reflect.get(target, name);
      if (typeof name !== 'string' || typeof fn !== 'function' || !API_NAMES.has(name)) return fn;
      return (out[name] ??= async (...args: unknown[]) => {
        const value: unknown = await (fn as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (name === 'closeSession') decoder.forget(String(args[0]));
        if (VIEW_METHODS.has(name)) return full(value as WireView);
        if (name === 'sandboxCommand' && isRecord(value) && isRecord(value.view)) return { ...value, view: await full(value.view as unknown as WireView) };
        return value;
      });
    },
  });
}
