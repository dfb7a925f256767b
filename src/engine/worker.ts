/**
 * The engine's entry for a worker that is handed only the tasks run once per sweep cell or Monte
 * Carlo seed (batch/run-tasks.ts): node's worker threads (src/cli/pool-worker.ts). Nothing behind
 * it loads zod (test/engine/imports.test.ts walks it), so a thread starts without building the
 * scenario's schemas; the command that hands it the tasks has validated them. The explorer's Web
 * Workers, which also plan and combine, use index.ts's answerTask.
 */
export { answerRunTask, type TaskMessage, type TaskReply } from './batch/run-tasks.ts';
/** the thread's runs take the big buffers of the tasks before them (pool-worker.ts) */
export { BufferPool, useLargeBuffers } from './buffers.ts';
