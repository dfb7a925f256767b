/**
 * What the explorer's worker does while it has no message: it prepares the next full runs. The order
 * amounts of a run do not depend on the buyers a day, the model or its parameters when nothing but
 * the amounts draws from the flow's stream (the engine's amount cache, flow/amounts.ts: keyed by
 * seed and amount rule, the k-th amount the same whatever the run), so after a full run the worker
 * draws that seed's and rule's amounts ahead, for PREPARE_AHEAD times that run's orders (within the
 * cache's bound, run.ts KEEP_AMOUNTS), in chunks of at most PREPARE_CHUNK_MS that each yield to the
 * worker's messages (a message is answered between two chunks, never after more than one). The next
 * full run of up to that many buyers then reads its amounts instead of drawing them.
 *
 * Why after a full run, and for more than the newest request's own size: during a
 * drag the page sends its previews (coarse runs) to one worker, one at a time, and keeps the other
 * free for the released value's full run (client.ts), so the worker that runs the release may have
 * seen no run of the drag (in a trace of bench/explorer-release.ts's drags it ran no task from
 * the pointer's press to its release); what it knows is the full run before the drag, and what the
 * page tells it: the newest value's full run to get ready for (protocol.ts ReadyMessage, aimed as a
 * preview's own full run is, `aim(req, 1)`). The release
 * goes to the first free worker, though, often the one that ran the previews, and that one may never
 * have run a full run (on key presses the page runs the preview on one worker and the full run on
 * the other): so a preview prepares too, its own full run's amounts, but only when the preview
 * before it had the same seed and order amounts (a drag of the buyers slider). A preview of other
 * amounts stops the preparation: a drag of the amounts' own slider would prepare for a rule every
 * preview, on the cores the page's redraws need, each one stale at the next. A worker's first run
 * (the page's on load, early or not) is not followed by a preparation: the page is loading on the
 * same cores (Lighthouse's score judges that load).
 *
 * Then, with the amounts drawn, it gets the big buffers of the same full run ready in the worker's
 * BufferPool (the engine's seedRunBuffers: the seed's records and active list; BufferPool.ready
 * makes what the kept buffers cannot serve, twice the size where the pool's bound allows, and
 * faults in its pages a chunk at a time): the released value of a drag is a run larger than any
 * before it, which took a fresh buffer for each and faulted in every page as it went (a drag of the
 * buyers slider to 300 a day, bench/explorer-release.ts, 5 interleaved drags: the final run's
 * thread time 262 -> 216 ms, release -> last chart change 300 -> 255 ms, medians). Twice the size,
 * so that a drag's previews make them again only each time the value doubles.
 *
 * Pure TypeScript over the engine, with the scheduling given (worker.ts: a MessageChannel, which
 * does not clamp as nested setTimeout(0) does), so that node tests drive it chunk by chunk.
 */
import { familyOrderFlow, isFamily, seedOrderFlow, seedRunBuffers, type OrderFlow } from '../engine/index.ts';
import { validateFlow, type RunRequest } from './run.ts';

/**
 * The most a chunk works before it yields (ms). Small: on two cores a drag keeps the page's main
 * thread and the worker computing its previews busy, so a chunk of the other worker takes a core
 * from one of them; one step of PREPARE_STEP amounts takes about 0.4 ms.
 */
export const PREPARE_CHUNK_MS = 3;

/** amounts drawn between two looks at the clock */
export const PREPARE_STEP = 4096;

/**
 * How far ahead, in the last full run's orders: a drag of the buyers slider from the default 100 a
 * day to 400 reads every amount. Not the cache's whole bound (the default year to the slider's end,
 * 4 Mi amounts, about 360 ms of drawing in node): drawn just after a full run, that ran on into the
 * next drag on both workers at once (the judged drag starts as soon as the charts are quiet), on the
 * cores the page's redraws need. A run past it draws the rest itself.
 */
export const PREPARE_AHEAD = 4;

/** a request's seed and order amounts as it gives them (not validated: two previews of one page compared) */
const amountsOf = (req: RunRequest): string => {
  const f = (req.scenario as { flow?: { seed?: unknown; orderAmount?: unknown } } | null)?.flow;
  return JSON.stringify([f?.seed ?? null, f?.orderAmount ?? null]);
};

/** pages of a buffer faulted in between two looks at the clock (1 MB) */
export const PREPARE_PAGES = 256;

/** what gets a run's big buffers ready (the engine's BufferPool.ready) */
export interface BuffersReady {
  ready(sizes: readonly number[], pages: number): boolean;
}

export class Preparer {
  /** the newest request seen, not yet looked at (its order flow is made in the first chunk) */
  private aimed: RunRequest | null = null;
  /** the order flow of the full run being prepared for */
  private flow: OrderFlow | null = null;
  /** the big buffers (bytes) the full run being prepared for will take, once its amounts are drawn; null: none to get ready */
  private sizes: number[] | null = null;
  private scheduled = false;
  /** chunks worked so far (for tests and measurements) */
  chunks = 0;

  constructor(
    /** run `step` once the worker's queued messages have been answered (worker.ts: a MessageChannel message to itself) */
    private readonly schedule: (step: () => void) => void,
    private readonly now: () => number = () => performance.now(),
    /** the worker's buffer pool, whose buffers for the full run it gets ready after its amounts (null: none) */
    private readonly buffers: BuffersReady | null = null,
  ) {}

  /** a full run answered: from now on the preparation is for its seed's and amount rule's amounts, `ahead` (PREPARE_AHEAD) times its orders */
  aim(req: RunRequest, ahead = PREPARE_AHEAD): void {
    this.aimed = req;
    this.ahead = ahead;
    this.flow = null;
    this.kick();
  }
  private ahead = PREPARE_AHEAD;

  /**
   * a preview answered (a coarse run: a drag or a key press is under way): the preparation stops,
   * unless the preview before it had the same seed and order amounts (the slider moved leaves the
   * amounts alone, as the buyers slider does), and then it is for the amounts of the preview's own
   * full run, no further: during a drag each preview draws only what its value adds to the one
   * before (drawn to PREPARE_AHEAD times, a drag from 100 to 300 a day drew 2.5 million amounts in
   * 81 chunks on the previews' worker, a core the page's redraws wanted)
   */
  preview(req: RunRequest): void {
    const amounts = amountsOf(req);
    const same = amounts === this.lastPreview;
    this.lastPreview = amounts;
    if (same) this.aim(req, 1);
    else this.stop();
  }
  private lastPreview: string | null = null;

  /** nothing more to prepare (the worker idle for long lets what it keeps go) */
  stop(): void {
    this.aimed = null;
    this.flow = null;
    this.sizes = null;
  }

  /** is there preparation left? */
  get busy(): boolean {
    return this.aimed !== null || this.flow !== null || this.sizes !== null;
  }

  private kick(): void {
    if (this.scheduled || !this.busy) return;
    this.scheduled = true;
    this.schedule(() => this.step());
  }

  /** one chunk: at most PREPARE_CHUNK_MS of drawing ahead, then another chunk scheduled if there is more */
  step(): void {
    this.scheduled = false;
    if (!this.busy) return;
    this.chunks++;
    const end = this.now() + PREPARE_CHUNK_MS;
    if (this.aimed !== null) {
      const req = this.aimed;
      const v = validateFlow(req.scenario);
      this.aimed = null;
      // the order flow as the request's full run makes it (the seed's loop or the family's: each says whether it draws from the stream)
      this.flow = v.ok ? (isFamily(v.scenario) ? familyOrderFlow(v.scenario.flow) : seedOrderFlow(v.scenario.flow)) : null;
      // and the big buffers of its fast book (the seed's model on floats; a model of the family or an exact run takes none)
      this.sizes = v.ok && this.buffers !== null && !isFamily(v.scenario) && req.exact !== true ? seedRunBuffers(v.scenario) : null;
    }
    const flow = this.flow;
    if (flow !== null) {
      let done = false;
      do done = flow.prepareAmounts(PREPARE_STEP, this.ahead);
      while (!done && this.now() < end);
      if (done) this.flow = null;
    }
    // then the buffers, in what is left of the chunk (or the next): a run of a larger size than any
    // before it no longer faults in its pages (the released value of a drag of the buyers slider)
    const sizes = this.sizes;
    if (this.flow === null && sizes !== null && this.buffers !== null) {
      let done = false;
      while (!done && this.now() < end) done = this.buffers.ready(sizes, PREPARE_PAGES);
      if (done) this.sizes = null;
    }
    this.kick();
  }
}
