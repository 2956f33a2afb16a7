/*
 * Following a language switch from inside a screen: `onLanguageSwitch(apply)`, called while a
 * component initialises, runs `apply(next)` each time the learner switches language while the
 * component lives (not for the language it opened in). The lesson screen uses it to show the
 * pack's translation for the new language at once, on the same step.
 */
import { untrack } from 'svelte';
import { locale } from './i18n.svelte.ts';

export function onLanguageSwitch(apply: (next: string) => void): void {
  let shown: string = locale.current;
  $effect(() => {
    const next = locale.current;
    if (next === shown) return;
    shown = next;
    untrack(() => apply(next));
  });
}
