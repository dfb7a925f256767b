/**
 * What became of converted legacy members (RULEBOOK §3.6): the liability, the coins and locked
 * points they got, each release's dilution, and when half and all of them were whole.
 */
import type { Arith } from '../arith.ts';
import type { Book } from '../book.ts';
import type { LegacyRaw } from '../flow/run.ts';
import type { FlowResult } from '../result.ts';
import type { FlowScenarioV1 } from '../scenario/schema.ts';
import { fig } from './figures.ts';

export function legacySummary<T>(A: Arith<T>, raw: LegacyRaw<T>, lg: NonNullable<FlowScenarioV1['flow']['legacy']>, book: Book<T>): NonNullable<FlowResult['legacy']> {
  const n = lg.members;
  const firstAt = (share: number) => raw.wholeByDay.find((x) => x.whole >= share * n)?.day ?? null;
  const last = raw.wholeByDay[raw.wholeByDay.length - 1];
  return {
    members: n,
    liabilityPerMember: fig(A, A.of(lg.liabilityPerMember)),
    coinsIssued: fig(A, A.mul(A.of(lg.liabilityPerMember), A.of(n))),
    lockedPointsEach: fig(A, book.lockedEach),
    lockedPointsLeft: fig(A, book.lockedPoints),
    releases: raw.releases.map((r) => ({
      day: r.day,
      releasedEach: fig(A, r.releasedEach),
      releasedTotal: fig(A, A.mul(r.releasedEach, A.of(n))),
      priceBefore: fig(A, r.priceBefore),
      priceAfter: fig(A, r.priceAfter),
      dilution: A.isZero(r.priceBefore) ? null : fig(A, A.div(r.priceAfter, r.priceBefore)),
    })),
    wholeByDay: raw.wholeByDay.map((x) => ({ day: x.day, share: n === 0 ? 0 : x.whole / n })),
    firstDayHalfWhole: firstAt(0.5),
    firstDayAllWhole: firstAt(1),
    shareWholeAtEnd: last ? last.whole / n : 0,
  };
}
