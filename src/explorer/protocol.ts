/** Messages between the explorer page and its workers. */
import type { Problem, TaskMessage, TaskReply } from '../engine/index.ts';
import type { ExplorerOutput, RunRequest } from './run.ts';

/**
 * early: the run the page's address asks for, started by the page's own script before the island
 * hydrates (early.ts): the worker reads the address as the island will (first-run.ts), says which
 * request it runs (EarlyMessage: its key, or null when there is none worth starting early), then runs it in full as a run of id 0.
 */
export type EarlyStart = { type: 'early'; id: 0; search: string; deviceMemory?: number };

/**
 * ready: get ready for a full run that may come (its order amounts drawn and its big buffers faulted
 * in, prepare.ts) without running it, and without an answer: during a drag the page tells the
 * workers that are not computing its previews, so that the release's full run finds any of them ready
 * (id 0: not a job, nothing answers it)
 */
export type ReadyMessage = { type: 'ready'; id: 0; req: RunRequest };

export type WorkerIn = { type: 'run'; id: number; req: RunRequest } | { type: 'parse'; id: number; text: string } | ReadyMessage | EarlyStart | TaskMessage;

/** the worker's answer to an early start, before its run: the request's key (requestKey), or null: no run */
export type EarlyMessage = { type: 'early'; key: string | null };

export type ParseOutput = { ok: true; scenario: Record<string, unknown> } | { ok: false; problems: Problem[] };

/** a run's progress (the day it has reached of its days), posted now and then while it runs; not its answer */
export type ProgressMessage = { type: 'progress'; id: number; day: number; days: number };

export type WorkerOut = ProgressMessage | EarlyMessage | { type: 'run'; id: number; out: ExplorerOutput } | { type: 'parse'; id: number; out: ParseOutput } | TaskReply | { type: 'error'; id: number; message: string };

/**
 * What a request computes, as a key: two requests with the same key get the same result (the engine
 * is deterministic: the same scenario, seed included, always gives the same output, README "Randomness").
 * The coarse size is not part of it: the key names the full run.
 */
export const requestKey = (req: RunRequest): string => JSON.stringify([req.scenario, req.follow, req.stress ?? null, req.pinned ?? null, req.compareStop ?? null, req.exact === true]);
