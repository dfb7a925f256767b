/**
 * The ten money accounts of a run, declared once over the kind of figure: the exact ledger's and
 * the fast book's running totals (decimal or float64), a scripted result's decimal strings. Where
 * each order's money goes (cost, distribution paid and kept, platform, the pool's inflow), what
 * came in besides (subsidies), what went out of the pool (withdrawals, cash paid to sellers) and
 * what sales left in it (withheld). No imports, so that any engine module may use it.
 */
export interface AccountsOf<V> {
  /** sum of cash order amounts */
  orders: V;
  cost: V;
  /** distribution share paid out as referral rewards (none until referral rewards exist) */
  distributionPaid: V;
  /** distribution share not paid out, kept by the platform */
  distributionKept: V;
  platform: V;
  poolInflow: V;
  subsidies: V;
  withdrawals: V;
  /** cash paid to sellers (voluntary and forced) */
  paid: V;
  /** value withheld in the pool on sales */
  withheld: V;
}

/** The same accounts with every figure turned into another kind (e.g. decimal to string). */
export function mapAccounts<T, V>(a: AccountsOf<T>, f: (x: T) => V): AccountsOf<V> {
  return {
    orders: f(a.orders),
    cost: f(a.cost),
    distributionPaid: f(a.distributionPaid),
    distributionKept: f(a.distributionKept),
    platform: f(a.platform),
    poolInflow: f(a.poolInflow),
    subsidies: f(a.subsidies),
    withdrawals: f(a.withdrawals),
    paid: f(a.paid),
    withheld: f(a.withheld),
  };
}
