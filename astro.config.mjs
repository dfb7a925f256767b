// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';

// Static site, two locales, both prefixed: /zh/… and /en/…. The page at / (src/pages/index.astro)
// offers both languages and forwards to /zh/. Nothing is fetched from outside the site: no web
// fonts, no CDNs, no analytics (the browser tests check every request).
export default defineConfig({
  output: 'static',
  integrations: [svelte()],
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
});
