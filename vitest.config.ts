import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Two projects under one `vitest run`:
// - unit: engine, i18n and component logic in node (Svelte components render server-side);
// - browser: the built site (dist/) served on 127.0.0.1 and driven in a real Chromium.
//   They need `astro build` first and fail saying so when dist/ is missing.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [svelte({ compilerOptions: { css: 'injected' } })],
        test: {
          name: 'unit',
          // property and differential tests run whole simulations; a loaded 2-core machine needs room
          testTimeout: 30_000,
          environment: 'node',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: ['test/browser/**', '**/node_modules/**', 'dist/**'],
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // one Chromium at a time is plenty and keeps the machine calm
          fileParallelism: false,
        },
      },
    ],
  },
});
