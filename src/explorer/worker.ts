/// <reference lib="webworker" />
/**
 * The explorer's Web Worker: runs the engine off the main thread. Four kinds of message:
 * run (a scenario for the charts, answered by its result after progress messages while a long one runs),
 * early (the page's address, sent by the page's script before the island hydrates: the worker names
 * the request the address asks for, first-run.ts, and runs it in full when it is a long one; early.ts),
 * parse (a scenario file's text, validated with the engine's
 * messages) and task (a step of a sweep or Monte Carlo, answered by the engine's `answerTask` as
 * the command's worker threads answer it: planning, one cell or seed, combining).
 * The client (client.ts) sends one message at a time to each worker and drops stale answers.
 * Each run takes the big buffers of the runs before it (run.ts keepBuffers: a BufferPool bounded by
 * the device's memory, keptBytesFor) and reads the order amounts kept by the runs before it or drawn
 * ahead (the engine's amount cache, bounded by keptAmountsFor). After each full run it answers, while
 * no message waits, the worker draws that run's seed's and amount rule's amounts ahead for the next
 * full runs and gets that run's big buffers ready in its pool (prepare.ts, in chunks scheduled
 * through a MessageChannel, each yielding to the page's messages); a preview of other amounts than
 * the preview before stops that. An idle worker lets its buffers and amounts go after KEEP_IDLE_MS.
 */
import { answerTask, BufferPool, keepAmounts, keptAmounts, parseScenario } from '../engine/index.ts';
import { KEEP_IDLE_MS, keepBuffers, keptAmountsFor, keptBytesFor, reclaimBuffers, runExplorer, validateFlow, type RunRequest } from './run.ts';
import { requestKey, type WorkerIn, type WorkerOut } from './protocol.ts';
import { addressRequest } from './first-run.ts';
import { Preparer } from './prepare.ts';

/** how often a run reports its progress at most (ms) */
const PROGRESS_MS = 150;
/**
 * when a run first reports its progress (ms): a run shorter than this reports none. A report costs
 * the page a redraw of its status line (10-15 ms of its main thread with layout and paint), which in
 * a drag's released run of a quarter of a second came in the middle of it, on the cores it runs on;
 * a wait this short needs no progress shown
 */
const PROGRESS_FIRST_MS = 500;

const post = (msg: WorkerOut, transfer: Transferable[] = []) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg, transfer);

// each run takes the big buffers of the runs before it rather than faulting in new pages (run.ts keepBuffers), within the device's bound
const deviceMemory = (self.navigator as Navigator & { deviceMemory?: number }).deviceMemory;
const pool = new BufferPool(keptBytesFor(deviceMemory));
keepBuffers(pool);
// the order amounts of the runs, kept and drawn ahead, within the device's bound
keepAmounts(keptAmountsFor(deviceMemory));
let idle: ReturnType<typeof setTimeout> | undefined;

// a chunk of preparation runs as a message of the worker to itself: after the page's messages
// already queued (answered between chunks), and without the 4 ms clamp of nested setTimeout(0)
const chunks = new MessageChannel();
let chunk: (() => void) | null = null;
chunks.port1.onmessage = () => {
  const step = chunk;
  chunk = null;
  step?.();
};
const preparer = new Preparer(
  (step) => {
    chunk = step;
    chunks.port2.postMessage(null);
  },
  undefined,
  pool,
);

self.onmessage = (e: MessageEvent<WorkerIn>) => {
  try {
    answer(e.data);
  } finally {
    // idle for KEEP_IDLE_MS: the kept buffers and amounts go, and nothing more is prepared
    clearTimeout(idle);
    idle = setTimeout(() => {
      pool.clear();
      keptAmounts()?.clear();
      preparer.stop();
    }, KEEP_IDLE_MS);
  }
};

function answer(m: WorkerIn) {
  if (m.type === 'task') {
    try {
      const { reply, transfer } = answerTask(m);
      return post(reply, transfer);
    } finally {
      // a sweep's cell or a Monte Carlo seed ran on books of its own: over with the task
      reclaimBuffers();
    }
  }
  if (m.type === 'early') {
    // the page's address read as the island will read it; the request named (or none) before its run
    let req: RunRequest | null = null;
    try {
      req = addressRequest(m.search, m.deviceMemory);
    } catch {
      req = null;
    }
    post({ type: 'early', key: req ? requestKey(req) : null });
    if (!req) return;
    return run(m.id, { ...req, coarseBuyers: 0 });
  }
  if (m.type === 'run') return run(m.id, m.req);
  // a drag's newest value, whose full run this worker may be sent at the release: no answer
  if (m.type === 'ready') return preparer.aim(m.req, 1);
  try {
    if (m.type === 'parse') {
      const v = parseScenario(m.text);
      const out = v.ok ? validateFlow(v.scenario) : v;
      post({ type: 'parse', id: m.id, out: out.ok ? { ok: true, scenario: out.scenario as unknown as Record<string, unknown> } : out });
    }
  } catch (err) {
    post({ type: 'error', id: m.id, message: err instanceof Error ? err.message : String(err) });
  }
}

/** the worker has answered no run yet: its first is the page's first (on load, early or not) */
let firstRun = true;

/**
 * a run, answered by its result; a long one tells the page how far it has got, from PROGRESS_FIRST_MS on and at most every PROGRESS_MS (a full run of a large scenario takes seconds; its coarse preview is on screen meanwhile).
 * Then, while no message waits, a full run's amounts are drawn ahead for the next full runs, and a preview's when the preview before had the same amounts (prepare.ts says why);
 * not after the worker's first run: the page is loading on the same cores
 */
function run(id: number, req: RunRequest) {
  try {
    let next = performance.now() + PROGRESS_FIRST_MS;
    const progress = (day: number, days: number) => {
      const now = performance.now();
      if (now < next) return;
      next = now + PROGRESS_MS;
      post({ type: 'progress', id, day, days });
    };
    post({ type: 'run', id, out: runExplorer(req, progress) });
  } catch (err) {
    post({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
  }
  if (req.coarseBuyers) preparer.preview(req);
  else if (!firstRun) preparer.aim(req);
  firstRun = false;
}
