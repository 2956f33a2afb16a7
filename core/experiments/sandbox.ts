/*
 * "Open this point in the sandbox": the machine behind one point of an experiment, as the
 * sandbox's own commands (scenario steps written as JSON, which the sandbox command line
 * accepts), so the learner can step through it and look at the graph. Pure.
 *
 * The sandbox runs a built-in machine as it is, so a swept hardware parameter (the TLB's
 * entries and ways) is not carried over: the note says so. Long programs are cut to what a
 * learner can step through (the note says where).
 */
import { BUILTIN_PROFILES, pageSize } from '../sim/profile.ts';
import { t } from '../i18n/index.ts';
import { cellLabel, waysText } from './labels.ts';
import { traceOf } from './replacement.ts';
import type { ExperimentSpec } from './schema.ts';
import type { Row } from './types.ts';

export interface SandboxPlan {
  profileId: string;
  commands: string[];
  /** What the sandbox shows and where it differs from the point. */
  note: string;
}

const MAX_REFERENCES_SHOWN = 2000;
const hex = (n: number) => `0x${n.toString(16)}`;
const stepOf = (op: string, args: unknown) => JSON.stringify({ [op]: args });

/** Where the sandbox maps an array of `bytes` in a process with the standard layout: just below the mmap area's top. */
function arrayAddress(profileId: string, bytes: number): number {
  const p = BUILTIN_PROFILES[profileId];
  const ps = pageSize(p);
  return Math.floor((p.layout.mmapTop - bytes) / ps) * ps - 16 * ps;
}

export function sandboxPlan(spec: ExperimentSpec, row: Row): SandboxPlan {
  switch (spec.kind) {
    case 'replacement':
    case 'working-set': {
      const trace = traceOf(spec.trace);
      const pages = Array.from(trace.subarray(0, MAX_REFERENCES_SHOWN));

      return {
        profileId: 'teaching-16',
        commands: [stepOf('reference-string', { pages, frames: row.frames, policy: row.policy })],
        note: trace.length > pages.length
          ? t('graph.exp.sandbox.referencesCut', { shown: pages.length, total: trace.length, frames: Number(row.frames), policy: String(row.policy).toUpperCase() })
          : t('graph.exp.sandbox.references', { frames: Number(row.frames), policy: String(row.policy).toUpperCase() }),
      };
    }
    case 'tlb': {
      const id = spec.machine;
      const ps = pageSize(BUILTIN_PROFILES[id]);
      const pages = Math.min(spec.pattern.startsWith('matrix') ? Math.ceil((spec.rows * spec.columns * spec.elementBytes) / ps) : spec.pages, 512);
      const addr = arrayAddress(id, pages * ps);
      const tlb = BUILTIN_PROFILES[id].tlb;
      return {
        profileId: id,
        commands: [stepOf('spawn', 'P'), stepOf('mmap', { process: 'P', addr: hex(addr), length: hex(pages * ps), name: 'array' }), stepOf('write', { process: 'P', addr: hex(addr), pages }), stepOf('tlb-flush', null), stepOf('read', { process: 'P', addr: hex(addr), pages })],
        note: t('graph.exp.sandbox.tlb', { pages, machine: BUILTIN_PROFILES[id].name, entries: tlb.entries, ways: tlb.ways === tlb.entries ? waysText('full') : waysText(tlb.ways), pointEntries: Number(row.entries), pointWays: cellLabel('ways', String(row.ways)) }),
      };
    }
    case 'page-tables': {
      const id = String(row.machine);
      const p = BUILTIN_PROFILES[id];
      const ps = pageSize(p);
      const n = Math.min(Number(row.pages), 64);
      const high = p.canonical ? 2 ** (p.vaBits - 1) : p.layout.kernelBase !== null && p.layout.kernelBase > 0 ? p.layout.kernelBase : 2 ** p.vaBits;
      const userPages = (high - ps) / ps;
      const gap = row.layout === 'dense' ? 1 : Math.floor(userPages / Number(row.pages));
      const commands = [stepOf('spawn', { name: 'P', layout: 'empty' })];
      if (row.layout === 'dense') commands.push(stepOf('map', { process: 'P', addr: hex(ps), pages: n }));
      else for (let i = 0; i < n; i++) commands.push(stepOf('map', { process: 'P', addr: hex(ps + i * gap * ps), pages: 1 }));
      return { profileId: id, commands, note: t('graph.exp.sandbox.pageTables', { shown: n, total: Number(row.pages), cut: n === Number(row.pages) ? 'no' : 'yes', layout: row.layout === 'dense' ? 'dense' : 'sparse' }) };
    }
    case 'numa': {
      const id = spec.machine;
      const p = BUILTIN_PROFILES[id];
      const ps = pageSize(p);
      const pages = Math.min(spec.pages, 64);
      const addr = arrayAddress(id, pages * ps);
      const policy = String(row.policy);
      const numa = policy === 'first-touch' || policy === 'interleave' ? { policy } : { policy: 'bind', nodes: [policy === 'bind-0' ? 0 : 1] };
      const far = Number(row.far_threads);
      const commands = [stepOf('spawn', { name: 'P', cpu: p.numa!.nodes[0].cpus[0] }), stepOf('numa-policy', { process: 'P', ...numa }), stepOf('mmap', { process: 'P', addr: hex(addr), length: hex(pages * ps), name: 'data' }), stepOf('write', { process: 'P', addr: hex(addr), pages })];
      for (let k = 0; k < spec.threads; k++) {
        const cpus = p.numa!.nodes[k < far ? 1 : 0].cpus;
        commands.push(stepOf('thread', { process: 'P', name: `T${k}`, cpu: cpus[k % cpus.length] }));
      }
      for (let k = 0; k < spec.threads; k++) commands.push(stepOf('read', { thread: `T${k}`, addr: hex(addr), pages }));
      return { profileId: id, commands, note: t('graph.exp.sandbox.numa', { policy, far, threads: spec.threads, pages }) };
    }
    case 'fork': {
      const id = spec.machine;
      const ps = pageSize(BUILTIN_PROFILES[id]);
      const pages = Math.min(spec.pages, 256);
      const addr = arrayAddress(id, pages * ps);
      const written = Math.round(Number(row.written_fraction) * pages);
      const commands = [stepOf('spawn', 'P'), stepOf('mmap', { process: 'P', addr: hex(addr), length: hex(pages * ps), name: 'data' }), stepOf('write', { process: 'P', addr: hex(addr), pages, value: 1 }), stepOf('fork', { parent: 'P', child: 'C' })];
      if (written > 0) commands.push(stepOf('write', { process: 'C', addr: hex(addr), pages: written, value: 2 }));
      return { profileId: id, commands, note: t('graph.exp.sandbox.fork', { pages, written }) };
    }
  }
}
