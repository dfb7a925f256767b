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
  str: (a) => a.toString(),
  num: (a) => a.toNumber(),
};

function roundFloat(a: number, d: number, m: RoundingMode): number {
  const f = 10 ** d;
  // scale, snap away float noise at the 12th significant digit, then round as asked
  const s = Number((a * f).toPrecision(15));
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
  str: (a) => String(a),
  num: (a) => a,
};
