/**
 * The page's side of the workers. Two workers answer the sliders: a coarse version of each
 * scenario is run first (fast, drawn at once), then the full one. Each worker gets one message at
 * a time; only the newest request's runs wait, replacing older ones, and an answer older than what
 * is shown is dropped. So the newest request always wins, nothing queues up behind a drag, and the
 * main thread only receives results.
 *
 * Sweeps and Monte Carlo go to the engine's WorkerPool on Web Workers (one per core, at most 4),
 * through its TaskRunner interface; the engine's sweepVia and monteCarloVia send planning and
 * combining to a worker too, so the page never loads the engine itself.
 */
import type { FamilyOk, RunOk, RunRequest } from './run.ts';
import type { ParseOutput, WorkerIn, WorkerOut } from './protocol.ts';
import { WorkerPool, type PoolWorker, type Problem } from '../engine/index.ts';

export type Shown = ((RunOk | FamilyOk) & { id: number; final: boolean }) | { ok: false; id: number; problems: Problem[] };

type Make = () => Worker;

/** Buyers in a coarse run at most: about 20 ms of engine time. */
export const COARSE_BUYERS = 40_000;

/**
 * Two workers and three kinds of job: file checks, coarse runs and full runs. At most one coarse
 * and one full run wait (the newest request's); an idle worker takes a file check first, then the
 * coarse run, then the full run. So while one worker is still busy with a run that a newer request
 * made stale, the other runs the newer request's coarse and then its full run.
 */
export class ExplorerClient {
  private workers: { worker: Worker; busy: boolean }[];
  private waitingCoarse: WorkerIn | null = null;
  private waitingFull: WorkerIn | null = null;
  private waitingParse: WorkerIn[] = [];
  private nextId = 1;
  private shownId = 0;
  private shownFinal = true;
  private parsers = new Map<number, (o: ParseOutput) => void>();

  constructor(
    make: Make,
    private readonly onShow: (s: Shown) => void,
  ) {
    this.workers = [make(), make()].map((worker) => {
      const slot = { worker, busy: false };
      worker.onmessage = (e: MessageEvent<WorkerOut>) => {
        slot.busy = false;
        this.answer(e.data);
        this.dispatch();
      };
      return slot;
    });
  }

  /** Run a scenario: coarse first (drawn at once), then the full run. Returns the request id. */
  run(req: RunRequest): number {
    const id = this.nextId++;
    this.waitingCoarse = { type: 'run', id, req: { ...req, coarseBuyers: COARSE_BUYERS } };
    this.waitingFull = { type: 'run', id: -id, req: { ...req, coarseBuyers: 0 } };
    this.dispatch();
    return id;
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
    for (const w of this.workers) {
      if (w.busy) continue;
      const job = this.waitingParse.shift() ?? this.waitingCoarse ?? this.waitingFull;
      if (!job) return;
      if (job === this.waitingCoarse) this.waitingCoarse = null;
      else if (job === this.waitingFull) this.waitingFull = null;
      w.busy = true;
      w.worker.postMessage(job);
    }
  }

  private answer(m: WorkerOut) {
    if (m.type === 'parse') {
      this.parsers.get(m.id)?.(m.out);
      this.parsers.delete(m.id);
      return;
    }
    if (m.type === 'error') {
      const parser = this.parsers.get(m.id);
      if (parser) {
        parser({ ok: false, problems: [{ path: '', message: m.message }] });
        this.parsers.delete(m.id);
      } else this.show({ ok: false, id: Math.abs(m.id), problems: [{ path: '', message: m.message }] });
      return;
    }
    if (m.type !== 'run') return;
    const final = m.id < 0 || (m.out.ok && m.out.coarse === 1);
    const id = Math.abs(m.id);
    // a small scenario's coarse run was the full run: the waiting full run is not needed
    if (final && m.id > 0 && this.waitingFull?.id === -id) this.waitingFull = null;
    if (!m.out.ok) {
      // both runs of a request report the same problems; show them once
      if (id > this.shownId) this.show({ ok: false, id, problems: m.out.problems });
      return;
    }
    this.show({ ...m.out, id, final });
  }

  private show(s: Shown) {
    const final = s.ok ? s.final : true;
    // newer always wins; the same request may go from coarse to final, never back
    if (s.id < this.shownId || (s.id === this.shownId && (this.shownFinal || !final))) return;
    this.shownId = s.id;
    this.shownFinal = final;
    this.onShow(s);
  }

  close() {
    for (const w of this.workers) w.worker.terminate();
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
