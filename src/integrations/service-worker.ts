/**
 * Astro integration: after `astro build`, write dist/sw.js, the service worker that keeps a copy
 * of the whole build for offline use (src/sw/generate.ts, src/sw/runtime.ts). Pages register it
 * from src/layouts/Base.astro in production builds only; `astro dev` has no sw.js.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { writeServiceWorker } from '../sw/generate.ts';

export default function serviceWorker(): AstroIntegration {
  return {
    name: 'points-pool-explorer:service-worker',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const sw = writeServiceWorker(fileURLToPath(dir));
        logger.info(
          `sw.js: ${sw.urls.length} files (${(sw.bytes / 1024).toFixed(0)} KiB) precached, version ${sw.version}`,
        );
      },
    },
  };
}
