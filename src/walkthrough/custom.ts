/**
 * "Your own example": a presenter's rules and a short script, as rows of an editable table, run on
 * the exact ledger step by step and shown with the walkthrough's pictures. Pure: no DOM, no Svelte.
 *
 * - rowsToScript: the rows as the scenario's script entries (format v1), each row checked as the
 *   schema would check it, with a problem in the page's language (a message key and its figures).
 * - customSteps: the steps (WalkStep, as the walkthrough's) up to the first row the engine refuses;
 *   that row gets the engine's problem, reworded in the page's language from the state before it.
 * - encodeExample / decodeExample: the rules and up to MAX_URL_ROWS rows in the address.
 * - customScenario: the scenario JSON that `simulate` runs to the same figures.
 * - scenarioToExample: a scenario file read back into rules and rows.
 */
import { exact, Ledger, LedgerError, MAX_AMOUNT, MAX_POINTS, MIN_AMOUNT, EXIT_TESTS, SEED_SPLIT, SEED_EXAMPLE, type ExitTest, type RulesV1 } from '../engine/index.ts';
import type { Line, Var, WalkStep, Picture } from './steps.ts';

type D = ReturnType<typeof exact.of>;
const A = exact;

/** The most rows the address carries (the page says so); a longer script travels as the file. */
export const MAX_URL_ROWS = 30;
/** The most rows the table takes (an imported file with more is refused). */
export const MAX_ROWS = 200;
/** the address's format version: the first field of ?example= */
const URL_VERSION = '1';

/** The presenter's rules: the pool's share of an order, the gift ratio, the withholding, the exit multiple (null: off) and test. */
export interface CustomRules {
  pool: string;
  gift: string;
  withholding: string;
  /** '' turns forced exits off */
  multiple: string;
  test: ExitTest;
}

export type RowKind = 'order' | 'sell' | 'subsidy' | 'rules';
export type SellHow = 'points' | 'value' | 'all';
export type RuleField = 'gift' | 'withholding' | 'multiple' | 'pool';
export const ROW_KINDS: RowKind[] = ['order', 'sell', 'subsidy', 'rules'];
export const SELL_HOWS: SellHow[] = ['points', 'value', 'all'];
export const RULE_FIELDS: RuleField[] = ['gift', 'withholding', 'multiple', 'pool'];

/** One row of the table, as the inputs give it (text). `how` is the sale's kind or the rule changed. */
export interface Row {
  kind: RowKind;
  user: string;
  how: string;
  amount: string;
}

/** A problem in the page's language: a message key (pages.custom.err.*) and its figures. */
export type RowProblem = Line;

/** The seed's rules and the walkthrough's script (less its stand-in subsidies): A, B, C order 1000, A sells all. */
export function defaultExample(): { rules: CustomRules; rows: Row[] } {
  const r = SEED_EXAMPLE.rules;
  return {
    rules: { pool: String(r.split.pool), gift: String(r.giftRatio), withholding: String(r.sellWithholding), multiple: String(r.exitMultiple), test: 'obtained' },
    rows: [
      { kind: 'order', user: 'A', how: '', amount: '1000' },
      { kind: 'order', user: 'B', how: '', amount: '1000' },
      { kind: 'order', user: 'C', how: '', amount: '1000' },
      { kind: 'subsidy', user: '', how: '', amount: '5000' },
      { kind: 'sell', user: 'A', how: 'value', amount: '500' },
      { kind: 'rules', user: '', how: 'gift', amount: '0.5' },
      { kind: 'order', user: 'D', how: '', amount: '2000' },
    ],
  };
}

// --- checking the inputs ----------------------------------------------------------------------

const num = (raw: string): number | undefined => {
  const s = raw.trim();
  if (s === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
};
const problem = (key: string, vars: Record<string, Var> = {}): RowProblem => ({ key: `pages.custom.err.${key}`, vars });
const money = (x: D | string | number): Var => ({ value: typeof x === 'object' ? A.str(x) : String(x), kind: 'money' });
const pts = (x: D | string | number): Var => ({ value: typeof x === 'object' ? A.str(x) : String(x), kind: 'points' });
const price = (x: D | string | number): Var => ({ value: typeof x === 'object' ? A.str(x) : String(x), kind: 'price' });
const share = (x: D | string | number): Var => ({ value: typeof x === 'object' ? A.str(x) : String(x), kind: 'share' });
const factor = (x: D | string | number): Var => ({ value: typeof x === 'object' ? A.str(x) : String(x), kind: 'factor' });
const text = (x: string): Var => ({ value: x, kind: 'text' });
const RANGE = { min: money(MIN_AMOUNT), max: money(MAX_AMOUNT) };

/** A share with at most 4 decimals from `min` to `max` (open at the top when `below`). */
function checkShare(raw: string, below = false): number | undefined {
  const n = num(raw);
  if (n === undefined || n < 0 || (below ? n >= 1 : n > 1)) return undefined;
  return Number(n.toFixed(4)) === n ? n : undefined;
}
/** An exit multiple: above 1, or '' for none. */
function checkMultiple(raw: string): number | null | undefined {
  if (raw.trim() === '') return null;
  const n = num(raw);
  return n !== undefined && n > 1 && n <= 1e6 ? n : undefined;
}

/**
 * The split of an order with the pool's share `pool`: the seed's distribution (0.3) and platform
 * (0.1) shares as far as they fit, the rest the cost of goods. Only the pool's share moves the
 * pool, the points and the price; the others only name where the rest of the order goes. Summed
 * in decimal (4 decimals at most), so that the four shares sum to exactly 1 as the schema asks.
 */
export function splitFor(pool: number): RulesV1['split'] {
  const rest = A.sub(A.one, A.of(pool));
  const platform = A.cmp(rest, A.of(SEED_SPLIT.platform)) < 0 ? rest : A.of(SEED_SPLIT.platform);
  const afterPlatform = A.sub(rest, platform);
  const distribution = A.cmp(afterPlatform, A.of(SEED_SPLIT.distribution)) < 0 ? afterPlatform : A.of(SEED_SPLIT.distribution);
  const cost = A.sub(afterPlatform, distribution);
  return { cost: A.num(cost), distribution: A.num(distribution), platform: A.num(platform), pool };
}

export type RulesCheck = { ok: true; rules: RulesV1 } | { ok: false; problems: Partial<Record<keyof CustomRules, RowProblem>> };

/** The presenter's rules as the ledger takes them, or a problem per field. */
export function checkRules(r: CustomRules): RulesCheck {
  const problems: Partial<Record<keyof CustomRules, RowProblem>> = {};
  const pool = checkShare(r.pool);
  const gift = checkShare(r.gift);
  const withholding = checkShare(r.withholding, true);
  const multiple = checkMultiple(r.multiple);
  if (pool === undefined || pool === 0) problems.pool = problem('pool');
  if (gift === undefined) problems.gift = problem('share');
  if (withholding === undefined) problems.withholding = problem('withholding');
  if (multiple === undefined) problems.multiple = problem('multiple');
  if (!EXIT_TESTS.includes(r.test)) problems.test = problem('test');
  if (Object.keys(problems).length > 0 || pool === undefined || gift === undefined || withholding === undefined || multiple === undefined) return { ok: false, problems };
  return {
    ok: true,
    rules: { split: splitFor(pool), giftRatio: gift, initialPrice: SEED_EXAMPLE.rules.initialPrice, sellWithholding: withholding, exitMultiple: multiple, exitTest: r.test },
  };
}

/** A script entry of format v1 (the subset the table writes). */
export type Entry =
  | { order: { user: string; amount: number } }
  | { sell: { user: string; points?: number; value?: number; all?: true } }
  | { subsidy: { amount: number } }
  | { rules: { giftRatio?: number; sellWithholding?: number; exitMultiple?: number | null; split?: RulesV1['split'] } };

const USER_OK = (u: string) => u.length >= 1 && u.length <= 64 && !u.startsWith('#');

/** One row as a script entry, checked as the schema checks it; or its problem. */
export function rowToEntry(row: Row): { ok: true; entry: Entry } | { ok: false; problem: RowProblem } {
  const user = row.user.trim();
  const amount = num(row.amount);
  const moneyOk = amount !== undefined && amount >= MIN_AMOUNT && amount <= MAX_AMOUNT;
  switch (row.kind) {
    case 'order':
      if (!USER_OK(user)) return { ok: false, problem: problem('user') };
      if (!moneyOk) return { ok: false, problem: problem('amount', RANGE) };
      return { ok: true, entry: { order: { user, amount: amount! } } };
    case 'sell':
      if (!USER_OK(user)) return { ok: false, problem: problem('user') };
      if (row.how === 'all') return { ok: true, entry: { sell: { user, all: true } } };
      if (row.how === 'points') {
        if (amount === undefined || amount <= 0 || amount > MAX_POINTS) return { ok: false, problem: problem('points') };
        return { ok: true, entry: { sell: { user, points: amount } } };
      }
      if (row.how === 'value') {
        if (!moneyOk) return { ok: false, problem: problem('amount', RANGE) };
        return { ok: true, entry: { sell: { user, value: amount! } } };
      }
      return { ok: false, problem: problem('how') };
    case 'subsidy':
      if (!moneyOk) return { ok: false, problem: problem('amount', RANGE) };
      return { ok: true, entry: { subsidy: { amount: amount! } } };
    case 'rules': {
      if (row.how === 'multiple') {
        const m = checkMultiple(row.amount);
        return m === undefined ? { ok: false, problem: problem('multiple') } : { ok: true, entry: { rules: { exitMultiple: m } } };
      }
      const s = checkShare(row.amount, row.how === 'withholding');
      if (row.how === 'gift') return s === undefined ? { ok: false, problem: problem('share') } : { ok: true, entry: { rules: { giftRatio: s } } };
      if (row.how === 'withholding') return s === undefined ? { ok: false, problem: problem('withholding') } : { ok: true, entry: { rules: { sellWithholding: s } } };
      if (row.how === 'pool') return s === undefined || s === 0 ? { ok: false, problem: problem('pool') } : { ok: true, entry: { rules: { split: splitFor(s) } } };
      return { ok: false, problem: problem('how') };
    }
    default:
      return { ok: false, problem: problem('how') };
  }
}

// --- running --------------------------------------------------------------------------------

export interface CustomRun {
  /** the steps that ran: the rules, then one per row up to the first bad row, then who got what */
  steps: WalkStep[];
  /** per row: its problem, or null; rows after the first bad one are 'skipped' */
  rowProblems: (RowProblem | 'skipped' | null)[];
  /** the index of the first bad row, or null */
  firstBad: number | null;
  /** the rules' problems (nothing runs without good rules) */
  rulesProblems: Partial<Record<keyof CustomRules, RowProblem>>;
}

/** The engine's refusal of a sale, reworded from the state before it (LedgerError words it in English for the command line). */
function saleProblem(L: Ledger<D>, entry: Extract<Entry, { sell: unknown }>): RowProblem {
  const u = L.user(entry.sell.user);
  const user = text(entry.sell.user);
  if (u === undefined) return problem('unknownBuyer', { user });
  if (A.isZero(u.holding)) return problem('noPoints', { user });
  const worth = A.mul(u.holding, L.price);
  if (entry.sell.value !== undefined) return problem('beyondValue', { user, holding: pts(u.holding), worth: money(worth), price: price(L.price), value: money(entry.sell.value) });
  return problem('beyondPoints', { user, holding: pts(u.holding), worth: money(worth), price: price(L.price), points: pts(entry.sell.points ?? 0) });
}

/** Run the rows on the exact ledger: the walkthrough's steps for your own script. */
export function customSteps(rules: CustomRules, rows: Row[]): CustomRun {
  const checked = checkRules(rules);
  if (!checked.ok) return { steps: [], rowProblems: rows.map(() => 'skipped'), firstBad: null, rulesProblems: checked.problems };
  const r = checked.rules;
  const L = new Ledger(A, r);
  const state = () => ({ pool: A.str(L.pool), points: A.str(L.points), price: A.str(L.price) });
  const holders = (): Picture['holders'] =>
    L.users.map((u) => ({ id: u.id, spent: A.str(u.spent), cash: A.str(u.cash), holding: A.str(u.holding), status: u.status }));
  const live = () => L.live;
  const steps: WalkStep[] = [];
  const multipleNote = (m: D | null): Line =>
    m === null ? { key: 'pages.custom.rules.noExit', vars: {} } : { key: `pages.custom.rules.exit.${L.live.exitTest}`, vars: { m: factor(m) } };

  steps.push({
    id: 'rules',
    title: { key: 'pages.custom.rules.title', vars: {} },
    formulas: [
      { key: 'pages.custom.rules.pool', vars: { share: share(r.split.pool), g: share(r.giftRatio) } },
      { key: 'pages.walk.rules.price', vars: { p0: price(r.initialPrice) } },
    ],
    notes: [{ key: 'pages.custom.rules.withholding', vars: { w: share(r.sellWithholding) } }, multipleNote(live().m)],
    state: state(),
    picture: { holders: holders(), moves: [], targets: [] },
  });

  const rowProblems: CustomRun['rowProblems'] = rows.map(() => null);
  let firstBad: number | null = null;
  for (let i = 0; i < rows.length; i++) {
    if (firstBad !== null) {
      rowProblems[i] = 'skipped';
      continue;
    }
    const mapped = rowToEntry(rows[i]!);
    if (!mapped.ok) {
      rowProblems[i] = mapped.problem;
      firstBad = i;
      continue;
    }
    const e = mapped.entry;
    const before = state();
    const was = new Map(L.users.map((u) => [u.id, { holding: u.holding, cash: u.cash }]));
    L.step++;
    let step: Omit<WalkStep, 'state' | 'picture' | 'notes'> & { moves: Line[]; notes: Line[] };
    let forced: string[];
    try {
      if ('order' in e) {
        const inflow = A.mul(A.of(e.order.amount), live().split.pool);
        const g = live().g;
        const o = L.order(e.order.user, e.order.amount);
        forced = o.forced;
        const user = text(e.order.user);
        step = {
          id: `row-${i + 1}`,
          title: { key: 'pages.walk.order.title', vars: { user } },
          formulas: [
            { key: 'pages.walk.order.inflow', vars: { user, share: share(live().split.pool), amount: money(e.order.amount), inflow: money(inflow) } },
            { key: 'pages.walk.order.issued', vars: { g: share(g), inflow: money(inflow), before: price(before.price), issued: pts(o.issued) } },
            { key: 'pages.walk.order.pool', vars: { poolBefore: money(before.pool), inflow: money(inflow), pool: money(L.pool) } },
            { key: 'pages.walk.order.points', vars: { pointsBefore: pts(before.points), issued: pts(o.issued), points: pts(L.points) } },
          ],
          issued: A.str(o.issued),
          moves: [{ key: 'pages.walk.pic.order', vars: { user, inflow: money(inflow), issued: pts(o.issued) } }],
          notes: [],
        };
      } else if ('sell' in e) {
        const keep = A.sub(A.one, live().w);
        let o;
        try {
          o = L.sell(e.sell.user, e.sell.all ? { all: true } : e.sell.points !== undefined ? { points: e.sell.points } : { value: e.sell.value! });
        } catch (err) {
          if (err instanceof LedgerError) throw new Refused(saleProblem(L, e));
          throw err;
        }
        forced = o.forced;
        const user = text(e.sell.user);
        const withheld = A.sub(o.value, o.paid);
        step = {
          id: `row-${i + 1}`,
          title: { key: 'pages.custom.sell.title', vars: { user } },
          formulas: [
            { key: 'pages.walk.sale.value', vars: { sold: pts(o.sold), price: price(before.price), value: money(o.value) } },
            { key: 'pages.custom.sell.paid', vars: { user, keep: share(keep), value: money(o.value), paid: money(o.paid), withheld: money(withheld) } },
            { key: 'pages.walk.sale.pool', vars: { poolBefore: money(before.pool), paid: money(o.paid), pool: money(L.pool) } },
          ],
          moves: [{ key: 'pages.walk.pic.sale', vars: { user, sold: pts(o.sold), paid: money(o.paid), withheld: money(withheld) } }],
          notes: [],
        };
      } else if ('subsidy' in e) {
        forced = L.subsidy(e.subsidy.amount).forced;
        step = {
          id: `row-${i + 1}`,
          title: { key: 'pages.custom.subsidy.title', vars: { amount: money(e.subsidy.amount) } },
          formulas: [{ key: 'pages.custom.subsidy.pool', vars: { poolBefore: money(before.pool), amount: money(e.subsidy.amount), pool: money(L.pool) } }],
          moves: [{ key: 'pages.walk.pic.subsidy', vars: { amount: money(e.subsidy.amount) } }],
          notes: [],
        };
      } else {
        const field = rows[i]!.how as RuleField;
        const old = live();
        const from = field === 'gift' ? share(old.g) : field === 'withholding' ? share(old.w) : field === 'pool' ? share(old.split.pool) : old.m === null ? text('—') : factor(old.m);
        forced = L.changeRules(e.rules).forced;
        const now = live();
        const to = field === 'gift' ? share(now.g) : field === 'withholding' ? share(now.w) : field === 'pool' ? share(now.split.pool) : now.m === null ? text('—') : factor(now.m);
        step = {
          id: `row-${i + 1}`,
          title: { key: 'pages.custom.change.title', vars: {} },
          formulas: [{ key: `pages.custom.change.${field}`, vars: { from, to } }],
          moves: [],
          notes: [{ key: 'pages.custom.change.note', vars: {} }],
        };
      }
    } catch (err) {
      if (err instanceof Refused) {
        rowProblems[i] = err.problem;
      } else if (err instanceof LedgerError) {
        rowProblems[i] = problem('other');
      } else throw err;
      firstBad = i;
      continue;
    }
    if (!('rules' in e)) step.formulas.push({ key: 'pages.walk.order.price', vars: { pool: money(L.pool), points: pts(L.points), price: price(L.price) } });
    for (const id of forced) {
      const u = L.user(id)!;
      const w = was.get(id);
      step.moves.push({
        key: 'pages.walk.pic.exit',
        vars: { user: text(id), sold: pts(w ? w.holding : A.zero), paid: money(w ? A.sub(u.cash, w.cash) : u.cash) },
      });
    }
    if (forced.length > 0) step.notes.push({ key: 'pages.custom.forced', vars: { exits: text(forced.join(' → ')) } });
    const { moves, ...rest } = step;
    steps.push({ ...rest, state: state(), picture: { holders: holders(), moves, targets: [] } });
  }

  // who got what
  const acc = L.accounts;
  steps.push({
    id: 'summary',
    title: { key: 'pages.custom.summary.title', vars: {} },
    formulas: [
      { key: 'pages.custom.summary.money', vars: { spend: money(acc.orders), inflow: money(acc.poolInflow), subsidies: money(acc.subsidies), paid: money(acc.paid), left: money(L.pool) } },
    ],
    notes: firstBad === null ? [] : [{ key: 'pages.custom.summary.stopped', vars: { row: { value: String(firstBad + 1), kind: 'count' } } }],
    state: state(),
    users: holders(),
    picture: { holders: holders(), moves: [{ key: 'pages.walk.pic.summary', vars: { inflow: money(acc.poolInflow), subsidies: money(acc.subsidies), paid: money(acc.paid) } }], targets: [] },
  });
  return { steps, rowProblems, firstBad, rulesProblems: {} };
}

class Refused extends Error {
  constructor(readonly problem: RowProblem) {
    super(problem.key);
  }
}

// --- the scenario file --------------------------------------------------------------------------

/** The scenario (format v1, script) that `simulate` runs: the rules and the rows up to the first bad one. */
export function customScenario(rules: CustomRules, rows: Row[], name = 'Your own example'): { name: string; rules: RulesV1; script: Entry[] } | undefined {
  const checked = checkRules(rules);
  if (!checked.ok) return undefined;
  const script: Entry[] = [];
  for (const row of rows) {
    const m = rowToEntry(row);
    if (!m.ok) break;
    script.push(m.entry);
  }
  return { name, rules: checked.rules, script };
}

/** A scenario file read back into rules and rows; undefined with a problem when the table cannot show it. */
export function scenarioToExample(input: unknown): { ok: true; rules: CustomRules; rows: Row[] } | { ok: false; problem: RowProblem } {
  const bad = (key: string, vars: Record<string, Var> = {}) => ({ ok: false as const, problem: problem(key, vars) });
  if (input === null || typeof input !== 'object' || !Array.isArray((input as { script?: unknown }).script)) return bad('fileNotScript');
  const s = input as { rules?: Record<string, unknown>; script: Record<string, unknown>[] };
  const r = s.rules ?? {};
  const split = (r['split'] as Record<string, unknown> | undefined) ?? SEED_SPLIT;
  const str = (v: unknown, dflt: unknown) => String(v === undefined ? dflt : v ?? '');
  const rules: CustomRules = {
    pool: str(split['pool'], SEED_SPLIT.pool),
    gift: str(r['giftRatio'], SEED_EXAMPLE.rules.giftRatio),
    withholding: str(r['sellWithholding'], SEED_EXAMPLE.rules.sellWithholding),
    multiple: r['exitMultiple'] === null ? '' : str(r['exitMultiple'], SEED_EXAMPLE.rules.exitMultiple),
    test: (EXIT_TESTS as readonly unknown[]).includes(r['exitTest']) ? (r['exitTest'] as ExitTest) : 'obtained',
  };
  if (r['initialPrice'] !== undefined && r['initialPrice'] !== SEED_EXAMPLE.rules.initialPrice) return bad('fileRule');
  if (r['rounding'] !== undefined) return bad('fileRule');
  const rows: Row[] = [];
  for (let i = 0; i < s.script.length; i++) {
    const e = s.script[i] ?? {};
    const times = 1 + (typeof e['repeat'] === 'number' ? e['repeat'] : 0);
    let row: Row | undefined;
    const o = e['order'] as { user?: string; amount?: number } | undefined;
    const sl = e['sell'] as { user?: string; points?: number; value?: number; all?: boolean } | undefined;
    const su = e['subsidy'] as { amount?: number } | undefined;
    const ru = e['rules'] as Record<string, unknown> | undefined;
    if (o && typeof o.user === 'string') row = { kind: 'order', user: o.user, how: '', amount: String(o.amount ?? '') };
    else if (sl && typeof sl.user === 'string') {
      row = sl.all ? { kind: 'sell', user: sl.user, how: 'all', amount: '' } : sl.points !== undefined ? { kind: 'sell', user: sl.user, how: 'points', amount: String(sl.points) } : { kind: 'sell', user: sl.user, how: 'value', amount: String(sl.value ?? '') };
    } else if (su) row = { kind: 'subsidy', user: '', how: '', amount: String(su.amount ?? '') };
    else if (ru && Object.keys(ru).length === 1) {
      const [key, v] = Object.entries(ru)[0]!;
      if (key === 'giftRatio') row = { kind: 'rules', user: '', how: 'gift', amount: String(v) };
      else if (key === 'sellWithholding') row = { kind: 'rules', user: '', how: 'withholding', amount: String(v) };
      else if (key === 'exitMultiple') row = { kind: 'rules', user: '', how: 'multiple', amount: v === null ? '' : String(v) };
      else if (key === 'split') row = { kind: 'rules', user: '', how: 'pool', amount: String((v as Record<string, unknown>)['pool'] ?? '') };
    }
    if (row === undefined) return bad('fileEvent', { n: { value: String(i + 1), kind: 'count' } });
    if (rows.length + times > MAX_ROWS) return bad('fileLong', { max: { value: String(MAX_ROWS), kind: 'count' } });
    for (let k = 0; k < times; k++) rows.push({ ...row });
  }
  return { ok: true, rules, rows };
}

// --- the address ---------------------------------------------------------------------------------

const KIND_CODE: Record<RowKind, string> = { order: 'o', sell: 's', subsidy: 'u', rules: 'c' };
const CODE_KIND: Record<string, RowKind> = { o: 'order', s: 'sell', u: 'subsidy', c: 'rules' };
/** a field of the address: encodeURIComponent leaves "," and ";" encoded, so they separate fields and rows */
const enc = (s: string) => encodeURIComponent(s);

/**
 * The example in the address's ?example= value: "1;pool,gift,withholding,multiple,test;row;row…",
 * each row "kind,user,how,amount" (o order, s sale, u subsidy, c rule change). Undefined when
 * there are more than MAX_URL_ROWS rows: the file carries those.
 */
export function encodeExample(rules: CustomRules, rows: Row[]): string | undefined {
  if (rows.length > MAX_URL_ROWS) return undefined;
  const head = [rules.pool, rules.gift, rules.withholding, rules.multiple, rules.test].map(enc).join(',');
  const body = rows.map((r) => [KIND_CODE[r.kind], enc(r.user), enc(r.how), enc(r.amount)].join(','));
  return [URL_VERSION, head, ...body].join(';');
}

/** The address's example back; undefined when it is not one this page wrote (then the default shows). */
export function decodeExample(value: string | null | undefined): { rules: CustomRules; rows: Row[] } | undefined {
  if (!value) return undefined;
  const parts = value.split(';');
  if (parts[0] !== URL_VERSION || parts.length < 2 || parts.length - 2 > MAX_URL_ROWS) return undefined;
  try {
    const head = parts[1]!.split(',').map(decodeURIComponent);
    if (head.length !== 5 || !(EXIT_TESTS as readonly string[]).includes(head[4]!)) return undefined;
    const rules: CustomRules = { pool: head[0]!, gift: head[1]!, withholding: head[2]!, multiple: head[3]!, test: head[4] as ExitTest };
    const rows: Row[] = [];
    for (const p of parts.slice(2)) {
      const f = p.split(',');
      const kind = CODE_KIND[f[0] ?? ''];
      if (f.length !== 4 || kind === undefined) return undefined;
      rows.push({ kind, user: decodeURIComponent(f[1]!), how: decodeURIComponent(f[2]!), amount: decodeURIComponent(f[3]!) });
    }
    return { rules, rows };
  } catch {
    return undefined;
  }
}
