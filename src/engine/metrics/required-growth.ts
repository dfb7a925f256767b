/**
 * Required growth (RULEBOOK §8), for the latest buyer: how far the price and the pool must rise for
 * their points to be worth 1x, 2x and m x spend, and the days that takes if the modelled order flow
 * continues (null, with a reason, when it never does).
 */
import type { FlowRun } from '../flow/run.ts';
import { amountSource, expectedBuyers, flowDecays } from '../flow/orders.ts';
import { Rng } from '../flow/rng.ts';
import type { Fig } from '../number-format.ts';
import type { RequiredGrowth } from '../result.ts';
import type { FlowScenarioV1 } from '../scenario/schema.ts';
import { fig } from './figures.ts';

export function requiredGrowth<T>(run: Extract<FlowRun<T>, { ok: true }>, s: FlowScenarioV1): RequiredGrowth {
  const { book } = run;
  const A = book.A;
  const f = s.flow;
  const { g, m, poolShare } = book.rulesNow;
  const u = run.lastBuyer;
  const multiples = [A.one, A.of(2)];
  if (m !== null && A.cmp(m, A.of(2)) !== 0) multiples.push(m);
  if (u < 0) {
    return { buyer: null, multiples: [], reason: 'no buyer has ordered', ...(run.stoppedOn !== null ? { stoppedOn: run.stoppedOn } : {}) };
  }
  const buyer = { id: `#${u + 1}`, day: book.firstDayOf(u), spend: fig(A, book.spentOf(u)), points: fig(A, book.obtainedOf(u)) };
  const obtained = book.obtainedOf(u);
  const gNum = A.num(g);
  const stopped = run.stoppedOn !== null;
  const perBuyer = amountSource(f.orderAmount, new Rng(0)).mean * A.num(poolShare);
  const meanInflow = (d: number) => expectedBuyers(f.buyers.perDay, f.buyers.growth, d) * perBuyer;
  const pool0 = A.num(book.pool);
  const rows = multiples.map((k) => {
    const row = { multiple: fig(A, k), priceFold: null as Fig | null, poolFold: null as Fig | null, days: null as number | null } as RequiredGrowth['multiples'][number];
    if (A.isZero(obtained)) {
      row.reason = 'the latest buyer holds no points';
      return row;
    }
    // price needed for the points obtained to be worth k x basis, against today's price
    let priceFold = A.div(A.mul(k, book.basisOf(u)), A.mul(obtained, book.price));
    if (A.cmp(priceFold, A.one) < 0) priceFold = A.one;
    row.priceFold = fig(A, priceFold);
    if (gNum >= 1) {
      row.reason = 'with a gift ratio of 1, orders do not lift the price';
      return row;
    }
    const poolFold = Math.pow(A.num(priceFold), 1 / (1 - gNum));
    row.poolFold = A.mode === 'fast' ? poolFold : String(poolFold);
    // after a stop no order lifts the pool again: "never: orders stopped on day N" (RULEBOOK §8),
    // even where the latest buyer's points obtained would be worth enough at today's price (they
    // may long have been sold for less)
    if (stopped) {
      row.reason = `orders stopped on day ${run.stoppedOn}`;
      return row;
    }
    if (poolFold <= 1) {
      row.days = 0;
      return row;
    }
    if (A.isZero(poolShare)) {
      row.reason = 'no share of an order enters the pool';
      return row;
    }
    const need = pool0 * (poolFold - 1);
    let got = 0;
    const LIMIT = 1_000_000;
    for (let d = f.days + 1; d <= f.days + LIMIT; d++) {
      const inflow = meanInflow(d);
      got += inflow;
      if (got >= need) {
        row.days = d - f.days;
        return row;
      }
      if (inflow === 0 && flowDecays(f.buyers.perDay, f.buyers.growth)) break;
    }
    if (flowDecays(f.buyers.perDay, f.buyers.growth)) {
      row.reason = 'the modelled order flow dwindles to nothing before the pool grows enough';
      return row;
    }
    const last = meanInflow(f.days + LIMIT);
    row.days = LIMIT + Math.ceil((need - got) / last);
    return row;
  });
  return stopped ? { buyer, multiples: rows, stoppedOn: run.stoppedOn! } : { buyer, multiples: rows };
}
