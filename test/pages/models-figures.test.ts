/**
 * The model pages' comparisons (src/figures/models.ts): each model of the family beside the seed's
 * model on the same buyers, as RULEBOOK §9.3-9.6 make them, worked by hand below. The flow is
 * deterministic for the family's models (20 new buyers a day, one order of 1,000 each, no repeat
 * purchases), so their figures are worked exactly; the seed's model sells on a random stream, so
 * its side is held to what its rules imply (the exit promise is 3 x spend; buyers as a group get
 * back at most the pool share of spend).
 */
import DecimalBase from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { COMPARISON_FLOW, COMPARISON_SPLIT, COMPARISON_STOP_DAY, MODEL_SLUGS, modelComparison, modelsFigures, stoppedCohorts } from '../../src/figures/models.ts';
import { fillFigures } from '../../src/figures/fill.ts';

const Decimal = DecimalBase.clone({ precision: 60 });
type Decimal = InstanceType<typeof Decimal>;
const D = (x: number | string) => new Decimal(x);

/** exact figures at 1e-30 relative, as the engine's exact tests compare them */
const near = (got: unknown, want: number | string | Decimal) => {
  const w = new Decimal(want);
  const diff = new Decimal(String(got)).minus(w).abs();
  expect(diff.lte(w.abs().times('1e-30')) || diff.isZero(), `${String(got)} is not ${w.toString()}`).toBe(true);
};
/** 1/from + ... + 1/to, exactly enough */
const harmonic = (from: number, to: number) => {
  let s = D(0);
  for (let j = from; j <= to; j++) s = s.plus(D(1).div(j));
  return s;
};
const sumRange = (from: number, to: number, f: (i: number) => Decimal | number) => {
  let s = D(0);
  for (let i = from; i <= to; i++) s = s.plus(f(i));
  return s;
};

describe('the comparison’s set-up', () => {
  it('every model meets the same buyers: 20 a day, 1,200 to a 60-day cohort, 1,200,000 spent each', () => {
    expect(COMPARISON_FLOW.buyers.perDay).toBe(20);
    expect(COMPARISON_SPLIT.pool).toBe(0.16);
    expect(COMPARISON_STOP_DAY).toBe(180);
    for (const slug of MODEL_SLUGS) {
      const c = modelComparison(slug);
      expect(c.sameBuyers, slug).toBe(true);
      expect(c.cohorts.length, slug).toBe(6);
      for (const p of c.cohorts) {
        expect([p.usersA, p.usersB], slug).toEqual([1200, 1200]);
        near(p.spendA, 1_200_000);
        near(p.spendB, 1_200_000);
      }
      // the stop test: orders stop on day 180, so days 1-179 bought: 1,200, 1,200 and 59 x 20 = 1,180
      expect(stoppedCohorts(c.stop!.a).map((r) => r.users), slug).toEqual([1200, 1200, 1180]);
      expect(stoppedCohorts(c.stop!.b).map((r) => r.users), slug).toEqual([1200, 1200, 1180]);
    }
  });

  it('the seed’s side is one run, the same on every page', () => {
    const a = modelComparison('release').a.view;
    for (const slug of MODEL_SLUGS) expect(modelComparison(slug).a.view.cohorts, slug).toEqual(a.cohorts);
  });
});

describe('daily release beside the seed (pool share 0.16, k 1, r 0.001 of the original)', () => {
  const c = modelComparison('release');
  it('the first default, and the cohorts’ cash over the whole run', () => {
    // inflow 20 x 160 = 3,200 a day; each earlier promise releases 1 a day, so day d's due is
    // 20(d - 1) and the fund after day d is 3,200d - 10d(d - 1): empty after day 321, default on 322
    expect(c.b.view.firstDefaultDay).toBe(322);
    // cohort 1 (entry days 1-60, 20 promises a day): a promise of day e is paid 1 a day on days
    // e+1..321, then from day 322 the fund pays only its day's 3,200 pro rata: 160/(d - 1) each.
    // 20 x sum(321 - e) = 20 x 17,430 = 348,600; 1,200 x 160 x (1/321 + ... + 1/359)
    const cohort1 = D(348_600).plus(harmonic(321, 359).times(192_000));
    near(c.cohorts[0]!.cashB, cohort1);
    // the last cohort (days 301-360): a promise of day e gets 321 - e on days e+1..321 (e <= 320)
    // and 160/(d - 1) on each day d from 322 to 360 after its entry
    const last = sumRange(301, 320, (e) => 20 * (321 - e)).plus(sumRange(301, 360, (e) => harmonic(Math.max(e, 321), 359).times(20 * 160)));
    near(c.cohorts[5]!.cashB, last);
  });
  it('the stop test: orders on days 1-179', () => {
    // in 179 x 3,200 = 572,800; paid in full through day 179: 20 x (0 + ... + 178) = 318,620;
    // from day 180 the due is 3,580 a day: 254,180 / 3,580 = 71 days, days 180-250, then empty.
    // A promise of day e gets 250 - e. Cohort 1: 20 x (15,000 - 1,830) = 263,400 of 1,200,000
    const [first, , last] = stoppedCohorts(c.stop!.b);
    near(first!.ofSpend!, '0.2195');
    near(first!.ofPromise!, '0.2195');
    // days 121-179: 20 x (71 + ... + 129) = 118,000 of 1,180,000
    near(last!.ofSpend!, '0.1');
  });
});

describe('queue rebate beside the seed (fifo, k 1.2)', () => {
  const c = modelComparison('queue');
  it('over the whole run: the first 960 entries are paid, all of them in cohort 1', () => {
    // 7,200 orders bring 1,152,000; the first order's 160 waits for entry 1, and every later order
    // pays the head. Each entry is owed 1,200: 1,152,000 / 1,200 = 960 completed, 6,240 waiting
    const r = c.b.result as import('../../src/engine/index.ts').FamilyResult;
    expect(r.failure.waitingAtEnd).toBe(6240);
    near(c.cohorts[0]!.cashB, 1_152_000);
    for (const p of c.cohorts.slice(1)) near(p.cashB, 0);
  });
  it('the stop test: 572,800 paid to the head, all to cohort 1', () => {
    const [first, second, last] = stoppedCohorts(c.stop!.b);
    near(first!.ofSpend!, D(572_800).div(1_200_000));
    // cohort 1 is promised 1,200 x 1,200 = 1,440,000
    near(first!.ofPromise!, D(572_800).div(1_440_000));
    near(second!.ofSpend!, 0);
    near(last!.ofSpend!, 0);
  });
});

describe('dividend rights beside the seed (unit 500, k 1, cap 1 a day)', () => {
  const c = modelComparison('rights');
  // each order of 1,000 makes 2 rights: 40 a day, each owed 500; the fund before day d's dividend
  // holds 3,200d - 20(d - 1)(d - 2): day 161, 6,400 for 6,400 rights; day 162, 3,200 for 6,440
  it('the first day under the cap, and cohort 1 over the whole run', () => {
    expect(c.b.view.firstDefaultDay).toBe(162);
    // at the cap through day 161: a right of day e gets 161 - e: 40 x (9,660 - 1,830) = 313,200;
    // then each day shares its 3,200: 80/(d - 1) a right, 2,400 rights: 192,000 x (1/161 + ... + 1/359)
    near(c.cohorts[0]!.cashB, D(313_200).plus(harmonic(161, 359).times(192_000)));
  });
  it('the stop test: the cap through day 161, then 3,200 a day shared until day 179, then nothing', () => {
    const [first, , last] = stoppedCohorts(c.stop!.b);
    near(first!.cash, D(313_200).plus(harmonic(161, 178).times(192_000)));
    // days 121-160 at the cap: 40 x (1 + ... + 40) = 32,800; days 162-179: 40(d - 121) of its
    // rights wait, 80/(d - 1) each
    near(last!.cash, D(32_800).plus(sumRange(162, 179, (d) => D(40 * (d - 121) * 80).div(d - 1))));
  });
});

describe('the seed’s side and the back office', () => {
  it('the seed’s promise is its exit promise, 3 x spend: the share of promise is a third of the share of spend', () => {
    for (const r of stoppedCohorts(modelComparison('release').stop!.a)) near(r.ofPromise!, D(String(r.ofSpend)).div(3));
  });
  it.each(['release', 'back-office'] as const)('%s: buyers as a group get back at most the pool share of their spend', (slug) => {
    const c = modelComparison(slug);
    for (const side of [c.a, c.b]) {
      if (side.view.model !== 'seed') continue;
      const paid = side.view.cohorts.reduce((s, x) => s.plus(String(x.cashReceived)), D(0));
      expect(paid.lte(D(7200 * 160))).toBe(true);
    }
  });
});

describe('what the prose says of every model holds', () => {
  it.each(MODEL_SLUGS)('%s: in the stop test the first cohort recovers more of its spend than the last one still buying, and so under the seed’s model', (slug) => {
    const c = modelComparison(slug);
    for (const rows of [c.stop!.a, c.stop!.b]) {
      const s = stoppedCohorts(rows);
      expect(D(String(s[0]!.ofSpend)).gt(String(s[s.length - 1]!.ofSpend))).toBe(true);
    }
  });

  it('figures are written in the reader’s language from the comparisons', () => {
    const f = modelsFigures();
    const en = (name: string) => fillFigures(`{{${name}}}`, 'en', f).replace(/<[^>]+>/g, '');
    // 263,400 / 1,200,000 = 21.95%, shown to one decimal
    expect(en('models.release.stopFirstOfSpend')).toBe('22%');
    expect(en('models.release.stopLastOfSpend')).toBe('10%');
    expect(en('models.release.firstDefaultDay')).toBe('322');
    expect(en('models.rights.firstDefaultDay')).toBe('162');
    expect(en('models.queue.waitingAtEnd')).toBe('6,240');
    // the queue's waits (RULEBOOK §9.4, fifo): 160 of each order of 1,000 goes to the fund and each
    // entry is owed 1,200, so entry j (order j, day ceil(j / 20)) is paid in full by order
    // ceil(7.5 j), on day ceil(ceil(7.5 j) / 20); 7,200 orders complete entries 1-960, all of the
    // first cohort (entries 1-1,200): none of the other five cohorts has one paid in full. Their
    // waits, sorted: median at rank floor(0.5 x 959), 90th percentile at floor(0.9 x 959) (lower
    // nearest rank). The oldest still waiting is entry 961, made on day 49: 360 - 49 = 311 days.
    const waits = Array.from({ length: 960 }, (_, i) => Math.ceil(Math.ceil(7.5 * (i + 1)) / 20) - Math.ceil((i + 1) / 20)).sort((a, b) => a - b);
    expect(en('models.queue.firstWaitMedian')).toBe(String(waits[479]));
    expect(en('models.queue.firstWaitP90')).toBe(String(waits[863]));
    expect([en('models.queue.cohorts'), en('models.queue.cohortsNoneDone'), en('models.queue.oldestWait')]).toEqual(['6', '5', '311']);
    expect(en('models.release.rate')).toBe('0.1%');
    expect(fillFigures('{{models.flow.amount}}', 'zh', f).replace(/<[^>]+>/g, '')).toBe('1,000元');
  });
});
