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
import { frameAt, type Snapshot } from '../sim/snapshot.ts';
import type { ScenarioRun } from '../scenario/run.ts';
import { formatList, hex, t, type MessageKey } from '../i18n/index.ts';
import { answerWord, formatAnswer, nameOfPid, pageLabel, stageText, type AnswerValue, type Outcome, type Probe } from './observe.ts';
import { stageEvents } from './observe.ts';

/** A fault cause as the learner reads it (the id in English). */
const causeWord = (cause: string): string => answerWord('fault-cause', cause);

/** Frame numbers, levels and indexes are names, not amounts: never grouped ("frame 12345"). */
const id = (n: number | null | undefined): string => String(n);

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

/** End a clause as a sentence (in the current language's punctuation). */
function sentence(s: string): string {
  const c = cap(s.trim());
  return /[.!?。！？]$/.test(c) ? c : t('feedback.sentence', { clause: c });
}

/** Two sentences one after the other (a space in English, none in Chinese); an empty one is left out. */
function both(first: string, second: string): string {
  return !second ? first : !first ? second : t('feedback.join.sentences', { before: first, after: second });
}

/** The path of one access in plain words: "the TLB missed; the level-0 entry was not valid, …". */
export function accessStory(events: SimEvent[]): string {
  // Each part is a clause; a consequence ("so the access faulted") joins with a comma, the rest with a semicolon.
  const parts: { text: string; consequence: boolean }[] = [];
  const add = (text: string, consequence = false) => parts.push({ text, consequence });
  for (const e of events) {
    switch (e.type) {
      case 'tlb-hit':
        add(t('feedback.story.tlbHit', { vpn: hex(e.vpn), pfn: id(e.pfn) }));
        break;
      case 'tlb-miss':
        add(t('feedback.story.tlbMiss', { vpn: hex(e.vpn) }));
        break;
      case 'walk':
        add(!e.valid ? t('feedback.story.walkInvalid', { level: id(e.level) }) : e.leaf ? t('feedback.story.walkLeaf', { level: id(e.level), pfn: id(e.pfn) }) : t('feedback.story.walkTable', { level: id(e.level), pfn: id(e.pfn) }));
        break;
      case 'fault':
        add(e.level !== null ? t('feedback.story.faultAtLevel', { cause: causeWord(e.cause), level: id(e.level) }) : t('feedback.story.fault', { cause: causeWord(e.cause) }), true);
        break;
      case 'fault-resolved':
        add(e.detail ? t('feedback.story.resolvedDetail', { how: resolutionDone(e.resolution), detail: e.detail }) : t('feedback.story.resolved', { how: resolutionDone(e.resolution) }));
        break;
      case 'segfault':
        add(t('feedback.story.segfault', { reason: e.reason }));
        break;
      case 'evict':
        add(t('feedback.story.evict', { pfn: id(e.pfn), policy: e.policy.toUpperCase() }));
        break;
      case 'memory-read':
        add(t('feedback.story.memoryRead', { pa: hex(e.pa), value: id(e.value) }));
        break;
      case 'memory-write':
        add(t('feedback.story.memoryWrite', { pa: hex(e.pa), value: id(e.value) }));
        break;
      default:
        break;
    }
  }
  return parts.reduce((acc, p) => (acc ? t(p.consequence ? 'feedback.join.consequence' : 'feedback.join.next', { before: acc, after: p.text }) : p.text), '');
}

/**
 * An access as a sentence: "C writes 0x3010: the TLB missed; … the kernel resolved it by
 * copying the page." `who` names the process (nameOfPid; unused for a walk of a memory image, pid -1).
 */
export function accessSentence(who: string, a: AccessResult, events: SimEvent[]): string {
  const told = accessStory(events) || t('feedback.story.nothing');
  const story = !a.segfault && a.pa !== null ? t('feedback.story.reaching', { story: told, pa: hex(a.pa), pfn: id(a.pfn) }) : told;
  return sentence(a.pid >= 0 ? t('feedback.access.process', { who, op: a.op, va: hex(a.va), story }) : t('feedback.access.walk', { va: hex(a.va), story }));
}

/** What the kernel did, as the end of "resolved it by …". */
const RESOLUTION_DONE: Record<FaultResolution, MessageKey> = {
  'demand-zero': 'feedback.done.demandZero',
  'zero-page': 'feedback.done.zeroPage',
  'file-read': 'feedback.done.fileRead',
  'page-cache-hit': 'feedback.done.pageCacheHit',
  'cow-copy': 'feedback.done.cowCopy',
  'cow-reuse': 'feedback.done.cowReuse',
  'swap-in': 'feedback.done.swapIn',
  'stack-growth': 'feedback.done.stackGrowth',
  'shm-zero': 'feedback.done.shmZero',
  minor: 'feedback.done.minor',
  segfault: 'feedback.done.segfault',
};

function resolutionDone(r: FaultResolution): string {
  return t(RESOLUTION_DONE[r] as 'feedback.done.minor');
}

/** What would have had to be true for a fault resolution to be the answer. */
const RESOLUTION_NEEDS: Record<string, MessageKey> = {
  none: 'feedback.needs.resolution.none',
  'demand-zero': 'feedback.needs.resolution.demandZero',
  'file-read': 'feedback.needs.resolution.fileRead',
  'page-cache-hit': 'feedback.needs.resolution.pageCacheHit',
  'cow-copy': 'feedback.needs.resolution.cowCopy',
  'cow-reuse': 'feedback.needs.resolution.cowReuse',
  'swap-in': 'feedback.needs.resolution.swapIn',
  'stack-growth': 'feedback.needs.resolution.stackGrowth',
  'shm-zero': 'feedback.needs.resolution.shmZero',
  'zero-page': 'feedback.needs.resolution.zeroPage',
  minor: 'feedback.needs.resolution.minor',
  segfault: 'feedback.needs.resolution.segfault',
};

/** What would have had to be true for a fault cause to be the answer. */
const CAUSE_NEEDS: Record<string, MessageKey> = {
  none: 'feedback.needs.cause.none',
  'not-present': 'feedback.needs.cause.notPresent',
  protection: 'feedback.needs.cause.protection',
  'user-kernel': 'feedback.needs.cause.userKernel',
  'out-of-range': 'feedback.needs.cause.outOfRange',
  'non-canonical': 'feedback.needs.cause.nonCanonical',
  'bad-entry': 'feedback.needs.cause.badEntry',
};

/** A table's message for `key`, or the fallback message when the key is not in it. */
function needs(table: Record<string, MessageKey>, key: string, fallback: MessageKey): string {
  return t((Object.hasOwn(table, key) ? table[key] : fallback) as 'feedback.needs.cause.none');
}

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
  if (bad) return t('feedback.entry.invalid', { level: id(bad.level), index: id(bad.index), table: id(bad.tableFrame) });
  const leaf = walks.find((w) => w.leaf);
  if (leaf) return t('feedback.entry.leaf', { level: id(leaf.level), index: id(leaf.index), table: id(leaf.tableFrame), pfn: id(leaf.pfn) });
  const hit = events.find((e) => e.type === 'tlb-hit');
  if (hit && hit.type === 'tlb-hit') return t('feedback.entry.tlbHeld', { vpn: hex(hit.vpn), pfn: id(hit.pfn) });
  return t('feedback.entry.nothing');
}

/** Why a TLB lookup by `cpu` for `vpn` missed, from the machine before and the accesses of this run. */
function whyMissed(ctx: DivergenceContext, cpu: number, vpn: number, upTo: number): string {
  const results = ctx.outcome.results.slice(0, upTo);
  let usedAt = -1;
  results.forEach((r, i) => {
    if (r.access && r.access.cpu === cpu && Math.floor(r.access.va / ctx.run.machine.pageSize) === vpn) usedAt = i;
  });
  const cachedBefore = ctx.before?.cpus.find((c) => c.id === cpu)?.tlb.entries.some((e) => e.vpn === vpn) ?? false;
  if (usedAt < 0 && !cachedBefore) return t('feedback.miss.unused', { vpn: hex(vpn), cpu: id(cpu) });
  const since = results.slice(usedAt + 1);
  const flush = since.flatMap((r) => r.events).find((e) => (e.type === 'tlb-flush' && e.cpu === cpu) || (e.type === 'context-switch' && e.cpu === cpu && e.flushed));
  if (flush) return t('feedback.miss.flushed', { vpn: hex(vpn), cpu: id(cpu) });
  const evicted = since.flatMap((r) => r.events).find((e) => e.type === 'tlb-fill' && e.cpu === cpu && e.evictedVpn === vpn);
  if (evicted && evicted.type === 'tlb-fill') {
    const others = new Set(since.filter((r) => r.access && r.access.cpu === cpu).map((r) => Math.floor(r.access!.va / ctx.run.machine.pageSize)).filter((p) => p !== vpn));
    return t('feedback.miss.evicted', { vpn: hex(vpn), others: others.size, by: hex(evicted.vpn) });
  }
  return t('feedback.miss.gone', { vpn: hex(vpn) });
}

/** Why a TLB lookup hit: the access that cached the page. */
function whyHit(ctx: DivergenceContext, cpu: number, vpn: number, upTo: number): string {
  const results = ctx.outcome.results.slice(0, upTo);
  let usedAt = -1;
  results.forEach((r, i) => {
    if (r.access && r.access.cpu === cpu && Math.floor(r.access.va / ctx.run.machine.pageSize) === vpn) usedAt = i;
  });
  if (usedAt >= 0) return t('feedback.hit.cachedBy', { n: usedAt + 1, va: hex(results[usedAt].access!.va), vpn: hex(vpn) });
  return t('feedback.hit.fromBefore', { vpn: hex(vpn), cpu: id(cpu) });
}

function frameOwners(ctx: DivergenceContext, pfn: number): string[] {
  const ps = ctx.run.machine.pageSize;
  return ctx.run.machine.mem.frame(pfn)?.mappings.map((mp) => pageLabel({ process: nameOfPid(ctx.run, mp.pid), va: mp.vpn * ps })) ?? [];
}

function beforeRefs(ctx: DivergenceContext, pfn: number): number | null {
    const before = ctx.before;
  if (!before) return null;
  // A frame an 'in-use' list leaves out is free: nothing maps it.
  return frameAt(before, pfn)?.refs ?? (before.framesListed === 'in-use' && pfn >= 0 && pfn < before.totalFrames ? 0 : null);
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
  const who = a && a.pid >= 0 ? nameOfPid(run, a.pid) : t('feedback.theWalk');
  switch (probe.what) {
    case 'physical-address': {
      const pa = answer as number;
      const g = given as number;
      if (a && g === a.va) return both(t('feedback.pa.virtual', { given: say(g), vpn: hex(Math.floor(a.va / ps)), pfn: id(a.pfn), offset: hex(a.va % ps) }), sentence(decidingEntry(events)));
      if (Math.floor(g / ps) === Math.floor(pa / ps)) return t('feedback.pa.offsetWrong', { pfn: id(Math.floor(pa / ps)), bits: run.profile.pageBits, offset: hex(pa % ps) });
      const owners = frameOwners(ctx, Math.floor(g / ps));
      if (g % ps === pa % ps && owners.length && a && !owners.some((o) => o.startsWith(`${who} `))) return t('feedback.pa.othersFrame', { frame: id(Math.floor(g / ps)), owners: formatList(owners), who, entry: decidingEntry(events) });
      if (g % ps === pa % ps) return t('feedback.pa.frameWrong', { pfn: id(Math.floor(pa / ps)), frame: id(Math.floor(g / ps)), entry: decidingEntry(events) });
      return both(sentence(story), t('feedback.pa.sum', { pfn: id(Math.floor(pa / ps)), size: hex(ps), offset: hex(pa % ps), pa: say(pa) }));
    }
    case 'frame': {
      const g = given as number;
      if (!a) return sentence(story);
      const vpn = Math.floor(a.va / ps);
      if (g === vpn && g !== answer) return t('feedback.frame.pageNumber', { frame: id(g), who, entry: decidingEntry(events) });
      const root = run.machine.processes.get(a.pid)?.root;
      if (g === root) return t('feedback.frame.pageTable', { frame: id(g), who, entry: decidingEntry(events) });
      const owners = frameOwners(ctx, g);
      if (owners.length && !owners.some((o) => o.startsWith(`${who} `))) return t('feedback.frame.othersPage', { frame: id(g), owners: formatList(owners), who, entry: decidingEntry(events) });
      return both(sentence(decidingEntry(events)), sentence(story));
    }
    case 'tlb': {
      if (!a) return sentence(story);
      const vpn = Math.floor(a.va / ps);
      const i = outcome.results.length - 1;
      if (answer === 'miss') return t('feedback.tlb.expectedHit', { why: whyMissed(ctx, a.cpu, vpn, i), entry: decidingEntry(events) });
      return t('feedback.tlb.expectedMiss', { why: whyHit(ctx, a.cpu, vpn, i) });
    }
    case 'tlb-sequence': {
      const want = answer as string[];
      const got = given as string[];
      const i = want.findIndex((w, k) => got[k] !== w);
      const r = outcome.results[i];
      if (i < 0 || !r?.access) return t('feedback.sequenceRight');
      const vpn = Math.floor(r.access.va / ps);
      const why = want[i] === 'miss' ? whyMissed(ctx, r.access.cpu, vpn, i) : whyHit(ctx, r.access.cpu, vpn, i);
      return t('feedback.tlbSequence.first', { n: i + 1, va: hex(r.access.va), want: answerWord('tlb', want[i]), got: got[i] === undefined ? t('player.feedback.blank') : answerWord('tlb', got[i]), why });
    }
    case 'faults': {
      if (!a) return sentence(story);
      if (answer === true) return both(t('feedback.faults.expectedNone', { entry: decidingEntry(events), cause: causeWord(firstFault(events)?.cause ?? 'fault') }), sentence(story));
      return t('feedback.faults.expectedFault', { entry: decidingEntry(events), op: a.op });
    }
    case 'fault-cause': {
      const g = String(given);
      const fault = firstFault(events);
      const actual = fault ? (fault.level !== null ? t('feedback.cause.atLevel', { cause: causeWord(fault.cause), level: id(fault.level) }) : causeWord(fault.cause)) : t('feedback.cause.noFault');
      return t('feedback.cause.wrong', { given: causeWord(g), needs: needs(CAUSE_NEEDS, g, 'feedback.needs.cause.other'), entry: decidingEntry(events), actual });
    }
    case 'fault-level': {
      const g = given;
      const walks = walkEvents(events);
      const bad = walks.find((w) => !w.valid);
      if (g === 'none') return bad ? t('feedback.level.expectedSuccess', { level: id(bad.level) }) : sentence(story);
      const lv = g as number;
      if (!bad) return t('feedback.level.noFault', { entry: decidingEntry(events) });
      if (lv > bad.level) return t('feedback.level.neverReached', { given: id(lv), level: id(bad.level), index: id(bad.index), table: id(bad.tableFrame) });
      const w = walks.find((x) => x.level === lv);
      return w && w.pfn !== null
        ? t('feedback.level.validPointing', { given: id(lv), pfn: id(w.pfn), level: id(bad.level), index: id(bad.index) })
        : t('feedback.level.valid', { given: id(lv), level: id(bad.level), index: id(bad.index) });
    }
    case 'fault-resolution': {
      const g = String(given);
      const resolved = events.find((e): e is Extract<SimEvent, { type: 'fault-resolved' }> => e.type === 'fault-resolved');
      const fault = firstFault(events);
      let shows: string;
      if (!fault) shows = t('feedback.resolution.noFault', { entry: decidingEntry(events) });
      else if (resolved) {
        const pfn = walkEvents(events).find((w) => w.leaf && w.valid)?.pfn ?? null;
        const refs = pfn !== null ? beforeRefs(ctx, pfn) : null;
        const shared = (g === 'cow-copy' || g === 'cow-reuse') && refs !== null ? t('feedback.resolution.sharedBefore', { pfn: id(pfn), count: refs }) : '';
        shows = both(t('feedback.resolution.resolved', { cause: causeWord(fault.cause), how: resolutionDone(resolved.resolution) }), shared);
      } else shows = t('feedback.resolution.ended', { cause: causeWord(fault.cause) });
      return t('feedback.resolution.wrong', { given: answerWord('fault-resolution', g), needs: needs(RESOLUTION_NEEDS, g, 'feedback.needs.resolution.other'), shows });
    }
    case 'segfault': {
      const seg = events.find((e): e is Extract<SimEvent, { type: 'segfault' }> => e.type === 'segfault');
      if (answer === true) return seg ? t('feedback.segfault.expectedSurvivalReason', { reason: seg.reason }) : t('feedback.segfault.expectedSurvival');
      const resolved = events.find((e): e is Extract<SimEvent, { type: 'fault-resolved' }> => e.type === 'fault-resolved');
      return resolved ? t('feedback.segfault.resolved', { who, how: resolutionDone(resolved.resolution) }) : t('feedback.segfault.worked', { entry: decidingEntry(events) });
    }
    case 'value': {
      const g = given as number;
      if (!a || a.pa === null) return sentence(story);
      const off = a.va % ps;
      const elsewhere = [...run.machine.processes.values()].filter((p) => p.alive && p.pid !== a.pid).find((p) => {
        const f = run.machine.presentFrame(p, Math.floor(a.va / ps));
        return f !== null && f !== a.pfn && run.machine.mem.read(f * ps + off, 1) === g;
      });
      if (elsewhere) return t('feedback.value.otherProcess', { given: id(g), other: elsewhere.name, who, entry: decidingEntry(events), value: String(answer) });
      return both(sentence(decidingEntry(events)), t('feedback.value.byte', { pa: hex(a.pa), value: String(answer), given: id(g) }));
    }
    case 'node':
    case 'cost':
    case 'remote': {
      const numa = outcome.events.find((e) => e.type === 'numa-access');
      if (numa && numa.type === 'numa-access')
        return t('feedback.numa', { cpu: id(numa.cpu), cpuNode: id(numa.cpuNode), pfn: id(a?.pfn), memNode: id(numa.memNode), remote: numa.remote ? 'yes' : 'no', cost: numa.cost });
      return sentence(story);
    }
    case 'evicted-page':
    case 'evicted-frame':
    case 'evicted-process': {
      const ev = outcome.events.find((e) => e.type === 'evict');
      if (ev && ev.type === 'evict') {
        const pages = ev.mappings.map((mp) => pageLabel({ process: nameOfPid(run, mp.pid), va: mp.vpn * ps }));
        const victim = pages.length ? t('feedback.evict.victimPages', { policy: ev.policy.toUpperCase(), pfn: id(ev.pfn), pages: pages.join(', ') }) : t('feedback.evict.victim', { policy: ev.policy.toUpperCase(), pfn: id(ev.pfn) });
        return both(victim, sentence(story));
      }
      return t('feedback.evict.none', { story: story || t('feedback.evict.freeFrame') });
    }
    case 'translation-order': {
      const want = answer as string[];
      const got = given as string[];
      const i = want.findIndex((w, k) => got[k] !== w);
      if (i < 0) return t('feedback.orderRight');
      const stage = stageEvents(events)[i];
      const reason = stage ? stageReason(stage.event, stageEvents(events)[i - 1]?.event) : story;
      return got[i] ? t('feedback.order.stageNot', { n: i + 1, want: stageText(want[i]), got: stageText(got[i]), reason }) : t('feedback.order.stage', { n: i + 1, want: stageText(want[i]), reason });
    }
    case 'reference-sequence':
    case 'reference-evictions': {
      const ref = outcome.results.at(-1)?.reference;
      const want = answer as string[];
      const got = given as string[];
      const i = want.findIndex((w, k) => got[k] !== w);
      if (!ref || !ref.history || i < 0) return t('feedback.sequenceRight');
      const steps = referenceSteps(ref, 0, i + 1);
      const before = i > 0 ? steps[i - 1].frames : steps[0].frames.map(() => null);
      const s = steps[i];
      return t('feedback.reference.step', {
        n: i + 1,
        page: id(s.page),
        frames: before.map((f) => (f === null ? '-' : f)).join(' '),
        result: s.hit ? 'hit' : s.evicted !== null ? 'evict' : 'free',
        policy: ref.policy.toUpperCase(),
        evicted: id(s.evicted),
      });
    }
    case 'curve-value':
    case 'curve-settles':
    case 'curve-rises': {
      const said = String(outcome.facts.outcome ?? '');
      if (!probe.curve) return sentence(said);
      const c = curveOf(probe.curve);
      const xCol = c.table.columns.find((col) => col.key === c.table.plot.x);
      const yCol = c.table.columns.find((col) => col.key === c.measure);
      return both(sentence(said), t('player.feedback.curve', { series: c.series, measure: yCol?.label ?? c.measure, x: xCol?.label ?? 'x', points: c.points.map((p) => `${p.x} → ${p.y}`).join(', ') }));
    }
    case 'reference-faults':
    case 'reference-hits': {
      const ref = outcome.results.at(-1)?.reference;
      if (!ref || !ref.history) return sentence(story);
      const steps = referenceSteps(ref);
      const misses = steps.map((s, k) => (s.hit ? null : k + 1)).filter((k): k is number => k !== null);
      return t('feedback.reference.summary', {
        policy: ref.policy.toUpperCase(),
        frames: ref.frameCount,
        misses: misses.join(', '),
        marks: steps.map((s) => (s.hit ? `${s.page}✓` : `${s.page}✗`)).join(' '),
        faults: ref.faults,
        hits: ref.hits,
      });
    }
    case 'refcount': {
      const pfn = outcome.facts.targetFrame as number;
      const maps = frameOwners(ctx, pfn);
      const was = beforeRefs(ctx, pfn);
      const copy = events.find((e): e is Extract<SimEvent, { type: 'cow-copy' }> => e.type === 'cow-copy');
      let change = '';
      if (a && copy) change = cap(t(copy.from === pfn ? 'feedback.refcount.copyLost' : 'feedback.refcount.copy', { who, op: a.op, to: nameOfPid(run, copy.pid), pfn: id(copy.to), frame: id(pfn) }));
      else if (a && was !== null && was !== maps.length) change = sentence(story);
      const counting = a && given === was && was !== maps.length ? t('feedback.refcount.countedBefore', { op: a.op }) : '';
      return both(both(maps.length ? t('feedback.refcount.mappedBy', { pfn: id(pfn), owners: formatList(maps), count: maps.length }) : t('feedback.refcount.mappedByNobody', { pfn: id(pfn) }), counting), change);
    }
    case 'free-frames': {
      const kinds = new Map<string, number>();
      for (const f of run.machine.mem.framesInUse()) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
      const used = [...kinds].filter(([k]) => k !== 'free').map(([k, n]) => t('feedback.free.kind', { count: n, kind: k === 'page-table' ? 'pageTable' : k }));
      const allocs = outcome.events.filter((e) => e.type === 'frame-alloc').length;
      const note = allocs && given === (ctx.before?.freeFrames ?? -1) ? t('feedback.free.tookOwn', { count: allocs }) : '';
      return both(t('feedback.free.summary', { total: run.profile.physFrames, used: used.join(', '), free: String(answer) }), note);
    }
    case 'smaps':
    case 'rss':
    case 'pss': {
      const pid = run.pidOf(probe.process!);
      const pages: string[] = [];
      for (const f of run.machine.mem.framesInUse()) for (const mp of f.mappings) if (mp.pid === pid) pages.push(f.mappings.length > 1 ? t('feedback.maps.pageShared', { va: hex(mp.vpn * ps), pfn: id(f.pfn), sharers: f.mappings.length }) : t('feedback.maps.page', { va: hex(mp.vpn * ps), pfn: id(f.pfn) }));
      const rule = t(probe.what === 'smaps' ? 'feedback.maps.ruleSmaps' : probe.what === 'pss' ? 'feedback.maps.rulePss' : 'feedback.maps.ruleRss');
      const maps = pages.length ? t('feedback.maps.list', { process: probe.process ?? '', count: pages.length, pages: pages.join(', ') }) : t('feedback.maps.none', { process: probe.process ?? '' });
      return both(maps, rule);
    }
  }
}

/** Why a stage of a translation comes where it does, after `prev`. */
function stageReason(e: SimEvent, prev: SimEvent | undefined): string {
  switch (e.type) {
    case 'tlb-hit':
      return t('feedback.stage.tlbHit', { vpn: hex(e.vpn) });
    case 'tlb-miss':
      return prev ? t('feedback.stage.retry') : t('feedback.stage.tlbMiss', { vpn: hex(e.vpn) });
    case 'walk':
      return e.level === 0 ? t('feedback.stage.walkRoot') : t('feedback.stage.walkNext', { from: id(e.level - 1), level: id(e.level) });
    case 'fault':
      return t('feedback.stage.fault', { level: id(e.level ?? 0), cause: causeWord(e.cause) });
    case 'fault-resolved':
      return t('feedback.stage.resolved', { how: resolutionDone(e.resolution) });
    case 'segfault':
      return t('feedback.stage.segfault');
    case 'tlb-fill':
      return t('feedback.stage.tlbFill');
    case 'memory-read':
    case 'memory-write':
      return t('feedback.stage.memory');
    default:
      return t('feedback.stage.other');
  }
}

export type { FaultCause };
