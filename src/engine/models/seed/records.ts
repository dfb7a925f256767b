/**
 * The layout of the seed's ledger of users, shared by the book on either number system (book.ts
 * and its float64 specialisation book.fast.ts): the record offsets, the flags, the store of
 * figures, and the error an event the state does not allow throws.
 */
import type { Arith } from '../../arith.ts';
import { PLACE_OFFSET, PLACE_STRIDE, type KeyStore } from './heap.ts';
import { bigBuffer, type BufferUse } from '../../buffers.ts';

/** An event that the state does not allow (selling points not held, draining the pool). */
export class LedgerError extends Error {
  /** field: where in the event, relative to the script entry, e.g. "sell.points" */
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

export interface Split<T> {
  cost: T;
  distribution: T;
  platform: T;
  pool: T;
}

// flags (in the record, FLG): how the last exit came. Whether a slot is active is its place in the
// active list (the record's AT, negative when out), not a flag.
export const HIT_EXIT = 2;
/** the last exit was a voluntary sale (else forced) */
export const SOLD_OUT = 4;
/** the last exit was a settlement at the price ceiling (RULEBOOK §9.2) */
export const SETTLED = 8;

/*
 * A slot's record, 32 bytes on the fast path (one cache line holds it): its two lifelong figures
 * in F (stride FS doubles: spend and cash received) and its integers in I (stride IS int32s: the
 * break-even day, its place in the active list or its exit step (AT), its flags, its place in the
 * exit heap). On the fast path F and I are two views of one buffer, so I's fields sit in the
 * record's second half (F's doubles 2 and 3); on the exact path F is an array of decimals and I an
 * Int32Array, each with the same strides.
 *
 * AT holds two figures that are never both wanted: while the slot is active, its place in the
 * active list (0 or more); while it is out, its last exit step s as -(s + 2) (-1: never exited,
 * as a fresh slot is written). So a sale's random reads are the slot's record and its record in
 * the active list, and no array of places by slot (40 MB for ten million) is read or written:
 * atOf, exitOf and outAfter read and write it.
 */
export const FS = 4;
export const SPENT = 0;
export const CASH = 1;
export const IS = PLACE_STRIDE;
export const BE = 4;
export const AT = 5;
export const FLG = 6;
export const HPOS = PLACE_OFFSET;
/*
 * An active user's record, by place in the active list: its figures since entry in AF (stride AS
 * doubles: basis, points obtained, holding, cash since entry) and its entry in the active list in
 * alist (stride LS int32s: the slot, and its entry sequence, the exit heap's tie-breaker: earlier
 * entry first). On the fast path AF and alist are two views of one buffer, 64 bytes a place (one
 * cache line: what a sale reads and writes of the active list, in one line), the list's fields in
 * the record's fifth double; on the exact path AF is an array of decimals and alist an Int32Array,
 * each with the same strides. Only active users have one (an exit hands its place to the last
 * one), so a run of ten million buyers with two million active holds two million.
 */
export const AS = 8;
export const LS = AS * 2;
export const LSLOT = 8;
export const LSEQ = 9;
export const BASIS = 0;
export const OBT = 1;
export const HOLD = 2;
export const CSE = 3;
/** AT's value for a slot that is out, last exited at step s (-1 for s = -1: never exited) */
export function outAfter(s: number): number {
  return -s - 2;
}
/** the exit step that AT's value v holds: -1 while active (v >= 0) or never exited */
export function exitOf(v: number): number {
  return v >= 0 ? -1 : -v - 2;
}
/** figures kept after an exit where they are read again (book.ts, keepFigures): basis, obtained, cash since entry */
export const KS = 3;

/** figures by slot: Float64Array (fast) or an array of decimals (exact) */
export type Store<T> = KeyStore<T>;

/**
 * Where the fast path's records start in their buffer, in bytes. A 32-byte record (a slot's, an
 * active user's) that starts on a 32-byte boundary lies in one cache line; one that does not
 * straddles two in every other record, and a sale then waits on two lines where it would wait on
 * one. JavaScript gives no buffer's address, but a large buffer comes from glibc's mmap, whose
 * chunk header puts the data 16 bytes past a page boundary: views that start 48 bytes in put
 * record 0, and so every record, on a 64-byte boundary (the active list's 64-byte records), and so
 * on a 32-byte one. Measured on bench/engine-10m.json with 32-byte records, interleaved: about 12%
 * less user CPU than at offset 0 (offsets 16 and 48 alike, 0 and 32 alike). That is node's
 * (glibc's) alignment. Chromium's allocator starts a large buffer on a page boundary, so there the
 * records start at 0: in a worker, the 10M-buyer run took 5.47 s of thread time at offsets 0 and 32,
 * 5.66 s at 16 and 6.07 s at 48 (bench/explorer-scale.ts).
 */
export function recordShiftFor(node: boolean): number {
  return node ? 48 : 0;
}
export const RECORD_SHIFT = recordShiftFor(typeof process !== 'undefined' && typeof process.versions?.node === 'string');

/** a store of n figures, all zero, keeping what `old` holds; on the fast path in a big buffer of the host's when `use` says what for (buffers.ts bigBuffer) */
export function storeOf<T>(A: Arith<T>, n: number, old?: Store<T>, use?: BufferUse): Store<T> {
  if (A.mode === 'fast') {
    const bytes = n * 8 + RECORD_SHIFT;
    const s = new Float64Array(use === undefined ? new ArrayBuffer(bytes) : bigBuffer(bytes, use), RECORD_SHIFT, n);
    if (old !== undefined) s.set(old as unknown as Float64Array);
    return s as unknown as Store<T>;
  }
  const s = old === undefined ? [] : (old as T[]);
  for (let i = s.length; i < n; i++) s.push(A.zero);
  return s;
}

/** bytes of the fast path's buffer of n slots' records (recordsOf) */
export const recordsBytes = (n: number): number => n * FS * 8 + RECORD_SHIFT;
/** bytes of the fast path's buffer of n places of the active list (activeOf) */
export const activeBytes = (n: number): number => n * AS * 8 + RECORD_SHIFT;

/** the slots and the places of the active list a book expecting `expectedUsers` starts with (SeedBook's constructor): a quarter of the buyers active, doubling beyond */
export function seedCapacities(expectedUsers: number): { cap: number; acap: number } {
  const cap = Math.max(16, expectedUsers);
  return { cap, acap: Math.max(16, Math.ceil(cap / 4)) };
}

/**
 * The big buffers a fast book expecting `expectedUsers` takes (bytes): its slots' records, its
 * active list, and the active list doubled once (a run whose active users pass a quarter of its
 * buyers, as a year of the explorer's default flow does). What a host gets ready ahead of such a run
 * (the explorer's worker: BufferPool.ready).
 */
export function seedBufferBytes(expectedUsers: number): number[] {
  const { cap, acap } = seedCapacities(expectedUsers);
  return [recordsBytes(cap), activeBytes(acap), activeBytes(2 * acap)];
}

/** the active list's records of n places (AF and alist, see AS and LS), keeping what `old` holds: one buffer on the fast path (buffers.ts bigBuffer: the host's, if it hands one) */
export function activeOf<T>(A: Arith<T>, n: number, old?: { AF: Store<T>; alist: Int32Array }): { AF: Store<T>; alist: Int32Array } {
  if (A.mode === 'fast') {
    const buf = bigBuffer(activeBytes(n), 'active');
    const alist = new Int32Array(buf, RECORD_SHIFT, n * LS);
    if (old !== undefined) alist.set(old.alist);
    return { AF: new Float64Array(buf, RECORD_SHIFT, n * AS) as unknown as Store<T>, alist };
  }
  const alist = new Int32Array(n * LS);
  if (old !== undefined) alist.set(old.alist);
  return { AF: storeOf(A, n * AS, old?.AF), alist };
}

/** the records of n slots (F and I, see FS and IS), keeping what `old` holds: one buffer on the fast path (buffers.ts bigBuffer: the host's, if it hands one) */
export function recordsOf<T>(A: Arith<T>, n: number, old?: { F: Store<T>; I: Int32Array }): { F: Store<T>; I: Int32Array } {
  if (A.mode === 'fast') {
    const buf = bigBuffer(recordsBytes(n), 'slots');
    const I = new Int32Array(buf, RECORD_SHIFT, n * IS);
    if (old !== undefined) I.set(old.I);
    return { F: new Float64Array(buf, RECORD_SHIFT, n * FS) as unknown as Store<T>, I };
  }
  const I = new Int32Array(n * IS);
  if (old !== undefined) I.set(old.I);
  return { F: storeOf(A, n * FS, old?.F), I };
}
