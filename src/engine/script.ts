/**
 * Running a scripted scenario: expand `repeat`, drive the ledger event by event, and record the
 * state after every step (forced exits it triggered included).
 */
import { exact, type Arith } from './arith.ts';
import { Ledger, LedgerError } from './models/seed/ledger.ts';
import type { ScriptScenarioV1 } from './scenario/index.ts';
import { mapAccounts } from './accounts.ts';
import type { Accounts, Problem, RunOutcome, StepResult, UserResult } from './result.ts';
import { ENGINE_NAME, ENGINE_VERSION } from './version.ts';

export type ScriptRun<T> =
  | { ok: true; ledger: Ledger<T>; steps: StepResult[] }
  | { ok: false; problems: Problem[]; ledger: Ledger<T>; steps: StepResult[] };

/** Total number of steps the script expands to. */
export function expandedLength(s: ScriptScenarioV1): number {
  return s.script.reduce((n, e) => n + 1 + (e.repeat ?? 0), 0);
}

/**
 * Run a validated scenario. An event the state does not allow (selling points not held, draining
 * the pool) stops the run with one problem naming the script entry and the repetition.
 */
export function runScript<T>(s: ScriptScenarioV1, A: Arith<T>, onStep?: (ledger: Ledger<T>, step: StepResult) => void): ScriptRun<T> {
  const L = new Ledger(A, s.rules);
  const steps: StepResult[] = [];
  for (let i = 0; i < s.script.length; i++) {
    const e = s.script[i]!;
    const times = 1 + (e.repeat ?? 0);
    for (let r = 0; r < times; r++) {
      L.step++;
      let rec: Omit<StepResult, 'price' | 'pool' | 'points'>;
      try {
        if (e.order) {
          const o = L.order(e.order.user, e.order.amount);
          rec = { step: L.step, event: 'order', user: o.user.id, amount: A.str(A.of(e.order.amount)), issued: A.str(o.issued), forcedExits: o.forced };
        } else if (e.sell) {
          const how = e.sell.all ? { all: true as const } : e.sell.points !== undefined ? { points: e.sell.points } : { value: e.sell.value! };
          const o = L.sell(e.sell.user, how);
          rec = { step: L.step, event: 'sell', user: e.sell.user, sold: A.str(o.sold), value: A.str(o.value), paid: A.str(o.paid), forcedExits: o.forced };
        } else if (e.subsidy) {
          rec = { step: L.step, event: 'subsidy', amount: A.str(A.of(e.subsidy.amount)), forcedExits: L.subsidy(e.subsidy.amount).forced };
        } else if (e.withdraw) {
          rec = { step: L.step, event: 'withdraw', amount: A.str(A.of(e.withdraw.amount)), forcedExits: L.withdraw(e.withdraw.amount).forced };
        } else {
          rec = { step: L.step, event: 'rules', forcedExits: L.changeRules(e.rules!).forced };
        }
      } catch (err) {
        if (!(err instanceof LedgerError)) throw err;
        const rep = times > 1 ? ` (repetition ${r + 1} of ${times}, step ${L.step})` : ` (step ${L.step})`;
        return { ok: false, ledger: L, steps, problems: [{ path: `script[${i}].${err.field}`, message: err.message + rep }] };
      }
      const step: StepResult = { ...rec, price: A.str(L.price), pool: A.str(L.pool), points: A.str(L.points) };
      steps.push(step);
      onStep?.(L, step);
    }
  }
  return { ok: true, ledger: L, steps };
}

/** Users by id, in order of first order. Without a prototype: an id such as "__proto__" or "constructor" is a key like any other. */
export function usersOf<T>(L: Ledger<T>): Record<string, UserResult> {
  const A = L.A;
  const out: Record<string, UserResult> = Object.create(null) as Record<string, UserResult>;
  for (const u of L.users) {
    const r: UserResult = { spent: A.str(u.spent), points: A.str(u.holding), cash: A.str(u.cash), status: u.status, entries: u.entries };
    if (u.status === 'exited') {
      r.exitReason = u.exitReason!;
      r.exitedAtStep = u.exitedAtStep!;
    }
    out[u.id] = r;
  }
  return out;
}

export function accountsOf<T>(L: Ledger<T>): Accounts {
  return mapAccounts(L.accounts, (x) => L.A.str(x));
}

/** What a scripted run returns: the result document, or the problems (one type with result.ts's RunOutcome, its older name). */
export type ScriptOutcome = RunOutcome;

/** The whole result document of an exact run (what `simulate` prints). */
export function simulateScript(s: ScriptScenarioV1): ScriptOutcome {
  const run = runScript(s, exact);
  if (!run.ok) return { ok: false, problems: run.problems };
  const L = run.ledger;
  return {
    ok: true,
    result: {
      engine: { name: ENGINE_NAME, version: ENGINE_VERSION, mode: 'exact' },
      final: { price: exact.str(L.price), pool: exact.str(L.pool), points: exact.str(L.points) },
      steps: run.steps,
      users: usersOf(L),
      accounts: accountsOf(L),
    },
  };
}
