/**
 * UI strings of the pages feature (en), flat dotted keys prefixed "pages."; the other language's
 * file must carry the same keys (test/i18n checks parity across the merged dictionaries).
 */
export const pages_en = {} as const;
