/*
 * electron-vite build of the desktop app: out/main (CommonJS), out/preload (CommonJS, one
 * self-contained file, as a sandboxed preload requires) and out/renderer (the Svelte app).
 *
 * package.json has no "type": "module", so main and preload come out as CommonJS.
 * Main bundles its dependencies too (electron-store and conf are ESM-only), so the
 * packaged app runs from out/ alone. The renderer is the same one the browser build
 * (vite.web.config.mts) makes; both read svelte.config.mjs.
 */
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import { cspMetaPlugin } from './electron/csp.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: here('./out/main'),
      externalizeDeps: false,
      target: 'node22',
      rollupOptions: {
        // The core runs in a worker thread of main (electron/main/core-host.ts): its own entry.
        input: { index: here('./electron/main/index.ts'), 'core-thread': here('./electron/main/core-thread-main.ts') },
        external: ['electron', /^node:/],
      },
    },
  },
  preload: {
    build: {
      outDir: here('./out/preload'),
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: here('./electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: here('./renderer'),
    base: './',
    publicDir: false,
    // The page's <meta> Content-Security-Policy is the one main sends as a header (electron/csp.ts).
    plugins: [svelte({ configFile: here('./svelte.config.mjs') }), cspMetaPlugin()],
    worker: { format: 'es' },
    build: {
      outDir: here('./out/renderer'),
      target: 'es2022',
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: { index: here('./renderer/index.html') } },
    },
  },
});
