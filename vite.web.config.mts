/*
 * The browser build: the same renderer as the desktop app, with the core running in a
 * Web Worker instead of Electron's main process (renderer/worker/). `npm run web` builds
 * it into dist-web/ and serves it on 127.0.0.1; Playwright and the UI benchmark use it.
 *
 * Mode "web" is what tells renderer/lib/api.ts to start the worker; in the Electron
 * build that branch is compiled away and the preload bridge is used instead.
 */
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { CONTENT_SECURITY_POLICY_HEADER, cspMetaPlugin } from './electron/csp.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));


export default defineConfig({
  mode: 'web',
  root: here('./renderer'),
  base: './',
  publicDir: false,
  plugins: [svelte({ configFile: here('./svelte.config.mjs') }), cspMetaPlugin()],
  build: {
    outDir: here('./dist-web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  // Pre-bundle the renderer's dependencies when the dev server starts: discovering one later
  // makes Vite reload the page, which the end-to-end tests that use the dev server would see.
  optimizeDeps: { include: ['dompurify', 'marked', '@xyflow/svelte', 'zod', 'yaml'] },
  server: { host: '127.0.0.1', port: 5173, strictPort: false, fs: { allow: [here('.')] } },
  // Served with the same policy the page declares, plus frame-ancestors (which only works as a header).
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER, 'X-Content-Type-Options': 'nosniff' } },
});
