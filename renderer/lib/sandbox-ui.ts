/*
 * The sandbox's choices that are the learner's and not the machine's — the process the
 * buttons act as, the address and value typed — kept per machine profile in the page's
 * localStorage, so that coming back to the sandbox (or reloading) finds them as they were.
 * The machine itself is kept by the core (core/scenario/sandbox.ts). Without localStorage
 * (storage turned off) the choices last while the page is open.
 */
export interface SandboxUi {
  selected: string;
  address: string;
  value: string;
}

const KEY = 'pagewalk.sandbox.ui';
const DEFAULT_UI: SandboxUi = { selected: '', address: '', value: '42' };
const memory = new Map<string, SandboxUi>();

function readAll(): Record<string, SandboxUi> {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, SandboxUi>) : {};
  } catch {
    return {};
  }
}

/** The choices last made on this machine profile (defaults if none). */
export function sandboxUi(profileId: string): SandboxUi {
  const kept = memory.get(profileId) ?? readAll()[profileId];
  if (!kept || typeof kept !== 'object') return { ...DEFAULT_UI };
  const text = (v: unknown, fallback: string, max: number) => (typeof v === 'string' && v.length <= max ? v : fallback);
  return { selected: text(kept.selected, '', 64), address: text(kept.address, '', 40), value: text(kept.value, DEFAULT_UI.value, 40) };
}

export function rememberSandboxUi(profileId: string, ui: SandboxUi): void {
  memory.set(profileId, { ...ui });
  try {
    const all = readAll();
    all[profileId] = { ...ui };
    localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // Storage refused (private window, quota): the in-memory copy still covers screen changes.
  }
}
