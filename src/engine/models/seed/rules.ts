/**
 * The seed's rules (RULEBOOK §3), each formula written once over the arithmetic interface, so that
 * the exact path (decimal.js) and the fast path (float64) run the same code: the book (book.ts)
 * calls these and nothing else computes them. The fast path runs rules.fast.ts, this file with the
 * float calculator's operators in place of its calls (scripts/specialise-fast.ts; never edit it).
 *
 * Each function keeps its order of operations: the fast path's figures depend on it bit for bit.
 * Write comparisons as `A.cmp(a, b) >= 0` (and the like); the specialiser turns them into `a >= b`.
 * A rule that is one `return` expression is written into the fast book where it is called (the
 * specialiser substitutes the arguments), so that the float loop carries no call layers.
 */
import type { Arith } from '../../arith.ts';

/** §3.1 the gift's value: g x the pool's share of the order (the back office's own form, §9.2, is giftOf(g, amount x pool share) truncated) */
export function giftOf<T>(A: Arith<T>, g: T, inflow: T): T {
  return A.mul(g, inflow);
}

/** §3.1 points issued for an order: the gift's value / price */
export function pointsIssued<T>(A: Arith<T>, gift: T, price: T): T {
  return A.div(gift, price);
}

/** §9.2 the price floor: the price, never below the floor */
export function floored<T>(A: Arith<T>, floor: T, price: T): T {
  return A.cmp(price, floor) < 0 ? floor : price;
}

/** §9.2 the points cap: an issue cut to the room left below the cap (never below 0) */
export function cappedIssue<T>(A: Arith<T>, issued: T, room: T): T {
  return A.isNeg(room) ? A.zero : A.cmp(issued, room) > 0 ? room : issued;
}

/** §9.2 what a holder is paid at a settlement: holding x price, no withholding */
export function settlementPay<T>(A: Arith<T>, holding: T, price: T): T {
  return A.mul(holding, price);
}

/** §9.2 the settlement at a price ceiling is due: the price has reached the ceiling */
export function ceilingReached<T>(A: Arith<T>, price: T, ceiling: T): boolean {
  return A.cmp(price, ceiling) >= 0;
}

/** §3.2 what a sale of points worth `value` pays: (1 - w) x value (the rest stays in the pool) */
export function salePaid<T>(A: Arith<T>, w: T, value: T): T {
  return A.mul(A.sub(A.one, w), value);
}

/** §2 the price: P / N */
export function priceOf<T>(A: Arith<T>, pool: T, points: T): T {
  return A.div(pool, points);
}

/**
 * §3.3 a user's exit threshold as a fraction num / den of the price: the user qualifies exactly
 * when price x den >= num, which is the rulebook's test itself:
 *   obtained: obtained x p >= m x basis                  (num m x basis, den obtained)
 *   holding:  holding x p >= m x basis                   (num m x basis, den holding)
 *   total:    cash since entry + holding x p >= m x basis (num m x basis - cash, den holding)
 * test: 0 obtained, 1 holding, 2 total (EXIT_TEST_CODE).
 */
export function exitNum<T>(A: Arith<T>, m: T, basis: T, cashSinceEntry: T, test: number): T {
  return test === 2 ? A.sub(A.mul(m, basis), cashSinceEntry) : A.mul(m, basis);
}
export function exitDen<T>(obtained: T, holding: T, test: number): T {
  return test === 0 ? obtained : holding;
}
export const EXIT_TEST_CODE = { obtained: 0, holding: 1, total: 2 } as const;

/** §3.3 and take-profit: the threshold is reached when price x den >= num */
export function reached<T>(A: Arith<T>, price: T, num: T, den: T): boolean {
  return A.cmp(A.mul(price, den), num) >= 0;
}

/**
 * On floats, a price below BELOW_KEY x the threshold's quotient (thresholdKey, num / den) cannot
 * reach it by `reached`: the quotient and reached's product each carry at most half a unit in the
 * last place (2^-53 relative), and this product its own; 1 - 2^-51 leaves room for all three. The
 * seed's fast book reads the exit heap's key against it before the record (book.ts settle).
 */
export const BELOW_KEY = 1 - 2 ** -51;

/**
 * §3.3 on the rounded float book: a threshold within `tie` (relative) above price x den is reached.
 * A stored price and a threshold of decimals that are equal (254.1 x 0.5 = 1.5 x 84.7) come out of
 * float64 a unit in the last place apart, and the exact path, which compares them as they are, has
 * the exit; with FAST_TIE the float book has it too.
 */
export function reachedWithin<T>(A: Arith<T>, tie: T, price: T, num: T, den: T): boolean {
  return A.cmp(A.sub(num, A.mul(price, den)), A.mul(tie, num)) <= 0;
}

/** §3.3 the threshold price itself (the heaps' key): num / den */
export function thresholdPrice<T>(A: Arith<T>, num: T, den: T): T {
  return A.div(num, den);
}

/**
 * §3.3 a threshold as the heaps hold it. On the exact path the fraction itself (no division per
 * order; thresholds compared by cross products, which keeps the heap's order and the test in exact
 * agreement); on the fast path the quotient num / den (one float compare per step of the heap).
 * The specialiser keeps the fast branch of `A.mode === 'fast'` and drops the other.
 */
export interface Fraction<T> {
  num: T;
  den: T;
}
export type ThresholdKey<T> = T | Fraction<T>;
export function thresholdKey<T>(A: Arith<T>, num: T, den: T): ThresholdKey<T> {
  return A.mode === 'fast' ? A.div(num, den) : { num, den };
}

/**
 * §3.3 the order of thresholds: lower first; on the exact path two thresholds within `tie`
 * relative of each other are equal (arith.ts EXACT_TIE), and the earlier entry goes first (the
 * heap breaks ties). The seed's fast book passes no tie and compares floats as they are; the
 * rounded float book passes FAST_TIE.
 */
export function thresholdOrder<T>(A: Arith<T>, tie: T | null, a: ThresholdKey<T>, b: ThresholdKey<T>): number {
  if (A.mode === 'fast') {
    const qa = a as T;
    const qb = b as T;
    const c = A.cmp(qa, qb);
    // the seed's fast book passes no tie; the rounded float book passes FAST_TIE: its thresholds are
    // quotients of decimals, equal ones among them, which float noise would set apart
    if (c === 0 || tie === null) return c;
    const d = A.sub(qa, qb);
    const big = c > 0 ? qa : qb;
    return A.cmp(A.isNeg(d) ? A.sub(A.zero, d) : d, A.mul(tie, A.isNeg(big) ? A.sub(A.zero, big) : big)) <= 0 ? 0 : c;
  }
  const fa = a as Fraction<T>;
  const fb = b as Fraction<T>;
  // a before b when num_a / den_a < num_b / den_b (dens are positive)
  const x = A.mul(fa.num, fb.den);
  const y = A.mul(fb.num, fa.den);
  const c = A.cmp(x, y);
  if (c === 0 || tie === null) return c;
  const ax = A.isNeg(x) ? A.sub(A.zero, x) : x;
  const ay = A.isNeg(y) ? A.sub(A.zero, y) : y;
  const d = A.sub(x, y);
  return A.cmp(A.isNeg(d) ? A.sub(A.zero, d) : d, A.mul(tie, A.cmp(ax, ay) > 0 ? ax : ay)) <= 0 ? 0 : c;
}

/** take-profit: a holding worth k x basis sells (num k x basis, den holding) */
export function takeProfitNum<T>(A: Arith<T>, k: T, basis: T): T {
  return A.mul(k, basis);
}

/** §8 what an active user still needs to break even: max(0, basis - cash since entry) */
export function needOf<T>(A: Arith<T>, basis: T, cashSinceEntry: T): T {
  // basis < cash exactly when basis - cash < 0, in decimals and in floats alike
  return A.cmp(basis, cashSinceEntry) < 0 ? A.zero : A.sub(basis, cashSinceEntry);
}

/** §3.6 locked points each legacy member receives: share x L / price */
export function legacyPoints<T>(A: Arith<T>, share: T, liability: T, price: T): T {
  return A.div(A.mul(share, liability), price);
}

/** §3.6 locked stock after a batch of r points to each of n members: never below zero */
export function lockedAfter<T>(A: Arith<T>, locked: T, r: T, n: T): T {
  const left = A.sub(locked, A.mul(r, n));
  return A.isNeg(left) ? A.zero : left;
}

/**
 * §3.5 may the operator withdraw x? While points circulate the pool must stay above 0; with none
 * circulating it may be emptied, not overdrawn.
 */
export function withdrawalAllowed<T>(A: Arith<T>, pool: T, x: T, circulating: boolean): boolean {
  const left = A.sub(pool, x);
  return circulating ? A.isNeg(A.sub(x, pool)) && !A.isZero(left) : !A.isNeg(left);
}

/** §3.2 break-even (realised): cash received reaches total spend */
export function brokeEven<T>(A: Arith<T>, cash: T, spent: T): boolean {
  return A.cmp(cash, spent) >= 0;
}
