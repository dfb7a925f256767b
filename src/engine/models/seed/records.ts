/**
 * The layout of the seed's ledger of users, shared by the book on either number system (book.ts
 * and its float64 specialisation book.fast.ts): the record offsets, the flags, the store of
 * figures, and the error an event the state does not allow throws.
 */
import type { Arith } from '../../arith.ts';
import { TIE_OFFSET, TIE_STRIDE, type KeyStore } from './heap.ts';

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

// flags
export const ACTIVE = 1;
export const HIT_EXIT = 2;
/** the last exit was a voluntary sale (else forced) */
export const SOLD_OUT = 4;
/** the last exit was a settlement at the price ceiling (RULEBOOK §9.2) */
export const SETTLED = 8;

// the record of figures (F)
export const FS = 6;
export const SPENT = 0;
export const BASIS = 1;
export const OBT = 2;
export const HOLD = 3;
export const CASH = 4;
export const CSE = 5;
// the Int32 record (I)
export const IS = TIE_STRIDE;
export const BE = 0;
export const EXIT = 1;
export const APOS = 2;
export const SEQ = TIE_OFFSET;

/** figures by slot: Float64Array (fast) or an array of decimals (exact) */
export type Store<T> = KeyStore<T>;

/** a store of n figures, all zero, keeping what `old` holds */
export function storeOf<T>(A: Arith<T>, n: number, old?: Store<T>): Store<T> {
  if (A.mode === 'fast') {
    const s = new Float64Array(n);
    if (old !== undefined) s.set(old as unknown as Float64Array);
    return s as unknown as Store<T>;
  }
  const s = old === undefined ? [] : (old as T[]);
  for (let i = s.length; i < n; i++) s.push(A.zero);
  return s;
}
