/*
 * SVG path of a route made of horizontal and vertical runs (a leaf edge routed through the
 * channel between memory and the tables, layout.ts): straight runs joined by quarter
 * circles, each corner's radius at most half of the runs it joins so that short runs stay
 * right-angled rather than overshooting.
 */
export function orthogonalPath(points: [number, number][], radius: number): string {
  const pts = points.filter((p, i) => i === 0 || p[0] !== points[i - 1][0] || p[1] !== points[i - 1][1]);
  if (pts.length === 0) return '';
  let d = `M ${pts[0][0]} ${pts[0][1]}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const [px, py] = pts[i - 1];
    const [x, y] = pts[i];
    const [nx, ny] = pts[i + 1];
    const r = Math.min(radius, Math.hypot(x - px, y - py) / 2, Math.hypot(nx - x, ny - y) / 2);
    const into = unit(px, py, x, y);
    const out = unit(x, y, nx, ny);
    d += ` L ${x - into[0] * r} ${y - into[1] * r} Q ${x} ${y} ${x + out[0] * r} ${y + out[1] * r}`;
  }
  const last = pts[pts.length - 1];
  return `${d} L ${last[0]} ${last[1]}`;
}

function unit(x0: number, y0: number, x1: number, y1: number): [number, number] {
  const len = Math.hypot(x1 - x0, y1 - y0) || 1;
  return [(x1 - x0) / len, (y1 - y0) / len];
}
