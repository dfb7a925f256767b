/**
 * The referral network that formed and what it paid (RULEBOOK §3.5), and the distribution share
 * the platform kept.
 */
import type { Arith } from '../arith.ts';
import { REWARD_KINDS, type Referral } from '../referral.ts';
import type { Fig } from '../number-format.ts';
import type { FlowResult } from '../result.ts';
import { fig } from './figures.ts';

/**
 * The distribution share the platform kept: what no reward paid. Each order never pays beyond its
 * share (tested per order); summed over a run in another grouping, the two totals can differ in
 * the 40th digit, which must not print as a negative balance.
 */
export function keptAfter<T>(A: Arith<T>, share: T, paid: T): T {
  const kept = A.sub(share, paid);
  return A.isNeg(kept) ? A.zero : kept;
}

export function referralSummary<T>(A: Arith<T>, ref: Referral<T>): NonNullable<FlowResult['referral']> {
  const org = ref.organisation();
  const paidByKind = {} as Record<string, Fig>;
  const payments = {} as Record<string, number>;
  for (const k of REWARD_KINDS) {
    paidByKind[k] = fig(A, ref.paid[k]);
    payments[k] = ref.count[k];
  }
  return {
    referredUsers: ref.referred,
    roots: org.roots,
    largestOrganisation: { members: org.largestSize, levels: org.largestLevels },
    deepestChain: org.maxDepth + 1,
    maxPaidDistance: ref.maxPaidDistance,
    paidByKind,
    payments,
    paidOnJoiningOrders: fig(A, ref.paidOnJoining),
  };
}
