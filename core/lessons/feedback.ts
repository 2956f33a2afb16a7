/*
 * Feedback that finds the mistake: given a wrong prediction and the real run, name the
 * first point where the learner's likely model of the machine and the machine itself part
 * ways, in sentences (never a raw trace line).
 *
 *   the learner said           the model behind it             the event that decides
 *   frame 1 for page 1         "no translation"                the leaf entry's frame
 *   B's frame                  "one page table for everyone"   this process's own entry
 *   TLB hit                    "the page is still cached"      the miss, and why (never used,
 *                                                              flushed by a switch, evicted)
 *   cow-copy (it was reuse)    "the frame is still shared"     the frame's count before the write
 *   level 1 (it was level 0)   "the directory entry is valid"  the level-0 entry read
 *
 * For a choice, the text says what would have had to be true for the chosen option and
 * which event of the run shows it was not. `before` is the machine as the learner saw it
 * while predicting; `run` is the machine after the observation.
 */
import { referenceSteps } from '../sim/replacement.ts';
import { curveOf } from '../experiments/curve.ts';
import type { FaultCause, FaultResolution, SimEvent } from '../sim/events.ts';
import type { AccessResult } from '../sim/machine.ts';
import type { Snapshot } from '../sim/snapshot.ts';
import type { ScenarioRun } from '../scenario/run.ts';
import { counted, ordinal } from '../plural.ts';
import { formatAnswer, nameOfPid, pageLabel, type AnswerValue, type Outcome, type Probe } from './observe.ts';
import { stageEvents } from './observe.ts';

const hex = (n: number) => '0x' + n.toString(16);

/** How the question was asked, for feedback that speaks of the learner's answer (yes/no about a value …). */
export interface AskedAs {
  kind: string;
  yesIf: unknown;
  /** yes/no questions: what the learner said. */
  saidYes: boolean | null;
}

export interface DivergenceContext {
  run: ScenarioRun;
  probe: Probe;
  outcome: Outcome;
  given: AnswerValue;
  format: 'hex' | 'dec' | undefined;
  asked: AskedAs;
  /** The machine the learner looked at while predicting (null if unknown). */
  before: Snapshot | null;
}

function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** End a clause as a sentence. */
function sentence(s: string): string {
  const t = cap(s.trim());
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** The path of one access in plain words: "the TLB missed; the level-0 entry was not valid, …". */
export function accessStory(events: SimEvent[]): string {
  const parts: string[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'tlb-hit':
        parts.push(`the TLB hit (page ${hex(e.vpn)} → frame ${e.pfn})`);
        break;
      case 'tlb-miss':
        parts.push(`the TLB missed for page ${hex(e.vpn)}`);
        break;
      case 'walk':
        parts.push(`the level-${e.level} entry ${!e.valid ? 'was not valid' : e.leaf ? `gave frame ${e.pfn}` : `pointed to the table in frame ${e.pfn}`}`);
        break;
      case 'fault':
        parts.push(`so the access faulted (${e.cause}${e.level !== null ? ` at level ${e.level}` : ''})`);
        break;
      case 'fault-resolved':
        parts.push(`the kernel resolved it by ${RESOLUTION_DONE[e.resolution]}${e.detail ? ` (${e.detail})` : ''}`);
        break;
      case 'segfault':
        parts.push(`the kernel ended the process: ${e.reason}`);
        break;
      case 'evict':
        parts.push(`frame ${e.pfn} was evicted (${e.policy.toUpperCase()})`);
        break;
      case 'memory-read':
        parts.push(`the byte at ${hex(e.pa)} was read (${e.value})`);
        break;
      case 'memory-write':
        parts.push(`${e.value} was written at ${hex(e.pa)}`);
        break;
      default:
        break;
    }
  }
  // "…was not valid, so the access faulted" reads better than a list.
  return parts.reduce((acc, p) => (acc ? (p.startsWith('so ') ? `${acc}, ${p}` : `${acc}; ${p}`) : p), '');
}

/** An access as a sentence: "C writes 0x3010: the TLB missed; … the kernel resolved it by copying the page." */
export function accessSentence(run: ScenarioRun, a: AccessResult, events: SimEvent[]): string {
  const who = a.pid >= 0 ? nameOfPid(run, a.pid) : 'The walk';
  const verb = a.op === 'exec' ? 'fetches' : a.op === 'write' ? 'writes' : 'reads';
  const story = accessStory(events);
  const end = a.segfault ? '' : a.pa !== null ? `, reaching ${hex(a.pa)} in frame ${a.pfn}` : '';
  return sentence(`${who === 'The walk' ? `The walk of ${hex(a.va)}` : `${who} ${verb} ${hex(a.va)}`}: ${story || 'nothing happened'}${end}`);
}

/** What the kernel did, as the end of "resolved it by …". */
const RESOLUTION_DONE: Record<FaultResolution, string> = {
  'demand-zero': 'giving the page a fresh frame filled with zeros (demand-zero)',
  'zero-page': 'mapping the shared zero page read-only (zero-page)',
  'file-read': 'reading the page from its file (file-read)',
  'page-cache-hit': 'mapping the copy already in the page cache (page-cache-hit)',
  'cow-copy': 'copying the shared page into a frame of its own (cow-copy)',
  'cow-reuse': 'making the entry writable again, as nobody else shares the frame (cow-reuse)',
  'swap-in': 'reading the page back from swap (swap-in)',
  'stack-growth': 'growing the stack down to the address (stack-growth)',
  'shm-zero': 'giving the shared-memory page a zeroed frame (shm-zero)',
  minor: 'mapping a page that was already in memory (minor fault)',
  segfault: 'ending the process (segmentation fault)',
};

/** What would have had to be true for a fault resolution to be the answer. */
const RESOLUTION_NEEDS: Record<string, string> = {
  none: 'the page would have to be in memory already, with an entry that allows the access',
  'demand-zero': 'the page would have to be anonymous memory (heap, stack or private data) that was never touched',
  'file-read': 'the page would have to belong to a file and not be in the page cache yet',
  'page-cache-hit': 'the page would have to belong to a file whose page is already in the page cache',
  'cow-copy': 'the page would have to be copy-on-write and its frame still shared with another process',
  'cow-reuse': 'the page would have to be copy-on-write with nobody else left sharing its frame',
  'swap-in': 'the page would have to be swapped out',
  'stack-growth': 'the address would have to lie just below the stack',
  'shm-zero': 'the page would have to be shared memory that nobody has touched yet',
  'zero-page': 'the zero page would have to be on and the access a read of never-written anonymous memory',
  minor: 'the page would have to be in memory but not yet in this page table',
  segfault: 'the address would have to be in no memory area, or the area would have to forbid this access',
};

/** What would have had to be true for a fault cause to be the answer. */
const CAUSE_NEEDS: Record<string, string> = {
  none: 'every entry on the walk would have to be valid and allow the access',
  'not-present': 'an entry on the walk would have to be not valid',
  protection: 'the entry would have to be valid but forbid this kind of access',
  'user-kernel': 'the page would have to be a kernel (supervisor-only) page',
  'out-of-range': 'the address would have to lie outside the address space',
  'non-canonical': 'the address would have to be non-canonical (its upper bits not copies of the top translated bit)',
  'bad-entry': 'an entry would have to be malformed (a frame number beyond memory, a leaf too early)',
};

function walkEvents(events: SimEvent[]): Extract<SimEvent, { type: 'walk' }>[] {
  return events.filter((e): e is Extract<SimEvent, { type: 'walk' }> => e.type === 'walk');
}

function firstFault(events: SimEvent[]): Extract<SimEvent, { type: 'fault' }> | undefined {
  return events.find((e): e is Extract<SimEvent, { type: 'fault' }> => e.type === 'fault');
}

/** The walk step that decided the access: the invalid entry, or the leaf. */
function decidingEntry(events: SimEvent[]): string {
  const walks = walkEvents(events);
  const bad = walks.find((w) => !w.valid);
  if (bad) return `the level-${bad.level} entry (index ${bad.index} of the table in frame ${bad.tableFrame}) was not valid`;
  const leaf = walks.find((w) => w.leaf);
  if (leaf) return `the level-${leaf.level} entry (index ${leaf.index} of the table in frame ${leaf.tableFrame}) was valid and gave frame ${leaf.pfn}`;
  const hit = events.find((e) => e.type === 'tlb-hit');
  if (hit && hit.type === 'tlb-hit') return `the TLB already held page ${hex(hit.vpn)} → frame ${hit.pfn}`;
  return 'the walk found nothing to stop it';
}

/** Why a TLB lookup by `cpu` for `vpn` missed, from the machine before and the accesses of this run. */
function whyMissed(ctx: DivergenceContext, cpu: number, vpn: number, upTo: number): string {
  const results = ctx.outcome.results.slice(0, upTo);
  let usedAt = -1;
  results.forEach((r, i) => {
    if (r.access && r.access.cpu === cpu && Math.floor(r.access.va / ctx.run.machine.pageSize) === vpn) usedAt = i;
  });
  const cachedBefore = ctx.before?.cpus.find((c) => c.id === cpu)?.tlb.entries.some((e) => e.vpn === vpn) ?? false;
  if (usedAt < 0 && !cachedBefore) return `page ${hex(vpn)} had not been used on CPU ${cpu}, so the TLB had no entry for it`;
  const since = results.slice(usedAt + 1);
  const flush = since.flatMap((r) => r.events).find((e) => (e.type === 'tlb-flush' && e.cpu === cpu) || (e.type === 'context-switch' && e.cpu === cpu && e.flushed));
  if (flush) return `the switch to another process on CPU ${cpu} flushed the TLB after page ${hex(vpn)} was cached`;
  const evicted = since.flatMap((r) => r.events).find((e) => e.type === 'tlb-fill' && e.cpu === cpu && e.evictedVpn === vpn);
  if (evicted && evicted.type === 'tlb-fill') {
    const others = new Set(since.filter((r) => r.access && r.access.cpu === cpu).map((r) => Math.floor(r.access!.va / ctx.run.machine.pageSize)).filter((p) => p !== vpn));
    return `page ${hex(vpn)} had been pushed out of the TLB: ${counted(others.size, 'other page')} used since filled its entries, and page ${hex(evicted.vpn)} took its place`;
  }
  return `the TLB no longer held page ${hex(vpn)}`;
}

/** Why a TLB lookup hit: the access that cached the page. */
function whyHit(ctx: DivergenceContext, cpu: number, vpn: number, upTo: number): string {
  const results = ctx.outcome.results.slice(0, upTo);
  let usedAt = -1;
  results.forEach((r, i) => {
    if (r.access && r.access.cpu === cpu && Math.floor(r.access.va / ctx.run.machine.pageSize) === vpn) usedAt = i;
  });
  if (usedAt >= 0) return `the ${ordinal(usedAt + 1)} access (${hex(results[usedAt].access!.va)}) had put page ${hex(vpn)} in the TLB, and nothing pushed it out since: only the page number is looked up, not the offset`;
  return `page ${hex(vpn)} was still in CPU ${cpu}'s TLB from before the question`;
}

function frameOwners(ctx: DivergenceContext, pfn: number): string[] {
  const ps = ctx.run.machine.pageSize;
  return ctx.run.machine.mem.frames[pfn]?.mappings.map((mp) => pageLabel({ process: nameOfPid(ctx.run, mp.pid), va: mp.vpn * ps })) ?? [];
}

function beforeRefs(ctx: DivergenceContext, pfn: number): number | null {
  return ctx.before?.frames[pfn]?.refs ?? null;
}

/** Where the prediction and the machine parted ways, as one or two sentences. */
export function explainDivergence(ctx: DivergenceContext): string {
  const { run, probe, outcome, given, format } = ctx;
  const answer = outcome.answer!;
  const ps = run.machine.pageSize;
  const last = outcome.results.at(-1);
  const a = last?.access;
  const events = last?.events ?? outcome.events;
  const story = accessStory(events);
  const say = (v: AnswerValue) => formatAnswer(probe.what, v, format);
  const who = a && a.pid >= 0 ? nameOfPid(run, a.pid) : 'the walk';
  switch (probe.what) {
    case 'physical-address': {
      const pa = answer as number;
      const g = given as number;
      if (a && g === a.va) return `${say(g)} is the virtual address itself: the MMU replaces the page number ${hex(Math.floor(a.va / ps))} with the frame number ${a.pfn}, keeping the offset ${hex(a.va % ps)}. ${sentence(decidingEntry(events))}`;
      if (Math.floor(g / ps) === Math.floor(pa / ps)) return `The frame (${Math.floor(pa / ps)}) is right but the offset is not: the low ${run.profile.pageBits} bits are copied unchanged from the virtual address (${hex(pa % ps)}).`;
      const owners = frameOwners(ctx, Math.floor(g / ps));
      if (g % ps === pa % ps && owners.length && a && !owners.some((o) => o.startsWith(`${who} `))) return `The offset is right, but frame ${Math.floor(g / ps)} holds ${owners.join(' and ')}: ${who} has its own page table, and ${decidingEntry(events)}.`;
      if (g % ps === pa % ps) return `The offset is right, but the page is in frame ${Math.floor(pa / ps)}, not frame ${Math.floor(g / ps)}: ${decidingEntry(events)}.`;
      return `${sentence(story)} So the physical address is frame ${Math.floor(pa / ps)} × ${hex(ps)} + offset ${hex(pa % ps)} = ${say(pa)}.`;
    }
    case 'frame': {
      const g = given as number;
      if (!a) return sentence(story);
      const vpn = Math.floor(a.va / ps);
      if (g === vpn && g !== answer) return `Frame ${g} is the page number itself: a page can be in any frame, and ${who}'s page table decides which — ${decidingEntry(events)}.`;
      const root = run.machine.processes.get(a.pid)?.root;
      if (g === root) return `Frame ${g} holds ${who}'s page table, not the page: the walk reads it, and ${decidingEntry(events)}.`;
      const owners = frameOwners(ctx, g);
      if (owners.length && !owners.some((o) => o.startsWith(`${who} `))) return `Frame ${g} holds ${owners.join(' and ')}, not ${who}'s page: each process has its own page table, and in ${who}'s ${decidingEntry(events)}.`;
      return `${sentence(decidingEntry(events))} ${sentence(story)}`;
    }
    case 'tlb': {
      if (!a) return sentence(story);
      const vpn = Math.floor(a.va / ps);
      const i = outcome.results.length - 1;
      if (answer === 'miss') return `You expected a hit, but ${whyMissed(ctx, a.cpu, vpn, i)}; so the MMU walked the page table (${decidingEntry(events)}).`;
      return `You expected a miss, but ${whyHit(ctx, a.cpu, vpn, i)}.`;
    }
    case 'tlb-sequence': {
      const want = answer as string[];
      const got = given as string[];
      const i = want.findIndex((w, k) => got[k] !== w);
      const r = outcome.results[i];
      if (i < 0 || !r?.access) return 'The sequence is right.';
      const vpn = Math.floor(r.access.va / ps);
      const why = want[i] === 'miss' ? whyMissed(ctx, r.access.cpu, vpn, i) : whyHit(ctx, r.access.cpu, vpn, i);
      return `The first difference is the ${ordinal(i + 1)} access (${hex(r.access.va)}): it was a ${want[i]}, not a ${got[i] ?? 'blank'}, because ${why}.`;
    }
    case 'faults': {
      if (!a) return sentence(story);
      if (answer === true) return `You expected no fault, but ${decidingEntry(events)}, so the access faulted (${firstFault(events)?.cause ?? 'fault'}). ${sentence(story)}`;
      return `You expected a fault, but the page was ready: ${decidingEntry(events)}, and the entry allows the ${a.op}.`;
    }
    case 'fault-cause': {
      const g = String(given);
      const fault = firstFault(events);
      const actual = fault ? `${fault.cause}${fault.level !== null ? ` at level ${fault.level}` : ''}` : 'no fault at all';
      return `For ${g}, ${CAUSE_NEEDS[g] ?? 'the walk would have to end differently'}; but ${decidingEntry(events)}, so the MMU reported ${actual}.`;
    }
    case 'fault-level': {
      const g = given;
      const walks = walkEvents(events);
      const bad = walks.find((w) => !w.valid);
      if (g === 'none') return bad ? `You expected the walk to succeed, but the level-${bad.level} entry was not valid.` : sentence(story);
      const lv = g as number;
      if (!bad) return `The walk did not fault at all: ${decidingEntry(events)}.`;
      if (lv > bad.level) return `The walk never reached level ${lv}: the level-${bad.level} entry (index ${bad.index} of the table in frame ${bad.tableFrame}) was already not valid, so there is no level-${lv} table for that part of the address space.`;
      const w = walks.find((x) => x.level === lv);
      return `The level-${lv} entry was valid${w && w.pfn !== null ? ` (it points to the table in frame ${w.pfn})` : ''}; the walk went on and stopped at level ${bad.level}, whose entry (index ${bad.index}) was not valid.`;
    }
    case 'fault-resolution': {
      const g = String(given);
      const resolved = events.find((e): e is Extract<SimEvent, { type: 'fault-resolved' }> => e.type === 'fault-resolved');
      const fault = firstFault(events);
      let shows: string;
      if (!fault) shows = `the access did not fault at all: ${decidingEntry(events)}.`;
      else if (resolved) {
        const pfn = walkEvents(events).find((w) => w.leaf && w.valid)?.pfn ?? null;
        const refs = pfn !== null ? beforeRefs(ctx, pfn) : null;
        const shared = (g === 'cow-copy' || g === 'cow-reuse') && refs !== null ? ` Before the write, frame ${pfn} was mapped ${counted(refs, 'time')}.` : '';
        shows = `the fault was ${fault.cause} and the kernel resolved it by ${RESOLUTION_DONE[resolved.resolution]}.${shared}`;
      } else shows = `the fault was ${fault.cause} and the kernel ended the process.`;
      return `For ${g}, ${RESOLUTION_NEEDS[g] ?? 'the fault would have to be handled differently'}; but ${shows}`;
    }
    case 'segfault': {
      const seg = events.find((e): e is Extract<SimEvent, { type: 'segfault' }> => e.type === 'segfault');
      if (answer === true) return `You expected the process to survive, but ${seg ? `the kernel found no way to handle the fault: ${seg.reason}` : 'the kernel ended it'}.`;
      const resolved = events.find((e): e is Extract<SimEvent, { type: 'fault-resolved' }> => e.type === 'fault-resolved');
      return resolved ? `You expected a segmentation fault, but the address is in one of ${who}'s memory areas, so the kernel resolved the fault by ${RESOLUTION_DONE[resolved.resolution]}.` : `You expected a segmentation fault, but the access simply worked: ${decidingEntry(events)}.`;
    }
    case 'value': {
      const g = given as number;
      if (!a || a.pa === null) return sentence(story);
      const off = a.va % ps;
      const elsewhere = [...run.machine.processes.values()].filter((p) => p.alive && p.pid !== a.pid).find((p) => {
        const f = run.machine.presentFrame(p, Math.floor(a.va / ps));
        return f !== null && f !== a.pfn && run.machine.mem.bytes[f * ps + off] === g;
      });
      if (elsewhere) return `${g} is what ${elsewhere.name} sees at the same address, in a frame of its own: ${who}'s ${decidingEntry(events)}, and the byte there is ${answer}.`;
      return `${sentence(decidingEntry(events))} The byte at ${hex(a.pa)} in that frame is ${answer}, not ${g}.`;
    }
    case 'node':
    case 'cost':
    case 'remote': {
      const numa = outcome.events.find((e) => e.type === 'numa-access');
      if (numa && numa.type === 'numa-access')
        return `The thread ran on CPU ${numa.cpu}, on node ${numa.cpuNode}, and the page is in frame ${a?.pfn}, on node ${numa.memNode}: a ${numa.remote ? 'remote' : 'local'} access that costs ${numa.cost}.`;
      return sentence(story);
    }
    case 'evicted-page':
    case 'evicted-frame':
    case 'evicted-process': {
      const ev = outcome.events.find((e) => e.type === 'evict');
      if (ev && ev.type === 'evict') {
        const pages = ev.mappings.map((mp) => pageLabel({ process: nameOfPid(run, mp.pid), va: mp.vpn * ps }));
        return `Memory was full, so ${ev.policy.toUpperCase()} chose frame ${ev.pfn}${pages.length ? ` (${pages.join(', ')})` : ''} as the victim. ${sentence(story)}`;
      }
      return `Nothing had to be evicted: ${story || 'a free frame was available'}.`;
    }
    case 'translation-order': {
      const want = answer as string[];
      const got = given as string[];
      const i = want.findIndex((w, k) => got[k] !== w);
      if (i < 0) return 'The order is right.';
      const stage = stageEvents(events)[i];
      return `The ${ordinal(i + 1)} stage is "${want[i]}"${got[i] ? `, not "${got[i]}"` : ''}: ${stage ? stageReason(stage.event, stageEvents(events)[i - 1]?.event) : story}.`;
    }
    case 'reference-sequence':
    case 'reference-evictions': {
      const ref = outcome.results.at(-1)?.reference;
      const want = answer as string[];
      const got = given as string[];
      const i = want.findIndex((w, k) => got[k] !== w);
      if (!ref || !ref.history || i < 0) return 'The sequence is right.';
      const steps = referenceSteps(ref, 0, i + 1);
      const before = i > 0 ? steps[i - 1].frames : steps[0].frames.map(() => null);
      const s = steps[i];
      return `At the ${ordinal(i + 1)} reference (page ${s.page}) the frames held [${before.map((f) => (f === null ? '-' : f)).join(' ')}], so it was a ${s.hit ? 'hit' : 'miss'}${s.evicted !== null ? ` and ${ref.policy.toUpperCase()} evicted page ${s.evicted}` : s.hit ? '' : ' into a free frame'}.`;
    }
    case 'curve-value':
    case 'curve-settles':
    case 'curve-rises': {
      const said = String(outcome.facts.outcome ?? '');
      if (!probe.curve) return sentence(said);
      const c = curveOf(probe.curve);
      const xCol = c.table.columns.find((col) => col.key === c.table.plot.x);
      const yCol = c.table.columns.find((col) => col.key === c.measure);
      return `${sentence(said)} The curve (${c.series}, ${yCol?.label ?? c.measure} against ${xCol?.label ?? 'x'}): ${c.points.map((p) => `${p.x} → ${p.y}`).join(', ')}.`;
    }
    case 'reference-faults':
    case 'reference-hits': {
      const ref = outcome.results.at(-1)?.reference;
      if (!ref || !ref.history) return sentence(story);
      const steps = referenceSteps(ref);
      const misses = steps.map((s, k) => (s.hit ? null : k + 1)).filter((k): k is number => k !== null);
      return `${ref.policy.toUpperCase()} with ${counted(ref.frameCount, 'frame')} misses at references ${misses.join(', ')} (✗) and hits at the others: ${steps.map((s) => (s.hit ? `${s.page}✓` : `${s.page}✗`)).join(' ')} — ${counted(ref.faults, 'fault')} and ${counted(ref.hits, 'hit')}.`;
    }
    case 'refcount': {
      const pfn = outcome.facts.targetFrame as number;
      const maps = frameOwners(ctx, pfn);
      const was = beforeRefs(ctx, pfn);
      const copy = events.find((e): e is Extract<SimEvent, { type: 'cow-copy' }> => e.type === 'cow-copy');
      let change = '';
      if (a && copy) change = ` ${cap(who)}'s ${a.op} faulted on the shared copy-on-write page, and the kernel gave ${nameOfPid(run, copy.pid)} a copy in frame ${copy.to}${copy.from === pfn ? `, so frame ${pfn} lost that mapping` : ''}.`;
      else if (a && was !== null && was !== maps.length) change = ` ${sentence(story)}`;
      const counting = a && given === was && was !== maps.length ? ` You counted the mappings before the ${a.op}.` : '';
      return `Frame ${pfn} is mapped ${maps.length ? `by ${maps.join(' and ')}` : 'by nobody'}: ${counted(maps.length, 'mapping')}.${counting}${change}`;
    }
    case 'free-frames': {
      const kinds = new Map<string, number>();
      for (const f of run.machine.mem.frames) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
      const used = [...kinds].filter(([k]) => k !== 'free').map(([k, n]) => `${n} ${k === 'page-table' ? 'page-table' : k}`);
      const allocs = outcome.events.filter((e) => e.type === 'frame-alloc').length;
      const note = allocs && given === (ctx.before?.freeFrames ?? -1) ? ` The observed access took ${counted(allocs, 'frame')} of its own (page tables count too).` : '';
      return `Of ${counted(run.profile.physFrames, 'frame')}, ${used.join(', ')} are in use, so ${answer} are free.${note}`;
    }
    case 'smaps':
    case 'rss':
    case 'pss': {
      const pid = run.pidOf(probe.process!);
      const pages: string[] = [];
      for (const f of run.machine.mem.frames) for (const mp of f.mappings) if (mp.pid === pid) pages.push(`${hex(mp.vpn * ps)} (frame ${f.pfn}${f.mappings.length > 1 ? `, shared by ${f.mappings.length}` : ''})`);
      const rule = probe.what === 'smaps' ? ' smaps splits these pages per area: shared or private by how many processes map each page now, clean or dirty by whether it was written.' : probe.what === 'pss' ? ' PSS counts a page shared by n processes as 1/n of a page.' : ' RSS counts every page it maps, shared or not; page tables do not count.';
      return `${probe.process} maps ${counted(pages.length, 'page')}${pages.length ? `: ${pages.join(', ')}` : ''}.${rule}`;
    }
  }
}

/** Why a stage of a translation comes where it does, after `prev`. */
function stageReason(e: SimEvent, prev: SimEvent | undefined): string {
  switch (e.type) {
    case 'tlb-hit':
      return `every access asks the TLB first, and it held page ${hex(e.vpn)}`;
    case 'tlb-miss':
      return prev ? `after the fault is handled the access starts again, with the TLB` : `every access asks the TLB first; it had no entry for page ${hex(e.vpn)}`;
    case 'walk':
      return e.level === 0 ? `the TLB missed, so the MMU walks the page table from its root` : `the level-${e.level - 1} entry pointed to the level-${e.level} table`;
    case 'fault':
      return `the level-${e.level ?? 0} entry did not allow the access (${e.cause}), so the MMU stops and raises a fault`;
    case 'fault-resolved':
      return `the kernel handles the fault by ${RESOLUTION_DONE[e.resolution]}`;
    case 'segfault':
      return `the kernel found nothing to map there, so it ends the process`;
    case 'tlb-fill':
      return `the walk found the frame, and the translation is kept for next time`;
    case 'memory-read':
    case 'memory-write':
      return `only with the physical address known can the data be reached`;
    default:
      return 'that is the order the machine followed';
  }
}

export type { FaultCause };
