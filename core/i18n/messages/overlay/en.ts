/*
 * English source messages for lesson-pack translations (overlays): loader, fallback marker, validator translation checks and coverage.
 * Keys start with "overlay." (unique across areas; tests/unit/i18n-catalogue.test.ts checks).
 * Values are ICU MessageFormat (docs/i18n.md); es.ts, de.ts and zh-CN.ts beside this file
 * must have exactly these keys.
 */
export const overlayEn = {
} as const;
