/*
 * Exporting a chart: the on-screen SVG made standalone (theme colours and fonts written
 * in, since CSS custom properties do not travel with the file), and a PNG drawn from it
 * on a canvas at twice the size, returned as a data: URL that saveFile writes as bytes.
 */
import { t } from '../../core/i18n/index.ts';

/** Properties whose computed values are written into each element of the copy. */
const PAINTED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-size', 'font-weight', 'font-family', 'opacity'] as const;

export function standaloneSvg(svg: SVGSVGElement, background: string): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((el, i) => {
    const style = getComputedStyle(el);
    const target = copies[i] as SVGElement;
    for (const p of PAINTED) {
      const v = style.getPropertyValue(p);
      if (v && v !== 'none' ? true : p === 'fill' || p === 'stroke') target.setAttribute(p, v || 'none');
    }
    target.removeAttribute('class');
  });
  copy.querySelectorAll('rect[role="presentation"]').forEach((r) => r.remove());
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', background);
  copy.insertBefore(bg, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

export async function svgToPngDataUrl(svgText: string, width: number, height: number, scale = 2): Promise<string> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error(t('graph.chart.pngFailed')));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error(t('graph.chart.noCanvas'));
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
