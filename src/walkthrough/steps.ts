/**
 * The walkthrough's steps: the seed's worked example (RULEBOOK §6) run event by event on the exact
 * engine, for any order amount. Pure: no DOM, no Svelte; the island only shows what this returns.
 *
 * Every figure of a step is read from the engine's ledger (or derived from its state with the
 * exact arithmetic, where the engine does not report an intermediate, e.g. the price between two
 * forced exits of one cascade); nothing is typed in by hand.
 */
import { exact, Ledger, SEED_EXAMPLE, validateScenario, type RulesV1 } from '../engine/index.ts';

type D = ReturnType<typeof exact.of>;

/** How a figure is shown: money to the cent, points to 4 decimals, a price to 2, a count, a share. */
export type VarKind = 'money' | 'points' | 'price' | 'price4' | 'count' | 'share' | 'share1' | 'factor' | 'compact' | 'text';
export interface Var {
  value: string;
  kind: VarKind;
}
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
/** round up to the cent: a subsidy that just reaches a threshold price */
const ceilCent = (x: D): D => A.round(x, 2, 'up');

/** The seed's rules, validated (defaults filled in) as the ledger takes them. */
export function seedRules(): RulesV1 {
  const v = validateScenario(SEED_EXAMPLE);
  if (!v.ok) throw new Error('the seed example does not validate');
  return v.scenario.rules;
}

/** Check an order amount as an <input> gives it; undefined when it is unusable. */
export function parseAmount(raw: unknown): number | undefined {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
  return Number.isFinite(n) && n >= MIN_AMOUNT && n <= MAX_AMOUNT ? n : undefined;
}

/**
 * The steps for orders of `amount` each (the seed's 1000 by default): the rules, three orders, the
 * break-even and 3x prices, a jump to the price at which A's points are worth 2x, A's sale, a
 * forced exit and its cascade, and who ended up with what.
 */
export interface Reach {
  /** equal orders from the first until the price reaches A's break-even, A's 3x and B's 3x prices */
  breakEven: number | null;
  tripleA: number | null;
  tripleB: number | null;
}

export function walkthroughSteps(amount: number = DEFAULT_AMOUNT, reach?: Reach): WalkStep[] {
  const rules = seedRules();
  const L = new Ledger(A, rules);
  const amt = A.of(amount);
  const s = rules.split;
  const g = A.of(rules.giftRatio);
  const w = A.of(rules.sellWithholding);
  const mult = A.of(rules.exitMultiple ?? 3);
  const state = () => ({ pool: A.str(L.pool), points: A.str(L.points), price: A.str(L.price) });
  const holders = (): Picture['holders'] =>
    ['A', 'B', 'C'].flatMap((id) => {
      const u = L.user(id);
      return u ? [{ id, spent: A.str(u.spent), cash: A.str(u.cash), holding: A.str(u.holding), status: u.status }] : [];
    });
  const picture = (moves: Line[] = [], targets: Picture['targets'] = []): Picture => ({ holders: holders(), moves, targets });
  /** the pool at which the price reaches `price` with the points in circulation now */
  const target = (user: string, price: D, key: string): Picture['targets'][number] => ({
    user,
    pool: A.str(A.mul(price, L.points)),
    label: { key, vars: { user: tx(user), price: pr(price) } },
  });
  const steps: WalkStep[] = [];

  // 1. the rules: what one order is split into
  steps.push({
    id: 'rules',
    title: { key: 'pages.walk.rules.title', vars: {} },
    formulas: [
      {
        key: 'pages.walk.rules.split',
        vars: {
          amount: m(amt),
          cost: m(A.mul(amt, A.of(s.cost))),
          distribution: m(A.mul(amt, A.of(s.distribution))),
          platform: m(A.mul(amt, A.of(s.platform))),
          inflow: m(A.mul(amt, A.of(s.pool))),
        },
      },
      { key: 'pages.walk.rules.gift', vars: { g: sh(g), inflow: m(A.mul(amt, A.of(s.pool))), gift: m(A.mul(g, A.mul(amt, A.of(s.pool)))) } },
      { key: 'pages.walk.rules.price', vars: { p0: pr(A.of(rules.initialPrice)) } },
    ],
    notes: [{ key: 'pages.walk.rules.note', vars: { w: sh(w), m: fa(mult) } }],
    state: state(),
    picture: picture([
      { key: 'pages.walk.pic.split', vars: { amount: m(amt), inflow: m(A.mul(amt, A.of(s.pool))), gift: m(A.mul(g, A.mul(amt, A.of(s.pool)))) } },
    ]),
  });

  // 2-4. three orders by A, B, C
  for (const id of ['A', 'B', 'C']) {
    const before = L.price;
    const poolBefore = L.pool;
    const pointsBefore = L.points;
    const inflow = A.mul(amt, A.of(s.pool));
    const o = L.order(id, amt);
    steps.push({
      id: `order-${id}`,
      title: { key: 'pages.walk.order.title', vars: { user: tx(id) } },
      formulas: [
        { key: 'pages.walk.order.inflow', vars: { user: tx(id), share: sh(A.of(s.pool)), amount: m(amt), inflow: m(inflow) } },
        { key: 'pages.walk.order.issued', vars: { g: sh(g), inflow: m(inflow), before: pr(before), issued: pt(o.issued) } },
        { key: 'pages.walk.order.pool', vars: { poolBefore: m(poolBefore), inflow: m(inflow), pool: m(L.pool) } },
        { key: 'pages.walk.order.points', vars: { pointsBefore: pt(pointsBefore), issued: pt(o.issued), points: pt(L.points) } },
        { key: 'pages.walk.order.price', vars: { pool: m(L.pool), points: pt(L.points), price: pr(L.price) } },
      ],
      notes: [
        {
          key: id === 'A' ? 'pages.walk.order.noteFirst' : 'pages.walk.order.noteNext',
          vars: { user: tx(id), g: sh(g), factor: fa(A.div(L.price, before)), worth: m(A.mul(o.issued, L.price)), amount: m(amt) },
        },
      ],
      state: state(),
      issued: A.str(o.issued),
      picture: picture([{ key: 'pages.walk.pic.order', vars: { user: tx(id), inflow: m(inflow), issued: pt(o.issued) } }]),
    });
  }
  const uA = L.user('A')!;
  const uB = L.user('B')!;
  const uC = L.user('C')!;

  // 5. break-even
  const beA = L.priceForMultiple(uA, 1)!;
  steps.push({
    id: 'break-even',
    title: { key: 'pages.walk.breakEven.title', vars: {} },
    formulas: [{ key: 'pages.walk.breakEven.formula', vars: { amount: m(amt), obtained: pt(uA.obtained), price: pr(beA) } }],
    notes: [
      { key: 'pages.walk.breakEven.note', vars: { price: pr(beA), now: pr(L.price), factor: fa(A.div(beA, L.price)), keep: sh(A.sub(A.one, w)) } },
      ...(reach?.breakEven ? [{ key: 'pages.walk.breakEven.orders', vars: { n: cnt(reach.breakEven), price: pr(beA) } }] : []),
    ],
    state: state(),
    picture: picture([], [target('A', beA, 'pages.walk.pic.breakEven')]),
  });

  // 6. the 3x exits of A, B and C
  const xA = L.priceForMultiple(uA, mult)!;
  const xB = L.priceForMultiple(uB, mult)!;
  const xC = L.priceForMultiple(uC, mult)!;
  steps.push({
    id: 'triple',
    title: { key: 'pages.walk.triple.title', vars: {} },
    formulas: [
      { key: 'pages.walk.triple.formula', vars: { user: tx('A'), m: fa(mult), amount: m(amt), target: m(A.mul(mult, amt)), obtained: pt(uA.obtained), price: pr(xA) } },
      { key: 'pages.walk.triple.formula', vars: { user: tx('B'), m: fa(mult), amount: m(amt), target: m(A.mul(mult, amt)), obtained: pt(uB.obtained), price: pr(xB) } },
      { key: 'pages.walk.triple.formula', vars: { user: tx('C'), m: fa(mult), amount: m(amt), target: m(A.mul(mult, amt)), obtained: pt(uC.obtained), price: pr(xC) } },
    ],
    notes: [
      { key: 'pages.walk.triple.note', vars: { m: fa(mult) } },
      ...(reach?.tripleA && reach.tripleB
        ? [{ key: 'pages.walk.triple.orders', vars: { nA: cnt(reach.tripleA), nB: cnt(reach.tripleB), priceA: pr(xA), priceB: pr(xB) } }]
        : []),
    ],
    state: state(),
    picture: picture([], [target('A', xA, 'pages.walk.pic.exitAt'), target('B', xB, 'pages.walk.pic.exitAt'), target('C', xC, 'pages.walk.pic.exitAt')]),
  });

  // 7. jump: a subsidy stands in for the many orders it would take to reach A's 2x price
  const twice = L.priceForMultiple(uA, 2)!;
  const jump = ceilCent(A.sub(A.mul(twice, L.points), L.pool));
  const poolBeforeJump = L.pool;
  L.subsidy(A.num(jump));
  steps.push({
    id: 'jump',
    title: { key: 'pages.walk.jump.title', vars: {} },
    formulas: [
      { key: 'pages.walk.jump.target', vars: { amount: m(A.mul(A.of(2), amt)), obtained: pt(uA.obtained), price: pr(twice) } },
      { key: 'pages.walk.jump.subsidy', vars: { price: pr(twice), points: pt(L.points), poolBefore: m(poolBeforeJump), subsidy: m(jump) } },
      { key: 'pages.walk.jump.worth', vars: { obtained: pt(uA.holding), price: pr(L.price), worth: m(A.mul(uA.holding, L.price)) } },
    ],
    notes: [{ key: 'pages.walk.jump.note', vars: {} }],
    state: state(),
    picture: picture([{ key: 'pages.walk.pic.subsidy', vars: { amount: m(jump) } }]),
  });

  // 8. A sells everything: pays 80%, 20% stays in the pool, shared by B and C pro rata
  const pBefore = L.price;
  const poolBeforeSale = L.pool;
  const pointsBeforeSale = L.points;
  const sale = L.sell('A', { all: true });
  const withheld = A.sub(sale.value, sale.paid);
  const gainB = A.mul(uB.holding, A.sub(L.price, pBefore));
  const gainC = A.mul(uC.holding, A.sub(L.price, pBefore));
  steps.push({
    id: 'sale',
    title: { key: 'pages.walk.sale.title', vars: { keep: sh(A.sub(A.one, w)), w: sh(w) } },
    formulas: [
      { key: 'pages.walk.sale.value', vars: { sold: pt(sale.sold), price: pr(pBefore), value: m(sale.value) } },
      { key: 'pages.walk.sale.paid', vars: { keep: sh(A.sub(A.one, w)), value: m(sale.value), paid: m(sale.paid), withheld: m(withheld) } },
      { key: 'pages.walk.sale.pool', vars: { poolBefore: m(poolBeforeSale), paid: m(sale.paid), pool: m(L.pool) } },
      { key: 'pages.walk.sale.price', vars: { pool: m(L.pool), pointsBefore: pt(pointsBeforeSale), sold: pt(sale.sold), points: pt(L.points), price: pr(L.price) } },
    ],
    notes: [
      { key: 'pages.walk.sale.note', vars: { withheld: m(withheld), gainB: m(gainB), gainC: m(gainC), paid: m(sale.paid), amount: m(amt) } },
    ],
    state: state(),
    picture: picture([{ key: 'pages.walk.pic.sale', vars: { user: tx('A'), sold: pt(sale.sold), paid: m(sale.paid), withheld: m(withheld) } }]),
  });

  // 9. a forced exit and its cascade: a second subsidy lifts the price to B's 3x
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
  const paidC = uC.cash;
  steps.push({
    id: 'cascade',
    title: { key: 'pages.walk.cascade.title', vars: {} },
    formulas: [
      { key: 'pages.walk.cascade.subsidy', vars: { subsidy: m(push), price: pr(p1), target: pr(xB) } },
      { key: 'pages.walk.cascade.exitB', vars: { held: pt(holdB), price: pr(p1), value: m(A.mul(holdB, p1)), paid: m(paidB) } },
      { key: 'pages.walk.cascade.priceAfterB', vars: { price: pr(p2), target: pr(xC) } },
      { key: 'pages.walk.cascade.exitC', vars: { held: pt(holdC), price: pr(p2), value: m(A.mul(holdC, p2)), paid: m(paidC) } },
    ],
    notes: [{ key: 'pages.walk.cascade.note', vars: { exits: { value: forced.join(' → '), kind: 'text' }, pool: m(L.pool) } }],
    state: state(),
    picture: picture([
      { key: 'pages.walk.pic.subsidy', vars: { amount: m(push) } },
      { key: 'pages.walk.pic.exit', vars: { user: tx('B'), sold: pt(holdB), paid: m(paidB) } },
      { key: 'pages.walk.pic.exit', vars: { user: tx('C'), sold: pt(holdC), paid: m(paidC) } },
    ]),
  });

  // 10. who got what, and from where
  const acc = L.accounts;
  steps.push({
    id: 'summary',
    title: { key: 'pages.walk.summary.title', vars: {} },
    formulas: [
      {
        key: 'pages.walk.summary.money',
        vars: { spend: m(acc.orders), inflow: m(acc.poolInflow), subsidies: m(acc.subsidies), paid: m(acc.paid), left: m(L.pool) },
      },
    ],
    notes: [{ key: 'pages.walk.summary.note', vars: { subsidies: m(acc.subsidies), inflow: m(acc.poolInflow) } }],
    state: state(),
    users: [uA, uB, uC].map((u) => ({ id: u.id, spent: A.str(u.spent), cash: A.str(u.cash), holding: A.str(u.holding), status: u.status })),
    picture: picture([{ key: 'pages.walk.pic.summary', vars: { inflow: m(acc.poolInflow), subsidies: m(acc.subsidies), paid: m(acc.paid) } }]),
  });
  return steps;
}

/**
 * How many equal orders, from the first, it takes for the price to reach each target under the
 * seed's rules with nobody selling (forced exits on, as the rules say). The price path of equal
 * orders does not depend on their amount, so neither do these counts (a test checks it).
 */
export function ordersToReach(targets: string[], amount: number = DEFAULT_AMOUNT, cap = 100_000): (number | null)[] {
  if (targets.length === 0) return [];
  const L = new Ledger(A, seedRules());
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

/** The prices the walkthrough names, exact: break-even of A, 3x of A and B, 2x of A. */
export function keyPrices(amount: number = DEFAULT_AMOUNT): { breakEven: string; tripleA: string; tripleB: string; doubleA: string } {
  const steps = walkthroughSteps(amount);
  const be = steps.find((x) => x.id === 'break-even')!.formulas[0]!.vars['price']!.value;
  const tr = steps.find((x) => x.id === 'triple')!.formulas;
  const jump = steps.find((x) => x.id === 'jump')!.formulas[0]!.vars['price']!.value;
  return { breakEven: be, tripleA: tr[0]!.vars['price']!.value, tripleB: tr[1]!.vars['price']!.value, doubleA: jump };
}

/** The counts of equal orders for the walkthrough's break-even and 3x prices. */
export function walkthroughReach(amount: number = DEFAULT_AMOUNT): Reach {
  const k = keyPrices(amount);
  const [breakEven, tripleA, tripleB] = ordersToReach([k.breakEven, k.tripleA, k.tripleB], amount);
  return { breakEven: breakEven ?? null, tripleA: tripleA ?? null, tripleB: tripleB ?? null };
}

/**
 * The walkthrough as a scripted scenario for `simulate` (examples/walkthrough.json): the three
 * orders, the jump subsidy, A's sale, the cascade's subsidy. Running it reproduces every step.
 */
export function walkthroughScenario(amount: number = DEFAULT_AMOUNT) {
  const steps = walkthroughSteps(amount);
  const jump = steps.find((s) => s.id === 'jump')!.formulas[1]!.vars['subsidy']!.value;
  const push = steps.find((s) => s.id === 'cascade')!.formulas[0]!.vars['subsidy']!.value;
  return {
    name: 'The walkthrough: the seed example, a jump to 2x for A, A sells, a forced exit and its cascade',
    rules: SEED_EXAMPLE.rules,
    script: [
      { order: { user: 'A', amount } },
      { order: { user: 'B', amount } },
      { order: { user: 'C', amount } },
      { subsidy: { amount: Number(jump) } },
      { sell: { user: 'A', all: true as const } },
      { subsidy: { amount: Number(push) } },
    ],
  };
}

/** examples/walkthrough.json as written by scripts/scenario-presets.ts */
export function walkthroughFileText(): string {
  return `${JSON.stringify({ $schema: '../schema/scenario.v1.schema.json', ...walkthroughScenario() }, null, 2)}\n`;
}
