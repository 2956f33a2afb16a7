/*
 * Where the graph's view starts for a step: a pure function of the final layout, the
 * step's focus, the pane and the text-size setting, so it is unit-tested without a browser.
 *
 * The zoom is the one the graph would get at the default text size, kept between
 * LEGIBLE_ZOOM and MAX_ZOOM: at the default size the whole machine fits when it can be
 * read that way; a larger text setting makes nodes (and their text) larger instead of
 * being zoomed back down to the same size, and the learner pans to the rest. When the
 * machine does not fit, the view centres on what the step is about.
 */
import type { GraphLayout } from './layout.ts';

/**
 * Graph text is 14 px (13 px at least) at scale 1 (graph.css), so this keeps it ≥ 12 px and mostly ≥ 13 px on screen;
 * in a small pane (a 1024×640 window) ≥ 10 px, trading a little size for more overview.
 */
export const LEGIBLE_ZOOM = 0.93;
export const LEGIBLE_ZOOM_SMALL = 0.78;
export const SMALL_PANE_WIDTH = 720;
export const MAX_ZOOM = 1.25;
/** Lower bound when the whole machine must be in view (a pick quiz: every candidate clickable). */
export const WHOLE_MIN_ZOOM = 0.45;
export const PANE_PADDING = 12;

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export function fitViewport(layout: GraphLayout, focusIds: string[], pane: { width: number; height: number }, scale = 1, whole = false): Viewport {
  const pad = PANE_PADDING;
  const availW = Math.max(50, pane.width - 2 * pad);
  const availH = Math.max(50, pane.height - 2 * pad);
  const w = Math.max(1, layout.width);
  const h = Math.max(1, layout.height);
  const fitAll = Math.min(availW / w, availH / h);
  const atDefaultSize = fitAll * scale;
  const legible = pane.width < SMALL_PANE_WIDTH ? LEGIBLE_ZOOM_SMALL : LEGIBLE_ZOOM;
  const zoom = whole ? Math.max(WHOLE_MIN_ZOOM, Math.min(MAX_ZOOM, fitAll)) : Math.max(legible, Math.min(MAX_ZOOM, atDefaultSize));
  const place = (size: number, avail: number, focusLo: number, focusHi: number): number => {
    const shown = size * zoom;
    if (shown <= avail) return pad + (avail - shown) / 2;
    // Centre the focus, without leaving empty space at either edge of the machine.
    const centre = (focusLo + focusHi) / 2;
    const offset = pad + avail / 2 - centre * zoom;
    return Math.min(pad, Math.max(pad + avail - shown, offset));
  };
  const box = boundsOf(layout, focusIds) ?? { x0: 0, y0: 0, x1: Math.min(w, availW / zoom), y1: Math.min(h, availH / zoom) };
  return { x: place(w, availW, box.x0, box.x1), y: place(h, availH, box.y0, box.y1), zoom };
}

function boundsOf(layout: GraphLayout, ids: string[]): { x0: number; y0: number; x1: number; y1: number } | null {
  const wanted = new Set(ids);
  let box: { x0: number; y0: number; x1: number; y1: number } | null = null;
  for (const n of layout.nodes) {
    if (!wanted.has(n.id)) continue;
    const b = { x0: n.position.x, y0: n.position.y, x1: n.position.x + n.width, y1: n.position.y + n.height };
    box = box ? { x0: Math.min(box.x0, b.x0), y0: Math.min(box.y0, b.y0), x1: Math.max(box.x1, b.x1), y1: Math.max(box.y1, b.y1) } : b;
  }
  return box;
}
