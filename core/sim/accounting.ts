/*
 * Accounting as Linux prints it: resident and proportional set sizes, computed from the
 * reverse maps of the frames (frame.mappings), so that the snapshot, the CLI and the
 * quiz engine all read the same numbers.
 */
import type { Machine } from './machine.ts';

/**
 * Resident and proportional set sizes of every process, in bytes, in one pass over the
 * frames: RSS counts each user page a process maps (kernel pages excluded, as in
 * /proc/PID/status); PSS divides each page by the number of mappings sharing it (smaps Pss).
 */
export function residentSizes(m: Machine): Map<number, { rss: number; pss: number }> {
  const out = new Map<number, { rss: number; pss: number }>();
  for (const f of m.mem.frames) {
    const n = f.mappings.length;
    for (const map of f.mappings) {
      const r = out.get(map.pid) ?? { rss: 0, pss: 0 };
      r.rss += m.pageSize;
      r.pss += m.pageSize / n;
      out.set(map.pid, r);
    }
  }
  return out;
}

export function rss(m: Machine, pid: number): number {
  return residentSizes(m).get(pid)?.rss ?? 0;
}

export function pss(m: Machine, pid: number): number {
  return residentSizes(m).get(pid)?.pss ?? 0;
}
