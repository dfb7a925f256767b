/**
 * Following one buyer of a model of the family, and the queue's waiting times, in the explorer
 * (issue 16): what the worker answers (runExplorer) carries the engine's own FamilyFollow for the
 * model shown (alone, with a what-if: the run with it, or B of a comparison), and the page's chart,
 * data table and sentences say what it says, in both languages. The hand-worked run is RULEBOOK
 * §9.4's first-in-first-out queue (pool 0.5, k 1, orders of 1,000): entry j is paid in full at
 * order 2j.
 */
import { describe, expect, it } from 'vitest';
import { runExplorer, type FamilyOk } from '../../src/explorer/run.ts';
import { familyFollowChart, joinSentences, queueWaitChart } from '../../src/explorer/family-view.ts';
import { formats, makeTr } from '../../src/explorer/view.ts';
import { simulateFamily, simulateFamilyWhatIf } from '../../src/engine/family/simulate.ts';
import { validateScenario } from '../../src/engine/scenario/index.ts';
import type { FamilyScenario } from '../../src/engine/family/run.ts';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';

const trEn = makeTr(en);
const trZh = makeTr(zh);
const fEn = formats('en');
const fZh = formats('zh');

/** one order of 1,000 a day, half of it to the fund, a first-in-first-out queue paying 1x; cohorts of 5 days */
const QUEUE = { model: { kind: 'queue', k: 1, mode: 'fifo' }, rules: { split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } }, flow: { days: 10, orderAmount: 1000, buyers: { perDay: 1 }, cohortDays: 5 } };
const SEED = { rules: { split: { cost: 0.5, distribution: 0, platform: 0, pool: 0.5 } }, flow: { days: 10, orderAmount: 1000, buyers: { perDay: 1 }, cohortDays: 5, sell: { ratePerDay: 0.1 } } };

const famOk = (out: ReturnType<typeof runExplorer>): FamilyOk => {
  if (!out.ok || !('kind' in out)) throw new Error(`not a family run: ${JSON.stringify(out).slice(0, 300)}`);
  return out;
};
const valid = (x: unknown): FamilyScenario => {
  const v = validateScenario(x);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario as FamilyScenario;
};

describe('the followed buyer of a model of the family, from the worker', () => {
  it('the buyer of the asked day, day by day, as worked by hand; the same as the engine’s own run', () => {
    // entry 2 (day 2) gets 500 of order 3 and 500 of order 4: paid in full, and broken even, on day 4
    const out = famOk(runExplorer({ scenario: QUEUE, follow: 2, stress: null }));
    const fl = out.family!.follow!;
    expect([fl.day, fl.buyer, fl.breakEvenDay, fl.paidInFullDay]).toEqual([2, 2, 4, 4]);
    expect(fl.rows.map((r) => [r.day, r.spent, r.paid, r.outstanding, r.multiple])).toEqual([
      [2, 1000, 0, 1000, 0],
      [3, 1000, 500, 500, 0.5],
      [4, 1000, 1000, 0, 1],
      ...[5, 6, 7, 8, 9, 10].map((d) => [d, 1000, 1000, 0, 1]),
    ]);
    const own = simulateFamily(valid(QUEUE), { follow: 2 });
    expect(own.ok && own.result.follow).toEqual(fl);
    // nothing asked: nothing followed
    expect(famOk(runExplorer({ scenario: QUEUE, follow: null, stress: null })).family!.follow).toBeUndefined();
    // a day past the run's last (the controls' days ran ahead of it): nobody followed, no problem
    expect(famOk(runExplorer({ scenario: QUEUE, follow: 11, stress: null })).family!.follow).toBeUndefined();
  });

  it('with a what-if, the buyer of the run with it', () => {
    // orders stop on day 4: the last order (day 3) paid entry 2 its first 500 before entry 3 joined;
    // nothing comes in after it, so buyer 3 is paid nothing
    const out = famOk(runExplorer({ scenario: QUEUE, follow: 3, stress: { kind: 'stop-orders', day: 4 } }));
    const fl = out.family!.follow!;
    expect(fl.rows.every((r) => r.paid === 0)).toBe(true);
    expect([fl.breakEvenDay, fl.paidInFullDay]).toEqual([null, null]);
    const own = simulateFamilyWhatIf(valid(QUEUE), { kind: 'stop-orders', day: 4 }, { follow: 3 });
    expect(own.ok && own.result.follow).toEqual(fl);
    // no new buyer on or after day 5 once orders stop on day 4: asked, and none found
    expect(famOk(runExplorer({ scenario: QUEUE, follow: 5, stress: { kind: 'stop-orders', day: 4 } })).family!.follow).toBeNull();
  });

  it('in a comparison, B’s buyer when B is a model of the family; none when B is the seed’s', () => {
    const out = famOk(runExplorer({ scenario: QUEUE, follow: 2, stress: null, pinned: { scenario: SEED, stress: null } }));
    const own = simulateFamily(valid(QUEUE), { follow: 2 });
    expect(out.comparison).not.toBeNull();
    expect(own.ok && own.result.follow).toEqual(out.family!.follow);
    const seedB = famOk(runExplorer({ scenario: SEED, follow: 2, stress: null, pinned: { scenario: QUEUE, stress: null } }));
    expect(seedB.family).toBeNull();
  });
});

describe('the follow chart of a model of the family', () => {
  const fl = famOk(runExplorer({ scenario: QUEUE, follow: 2, stress: null })).family!.follow!;

  it('spent, paid and still promised as lines, paid ÷ spent in the table, break-even and paid in full marked', () => {
    const c = familyFollowChart(fl, fEn, trEn);
    expect(c.xs).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(c.series.map((s) => [s.key, s.label])).toEqual([
      ['spent', 'spent'],
      ['paid', 'cash received'],
      ['outstanding', 'still promised to them'],
    ]);
    expect(c.series[1]!.values.slice(0, 3)).toEqual([0, 500, 1000]);
    expect(c.series[2]!.values.slice(0, 3)).toEqual([1000, 500, 0]);
    expect(c.columns).toEqual([{ label: 'Paid ÷ spent', texts: ['0.00×', '0.50×', ...Array(7).fill('1.00×')] }]);
    expect(c.marks).toEqual([
      { x: 4, label: 'broke even' },
      { x: 4, label: 'paid in full' },
    ]);
    expect(c.summary).toBe('Entered on day 2 and spent 1,000; by the last day paid 1,000 on their promises (1.00× of the spend), 0 still promised to them. Got the spend back in cash on day 4, 2 days after entering. Every promise paid in full on day 4.');
    expect(familyFollowChart(fl, fZh, trZh).summary).toBe('第 2 天加入，消费 1,000元；到最后一天，其承诺共兑付 1,000元（为消费的 1.00×），仍欠他 0元。第 4 天用现金回本（加入后 2 天）。第 4 天全部承诺兑付完毕。');
  });

  it('a buyer still waiting: never broke even, nothing marked', () => {
    // entry 6 (day 6) waits behind entries 4 and 5, which orders 7-10 pay in full: nothing by day 10
    const w = famOk(runExplorer({ scenario: QUEUE, follow: 6, stress: null })).family!.follow!;
    const c = familyFollowChart(w, fEn, trEn);
    expect(c.marks).toEqual([]);
    expect(c.summary).toBe('Entered on day 6 and spent 1,000; by the last day paid 0 on their promises (0.00× of the spend), 1,000 still promised to them. Never got the spend back in cash.');
  });
});

describe('the queue’s waiting times per cohort', () => {
  it('median bars, the 90th percentile marked, the still-waiting apart; both languages', () => {
    // cohort 1 (days 1-5): entries 1-5 paid in full on days 2, 4, 6, 8, 10: waits 1-5 days, median 3,
    // 90th percentile 4 (lower nearest rank); cohort 2 (days 6-10): none done, 5 waiting, the
    // oldest (day 6) for 4 days by day 10; 5 of 10 entries (50%) still wait
    const r = famOk(runExplorer({ scenario: QUEUE, follow: null, stress: null })).family!;
    const c = queueWaitChart(r, fEn, trEn);
    expect(c.labels).toEqual(['1–5', '6–10']);
    expect(c.values).toEqual([3, null]);
    expect(c.other.values).toEqual([4, null]);
    expect(c.columns.map((x) => [x.label, ...x.texts])).toEqual([
      ['90th percentile', '4', '—'],
      ['Paid in full', '5', '0'],
      ['Still waiting', '0', '5'],
      ['Share still waiting', '0.0%', '100.0%'],
      ['Oldest still waiting: days so far', '—', '4'],
    ]);
    expect(c.summary).toBe('Entries paid in full waited a median of 3 days in the first cohort (1–5) and 3 days in the last cohort with any (1–5). 5 entries (50.0%) still wait at the end, the oldest for 4 days so far; their wait is not over, so they are not in the medians.');
    // the censored side, its own bars: none of cohort 1's entries waits, all of cohort 2's
    expect(c.waitingShare).toEqual([0, 1]);
    expect(c.waitingSummary).toBe('At the end 0% of the first cohort’s entries still wait, and 100% of the last cohort’s; 1 of 2 cohorts have no entry paid in full.');
    expect(queueWaitChart(r, fZh, trZh).waitingSummary).toBe('到最后，第一批的条目中仍有 0% 在等待，最后一批为 100%；2 个批次中有 1 个没有任何条目全额兑付。');
    expect(queueWaitChart(r, fZh, trZh).summary).toBe('已全额兑付的条目，第一批（1–5）等待天数的中位数为 3 天，最后一个有兑付的批次（1–5）为 3 天。到最后仍有 5 个条目（50.0%）在等待，最久的已等 4 天；它们的等待尚未结束，不计入中位数。');
  });

  it('sentences join with a space after a Latin full stop and none after a Chinese one', () => {
    expect(joinSentences(['A.', 'B.'])).toBe('A. B.');
    expect(joinSentences(['甲。', '乙。'])).toBe('甲。乙。');
    expect(joinSentences([])).toBe('');
  });
});
