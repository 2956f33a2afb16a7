/*
 * Human-readable traces: one line per event, indented under the step that caused it.
 * This is what `pagewalk run` prints and what the app's event log shows. Every line is a
 * message of the catalogue (core/i18n, keys scenario.event.* and scenario.trace.*), built
 * in the current locale only when a trace is asked for; addresses stay hex.
 */
import { hex, t } from '../i18n/index.ts';
import { formatDocumentAddress, formatVa } from '../sim/address.ts';
import { accessOpWord, frameKindWord, type SimEvent } from '../sim/events.ts';
import type { MachineProfile } from '../sim/profile.ts';
import { ROLLUP_FIELDS, SMAPS_FIELDS } from '../sim/machine.ts';
import { referenceSteps } from '../sim/replacement.ts';
import type { ProcessSnapshot } from '../sim/snapshot.ts';
import type { StepResult } from './run.ts';

/** CPU, frame, set, pid, slot and level numbers are names, not amounts: never grouped ("frame 12345"). */
const id = (n: number | null): string => String(n);

/**
 * One event in words. With the machine's profile, virtual addresses are printed in full
 * (sign-extended on canonical machines: 0xffff800000000000 rather than 0x800000000000).
 */
export function describeEvent(e: SimEvent, profile?: MachineProfile): string {
  const va = (n: number) => (profile ? formatVa(profile, n) : hex(n));
  switch (e.type) {
    case 'tlb-hit':
      return t('scenario.event.tlbHit', { cpu: id(e.cpu), vpn: hex(e.vpn), pfn: id(e.pfn), set: id(e.set) });
    case 'tlb-miss':
      return t('scenario.event.tlbMiss', { cpu: id(e.cpu), vpn: hex(e.vpn), set: id(e.set) });
    case 'tlb-fill':
      return e.evictedVpn !== null
        ? t('scenario.event.tlbFillReplaced', { cpu: id(e.cpu), vpn: hex(e.vpn), pfn: id(e.pfn), evicted: hex(e.evictedVpn) })
        : t('scenario.event.tlbFill', { cpu: id(e.cpu), vpn: hex(e.vpn), pfn: id(e.pfn) });
    case 'tlb-invalidate':
      return t('scenario.event.tlbInvalidate', { cpu: id(e.cpu), vpn: hex(e.vpn) });
    case 'tlb-flush':
      return e.asid !== null ? t('scenario.event.tlbFlushAsid', { cpu: id(e.cpu), asid: id(e.asid), reason: e.reason }) : t('scenario.event.tlbFlush', { cpu: id(e.cpu), reason: e.reason });
    case 'walk': {
      const at = { level: id(e.level), table: id(e.tableFrame), index: id(e.index), addr: hex(e.pteAddr), pte: e.pte, pfn: id(e.pfn) };
      return !e.valid ? t('scenario.event.walkInvalid', at) : e.leaf ? t('scenario.event.walkLeaf', at) : t('scenario.event.walkNext', at);
    }
    case 'ad-update':
      return t(e.dirty ? 'scenario.event.adDirty' : 'scenario.event.adAccessed', { addr: hex(e.pteAddr) });
    case 'translate':
      return t('scenario.event.translate', { va: va(e.va), pa: hex(e.pa) });
    case 'fault':
      if (e.cause === 'non-canonical') return t('scenario.event.gpFault', { op: accessOpWord(e.op), va: formatDocumentAddress(e.va), cause: faultText(e.cause) });
      return e.level !== null
        ? t('scenario.event.pageFaultLevel', { op: accessOpWord(e.op), va: va(e.va), cause: faultText(e.cause), level: id(e.level) })
        : t('scenario.event.pageFault', { op: accessOpWord(e.op), va: va(e.va), cause: faultText(e.cause) });
    case 'fault-resolved':
      return t('scenario.event.resolved', { resolution: e.resolution, detail: e.detail });
    case 'segfault':
      return t('scenario.event.segfault', { reason: e.reason });
    case 'memory-read':
      return t('scenario.event.memoryRead', { bytes: e.bytes, pa: hex(e.pa), value: String(e.value), hex: hex(e.value) });
    case 'memory-write':
      return t('scenario.event.memoryWrite', { bytes: e.bytes, pa: hex(e.pa), value: String(e.value), hex: hex(e.value) });
    case 'numa-access':
      return t('scenario.event.numaAccess', { mem: id(e.memNode), cpu: id(e.cpu), cpuNode: id(e.cpuNode), remote: e.remote ? 'yes' : 'no', cost: e.cost });
    case 'frame-alloc':
      return t('scenario.event.frameAlloc', { pfn: id(e.pfn), node: id(e.node), reason: e.reason });
    case 'frame-free':
      return t('scenario.event.frameFree', { pfn: id(e.pfn), kind: frameKindWord(e.kind) });
    case 'page-table-alloc':
      return t('scenario.event.pageTableAlloc', { level: id(e.level), pfn: id(e.pfn) });
    case 'map':
      return t('scenario.event.map', { vpn: hex(e.vpn), pid: id(e.pid), pfn: id(e.pfn), perms: e.perms });
    case 'unmap':
      return e.pfn !== null ? t('scenario.event.unmapWas', { vpn: hex(e.vpn), pid: id(e.pid), pfn: id(e.pfn) }) : t('scenario.event.unmap', { vpn: hex(e.vpn), pid: id(e.pid) });
    case 'protect':
      return t('scenario.event.protect', { vpn: hex(e.vpn), pid: id(e.pid), perms: e.perms });
    case 'cow-share':
      return t('scenario.event.cowShare', { vpn: hex(e.vpn), pfn: id(e.pfn), parent: id(e.parent), child: id(e.child), refs: e.refs });
    case 'cow-copy':
      return t('scenario.event.cowCopy', { from: id(e.from), to: id(e.to), pid: id(e.pid) });
    case 'cow-reuse':
      return t('scenario.event.cowReuse', { pfn: id(e.pfn) });
    case 'evict':
      return t('scenario.event.evict', { pfn: id(e.pfn), kind: frameKindWord(e.kind), policy: e.policy.toUpperCase() });
    case 'swap-out':
      return t(e.written ? 'scenario.event.swapOut' : 'scenario.event.swapOutClean', { pfn: id(e.pfn), slot: id(e.slot) });
    case 'swap-in':
      return t('scenario.event.swapIn', { slot: id(e.slot), pfn: id(e.pfn) });
    case 'write-back':
      return t('scenario.event.writeBack', { pfn: id(e.pfn), file: e.file, page: id(e.page) });
    case 'file-read':
      return t('scenario.event.fileRead', { file: e.file, page: id(e.page), pfn: id(e.pfn) });
    case 'page-cache-drop':
      return t('scenario.event.pageCacheDrop', { file: e.file, page: id(e.page), pfn: id(e.pfn) });
    case 'migrate':
      return t('scenario.event.migrate', { vpn: hex(e.vpn), pid: id(e.pid), from: id(e.from), fromNode: id(e.fromNode), to: id(e.to), toNode: id(e.toNode) });
    case 'context-switch':
      return t(e.flushed ? 'scenario.event.contextSwitchFlushed' : 'scenario.event.contextSwitch', { cpu: id(e.cpu), tid: id(e.toTid) });
    case 'process-create':
      return e.parent !== null ? t('scenario.event.processCreateChild', { name: e.name, pid: id(e.pid), parent: id(e.parent) }) : t('scenario.event.processCreate', { name: e.name, pid: id(e.pid) });
    case 'process-exit':
      return t('scenario.event.processExit', { name: e.name, pid: id(e.pid), reason: e.reason, frames: e.framesFreed });
    case 'thread-create':
      return t('scenario.event.threadCreate', { name: e.name, tid: id(e.tid), pid: id(e.pid), cpu: id(e.cpu) });
    case 'thread-exit':
      return t('scenario.event.threadExit', { tid: id(e.tid), pid: id(e.pid) });
    case 'area-create':
      return t('scenario.event.areaCreate', { name: e.name, start: va(e.start), end: va(e.end), perms: e.perms, pid: id(e.pid) });
    case 'area-remove':
      return t('scenario.event.areaRemove', { name: e.name, start: va(e.start), end: va(e.end), pid: id(e.pid) });
    case 'brk':
      return t('scenario.event.brk', { pid: id(e.pid), old: hex(e.oldBreak), new: hex(e.newBreak) });
    case 'oom-kill':
      return t('scenario.event.oomKill', { pid: id(e.pid), reason: e.reason });
    case 'note':
      return t('scenario.event.note', { text: e.text });
  }
}

/** Why an access faulted, in words (a fault cause id such as "not-present"). */
export function faultText(cause: string): string {
  switch (cause) {
    case 'not-present':
      return t('scenario.fault.notPresent');
    case 'protection':
      return t('scenario.fault.protection');
    case 'user-kernel':
      return t('scenario.fault.userKernel');
    case 'out-of-range':
      return t('scenario.fault.outOfRange');
    case 'non-canonical':
      return t('scenario.fault.nonCanonical');
    default:
      return t('scenario.fault.badEntry');
  }
}

/** Events worth printing by default; the rest appear with --verbose. */
const QUIET = new Set<SimEvent['type']>(['area-create', 'area-remove', 'frame-free', 'thread-create', 'process-create', 'map', 'unmap', 'protect', 'tlb-fill', 'memory-read', 'memory-write', 'translate', 'context-switch']);

/** A trace prints at most this many rows of a reference-string table. */
const MAX_TRACE_REFERENCES = 1000;

export function formatTrace(results: StepResult[], verbose = false, profile?: MachineProfile): string {
  const lines: string[] = [];
  for (const r of results) {
    const summary = r.error ? t('scenario.trace.error', { error: r.error }) : r.summary;
    lines.push(r.label ? t('scenario.trace.stepLabelled', { n: id(r.index + 1), op: r.op, label: r.label, summary }) : t('scenario.trace.step', { n: id(r.index + 1), op: r.op, summary }));
    for (const e of r.events) if (verbose || !QUIET.has(e.type)) lines.push(`      ${describeEvent(e, profile)}`);
    if (r.reading) {
      const g = r.reading;
      const ps = profile ? 2 ** profile.pageBits : 1;
      const unit = profile && ps >= 1024 ? 'kB' : 'B';
      const size = (b: number) => (unit === 'kB' ? t('scenario.trace.sizeKb', { n: Math.floor(b / 1024 + 1e-9) }) : t('scenario.trace.sizeB', { n: Math.round(b * 100) / 100 }));
      const s = g.stats;
      lines.push(`      ${t('scenario.trace.stats', { free: g.freeFrames, accesses: s.accesses, faults: s.pageFaults, minor: s.minorFaults, major: s.majorFaults, cow: s.cowCopies, swapOuts: s.swapOuts, swapIns: s.swapIns })}`);
      lines.push(`      ${t('scenario.trace.tlb', { cpus: g.tlb.map((c) => t('scenario.trace.tlbCpu', { cpu: id(c.cpu), hits: c.hits, misses: c.misses, entries: c.entries })).join(t('scenario.trace.tlbJoin')) })}`);
      for (const p of g.processes) {
        const r = p.smapsRollup;
        const fields = { name: p.name, pid: id(p.pid), rss: size(r.rss), pss: size(r.pss), shared: size(r.sharedClean + r.sharedDirty), private: size(r.privateClean + r.privateDirty), anonymous: size(r.anonymous), swap: size(r.swap) };
        lines.push(`      ${p.swapped ? t('scenario.trace.processSwapped', { ...fields, pages: p.swapped }) : t('scenario.trace.process', fields)}`);
        if (g.smaps && profile) for (const l of formatSmaps(p, ps, profile).split('\n')) lines.push(`      ${l}`);
      }
    }
    if (r.reference?.history) {
      const shown = Math.min(r.reference.length, MAX_TRACE_REFERENCES);
      const hit = t('scenario.trace.refHit');
      const miss = t('scenario.trace.refMiss');
      const width = Math.max(hit.length, miss.length);
      for (const s of referenceSteps(r.reference, 0, shown))
        lines.push(`      ${String(s.page).padStart(4)}  ${(s.hit ? hit : miss).padEnd(width)}  ${s.evicted !== null ? t('scenario.trace.refEvict', { page: id(s.evicted) }).padEnd(9) : ''.padEnd(9)}  [${s.frames.map((f) => (f === null ? '-' : f)).join(' ')}]`);
      if (shown < r.reference.length) lines.push(`      ${t('scenario.trace.moreReferences', { n: r.reference.length - shown })}`);
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
  const head = [t('scenario.smaps.area'), t('scenario.smaps.range'), t('scenario.smaps.perms'), ...SMAPS_FIELDS.map(([label]) => label), t('scenario.smaps.name')];
  const rows = p.smaps.map((a) => [a.area, profile ? `${formatVa(profile, a.start)}-${formatVa(profile, a.end)}` : `${hex(a.start)}-${hex(a.end)}`, a.perms, ...SMAPS_FIELDS.map(([, key]) => smapsValue(a[key], unit)), a.pathname]);
  const r = p.smapsRollup;
  rows.push([t('scenario.smaps.rollup'), '', '', ...SMAPS_FIELDS.map(([, key]) => smapsValue(r[key], unit)), '']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const numeric = (i: number) => i >= 3 && i < 3 + SMAPS_FIELDS.length;
  const line = (cells: string[]) => cells.map((c, i) => (numeric(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const lines = [t('scenario.smaps.title', { name: p.name, pid: id(p.pid), unit }), line(head), ...rows.map(line)];
  lines.push(`smaps_rollup: ${ROLLUP_FIELDS.map(([label, key]) => `${label} ${smapsValue(r[key], unit)}`).join(', ')} ${unit}`);
  return lines.join('\n');
}
