/*
 * App-wide reactive state: the API, what the host can do, the classroom policy, the
 * learner's settings, and the polite live region every screen announces results in.
 * One instance, created by App.svelte and shared through Svelte context.
 */
import { getContext, setContext } from 'svelte';
import { DEFAULT_POLICY, DEFAULT_SETTINGS, type ClassroomPolicy, type HostInfo, type PagewalkApi, type Settings } from '../../core/api.ts';
import { errorText } from './api.ts';
import { BROWSER_POLICY_SOURCE } from '../worker/protocol.ts';
import { resolveLocale, systemLanguages, t, type Locale } from './i18n.svelte.ts';

const KEY = Symbol('pagewalk-app');

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
  /** The screen it belongs to (a route), or null for every screen. */
  screen: string | null;
}

/** How long information stays: long enough to read it twice at a slow pace. */
export function noticeTimeout(text: string): number {
  return Math.min(15_000, 5000 + 60 * text.length);
}

export class AppState {
  host = $state<HostInfo | null>(null);
  policy = $state<ClassroomPolicy>(DEFAULT_POLICY);
  settings = $state<Settings>({ ...DEFAULT_SETTINGS });
  /** Text of the polite live region (step results, quiz outcomes). */
  announcement = $state('');
  /**
   * Messages for the notice bar, oldest first; the bar shows only the newest, on one line.
   * Each belongs to the screen it was raised on (`screen`, a route such as "#/sandbox") and
   * goes when the learner leaves that screen; `null` is app-wide (start-up notices about
   * saved files), kept until dismissed. Information times out; errors wait to be dismissed.
   */
  notices = $state<Notice[]>([]);
  /** The screen shown now (App.svelte sets it on every route change). */
  screen = $state('');
  systemDark = $state(false);
  systemReducedMotion = $state(false);
  /** Bumped when the set of packs changes (import, removal, preview reload), so lists reload. */
  packsVersion = $state(0);
  private nextNotice = 1;
  private noticesHeld = false;
  private readonly timers = new Map<number, { handle: ReturnType<typeof setTimeout>; ms: number }>();

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

  /**
   * Where the classroom policy came from, in the learner's language: the hosts' two fixed
   * sources are words (translated here), a policy file is its path (shown as it is).
   */
  get policySource(): string {
    if (this.policy.source === DEFAULT_POLICY.source) return t('screens.policy.source.defaults');
    if (this.policy.source === BROWSER_POLICY_SOURCE) return t('screens.policy.source.browser');
    return this.policy.source;
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

  /**
   * Show a notice. `screen` is the screen it belongs to (default: the one shown now; null:
   * every screen, until dismissed). Information times out after a time that grows with its
   * length (paused while the pointer or focus is on it); an error, or a `sticky` notice, stays until dismissed.
   */
  notify(text: string, tone: 'info' | 'error' = 'info', options: { screen?: string | null; sticky?: boolean } = {}): void {
    const screen = options.screen === undefined ? this.screen : options.screen;
    this.notices = this.notices.filter((n) => n.text !== text);
    const id = this.nextNotice++;
    this.notices.push({ id, text, tone, screen });
    if (tone === 'info' && !options.sticky) this.startTimer(id, noticeTimeout(text));
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
    const t = this.timers.get(id);
    if (t) clearTimeout(t.handle);
    this.timers.delete(id);
  }

  /** The learner moved to another screen: the notices of the screen left go with it. */
  showScreen(screen: string): void {
    this.screen = screen;
    for (const n of this.notices) if (n.screen !== null && n.screen !== screen) this.dismiss(n.id);
  }

  /** Pause (while read: pointer over it or focus in it) or resume the timeouts. */
  holdNotices(hold: boolean): void {
    this.noticesHeld = hold;
    if (hold) {
      for (const t of this.timers.values()) clearTimeout(t.handle);
    } else {
      for (const [id, t] of this.timers) this.startTimer(id, Math.max(t.ms / 2, 3000));
    }
  }

  private startTimer(id: number, ms: number): void {
    const old = this.timers.get(id);
    if (old) clearTimeout(old.handle);
    const handle = setTimeout(() => {
      if (!this.noticesHeld) this.dismiss(id);
    }, ms);
    this.timers.set(id, { handle, ms });
  }

  /** Report a failed call in words (the service's message) instead of throwing further. */
  fail(e: unknown): void {
    this.notify(errorText(e), 'error');
  }

  async load(): Promise<void> {
    const [policy, settings] = await Promise.all([this.api.getPolicy(), this.api.getSettings()]);
    this.policy = policy;
    this.settings = settings;
    // The host's start-up notices are sentences for the learner: have the service in the
    // learner's language before asking for them (App.svelte keeps it in step afterwards).
    await this.api.setLocale(this.locale).catch(() => undefined);
    const host = await this.api.host();
    this.host = host;
    for (const n of host.notices) this.notify(n, 'info', { screen: null, sticky: true });
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
