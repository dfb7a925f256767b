/**
 * What the explorer's worker does with a scenario: validate it with the engine's own messages,
 * run it (optionally coarse first), follow one buyer day by day, and apply a stress preset with
 * cohort figures before and after. Pure TypeScript over the engine, so that node tests run it
 * exactly as the Web Worker does (test/explorer/run.test.ts).
 */
import { type BufferPool, useLargeBuffers, compareModels, commonOfFamily, isFamily, simulateFamily, simulateFamilyWhatIf, type CommonView, type FamilyResult, type FamilyWhatIfResult, type ModelComparison, validateScenario, checkStress, STRESS_DEFAULTS, stressEvent, bookFor, flowResult, runFlow, type Book, type FlowResult, type Problem, type FlowScenarioV1, type StressPreset } from '../engine/index.ts';
import { coarseFactor } from './coarse.ts';
import { keepNewest } from './kept.ts';
import { forDevice } from './table.ts';

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
  /** the same scenario without the what-if, run on the same seed (the same buyers): what it is compared with */
  baseline: FlowResult;
}

/**
 * How a run with platform rounding (the back-office profile, RULEBOOK §9.2) computed it: 'float' on
 * the rounded float book (held to the exact path to the cent by test/engine/rounding-fast.test.ts, not
 * proven for every scenario: the page says so), 'exact' on decimals (RunRequest.exact); null: no rounding.
 */
export type RoundingRun = 'float' | 'exact' | null;

/** how a scenario's rounding ran, read from the run's own result (its engine's mode) */
export const roundingRun = (s: FlowScenarioV1, r: { engine: { mode: 'exact' | 'fast' } }): RoundingRun =>
  s.rules.rounding === undefined || isFamily(s) ? null : r.engine.mode === 'fast' ? 'float' : 'exact';

/** One scenario's run as the page shows it. */
export interface SideRun {
  result: FlowResult;
  stress: StressOutcome | null;
  /** 1 for a full run; k for a coarse one (k times fewer, k times larger orders; counts multiplied back by k) */
  coarse: number;
  /** how its platform rounding was computed (null or absent: none) */
  rounding?: RoundingRun;
}

export interface RunOk extends SideRun {
  ok: true;
  follow: Follow | null;
  /** the pinned scenario A of a comparison, run as this one is (with its own what-if, if any); null: no comparison */
  pinned: SideRun | null;
  ms: number;
}

/**
 * A run of a model of the family (RULEBOOK §9), or a comparison of two models where either is one:
 * B (the controls' scenario) through the common lens, B's own result when it is a model of the
 * family, and the engine's comparison of A (pinned) with B on the same buyers.
 */
export interface FamilyOk {
  ok: true;
  kind: 'family';
  view: CommonView;
  /** B's result when it is a model of the family; its `follow` is the followed buyer (the engine's, asked with the request's entry day) */
  family: FamilyResult | null;
  comparison: ModelComparison | null;
  /**
   * the what-if run on the model (one of FAMILY_WHAT_IFS: orders stop, the operator skims the fund,
   * the stop test), with the engine's baseline (the same buyers without it); `family` is then the
   * run with it. null: none asked, or a comparison of two models (which runs without what-ifs)
   */
  whatIf: { preset: FamilyWhatIfResult['whatIf']; baseline: FamilyWhatIfResult['baseline'] } | null;
  /** family runs are never coarse */
  coarse: 1;
  /** in a comparison with the seed's model under platform rounding (the back-office profile): how that side's rounding was computed (null or absent: none) */
  rounding?: RoundingRun;
  ms: number;
}

export { coarseFactor };

export type RunOutput = RunOk | { ok: false; problems: Problem[] };
/** what the worker answers a run with: the seed's run, or a model of the family's */
export type ExplorerOutput = RunOutput | FamilyOk;

export interface RunRequest {
  scenario: unknown;
  /** the entry day of the buyer to follow, or null */
  follow: number | null;
  stress: StressPreset | null;
  /** run coarse, with about this many new buyers at most (0: full) */
  coarseBuyers?: number;
  /** scenario A of a comparison, with its own what-if; its problems are named pinned.… */
  pinned?: { scenario: unknown; stress: StressPreset | null } | null;
  /** the stop test's day when two models are compared (compareModels' stopDay); absent: half the run */
  compareStop?: number;
  /**
   * platform rounding (the back-office profile) on exact decimals, as the page's "exact run" asks:
   * seconds at the default flow. Otherwise the full run rounds on the rounded float book (coarse runs always do)
   */
  exact?: boolean;
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

/** Told the day a run has reached and its last day, as the days go by (the worker posts it to the page, now and then). */
export type Progress = (day: number, days: number) => void;

/** Validate: the engine's problems, or a time-driven scenario. */
export function validateFlow(input: unknown): { ok: true; scenario: FlowScenarioV1 } | { ok: false; problems: Problem[] } {
  const v = validateScenario(input);
  if (!v.ok) return v;
  if (v.scenario.flow === undefined) {
    return { ok: false, problems: [{ path: 'script', message: 'the explorer runs time-driven scenarios (with a flow); this one is a script: run it with simulate, or give it a flow' }] };
  }
  return { ok: true, scenario: v.scenario as FlowScenarioV1 };
}

/**
 * Results of runs without a followed buyer, kept by what they compute (the scenario as given, its
 * coarse factor, exact rounding or not), KEPT_RUNS of them, the least recently used going first: in
 * a comparison the pinned side A stays the same while the controls move side B, so each request ran
 * A again (half of a comparison's time); a what-if's baseline stays the same while the what-if's own
 * fields move. The engine is deterministic (the same scenario, seed included, gives the same output:
 * README "Randomness"), so a kept result is what the run would give. Nothing mutates a result here
 * (scaleCounts copies), and the worker posts copies. A result is a few hundred KB.
 */
export const KEPT_RUNS = 4;
const keptRuns = new Map<string, FlowResult>();

/**
 * The big buffers of finished runs, kept for the next ones (the engine's BufferPool: a run's slot
 * records and active list taken again rather than faulted in afresh), when the worker installs a
 * pool (worker.ts); null: each run allocates its own. A run's buffers go back to it once nothing
 * reads its book: the end of each run of the seed's model (runSide: after its result and followed
 * buyer are read), of a request of the family's, and of a task (reclaimBuffers).
 */
let pool: BufferPool | null = null;

/**
 * The most bytes of finished runs' buffers a worker keeps (BufferPool's keepBytes): on a desktop,
 * all of a year at 300 buyers a day (1.1 million slots: 34 MB of slot records, an active list of 17
 * and 34 MB, the metrics' 8 MB of multiples, 4 MB of counts and the holdings by rank), also when
 * the buffers were got ready at up to twice the size a drag asked for on its way there
 * (BufferPool.ready): a bound, not a reservation (a worker keeps what its runs took). At 128 MB
 * they were not all kept: the metrics' counts and holdings by rank (5 MB) were made afresh by every
 * such run, and the first release's metrics took 39-41 ms in the worker against 24-32 after (the
 * page's own sequence of bench/targets.ts, two rounds); at 256 MB, 23 ms. On a device that reports
 * little memory (table.ts lowMemory), about the slot records of such a year. A worker idle for
 * KEEP_IDLE_MS lets them go (worker.ts); a run larger than the bound (a 10-million-buyer run's
 * buffers are about 450 MB) lets the kept ones go as it starts, and its own are not kept: nothing
 * large stays pinned.
 */
export const KEEP_BUFFERS = { desktop: 256 * 2 ** 20, lowMemory: 48 * 2 ** 20 } as const;
export const keptBytesFor = (deviceMemory: number | undefined): number => forDevice(KEEP_BUFFERS, deviceMemory);
export const KEEP_IDLE_MS = 30_000;

/**
 * The most order amounts a worker keeps (the engine's amount cache, flow/amounts.ts keepAmounts; 8
 * bytes each, in at most 4 entries of a seed and amount rule): on a desktop 4 Mi (32 MiB), the
 * default year at up to 1,000 buyers a day (the buyers slider's end: 3.7 million orders); on a
 * device that reports little memory (table.ts lowMemory) 1.5 Mi (12 MiB), a year at 300 a day (1.1
 * million). A run past them draws the rest itself; an idle worker lets them go with its buffers.
 */
export const KEEP_AMOUNTS = { desktop: 4 * 2 ** 20, lowMemory: 1.5 * 2 ** 20 } as const;
export const keptAmountsFor = (deviceMemory: number | undefined): number => forDevice(KEEP_AMOUNTS, deviceMemory);

/** reuse buffers through this pool from now on (null: none) */
export function keepBuffers(p: BufferPool | null): void {
  pool = p;
  useLargeBuffers(p === null ? null : p.take);
}

/** the runs under way are over: their buffers go back to the pool (nothing of them may read them again) */
export function reclaimBuffers(): void {
  pool?.reclaim();
}

/**
 * Run one scenario as the page shows it: with its what-if (a stress preset) beside its baseline,
 * the same scenario without it (two runs, the same coarse factor), and the followed buyer.
 */
function runSide(input: unknown, stress: StressPreset | null, follow: number | null, coarseBuyers: number, exactRounding = false, progress?: Progress): (SideRun & { follow: Follow | null }) | { ok: false; problems: Problem[] } {
  const v = validateFlow(input);
  if (!v.ok) return v;
  const base = v.scenario;
  let s = base;
  let preset: StressPreset | null = null;
  if (stress) {
    preset = { ...stress, value: stress.value ?? STRESS_DEFAULTS[stress.kind].value };
    if (preset.value === undefined) delete preset.value;
    const problems = checkStress(s, preset);
    if (problems.length) return { ok: false, problems: problems.map((p) => ({ ...p, path: 'stress' })) };
    s = { ...s, events: [...(s.events ?? []), stressEvent(preset)] };
  }
  const k = coarseFactor(s, coarseBuyers);
  const once = (sc: FlowScenarioV1, follower: boolean) => {
    // a run without a followed buyer may have been run before by this worker (keptRuns)
    const key = follower && follow !== null ? null : JSON.stringify([sc, k, exactRounding]);
    const kept = key === null ? undefined : keptRuns.get(key);
    if (key !== null && kept) {
      keptRuns.delete(key);
      keptRuns.set(key, kept);
      return { ok: true as const, result: kept, follow: null };
    }
    const run = k === 1 ? sc : coarsen(sc, k);
    try {
      // platform rounding on the rounded float book, unless the exact run is asked for (a coarse run never is)
      const book = bookFor(run, { roundingOnFloats: k > 1 || !exactRounding });
      const fl = follower && follow !== null ? new Follower(book, follow) : null;
      const days = run.flow.days;
      const onDay = fl && progress ? (d: number) => (fl.day(d), progress(d, days)) : fl ? (d: number) => fl.day(d) : progress ? (d: number) => progress(d, days) : undefined;
      const out = runFlow(book, run, onDay);
      if (!out.ok) return out;
      const result = scaleCounts(flowResult(out, run), k);
      if (key !== null) keepNewest(keptRuns, key, result, KEPT_RUNS);
      return { ok: true as const, result, follow: fl?.done() ?? null };
    } finally {
      // the book's last reader was the result or the followed buyer: its buffers serve the next run
      reclaimBuffers();
    }
  };
  const main = once(s, true);
  if (!main.ok) return main;
  let outcome: StressOutcome | null = null;
  if (preset) {
    const b = once(base, false);
    if (!b.ok) return b;
    outcome = { preset, what: STRESS_DEFAULTS[preset.kind].what, baseline: b.result };
  }
  return { result: main.result, stress: outcome, coarse: k, follow: main.follow, rounding: roundingRun(s, main.result) };
}

/** The stop test's day of a model comparison unless the request names one: half the shorter run, rounded up. */
export const compareStopDay = (daysA: number, daysB: number): number => Math.max(1, Math.ceil(Math.min(daysA, daysB) / 2));

/**
 * A model of the family, or two models compared where either is one (RULEBOOK §9): the engine's
 * own runs (simulateFamily, simulateFamilyWhatIf, compareModels on the fast path), nothing
 * recomputed here. A single model runs with its what-if (the engine's simulateFamilyWhatIf: the run
 * with it and its baseline; a what-if only the seed takes is the engine's problem, named `stress`);
 * a comparison of two models runs without what-ifs. The followed buyer is the engine's (its `follow`
 * option: the run with the what-if, or B of a comparison when B is a model of the family).
 */
function runFamilySide(req: RunRequest, b: FlowScenarioV1, t0: number): ExplorerOutput {
  // the page asks for an entry day within the controls' days; a day past this run's is not followed (as the seed's Follower finds no buyer)
  const follow = req.follow !== null && req.follow <= b.flow.days ? req.follow : null;
  if (req.pinned) {
    const va = validateFlow(req.pinned.scenario);
    if (!va.ok) return { ok: false, problems: va.problems.map((p) => ({ ...p, path: `pinned${p.path ? `.${p.path}` : ''}` })) };
    const a = va.scenario;
    const out = compareModels(a, b, { stopDay: req.compareStop ?? compareStopDay(a.flow.days, b.flow.days), followB: follow, roundingOnFloats: req.exact !== true });
    if (!out.ok) {
      // the engine names the sides comparison.a / comparison.b: A is the pinned scenario, B the controls'
      const path = (x: string) => x.replace(/^comparison\.a(\.|$)/, (_m, dot: string) => (dot ? 'pinned.' : 'pinned')).replace(/^comparison\.b\.?/, '');
      return { ok: false, problems: out.problems.map((p) => ({ ...p, path: path(p.path) })) };
    }
    const c = out.result;
    const rounding = roundingRun(a, c.a.result) ?? roundingRun(b, c.b.result);
    return { ok: true, kind: 'family', view: c.b.view, family: isFamily(b) ? (c.b.result as FamilyResult) : null, comparison: c, whatIf: null, coarse: 1, rounding, ms: performance.now() - t0 };
  }
  if (req.stress) {
    const w = simulateFamilyWhatIf(b as Parameters<typeof simulateFamilyWhatIf>[0], req.stress, { exact: false, path: 'stress', follow });
    if (!w.ok) return { ok: false, problems: w.problems.map((p) => (p.path.startsWith('stress') ? { ...p, path: 'stress' } : p)) };
    const { whatIf, baseline, ...run } = w.result;
    return { ok: true, kind: 'family', view: commonOfFamily(run), family: run, comparison: null, whatIf: { preset: whatIf, baseline }, coarse: 1, rounding: null, ms: performance.now() - t0 };
  }
  const out = simulateFamily(b as Parameters<typeof simulateFamily>[0], { exact: false, follow });
  if (!out.ok) return out;
  return { ok: true, kind: 'family', view: commonOfFamily(out.result), family: out.result, comparison: null, whatIf: null, coarse: 1, rounding: null, ms: performance.now() - t0 };
}

/** is the request's pinned scenario a model of the family? (false when it does not validate: the seed's path names its problems) */
function pinnedIsFamily(req: RunRequest): boolean {
  if (!req.pinned) return false;
  const v = validateFlow(req.pinned.scenario);
  return v.ok && isFamily(v.scenario);
}

/** Run a request of the page: a model of the family (or a comparison with one) through runFamilySide, the seed's model through runRequest. */
export function runExplorer(req: RunRequest, progress?: Progress): ExplorerOutput {
  const vb = validateFlow(req.scenario);
  if (vb.ok && (isFamily(vb.scenario) || pinnedIsFamily(req))) {
    try {
      return runFamilySide(req, vb.scenario, performance.now());
    } finally {
      // a comparison's side of the seed's model ran on a book of its own (compareModels): over with the request
      reclaimBuffers();
    }
  }
  return runRequest(req, progress);
}

/** Run a request: the scenario (with its what-if beside its baseline), the followed buyer, and the pinned scenario A if any. */
export function runRequest(req: RunRequest, progress?: Progress): RunOutput {
  const t0 = performance.now();
  const b = runSide(req.scenario, req.stress, req.follow, req.coarseBuyers ?? 0, req.exact === true, progress);
  if ('ok' in b) return b;
  let pinned: SideRun | null = null;
  if (req.pinned) {
    const a = runSide(req.pinned.scenario, req.pinned.stress, null, req.coarseBuyers ?? 0, req.exact === true);
    if ('ok' in a) return { ok: false, problems: a.problems.map((p) => ({ ...p, path: `pinned${p.path ? `.${p.path}` : ''}` })) };
    pinned = { result: a.result, stress: a.stress, coarse: a.coarse, rounding: a.rounding };
  }
  return { ok: true, result: b.result, follow: b.follow, stress: b.stress, coarse: b.coarse, rounding: b.rounding, pinned, ms: performance.now() - t0 };
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
