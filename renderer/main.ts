/*
 * Entry point of the renderer (desktop and browser builds alike): connect to the core,
 * then mount the app. If the core cannot be reached the page says so in words.
 */
// First: zod must be jitless before core/api.ts builds its schemas (see jitless.ts).
import './lib/jitless.ts';
import '@xyflow/svelte/dist/style.css';
import './styles/app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { connectApi, errorText } from './lib/api.ts';
import { applyLocale, resolveLocale, systemLanguages, t } from './lib/i18n.svelte.ts';

const target = document.getElementById('app')!;
// Before the settings are known, the computer's (browser's) language: the start-up words and
// a failure to start are read in it. App.svelte switches to the learner's choice once loaded.
applyLocale(resolveLocale({ system: systemLanguages() }));
const starting = target.querySelector('.boot');
if (starting) starting.textContent = t('screens.boot.starting');

try {
  const api = await connectApi();
  target.textContent = '';
  mount(App, { target, props: { api } });
} catch (e) {
  const p = document.createElement('p');
  p.className = 'boot';
  p.setAttribute('role', 'alert');
  p.textContent = errorText(e);
  target.replaceChildren(p);
}
