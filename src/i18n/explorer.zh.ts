/**
 * UI strings of the explorer feature (zh), flat dotted keys prefixed "explorer."; the other language's
 * file must carry the same keys (test/i18n checks parity across the merged dictionaries).
 */
export const explorer_zh = {} as const;
