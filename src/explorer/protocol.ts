/** Messages between the explorer page and its workers. */
import type { Problem } from '../engine/result.ts';
import type { RunOutput, RunRequest } from './run.ts';

export type WorkerIn =
  | { type: 'run'; id: number; req: RunRequest }
  | { type: 'parse'; id: number; text: string }
  | { type: 'task'; id: number; kind: string; input: unknown };

export type ParseOutput = { ok: true; scenario: Record<string, unknown> } | { ok: false; problems: Problem[] };

export type WorkerOut =
  | { type: 'run'; id: number; out: RunOutput }
  | { type: 'parse'; id: number; out: ParseOutput }
  | { type: 'task'; id: number; output: unknown }
  | { type: 'error'; id: number; message: string };
