/*
 * English source messages for the Sandbox, Progress and Author screens, renderer/lib helpers (format, api, web-packs) and renderer/worker (storage, web-packs).
 * Keys start with "screens." (unique across areas; tests/unit/i18n-catalogue.test.ts checks).
 * Values are ICU MessageFormat (docs/i18n.md); es.ts, de.ts and zh-CN.ts beside this file
 * must have exactly these keys.
 */
export const screensEn = {
} as const;
