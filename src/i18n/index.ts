export * from './locales.ts';
export * from './translate.ts';
export * from './format.ts';
