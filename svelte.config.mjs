// Svelte compiler settings shared by the Electron renderer build (electron-vite) and the
// browser build (vite.web.config.mts). Both pass this file to the Svelte plugin explicitly.
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  compilerOptions: {
    runes: true,
  },
};
