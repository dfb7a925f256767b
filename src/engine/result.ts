/**
 * What a scripted run returns. Every money and points figure is a decimal string at full
 * precision (exact mode), so that a reader can check it to the cent and beyond.
 */
export type EventKind = 'order' | 'sell' | 'subsidy' | 'withdraw' | 'rules';

export interface StateFigures {
  /** price after the step: pool / circulating points (last price while no points circulate) */
  price: string;
  /** profit pool 盈利池, cash */
  pool: string;
  /** circulating points 流通积分 */
  points: string;
}

export interface StepResult extends StateFigures {
  /** 1-based index into the expanded script */
  step: number;
  event: EventKind;
  /** the buyer or seller, for order and sell */
  user?: string;
  /** order: the amount paid; subsidy/withdraw: the amount moved */
  amount?: string;
  /** order: points issued to the buyer */
  issued?: string;
  /** sell: points sold */
  sold?: string;
  /** sell: marked value of the points sold (points x price) */
  value?: string;
  /** sell: cash paid to the seller, (1 - w) x value */
  paid?: string;
  /** users forced out by this step, in the order they were sold out (the cascade) */
  forcedExits: string[];
}

export interface UserResult {
  spent: string;
  /** points held now */
  points: string;
  /** cash received from selling points, all entries */
  cash: string;
  status: 'active' | 'exited';
  /** times the user entered: the first order, then each order after an exit */
  entries: number;
  exitReason?: 'forced' | 'sold';
  exitedAtStep?: number;
}

export interface Accounts {
  /** sum of cash order amounts */
  orders: string;
  cost: string;
  /** distribution share paid out as referral rewards (none until referral rewards exist) */
  distributionPaid: string;
  /** distribution share not paid out, kept by the platform */
  distributionKept: string;
  platform: string;
  poolInflow: string;
  subsidies: string;
  withdrawals: string;
  /** cash paid to sellers (voluntary and forced) */
  paid: string;
  /** value withheld in the pool on sales */
  withheld: string;
}

export interface ScriptResult {
  engine: { name: string; version: string; mode: 'exact' };
  final: StateFigures;
  steps: StepResult[];
  users: Record<string, UserResult>;
  accounts: Accounts;
}

/** One problem with an input: where (a dotted/bracketed path) and what is allowed. */
export interface Problem {
  path: string;
  message: string;
}

export type RunOutcome = { ok: true; result: ScriptResult } | { ok: false; problems: Problem[] };

export const formatProblem = (p: Problem): string => (p.path ? `${p.path}: ${p.message}` : p.message);
