/** Messages between the explorer page and its workers. */
import type { Problem, TaskMessage, TaskReply } from '../engine/index.ts';
import type { ExplorerOutput, RunRequest } from './run.ts';

export type WorkerIn = { type: 'run'; id: number; req: RunRequest } | { type: 'parse'; id: number; text: string } | TaskMessage;

export type ParseOutput = { ok: true; scenario: Record<string, unknown> } | { ok: false; problems: Problem[] };

/** a run's progress (the day it has reached of its days), posted now and then while it runs; not its answer */
export type ProgressMessage = { type: 'progress'; id: number; day: number; days: number };

export type WorkerOut = ProgressMessage | { type: 'run'; id: number; out: ExplorerOutput } | { type: 'parse'; id: number; out: ParseOutput } | TaskReply | { type: 'error'; id: number; message: string };
