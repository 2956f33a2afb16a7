/*
 * Files, the page cache and shared memory.
 *
 *   m.files     name → SimFile: bytes on the simulated disk and the page cache
 *               (file page → frame). A page-cache frame is shared by every process that
 *               maps the page; a dirty one is written back before its frame is reused.
 *   shm:NAME    POSIX shared-memory objects are files on a tmpfs: never written back,
 *               swapped instead (SimFile.swap: page → slot); shm_unlink removes the name
 *               and the pages go once nothing maps them.
 *   anonymous   a MAP_SHARED|MAP_ANONYMOUS area is backed by an unnamed tmpfs object
 *   shared      (`shm:anon-shared#N`, born unlinked), as Linux backs it with shmem: a
 *               forked child faults in the same frames. Its pages are shmem pages, not
 *               anonymous ones (smaps counts them as Shmem, never as Anonymous).
 *   release     an unlinked tmpfs object goes, pages and swap slots with it, as soon as
 *               no memory area maps it any more.
 *   programs    the program file of a process (code pages, then initialised data) is
 *               made on first use with deterministic contents.
 */
import { SimError } from './errors.ts';
import { t } from '../i18n/index.ts';
import type { Machine } from './machine.ts';
import type { Frame } from './memory.ts';
import { allocFrame, freeFrame } from './page-alloc.ts';
import type { Process } from './process.ts';
import { releaseSlot } from './swap.ts';

export interface SimFile {
  name: string;
  size: number;
  data: Uint8Array;
  tmpfs: boolean;
  cache: Map<number, number>;
  /** tmpfs pages pushed to swap: page → slot. */
  swap: Map<number, number>;
  unlinked: boolean;
}

/** Create or replace a file on the simulated disk. */
export function createFile(m: Machine, name: string, size: number, content?: Uint8Array | string, tmpfs = false): SimFile {
  const data = new Uint8Array(size);
  if (typeof content === 'string') data.set(new TextEncoder().encode(content).subarray(0, size));
  else if (content) data.set(content.subarray(0, size));
  const file: SimFile = { name, size, data, tmpfs, cache: new Map(), swap: new Map(), unlinked: false };
  m.files.set(name, file);
  return file;
}

/** The program file a process runs; created on first use with deterministic contents. */
export function programFile(m: Machine, program: string): SimFile {
  const existing = m.files.get(program);
  if (existing) return existing;
  const L = m.profile.layout;
  const size = (L.codePages + L.dataPages) * m.pageSize;
  const data = new Uint8Array(size);
  let h = 0;
  for (let i = 0; i < program.length; i++) h = (h * 31 + program.charCodeAt(i)) & 0xff;
  const codeBytes = L.codePages * m.pageSize;
  for (let i = 0; i < codeBytes; i++) data[i] = (0x90 + ((i * 7 + h) % 16)) & 0xff;
  for (let i = codeBytes; i < size; i++) data[i] = (i - codeBytes) % 4 === 0 ? ((i - codeBytes) / 4 + 1) & 0xff : 0;
  return createFile(m, program, size, data);
}

/** The page-cache frame holding `page` of `file`, reading it from disk (or swap, for tmpfs) if needed. */
export function pageCacheFrame(m: Machine, file: SimFile, page: number, p: Process, cpuNode: number, exactFrame: number | null): { pfn: number; hit: boolean } | null {
  const cached = file.cache.get(page);
  if (cached !== undefined) return { pfn: cached, hit: true };
  const pfn = allocFrame(m, file.tmpfs ? 'shm' : 'file', p, cpuNode, () => t('scenario.alloc.filePage', { page: String(page), file: file.name }), exactFrame);
  if (pfn === null) return null;
  const f = m.mem.frame(pfn);
  f.file = { name: file.name, page };
  file.cache.set(page, pfn);
  const slot = file.swap.get(page);
  if (slot !== undefined) {
    m.mem.setFrameBytes(pfn, m.swap[slot]!.data);
    file.swap.delete(page);
    releaseSlot(m, slot);
    m.stats.swapIns++;
    m.emit({ type: 'swap-in', pfn, slot });
  } else {
    m.mem.zeroFrame(pfn);
    const from = page * m.pageSize;
    if (from < file.size) m.mem.setFrameBytes(pfn, file.data.subarray(from, Math.min(file.size, from + m.pageSize)));
    if (!file.tmpfs) m.emit({ type: 'file-read', pfn, file: file.name, page });
  }
  return { pfn, hit: false };
}

/** Write a dirty file page back to its file on disk. */
export function writeBack(m: Machine, f: Frame): void {
  if (!f.file) return;
  const file = m.files.get(f.file.name);
  if (!file || file.tmpfs) return;
  const from = f.file.page * m.pageSize;
  if (from < file.size) {
    const len = Math.min(m.pageSize, file.size - from);
    file.data.set(m.mem.peekFrame(f.pfn).subarray(0, len), from);
  }
  f.dirty = false;
  m.stats.writeBacks++;
  m.emit({ type: 'write-back', pfn: f.pfn, file: file.name, page: f.file.page });
}

/** shm_open + ftruncate: a named shared-memory object (a tmpfs file). */
export function shmCreate(m: Machine, name: string, size: number): SimFile {
  const key = `shm:${name}`;
  if (m.files.has(key) && !m.files.get(key)!.unlinked) throw new SimError(t('scenario.sim.shmExists', { name }));
  return createFile(m, key, size, undefined, true);
}

/** shm_unlink: remove the name; pages go once no process maps them. */
export function shmUnlink(m: Machine, name: string): void {
  const f = m.files.get(`shm:${name}`);
  if (!f || f.unlinked) throw new SimError(t('scenario.sim.noShm', { name }));
  f.unlinked = true;
  for (const [page, pfn] of [...f.cache]) {
    if (m.mem.frame(pfn).mappings.length === 0) {
      f.cache.delete(page);
      freeFrame(m, pfn);
    }
  }
  for (const [, slot] of f.swap) releaseSlot(m, slot);
  f.swap.clear();
  releaseUnusedObjects(m);
}

/** Name prefix of the unnamed shmem objects behind shared anonymous mappings (not a valid user name). */
export const ANON_SHARED_PREFIX = 'shm:anon-shared#';

/** The unnamed shmem object behind a new MAP_SHARED|MAP_ANONYMOUS area of `length` bytes. */
export function anonymousSharedObject(m: Machine, length: number): SimFile {
  const file = createFile(m, `${ANON_SHARED_PREFIX}${++m.anonSharedObjects}`, length, undefined, true);
  file.unlinked = true;
  return file;
}

/**
 * Free every unlinked tmpfs object that no memory area maps any more: its page-cache frames
 * (none is mapped, since no area is), its swap slots, and the object itself.
 */
export function releaseUnusedObjects(m: Machine): void {
  let mapped: Set<string> | null = null;
  for (const file of [...m.files.values()]) {
    if (!file.tmpfs || !file.unlinked) continue;
    if (!mapped) {
      mapped = new Set();
      for (const p of m.processes.values()) for (const a of p.areas) if (a.file) mapped.add(a.file.name);
    }
    if (mapped.has(file.name)) continue;
    for (const [page, pfn] of [...file.cache]) {
      if (m.mem.frame(pfn).mappings.length > 0) continue;
      file.cache.delete(page);
      freeFrame(m, pfn);
    }
    for (const [, slot] of file.swap) releaseSlot(m, slot);
    file.swap.clear();
    if (file.cache.size === 0) m.files.delete(file.name);
  }
}
