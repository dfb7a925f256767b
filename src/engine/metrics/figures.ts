/**
 * How a metric's figure is written into the result document: a JSON number on the fast path, a
 * decimal string on the exact one (RULEBOOK §8's figures, every one through these).
 */
import type { Arith } from '../arith.ts';
import type { Fig } from '../number-format.ts';

export function fig<T>(A: Arith<T>, x: T): Fig {
  return A.mode === 'fast' ? A.num(x) : A.str(x);
}
export function ratio<T>(A: Arith<T>, a: T, b: T): Fig | null {
  return A.isZero(b) ? null : fig(A, A.div(a, b));
}

export function share<T>(A: Arith<T>, k: number, n: number): Fig {
  return n === 0 ? fig(A, A.zero) : fig(A, A.div(A.of(k), A.of(n)));
}
