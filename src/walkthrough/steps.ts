/**
 * The walkthrough's steps: the seed's worked example (RULEBOOK §6) run event by event on the exact
 * engine, for any order amount. Pure: no DOM, no Svelte; the island only shows what this returns.
 *
 * Every figure of a step is the engine's worked example (src/engine/worked-example.ts: the exact
 * ledger's figures, or derived from its state with the exact arithmetic where the ledger does not
 * report an intermediate); this module words them. Nothing is typed in by hand.
 */
import { exact, exampleReach, ordersToReach as engineOrdersToReach, SEED_EXAMPLE, SEED_RULES_FILLED, workedExample, type Reach, type RulesV1, type Snapshot } from '../engine/index.ts';

type D = ReturnType<typeof exact.of>;

import type { Var } from '../i18n/figure.ts';

export type { Var, VarKind } from '../i18n/figure.ts';
export type Vars = Record<string, Var>;

/** A line of the step: a message key of src/i18n/pages.*.ts and the figures it interpolates. */
export interface Line {
  key: string;
  vars: Vars;
}

export interface WalkStep {
  id: string;
  /** the title */
  title: Line;
  /** the formulas with the live numbers, one per line */
  formulas: Line[];
  /** what it means, in prose */
  notes: Line[];
  /** the state after the step */
  state: { pool: string; points: string; price: string };
  /** points issued by this step, for order steps */
  issued?: string;
  /** a small table: user, spent, cash, holding, value, status */
  users?: { id: string; spent: string; cash: string; holding: string; status: 'active' | 'exited' }[];
  /** what the step's picture draws */
  picture: Picture;
}

/**
 * The picture of a step: the pool as a container of money, the points in circulation, the price
 * as their ratio (from `state`), each buyer's holding, what the step moved, and the pool a price
 * the step names would need (with the points in circulation now).
 */
export interface Picture {
  /** the buyers so far, after the step */
  holders: { id: string; spent: string; cash: string; holding: string; status: 'active' | 'exited' }[];
  /** what moved, one line each: money into or out of the pool, points issued or retired */
  moves: Line[];
  /** a pool level the step names: the pool at which a buyer's price target is reached */
  targets: { user: string; pool: string; label: Line }[];
}

/** The glossary entry of each figure a step shows (its label links there and shows its definition in place). */
export const WALK_TERMS = { pool: 'pool', issued: 'points', points: 'points', price: 'price' } as const;
export type WalkTerm = keyof typeof WALK_TERMS;

export const DEFAULT_AMOUNT = 1000;
export const MAX_AMOUNT = 1_000_000_000;
/** below 1 the cent rounding of the stand-in subsidies would show in the figures */
export const MIN_AMOUNT = 1;

const A = exact;
const m = (x: D | string | number): Var => ({ value: str(x), kind: 'money' });
const pt = (x: D | string | number): Var => ({ value: str(x), kind: 'points' });
const pr = (x: D | string | number): Var => ({ value: str(x), kind: 'price' });
const sh = (x: D | string | number): Var => ({ value: str(x), kind: 'share' });
const fa = (x: D | string | number): Var => ({ value: str(x), kind: 'factor' });
const tx = (x: string): Var => ({ value: x, kind: 'text' });
const cnt = (x: number): Var => ({ value: String(x), kind: 'count' });
function str(x: D | string | number): string {
  return typeof x === 'string' ? x : typeof x === 'number' ? String(x) : A.str(x);
}

/** The seed's rules, validated (defaults filled in) as the ledger takes them: the engine's. */
export const seedRules = (): RulesV1 => SEED_RULES_FILLED;

/** Check an order amount as an <input> gives it; undefined when it is unusable. */
export function parseAmount(raw: unknown): number | undefined {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
  return Number.isFinite(n) && n >= MIN_AMOUNT && n <= MAX_AMOUNT ? n : undefined;
}

export type { Reach };

/**
 * The steps for orders of `amount` each (the seed's 1000 by default): the rules, three orders, the
 * break-even and 3x prices, a jump to the price at which A's points are worth 2x, A's sale, a
 * forced exit and its cascade, and who ended up with what. The figures are the engine's worked
 * example (src/engine/worked-example.ts); this words them.
 */
export function walkthroughSteps(amount: number = DEFAULT_AMOUNT, reach?: Reach): WalkStep[] {
  const x = workedExample(amount);
  const rules = x.rules;
  const amt = x.amount;
  const s = rules.split;
  const g = rules.giftRatio;
  const w = A.of(rules.sellWithholding);
  const keep = A.sub(A.one, w);
  const mult = x.multiple;
  const state = (n: Snapshot) => ({ pool: n.pool, points: n.points, price: n.price });
  const picture = (n: Snapshot, moves: Line[] = [], targets: Picture['targets'] = []): Picture => ({ holders: n.holders, moves, targets });
  /** the pool at which the price reaches `price` with the points in circulation of `n` */
  const target = (n: Snapshot, user: string, price: string, key: string): Picture['targets'][number] => ({
    user,
    pool: A.str(A.mul(A.of(price), A.of(n.points))),
    label: { key, vars: { user: tx(user), price: pr(price) } },
  });
  const steps: WalkStep[] = [];

  // 1. the rules: what one order is split into
  steps.push({
    id: 'rules',
    title: { key: 'pages.walk.rules.title', vars: {} },
    formulas: [
      { key: 'pages.walk.rules.split', vars: { amount: m(amt), cost: m(x.split.cost), distribution: m(x.split.distribution), platform: m(x.split.platform), inflow: m(x.split.inflow) } },
      { key: 'pages.walk.rules.gift', vars: { g: sh(g), inflow: m(x.split.inflow), gift: m(x.split.gift) } },
      { key: 'pages.walk.rules.price', vars: { p0: pr(A.of(rules.initialPrice)) } },
    ],
    notes: [{ key: 'pages.walk.rules.note', vars: { w: sh(w), m: fa(mult) } }],
    state: state(x.start),
    picture: picture(x.start, [{ key: 'pages.walk.pic.split', vars: { amount: m(amt), inflow: m(x.split.inflow), gift: m(x.split.gift) } }]),
  });

  // 2-4. three orders by A, B, C
  for (const o of x.orders) {
    const id = o.user;
    steps.push({
      id: `order-${id}`,
      title: { key: 'pages.walk.order.title', vars: { user: tx(id) } },
      formulas: [
        { key: 'pages.walk.order.inflow', vars: { user: tx(id), share: sh(A.of(s.pool)), amount: m(amt), inflow: m(o.inflow) } },
        { key: 'pages.walk.order.issued', vars: { g: sh(g), inflow: m(o.inflow), before: pr(o.priceBefore), issued: pt(o.issued) } },
        { key: 'pages.walk.order.pool', vars: { poolBefore: m(o.poolBefore), inflow: m(o.inflow), pool: m(o.after.pool) } },
        { key: 'pages.walk.order.points', vars: { pointsBefore: pt(o.pointsBefore), issued: pt(o.issued), points: pt(o.after.points) } },
        { key: 'pages.walk.order.price', vars: { pool: m(o.after.pool), points: pt(o.after.points), price: pr(o.after.price) } },
      ],
      notes: [{ key: id === 'A' ? 'pages.walk.order.noteFirst' : 'pages.walk.order.noteNext', vars: { user: tx(id), g: sh(g), factor: fa(o.factor), worth: m(o.worth), amount: m(amt) } }],
      state: state(o.after),
      issued: o.issued,
      picture: picture(o.after, [{ key: 'pages.walk.pic.order', vars: { user: tx(id), inflow: m(o.inflow), issued: pt(o.issued) } }]),
    });
  }
  const afterOrders = x.orders[x.orders.length - 1]!.after;

  // 5. break-even
  const beA = x.breakEven.price;
  steps.push({
    id: 'break-even',
    title: { key: 'pages.walk.breakEven.title', vars: {} },
    formulas: [{ key: 'pages.walk.breakEven.formula', vars: { amount: m(amt), obtained: pt(x.obtained.A), price: pr(beA) } }],
    notes: [
      { key: 'pages.walk.breakEven.note', vars: { price: pr(beA), now: pr(afterOrders.price), factor: fa(x.breakEven.factor), keep: sh(keep) } },
      ...(reach?.breakEven ? [{ key: 'pages.walk.breakEven.orders', vars: { n: cnt(reach.breakEven), price: pr(beA) } }] : []),
    ],
    state: state(afterOrders),
    picture: picture(afterOrders, [], [target(afterOrders, 'A', beA, 'pages.walk.pic.breakEven')]),
  });

  // 6. the 3x exits of A, B and C
  const target3 = A.str(A.mul(A.of(mult), A.of(amt)));
  steps.push({
    id: 'triple',
    title: { key: 'pages.walk.triple.title', vars: {} },
    formulas: (['A', 'B', 'C'] as const).map((u) => ({ key: 'pages.walk.triple.formula', vars: { user: tx(u), m: fa(mult), amount: m(amt), target: m(target3), obtained: pt(x.obtained[u]), price: pr(x.exitAt[u]) } })),
    notes: [
      { key: 'pages.walk.triple.note', vars: { m: fa(mult) } },
      ...(reach?.tripleA && reach.tripleB
        ? [{ key: 'pages.walk.triple.orders', vars: { nA: cnt(reach.tripleA), nB: cnt(reach.tripleB), priceA: pr(x.exitAt.A), priceB: pr(x.exitAt.B) } }]
        : []),
    ],
    state: state(afterOrders),
    picture: picture(afterOrders, [], (['A', 'B', 'C'] as const).map((u) => target(afterOrders, u, x.exitAt[u], 'pages.walk.pic.exitAt'))),
  });

  // 7. jump: a subsidy stands in for the many orders it would take to reach A's 2x price
  const j = x.jump;
  steps.push({
    id: 'jump',
    title: { key: 'pages.walk.jump.title', vars: {} },
    formulas: [
      { key: 'pages.walk.jump.target', vars: { amount: m(A.mul(A.of(2), A.of(amt))), obtained: pt(x.obtained.A), price: pr(j.target) } },
      { key: 'pages.walk.jump.subsidy', vars: { price: pr(j.target), points: pt(j.after.points), poolBefore: m(j.poolBefore), subsidy: m(j.subsidy) } },
      { key: 'pages.walk.jump.worth', vars: { obtained: pt(j.holdingA), price: pr(j.after.price), worth: m(j.worthA) } },
    ],
    notes: [{ key: 'pages.walk.jump.note', vars: {} }],
    state: state(j.after),
    picture: picture(j.after, [{ key: 'pages.walk.pic.subsidy', vars: { amount: m(j.subsidy) } }]),
  });

  // 8. A sells everything: pays 80%, 20% stays in the pool, shared by B and C pro rata
  const sale = x.sale;
  steps.push({
    id: 'sale',
    title: { key: 'pages.walk.sale.title', vars: { keep: sh(keep), w: sh(w) } },
    formulas: [
      { key: 'pages.walk.sale.value', vars: { sold: pt(sale.sold), price: pr(sale.priceBefore), value: m(sale.value) } },
      { key: 'pages.walk.sale.paid', vars: { keep: sh(keep), value: m(sale.value), paid: m(sale.paid), withheld: m(sale.withheld) } },
      { key: 'pages.walk.sale.pool', vars: { poolBefore: m(sale.poolBefore), paid: m(sale.paid), pool: m(sale.after.pool) } },
      { key: 'pages.walk.sale.price', vars: { pool: m(sale.after.pool), pointsBefore: pt(sale.pointsBefore), sold: pt(sale.sold), points: pt(sale.after.points), price: pr(sale.after.price) } },
    ],
    notes: [{ key: 'pages.walk.sale.note', vars: { withheld: m(sale.withheld), gainB: m(sale.gainB), gainC: m(sale.gainC), paid: m(sale.paid), amount: m(amt) } }],
    state: state(sale.after),
    picture: picture(sale.after, [{ key: 'pages.walk.pic.sale', vars: { user: tx('A'), sold: pt(sale.sold), paid: m(sale.paid), withheld: m(sale.withheld) } }]),
  });

  // 9. a forced exit and its cascade: a second subsidy lifts the price to B's 3x
  const c = x.cascade;
  steps.push({
    id: 'cascade',
    title: { key: 'pages.walk.cascade.title', vars: {} },
    formulas: [
      { key: 'pages.walk.cascade.subsidy', vars: { subsidy: m(c.subsidy), price: pr(c.priceAtB), target: pr(x.exitAt.B) } },
      { key: 'pages.walk.cascade.exitB', vars: { held: pt(c.heldB), price: pr(c.priceAtB), value: m(c.valueB), paid: m(c.paidB) } },
      { key: 'pages.walk.cascade.priceAfterB', vars: { price: pr(c.priceAfterB), target: pr(x.exitAt.C) } },
      { key: 'pages.walk.cascade.exitC', vars: { held: pt(c.heldC), price: pr(c.priceAfterB), value: m(c.valueC), paid: m(c.paidC) } },
    ],
    notes: [{ key: 'pages.walk.cascade.note', vars: { exits: { value: c.forced.join(' → '), kind: 'text' }, pool: m(c.after.pool) } }],
    state: state(c.after),
    picture: picture(c.after, [
      { key: 'pages.walk.pic.subsidy', vars: { amount: m(c.subsidy) } },
      { key: 'pages.walk.pic.exit', vars: { user: tx('B'), sold: pt(c.heldB), paid: m(c.paidB) } },
      { key: 'pages.walk.pic.exit', vars: { user: tx('C'), sold: pt(c.heldC), paid: m(c.paidC) } },
    ]),
  });

  // 10. who got what, and from where
  const acc = x.summary;
  steps.push({
    id: 'summary',
    title: { key: 'pages.walk.summary.title', vars: {} },
    formulas: [
      {
        key: 'pages.walk.summary.money',
        vars: { spend: m(acc.orders), inflow: m(acc.poolInflow), subsidies: m(acc.subsidies), paid: m(acc.paid), left: m(acc.pool) },
      },
    ],
    notes: [{ key: 'pages.walk.summary.note', vars: { subsidies: m(acc.subsidies), inflow: m(acc.poolInflow) } }],
    state: state(c.after),
    users: c.after.holders,
    picture: picture(c.after, [{ key: 'pages.walk.pic.summary', vars: { inflow: m(acc.poolInflow), subsidies: m(acc.subsidies), paid: m(acc.paid) } }]),
  });
  return steps;
}

/** How many equal orders, from the first, it takes for the price to reach each target: the engine's. */
export const ordersToReach = (targets: string[], amount: number = DEFAULT_AMOUNT, cap = 100_000): (number | null)[] => engineOrdersToReach(targets, amount, cap);

/** The prices the walkthrough names, exact: break-even of A, 3x of A and B, 2x of A. */
export function keyPrices(amount: number = DEFAULT_AMOUNT): { breakEven: string; tripleA: string; tripleB: string; doubleA: string } {
  const x = workedExample(amount);
  return { breakEven: x.breakEven.price, tripleA: x.exitAt.A, tripleB: x.exitAt.B, doubleA: x.jump.target };
}

/** The counts of equal orders for the walkthrough's break-even and 3x prices. */
export const walkthroughReach = (amount: number = DEFAULT_AMOUNT): Reach => exampleReach(amount);

/**
 * The walkthrough as a scripted scenario for `simulate` (examples/walkthrough.json): the three
 * orders, the jump subsidy, A's sale, the cascade's subsidy. Running it reproduces every step.
 */
export function walkthroughScenario(amount: number = DEFAULT_AMOUNT) {
  const x = workedExample(amount);
  return {
    name: 'The walkthrough: the seed example, a jump to 2x for A, A sells, a forced exit and its cascade',
    rules: SEED_EXAMPLE.rules,
    script: [
      { order: { user: 'A', amount } },
      { order: { user: 'B', amount } },
      { order: { user: 'C', amount } },
      { subsidy: { amount: Number(x.jump.subsidy) } },
      { sell: { user: 'A', all: true as const } },
      { subsidy: { amount: Number(x.cascade.subsidy) } },
    ],
  };
}

/** examples/walkthrough.json as written by scripts/scenario-presets.ts */
export function walkthroughFileText(): string {
  return `${JSON.stringify({ $schema: '../schema/scenario.v1.schema.json', ...walkthroughScenario() }, null, 2)}\n`;
}
