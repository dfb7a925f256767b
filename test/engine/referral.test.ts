/**
 * The referral network (RULEBOOK §3.7) on small trees worked by hand.
 *
 * Most cases drive the Referral class directly on a stub book (it needs only the arithmetic, the
 * distribution share in force, each user's spend and the user count) and a stub generator whose
 * draws the test sets before each join, so the tree is exactly the one drawn on paper. A few cases
 * run whole scenarios where the tree is forced (probability 1, uniform choice, two buyers), and
 * the property tests hold the cap: no order pays out more than its distribution share, and paid +
 * kept is the distribution share of all spend, exactly.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type DecimalJs from 'decimal.js';
import type { ScenarioInput } from '../../src/engine/scenario/index.ts';
import { runFlowScenario } from '../../src/engine/index.ts';
import { Decimal, expectNear } from './helpers.ts';
import { network, type ReferralCfg as Cfg } from './network-stub.ts';

describe('direct, indirect, level difference and peer on a chain A <- B <- C <- D', () => {
  // distribution share 0.3; per recruit 20, direct 10%, indirect 5%, peer 1%;
  // level 1 (3%) at team volume 1000, level 2 (8%) at team volume 2500
  const cfg: Cfg = {
    probability: 1,
    choice: 'uniform',
    rewards: {
      perRecruit: 20,
      direct: 0.1,
      indirect: 0.05,
      peer: 0.01,
      levels: [
        { name: 'L1', rate: 0.03, minTeamVolume: 1000 },
        { name: 'L2', rate: 0.08, minTeamVolume: 2500 },
      ],
    },
  };

  it('pays every reward of every order as worked by hand', () => {
    const n = network(cfg);
    const A = n.join(null);
    // A's own order: nobody above A, nothing paid; A's team volume stays 0 (own spend is not team volume)
    expect(n.order(A, 1000).toString()).toBe('0');

    const B = n.join(A);
    // B's joining order: per recruit 20 to A, direct 100 to A; no grandparent;
    // walk: A's team volume 1000 -> level 1 (3%): level difference 30 to A. 150 of 300 paid.
    expect(n.order(B, 1000).toString()).toBe('150');
    expect(n.income(A)).toBe('150');

    const C = n.join(B);
    // per recruit 20 + direct 100 to B, indirect 50 to A;
    // walk: B (team 1000) level 1: difference 3% = 30 to B; A (team 2000) still level 1, same
    // level as the last payee: peer 1% = 10 to A. 210 of 300.
    expect(n.order(C, 1000).toString()).toBe('210');
    expect(n.income(A)).toBe('210');
    expect(n.income(B)).toBe('150');

    const Dd = n.join(C);
    // per recruit 20 + direct 100 to C, indirect 50 to B;
    // walk: C (team 1000) level 1: 30 to C; B (team 2000) level 1: peer 10 to B;
    // A (team 3000) reaches level 2 (8%): difference 8% - 3% = 5% = 50 to A. 260 of 300.
    expect(n.order(Dd, 1000).toString()).toBe('260');
    expect(n.income(A)).toBe('260');
    expect(n.income(B)).toBe('210');
    expect(n.income(C)).toBe('150');
    expect(n.income(Dd)).toBe('0');

    expect(n.paid()).toEqual({ perRecruit: '60', direct: '300', indirect: '100', levelDifference: '140', peer: '20', agents: '0', dividend: '0' });
    expect(n.ref.count).toEqual({ perRecruit: 3, direct: 3, indirect: 2, levelDifference: 4, peer: 2, agents: 0, dividend: 0 });
    // every reward here was paid on a joining order
    expect(n.ref.paidOnJoining.toString()).toBe('620');
    expect(n.ref.joiningRewards).toBe(14);
    // A was paid a level difference on D's order, three levels up
    expect(n.ref.maxPaidDistance).toBe(3);
    expect([...n.ref.level.slice(0, 4)]).toEqual([2, 1, 1, 0]);
    expect([...n.ref.teamVolume.slice(0, 4)]).toEqual([3000, 2000, 1000, 0]);
    expect([...n.ref.depth.slice(0, 4)]).toEqual([0, 1, 2, 3]);
    expect([...n.ref.recruits.slice(0, 4)]).toEqual([1, 1, 1, 0]);

    // D orders again, 2000 (not a joining order: no per-recruit bonus), share 600:
    // direct 200 to C, indirect 100 to B;
    // walk: C (team 3000) reaches level 2: difference 8% - 0 = 160 to C; B (team 4000) level 2,
    // same as the last payee: peer 1% = 20 to B; A (team 5000) level 2 again: the peer reward is
    // paid once per level reached, so nothing. 480 of 600.
    expect(n.order(Dd, 2000).toString()).toBe('480');
    expect(n.income(C)).toBe('510');
    expect(n.income(B)).toBe('330');
    expect(n.income(A)).toBe('260');
    expect(n.ref.paidOnJoining.toString()).toBe('620');
    expect(n.ref.count.peer).toBe(3);
  });

  it('a second upline of the level already paid gets no second peer reward; the level difference goes on above it', () => {
    // levels 1 (2%, team 1000), 2 (5%, team 3000); chain R <- S <- T <- U <- V
    const n = network({ probability: 1, choice: 'uniform', rewards: { peer: 0.01, levels: [{ rate: 0.02, minTeamVolume: 1000 }, { rate: 0.05, minTeamVolume: 3000 }] } });
    const R = n.join(null);
    const S = n.join(R);
    const T = n.join(S);
    const U = n.join(T);
    const V = n.join(U);
    // U's order of 3000 lifts T, S, R to team 3000: T level 2 takes 5% (150); S (level 2) peer 30;
    // R (level 2): peer already paid for this level. 180.
    expect(n.order(U, 3000).toString()).toBe('180');
    expect(n.income(T)).toBe('150');
    expect(n.income(S)).toBe('30');
    expect(n.income(R)).toBe('0');
    // V's order of 1000: U (team 1000) level 1 takes 2% (20); T (team 4000, level 2) takes the
    // difference 3% (30); S (level 2) peer 10; R nothing. 60.
    expect(n.order(V, 1000).toString()).toBe('60');
    expect(n.income(U)).toBe('20');
    expect(n.income(T)).toBe('180');
    expect(n.income(S)).toBe('40');
    expect(n.income(R)).toBe('0');
    expect(n.ref.count).toMatchObject({ levelDifference: 3, peer: 2 });
  });

  it('an upline of a lower level above the payee is skipped; the next one of the payee\'s level gets the peer reward', () => {
    // level 1 (2%) at team 1000; level 2 (5%) at team 1000 and 2 direct recruits.
    // R <- S <- T <- U, with a second recruit under T and under R (who never order).
    const n = network({
      probability: 1,
      choice: 'uniform',
      rewards: { peer: 0.01, levels: [{ rate: 0.02, minTeamVolume: 1000 }, { rate: 0.05, minTeamVolume: 1000, minRecruits: 2 }] },
    });
    const R = n.join(null);
    const S = n.join(R);
    const T = n.join(S);
    const U = n.join(T);
    n.join(T);
    n.join(R);
    // U orders 1000: T (2 recruits) level 2: 5% = 50; S (1 recruit) level 1, below the level paid:
    // nothing; R (2 recruits) level 2, the payee's level: peer 1% = 10
    expect(n.order(U, 1000).toString()).toBe('60');
    expect(n.income(T)).toBe('50');
    expect(n.income(S)).toBe('0');
    expect(n.income(R)).toBe('10');
    expect([...n.ref.level.slice(0, 3)]).toEqual([2, 1, 2]);
    expect(n.ref.maxPaidDistance).toBe(3);
  });

  it('levels need every qualification: direct recruits and personal spend as well as team volume', () => {
    const n = network({
      probability: 1,
      choice: 'uniform',
      rewards: { levels: [{ rate: 0.05, minRecruits: 2, minPersonalSpend: 1500 }] },
    });
    const A = n.join(null);
    n.order(A, 1000);
    const B = n.join(A);
    // A has 1 recruit and spent 1000: no level, nothing paid
    expect(n.order(B, 1000).toString()).toBe('0');
    const C = n.join(A);
    // 2 recruits now, but personal spend 1000 < 1500: still nothing
    expect(n.order(C, 1000).toString()).toBe('0');
    // A orders again: requalified on the own order (spend 2000), paid nothing for it (no upline)
    expect(n.order(A, 1000).toString()).toBe('0');
    expect(n.ref.level[A]).toBe(1);
    // B's next order pays A the level rate 5% of 1000
    expect(n.order(B, 1000).toString()).toBe('50');
    expect(n.income(A)).toBe('50');
  });
});

describe('agents and the shareholder dividend', () => {
  it('agents: the first member of a region to reach the tier volume; paid on every order in the region but their own', () => {
    const n = network({
      probability: 1,
      choice: 'uniform',
      rewards: {
        agents: {
          regions: { provinces: 1, citiesPerProvince: 1, districtsPerCity: 1 },
          district: { rate: 0.02, minTeamVolume: 1000 },
          city: { rate: 0.01, minTeamVolume: 2000 },
          province: { rate: 0.005, minTeamVolume: 0 },
        },
      },
    });
    const A = n.join(null);
    // A's first order makes A province agent (team volume 0 >= 0), not paid on A's own order
    expect(n.order(A, 1000).toString()).toBe('0');
    const B = n.join(A);
    // A's team reaches 1000: district agent; paid district 20 + province 5
    expect(n.order(B, 1000).toString()).toBe('25');
    const C = n.join(B);
    // A's team 2000: city agent too; 20 + 10 + 5
    expect(n.order(C, 1000).toString()).toBe('35');
    // B reaches 1000 as well, but A is already the agent of every tier
    expect(n.order(C, 1000).toString()).toBe('35');
    expect(n.income(A)).toBe('95');
    expect(n.income(B)).toBe('0');
    expect(n.paid().agents).toBe('95');
    expect(n.ref.count.agents).toBe(8);
    expect(n.ref.maxPaidDistance).toBe(2);
  });

  it('agents: a buyer in another district pays the city and province agents, not the district agent', () => {
    const n = network({
      probability: 1,
      choice: 'uniform',
      rewards: {
        agents: {
          regions: { provinces: 1, citiesPerProvince: 1, districtsPerCity: 2 },
          district: { rate: 0.02, minTeamVolume: 0 },
          city: { rate: 0.01, minTeamVolume: 0 },
          province: { rate: 0.005, minTeamVolume: 0 },
        },
      },
    });
    const A = n.join(null, 0);
    n.order(A, 1000); // A: agent of district 0, the city and the province
    const X = n.join(null, 1);
    // X becomes district 1's agent on this order; pays A city 10 + province 5
    expect(n.order(X, 1000).toString()).toBe('15');
    const Y = n.join(null, 1);
    // Y in district 1: district agent X 20, city A 10, province A 5
    expect(n.order(Y, 1000).toString()).toBe('35');
    expect(n.income(A)).toBe('30');
    expect(n.income(X)).toBe('20');
    // a root's district is drawn from all of them
    expect(n.rng.asked).toEqual([2, 2, 2]);
  });

  it('dividend: a day\'s pool shared out at day end by personal spend; with no shareholder it is kept', () => {
    const n = network({ probability: 0, rewards: { dividend: { rate: 0.05, minPersonalSpend: 1500 } } });
    const A = n.join(null);
    const B = n.join(null);
    const C = n.join(null);
    // day 1: A spends 1000, not a shareholder; 50 into the pool, nobody to share it: kept
    n.order(A, 1000);
    n.ref.endDay();
    expect(n.paid().dividend).toBe('0');
    // day 2: A again (spend 2000: shareholder), B 3000 (shareholder); pool 50 + 150 = 200,
    // shared 2000 : 3000 -> 80 and 120
    n.order(A, 1000);
    n.order(B, 3000);
    n.ref.endDay();
    expect(n.income(A)).toBe('80');
    expect(n.income(B)).toBe('120');
    // day 3: C spends 1000 (not a shareholder): pool 50 -> 20 and 30
    n.order(C, 1000);
    n.ref.endDay();
    expect(n.income(A)).toBe('100');
    expect(n.income(B)).toBe('150');
    expect(n.income(C)).toBe('0');
    expect(n.paid().dividend).toBe('250');
    expect(n.ref.count.dividend).toBe(4);
    // dividends are not paid on joining orders by an upline
    expect(n.ref.paidOnJoining.toString()).toBe('0');
  });
});

describe('the cap: each order pays at most its distribution share, in the order of the table', () => {
  it('a per-recruit bonus larger than the share takes all of it; nothing is left for direct', () => {
    const n = network({ probability: 1, choice: 'uniform', rewards: { perRecruit: 500, direct: 0.1 } });
    const A = n.join(null);
    n.order(A, 1000);
    const B = n.join(A);
    expect(n.order(B, 1000).toString()).toBe('300');
    expect(n.paid()).toMatchObject({ perRecruit: '300', direct: '0' });
    expect(n.ref.count).toMatchObject({ perRecruit: 1, direct: 0 });
  });

  it('direct 25% and indirect 25%: the grandparent gets what is left, 5%', () => {
    const n = network({ probability: 1, choice: 'uniform', rewards: { direct: 0.25, indirect: 0.25, peer: 0.5, levels: [{ rate: 0.5 }] } });
    const A = n.join(null);
    const B = n.join(A);
    const C = n.join(B);
    expect(n.order(C, 1000).toString()).toBe('300');
    expect(n.income(B)).toBe('250');
    expect(n.income(A)).toBe('50');
    expect(n.paid()).toMatchObject({ direct: '250', indirect: '50', levelDifference: '0', peer: '0' });
  });

  it('the dividend takes only what the rewards before it left', () => {
    const n = network({ probability: 1, choice: 'uniform', rewards: { direct: 0.28, dividend: { rate: 0.05, minPersonalSpend: 0 } } });
    const A = n.join(null);
    n.order(A, 1000); // A a shareholder; 50 into the pool (no direct: A has no referrer)
    const B = n.join(A);
    n.order(B, 1000); // direct 280, dividend 20 (not 50); B a shareholder too
    n.ref.endDay();
    // pool 70, shared 1000 : 1000
    expect(n.income(A)).toBe('315');
    expect(n.income(B)).toBe('35');
    expect(n.ref.totalPaid.toString()).toBe('350');
  });

  it('the share in force is the one of the day: a distribution share of 0 pays nothing', () => {
    const n = network({ probability: 1, choice: 'uniform', rewards: { perRecruit: 5, direct: 0.1 } }, 0);
    const A = n.join(null);
    const B = n.join(A);
    expect(n.order(B, 1000).toString()).toBe('0');
    expect(n.ref.count.direct + n.ref.count.perRecruit).toBe(0);
  });

  it('property: over random reward tables summing well above the share, no order pays more than its share', () => {
    const rate = fc.double({ min: 0, max: 0.6, noNaN: true });
    const table = fc.record({
      perRecruit: fc.double({ min: 0, max: 400, noNaN: true }),
      direct: rate,
      indirect: rate,
      peer: rate,
      levels: fc.array(fc.record({ rate, minTeamVolume: fc.integer({ min: 0, max: 5000 }) }), { maxLength: 4 }),
      district: rate,
      city: rate,
      dividend: rate,
    });
    const step = fc.record({ parent: fc.option(fc.nat(), { nil: null }), amount: fc.integer({ min: 1, max: 5000 }), again: fc.boolean() });
    fc.assert(
      fc.property(table, fc.double({ min: 0, max: 1, noNaN: true }), fc.array(step, { minLength: 1, maxLength: 25 }), (t, share, steps) => {
        const n = network(
          {
            probability: 0.5,
            choice: 'uniform',
            rewards: {
              perRecruit: t.perRecruit,
              direct: t.direct,
              indirect: t.indirect,
              peer: t.peer,
              // rising rates (falling ones hit the bug shown below)
              levels: [...t.levels].sort((x, y) => x.rate - y.rate),
              agents: { regions: { provinces: 1, citiesPerProvince: 1, districtsPerCity: 1 }, district: { rate: t.district }, city: { rate: t.city, minTeamVolume: 500 }, province: {} },
              dividend: { rate: t.dividend, minPersonalSpend: 0 },
            },
          },
          share,
        );
        const users: number[] = [];
        for (const s of steps) {
          const u = s.again && users.length ? users[s.amount % users.length]! : n.join(users.length && s.parent !== null ? s.parent % users.length : null);
          if (!users.includes(u)) users.push(u);
          // the dividend pool is shared out at the end of the day: end the day after each order
          const before = n.ref.totalPaid;
          n.order(u, s.amount);
          n.ref.endDay();
          const paid = n.ref.totalPaid.minus(before);
          const cap = new Decimal(s.amount).times(share);
          expect(paid.isNeg()).toBe(false);
          // at most the share (the dividend's division may round in the 40th digit)
          expect(paid.lte(cap.times('1.000000000000000000000000000001')), `paid ${paid} > share ${cap}`).toBe(true);
        }
        for (let u = 0; u < users.length; u++) expect(n.ref.income[u]!.isNeg()).toBe(false);
      }),
      { numRuns: 200, seed: 20240601 },
    );
  });
});

describe('who refers whom', () => {
  it('uniform: the referrer is drawn among all users alike', () => {
    const n = network({ probability: 1, choice: 'uniform' });
    const A = n.join(null);
    n.join(A);
    n.join(A);
    // three users: the fourth draws among 3
    n.join(2);
    expect(n.rng.asked).toEqual([1, 2, 3]);
    expect([...n.ref.parent.slice(0, 4)]).toEqual([-1, 0, 0, 2]);
    expect(n.ref.referred).toBe(3);
  });

  it('preferential: a ticket per user plus one per recruit', () => {
    const n = network({ probability: 1, choice: 'preferential' });
    const rng = n.rng;
    n.join(null); // tickets [A]
    n.join(0); // the only ticket, index 0, is A's; tickets [A, A, B]
    rng.nextVal = 0;
    rng.intVal = 1; // among 3 tickets, index 1 is A again; tickets [A, A, B, A, C]
    n.joinRaw();
    rng.intVal = 2; // among 5 tickets, index 2 is B
    n.joinRaw();
    expect(rng.asked).toEqual([1, 3, 5]);
    expect([...n.ref.parent.slice(0, 4)]).toEqual([-1, 0, 0, 1]);
    expect([...n.ref.recruits.slice(0, 4)]).toEqual([2, 1, 0, 0]);
  });

  it('a draw at or above the probability leaves the buyer unreferred (a root), with no referrer drawn', () => {
    const n = network({ probability: 0.3, choice: 'uniform' });
    n.join(null);
    const rng = n.rng;
    rng.nextVal = 0.3;
    n.joinRaw();
    rng.nextVal = 0.2999;
    rng.intVal = 0;
    n.joinRaw();
    expect([...n.ref.parent.slice(0, 3)]).toEqual([-1, -1, 0]);
    expect(rng.asked).toEqual([2]);
    expect(n.ref.referred).toBe(1);
  });

  it('the organisation: sizes, levels and roots of the forest', () => {
    const n = network({ probability: 1, choice: 'uniform' });
    const A = n.join(null);
    const B = n.join(A);
    n.join(B);
    n.join(A);
    const R = n.join(null);
    n.join(R);
    expect(n.ref.organisation()).toEqual({ largestSize: 4, largestLevels: 3, roots: 2, maxDepth: 2, atThreshold: null });
  });
});

describe('level rates that do not rise with the level', () => {
  // Fixed engine bug: the level difference is computed from the index of the level last paid
  // (rate[lv] - rate[paidLevel]) rather than from the highest rate already paid in the chain, and
  // Referral.pay accepts a negative amount. With levels [10%, 5%] (nothing in validation asks the
  // rates to rise), an upline of level 2 above a level-1 payee is "paid" 5% - 10% = -5%: a
  // negative referral income, and the negative payment gives the order's share back, so later
  // rewards can pay out more than the share in positive payments.
  // Repro (stub book, share 0.3, levels [{rate 0.1, minTeamVolume 0}, {rate 0.05, minTeamVolume 2000}]):
  // A <- B <- C; A and B order 1000 (A reaches level 1 and is paid 100), then C orders 1000:
  // B (level 1) is paid 100 and A (team 2000: level 2) is "paid" -50, so A ends with 50.
  // Add a district agent at 30% (minTeamVolume 0; A is the agent) and on C's order the agent then
  // takes 250: 350 in positive payments out of an order whose share is 300.
  it('no upline is paid a negative level difference; an upline whose rate is not above the one paid gets nothing', () => {
    const n = network({
      probability: 1,
      choice: 'uniform',
      rewards: {
        levels: [
          { rate: 0.1, minTeamVolume: 0 },
          { rate: 0.05, minTeamVolume: 2000 },
        ],
      },
    });
    const A = n.join(null);
    const B = n.join(A);
    const C = n.join(B);
    n.order(A, 1000);
    n.order(B, 1000); // A: level 1, paid 10% = 100
    expect(n.income(A)).toBe('100');
    // C's order: B (level 1) 10% = 100; A (team 2000: level 2, rate 5%) is not above the 10%
    // already paid in this chain: nothing
    n.order(C, 1000);
    expect(n.income(B)).toBe('100');
    expect(n.income(A)).toBe('100');
  });
});

/** Whole runs where the tree is forced. */
function run(input: ScenarioInput, exactMode = true) {
  const out = runFlowScenario(input, { exact: exactMode });
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}

describe('whole runs on forced trees', () => {
  it('two buyers, probability 1, uniform: the second is the first one\'s recruit; per-recruit 20 + direct 100', () => {
    const r = run({
      flow: { days: 2, buyers: { perDay: 1 }, cohortDays: 1, referral: { probability: 1, choice: 'uniform', rewards: { perRecruit: 20, direct: 0.1 } } },
    });
    expect(r.referral).toMatchObject({ referredUsers: 1, roots: 1, largestOrganisation: { members: 2, levels: 2 }, deepestChain: 2, maxPaidDistance: 1 });
    expect(r.referral!.paidByKind).toMatchObject({ perRecruit: '20', direct: '100' });
    expect(r.referral!.payments).toMatchObject({ perRecruit: 1, direct: 1 });
    expect(r.days.map((d) => d.referralPaid)).toEqual(['0', '120']);
    expect(r.cohorts.map((c) => c.referralIncome)).toEqual(['120', '0']);
    expect(r.aggregate.distributionPaid).toBe('120');
    expect(r.aggregate.distributionKept).toBe('480');
    // referral income is kept apart from point income: the pool is untouched
    expect(r.aggregate.poolInflow).toBe('600');
    expect(r.final.pool).toBe('600');
  });

  it('three buyers: direct 200 whoever referred the third; indirect 50 only if the third is under the second', () => {
    const seen = new Set<number>();
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const r = run({ flow: { days: 3, seed, buyers: { perDay: 1 }, referral: { probability: 1, choice: 'uniform', rewards: { direct: 0.1, indirect: 0.05 } } } });
      const chain = r.referral!.deepestChain;
      expect([2, 3]).toContain(chain);
      seen.add(chain);
      expect(r.referral!.paidByKind['direct']).toBe('200');
      expect(r.referral!.paidByKind['indirect']).toBe(chain === 3 ? '50' : '0');
      expect(r.aggregate.distributionPaid).toBe(chain === 3 ? '250' : '200');
      expect(r.referral!.maxPaidDistance).toBe(chain === 3 ? 2 : 1);
    }
    // the seeds give both trees
    expect(seen.size).toBe(2);
  });

  it('probability 0: nobody is referred; every buyer is a root and nothing is paid', () => {
    const r = run({ flow: { days: 4, buyers: { perDay: 3 }, referral: { probability: 0, rewards: { perRecruit: 50, direct: 0.2, indirect: 0.1 } } } });
    expect(r.referral).toMatchObject({ referredUsers: 0, roots: 12, largestOrganisation: { members: 1, levels: 1 }, deepestChain: 1 });
    expect(r.aggregate.distributionPaid).toBe('0');
    expect(r.aggregate.distributionKept).toBe('3600');
  });
});

describe('paid + kept is the distribution share of all spend, exactly', () => {
  const rates = fc.record({
    perRecruit: fc.integer({ min: 0, max: 300 }),
    direct: fc.double({ min: 0, max: 0.4, noNaN: true }),
    indirect: fc.double({ min: 0, max: 0.4, noNaN: true }),
    peer: fc.double({ min: 0, max: 0.2, noNaN: true }),
    level: fc.double({ min: 0, max: 0.5, noNaN: true }),
    agent: fc.double({ min: 0, max: 0.2, noNaN: true }),
    dividend: fc.double({ min: 0, max: 0.2, noNaN: true }),
    probability: fc.double({ min: 0, max: 1, noNaN: true }),
    split: fc.constantFrom({ cost: 0.5, distribution: 0.1 }, { cost: 0.3, distribution: 0.3 }, { cost: 0.15, distribution: 0.45 }),
    later: fc.constantFrom({ cost: 0.6, distribution: 0 }, { cost: 0.4, distribution: 0.2 }, { cost: 0.1, distribution: 0.5 }),
    seed: fc.nat(1000),
    preferential: fc.boolean(),
  });
  it('property (exact mode, to 1e-30): random tables, lognormal amounts, repeats, a split change on day 4; each day pays at most its share', () => {
    fc.assert(
      fc.property(rates, (t) => {
        const r = run({
          rules: { split: { ...t.split, platform: 0.1, pool: 0.3 } },
          flow: {
            days: 6,
            seed: t.seed,
            orderAmount: { kind: 'lognormal', mean: 900, cv: 0.7 },
            buyers: { perDay: 4 },
            repeat: { probabilityPerDay: 0.3 },
            referral: {
              probability: t.probability,
              choice: t.preferential ? 'preferential' : 'uniform',
              rewards: {
                perRecruit: t.perRecruit,
                direct: t.direct,
                indirect: t.indirect,
                peer: t.peer,
                levels: [
                  { rate: t.level / 2, minTeamVolume: 500 },
                  { rate: t.level, minTeamVolume: 3000 },
                ],
                agents: { regions: { provinces: 1, citiesPerProvince: 2, districtsPerCity: 2 }, district: { rate: t.agent, minTeamVolume: 1000 }, city: { rate: t.agent / 2 }, province: {} },
                dividend: { rate: t.dividend, minPersonalSpend: 1500 },
              },
            },
          },
          events: [{ day: 4, rules: { split: { ...t.later, platform: 0.1, pool: 0.3 } } }],
        });
        // the share in force on each day: the first split to day 3, the later one from day 4
        const shareOn = (day: number) => new Decimal(day < 4 ? t.split.distribution : t.later.distribution);
        const due = r.days.reduce((s, d) => s.plus(shareOn(d.day).times(d.spend as string)), new Decimal(0));
        const sum = new Decimal(r.aggregate.distributionPaid as string).plus(r.aggregate.distributionKept as string);
        expectNear(sum, due);
        // (kept may dip below 0 in the 36th digit: see the dividend rounding case below)
        expect(new Decimal(r.aggregate.distributionKept as string).gte(due.times('-1e-30'))).toBe(true);
        for (const d of r.days) {
          expect(new Decimal(d.referralPaid as string).lte(shareOn(d.day).times(d.spend as string).times('1.000000000000000000000000000001'))).toBe(true);
        }
        // the daily figures add up to the total paid, and so do the kinds and the cohorts
        const byDays = r.days.reduce((s, d) => s.plus(d.referralPaid as string), new Decimal(0));
        const byKinds = Object.values(r.referral!.paidByKind).reduce((s: DecimalJs, v) => s.plus(v as string), new Decimal(0));
        expectNear(byDays, r.aggregate.distributionPaid as string);
        expectNear(byKinds, r.aggregate.distributionPaid as string);
        // cohorts hold buyers only; all income goes to buyers here
        const byCohorts = r.cohorts.reduce((s, c) => s.plus(c.referralIncome as string), new Decimal(0));
        expectNear(byCohorts, r.aggregate.distributionPaid as string);
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});

describe('the dividend shared out at 40 digits', () => {
  // Fixed engine bug (small): Referral.endDay divides the day's dividend pool among shareholders as
  // pool x spend / weight, each rounded at 40 digits, and pays every share; the shares can sum to
  // more than the pool. When the dividend takes the whole distribution share, the platform's
  // distributionKept then prints negative in exact mode (e.g. "-0.000000000000000000000000000000000001"),
  // against RULEBOOK §4.6 (no negative balance). Giving the last shareholder the remainder would fix it.
  // Repro: {flow: {days: 4, seed: 6, orderAmount: {kind: "lognormal", mean: 1000, cv: 0.7},
  //   buyers: {perDay: 3}, referral: {probability: 0, rewards: {dividend: {rate: 0.3, minPersonalSpend: 0}}}}}, exact.
  it('distributionKept is never negative when the dividend takes the whole share', () => {
    for (let seed = 0; seed < 12; seed++) {
      const r = run({
        flow: { days: 4, seed, orderAmount: { kind: 'lognormal', mean: 1000, cv: 0.7 }, buyers: { perDay: 3 }, referral: { probability: 0, rewards: { dividend: { rate: 0.3, minPersonalSpend: 0 } } } },
      });
      // the whole share is paid, to the last digit or a hair over
      expectNear(r.aggregate.distributionPaid as string, new Decimal(r.aggregate.totalSpend as string).times('0.3'));
      expect(String(r.aggregate.distributionKept).startsWith('-'), `seed ${seed}: kept ${r.aggregate.distributionKept}`).toBe(false);
    }
  });
});
