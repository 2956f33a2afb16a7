/** A translation of one area's English messages: exactly its keys, each an ICU MessageFormat string. */
export type AreaCatalogue<English extends Record<string, string>> = Record<keyof English, string>;

/** The areas whose messages live in their own folder beside this file (one folder, four locales each). */
export const AREAS = ['player', 'screens', 'graph', 'validator', 'overlay', 'scenario', 'shell'] as const;
