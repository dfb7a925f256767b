/**
 * The engine's entry for a thread that draws each day's sellers ahead of a run (the command's,
 * src/cli/picks-worker.ts): the day loop's own draw (flow/sellers.ts) and the list it fills, and
 * nothing else: no package, no book (test/engine/imports.test.ts walks it), so the thread starts on
 * a few kilobytes of code.
 */
export { drawSellers } from './flow/sellers.ts';
export { Slots } from './flow/rng.ts';
