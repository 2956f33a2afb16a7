/*
 * English source messages for Electron main (menus, dialogs, notices, persistence, packs, policy) and the CLI (core/cli/**, refstring, experiment, progress, ostep, usage and help).
 * Keys start with "shell." (unique across areas; tests/unit/i18n-catalogue.test.ts checks).
 * Values are ICU MessageFormat (docs/i18n.md); es.ts, de.ts and zh-CN.ts beside this file
 * must have exactly these keys.
 */
export const shellEn = {
} as const;
