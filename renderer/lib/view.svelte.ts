/*
 * View preferences that live for the session and are shared by every screen showing a
 * machine: whether the text view replaces the graph. Kept in memory only — the choice
 * is quick to make and not worth a setting.
 */
export const view = $state({ textMode: false });
