/*
 * The built-in lesson packs, bundled into the browser build at build time. Each pack is
 * a folder under lessons/ with a pack.yaml; its files are handed to the core keyed by
 * their path inside the pack folder, text as strings and images as bytes, exactly as the
 * desktop app reads them from disk.
 */
import type { PackFiles } from '../../core/service.ts';

const text = import.meta.glob('../../lessons/**/*.{yaml,yml,md,txt,json}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const images = import.meta.glob('../../lessons/**/*.{png,jpg,jpeg,gif,webp}', { query: '?inline', import: 'default', eager: true }) as Record<string, string>;

/** Bytes of a `data:…;base64,…` URL. */
export function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',');
  const b64 = url.slice(comma + 1);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Group bundled files into packs: every folder holding a pack.yaml is a pack root. */
export function groupPacks(files: Record<string, string | Uint8Array>, prefix: string): PackFiles[] {
  const roots = Object.keys(files)
    .filter((p) => p.endsWith('/pack.yaml'))
    .map((p) => p.slice(0, -'pack.yaml'.length))
    .sort((a, b) => b.length - a.length);
  const packs = new Map<string, Map<string, string | Uint8Array>>();
  for (const [path, content] of Object.entries(files)) {
    const root = roots.find((r) => path.startsWith(r));
    if (!root) continue;
    if (!packs.has(root)) packs.set(root, new Map());
    packs.get(root)!.set(path.slice(root.length), content);
  }
  return [...packs.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([root, map]) => ({ source: 'built-in' as const, location: root.slice(prefix.length).replace(/\/$/, '') || 'lessons', files: map }));
}

export function bundledPacks(): PackFiles[] {
  const all: Record<string, string | Uint8Array> = { ...text };
  for (const [path, url] of Object.entries(images)) all[path] = dataUrlBytes(url);
  return groupPacks(all, '../../lessons/');
}
