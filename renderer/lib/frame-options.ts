/* The frames a "pick a frame" quiz offers in its list (the keyboard alternative to clicking the graph). */
import type { Snapshot } from '../../core/sim/snapshot.ts';
import { t } from '../../core/i18n/index.ts';

/** Free frames offered after each frame in use on a big machine. */
export const FREE_FRAMES_OFFERED = 4;

/**
 * Every frame of a machine whose snapshot lists them all; on a big machine (only the
 * frames in use are listed) those, plus the first few free frames after each of them,
 * so a list of millions never appears and every frame a page could land in is offered.
 */
export function frameOptions(s: Pick<Snapshot, 'frames' | 'framesListed' | 'totalFrames'>): { id: string; label: string }[] {
  const option = (pfn: number, free: boolean) => ({ id: `frame-${pfn}`, label: t(free ? 'player.pick.freeFrame' : 'player.pick.frame', { pfn: String(pfn) }) });
  if (s.framesListed === 'all') return s.frames.map((f) => option(f.pfn, f.kind === 'free'));
  const out: { id: string; label: string }[] = [];
  let next = 0;
  const freeUpTo = (end: number) => {
    for (let pfn = next; pfn < Math.min(end, next + FREE_FRAMES_OFFERED); pfn++) out.push(option(pfn, true));
  };
  for (const f of s.frames) {
    if (f.kind === 'free') continue;
    freeUpTo(f.pfn);
    out.push(option(f.pfn, false));
    next = f.pfn + 1;
  }
  freeUpTo(s.totalFrames);
  return out;
}
