/**
 * Property tests (fast-check): random rules and random scripts of orders, sales (by points, value
 * or all), subsidies, withdrawals and rule changes. After every single event, every invariant of
 * RULEBOOK §4 holds to 1e-30 relative in exact mode, and no active user is left qualifying for a
 * forced exit. Seeds are fixed so that a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import DecimalJs from 'decimal.js';
import { exact } from '../../src/engine/arith.ts';
import { Ledger, LedgerError } from '../../src/engine/models/seed/ledger.ts';
import type { RulesV1 } from '../../src/engine/scenario/index.ts';
import { Decimal, rules as fill } from './helpers.ts';

type D = DecimalJs;
const REL = new Decimal('1e-30');
const near = (a: D, b: D, scale: D = Decimal.max(a.abs(), b.abs())): boolean =>
  a.minus(b).abs().lte(Decimal.max(scale, new Decimal('1e-20')).times(REL));

// --- arbitraries ------------------------------------------------------------------------------

/** four shares in hundredths summing to exactly 1 */
const splitArb = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .map(([a, b, c]) => {
    const [x, y, z] = [a, b, c].sort((p, q) => p - q) as [number, number, number];
    return { cost: x / 100, distribution: (y - x) / 100, platform: (z - y) / 100, pool: (100 - z) / 100 };
  });
const exitMultipleArb = fc.oneof(fc.constant(null), fc.integer({ min: 101, max: 500 }).map((n) => n / 100));
const exitTestArb = fc.constantFrom('obtained' as const, 'holding' as const, 'total' as const);

const rulesArb = fc.record({
  split: splitArb,
  giftRatio: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
  sellWithholding: fc.integer({ min: 0, max: 99 }).map((n) => n / 100),
  initialPrice: fc.integer({ min: 1, max: 10_000 }).map((n) => n / 100),
  exitMultiple: exitMultipleArb,
  exitTest: exitTestArb,
});

const USERS = ['A', 'B', 'C', 'D', 'E'];
const amountArb = fc.integer({ min: 1, max: 1_000_000 }).map((n) => n / 100);
const fracArb = fc.integer({ min: 1, max: 1000 }).map((n) => n / 1000);

type Op =
  | { k: 'order'; user: string | undefined; amount: number }
  | { k: 'sell'; user: string; frac: number; by: 'points' | 'value' | 'all' | 'too-much' }
  | { k: 'subsidy'; amount: number }
  | { k: 'withdraw'; frac: number }
  | { k: 'rules'; change: Record<string, unknown> };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('order' as const), user: fc.option(fc.constantFrom(...USERS), { nil: undefined }), amount: amountArb }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('sell' as const), user: fc.constantFrom(...USERS), frac: fracArb, by: fc.constantFrom('points' as const, 'value' as const, 'all' as const, 'too-much' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('subsidy' as const), amount: amountArb }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('withdraw' as const), frac: fracArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('rules' as const),
      change: fc.record(
        {
          giftRatio: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
          sellWithholding: fc.integer({ min: 0, max: 99 }).map((n) => n / 100),
          exitMultiple: exitMultipleArb,
          exitTest: exitTestArb,
          split: splitArb,
        },
        { requiredKeys: [] },
      ),
    }),
  },
);

// --- the invariants ---------------------------------------------------------------------------

interface Snapshot {
  price: D;
}

function checkInvariants(L: Ledger<D>, before: Snapshot, op: Op): void {
  const { pool: P, points: N, price: p, accounts: a } = L;
  // 6. nothing NaN, infinite or negative
  for (const [name, v] of Object.entries({ P, N, p, ...a })) {
    expect(v.isFinite(), `${name} finite`).toBe(true);
    expect(v.isNeg() && !v.isZero(), `${name} = ${v} must not be negative`).toBe(false);
  }
  expect(p.gt(0), 'price > 0').toBe(true);
  for (const u of L.users) {
    for (const [name, v] of Object.entries({ spent: u.spent, holding: u.holding, cash: u.cash, basis: u.basis, obtained: u.obtained })) {
      expect(v.isFinite() && !(v.isNeg() && !v.isZero()), `user ${u.id} ${name} = ${v}`).toBe(true);
    }
    // status: active exactly while holding points (or, with a zero gift, after an order that issued none)
    if (u.status === 'exited') expect(u.holding.isZero()).toBe(true);
  }
  // 1. p x N = P whenever N > 0
  if (!N.isZero()) expect(near(p.times(N), P), `p x N = ${p.times(N)} vs P = ${P}`).toBe(true);
  // 2. P = inflows + subsidies - paid - withdrawals
  const ledgerP = a.poolInflow.plus(a.subsidies).minus(a.paid).minus(a.withdrawals);
  expect(near(P, ledgerP, Decimal.max(a.poolInflow.plus(a.subsidies), P)), `P = ${P} vs flows ${ledgerP}`).toBe(true);
  // 3. sum of holdings = N
  const held = L.users.reduce((s, u) => s.plus(u.holding), new Decimal(0));
  const scale = L.users.reduce((s, u) => s.plus(u.obtained), new Decimal(0));
  expect(near(held, N, scale), `holdings ${held} vs N ${N}`).toBe(true);
  // 4. orders = cost + distribution paid + kept + platform + pool inflow
  const parts = a.cost.plus(a.distributionPaid).plus(a.distributionKept).plus(a.platform).plus(a.poolInflow);
  expect(near(parts, a.orders), `order amounts ${a.orders} vs parts ${parts}`).toBe(true);
  // 5. the price never falls but under a withdrawal
  if (op.k !== 'withdraw') expect(p.gte(before.price.times(new Decimal(1).minus(REL))), `price fell from ${before.price} to ${p} on ${op.k}`).toBe(true);
  // the forced-exit pass is complete: no active user still qualifies
  for (const u of L.users) expect(L.qualifies(u), `user ${u.id} qualifies for exit after the pass`).toBe(false);
}

function apply(L: Ledger<D>, op: Op): void {
  switch (op.k) {
    case 'order':
      L.order(op.user, op.amount);
      return;
    case 'sell': {
      const u = L.user(op.user);
      const holding = u?.holding ?? new Decimal(0);
      if (op.by === 'too-much' || holding.isZero()) {
        // selling more than held (or from nothing) is refused, naming the field, and changes nothing
        const before = [L.pool.toString(), L.points.toString(), L.price.toString()];
        const tooMuch = Number(holding.times(1 + op.frac).plus(0.01).toPrecision(15));
        expect(() => L.sell(op.user, { points: tooMuch })).toThrow(LedgerError);
        expect([L.pool.toString(), L.points.toString(), L.price.toString()]).toEqual(before);
        return;
      }
      try {
        if (op.by === 'all') L.sell(op.user, { all: true });
        else if (op.by === 'points') {
          const q = Number(holding.times(op.frac).toPrecision(12));
          if (q > 0 && holding.gte(q)) L.sell(op.user, { points: q });
        } else {
          const v = Number(holding.times(op.frac).times(L.quotedPrice).toPrecision(12));
          if (v > 0 && holding.times(L.quotedPrice).gte(v)) L.sell(op.user, { value: v });
        }
      } catch (e) {
        // under platform rounding, a sale too small for the point decimals is refused
        if (!(e instanceof LedgerError && /rounds to 0 points/.test(e.message))) throw e;
      }
      return;
    }
    case 'subsidy':
      L.subsidy(op.amount);
      return;
    case 'withdraw': {
      const x = Number(L.pool.times(op.frac).times(0.999).toPrecision(12));
      if (x > 0) L.withdraw(x);
      return;
    }
    case 'rules':
      L.changeRules(op.change);
      return;
  }
}

function runAndCheck(r: RulesV1, ops: Op[]): void {
  const L = new Ledger(exact, r);
  for (const op of ops) {
    L.step++;
    const before = { price: L.price };
    apply(L, op);
    checkInvariants(L, before, op);
  }
}

describe('invariants of RULEBOOK §4 after every event, exact mode', () => {
  it('hold over random rules and random scripts', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(opArb, { minLength: 1, maxLength: 60 }), (r, ops) => runAndCheck(fill(r), ops)),
      { numRuns: 250, seed: 20261125 },
    );
  });

  it('hold on the seed rules with many buyers and forced exits on', () => {
    const seedRules = fill({});
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 50, maxLength: 200 }), (ops) => runAndCheck(seedRules, ops)),
      { numRuns: 40, seed: 7 },
    );
  });

  it('hold, all but the price floor, with platform rounding on', () => {
    const roundingArb = fc.record({
      points: fc.integer({ min: 0, max: 4 }),
      price: fc.integer({ min: 2, max: 6 }),
      money: fc.integer({ min: 0, max: 2 }),
      mode: fc.constantFrom('half-up' as const, 'half-even' as const, 'down' as const, 'up' as const),
    });
    fc.assert(
      fc.property(rulesArb, roundingArb, fc.array(opArb, { minLength: 1, maxLength: 40 }), (r, rounding, ops) => {
        const L = new Ledger(exact, fill({ ...r, rounding }));
        for (const op of ops) {
          const before = { price: new Decimal(0) }; // no price-floor check under rounding
          apply(L, op);
          checkInvariants(L, before, op);
        }
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
