/*
 * View preferences that live for the session and are shared by every screen showing a
 * machine: whether the text view replaces the graph, whether the legend is open, and
 * whether the lesson's machine is enlarged (the narrative folded away, the question kept).
 * Kept in memory only — the choices are quick to make and not worth a setting.
 */
export const view = $state({ textMode: false, legend: false, enlarged: false });
