/**
 * The page's side of the workers. Two workers answer the sliders: a coarse version of a large
 * scenario is run first (fast, drawn at once), then the full one; a model of the family, or a
 * scenario too small to coarsen, is one full run (coarse.ts decides, before anything is sent). Each
 * worker gets one message at a time; only the newest request's runs wait, replacing older ones, and
 * an answer older than what is shown is dropped. So the newest request always wins, nothing queues
 * up behind a drag, and the main thread only receives results. What is shown is handed to the page
 * in a task of its own after the answer, so that answers already queued behind it (a coarse and
 * a final run that came in while the page was busy) are drawn once, the newest, not one by one.
 * A kept result (below) is handed over as soon as the input's own task is done, so that it is drawn
 * in the same frame as the slider's move; so is a drag's preview, in the answer's own task (one is
 * out at a time: nothing to coalesce).
 *
 * On load the page makes one worker and asks for its first request without a preview when the
 * first charts wait for that short final run anyway (ClientOptions.workers, run's `preview`): the
 * second worker is made once the page has drawn it all (fill), or as soon as a job finds the first
 * busy, so that no second engine loads and runs on the phone's other core while the page hydrates.
 *
 * While the pointer drags a slider (hold), full runs wait: each would take a worker for the whole
 * run only to be stale by its end. The drag's coarse runs (PREVIEW_BUYERS, as every preview) go
 * out one at a time, the next when the one before has answered: the main thread draws each answer
 * once rather than a queue of them, and the other worker stays free, so that the full run of the
 * newest request goes out at once when the pointer is released (or when the pointer rests,
 * DRAG_STILL, or the value stays, DRAG_PAUSE: a hand that has found its value rests before letting
 * go, and the run is then under way at the release). Meanwhile that worker is told to get ready for
 * each newest value's full run (getReady): the release finds it with the run's order amounts drawn
 * and its big buffers in place. The page names the value one slider step
 * further in the drag's direction (previewAhead): its preview is computed on a worker while the
 * pointer travels there, kept (PREVIEWS_KEPT), and drawn in the task of the move that reaches it,
 * without waiting for a worker; a move the guess missed runs its own preview as before.
 *
 * Final results are kept by what their request computes (CACHE_SIZE of them): a request the page
 * has run before (a slider back at a value) is shown at once, final, without a run. While a slider
 * has the keyboard, the page names the values one arrow key away and an idle worker computes them
 * ahead (prefetch), so that a key press often finds its final run kept, or already out (taken over,
 * not started again). A worker stopped in a stale run is replaced by a warm spare rather than a
 * fresh worker, which would load the engine and run it cold.
 *
 * On load, the first worker may be one the page's script started before the island hydrated, on
 * the full run the address asks for (early.ts): it names that run's key before running it, and the
 * first request of the same key takes the run over (until it has named it, a full run waits rather
 * than go out on the other worker).
 *
 * Sweeps and Monte Carlo go to the engine's WorkerPool on Web Workers (one per core, at most 4),
 * through its TaskRunner interface; the engine's sweepVia and monteCarloVia send planning and
 * combining to a worker too, so the page never loads the engine itself.
 */
import type { FamilyOk, RunOk, RunRequest } from './run.ts';
import { requestKey, type ParseOutput, type ProgressMessage, type WorkerIn, type WorkerOut } from './protocol.ts';
import { WorkerPool, type PoolWorker, type Problem } from '../engine/index.ts';
import { COARSE_BUYERS, PREVIEW_BUYERS, runsCoarse } from './coarse.ts';
import type { Early } from './early.ts';
import { keepNewest } from './kept.ts';

export { COARSE_BUYERS, PREVIEW_BUYERS };

export type Shown = ((RunOk | FamilyOk) & { id: number; final: boolean }) | { ok: false; id: number; problems: Problem[] };

type Make = () => Worker;

/** A run job's bookkeeping: the request's key (what it computes), whether it is a full run, and whether it is speculative (no request asked for it yet). */
interface RunJob {
  key: string;
  full: boolean;
  spec: boolean;
}

/** A worker, whether it is busy, with what, and how far its run has got (0 to 1, from its progress messages). */
interface Slot {
  worker: Worker;
  busy: boolean;
  job: WorkerIn | null;
  run: RunJob | null;
  done: number;
  make: Make;
  /** during a drag, the key of the full run the worker was last told to get ready for in it (ReadyMessage) */
  ready?: string;
}

/** A stale full run further on than this share of its days is left to finish rather than stopped. */
export const STALE_KEEP = 0.7;

/**
 * How long a drag must stay on a value before the newest request's full run goes out anyway (ms).
 * Not much shorter: a slow drag stays on each value longer than a fast one (a value every 150 ms
 * when the buyers slider's 20 steps take 3 s), and each pause's full run (hundreds of ms for a
 * large year) would be stale by its end; in explorer-cpu's 3 s drag a pause of 150 ms kept one
 * worker busy throughout (worker CPU 0.66 -> 2.7 s). A rest is seen sooner by DRAG_STILL.
 */
export const DRAG_PAUSE = 400;

/**
 * How long the pointer must stay still in a drag (no move at all: the page tells each one, moved)
 * before the newest request's full run goes out (ms): a hand that has found its value rests on it
 * before letting go, and the full run is then under way at the release. A moving hand's pointer
 * moves come a frame or two apart, however slowly the value changes; a hand that has stopped sends
 * none. Not shorter: on a loaded machine the moves of a moving drag stalled for 100-400 ms now and
 * then (bench/explorer-gaps.ts, with a comparison), and at 100 ms those stalls sent full runs that
 * were stale by their end and took a core from the previews.
 */
export const DRAG_STILL = 150;

/**
 * Final results kept, by what their request computes (requestKey): a request the page asks for again
 * (a slider back at a value it had) or one computed ahead (prefetch) is shown at once, without a run.
 * A result is a few hundred KB of day rows: eight of them, a few MB.
 */
export const CACHE_SIZE = 8;

/**
 * Runs are computed ahead (prefetch) only while the newest final run took at most this long (ms): a
 * neighbour of a run of seconds would hold a worker, and the battery, for seconds that the reader
 * may never ask for.
 */
export const PREFETCH_MAX_MS = 1000;

/**
 * A worker replaced while it runs a stale run (replaceStale) is replaced by a spare kept warm: a new
 * worker loads the engine and runs it cold (not yet compiled by the JavaScript engine's optimising
 * tiers). Measured in headless Chromium on 2 loaded cores, the default year's full run: 456-771 ms
 * in a new worker, 297-335 ms in one that has run it before, 262-303 ms after two coarse runs of
 * 40,000 buyers (305-413 ms after one of 20,000). The spare is made once the reader has changed
 * something (not on load) and the page is idle (the newest request shown final), and warmed by
 * SPARE_WARM_RUNS coarse runs of the newest request this large; a spare used is made again the same way.
 */
export const SPARE_WARM_BUYERS = COARSE_BUYERS;
export const SPARE_WARM_RUNS = 2;

/** What a request computes, as a key (protocol.ts: the worker's early run names its request by it too). */
export { requestKey };

/**
 * Previews kept during a drag, by what their request computes (requestKey): those computed ahead in
 * the drag's direction (previewAhead) wait here for the pointer to reach their value, and a pointer
 * going back finds the values it passed. Each is a coarse run of PREVIEW_BUYERS (as many day rows
 * as a full run: a few hundred KB); they are forgotten when the drag ends.
 */
export const PREVIEWS_KEPT = 4;

/** Workers answering the sliders (once made: ClientOptions.workers). */
export const WORKERS = 2;

export interface ClientOptions {
  /**
   * run a callback in a task after those already queued (setTimeout 0; at once where there is
   * none). Not requestAnimationFrame: that would draw a frame later than the answer allows when
   * the page is idle, and a frame is all the coalescing needs
   */
  frame?: (cb: () => void) => void;
  /**
   * run a callback once the current task's own work is done, before the browser paints
   * (queueMicrotask): a kept result (nothing to coalesce: no worker answered) is drawn in the
   * frame of the input that asked for it, not a task and a frame later
   */
  soon?: (cb: () => void) => void;
  /** a timer for the drag's pause (setTimeout) */
  timer?: (cb: () => void, ms: number) => () => void;
  /** how far the newest request's full run has got (day of days), while its final charts are not shown yet */
  onProgress?: (p: { id: number; day: number; days: number }) => void;
  /**
   * the worker the page's script started early on the address's run (early.ts takeEarly): it
   * becomes the first worker, busy with that run until it says which request it runs; a request
   * of the same key takes the run over, and its own full run does not wait for a worker meanwhile
   */
  early?: Early | null;
  /**
   * workers made at once (1 or 2, default 2). The page makes one on load, whose first run needs
   * no second (a short full run, no preview: run's `preview`): the second would load and compile
   * the engine on the phone's other core while the page hydrates and draws its first charts
   * (Lighthouse's total blocking time). The second is made when a job finds the first busy, or
   * when the page calls fill(). An early worker counts as the first.
   */
  workers?: number;
}

const defaultFrame = (cb: () => void) => (typeof setTimeout === 'function' ? void setTimeout(cb, 0) : cb());
const defaultSoon = (cb: () => void) => (typeof queueMicrotask === 'function' ? queueMicrotask(cb) : cb());
const defaultTimer = (cb: () => void, ms: number) => {
  const t = setTimeout(cb, ms);
  return () => clearTimeout(t);
};

type Ok = RunOk | FamilyOk;

/**
 * Two workers and four kinds of job: file checks, coarse runs, full runs and runs computed ahead.
 * At most one coarse and one full run wait (the newest request's); an idle worker takes a file
 * check first, then the coarse run, then the full run, then a run ahead. So while one worker is
 * still busy with a run that a newer request made stale, the other runs the newer request's coarse
 * and then its full run.
 *
 * Final results are kept by what their request computes (requestKey, CACHE_SIZE of them): a request
 * whose result is kept is shown at once, final, with no run at all; a request whose full run is
 * already out on a worker (computed ahead, or asked for by an older request with the same key) takes
 * that run over rather than start another. The page names the runs worth computing ahead (prefetch:
 * a slider's neighbouring values while it has the keyboard); they go out one at a time while both
 * workers have nothing else to do (one stays free for a request not guessed), outside a drag, while
 * runs are short (PREFETCH_MAX_MS).
 */
export class ExplorerClient {
  private workers: Slot[];
  private waitingCoarse: WorkerIn | null = null;
  private waitingFull: WorkerIn | null = null;
  /** the newest request's full run, kept back while a drag holds */
  private heldFull: WorkerIn | null = null;
  private holding = false;
  /** the full run a drag's release (or pause) sent out of hold */
  private released: WorkerIn | null = null;
  private cancelPause: (() => void) | null = null;
  private cancelStill: (() => void) | null = null;
  private waitingParse: WorkerIn[] = [];
  /** runs to compute ahead, in order, while a worker has nothing else to do */
  private ahead: { key: string; req: RunRequest }[] = [];
  private cache = new Map<string, Ok>();
  /** a drag's previews kept (PREVIEWS_KEPT), and the one the page named to compute ahead */
  private previews = new Map<string, Ok>();
  private previewNext: { key: string; req: RunRequest } | null = null;
  private nextId = 1;
  /** the newest run request's id, and its key */
  private newest = 0;
  private newestKey = '';
  /** how long the newest request's final run took (ms), when it is known */
  private lastMs = Infinity;
  private shownId = 0;
  private shownFinal = true;
  /** what waits to be shown, if anything */
  private pending: Shown | null = null;
  private parsers = new Map<number, (o: ParseOutput) => void>();
  private readonly frame: (cb: () => void) => void;
  private readonly soon: (cb: () => void) => void;
  private readonly timer: (cb: () => void, ms: number) => () => void;
  private readonly onProgress: (p: { id: number; day: number; days: number }) => void;
  /** the warm spare (ready once its warm-up run has answered), and the newest request (to warm it with) */
  private spare: { slot: Slot; ready: boolean } | null = null;
  private lastReq: RunRequest | null = null;
  private requests = 0;
  private readonly make: Make;

  constructor(
    make: Make,
    private readonly onShow: (s: Shown) => void,
    options: ClientOptions = {},
  ) {
    this.onProgress = options.onProgress ?? (() => {});
    this.frame = options.frame ?? defaultFrame;
    this.soon = options.soon ?? defaultSoon;
    this.timer = options.timer ?? defaultTimer;
    this.make = make;
    const early = options.early && !options.early.failed ? options.early : null;
    if (options.early?.failed) options.early.worker.terminate();
    // one or two at once (options.workers); the early worker, if any, is the first
    const count = Math.min(WORKERS, Math.max(1, options.workers ?? WORKERS));
    this.workers = early ? [this.adoptEarly(early)] : [];
    while (this.workers.length < count) this.workers.push(this.spawn(make));
    // what the early worker said before this client took it, in order
    if (early) for (const m of early.messages) this.workers[0]!.worker.onmessage?.({ data: m } as MessageEvent<WorkerOut>);
  }

  /** the early worker's request is not known yet: a full run waits rather than go out on the other worker (it may be the same run) */
  private earlyPending = false;

  /** the worker started early, as the first slot: busy with a full run of a key it has not named yet */
  private adoptEarly(early: Early): Slot {
    this.earlyPending = true;
    const job: WorkerIn = { type: 'early', id: 0, search: '' };
    return this.adopt({ worker: early.worker, busy: true, job, run: { key: '', full: true, spec: true }, done: 0, make: this.make });
  }

  /** the early worker names its run (or none): a run of the newest request's key is that request's; another is a run ahead, kept if it ends */
  private earlyKnown(slot: Slot, key: string | null) {
    this.earlyPending = false;
    if (key === null || slot.job?.type !== 'early') {
      if (slot.job?.type === 'early') {
        slot.busy = false;
        slot.job = null;
        slot.run = null;
      }
      return this.dispatch();
    }
    slot.run = { key, full: true, spec: key !== this.newestKey };
    if (key === this.newestKey) {
      if (this.waitingFull?.id === -this.newest) this.waitingFull = null;
      if (this.heldFull?.id === -this.newest) this.heldFull = null;
    }
    this.dispatch();
  }

  /**
   * The workers made up to WORKERS (the page calls it once its first result is drawn); takes
   * waiting jobs at once. A worker made here goes first in the order idle workers take jobs (a
   * coarse run before a full run): the next request's short coarse run then goes to the new
   * worker, which has not yet run the engine (its first run is slower, not yet optimised), and its
   * full run to the worker that has.
   */
  fill(): void {
    while (this.workers.length < WORKERS) this.workers.unshift(this.spawn(this.make));
    this.dispatch();
  }

  /** how many workers there are (for tests) */
  get size(): number {
    return this.workers.length;
  }

  /**
   * Make the spare if there is none and the reader has changed something: a worker warmed by a
   * coarse run of the newest request (when it runs coarse: a model of the family runs in full, so
   * its spare is only loaded), kept apart until replaceStale takes it.
   */
  private makeSpare() {
    if (this.spare || this.requests < 2 || !this.lastReq) return;
    const worker = this.make();
    const slot: Slot = { worker, busy: false, job: null, run: null, done: 0, make: this.make };
    const spare = { slot, ready: false };
    this.spare = spare;
    let warming = SPARE_WARM_RUNS;
    worker.onmessage = (e: MessageEvent<WorkerOut>) => {
      if (e.data.type !== 'progress' && --warming <= 0) spare.ready = true;
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      // a spare that fails is dropped; the next idle moment makes another
      worker.terminate();
      if (this.spare === spare) this.spare = null;
    };
    const req = this.lastReq;
    if (!runsCoarse(req.scenario, req.pinned?.scenario ?? null)) spare.ready = true;
    else for (let i = 0; i < SPARE_WARM_RUNS; i++) worker.postMessage({ type: 'run', id: 0, req: { ...req, coarseBuyers: SPARE_WARM_BUYERS } } satisfies WorkerIn);
  }

  /** the warm spare as a worker slot of its own (answering its jobs), or a fresh worker when none is ready */
  private takeSpare(make: Make): Slot {
    const spare = this.spare;
    if (!spare?.ready) return this.spawn(make);
    this.spare = null;
    this.sparesUsed += 1;
    spare.slot.worker.onmessage = null;
    spare.slot.worker.onerror = null;
    return this.adopt(spare.slot);
  }

  /** how many times a warm spare took the place of a worker stopped in a stale run (for tests) */
  sparesUsed = 0;

  /** A worker in a slot of its own, answering its jobs. */
  private spawn(make: Make): Slot {
    return this.adopt({ worker: make(), busy: false, job: null, run: null, done: 0, make });
  }

  /** a slot's worker answers its jobs through this client */
  private adopt(slot: Slot): Slot {
    const worker = slot.worker;
    worker.onmessage = (e: MessageEvent<WorkerOut>) => {
      if (e.data.type === 'early') return this.earlyKnown(slot, e.data.key);
      // a run's progress is not its answer: the worker is still busy with it
      if (e.data.type === 'progress') {
        if (slot.job && (slot.job.type === 'run' || slot.job.type === 'early') && slot.job.id === e.data.id) slot.done = e.data.day / e.data.days;
        return this.progressOf(slot, e.data);
      }
      const run = slot.run;
      slot.busy = false;
      slot.job = null;
      slot.run = null;
      this.answer(e.data, run);
      this.dispatch();
    };
    // a worker that fails outside the run's own checks (out of memory on a very large run, say)
    // answers its job with the failure, so that the page says so and the worker takes the next job
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      const job = slot.job;
      const run = slot.run;
      if (job?.type === 'early') this.earlyPending = false;
      slot.busy = false;
      slot.job = null;
      slot.run = null;
      if (job && job.type !== 'task') this.answer({ type: 'error', id: job.id, message: e.message || 'the run failed in its worker' }, run);
      this.dispatch();
    };
    return slot;
  }

  /**
   * A full run is waiting and no worker is free: a worker still busy with the full run of an older
   * request (or one computed ahead), far from its end, is stopped and replaced by a fresh one, which
   * takes the waiting run at once. A worker cannot be told to stop a run half-way (it reads no
   * message until the run is over, and a flag in shared memory needs cross-origin isolation, which a
   * static site cannot ask for), and a fresh worker costs less than the rest of a long stale run. A
   * run that has not yet reported progress (under PROGRESS_MS in) or is more than STALE_KEEP done finishes.
   */
  private replaceStale(): boolean {
    if (!this.waitingFull) return false;
    // in a drag the full run waits beside a stale one even with a worker free (that worker is the previews': assign)
    const free = this.workers.some((w) => !w.busy);
    if (free && !this.holding) return false;
    const stale = this.workers.find((w) => w.run?.full && w.run.key !== this.newestKey && w.done > 0 && w.done < STALE_KEEP);
    // ... and only a warm spare takes the stale run's place then (a fresh worker would load the engine and run it cold)
    if (!stale || (free && !this.spare?.ready)) return false;
    this.replace(stale);
    return true;
  }

  /** stop a worker's run: the worker goes, the warm spare (or a fresh worker) takes its place */
  private replace(slot: Slot) {
    slot.worker.onmessage = null;
    slot.worker.onerror = null;
    slot.worker.terminate();
    this.workers[this.workers.indexOf(slot)] = this.takeSpare(slot.make);
    this.replaced += 1;
  }

  /** how many stale runs were stopped by replacing their worker (for tests) */
  replaced = 0;

  /** the worker busy with the full run of a key, if any */
  private fullOut(key: string): Slot | undefined {
    return this.workers.find((w) => w.busy && w.run?.full && w.run.key === key);
  }

  /** the worker busy with a preview (coarse run) of a key, if any */
  private previewOut(key: string): Slot | undefined {
    return this.workers.find((w) => w.busy && w.run && !w.run.full && w.run.key === key);
  }

  /**
   * Run a scenario: coarse first (drawn at once) when it is large enough, then the full run; a kept
   * result is shown at once instead, and a full run of the same request already out is taken over.
   * With `preview: false` the coarse run is left out: the page's first request on load, when its
   * first charts wait for the final run anyway (Explorer.svelte firstWait). Returns the request id.
   */
  run(req: RunRequest, { preview = true }: { preview?: boolean } = {}): number {
    const id = this.nextId++;
    const key = requestKey(req);
    this.requests += 1;
    this.lastReq = req;
    this.newest = id;
    this.newestKey = key;
    // the runs named to compute ahead were guesses from the state before this request: the page names new ones
    this.ahead = [];
    const kept = this.cache.get(key);
    if (kept) {
      // shown at once, final: nothing of an older request needs to run any more
      this.cache.delete(key);
      this.cache.set(key, kept);
      this.waitingCoarse = this.waitingFull = this.heldFull = null;
      this.cancelPause?.();
      this.cancelPause = null;
      this.show({ ...kept, id, final: true }, true);
      this.dispatch();
      return id;
    }
    const out = this.fullOut(key);
    if (out?.run) out.run.spec = false;
    // the full run, unless one with this key is out already (its answer is this request's)
    const full: WorkerIn | null = out ? null : { type: 'run', id: -id, req: { ...req, coarseBuyers: 0 } };
    this.previewNext = null;
    if (preview && runsCoarse(req.scenario, req.pinned?.scenario ?? null)) {
      // a drag's preview computed ahead: drawn at once (kept), or its run out already taken over
      const keptPreview = this.holding ? this.previews.get(key) : undefined;
      const previewOut = this.holding && !keptPreview ? this.previewOut(key) : undefined;
      if (previewOut?.run) previewOut.run.spec = false;
      this.waitingCoarse = keptPreview || previewOut ? null : { type: 'run', id, req: { ...req, coarseBuyers: PREVIEW_BUYERS } };
      if (keptPreview) this.show({ ...keptPreview, id, final: false }, true);
      if (this.holding) {
        this.heldFull = full;
        this.waitingFull = null;
        this.cancelPause?.();
        this.cancelPause = full ? this.timer(() => this.releaseHeld(), DRAG_PAUSE) : null;
      } else this.waitingFull = full;
    } else {
      // one run, in full: nothing coarse to show first (and nothing to hold back)
      this.waitingCoarse = null;
      this.heldFull = null;
      this.waitingFull = full;
    }
    this.dispatch();
    if (this.holding && this.heldFull === full && full?.type === 'run') this.getReady(key, full.req);
    return id;
  }

  /**
   * During a drag, the workers not busy (not computing its preview) are told to get ready for the
   * newest value's full run (ReadyMessage: its order amounts and big buffers, prepare.ts), once a
   * value. The release's full run goes to the first free worker, often not the one that computed the
   * previews (that one is still busy with the last of them), and a worker that had seen nothing of
   * the drag got ready only for its own last full run (twice its size): a drag from the default 100
   * a day to 300 found it without the buffers of the released year and without its amounts drawn
   * (buffers.ts: a year of 300 buyers a day faults in about 14,500 pages, 30-45 ms of system time
   * and as much again in the run's first writes; prepare.ts: the amounts about 90 ns an order).
   */
  private getReady(key: string, req: RunRequest) {
    for (const w of this.workers) {
      if (w.busy || w.ready === key) continue;
      w.ready = key;
      w.worker.postMessage({ type: 'ready', id: 0, req } satisfies WorkerIn);
    }
  }

  /**
   * Runs worth computing ahead, most likely first (the page's guess at the next requests: a focused
   * slider's neighbouring values). Replaces the list given before; those kept or already out are
   * left out. They go out one at a time, only while both workers have nothing else to do, outside a
   * drag, and only while the newest final run took at most PREFETCH_MAX_MS.
   */
  prefetch(reqs: RunRequest[]): void {
    this.ahead = reqs.map((req) => ({ key: requestKey(req), req })).filter((a) => !this.cache.has(a.key) && a.key !== this.newestKey);
    this.dispatch();
  }

  /**
   * During a drag, the request the page expects next (the dragged slider one step further in the
   * drag's direction): its preview goes out on a worker the newest request's own preview does not
   * need, is kept, and is drawn at once if the pointer gets there (run). Replaced by the next call;
   * forgotten at each new request (the page names the next one) and when the drag ends. Nothing is
   * computed ahead outside a drag, nor when that request runs in full only (no preview).
   */
  previewAhead(req: RunRequest | null): void {
    const key = req ? requestKey(req) : '';
    this.previewNext =
      req && this.holding && key !== this.newestKey && !this.previews.has(key) && !this.previewOut(key) && !this.cache.has(key) && runsCoarse(req.scenario, req.pinned?.scenario ?? null) ? { key, req } : null;
    this.dispatch();
  }

  /**
   * A drag of a slider starts (true) or ends (false). While it lasts, full runs are kept back and
   * coarse runs go out one at a time (the newest request's waits for
   * the one before to answer); at its end, or when it pauses for DRAG_PAUSE, the newest request's
   * full run goes out.
   */
  hold(on: boolean): void {
    this.holding = on;
    this.previewNext = null;
    if (!on) this.previews.clear();
    if (on) {
      // a new drag tells each worker again (getReady): what it got ready for in an earlier drag
      // may have gone since (an idle worker lets its buffers and amounts go: worker.ts)
      for (const w of this.workers) w.ready = undefined;
      // a run computed ahead would take a core from the drag's coarse runs for its whole length:
      // stopped, when a warm spare can take its worker's place at once
      const ahead = this.workers.find((w) => w.run?.spec && w.run.full && w.run.key !== this.newestKey);
      if (ahead && this.spare?.ready) this.replace(ahead);
      return;
    }
    this.releaseHeld();
    // a coarse run kept back by the drag's one-at-a-time goes out now, if a worker is free
    this.dispatch();
  }

  /**
   * The pointer moved in a drag (the page calls it on each move): once it has been still for
   * DRAG_STILL, the newest request's full run goes out, as at a pause (DRAG_PAUSE).
   */
  moved(): void {
    if (!this.holding) return;
    this.cancelStill?.();
    this.cancelStill = this.timer(() => {
      this.cancelStill = null;
      this.releaseHeld();
    }, DRAG_STILL);
  }

  private releaseHeld() {
    this.cancelPause?.();
    this.cancelPause = null;
    this.cancelStill?.();
    this.cancelStill = null;
    if (!this.heldFull) return;
    this.waitingFull = this.released = this.heldFull;
    this.heldFull = null;
    this.dispatch();
  }

  /** Validate a scenario file's text with the engine's messages. */
  parse(text: string): Promise<ParseOutput> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.parsers.set(id, resolve);
      this.waitingParse.push({ type: 'parse', id, text });
      this.dispatch();
    });
  }

  private dispatch() {
    this.assign();
    // a job waiting with every worker busy: the second worker, when it is not made yet
    if (this.workers.length < WORKERS && (this.waitingParse.length > 0 || this.waitingCoarse || this.waitingFull)) {
      this.workers.push(this.spawn(this.make));
      this.assign();
    }
    // a full run still waiting with every worker busy: a stale long run may make way for it
    if (this.replaceStale()) this.assign();
  }

  /** a coarse run is out on a worker (not a preview computed ahead: one of those does not hold back the newest request's own) */
  private coarseOut(): boolean {
    return this.workers.some((w) => w.busy && w.run !== null && !w.run.full && !w.run.spec);
  }

  /**
   * The next run to compute ahead, if one may go out now: one at a time, and only while the other
   * worker is free too, so that a request the page did not guess (a drag's start, another field)
   * always finds a worker free for its coarse run.
   */
  private nextAhead(): { key: string; req: RunRequest } | undefined {
    if (this.holding || this.heldFull || this.waitingCoarse || this.waitingFull || this.lastMs > PREFETCH_MAX_MS) return undefined;
    if (this.workers.length < WORKERS || this.workers.some((w) => w.busy)) return undefined;
    while (this.ahead.length > 0) {
      const a = this.ahead.shift()!;
      if (!this.cache.has(a.key) && !this.fullOut(a.key)) return a;
    }
    return undefined;
  }

  private assign() {
    for (const w of this.workers) {
      if (w.busy) continue;
      // during a drag, one coarse run at a time: the other worker is kept for the full run. The
      // full run a drag released goes out before a waiting coarse run when a coarse run is
      // already out (that worker is soon free for it): the release starts its full run at once
      const busyCoarse = this.coarseOut();
      const coarse = this.holding && busyCoarse ? null : this.waitingCoarse;
      // while the early worker has not named its run, the full run waits (it may be that run)
      // during a drag a full run (a pause's) goes out only where no other worker has one: a stale
      // full run on one and this one on the other would leave the drag's previews no worker
      const full = this.earlyPending || (this.holding && this.workers.some((x) => x !== w && x.busy && x.run?.full)) ? null : this.waitingFull;
      const fullFirst = busyCoarse && full !== null && full === this.released;
      let job = this.waitingParse.shift() ?? (fullFirst ? full : (coarse ?? full));
      let spec = false;
      if (!job && this.previewNext && this.holding && !this.coarseOut()) {
        // a drag's next value, computed ahead once the newest request's own preview is in (not
        // beside it: the two would share the cores while the page draws)
        job = { type: 'run', id: 0, req: { ...this.previewNext.req, coarseBuyers: PREVIEW_BUYERS } };
        this.previewNext = null;
        spec = true;
      }
      if (!job) {
        const a = this.nextAhead();
        if (!a) return;
        job = { type: 'run', id: 0, req: { ...a.req, coarseBuyers: 0 } };
        spec = true;
      }
      if (job === this.waitingCoarse) this.waitingCoarse = null;
      else if (job === this.waitingFull) this.waitingFull = null;
      w.busy = true;
      w.job = job;
      w.run = job.type === 'run' ? { key: requestKey(job.req), full: job.id < 0 || (spec && !job.req.coarseBuyers), spec } : null;
      w.done = 0;
      w.worker.postMessage(job);
    }
  }

  /** a full run's progress, passed on while it is the newest request's and its final charts are not shown */
  private progressOf(slot: Slot, m: ProgressMessage) {
    if (!slot.run?.full || slot.run.key !== this.newestKey || (this.newest === this.shownId && this.shownFinal)) return;
    this.onProgress({ id: this.newest, day: m.day, days: m.days });
  }

  private answer(m: WorkerOut, run: RunJob | null) {
    if (m.type === 'parse') {
      this.parsers.get(m.id)?.(m.out);
      this.parsers.delete(m.id);
      return;
    }
    if (m.type === 'early') return;
    // the newest request's answer, whichever job computed it (its own, or a run it took over)
    const id = run && run.key === this.newestKey ? this.newest : Math.abs(m.id);
    if (m.type === 'error') {
      const parser = this.parsers.get(m.id);
      if (parser) {
        parser({ ok: false, problems: [{ path: '', message: m.message }] });
        this.parsers.delete(m.id);
      } else if (!run?.spec || id === this.newest) this.show({ ok: false, id, problems: [{ path: '', message: m.message }] });
      return;
    }
    if (m.type !== 'run') return;
    const final = !!run?.full || (m.out.ok && m.out.coarse === 1);
    if (final && m.out.ok && run) keepNewest(this.cache, run.key, m.out, CACHE_SIZE);
    // a drag's preview is kept while the drag lasts (one computed ahead waits here for the pointer)
    else if (m.out.ok && run && this.holding) keepNewest(this.previews, run.key, m.out, PREVIEWS_KEPT);
    // a run computed ahead that no request has asked for yet is only kept
    if (run?.spec && id !== this.newest) return;
    // a small scenario's coarse run was the full run: the waiting full run is not needed
    if (final && m.id > 0) {
      if (this.waitingFull?.id === -id) this.waitingFull = null;
      if (this.heldFull?.id === -id) this.heldFull = null;
    }
    if (!m.out.ok) {
      // both runs of a request report the same problems; show them once
      if (id > this.shownId) this.show({ ok: false, id, problems: m.out.problems });
      return;
    }
    // a drag's preview goes to the page in the answer's own task: one preview is out at a time
    // (nothing queues behind it to coalesce), and a task more can miss the frame it arrived for
    this.show({ ...m.out, id, final }, this.holding && !final);
  }


  /** hand what is shown to the page: in a task after the answers already queued (frame), or, for a kept result or a drag's preview (`now`), as soon as the current task is done (soon) */
  private show(s: Shown, now = false) {
    const final = s.ok ? s.final : true;
    // newer always wins; the same request may go from coarse to final, never back
    if (s.id < this.shownId || (s.id === this.shownId && (this.shownFinal || !final))) return;
    this.shownId = s.id;
    this.shownFinal = final;
    if (final && s.id === this.newest) {
      // the newest request final (a run it took over, say): its runs that still wait are not needed
      if (this.waitingCoarse?.id === s.id) this.waitingCoarse = null;
      if (this.waitingFull?.id === -s.id) this.waitingFull = null;
      if (this.heldFull?.id === -s.id) this.heldFull = null;
    }
    if (s.ok && final && s.id === this.newest) {
      this.lastMs = s.ms;
      this.makeSpare();
    }
    // once a task: what arrives before it replaces what waited for it
    const asked = this.pending !== null;
    this.pending = s;
    if (now) this.soon(() => this.flush());
    else if (!asked) this.frame(() => this.flush());
  }

  /** what waits to be shown, if anything, to the page (once: a later flush finds nothing) */
  private flush() {
    const p = this.pending;
    this.pending = null;
    if (p) this.onShow(p);
  }

  close() {
    this.cancelPause?.();
    this.cancelStill?.();
    for (const w of this.workers) w.worker.terminate();
    this.spare?.slot.worker.terminate();
    this.spare = null;
  }
}

/** A Web Worker as the engine's WorkerPool drives it (src/engine/batch/pool.ts). */
export function webWorker(make: Make): PoolWorker {
  const w = make();
  return {
    post: (m) => w.postMessage(m),
    listen(onReply, onFail) {
      w.onmessage = (e: MessageEvent<WorkerOut>) => {
        if (e.data.type === 'task') onReply(e.data);
      };
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        onFail(new Error(e.message || 'a worker failed'));
      };
      return () => {
        w.onmessage = null;
        w.onerror = null;
      };
    },
    terminate: () => w.terminate(),
  };
}

/** The engine's worker pool on Web Workers: sweeps and Monte Carlo, planned and combined in a worker too. */
export const webWorkerPool = (make: Make, size: number): WorkerPool => new WorkerPool(() => webWorker(make), size);
