/**
 * UI strings of the pages feature (zh), flat dotted keys prefixed "pages."; the other language's
 * file must carry the same keys (test/i18n checks parity across the merged dictionaries).
 */
export const pages_zh = {} as const;
