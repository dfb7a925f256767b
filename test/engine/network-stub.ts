/**
 * A referral network on a stub book, for trees drawn on paper (referral.test.ts, compliance.test.ts).
 * The Referral class needs only the book's arithmetic, the distribution share in force, each
 * user's spend and the user count; the stub generator's draws are set before each join.
 */
import { expect } from 'vitest';
import type DecimalJs from 'decimal.js';
import { exact } from '../../src/engine/arith.ts';
import type { Book } from '../../src/engine/book.ts';
import { Referral } from '../../src/engine/referral.ts';
import type { Rng } from '../../src/engine/flow/rng.ts';
import { Referral as ReferralSchema, type ScenarioInput } from '../../src/engine/scenario/index.ts';

type D = DecimalJs;
export type ReferralCfg = NonNullable<NonNullable<ScenarioInput['flow']>['referral']>;

/** A generator whose next draw and integer draw the test sets; it records every int(n) asked. */
export class StubRng {
  nextVal = 0;
  intVal = 0;
  asked: number[] = [];
  next(): number {
    return this.nextVal;
  }
  int(n: number): number {
    this.asked.push(n);
    expect(this.intVal).toBeLessThan(n);
    return this.intVal;
  }
}

/**
 * A network on a stub book. join(parent) adds a user referred by `parent` (null: nobody, whatever
 * the probability: the stub draws 1, which no probability exceeds; `district` is the draw for a
 * root's district when regions are configured); order(u, amount) books the spend first (as the
 * driver does: book.newOrder, then referral.order), pays the reward table and returns what it paid.
 */
export function network(cfg: ReferralCfg, distributionShare = 0.3) {
  const spent: D[] = [];
  const book = {
    A: exact,
    rulesNow: { distributionShare: exact.of(distributionShare) },
    spentOf: (u: number) => spent[u] ?? exact.zero,
    get userCount() {
      return spent.length;
    },
  } as unknown as Book<D>;
  const ref = new Referral(book, ReferralSchema.parse(cfg));
  const rng = new StubRng();
  const ordered = new Set<number>();
  return {
    ref,
    rng,
    /** a new user; with choice uniform the referrer index is the draw itself */
    join(parent: number | null, district = 0): number {
      const u = spent.length;
      spent.push(exact.zero);
      rng.nextVal = parent === null ? 1 : 0;
      rng.intVal = parent ?? district;
      ref.join(u, rng as unknown as Rng);
      return u;
    },
    /** the next user slot joins through the generator as set by the test (for preferential draws) */
    joinRaw(): number {
      const u = spent.length;
      spent.push(exact.zero);
      ref.join(u, rng as unknown as Rng);
      return u;
    },
    order(u: number, amount: number): D {
      const before = ref.totalPaid;
      spent[u] = spent[u]!.plus(amount);
      ref.order(u, amount, !ordered.has(u));
      ordered.add(u);
      return ref.totalPaid.minus(before);
    },
    income: (u: number) => (ref.income[u] ?? exact.zero).toString(),
    paid: () => Object.fromEntries(Object.entries(ref.paid).map(([k, v]) => [k, v.toString()])),
  };
}
