// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';
import serviceWorker from './src/integrations/service-worker.ts';

// Static site, two locales, both prefixed: /zh/… and /en/…. The page at / (src/pages/index.astro)
// offers both languages and forwards to /zh/. Nothing is fetched from outside the site: no web
// fonts, no CDNs, no analytics (the browser tests check every request).
//
// SITE_URL (e.g. https://example.org) at build time gives every page a canonical address and the
// hreflang alternates, which must be absolute; without it they are left out rather than relative.
export default defineConfig({
  output: 'static',
  site: process.env['SITE_URL'] || undefined,
  // serviceWorker: dist/sw.js, the offline copy of the site (written after the build)
  integrations: [svelte(), serviceWorker()],
  i18n: {
    defaultLocale: 'zh',
    locales: ['zh', 'en'],
    routing: {
      prefixDefaultLocale: true,
      redirectToDefaultLocale: false,
    },
  },
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  // code blocks: GitHub's dark theme in its newer colours, whose comments keep 4.5:1 contrast
  // (the default github-dark's #6a737d on #24292e is 3:1)
  markdown: { shikiConfig: { theme: 'github-dark-default' } },
  // The engine is pure: a module under src/engine/ of which a page uses nothing is left out of the
  // page, even when it builds zod schemas at load. So the engine's index (src/engine/index.ts) can
  // re-export all that the site uses and each page still carries only what it calls.
  vite: { build: { rolldownOptions: { treeshake: { moduleSideEffects: (id) => !/[\\/]src[\\/]engine[\\/]/.test(id) } } } },
});
