/**
 * The small arithmetic interface the rules are written against (DESIGN.md, "Numbers").
 * `exact` is decimal.js at 40 significant digits; `fast` is float64. The ledger never touches a
 * number type directly, so one rule implementation serves both.
 */
import { Decimal } from 'decimal.js';

export type RoundingMode = 'half-up' | 'half-even' | 'down' | 'up';

export interface Arith<T> {
  readonly mode: 'exact' | 'fast';
  of(x: number | string): T;
  readonly zero: T;
  readonly one: T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  /** -1, 0 or 1 */
  cmp(a: T, b: T): number;
  isZero(a: T): boolean;
  isNeg(a: T): boolean;
  /** true when the value is finite (never NaN or Infinity) */
  isFinite(a: T): boolean;
  /** round to a number of decimal places */
  round(a: T, decimals: number, mode: RoundingMode): T;
  /**
   * a figure that stands on a grid of d decimals (a platform's rounded pool or points), put back on
   * it: float64 sums of such figures drift off by a few units in the last place, and the next
   * truncation would read the drift (within FLOAT_SNAP relative; a figure farther off is left as it
   * is). Decimals do not drift: the exact calculator returns the figure itself.
   */
  snap(a: T, decimals: number): T;
  str(a: T): string;
  num(a: T): number;
}

/** Significant digits of exact mode (RULEBOOK §2). */
export const EXACT_PRECISION = 40;

/**
 * Exact ties (README, "Exact ties"; method page): on the exact path two exit thresholds within this
 * relative distance of each other are equal, and the earlier entry goes first. 40-digit quotients
 * (points obtained = g x inflow / price) carry noise in the last digits, so thresholds that are equal
 * in real numbers (every buyer at one price with a gift ratio of 1) differ there; 1e-35 is far above
 * that noise and far below any difference a scenario can mean. The fast path compares floats as they
 * are (RULEBOOK §2's allowance for ties).
 */
export const EXACT_TIE = '1e-35';

/**
 * The family's models (RULEBOOK §9.4, §9.5) on the fast path: a payment that falls short of what it
 * covers, or a spend short of a multiple of the unit, by at most this much relative is a tie (float64
 * noise, far below a cent in any amount the format allows), so that an exact tie lands on the same
 * event on both paths. The exact path uses EXACT_TIE.
 */
export const FAST_TIE = 1e-12;

/** the relative tie of a calculator: EXACT_TIE on the exact path, FAST_TIE on the fast one */
export const tieOf = <T>(A: Arith<T>): T => A.of(A.mode === 'exact' ? EXACT_TIE : FAST_TIE);

const Dec = Decimal.clone({
  precision: EXACT_PRECISION,
  rounding: Decimal.ROUND_HALF_EVEN,
  // print plain decimals, never exponent notation
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
export type Dec = Decimal;

const DEC_MODES: Record<RoundingMode, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};

export const exact: Arith<Decimal> = {
  mode: 'exact',
  of: (x) => new Dec(x),
  zero: new Dec(0),
  one: new Dec(1),
  add: (a, b) => a.plus(b),
  sub: (a, b) => a.minus(b),
  mul: (a, b) => a.times(b),
  div: (a, b) => a.div(b),
  cmp: (a, b) => a.cmp(b),
  isZero: (a) => a.isZero(),
  isNeg: (a) => a.isNeg() && !a.isZero(),
  isFinite: (a) => a.isFinite(),
  round: (a, d, m) => a.toDecimalPlaces(d, DEC_MODES[m]),
  snap: (a) => a,
  str: (a) => a.toString(),
  num: (a) => a.toNumber(),
};

/**
 * How far (relative) a scaled float may sit from a whole or half unit and still be taken as on it:
 * 2^-48, about 16 units in the last place. A figure that is a whole number of cents in decimals (an
 * order of 1,000 x 0.3 is 300) comes out of float64 arithmetic a few units in the last place off
 * (299.99999999999994), and truncating that would lose a cent the exact path keeps; a figure that
 * is truly off a unit (a price P / N) is off it by far more, except by chance at about this rate.
 */
export const FLOAT_SNAP = 2 ** -48;
const POW10 = Array.from({ length: 16 }, (_, d) => 10 ** d);

/**
 * Round a float64 to d decimals as a platform does (the rounded float book, book.rounding.fast.ts):
 * scale, snap float noise to the whole or half unit it stands for (FLOAT_SNAP), round as asked,
 * scale back. No strings: it runs several times an order.
 */
export function roundFloat(a: number, d: number, m: RoundingMode): number {
  const f = d < POW10.length ? POW10[d]! : 10 ** d;
  const x = a * f;
  const h = Math.round(x * 2) / 2;
  const s = Math.abs(x - h) <= Math.abs(x) * FLOAT_SNAP ? h : x;
  switch (m) {
    case 'down':
      return Math.trunc(s) / f;
    case 'up':
      return (s < 0 ? Math.floor(s) : Math.ceil(s)) / f;
    case 'half-up':
      return (Math.sign(s) * Math.floor(Math.abs(s) + 0.5)) / f;
    case 'half-even': {
      const r = Math.round(s);
      const tie = Math.abs(s % 1) === 0.5;
      return (tie && r % 2 !== 0 ? r - 1 : r) / f;
    }
  }
}

/**
 * How far a stored figure (a sum or difference of figures on a grid) may sit from its grid and still
 * be taken as on it, in units of its last decimal: a difference of two large figures keeps their
 * representation error, which is large against a small result (the room 5,000 - 4,998.81 under a
 * points cap comes out 1.1899999999995998 and truncates to 1.18, not 1.19), so this is absolute
 * besides FLOAT_SNAP relative: 1e-5 of a unit covers operands up to about 1e9 in float64.
 */
export const FLOAT_SNAP_UNITS = 1e-5;

/**
 * Decimals beyond its own that a stored figure may carry and still be snapped: a pool on cents
 * loses a share of itself to a withdrawal (1.07 x 0.01 leaves 1.0593) and is then off the cent grid
 * for good, but on a grid this much finer it still is, and drifts off that as float64 sums go on.
 */
export const FLOAT_SNAP_FINER = 6;

/** a within FLOAT_SNAP_UNITS of a unit of 10^-d, or within FLOAT_SNAP relative, of a multiple of 10^-d: that multiple; else a */
function snapTo(a: number, d: number): number {
  const f = d < POW10.length ? POW10[d]! : 10 ** d;
  const x = a * f;
  const r = Math.round(x);
  return r !== x && Math.abs(x - r) <= Math.max(FLOAT_SNAP_UNITS, Math.abs(x) * FLOAT_SNAP) ? r / f : a;
}

/**
 * Arith.snap on float64: a figure within FLOAT_SNAP_UNITS of a unit of its last decimal, or within
 * FLOAT_SNAP relative, of a multiple of 10^-d is that multiple; one off that grid is put back on the
 * grid FLOAT_SNAP_FINER decimals finer in the same way; a figure farther off both is left alone.
 */
export function snapFloat(a: number, d: number): number {
  const s = snapTo(a, d);
  return s !== a ? s : snapTo(a, d + FLOAT_SNAP_FINER);
}

export const fast: Arith<number> = {
  mode: 'fast',
  of: (x) => Number(x),
  zero: 0,
  one: 1,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  isZero: (a) => a === 0,
  isNeg: (a) => a < 0,
  isFinite: (a) => Number.isFinite(a),
  round: roundFloat,
  snap: snapFloat,
  str: (a) => String(a),
  num: (a) => a,
};
