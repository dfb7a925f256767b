/**
 * What the explorer's worker does with a scenario: validate it with the engine's own messages,
 * run it (optionally coarse first), follow one buyer day by day, and apply a stress preset with
 * cohort figures before and after. Pure TypeScript over the engine, so that node tests run it
 * exactly as the Web Worker does (test/explorer/run.test.ts).
 */
import type { Book } from '../engine/book.ts';
import type { CohortRow, FlowResult, Problem } from '../engine/result.ts';
import { validateScenario, type FlowScenarioV1 } from '../engine/scenario.ts';
import { checkStress, STRESS_DEFAULTS, stressEvent, type StressPreset } from '../engine/stress.ts';
import { bookFor, cohortsNow, flowResult, runFlow } from '../engine/timeline.ts';
import { expectedBuyersThrough } from '../engine/growth.ts';

/** One day in the life of the followed buyer (end of day). */
export interface FollowRow {
  day: number;
  spent: number;
  /** cash received from selling points, all entries */
  cash: number;
  /** what the points still held would fetch: (1 - w) x holding x price */
  holdingValue: number;
  /** (cash + holding value) / spent */
  multiple: number;
  active: boolean;
}

export interface Follow {
  /** the entry day asked for, and the one found (the first day from it with a new buyer) */
  day: number;
  rows: FollowRow[];
  breakEvenDay: number | null;
  exitDay: number | null;
  forced: boolean;
}

export interface StressOutcome {
  preset: StressPreset;
  what: string;
  before: CohortRow[];
  after: CohortRow[];
}

export interface RunOk {
  ok: true;
  result: FlowResult;
  follow: Follow | null;
  stress: StressOutcome | null;
  /** 1 for a full run; k for a coarse one (k times fewer, k times larger orders; counts multiplied back by k) */
  coarse: number;
  ms: number;
}

export type RunOutput = RunOk | { ok: false; problems: Problem[] };

export interface RunRequest {
  scenario: unknown;
  /** the entry day of the buyer to follow, or null */
  follow: number | null;
  stress: StressPreset | null;
  /** run coarse, with about this many new buyers at most (0: full) */
  coarseBuyers?: number;
}

/** The coarse factor for a scenario: 1 (no coarse run) unless it is large and simple enough. */
export function coarseFactor(s: FlowScenarioV1, maxBuyers: number): number {
  if (maxBuyers <= 0 || s.flow.legacy || s.flow.referral || s.rules.rounding) return 1;
  const k = Math.floor(expectedBuyersThrough(s.flow.buyers.perDay, s.flow.buyers.growth, s.flow.days) / maxBuyers);
  return k >= 2 ? k : 1;
}

/**
 * The same money in k times fewer, k times larger orders. The starting price is raised by
 * k^(1 - g) so that the price path matches: with orders alone the price grows as P^(1 - g) from
 * p0 / g after the first order (RULEBOOK §5), and the first order is k times larger.
 */
export function coarsen(s: FlowScenarioV1, k: number): FlowScenarioV1 {
  const f = s.flow;
  const amount = f.orderAmount;
  const scaledAmount =
    typeof amount === 'number' ? amount * k : amount.kind === 'fixed' ? { ...amount, amount: amount.amount * k } : { ...amount, mean: amount.mean * k };
  const g = f.buyers.growth;
  const growth =
    g.kind === 'linear'
      ? { ...g, addPerDay: g.addPerDay / k }
      : g.kind === 'logistic'
        ? { ...g, capacity: g.capacity / k }
        : g.kind === 'series'
          ? { ...g, values: g.values.map((v) => v / k) }
          : g;
  return {
    ...s,
    rules: { ...s.rules, initialPrice: s.rules.initialPrice * k ** (1 - s.rules.giftRatio) },
    flow: { ...f, orderAmount: scaledAmount, buyers: { perDay: f.buyers.perDay / k, growth } },
  };
}

/** Counts of a coarse run multiplied back by k, so that they read as the full run's would. */
export function scaleCounts(r: FlowResult, k: number): FlowResult {
  if (k === 1) return r;
  const m = (x: number) => Math.round(x * k);
  return {
    ...r,
    counts: { users: m(r.counts.users), activeUsers: m(r.counts.activeUsers), orders: m(r.counts.orders), sales: m(r.counts.sales), forcedExits: m(r.counts.forcedExits) },
    days: r.days.map((d) => ({ ...d, orders: m(d.orders), newBuyers: m(d.newBuyers), repeatOrders: m(d.repeatOrders), sales: m(d.sales), forcedExits: m(d.forcedExits), activeUsers: m(d.activeUsers) })),
    cohorts: r.cohorts.map((c) => ({ ...c, users: m(c.users) })),
  };
}

/** Validate: the engine's problems, or a time-driven scenario. */
export function validateFlow(input: unknown): { ok: true; scenario: FlowScenarioV1 } | { ok: false; problems: Problem[] } {
  const v = validateScenario(input);
  if (!v.ok) return v;
  if (v.scenario.flow === undefined) {
    return { ok: false, problems: [{ path: 'script', message: 'the explorer runs time-driven scenarios (with a flow); this one is a script: run it with simulate, or give it a flow' }] };
  }
  return { ok: true, scenario: v.scenario as FlowScenarioV1 };
}

/** Run a request: validate, apply the stress preset, run (coarse when asked), follow the buyer. */
export function runRequest(req: RunRequest): RunOutput {
  const t0 = performance.now();
  const v = validateFlow(req.scenario);
  if (!v.ok) return v;
  let s = v.scenario;
  let preset: StressPreset | null = null;
  if (req.stress) {
    preset = { ...req.stress, value: req.stress.value ?? STRESS_DEFAULTS[req.stress.kind].value };
    if (preset.value === undefined) delete preset.value;
    const problems = checkStress(s, preset);
    if (problems.length) return { ok: false, problems: problems.map((p) => ({ ...p, path: 'stress' })) };
    s = { ...s, events: [...(s.events ?? []), stressEvent(preset)] };
  }
  const k = coarseFactor(s, req.coarseBuyers ?? 0);
  const run = k === 1 ? s : coarsen(s, k);
  const book = bookFor(run);
  const follower = req.follow === null ? null : new Follower(book, req.follow);
  const stressDay = preset?.day ?? 0;
  let before: CohortRow[] = stressDay === 1 ? cohortsNow(book, run, null).cohorts : [];
  const out = runFlow(book, run, (d, referral) => {
    follower?.day(d);
    if (d === stressDay - 1) before = cohortsNow(book, run, referral).cohorts;
  });
  if (!out.ok) return out;
  const result = scaleCounts(flowResult(out, run), k);
  const stress = preset ? { preset, what: STRESS_DEFAULTS[preset.kind].what, before: k === 1 ? before : before.map((c) => ({ ...c, users: Math.round(c.users * k) })), after: result.cohorts } : null;
  return { ok: true, result, follow: follower?.done() ?? null, stress, coarse: k, ms: performance.now() - t0 };
}

/** Follows the first new buyer of an entry day (or the first day after it with one) through the run. */
class Follower<T> {
  private slot = -1;
  private seen = 0;
  private rows: FollowRow[] = [];
  constructor(
    private readonly book: Book<T>,
    private readonly from: number,
  ) {}

  day(d: number): void {
    const b = this.book;
    const A = b.A;
    if (this.slot < 0 && d >= this.from) {
      for (let u = this.seen; u < b.userCount; u++) {
        if (!b.isLegacy(u) && b.firstDayOf(u) === d) {
          this.slot = u;
          break;
        }
      }
    }
    this.seen = b.userCount;
    if (this.slot < 0) return;
    const u = this.slot;
    const spent = A.num(b.spentOf(u));
    const cash = A.num(b.cashOf(u));
    const holdingValue = A.num(b.holdingOf(u)) * A.num(b.price) * (1 - A.num(b.rulesNow.w));
    this.rows.push({ day: d, spent, cash, holdingValue, multiple: spent > 0 ? (cash + holdingValue) / spent : 0, active: b.isActive(u) });
  }

  done(): Follow | null {
    if (this.slot < 0) return null;
    const b = this.book;
    const be = b.breakEvenDayOf(this.slot);
    const ex = b.exitDayOf(this.slot);
    return { day: this.rows[0]?.day ?? this.from, rows: this.rows, breakEvenDay: be < 0 ? null : be, exitDay: ex < 0 ? null : ex, forced: b.hitExitOf(this.slot) };
  }
}
