/**
 * The node worker threads of the task pool (pool.ts), and their early start. Node only, and none of
 * the engine: a command's entry (bin/sweep.ts, bin/simulate.ts with --seeds) imports this first and
 * starts the threads it will need before it loads the engine, so that each thread starts up (a
 * fresh isolate, the worker's modules) while the command loads, reads and checks its input, rather
 * than after. The pool takes the started threads over (`thread`); any it does not need, or all of
 * them when the input is refused, never hold the process open (they are unref'd until taken) and
 * are stopped with the pool (`stopSpares`).
 *
 * The worker's script, built or under tsx: thread-script.ts.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { flagValue } from './flags.ts';
import { threadScript } from './thread-script.ts';

/**
 * V8 flags for the worker threads. A thread's execArgv refuses V8 options, so they are set for the
 * process just before its first thread starts: V8 reads them as each new thread's isolate starts
 * (this thread's is already running and keeps its own). --no-concurrent-recompilation: a thread
 * optimises its hot functions itself rather than handing them to V8's background compiler
 * threads. With a thread a core the runs keep every core busy, so those threads only took turns
 * with the runs, and each run went on in slower code until its optimised code came back: 100
 * Monte Carlo seeds of the 100,000-order year took about 12% less CPU, all threads (built command,
 * 3 interleaved pairs under load: user + sys 4.54/4.34/4.48 s before, 3.92/3.78/3.97 s after),
 * outputs of simulate --seeds and sweep byte-identical.
 * Only flags that V8 reads when an isolate starts belong here: the heap's (--single-threaded-gc)
 * crash a process whose heap is already running.
 */
export const THREAD_V8_FLAGS = '--no-concurrent-recompilation';
let flagsSet = false;

/** a new worker thread (the V8 flags set first, once) */
function newThread(): Worker {
  if (!flagsSet) {
    setFlagsFromString(THREAD_V8_FLAGS);
    flagsSet = true;
  }
  const { url, execArgv } = threadScript('pool-worker');
  return new Worker(url, { execArgv });
}

/** worker threads when --workers does not say: every core */
export const defaultPoolSize = (): number => Math.max(1, availableParallelism());
/** the most worker threads --workers allows */
export const MAX_WORKERS = 256;

/** a thread started early, and what went wrong with it before the pool took it (an error, or its end) */
interface Spare {
  worker: Worker;
  failed: Error | null;
  /** stop hearing it (the pool listens from then on) */
  off: () => void;
}
const spares: Spare[] = [];

/** Start worker threads now, up to n in all waiting to be taken. */
export function startThreads(n: number): void {
  while (spares.length < n) {
    const worker = newThread();
    const spare: Spare = { worker, failed: null, off: () => worker.off('error', onError).off('exit', onExit) };
    const onError = (e: Error) => (spare.failed ??= e);
    const onExit = (code: number) => (spare.failed ??= new Error(`a worker stopped (exit code ${code}) before it was given a task`));
    worker.on('error', onError).on('exit', onExit).unref();
    spares.push(spare);
  }
}

/** A worker thread for the pool: one started early if any is waiting, else a new one; with what went wrong with it while it waited. */
export function thread(): { worker: Worker; failed: Error | null } {
  const spare = spares.shift();
  if (!spare) return { worker: newThread(), failed: null };
  spare.off();
  spare.worker.ref();
  return { worker: spare.worker, failed: spare.failed };
}

/** Stop the threads started early that no pool took. */
export function stopSpares(): Promise<unknown> {
  return Promise.all(spares.splice(0).map((s) => s.worker.terminate()));
}

/**
 * The worker threads to start early for a command line, read before the command loads: --workers
 * N (or --workers=N) when it is a whole number from 1 to MAX_WORKERS, else every core; at most
 * --seeds N when that is a whole number; and at most one a core (threads beyond the cores would
 * only wait for one, and a small sweep may need fewer: the pool starts the rest when it needs
 * them). A guess only: the command checks its arguments itself, and the pool starts or stops
 * threads to match what it needs.
 */
export function threadsFor(argv: readonly string[]): number {
  const value = (flag: string): number | null => {
    const v = flagValue(argv, flag);
    return v !== undefined && /^\d+$/.test(v) && Number(v) >= 1 ? Number(v) : null;
  };
  const workers = value('--workers');
  const cores = defaultPoolSize();
  const n = Math.min(cores, workers !== null && workers <= MAX_WORKERS ? workers : cores);
  const seeds = value('--seeds');
  return seeds === null ? n : Math.min(n, seeds);
}
