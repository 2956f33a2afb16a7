/*
 * Human-readable traces: one line per event, indented under the step that caused it.
 * This is what `pagewalk run` prints and what the app's event log shows.
 */
import { counted } from '../plural.ts';
import type { SimEvent } from '../sim/events.ts';
import type { StepResult } from './run.ts';

const hex = (n: number) => '0x' + n.toString(16);

export function describeEvent(e: SimEvent): string {
  switch (e.type) {
    case 'tlb-hit':
      return `TLB hit on CPU ${e.cpu}: page ${hex(e.vpn)} → frame ${e.pfn} (set ${e.set})`;
    case 'tlb-miss':
      return `TLB miss on CPU ${e.cpu} for page ${hex(e.vpn)} (set ${e.set})`;
    case 'tlb-fill':
      return `TLB fill on CPU ${e.cpu}: page ${hex(e.vpn)} → frame ${e.pfn}${e.evictedVpn !== null ? ` (replaced page ${hex(e.evictedVpn)})` : ''}`;
    case 'tlb-invalidate':
      return `TLB entry for page ${hex(e.vpn)} invalidated on CPU ${e.cpu}`;
    case 'tlb-flush':
      return `TLB of CPU ${e.cpu} flushed${e.asid !== null ? ` for ASID ${e.asid}` : ''} (${e.reason})`;
    case 'walk':
      return `walk level ${e.level}: table in frame ${e.tableFrame}, entry ${e.index} at ${hex(e.pteAddr)} = ${e.pte} → ${
        !e.valid ? 'not valid' : e.leaf ? `page frame ${e.pfn}` : `next table in frame ${e.pfn}`
      }`;
    case 'ad-update':
      return `MMU sets ${e.dirty ? 'accessed and dirty bits' : 'accessed bit'} in the PTE at ${hex(e.pteAddr)}`;
    case 'translate':
      return `${hex(e.va)} → physical ${hex(e.pa)}`;
    case 'fault':
      return `page fault (${e.op} ${hex(e.va)}): ${faultText(e.cause)}${e.level !== null ? ` at level ${e.level}` : ''}`;
    case 'fault-resolved':
      return `kernel: ${e.resolution} — ${e.detail}`;
    case 'segfault':
      return `SIGSEGV: ${e.reason}`;
    case 'memory-read':
      return `read ${e.bytes} byte${e.bytes > 1 ? 's' : ''} at ${hex(e.pa)}: ${e.value} (${hex(e.value)})`;
    case 'memory-write':
      return `wrote ${e.bytes} byte${e.bytes > 1 ? 's' : ''} at ${hex(e.pa)}: ${e.value} (${hex(e.value)})`;
    case 'numa-access':
      return `memory on node ${e.memNode} from CPU ${e.cpu} (node ${e.cpuNode}): ${e.remote ? 'remote' : 'local'}, cost ${e.cost}`;
    case 'frame-alloc':
      return `frame ${e.pfn} allocated (node ${e.node}) for ${e.reason}`;
    case 'frame-free':
      return `frame ${e.pfn} freed (was ${e.kind})`;
    case 'page-table-alloc':
      return `new level-${e.level} page table in frame ${e.pfn}`;
    case 'map':
      return `map page ${hex(e.vpn)} of pid ${e.pid} → frame ${e.pfn} [${e.perms}]`;
    case 'unmap':
      return `unmap page ${hex(e.vpn)} of pid ${e.pid}${e.pfn !== null ? ` (was frame ${e.pfn})` : ''}`;
    case 'protect':
      return `page ${hex(e.vpn)} of pid ${e.pid} now [${e.perms}]`;
    case 'cow-share':
      return `page ${hex(e.vpn)}: frame ${e.pfn} shared copy-on-write by pids ${e.parent} and ${e.child} (${e.refs} references)`;
    case 'cow-copy':
      return `copy-on-write: frame ${e.from} copied to frame ${e.to} for pid ${e.pid}`;
    case 'cow-reuse':
      return `copy-on-write: frame ${e.pfn} has no other user, made writable in place`;
    case 'evict':
      return `evict frame ${e.pfn} (${e.kind}) chosen by ${e.policy.toUpperCase()}`;
    case 'swap-out':
      return `swap out frame ${e.pfn} to slot ${e.slot}${e.written ? '' : ' (clean copy already there)'}`;
    case 'swap-in':
      return `swap in slot ${e.slot} to frame ${e.pfn}`;
    case 'write-back':
      return `write back frame ${e.pfn} to ${e.file} page ${e.page}`;
    case 'file-read':
      return `read ${e.file} page ${e.page} from disk into frame ${e.pfn}`;
    case 'page-cache-drop':
      return `drop ${e.file} page ${e.page} from the page cache (frame ${e.pfn})`;
    case 'migrate':
      return `migrate page ${hex(e.vpn)} of pid ${e.pid}: frame ${e.from} (node ${e.fromNode}) → frame ${e.to} (node ${e.toNode})`;
    case 'context-switch':
      return `CPU ${e.cpu} switches to thread ${e.toTid}${e.flushed ? ' (TLB flushed)' : ''}`;
    case 'process-create':
      return `process ${e.name} created (pid ${e.pid}${e.parent !== null ? `, parent ${e.parent}` : ''})`;
    case 'process-exit':
      return `process ${e.name} (pid ${e.pid}) ended: ${e.reason}; ${counted(e.framesFreed, 'frame')} freed`;
    case 'thread-create':
      return `thread ${e.name} (tid ${e.tid}) of pid ${e.pid} on CPU ${e.cpu}`;
    case 'thread-exit':
      return `thread ${e.tid} of pid ${e.pid} ended`;
    case 'area-create':
      return `area ${e.name} ${hex(e.start)}–${hex(e.end)} [${e.perms}] in pid ${e.pid}`;
    case 'area-remove':
      return `area ${e.name} ${hex(e.start)}–${hex(e.end)} removed from pid ${e.pid}`;
    case 'brk':
      return `program break of pid ${e.pid}: ${hex(e.oldBreak)} → ${hex(e.newBreak)}`;
    case 'oom-kill':
      return `out of memory: pid ${e.pid} killed (${e.reason})`;
    case 'note':
      return `note: ${e.text}`;
  }
}

export function faultText(cause: string): string {
  switch (cause) {
    case 'not-present':
      return 'page not present';
    case 'protection':
      return 'protection violation';
    case 'user-kernel':
      return 'user access to a kernel page';
    case 'out-of-range':
      return 'address outside the address space';
    default:
      return 'malformed page-table entry';
  }
}

/** Events worth printing by default; the rest appear with --verbose. */
const QUIET = new Set<SimEvent['type']>(['area-create', 'area-remove', 'frame-free', 'thread-create', 'process-create', 'map', 'unmap', 'protect', 'tlb-fill', 'memory-read', 'memory-write', 'translate', 'context-switch']);

export function formatTrace(results: StepResult[], verbose = false): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`[${r.index + 1}] ${r.op}${r.label ? ` (${r.label})` : ''}: ${r.error ? `ERROR ${r.error}` : r.summary}`);
    for (const e of r.events) if (verbose || !QUIET.has(e.type)) lines.push(`      ${describeEvent(e)}`);
    if (r.reference) {
      for (const s of r.reference.steps)
        lines.push(`      ${String(s.page).padStart(4)}  ${s.hit ? 'hit ' : 'MISS'}  ${s.evicted !== null ? `evict ${s.evicted}`.padEnd(9) : ''.padEnd(9)}  [${s.frames.map((f) => (f === null ? '-' : f)).join(' ')}]`);
    }
  }
  return lines.join('\n');
}
