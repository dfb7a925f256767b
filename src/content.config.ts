/**
 * Content collections. Prose lives in content/<locale>/<page>.md, mirrored per language
 * (content/zh/about.md and content/en/about.md); an entry's id is "<locale>/<page>".
 * Imports come from the package (not the virtual `astro:content`) so that `tsc` checks this file
 * before Astro has generated its types.
 */
import { defineCollection } from 'astro/content/config';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const pages = defineCollection({
  loader: glob({ pattern: '{zh,en}/*.md', base: './content' }),
  schema: z.object({
    title: z.string().min(1),
    description: z.string().min(1),
    // the day the text was last checked against the engine is not here but in src/page-dates.ts,
    // one record per page for both languages
  }),
});

export const collections = { pages };
