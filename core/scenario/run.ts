/*
 * Running a checked scenario: build the machine, then apply each step, collecting for
 * every step its events and a typed result. A step the kernel refuses (mmap over an
 * existing area, a process that has already died, …) reports `error` and the run goes
 * on, the way a system call returns an error code; a segmentation fault is an outcome,
 * not an error.
 */
import { t as message } from '../i18n/index.ts';
import { formatDocumentAddress, formatVa, machineAddress, nonCanonicalReason } from '../sim/address.ts';
import { MeteredEvents, WorkLimitError, WorkMeter, type WorkKind, type WorkLimits } from '../sim/budget.ts';
import type { SimEvent } from '../sim/events.ts';
import { Machine, parsePerms, SimError, type AccessResult, type AreaSmaps, type SmapsRollup, type Stats } from '../sim/machine.ts';
import { MAX_RANGE_ACCESSES } from './schema.ts';
import type { MachineProfile } from '../sim/profile.ts';
import { runReferenceString, type RandomMode, type ReferencePolicy, type ReferenceResult } from '../sim/replacement.ts';
import { takeSnapshot, type Snapshot } from '../sim/snapshot.ts';
import { parseImage } from './load.ts';
import type { Scenario, Step } from './schema.ts';

export interface TranslateResult {
  present: boolean;
  pa: number | null;
  pfn: number | null;
  value: number | null;
  /** With a memory image: where the walk stopped and why. */
  fault: string | null;
  faultLevel: number | null;
  swapSlot: number | null;
  area: string | null;
  perms: string | null;
}

export interface StepResult {
  index: number;
  op: Step['op'];
  label: string | null;
  /** One line saying what happened. */
  summary: string;
  error: string | null;
  events: SimEvent[];
  /** The step went over its work budget (core/sim/budget.ts): which limit, for validators and the app. */
  overBudget?: { kind: WorkKind; scope: 'step' | 'document'; limit: number };
  /** The access; for a range step, the last one (all of them are in `accesses`). */
  access?: AccessResult;
  /** A range step's accesses, in order. */
  accesses?: AccessResult[];
  /** A report step's reading. */
  reading?: Reading;
  translate?: TranslateResult;
  reference?: ReferenceResult;
  pid?: number;
  tid?: number;
  area?: { name: string; start: number; end: number };
  value?: number;
}

/** What a `report` step reads off the machine at that point. */
export interface Reading {
  freeFrames: number;
  stats: Stats;
  tlb: { cpu: number; hits: number; misses: number; entries: number }[];
  processes: { name: string; pid: number; rss: number; pss: number; swapped: number; smaps: AreaSmaps[]; smapsRollup: SmapsRollup }[];
  /** Whether `pagewalk run` prints every area's smaps (the reading holds them anyway). */
  smaps: boolean;
}

export interface RunResult {
  profile: MachineProfile;
  results: StepResult[];
  snapshot: Snapshot;
}

const hex = (n: number) => '0x' + n.toString(16);

/** Told about each step as it starts and each event as the machine emits it (see keyframes.ts). */
export interface RunObserver {
  stepStart(): void;
  event(e: SimEvent): void;
}

/** A (metered) event list that tells an observer about each event before storing it. */
class ObservedEvents extends MeteredEvents {
  observer: RunObserver | null = null;
  override push(...items: SimEvent[]): number {
    for (const e of items) {
      this.observer?.event(e);
      super.push(e);
    }
    return this.length;
  }
}

function observedEvents(observer: RunObserver): ObservedEvents {
  const list = new ObservedEvents();
  list.observer = observer;
  return list;
}

/**
 * A running scenario: the machine plus the names the document uses for processes and
 * threads. The app and the lesson engine drive it one step at a time.
 */
export class ScenarioRun {
  readonly machine: Machine;
  /**
   * The steps' results in order. With `retain` set (an interactive session) only the most
   * recent ones are kept, between `retain` and twice that many: `results[0]` is then step
   * `resultsDropped`, and `applied` counts them all. Without it (`pagewalk run`, lessons,
   * tests) every result stays and `results[i]` is step i.
   */
  readonly results: StepResult[] = [];
  /** Most recent results kept in full (null: all of them). */
  readonly retain: number | null;
  /** Results let go (the oldest, once more than twice `retain` were kept). */
  resultsDropped = 0;
  /** Work done per step and for the whole document, against WORK_LIMITS. */
  readonly work: WorkMeter;
  private readonly pids = new Map<string, number>();
  private readonly tids = new Map<string, number>();
  private cursor = 0;
  /** The range step being applied and the index of its access in progress (OPT's oracle looks at the rest of it). */
  private rangeInProgress: { step: Step; at: number } | null = null;
  /** The memory image loaded now, when the document has several. */
  private image: string | null = null;
  /** Watches steps and events while attached (the app's animation keyframes); null otherwise. */
  observer: RunObserver | null = null;

  constructor(
    readonly scenario: Scenario,
    readonly profile: MachineProfile,
    /** memory: force the dense or sparse physical-memory layout (tests compare them; the default goes by size). */
    /** retain: keep only the most recent results (see `results`); the sandbox keeps its log's worth and some. */
    options: { trace?: boolean; limits?: WorkLimits; memory?: 'dense' | 'sparse'; retain?: number } = {},
  ) {
    if (options.retain !== undefined && !(Number.isSafeInteger(options.retain) && options.retain >= 1)) throw new RangeError(message('scenario.run.retain', { value: String(options.retain) }));
    this.retain = options.retain ?? null;
    this.work = new WorkMeter(options.limits);
    this.machine = new Machine(profile, { seed: scenario.seed, replacement: scenario.kernel.replacement, swapSlots: scenario.kernel.swapSlots, asid: scenario.kernel.asid, zeroPage: scenario.kernel.zeroPage, memory: options.memory });
    if (options.trace === false) this.machine.events = null;
    for (const f of scenario.files) {
      const content = f.bytes !== undefined ? hexBytes(f.bytes) : f.content;
      const size = f.size ?? (typeof content === 'string' ? new TextEncoder().encode(content).length : content?.length ?? 0);
      this.machine.createFile(f.name, size, content);
    }
    if (scenario.memory) {
      this.machine.loadImage(imageOf(scenario, profile), scenario.memory.ptbr);
    } else if (scenario.images) {
      this.loadNamedImage(scenario.images[0].name);
    }
    this.machine.nextUse = (pid, vpn) => this.nextUse(pid, vpn);
    this.machine.work = this.work;
  }

  get done(): boolean {
    return this.cursor >= this.scenario.steps.length;
  }

  get position(): number {
    return this.cursor;
  }

  /** How many steps have been applied: the document's and any applied from outside it. */
  get applied(): number {
    return this.resultsDropped + this.results.length;
  }

  pidOf(name: string): number {
    const pid = this.pids.get(name);
    if (pid === undefined) throw new SimError(message('scenario.run.noProcess', { name }));
    return pid;
  }

  tidOf(name: string): number {
    const tid = this.tids.get(name);
    if (tid === undefined) throw new SimError(message('scenario.run.noThread', { name }));
    return tid;
  }

  /** Names of processes and threads as the document uses them. */
  names(): { processes: Record<string, number>; threads: Record<string, number> } {
    return { processes: Object.fromEntries(this.pids), threads: Object.fromEntries(this.tids) };
  }

  /** Run every remaining step. */
  runAll(): StepResult[] {
    while (!this.done) this.next();
    return this.results;
  }

  /** Run the next step of the scenario. */
  next(): StepResult {
    const step = this.scenario.steps[this.cursor];
    const r = this.apply(step, this.cursor);
    this.cursor++;
    return r;
  }

  /** Apply a step that is not part of the document (the sandbox, a quiz probe). */
  apply(step: Step, index = this.applied): StepResult {
    const m = this.machine;
    const label = typeof step.args.label === 'string' ? step.args.label : null;
    const result: StepResult = { index, op: step.op, label, summary: '', error: null, events: [] };
    const saved = m.events;
    const events: MeteredEvents = MeteredEvents.over(this.work, this.observer && saved !== null ? observedEvents(this.observer) : new MeteredEvents());
    if (saved !== null) m.events = events;
    this.work.beginStep();
    const swapOuts = m.stats.swapOuts;
    this.observer?.stepStart();
    try {
      result.summary = this.perform(step, result);
      // Evictions happen one per fault at most, so they are counted once the step is done.
      this.work.spend('evictions', m.stats.swapOuts - swapOuts);
    } catch (e) {
      if (!(e instanceof SimError)) throw e;
      result.error = e.message;
      result.summary = `${step.op} failed: ${e.message}`;
      if (e instanceof WorkLimitError) result.overBudget = { kind: e.kind, scope: e.scope, limit: e.limit };
    } finally {
      m.events = saved;
    }
    // Results keep a plain array: they are cloned, serialised and compared.
    result.events = [...events];
    this.results.push(result);
    if (this.retain !== null && this.results.length > 2 * this.retain) this.forgetOldResults();
    return result;
  }

  /**
   * Let the oldest results go so that `retain` remain. Done once per `retain` steps, so a
   * step costs the same on average however long the session runs, and memory stays bounded
   * (a million steps' results with their events would be gigabytes).
   */
  private forgetOldResults(): void {
    const excess = this.results.length - this.retain!;
    this.results.splice(0, excess);
    this.resultsDropped += excess;
  }

  snapshot(): Snapshot {
    return takeSnapshot(this.machine);
  }

  private actor(a: Record<string, unknown>): number {
    if (typeof a.thread === 'string') return this.tidOf(a.thread);
    return this.machine.mainThread(this.pidOf(a.process as string)).tid;
  }

  private perform(step: Step, r: StepResult): string {
    const m = this.machine;
    const a = step.args;
    const ps = m.pageSize;
    switch (step.op) {
      case 'spawn': {
        this.work.spend('threads');
        const name = a.name as string;
        const p = m.spawn(name, { program: a.program as string | undefined, layout: a.layout as 'standard' | 'empty' | undefined, cpu: (a.cpu as number | undefined) ?? null });
        this.pids.set(name, p.pid);
        this.tids.set(name, p.threads[0]);
        r.pid = p.pid;
        r.tid = p.threads[0];
        return message('scenario.run.spawned', { name, pid: String(p.pid), cpu: String(m.thread(p.threads[0]).cpu) });
      }
      case 'read':
      case 'write':
      case 'fetch': {
        const tid = this.actor(a);
        this.work.spend('references');
        const op = step.op === 'fetch' ? 'exec' : step.op;
        if (a.pages !== undefined || a.length !== undefined) return this.rangeAccess(step, tid, r);
        const va = machineAddress(m.profile, a.addr as number);
        const res = va === null ? m.generalProtection(tid, a.addr as number, op) : m.access(tid, va, op, { value: a.value as number | undefined, size: a.size as number | undefined, user: a.mode !== 'kernel' });
        r.access = res;
        r.pid = res.pid;
        r.tid = tid;
        if (res.value !== null) r.value = res.value;
        return describeAccess(m, res);
      }
      case 'fork': {
        this.work.spend('threads');
        const parent = this.pidOf(a.parent as string);
        const child = m.fork(parent, a.child as string, a.thread ? this.tidOf(a.thread as string) : undefined);
        this.pids.set(a.child as string, child.pid);
        this.tids.set(a.child as string, child.threads[0]);
        r.pid = child.pid;
        const shared = m.mem.framesInUse().filter((f) => f.mappings.some((x) => x.pid === child.pid)).length;
        return message('scenario.run.forked', { parent: String(a.parent), child: String(a.child), pid: String(child.pid), shared });
      }
      case 'exec': {
        const p = m.exec(this.pidOf(a.process as string), a.program as string);
        r.pid = p.pid;
        return message('scenario.run.exec', { process: String(a.process), program: String(a.program) });
      }
      case 'exit': {
        const pid = this.pidOf(a.process as string);
        if (!m.process(pid).alive) throw new SimError(message('scenario.run.alreadyExited', { process: String(a.process), reason: String(m.process(pid).exitReason) }));
        const freed = m.exit(pid);
        r.pid = pid;
        return message('scenario.run.exited', { process: String(a.process), frames: freed });
      }
      case 'thread': {
        this.work.spend('threads');
        const t = m.createThread(this.pidOf(a.process as string), a.name as string, (a.cpu as number | undefined) ?? null);
        this.tids.set(a.name as string, t.tid);
        r.tid = t.tid;
        r.pid = t.pid;
        const area = m.process(t.pid).areas.find((x) => x.name === t.stackArea)!;
        r.area = { name: area.name, start: area.start, end: area.end };
        return message('scenario.run.thread', { process: String(a.process), name: String(a.name), cpu: String(t.cpu), start: hex(area.start), end: hex(area.end) });
      }
      case 'brk': {
        const pid = this.pidOf(a.process as string);
        const p = m.process(pid);
        const target = a.to !== undefined ? (a.to as number) : p.brk + (a.grow as number);
        const old = p.brk;
        m.brk(pid, target);
        r.value = target;
        return message('scenario.run.brk', { process: String(a.process), old: hex(old), new: hex(target) });
      }
      case 'mmap': {
        const pid = this.pidOf(a.process as string);
        const area = m.mmap(pid, {
          length: a.length as number,
          perms: parsePerms((a.perms as string | undefined) ?? 'rw'),
          shared: (a.shared as boolean | undefined) ?? false,
          file: (a.file as string | undefined) ?? null,
          offset: a.offset as number | undefined,
          addr: a.addr !== undefined ? this.address(a.addr as number) : null,
          name: a.name as string | undefined,
        });
        r.area = { name: area.name, start: area.start, end: area.end };
        r.value = area.start;
        const at = { process: String(a.process), shared: area.shared ? 'yes' : 'no', start: hex(area.start), end: hex(area.end) };
        return a.file ? message('scenario.run.mmapFile', { ...at, file: a.file as string }) : message('scenario.run.mmapAnon', at);
      }
      case 'munmap': {
        const pid = this.pidOf(a.process as string);
        const { start, length } = this.range(pid, a);
        const pages = m.munmap(pid, start, length);
        return message('scenario.run.munmap', { process: String(a.process), start: hex(start), end: hex(start + length), pages });
      }
      case 'mprotect': {
        const pid = this.pidOf(a.process as string);
        const { start, length } = this.range(pid, a);
        const pages = m.mprotect(pid, start, length, parsePerms(a.perms as string));
        return message('scenario.run.mprotect', { process: String(a.process), start: hex(start), end: hex(start + length), perms: String(a.perms), pages });
      }
      case 'shm-create':
        m.shmCreate(a.name as string, a.size as number);
        return message('scenario.run.shmCreated', { name: String(a.name), size: String(a.size) });
      case 'shm-map': {
        const pid = this.pidOf(a.process as string);
        const file = m.files.get(`shm:${a.name}`);
        if (!file || file.unlinked) throw new SimError(message('scenario.sim.noShm', { name: String(a.name) }));
        const area = m.mmap(pid, {
          length: file.size,
          perms: parsePerms((a.perms as string | undefined) ?? 'rw'),
          shared: true,
          file: `shm:${a.name}`,
          addr: (a.addr as number | undefined) ?? null,
          name: (a.area as string | undefined) ?? `shm:${a.name}`,
          kind: 'shm',
        });
        r.area = { name: area.name, start: area.start, end: area.end };
        r.value = area.start;
        return message('scenario.run.shmMapped', { process: String(a.process), name: String(a.name), start: hex(area.start), end: hex(area.end) });
      }
      case 'shm-unlink':
        m.shmUnlink(a.name as string);
        return message('scenario.run.shmUnlinked', { name: String(a.name) });
      case 'map': {
        const pid = this.pidOf(a.process as string);
        const pages = (a.pages as number | undefined) ?? 1;
        const start = this.address(a.addr as number);
        if (start % ps !== 0) throw new SimError(message('scenario.run.mapUnaligned', { addr: hex(start), size: String(ps) }));
        const perms = parsePerms((a.perms as string | undefined) ?? 'rw');
        this.work.spend('pages', pages);
        const area = m.mmap(pid, { length: pages * ps, perms, shared: false, addr: start, name: a.name as string | undefined });
        const frames: number[] = [];
        // Populate as a first write would, but a read-only area must be populated by a read (a write there is a segfault).
        const touch = perms.write ? 'write' : perms.read ? 'read' : 'exec';
        for (let i = 0; i < pages; i++) {
          const frame = a.frame !== undefined ? (a.frame as number) + i : null;
          const res = m.populate(pid, start + i * ps, frame, touch);
          if (res === 'segfault') throw new SimError(m.process(pid).exitReason ?? message('scenario.run.notMadeResident'));
          frames.push(m.presentFrame(m.process(pid), m.vpnOf(start + i * ps))!);
        }
        r.area = { name: area.name, start: area.start, end: area.end };
        return message('scenario.run.mapped', { process: String(a.process), start: hex(start), end: hex(start + pages * ps), count: pages, frames: frames.join(', '), physical: frames.map((f) => hex(f * ps)).join(', ') });
      }
      case 'populate': {
        const pid = this.pidOf(a.process as string);
        const va = this.address(a.addr as number);
        const res = m.populate(pid, va, (a.frame as number | undefined) ?? null);
        if (res === 'segfault') return message('scenario.run.populateFailed', { process: String(a.process), reason: String(m.process(pid).exitReason) });
        const pfn = m.presentFrame(m.process(pid), m.vpnOf(va));
        return message('scenario.run.populated', { process: String(a.process), va: formatVa(m.profile, Math.floor(va / ps) * ps), pfn: String(pfn), resolution: res });
      }
      case 'switch': {
        const tid = this.actor(a);
        m.contextSwitch(tid);
        const t = m.thread(tid);
        return message('scenario.run.switched', { cpu: String(t.cpu), thread: t.name });
      }
      case 'move':
        m.moveThread(this.tidOf(a.thread as string), a.cpu as number);
        return message('scenario.run.moved', { thread: String(a.thread), cpu: String(a.cpu) });
      case 'tlb-flush':
        m.flushTlb((a.cpu as number | undefined) ?? null);
        return a.cpu === undefined ? message('scenario.run.flushedAll') : message('scenario.run.flushedCpu', { cpu: String(a.cpu) });
      case 'numa-policy':
        m.setNumaPolicy(this.pidOf(a.process as string), a.policy as 'first-touch', (a.nodes as number[] | undefined) ?? []);
        {
        const nodes = (a.nodes as number[] | undefined) ?? [];
        return nodes.length ? message('scenario.run.policyNodes', { process: String(a.process), policy: String(a.policy), count: nodes.length, nodes: nodes.join(', ') }) : message('scenario.run.policy', { process: String(a.process), policy: String(a.policy) });
      }
      case 'migrate': {
        const va = this.address(a.addr as number);
        const { from, to } = m.migratePage(this.pidOf(a.process as string), va, a.node as number);
        return from === to ? message('scenario.run.migrateSame', { node: String(a.node) }) : message('scenario.run.migrated', { va: formatVa(m.profile, va), from: String(from), to: String(to), node: String(a.node) });
      }
      case 'translate': {
        if (m.imageRoot !== null && a.process === undefined) {
          if (typeof a.image === 'string' && a.image !== this.image) this.loadNamedImage(a.image);
          const t = m.translateImage(a.addr as number);
          r.translate = { present: t.ok, pa: t.pa, pfn: t.pa === null ? null : Math.floor(t.pa / ps), value: t.value, fault: t.fault, faultLevel: t.level, swapSlot: null, area: null, perms: null };
          if (t.value !== null) r.value = t.value;
          return t.ok
            ? message('scenario.run.imageTranslated', { va: hex(a.addr as number), pa: hex(t.pa!), value: hex(t.value!) })
            : t.fault === 'not-present'
              ? message('scenario.run.imageFaultLevel', { va: hex(a.addr as number), level: String(t.level) })
              : message('scenario.run.imageFault', { va: hex(a.addr as number), fault: String(t.fault) });
        }
        const pid = this.pidOf(a.process as string);
        const va = machineAddress(m.profile, a.addr as number);
        if (va === null) {
          r.translate = { present: false, pa: null, pfn: null, value: null, fault: 'non-canonical', faultLevel: null, swapSlot: null, area: null, perms: null };
          return message('scenario.run.translateNonCanonical', { process: String(a.process), va: formatDocumentAddress(a.addr as number), why: nonCanonicalReason(m.profile) });
        }
        const q = m.probe(pid, va);
        r.translate = {
          present: q.present,
          pa: q.pa,
          pfn: q.pfn,
          value: q.pa !== null ? m.mem.read(q.pa, 1) : null,
          fault: null,
          faultLevel: null,
          swapSlot: q.swapSlot,
          area: q.area?.name ?? null,
          perms: q.present ? `${q.perms.read ? 'r' : '-'}${q.perms.write ? 'w' : '-'}${q.perms.exec ? 'x' : '-'}` : null,
        };
        if (q.present) return message('scenario.run.translated', { process: String(a.process), va: formatVa(m.profile, va), pa: hex(q.pa!), pfn: String(q.pfn) });
        if (q.swapSlot !== null) return message('scenario.run.swappedOut', { process: String(a.process), va: formatVa(m.profile, va), slot: String(q.swapSlot) });
        return q.area ? message('scenario.run.notResidentArea', { process: String(a.process), va: formatVa(m.profile, va), area: q.area.name }) : message('scenario.run.notResidentNoArea', { process: String(a.process), va: formatVa(m.profile, va) });
      }
      case 'reference-string': {
        this.work.spendReferenceString((a.pages as number[]).length, a.frames as number);
        const res = runReferenceString(a.pages as number[], a.frames as number, a.policy as ReferencePolicy, {
          seed: this.scenario.seed,
          random: a.random as RandomMode | undefined,
          optTies: a['opt-ties'] as 'ostep' | undefined,
          clockBits: a['clock-bits'] as number | undefined,
          history: a.history as boolean | undefined,
        });
        // Frames fill before anything is evicted and never empty again: every later fault evicts.
        this.work.spend('evictions', Math.max(0, res.faults - (a.frames as number)));
        r.reference = res;
        r.value = res.faults;
        return message('scenario.run.refstring', { policy: String(a.policy).toUpperCase(), frames: a.frames as number, faults: res.faults, hits: res.hits });
      }
      case 'report': {
        const reading = this.reading(a.process as string | undefined, a.smaps === true);
        r.reading = reading;
        const processes = reading.processes.map((p) => message('scenario.run.readingProcess', { name: p.name, rss: p.rss / ps, pss: Math.round((p.pss / ps) * 100) / 100 })).join(message('scenario.run.join'));
        return message('scenario.run.reading', { free: reading.freeFrames, processes: processes || message('scenario.run.noLiveProcess') });
      }
      case 'kernel-option':
        if (a.zeroPage !== undefined) m.setZeroPage(a.zeroPage as boolean);
        return m.zeroPage ? message('scenario.run.zeroPageOn', { pfn: String(m.zeroPfn) }) : message('scenario.run.zeroPageOff');
      case 'repeat':
        throw new SimError(message('scenario.run.repeatUnrolled'));
      case 'note':
        if (m.events) m.events.push({ type: 'note', text: a.text as string });
        return String(a.text);
    }
  }

  private range(pid: number, a: Record<string, unknown>): { start: number; length: number } {
    if (typeof a.area === 'string') {
      const area = this.machine.process(pid).areas.find((x) => x.name === a.area);
      if (!area) throw new SimError(message('scenario.run.noArea', { area: String(a.area), process: this.machine.process(pid).name }));
      return { start: area.start, length: area.end - area.start };
    }
    return { start: this.address(a.addr as number), length: a.length as number };
  }

  /**
   * A read, write or fetch over a range: one access per page (or per `stride` bytes) from
   * `addr`, for `pages` accesses or over `length` bytes, each with its own events. Stops
   * early if the process dies.
   */
  private rangeAccess(step: Step, tid: number, r: StepResult): string {
    const m = this.machine;
    const a = step.args;
    const op = step.op === 'fetch' ? 'exec' : (step.op as 'read' | 'write');
    const stride = (a.stride as number | undefined) ?? m.pageSize;
    if (stride <= 0) throw new SimError(message('scenario.run.strideMin'));
    const count = a.pages !== undefined ? (a.pages as number) : Math.ceil((a.length as number) / stride);
    if (count < 1) throw new SimError(message('scenario.run.rangeEmpty'));
    if (count > MAX_RANGE_ACCESSES) throw new SimError(message('scenario.run.rangeTooMany', { count: String(count), max: String(MAX_RANGE_ACCESSES) }));
    this.work.spend('references', count - 1); // the step's first reference is counted already
    const start = a.addr as number;
    const accesses: AccessResult[] = [];
    const outcomes = new Map<string, number>();
    const noFault = message('scenario.run.noFault');
    this.rangeInProgress = { step, at: 0 };
    for (let i = 0; i < count; i++) {
      this.rangeInProgress.at = i;
      const doc = start + i * stride;
      const va = machineAddress(m.profile, doc);
      const res = va === null ? m.generalProtection(tid, doc, op) : m.access(tid, va, op, { value: a.value as number | undefined, size: a.size as number | undefined, user: a.mode !== 'kernel' });
      accesses.push(res);
      const what = res.faults.length ? res.faults.map((f) => f.resolution).join('+') : noFault;
      outcomes.set(what, (outcomes.get(what) ?? 0) + 1);
      if (res.segfault) break;
    }
    this.rangeInProgress = null;
    const last = accesses[accesses.length - 1];
    r.accesses = accesses;
    r.access = last;
    r.pid = last.pid;
    r.tid = tid;
    if (last.value !== null) r.value = last.value;
    const first = formatVa(m.profile, machineAddress(m.profile, start) ?? start);
    const tally = [...outcomes].map(([k, n]) => message('scenario.run.tallyItem', { n, outcome: k })).join(message('scenario.run.tallyJoin'));
    const summary = { thread: m.thread(tid).name, op: step.op, done: accesses.length, count, first, stride: String(stride), tally };
    return last.segfault ? message('scenario.run.rangeSegfault', { ...summary, segfault: last.segfault }) : message('scenario.run.range', summary);
  }

  /** A reading of the machine now (the `report` step). */
  private reading(process: string | undefined, smaps: boolean): Reading {
    const m = this.machine;
    const accounting = m.smaps();
    const pids = process !== undefined ? [this.pidOf(process)] : [...m.processes.values()].filter((p) => p.alive).map((p) => p.pid);
    return {
      freeFrames: m.mem.freeCount(),
      stats: { ...m.stats },
      tlb: m.cpus.map((c) => ({ cpu: c.id, hits: c.tlb.hits, misses: c.tlb.misses, entries: c.tlb.entries().length })),
      processes: pids.map((pid) => {
        const p = m.process(pid);
        const s = accounting.get(pid);
        return { name: p.name, pid, rss: s?.rollup.rss ?? 0, pss: s?.rollup.pss ?? 0, swapped: p.swapped.size, smaps: s?.areas ?? [], smapsRollup: s ? s.rollup : emptyRollup() };
      }),
      smaps,
    };
  }

  /** Put the memory image called `name` into physical memory (documents with several images). */
  private loadNamedImage(name: string): void {
    const img = this.scenario.images?.find((i) => i.name === name);
    if (!img) throw new SimError(message('scenario.load.noImage', { name }));
    this.machine.loadImage(parseImage(img, this.profile), img.ptbr);
    this.image = name;
  }

  /** A document address in the machine's form; a non-canonical one is refused (see address.ts). */
  private address(va: number): number {
    const out = machineAddress(this.machine.profile, va);
    if (out === null) throw new SimError(message('scenario.run.notCanonical', { va: formatDocumentAddress(va), why: nonCanonicalReason(this.machine.profile) }));
    return out;
  }

  /**
   * Distance, in accesses, to the next access of (pid, vpn) in the rest of the document:
   * OPT's oracle. A range step counts as its accesses (one per page or stride), and the
   * rest of a range step in progress comes first.
   */
  private nextUse(pid: number, vpn: number): number {
    const steps = this.scenario.steps;
    let ahead = 0;
    const inRange = this.rangeInProgress;
    if (inRange) {
      const { count } = this.accessesOf(inRange.step);
      if (this.actorPid(inRange.step) === pid) {
        const j = this.firstAccessTo(inRange.step, vpn, inRange.at + 1);
        if (j >= 0) return j - inRange.at;
      }
      ahead = count - 1 - inRange.at;
    }
    for (let i = this.cursor + 1; i < steps.length; i++) {
      const s = steps[i];
      if (s.op !== 'read' && s.op !== 'write' && s.op !== 'fetch') continue;
      if (this.actorPid(s) === pid) {
        const j = this.firstAccessTo(s, vpn, 0);
        if (j >= 0) return ahead + j + 1;
      }
      ahead += this.accessesOf(s).count;
    }
    return Infinity;
  }

  private actorPid(s: Step): number | undefined {
    const a = s.args;
    if (typeof a.thread === 'string') {
      const tid = this.tids.get(a.thread);
      return tid === undefined ? undefined : this.machine.threads.get(tid)?.pid;
    }
    return this.pids.get(a.process as string);
  }

  /** The accesses a read/write/fetch step makes: from `start` (machine address), `count` of them, `stride` bytes apart. */
  private accessesOf(s: Step): { start: number | null; count: number; stride: number } {
    const a = s.args;
    const start = machineAddress(this.machine.profile, a.addr as number);
    if (a.pages === undefined && a.length === undefined) return { start, count: 1, stride: 1 };
    const stride = (a.stride as number | undefined) ?? this.machine.pageSize;
    if (!(stride > 0)) return { start, count: 0, stride: 1 };
    const count = Math.min(MAX_RANGE_ACCESSES, a.pages !== undefined ? (a.pages as number) : Math.ceil((a.length as number) / stride));
    return { start, count: Math.max(0, count), stride };
  }

  /** Index of the first access of step `s`, at or after `from`, that falls in page `vpn`; -1 if none. */
  private firstAccessTo(s: Step, vpn: number, from: number): number {
    const { start, count, stride } = this.accessesOf(s);
    if (start === null || count === 0) return -1;
    const ps = this.machine.pageSize;
    // Accesses j with vpn·ps ≤ start + j·stride < (vpn+1)·ps.
    const lo = Math.max(from, Math.ceil((vpn * ps - start) / stride));
    const hi = Math.min(count - 1, Math.floor(((vpn + 1) * ps - 1 - start) / stride));
    return lo <= hi ? lo : -1;
  }
}

function emptyRollup(): SmapsRollup {
  return { size: 0, rss: 0, pss: 0, pssDirty: 0, sharedClean: 0, sharedDirty: 0, privateClean: 0, privateDirty: 0, referenced: 0, anonymous: 0, swap: 0, swapPss: 0, pssAnon: 0, pssFile: 0, pssShmem: 0 };
}

function hexBytes(s: string): Uint8Array {
  const digits = s.replace(/\s+/g, '');
  const out = new Uint8Array(Math.floor(digits.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function imageOf(s: Scenario, profile: MachineProfile): Map<number, number> {
  return parseImage(s.memory!, profile);
}

export function describeAccess(m: Machine, r: AccessResult): string {
  const join = message('scenario.access.join');
  const faults = r.faults.map((f) => (f.level !== null ? message('scenario.access.faultAt', { cause: f.cause, level: String(f.level), resolution: f.resolution }) : message('scenario.access.fault', { cause: f.cause, resolution: f.resolution }))).join(join);
  const va = r.faults.some((f) => f.cause === 'non-canonical') ? formatDocumentAddress(r.va) : formatVa(m.profile, r.va);
  const head = message('scenario.access.head', { who: m.thread(r.tid).name, op: r.op, va });
  const parts: string[] = [];
  if (r.tlb !== 'none') parts.push(message('scenario.access.tlb', { outcome: r.tlb }));
  if (r.segfault) {
    if (faults) parts.push(faults);
    parts.push(r.segfault);
    return message('scenario.access.segfault', { head, details: parts.join(join) });
  }
  if (faults) parts.push(message('scenario.access.faults', { faults }));
  parts.push(message('scenario.access.value', { op: r.op, value: String(r.value) }));
  if (r.cost !== null) parts.push(message('scenario.access.numa', { node: String(r.node), remote: r.remote ? 'yes' : 'no', cost: r.cost }));
  return message('scenario.access.done', { head, pa: hex(r.pa!), pfn: String(r.pfn), details: parts.join(join) });
}

/** Load-free convenience: run a checked scenario to the end. */
export function runScenario(scenario: Scenario, profile: MachineProfile): RunResult {
  const run = new ScenarioRun(scenario, profile);
  run.runAll();
  return { profile, results: run.results, snapshot: run.snapshot() };
}
