/*
 * English source messages for core/scenario (commands, documents, trace lines, sandbox), core/sim (fault reasons, profiles, processes), core/service.ts, core/api.ts, core/diag.ts.
 * Keys start with "scenario." (unique across areas; tests/unit/i18n-catalogue.test.ts checks).
 * Values are ICU MessageFormat (docs/i18n.md); es.ts, de.ts and zh-CN.ts beside this file
 * must have exactly these keys.
 */
export const scenarioEn = {
} as const;
