/*
 * Records keyed by names that come from outside: pack, lesson and quiz ids, parameter and
 * process names, keys of a stored progress file. A plain object already "has" the names
 * of Object.prototype (`constructor`, `toString`, `__proto__` …), so `record[id]` can
 * return a function and `record[id] = value` can replace the object's prototype, or,
 * through `record.constructor`, a method of `Object` itself.
 *
 *   dict()            a record with no prototype: every name is an ordinary key
 *   own(r, k)         r[k] if r has k as its own property, else undefined
 *   withEntry(r,k,v)  a copy of r (without prototype) with k set to v
 *
 * Records that crossed a structured clone or a JSON round trip have a prototype again,
 * which is why reads always go through `own`.
 */

export type Dict<T> = Record<string, T>;

export function dict<T>(): Dict<T> {
  return Object.create(null) as Dict<T>;
}

export function own<T>(record: Dict<T> | null | undefined, key: string): T | undefined {
  return record !== null && record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function hasOwnKey(record: object | null | undefined, key: string): boolean {
  return record !== null && record !== undefined && Object.hasOwn(record, key);
}

export function withEntry<T>(record: Dict<T> | null | undefined, key: string, value: T): Dict<T> {
  const out = dict<T>();
  if (record) for (const k of Object.keys(record)) out[k] = record[k];
  out[key] = value;
  return out;
}

/**
 * Names no pack, lesson or quiz id may take: those every JavaScript object already has.
 * The app would cope (it reads records through `own`), but other tools reading exported
 * progress might not, and an author gains nothing from them.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'prototype',
  'toLocaleString',
  'toString',
  'valueOf',
]);

export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name);
}
