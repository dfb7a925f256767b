/**
 * The seed's worked example carried on (RULEBOOK §6): three equal orders by A, B and C under the
 * seed's rules, the prices at which A breaks even and A, B and C reach the exit multiple, a
 * subsidy that lifts the price to A's 2x, A's sale, a second subsidy that forces B out and C after
 * it (a cascade), and who got what. Every figure is the exact ledger's, or derived from its state
 * with the exact arithmetic where the ledger does not report an intermediate (the price between
 * the two forced exits of the cascade). Plain data, decimal strings: the walkthrough words it step
 * by step, the prose figures (src/figures) quote it.
 */
import { exact } from './arith.ts';
import { Ledger } from './models/seed/ledger.ts';
import type { RulesV1 } from './scenario/schema.ts';
import { SEED_RULES_FILLED } from './seed.ts';

type D = ReturnType<typeof exact.of>;
const A = exact;
const s = (x: D): string => A.str(x);
/** round up to the cent: a subsidy that just reaches a threshold price */
const ceilCent = (x: D): D => A.round(x, 2, 'up');

export interface Holder {
  id: string;
  spent: string;
  cash: string;
  holding: string;
  status: 'active' | 'exited';
}

/** The book after a step: pool, points, price and the buyers so far. */
export interface Snapshot {
  pool: string;
  points: string;
  price: string;
  holders: Holder[];
}

export interface ExampleOrder {
  user: string;
  priceBefore: string;
  poolBefore: string;
  pointsBefore: string;
  /** the pool's share of the order */
  inflow: string;
  issued: string;
  /** the price after over the price before */
  factor: string;
  /** the points issued, at the price after the order */
  worth: string;
  after: Snapshot;
}

export interface WorkedExample {
  amount: string;
  /** the seed's rules, the schema's defaults filled in */
  rules: RulesV1;
  /** the exit multiple the story uses (the rules', 3 when they turn exits off) */
  multiple: string;
  /** one order's money: the pool's share (inflow), the points' gift (g x inflow), the others' shares */
  split: { cost: string; distribution: string; platform: string; inflow: string; gift: string };
  start: Snapshot;
  orders: ExampleOrder[];
  /** points each buyer obtained, in order A, B, C */
  obtained: Record<'A' | 'B' | 'C', string>;
  /** the price at which A's points are worth A's spend; over the price now */
  breakEven: { price: string; factor: string };
  /** the prices at which A, B and C reach the exit multiple */
  exitAt: Record<'A' | 'B' | 'C', string>;
  jump: { target: string; poolBefore: string; subsidy: string; worthA: string; holdingA: string; after: Snapshot };
  sale: { priceBefore: string; poolBefore: string; pointsBefore: string; sold: string; value: string; paid: string; withheld: string; gainB: string; gainC: string; after: Snapshot };
  cascade: { subsidy: string; priceAtB: string; heldB: string; valueB: string; paidB: string; priceAfterB: string; heldC: string; valueC: string; paidC: string; forced: string[]; after: Snapshot };
  summary: { orders: string; poolInflow: string; subsidies: string; paid: string; pool: string };
}

/** The worked example with orders of `amount` each (the seed's 1000 by default). */
export function workedExample(amount = 1000): WorkedExample {
  const rules = SEED_RULES_FILLED;
  const L = new Ledger(A, rules);
  const amt = A.of(amount);
  const sp = rules.split;
  const mult = A.of(rules.exitMultiple ?? 3);
  const snap = (): Snapshot => ({
    pool: s(L.pool),
    points: s(L.points),
    price: s(L.price),
    holders: ['A', 'B', 'C'].flatMap((id) => {
      const u = L.user(id);
      return u ? [{ id, spent: s(u.spent), cash: s(u.cash), holding: s(u.holding), status: u.status }] : [];
    }),
  });
  const inflow = A.mul(amt, A.of(sp.pool));
  const split = { cost: s(A.mul(amt, A.of(sp.cost))), distribution: s(A.mul(amt, A.of(sp.distribution))), platform: s(A.mul(amt, A.of(sp.platform))), inflow: s(inflow), gift: s(A.mul(A.of(rules.giftRatio), inflow)) };
  const start = snap();

  const orders: ExampleOrder[] = ['A', 'B', 'C'].map((user) => {
    const before = L.price;
    const poolBefore = s(L.pool);
    const pointsBefore = s(L.points);
    const o = L.order(user, amt);
    return { user, priceBefore: s(before), poolBefore, pointsBefore, inflow: s(inflow), issued: s(o.issued), factor: s(A.div(L.price, before)), worth: s(A.mul(o.issued, L.price)), after: snap() };
  });
  const uA = L.user('A')!;
  const uB = L.user('B')!;
  const uC = L.user('C')!;

  const beA = L.priceForMultiple(uA, 1)!;
  const breakEven = { price: s(beA), factor: s(A.div(beA, L.price)) };
  const xA = L.priceForMultiple(uA, mult)!;
  const xB = L.priceForMultiple(uB, mult)!;
  const xC = L.priceForMultiple(uC, mult)!;

  // a subsidy stands in for the many orders it would take to reach A's 2x price
  const twice = L.priceForMultiple(uA, 2)!;
  const jumpBy = ceilCent(A.sub(A.mul(twice, L.points), L.pool));
  const poolBeforeJump = s(L.pool);
  L.subsidy(A.num(jumpBy));
  const jump = { target: s(twice), poolBefore: poolBeforeJump, subsidy: s(jumpBy), holdingA: s(uA.holding), worthA: s(A.mul(uA.holding, L.price)), after: snap() };

  // A sells everything: (1 - w) paid, the rest stays in the pool, shared by B and C pro rata
  const pBefore = L.price;
  const poolBeforeSale = s(L.pool);
  const pointsBeforeSale = s(L.points);
  const sold = L.sell('A', { all: true });
  const sale = {
    priceBefore: s(pBefore),
    poolBefore: poolBeforeSale,
    pointsBefore: pointsBeforeSale,
    sold: s(sold.sold),
    value: s(sold.value),
    paid: s(sold.paid),
    withheld: s(A.sub(sold.value, sold.paid)),
    gainB: s(A.mul(uB.holding, A.sub(L.price, pBefore))),
    gainC: s(A.mul(uC.holding, A.sub(L.price, pBefore))),
    after: snap(),
  };

  // a second subsidy lifts the price to B's exit price: B is forced out, and C after B
  const poolBeforeCascade = L.pool;
  const pointsBeforeCascade = L.points;
  const holdB = uB.holding;
  const holdC = uC.holding;
  let push = ceilCent(A.sub(A.mul(xB, L.points), L.pool));
  // the ledger divides at 40 digits: make sure the subsidy really reaches B's threshold
  while (A.cmp(A.mul(A.div(A.add(L.pool, push), L.points), uB.obtained), A.mul(mult, uB.basis)) < 0) push = A.add(push, A.of('0.01'));
  const forced = L.subsidy(A.num(push)).forced;
  const p1 = A.div(A.add(poolBeforeCascade, A.of(A.num(push))), pointsBeforeCascade);
  const paidB = uB.cash;
  const p2 = A.div(A.sub(A.add(poolBeforeCascade, A.of(A.num(push))), paidB), holdC);
  const cascade = {
    subsidy: s(push),
    priceAtB: s(p1),
    heldB: s(holdB),
    valueB: s(A.mul(holdB, p1)),
    paidB: s(paidB),
    priceAfterB: s(p2),
    heldC: s(holdC),
    valueC: s(A.mul(holdC, p2)),
    paidC: s(uC.cash),
    forced: [...forced],
    after: snap(),
  };

  const acc = L.accounts;
  return {
    amount: s(amt),
    rules,
    multiple: s(mult),
    split,
    start,
    orders,
    obtained: { A: s(uA.obtained), B: s(uB.obtained), C: s(uC.obtained) },
    breakEven,
    exitAt: { A: s(xA), B: s(xB), C: s(xC) },
    jump,
    sale,
    cascade,
    summary: { orders: s(acc.orders), poolInflow: s(acc.poolInflow), subsidies: s(acc.subsidies), paid: s(acc.paid), pool: s(L.pool) },
  };
}

/**
 * How many equal orders, from the first, it takes for the price to reach each target under the
 * seed's rules with nobody selling (forced exits on, as the rules say). The price path of equal
 * orders does not depend on their amount, so neither do these counts.
 */
export function ordersToReach(targets: string[], amount = 1000, cap = 100_000): (number | null)[] {
  if (targets.length === 0) return [];
  const L = new Ledger(A, SEED_RULES_FILLED);
  const goals = targets.map((t) => A.of(t));
  const found: (number | null)[] = targets.map(() => null);
  for (let n = 1; n <= cap && found.some((f) => f === null); n++) {
    L.order(undefined, amount);
    goals.forEach((goal, i) => {
      if (found[i] === null && A.cmp(L.price, goal) >= 0) found[i] = n;
    });
  }
  return found;
}

/** Equal orders from the first until the price reaches A's break-even, A's and B's exit prices. */
export interface Reach {
  breakEven: number | null;
  tripleA: number | null;
  tripleB: number | null;
}

/** The counts of equal orders for the worked example's break-even and exit prices. */
export function exampleReach(amount = 1000): Reach {
  const x = workedExample(amount);
  const [breakEven, tripleA, tripleB] = ordersToReach([x.breakEven.price, x.exitAt.A, x.exitAt.B], amount);
  return { breakEven: breakEven ?? null, tripleA: tripleA ?? null, tripleB: tripleB ?? null };
}
