/**
 * Figures of the seed's rules that the explainer pages quote, each computed by the engine (exact
 * ledger, or the float ledger where a run takes hundreds of thousands of orders). Pure, no DOM;
 * computed once per build and cached.
 */
import { exact, exampleReach, fast, Ledger, runScenario, SEED_EXAMPLE, SEED_RULES_FILLED, workedExample } from '../engine/index.ts';
import type { Var } from '../i18n/figure.ts';
import { officeFigures } from './office.ts';

const A = exact;
/** the seed's rules, the schema's defaults filled in (the engine's) */
const seedRules = () => SEED_RULES_FILLED;
const v = (value: string | number, kind: Var['kind']): Var => ({ value: String(value), kind });

/** Pool growth (with orders only, nobody selling) that the Nth buyer needs for their points to be worth k x spend. */
export function poolFoldFor(buyer: number, k: number): number {
  const rules = { ...seedRules(), exitMultiple: null };
  const L = new Ledger(fast, rules);
  for (let i = 0; i < buyer; i++) L.order(undefined, 1000);
  const u = L.user(`#${buyer}`)!;
  const target = L.priceForMultiple(u, k)!;
  const start = L.pool;
  let guard = 0;
  while (L.price < target && guard++ < 5_000_000) L.order(undefined, 1000);
  return L.pool / start;
}

/** Every holder sells out in turn after n equal orders: what share of the pool is paid out, and what is left. */
export function fullRun(n: number, order: 'earliest' | 'latest'): { left: string; leftShare: string } {
  const L = new Ledger(A, { ...seedRules(), exitMultiple: null });
  for (let i = 0; i < n; i++) L.order(undefined, 1000);
  const before = L.pool;
  const ids = Array.from({ length: n }, (_, i) => `#${i + 1}`);
  if (order === 'latest') ids.reverse();
  for (const id of ids) L.sell(id, { all: true });
  return { left: A.str(L.pool), leftShare: A.str(A.div(L.pool, before)) };
}

/** The price factor of one more order of `amount` at a pool P (RULEBOOK §5): (P + I) / (P + gI). */
function orderFactorAfter(n: number): string {
  const L = new Ledger(A, seedRules());
  for (let i = 0; i < n; i++) L.order(undefined, 1000);
  const before = L.price;
  L.order(undefined, 1000);
  return A.str(A.div(L.price, before));
}

/** A buyer's points at the price they were issued at, for the Nth buyer. */
function markAtEntry(n: number): string {
  const L = new Ledger(A, { ...seedRules(), exitMultiple: null });
  for (let i = 0; i < n; i++) L.order(undefined, 1000);
  const u = L.user(`#${n}`)!;
  return A.str(A.mul(u.holding, L.price));
}

let cache: Record<string, Var> | undefined;

/** name -> figure, for {{name}} placeholders in the prose. */
export function seedFigures(): Record<string, Var> {
  if (cache) return cache;
  const out: Record<string, Var> = {};
  const rules = seedRules();
  const r = runScenario(SEED_EXAMPLE);
  if (!r.ok) throw new Error('seed example does not run');
  r.result.steps.forEach((s, i) => {
    const n = i + 1;
    out[`seed.issued${n}`] = v(s.issued!, 'points');
    out[`seed.pool${n}`] = v(s.pool, 'money');
    out[`seed.points${n}`] = v(s.points, 'points');
    out[`seed.price${n}`] = v(s.price, 'price');
    out[`seed.price${n}x4`] = v(s.price, 'price4');
  });
  out['seed.amount'] = v(1000, 'money');
  out['seed.initialPrice'] = v(rules.initialPrice, 'factor');
  out['seed.cost'] = v(A.str(A.mul(A.of(1000), A.of(rules.split.cost))), 'money');
  out['seed.inflow'] = v(A.str(A.mul(A.of(1000), A.of(rules.split.pool))), 'money');
  out['seed.gift'] = v(A.str(A.mul(A.of(1000), A.mul(A.of(rules.split.pool), A.of(rules.giftRatio)))), 'money');
  out['seed.poolShare'] = v(rules.split.pool, 'share');
  out['seed.distributionShare'] = v(rules.split.distribution, 'share');
  out['seed.costShare'] = v(rules.split.cost, 'share');
  out['seed.platformShare'] = v(rules.split.platform, 'share');
  out['seed.giftRatio'] = v(rules.giftRatio, 'share');
  out['seed.withholding'] = v(rules.sellWithholding, 'share');
  out['seed.payShare'] = v(1 - rules.sellWithholding, 'share');
  out['seed.exitMultiple'] = v(rules.exitMultiple ?? 0, 'factor');
  out['seed.giftOfSpend'] = v(A.str(A.mul(A.of(rules.split.pool), A.of(rules.giftRatio))), 'share');
  out['seed.oneMinusGift'] = v(A.str(A.sub(A.one, A.of(rules.giftRatio))), 'share');
  out['seed.priceExponent'] = v(A.str(A.sub(A.one, A.of(rules.giftRatio))), 'factor');
  // outside money that "almost everyone consumes for free" needs: 1 - pool share, less what referral pays
  out['seed.outsideMax'] = v(A.str(A.sub(A.one, A.of(rules.split.pool))), 'share');
  out['seed.outsideMin'] = v(A.str(A.sub(A.sub(A.one, A.of(rules.split.pool)), A.of(rules.split.distribution))), 'share');

  // the worked example carried on (the walkthrough's story), from the engine
  const x = workedExample();
  out['seed.breakEven'] = v(x.breakEven.price, 'price');
  out['seed.tripleA'] = v(x.exitAt.A, 'price');
  out['seed.tripleB'] = v(x.exitAt.B, 'price');
  out['seed.tripleC'] = v(x.exitAt.C, 'price');
  out['seed.doubleA'] = v(x.jump.target, 'price');
  out['seed.jumpSubsidy'] = v(x.jump.subsidy, 'money');
  out['seed.saleValue'] = v(x.sale.value, 'money');
  out['seed.salePaid'] = v(x.sale.paid, 'money');
  out['seed.saleWithheld'] = v(x.sale.withheld, 'money');
  out['seed.saleGainB'] = v(x.sale.gainB, 'money');
  out['seed.saleGainC'] = v(x.sale.gainC, 'money');
  out['seed.priceAfterSale'] = v(x.sale.after.price, 'price');
  out['seed.cascadeSubsidy'] = v(x.cascade.subsidy, 'money');
  out['seed.cascadePriceAfterB'] = v(x.cascade.priceAfterB, 'price');
  out['seed.cascadePaidB'] = v(x.cascade.paidB, 'money');
  out['seed.cascadePaidC'] = v(x.cascade.paidC, 'money');
  out['seed.cascadeLeft'] = v(x.cascade.after.pool, 'money');
  out['seed.totalSubsidies'] = v(x.summary.subsidies, 'money');
  out['seed.totalPaid'] = v(x.summary.paid, 'money');
  out['seed.saleFactor'] = v(A.str(A.div(A.of(x.sale.after.price), A.of(x.sale.priceBefore))), 'factor');
  // the rise the price needs for break-even, 2x, 3x: k / (g x pool share)
  const gp = A.mul(A.of(rules.giftRatio), A.of(rules.split.pool));
  for (const k of [1, 2, 3]) out[`seed.priceFold${k}`] = v(A.str(A.div(A.of(k), gp)), 'factor');

  const reach = exampleReach();
  out['seed.ordersBreakEven'] = v(reach.breakEven ?? 0, 'count');
  out['seed.ordersTripleA'] = v(reach.tripleA ?? 0, 'count');
  out['seed.ordersTripleB'] = v(reach.tripleB ?? 0, 'count');

  // one order's price factor: first, at the fourth order, after 300 orders
  out['seed.factorFirst'] = v(orderFactorAfter(0), 'factor');
  out['seed.factorFourth'] = v(orderFactorAfter(3), 'factor');
  out['seed.factorAfter300'] = v(orderFactorAfter(300), 'price4');
  // the transfer of one order from the new buyer to holders: I - gI(P + I)/(P + gI), at P = 900
  const transferAt = (P: ReturnType<typeof A.of>) => {
    const I = A.of(300);
    const gI = A.mul(A.of(rules.giftRatio), I);
    return A.str(A.sub(I, A.div(A.mul(gI, A.add(P, I)), A.add(P, gI))));
  };
  out['seed.transferFourth'] = v(transferAt(A.of(900)), 'money');
  // after 300 orders (a public write-up quotes 7.19)
  const L300 = new Ledger(A, seedRules());
  for (let i = 0; i < 300; i++) L300.order(undefined, 1000);
  out['seed.price300'] = v(A.str(L300.price), 'price');
  out['seed.price300x4'] = v(A.str(L300.price), 'price4');
  out['seed.pool300'] = v(A.str(L300.pool), 'money');
  out['seed.transferAfter300'] = v(transferAt(L300.pool), 'money');
  out['seed.transferLimit'] = v(A.str(A.mul(A.sub(A.one, A.of(rules.giftRatio)), A.of(300))), 'money');

  out['seed.markFirst'] = v(markAtEntry(1), 'money');
  out['seed.markHundredth'] = v(markAtEntry(100), 'money');

  // pool growth needed by the 100th buyer, orders only
  out['seed.poolFold1'] = v(Math.round(poolFoldFor(100, 1)), 'count');
  out['seed.poolFold2'] = v(Math.round(poolFoldFor(100, 2)), 'count');
  out['seed.poolFold3'] = v(Math.round(poolFoldFor(100, 3)), 'count');

  // a full run after 300 orders
  const early = fullRun(300, 'earliest');
  const late = fullRun(300, 'latest');
  out['seed.runLeftEarliest'] = v(early.leftShare, 'share');
  out['seed.runLeftLatest'] = v(late.leftShare, 'share');
  // the seed's model as a back office runs it (RULEBOOK §9.2): office.ts
  Object.assign(out, officeFigures());
  cache = out;
  return out;
}
