#!/usr/bin/env node
// Draws Pagewalk's icon and writes every size the installers need, using only Node:
//   resources/icon.svg            the drawing, for documentation and web use
//   resources/icon.png            512×512 (electron-builder derives macOS/Linux icons from it)
//   resources/icon.ico            16–256 px, PNG-compressed entries (Windows installer and exe)
//   resources/icons/NxN.png       Linux hicolor sizes (16 … 512)
//
// The picture is a page walk: three page-table levels on the left, a translation path
// (amber) stepping down through them and across to one frame of physical memory on the
// right. Shapes are described once, as rounded boxes and thick line segments, and
// rendered here with 4×4 supersampling; the same list becomes the SVG.
//
// Run: node scripts/make-icons.mjs   (the outputs are committed; rerun after changing the drawing)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources');

// ---- The drawing, on a 512×512 canvas ----
const BG_TOP = [37, 99, 235];
const BG_BOTTOM = [30, 41, 99];
const LEVEL = [186, 230, 253];
const FRAME = [96, 165, 250];
const TARGET = [251, 191, 36];
const PATH = [251, 191, 36];

const levels = [96, 206, 316].map((y) => ({ kind: 'box', x: 76, y, w: 120, h: 90, r: 18, color: LEVEL }));
const frames = [];
for (let row = 0; row < 4; row++) {
  for (let col = 0; col < 3; col++) {
    const target = row === 2 && col === 1;
    frames.push({ kind: 'box', x: 262 + col * 62, y: 96 + row * 80, w: 50, h: 64, r: 10, color: target ? TARGET : FRAME, alpha: target ? 1 : 0.55 });
  }
}
const pathPoints = [
  [136, 141],
  [136, 251],
  [136, 361],
  [349, 288],
];
const pathSegments = pathPoints.slice(1).map((p, i) => ({ kind: 'line', a: pathPoints[i], b: p, width: 16, color: PATH }));
const pathDots = pathPoints.slice(0, 3).map(([x, y]) => ({ kind: 'dot', x, y, r: 20, color: PATH }));

const shapes = [...levels, ...frames, ...pathSegments, ...pathDots];
const background = { x: 16, y: 16, w: 480, h: 480, r: 104 };

// ---- Signed distances (negative inside) ----
function roundedBox(px, py, s) {
  const cx = s.x + s.w / 2;
  const cy = s.y + s.h / 2;
  const qx = Math.abs(px - cx) - (s.w / 2 - s.r);
  const qy = Math.abs(py - cy) - (s.h / 2 - s.r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - s.r;
}

function segment(px, py, s) {
  const [ax, ay] = s.a;
  const [bx, by] = s.b;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy) - s.width / 2;
}

function distance(px, py, s) {
  if (s.kind === 'box') return roundedBox(px, py, s);
  if (s.kind === 'line') return segment(px, py, s);
  return Math.hypot(px - s.x, py - s.y) - s.r;
}

/** Colour and coverage of one sample point on the 512 canvas. */
function sample(px, py) {
  if (roundedBox(px, py, background) > 0) return [0, 0, 0, 0];
  const t = (py - background.y) / background.h;
  let c = BG_TOP.map((v, i) => v + (BG_BOTTOM[i] - v) * t);
  for (const s of shapes) {
    if (distance(px, py, s) <= 0) {
      const a = s.alpha ?? 1;
      c = c.map((v, i) => v * (1 - a) + s.color[i] * a);
    }
  }
  return [...c, 255];
}

function render(size) {
  const n = 4;
  const scale = 512 / size;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [cr, cg, cb, ca] = sample((x + (sx + 0.5) / n) * scale, (y + (sy + 0.5) / n) * scale);
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const o = (y * size + x) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
      }
      pixels[o + 3] = Math.round(a / (n * n));
    }
  }
  return pixels;
}

// ---- PNG and ICO encoding ----
const crcTable = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
function ico(images) {
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // icon
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    head[e] = size >= 256 ? 0 : size;
    head[e + 1] = size >= 256 ? 0 : size;
    head.writeUInt16LE(1, e + 4); // colour planes
    head.writeUInt16LE(32, e + 6); // bits per pixel
    head.writeUInt32LE(data.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...images.map((i) => i.data)]);
}

function svg() {
  const hex = (c) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  const parts = shapes.map((s) => {
    if (s.kind === 'box') return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${hex(s.color)}"${s.alpha ? ` fill-opacity="${s.alpha}"` : ''}/>`;
    if (s.kind === 'line') return `<line x1="${s.a[0]}" y1="${s.a[1]}" x2="${s.b[0]}" y2="${s.b[1]}" stroke="${hex(s.color)}" stroke-width="${s.width}" stroke-linecap="round"/>`;
    return `<circle cx="${s.x}" cy="${s.y}" r="${s.r}" fill="${hex(s.color)}"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <title>Pagewalk</title>
  <defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hex(BG_TOP)}"/><stop offset="1" stop-color="${hex(BG_BOTTOM)}"/></linearGradient></defs>
  <rect x="${background.x}" y="${background.y}" width="${background.w}" height="${background.h}" rx="${background.r}" fill="url(#bg)"/>
  ${parts.join('\n  ')}
</svg>
`;
}

mkdirSync(join(out, 'icons'), { recursive: true });
const sizes = [16, 24, 32, 48, 64, 128, 256, 512];
const rendered = new Map(sizes.map((s) => [s, png(s, render(s))]));
writeFileSync(join(out, 'icon.svg'), svg());
writeFileSync(join(out, 'icon.png'), rendered.get(512));
for (const s of sizes) writeFileSync(join(out, 'icons', `${s}x${s}.png`), rendered.get(s));
writeFileSync(join(out, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: rendered.get(size) }))));
console.log(`wrote icon.svg, icon.png, icon.ico and icons/{${sizes.join(',')}}.png in ${out}`);
