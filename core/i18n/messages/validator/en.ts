/*
 * English source messages for pack loading and validation messages pack authors read: core/lessons schema.ts, load.ts, archive.ts, reader.ts, validate.ts, markdown.ts, expr.ts, limits.ts, template code.
 * Keys start with "validator." (unique across areas; tests/unit/i18n-catalogue.test.ts checks).
 * Values are ICU MessageFormat (docs/i18n.md); es.ts, de.ts and zh-CN.ts beside this file
 * must have exactly these keys.
 */
export const validatorEn = {
} as const;
