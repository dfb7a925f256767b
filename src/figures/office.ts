/**
 * Figures of the seed's model as a back office runs it (RULEBOOK §9.2) that the method page quotes,
 * each computed by the engine on the exact path: the rulebook's worked examples (truncation on,
 * a floor of 1, orders of 1,000 by new buyers; a ceiling of 3 with five orders a day). Pure, no DOM.
 */
import { exact, Ledger, runFlowScenario, validateScenario, type ScenarioInput } from '../engine/index.ts';
import type { Var } from '../i18n/figure.ts';

const A = exact;
const v = (value: string | number, kind: Var['kind']): Var => ({ value: String(value), kind });
/** the back office's truncation: every figure rounded down; the gift's value to 4 decimals from the order */
export const TRUNCATION = { mode: 'down', points: 2, price: 4, money: 2, gift: 4 } as const;

function ledger(rules: ScenarioInput['rules']): Ledger<ReturnType<typeof A.of>> {
  const s = validateScenario({ rules, script: [{ subsidy: { amount: 1 } }] });
  if (!s.ok) throw new Error(`the back office's rules do not validate: ${JSON.stringify(s.problems)}`);
  return new Ledger(A, s.scenario.rules);
}

export function officeFigures(): Record<string, Var> {
  const out: Record<string, Var> = {};
  // the gift of an order of 333.33: from the order, truncated, against g x the truncated inflow
  out['office.gift'] = v(A.str(ledger({ rounding: { mode: 'down', money: 2, gift: 4 } }).order('A', 333.33).issued), 'points');
  out['office.giftFromInflow'] = v(A.str(ledger({ rounding: { mode: 'down', money: 2 } }).order('A', 333.33).issued), 'points');
  // the stored price after 300 orders
  const L = ledger({ minPrice: 1, rounding: TRUNCATION });
  for (let i = 0; i < 300; i++) L.order(undefined, 1000);
  out['office.price300'] = v(A.str(L.quotedPrice), 'price4');
  // the first settlement at a ceiling of 3, five orders of 1,000 a day
  const r = runFlowScenario({ rules: { minPrice: 1, maxPrice: 3, rounding: TRUNCATION }, flow: { days: 4, seed: 1, orderAmount: 1000, buyers: { perDay: 5 } } });
  const first = r.ok ? r.result.backOffice?.settlements[0] : undefined;
  if (first === undefined) throw new Error('the back office\'s settlement example does not settle');
  out['office.settlementDay'] = v(first.day, 'count');
  out['office.settlementPrice'] = v(String(first.price), 'price4');
  out['office.settlementPaid'] = v(String(first.paid), 'money');
  out['office.settlementKept'] = v(String(first.kept), 'money');
  return out;
}
