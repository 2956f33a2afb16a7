/*
 * Every operation of the simulator reports what happened as an ordered list of events.
 * Events are plain JSON (numbers, strings, booleans) so they serialise byte-for-byte the
 * same on every host. Addresses and PTE values are numbers except `pte`, which is a hex
 * string because an x86-64 entry (NX in bit 63) does not fit a JavaScript number.
 * Texts in events (reasons, details) are formatted in the current locale when the event
 * is recorded; `frameKindWord` and `accessOpWord` name ids in words for messages.
 */
import { t, type MessageKey } from '../i18n/index.ts';

export type AccessOp = 'read' | 'write' | 'exec';

export type FaultCause =
  /** The entry at `level` has its valid/present bit clear. */
  | 'not-present'
  /** The page is present but the access is not allowed (write to read-only, exec of NX). */
  | 'protection'
  /** A user-mode access reached a supervisor-only (kernel) page. */
  | 'user-kernel'
  /** The address lies outside the virtual address space. */
  | 'out-of-range'
  /** A non-canonical 64-bit address: a general-protection fault, not a page fault (no TLB lookup, no walk). */
  | 'non-canonical'
  /** The walk met an entry it cannot use (leaf above the last level, PFN beyond memory). */
  | 'bad-entry';

export type FaultResolution =
  | 'demand-zero'
  /** A read of a never-written private anonymous page, mapped read-only to the shared zero page (kernel option). */
  | 'zero-page'
  | 'file-read'
  | 'page-cache-hit'
  | 'cow-copy'
  | 'cow-reuse'
  | 'swap-in'
  | 'stack-growth'
  | 'shm-zero'
  | 'minor'
  | 'segfault';

export type FrameKind = 'free' | 'kernel' | 'page-table' | 'anon' | 'file' | 'shm' | 'image';

export type SimEvent =
  | { type: 'tlb-hit'; cpu: number; asid: number; vpn: number; pfn: number; set: number }
  | { type: 'tlb-miss'; cpu: number; asid: number; vpn: number; set: number }
  | { type: 'tlb-fill'; cpu: number; asid: number; vpn: number; pfn: number; set: number; evictedVpn: number | null }
  | { type: 'tlb-invalidate'; cpu: number; asid: number; vpn: number }
  | { type: 'tlb-flush'; cpu: number; asid: number | null; reason: string }
  | {
      type: 'walk';
      /** 0 = root. */
      level: number;
      /** Frame of the table read at this level. */
      tableFrame: number;
      index: number;
      pteAddr: number;
      pte: string;
      valid: boolean;
      /** For a valid non-leaf entry: the frame of the next table; for a leaf: the page's frame. */
      pfn: number | null;
      leaf: boolean;
    }
  | { type: 'ad-update'; pteAddr: number; accessed: boolean; dirty: boolean }
  | { type: 'translate'; pid: number | null; tid: number | null; va: number; pa: number; op: AccessOp }
  | { type: 'fault'; pid: number | null; tid: number | null; va: number; op: AccessOp; cause: FaultCause; level: number | null }
  | { type: 'fault-resolved'; pid: number; va: number; resolution: FaultResolution; detail: string }
  | { type: 'segfault'; pid: number; tid: number | null; va: number; op: AccessOp; reason: string }
  | { type: 'memory-read'; pa: number; bytes: number; value: number }
  | { type: 'memory-write'; pa: number; bytes: number; value: number }
  | { type: 'numa-access'; cpu: number; cpuNode: number; memNode: number; cost: number; remote: boolean }
  | { type: 'frame-alloc'; pfn: number; kind: FrameKind; pid: number | null; node: number; reason: string }
  | { type: 'frame-free'; pfn: number; kind: FrameKind }
  | { type: 'page-table-alloc'; pid: number; level: number; pfn: number }
  | { type: 'map'; pid: number; vpn: number; pfn: number; perms: string }
  | { type: 'unmap'; pid: number; vpn: number; pfn: number | null }
  | { type: 'protect'; pid: number; vpn: number; perms: string }
  | { type: 'cow-share'; parent: number; child: number; vpn: number; pfn: number; refs: number }
  | { type: 'cow-copy'; pid: number; vpn: number; from: number; to: number }
  | { type: 'cow-reuse'; pid: number; vpn: number; pfn: number }
  | { type: 'evict'; pfn: number; policy: string; kind: FrameKind; mappings: { pid: number; vpn: number }[] }
  | { type: 'swap-out'; pfn: number; slot: number; written: boolean }
  | { type: 'swap-in'; pfn: number; slot: number }
  | { type: 'write-back'; pfn: number; file: string; page: number }
  | { type: 'file-read'; pfn: number; file: string; page: number }
  | { type: 'page-cache-drop'; pfn: number; file: string; page: number }
  | { type: 'migrate'; pid: number; vpn: number; from: number; to: number; fromNode: number; toNode: number }
  | { type: 'context-switch'; cpu: number; fromTid: number | null; toTid: number; flushed: boolean }
  | { type: 'process-create'; pid: number; name: string; parent: number | null }
  | { type: 'process-exit'; pid: number; name: string; reason: string; framesFreed: number }
  | { type: 'thread-create'; pid: number; tid: number; name: string; cpu: number }
  | { type: 'thread-exit'; pid: number; tid: number }
  | { type: 'area-create'; pid: number; name: string; start: number; end: number; perms: string }
  | { type: 'area-remove'; pid: number; name: string; start: number; end: number }
  | { type: 'brk'; pid: number; oldBreak: number; newBreak: number }
  | { type: 'oom-kill'; pid: number; reason: string }
  | { type: 'note'; text: string };

export type SimEventType = SimEvent['type'];

const FRAME_KIND_KEYS = {
  free: 'scenario.frameKind.free',
  kernel: 'scenario.frameKind.kernel',
  'page-table': 'scenario.frameKind.pageTable',
  anon: 'scenario.frameKind.anon',
  file: 'scenario.frameKind.file',
  shm: 'scenario.frameKind.shm',
  image: 'scenario.frameKind.image',
} as const satisfies Record<FrameKind, MessageKey>;

/** What a frame holds, as a word in the current language (in English the ids themselves: "anon", "page-table"). */
export function frameKindWord(kind: FrameKind): string {
  return t(FRAME_KIND_KEYS[kind]);
}

/** An access's kind as a word in the current language (in English: read, write, exec). */
export function accessOpWord(op: AccessOp): string {
  return op === 'read' ? t('scenario.op.read') : op === 'write' ? t('scenario.op.write') : t('scenario.op.exec');
}
