import { describe, expect, it } from 'vitest';
import { packArchive, safePath, unpackArchive } from '../../core/lessons/archive.ts';
import { loadPack } from '../../core/lessons/load.ts';
import { EXAMPLE_PACK, readFolder } from '../fixtures/packs/helpers.ts';
import { rawZip, type RawEntry } from '../fixtures/packs/zip.ts';

const MANIFEST = 'id: a.b\n';

function refused(entries: RawEntry[] | Uint8Array): string {
  const r = unpackArchive(entries instanceof Uint8Array ? entries : rawZip(entries));
  expect(r.files.size).toBe(0);
  expect(r.diagnostics.length).toBeGreaterThan(0);
  for (const d of r.diagnostics) expect(d).toMatchObject({ severity: 'error', line: 1, col: 1 });
  return r.diagnostics.map((d) => d.message).join('\n');
}

describe('.pagewalk archives', () => {
  it('round-trips a pack folder, byte for byte and deterministically', () => {
    const files = readFolder(EXAMPLE_PACK);
    const a = packArchive(files);
    expect(packArchive(files)).toEqual(a);
    const back = unpackArchive(a);
    expect(back.diagnostics).toEqual([]);
    for (const [path, data] of files) {
      const got = back.files.get(path)!;
      if (path.endsWith('.png')) expect(got).toEqual(new Uint8Array(data as Uint8Array));
      else expect(got).toBe(new TextDecoder().decode(data as Uint8Array));
    }
    expect(loadPack(back.files, 'user').pack).not.toBeNull();
  });

  it('accepts plain archives made by other tools, folders included', () => {
    const r = unpackArchive(rawZip([{ name: 'lessons/', data: '', mode: 0o040755 }, { name: 'pack.yaml', data: MANIFEST, method: 0 }, { name: 'lessons/a.yaml', data: 'id: x\n' }]));
    expect(r.diagnostics).toEqual([]);
    expect([...r.files.keys()]).toEqual(['pack.yaml', 'lessons/a.yaml']);
  });

  it('refuses paths that leave the pack folder', () => {
    expect(refused([{ name: '../evil.yaml', data: 'x' }])).toMatch(/climbs out of the pack folder/);
    expect(refused([{ name: 'lessons/../../evil.yaml', data: 'x' }])).toMatch(/climbs out/);
    expect(refused([{ name: '/etc/passwd', data: 'x' }])).toMatch(/is an absolute path/);
    expect(refused([{ name: 'C:/Windows/x.yaml', data: 'x' }])).toMatch(/absolute path/);
    expect(refused([{ name: 'lessons\\..\\evil.yaml', data: 'x' }])).toMatch(/backslashes/);
    expect(refused([{ name: 'a//b.yaml', data: 'x' }])).toMatch(/empty or "\." folder name/);
    expect(refused([{ name: 'aux.yaml', data: 'x' }])).toMatch(/reserved on Windows/);
    expect(refused([{ name: 'pack.yaml', data: MANIFEST }, { name: 'ok.yaml', data: 'x', localName: '../x.yaml' }])).toMatch(/different name in its local header/);
  });

  it('refuses links, special files, encryption and unknown compression', () => {
    expect(refused([{ name: 'pack.yaml', data: '/etc/passwd', mode: 0o120777, method: 0 }])).toMatch(/"pack\.yaml" is a symbolic link/);
    expect(refused([{ name: 'fifo', data: '', mode: 0o010644 }])).toMatch(/is not a regular file/);
    expect(refused([{ name: 'pack.yaml', data: MANIFEST, flags: 1 }])).toMatch(/is encrypted/);
  });

  it('refuses duplicate names, including names that differ only in case', () => {
    expect(refused([{ name: 'pack.yaml', data: MANIFEST }, { name: 'Pack.yaml', data: MANIFEST }])).toMatch(/appears twice/);
  });

  it('refuses too many entries and oversize entries before inflating them', () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}.txt`, data: 'x', method: 0 as const }));
    expect(refused(many)).toMatch(/has 1001 entries; the limit is 1000/);
    expect(refused([{ name: 'big.png', data: new Uint8Array(10), declaredSize: 50_000_000 }])).toMatch(/is 50000000 bytes; the limit is/);
  });

  it('stops a decompression bomb that lies about its size, by counting the real output', () => {
    const bomb = new Uint8Array(30 * 1024 * 1024); // zeros: ~30 KiB once deflated
    const zip = rawZip([{ name: 'pack.yaml', data: bomb, declaredSize: 100 }]);
    expect(zip.length).toBeLessThan(100_000);
    const t = performance.now();
    expect(refused(zip)).toMatch(/"pack\.yaml" inflates to more than \d+ bytes \(a decompression bomb/);
    expect(performance.now() - t).toBeLessThan(5000);
    // Many entries that are each under the limit but too large together.
    const parts = Array.from({ length: 12 }, (_, i) => ({ name: `assets/${i}.png`, data: new Uint8Array(2 * 1024 * 1024) }));
    expect(refused(parts)).toMatch(/unpacks to more than/);
  });

  it('refuses damaged archives and text that is not UTF-8', () => {
    const good = rawZip([{ name: 'pack.yaml', data: MANIFEST }]);
    expect(refused(good.subarray(0, good.length - 5))).toMatch(/not a zip archive|damaged/);
    expect(refused(new TextEncoder().encode('this is not a zip at all, just text that is long enough'))).toMatch(/not a zip archive/);
    expect(refused([{ name: 'pack.yaml', data: MANIFEST, crc: 1234 }])).toMatch(/checksum mismatch/);
    expect(refused([{ name: 'pack.yaml', data: MANIFEST, declaredSize: 3 }])).toMatch(/inflates to 8 bytes, but the archive says 3|the archive says 3/);
    expect(refused([{ name: 'pack.yaml', data: new Uint8Array([0x69, 0x64, 0xff, 0xfe]) }])).toMatch(/is not UTF-8 text/);
    expect(refused(new Uint8Array(0))).toMatch(/too short/);
    expect(refused([])).toMatch(/empty/);
  });

  it('names only safe relative paths', () => {
    for (const p of ['pack.yaml', 'lessons/01-intro.yaml', 'assets/a b.png']) expect(safePath(p)).toBeNull();
    for (const p of ['', '..', 'a/../b', '/a', 'a\\b', 'a/./b', 'con', 'x\u0000y', 'a/b/c/d/e/f/g/h/i.yaml', 'dot.']) expect(safePath(p)).not.toBeNull();
    expect(() => packArchive(new Map([['../x', 'y']]))).toThrow(/cannot pack/);
  });
});
