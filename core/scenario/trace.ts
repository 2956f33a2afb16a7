/*
 * Human-readable traces: one line per event, indented under the step that caused it.
 * This is what `pagewalk run` prints and what the app's event log shows.
 */
import { counted } from '../plural.ts';
import { formatDocumentAddress, formatVa } from '../sim/address.ts';
import type { SimEvent } from '../sim/events.ts';
import type { MachineProfile } from '../sim/profile.ts';
import { ROLLUP_FIELDS, SMAPS_FIELDS } from '../sim/machine.ts';
import { referenceSteps } from '../sim/replacement.ts';
import type { ProcessSnapshot } from '../sim/snapshot.ts';
import type { StepResult } from './run.ts';

const hex = (n: number) => '0x' + n.toString(16);

/**
 * One event in words. With the machine's profile, virtual addresses are printed in full
 * (sign-extended on canonical machines: 0xffff800000000000 rather than 0x800000000000).
 */
export function describeEvent(e: SimEvent, profile?: MachineProfile): string {
  const va = (n: number) => (profile ? formatVa(profile, n) : hex(n));
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
      return `${va(e.va)} → physical ${hex(e.pa)}`;
    case 'fault':
      if (e.cause === 'non-canonical') return `general-protection fault (${e.op} ${formatDocumentAddress(e.va)}): ${faultText(e.cause)}`;
      return `page fault (${e.op} ${va(e.va)}): ${faultText(e.cause)}${e.level !== null ? ` at level ${e.level}` : ''}`;
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
      return `area ${e.name} ${va(e.start)}–${va(e.end)} [${e.perms}] in pid ${e.pid}`;
    case 'area-remove':
      return `area ${e.name} ${va(e.start)}–${va(e.end)} removed from pid ${e.pid}`;
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
    case 'non-canonical':
      return 'not a canonical address (the upper bits are not copies of the top translated bit)';
    default:
      return 'malformed page-table entry';
  }
}

/** Events worth printing by default; the rest appear with --verbose. */
const QUIET = new Set<SimEvent['type']>(['area-create', 'area-remove', 'frame-free', 'thread-create', 'process-create', 'map', 'unmap', 'protect', 'tlb-fill', 'memory-read', 'memory-write', 'translate', 'context-switch']);

/** A trace prints at most this many rows of a reference-string table. */
const MAX_TRACE_REFERENCES = 1000;

export function formatTrace(results: StepResult[], verbose = false, profile?: MachineProfile): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`[${r.index + 1}] ${r.op}${r.label ? ` (${r.label})` : ''}: ${r.error ? `ERROR ${r.error}` : r.summary}`);
    for (const e of r.events) if (verbose || !QUIET.has(e.type)) lines.push(`      ${describeEvent(e, profile)}`);
    if (r.reading) {
      const g = r.reading;
      const ps = profile ? 2 ** profile.pageBits : 1;
      const unit = profile && ps >= 1024 ? 'kB' : 'B';
      const size = (b: number) => (unit === 'kB' ? `${Math.floor(b / 1024 + 1e-9)} kB` : `${Math.round(b * 100) / 100} B`);
      lines.push(`      free frames ${g.freeFrames}; ${g.stats.accesses} accesses, ${g.stats.pageFaults} page faults (${g.stats.minorFaults} minor, ${g.stats.majorFaults} major), ${g.stats.cowCopies} COW copies, ${g.stats.swapOuts} swap-outs, ${g.stats.swapIns} swap-ins`);
      lines.push(`      TLB ${g.tlb.map((t) => `CPU ${t.cpu}: ${counted(t.hits, 'hit')} / ${counted(t.misses, 'miss', 'misses')}, ${counted(t.entries, 'entry', 'entries')}`).join('; ')}`);
      for (const p of g.processes) {
        const s = p.smapsRollup;
        lines.push(`      ${p.name} (pid ${p.pid}): Rss ${size(s.rss)}, Pss ${size(s.pss)}, Shared ${size(s.sharedClean + s.sharedDirty)}, Private ${size(s.privateClean + s.privateDirty)}, Anonymous ${size(s.anonymous)}, Swap ${size(s.swap)}${p.swapped ? ` (${counted(p.swapped, 'page')} swapped out)` : ''}`);
        if (g.smaps && profile) for (const l of formatSmaps(p, ps, profile).split('\n')) lines.push(`      ${l}`);
      }
    }
    if (r.reference?.history) {
      const shown = Math.min(r.reference.length, MAX_TRACE_REFERENCES);
      for (const s of referenceSteps(r.reference, 0, shown))
        lines.push(`      ${String(s.page).padStart(4)}  ${s.hit ? 'hit ' : 'MISS'}  ${s.evicted !== null ? `evict ${s.evicted}`.padEnd(9) : ''.padEnd(9)}  [${s.frames.map((f) => (f === null ? '-' : f)).join(' ')}]`);
      if (shown < r.reference.length) lines.push(`      … ${(r.reference.length - shown).toLocaleString('en-US')} more references (pagewalk refstring --file prints them all)`);
    }
  }
  return lines.join('\n');
}

/** A smaps value as Linux prints it: whole kB, rounded down (bytes on machines with pages under 1 KiB). */
function smapsValue(bytes: number, unit: 'kB' | 'B'): string {
  return unit === 'kB' ? String(Math.floor(bytes / 1024 + 1e-9)) : String(Math.round(bytes * 100) / 100);
}

/**
 * One process's /proc/PID/smaps as a table: a row per memory area with every smaps field,
 * then the smaps_rollup totals (with Pss_Anon, Pss_File, Pss_Shmem).
 */
export function formatSmaps(p: Pick<ProcessSnapshot, 'name' | 'pid' | 'smaps' | 'smapsRollup'>, pageSize: number, profile?: MachineProfile): string {
  const unit = pageSize >= 1024 ? 'kB' : 'B';
  const head = ['area', 'range', 'perms', ...SMAPS_FIELDS.map(([label]) => label), 'name'];
  const rows = p.smaps.map((a) => [a.area, profile ? `${formatVa(profile, a.start)}-${formatVa(profile, a.end)}` : `${hex(a.start)}-${hex(a.end)}`, a.perms, ...SMAPS_FIELDS.map(([, key]) => smapsValue(a[key], unit)), a.pathname]);
  const r = p.smapsRollup;
  rows.push(['(rollup)', '', '', ...SMAPS_FIELDS.map(([, key]) => smapsValue(r[key], unit)), '']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const numeric = (i: number) => i >= 3 && i < 3 + SMAPS_FIELDS.length;
  const line = (cells: string[]) => cells.map((c, i) => (numeric(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const lines = [`smaps of ${p.name} (pid ${p.pid}), in ${unit}:`, line(head), ...rows.map(line)];
  lines.push(`smaps_rollup: ${ROLLUP_FIELDS.map(([label, key]) => `${label} ${smapsValue(r[key], unit)}`).join(', ')} ${unit}`);
  return lines.join('\n');
}
