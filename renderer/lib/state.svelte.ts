/*
 * App-wide reactive state: the API, what the host can do, the classroom policy, the
 * learner's settings, and the polite live region every screen announces results in.
 * One instance, created by App.svelte and shared through Svelte context.
 */
import { getContext, setContext } from 'svelte';
import { DEFAULT_POLICY, DEFAULT_SETTINGS, type ClassroomPolicy, type HostInfo, type PagewalkApi, type Settings } from '../../core/api.ts';
import { errorText } from './api.ts';
import { resolveLocale, systemLanguages, type Locale } from './i18n.svelte.ts';

const KEY = Symbol('pagewalk-app');

export class AppState {
  host = $state<HostInfo | null>(null);
  policy = $state<ClassroomPolicy>(DEFAULT_POLICY);
  settings = $state<Settings>({ ...DEFAULT_SETTINGS });
  /** Text of the polite live region (step results, quiz outcomes). */
  announcement = $state('');
  /** Messages the app shows in the notice bar until dismissed. */
  notices = $state<{ id: number; text: string; tone: 'info' | 'error' }[]>([]);
  systemDark = $state(false);
  systemReducedMotion = $state(false);
  /** Bumped when the set of packs changes (import, removal, preview reload), so lists reload. */
  packsVersion = $state(0);
  private nextNotice = 1;

  constructor(readonly api: PagewalkApi) {}

  get reducedMotion(): boolean {
    return this.settings.reducedMotion || this.systemReducedMotion;
  }

  /** The theme actually drawn: "system" follows the operating system's light/dark choice. */
  get theme(): 'light' | 'dark' | 'high-contrast' {
    if (this.settings.theme === 'system') return this.systemDark ? 'dark' : 'light';
    return this.settings.theme;
  }

  /** The interface language: the learner's choice, else the classroom's preset, else the OS / browser's. */
  get locale(): Locale {
    return resolveLocale({ chosen: this.settings.language, policy: this.policy.language, system: systemLanguages() });
  }

  /** Graph sizes follow the font-size setting. */
  get graphScale(): number {
    return this.settings.fontSize / 16;
  }

  get sandboxAllowed(): boolean {
    return this.policy.allowSandbox;
  }

  get authorAllowed(): boolean {
    return this.policy.allowAuthorPreview;
  }

  announce(text: string): void {
    // Clearing first makes screen readers repeat an identical message.
    this.announcement = '';
    queueMicrotask(() => (this.announcement = text));
  }

  notify(text: string, tone: 'info' | 'error' = 'info'): void {
    if (this.notices.some((n) => n.text === text)) return;
    this.notices.push({ id: this.nextNotice++, text, tone });
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /** Report a failed call in words (the service's message) instead of throwing further. */
  fail(e: unknown): void {
    this.notify(errorText(e), 'error');
  }

  async load(): Promise<void> {
    const [host, policy, settings] = await Promise.all([this.api.host(), this.api.getPolicy(), this.api.getSettings()]);
    this.host = host;
    this.policy = policy;
    this.settings = settings;
    for (const n of host.notices) this.notify(n);
  }

  async updateSettings(patch: Partial<Settings>): Promise<void> {
    const before = this.settings;
    this.settings = { ...this.settings, ...patch };
    try {
      this.settings = await this.api.setSettings(patch);
    } catch (e) {
      this.settings = before;
      this.fail(e);
    }
  }
}

export function provideApp(state: AppState): void {
  setContext(KEY, state);
}

export function useApp(): AppState {
  return getContext<AppState>(KEY);
}
