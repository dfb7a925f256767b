/**
 * The explorer's workers are made here (the one place that names the worker's script), and the
 * first of them early: the page's own script (ExplorePage.astro) calls startEarly as soon as it runs,
 * before the island's code has loaded and hydrated. When the address names a scenario, that worker
 * reads it (first-run.ts) and, when its run is a long one (it runs coarse first), starts its full
 * run at once; the island's client takes the worker over (takeEarly) and, with it, that run, by its
 * key (client.ts). On the 10-million-buyer address this starts the full run some hundreds of ms
 * earlier: the worker's script loads and compiles while the island's does, rather than after.
 * Without a query (the default scenario, whose run is short) nothing starts early.
 * Dependency-free, so that the page's script stays small.
 */
import type { EarlyMessage, WorkerIn, WorkerOut } from './protocol.ts';

/** a new explorer worker (worker.ts) */
export const makeWorker = (): Worker => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });

/** the worker started early, what it has said before the client took it, and whether it failed */
export interface Early {
  worker: Worker;
  messages: WorkerOut[];
  failed: boolean;
}

let early: Early | null = null;
let taken = false;

/** Start the explorer's first worker on the address's run, unless the island's client exists already or the address is empty. */
export function startEarly(search: string, deviceMemory: number | undefined): void {
  if (taken || early || search.length <= 1 || typeof Worker === 'undefined') return;
  const e: Early = { worker: makeWorker(), messages: [], failed: false };
  // kept until the client takes the worker (a message with no listener would be lost)
  e.worker.onmessage = (m: MessageEvent<WorkerOut | EarlyMessage>) => void e.messages.push(m.data);
  e.worker.onerror = (err: ErrorEvent) => {
    err.preventDefault();
    e.failed = true;
  };
  e.worker.postMessage({ type: 'early', id: 0, search, ...(deviceMemory !== undefined ? { deviceMemory } : {}) } satisfies WorkerIn);
  early = e;
}

/** The worker started early, if any (once; from then on nothing starts early). */
export function takeEarly(): Early | null {
  taken = true;
  const e = early;
  early = null;
  if (e) {
    e.worker.onmessage = null;
    e.worker.onerror = null;
  }
  return e;
}
