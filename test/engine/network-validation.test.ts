/**
 * Bad inputs for the referral, legacy, run, stop-test and promise fields, and bad stress presets
 * (parseStress, checkStress, simulateStress), each with the exact message it must produce: path
 * first, then what is wrong and what is allowed.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem, runFlowScenario, runScenario } from '../../src/engine/index.ts';
import { checkStress, parseStress, simulateStress, type StressPreset } from '../../src/engine/stress.ts';
import { validateScenario, type FlowScenarioV1 } from '../../src/engine/scenario/index.ts';
import type { Problem } from '../../src/engine/result.ts';

const FLOW = { days: 5, buyers: { perDay: 1 } };
const RELEASE = { batches: 2, everyDays: 1 };
const legacy = (l: Record<string, unknown>) => ({ flow: { ...FLOW, legacy: { members: 2, liabilityPerMember: 1000, release: RELEASE, ...l } } });
const referral = (r: Record<string, unknown>) => ({ flow: { ...FLOW, referral: { probability: 0.5, ...r } } });
const rewards = (r: Record<string, unknown>) => referral({ rewards: r });
const REGIONS = { provinces: 1, citiesPerProvince: 1, districtsPerCity: 1 };

/** [what, input, every expected message] */
const BAD: Array<[string, unknown, string[]]> = [
  // legacy
  ['a conversion day beyond the days simulated', legacy({ day: 6 }), ['flow.legacy.day: must be within the 5 days simulated; got 6']],
  ['a conversion on day 0', legacy({ day: 0 }), ['flow.legacy.day: must be >= 1; got 0']],
  ['a first release before the conversion day', legacy({ day: 3, release: { ...RELEASE, firstDay: 2 } }), ['flow.legacy.release.firstDay: must be on or after the conversion day 3; got 2']],
  [
    'a conversion beyond the run and a first release before it',
    legacy({ day: 7, release: { ...RELEASE, firstDay: 6 } }),
    ['flow.legacy.day: must be within the 5 days simulated; got 7', 'flow.legacy.release.firstDay: must be on or after the conversion day 7; got 6'],
  ],
  ['no members', legacy({ members: 0 }), ['flow.legacy.members: must be >= 1; got 0']],
  ['a fractional number of members', legacy({ members: 1.5 }), ['flow.legacy.members: must be a whole number; got a number (1.5)']],
  ['a liability of 0', legacy({ liabilityPerMember: 0 }), ['flow.legacy.liabilityPerMember: must be >= 0.01; got 0 (amounts are money: at least one cent)']],
  ['a negative liability', legacy({ liabilityPerMember: -5 }), ['flow.legacy.liabilityPerMember: must be >= 0.01; got -5 (amounts are money: at least one cent)']],
  ['a point share of 0', legacy({ pointShare: 0 }), ['flow.legacy.pointShare: must be > 0; got 0']],
  ['a point share above 10', legacy({ pointShare: 11 }), ['flow.legacy.pointShare: must be <= 10; got 11']],
  ['no release', legacy({ release: undefined }), ['flow.legacy.release: is required (an object)']],
  ['0 batches', legacy({ release: { batches: 0, everyDays: 1 } }), ['flow.legacy.release.batches: must be >= 1; got 0']],
  ['0 days between batches', legacy({ release: { batches: 2, everyDays: 0 } }), ['flow.legacy.release.everyDays: must be >= 1; got 0']],
  ['an unknown release field', legacy({ release: { ...RELEASE, share: 0.5 } }), ['flow.legacy.release: unknown release field "share"; allowed: batches, everyDays, firstDay']],
  // referral
  ['a probability above 1', referral({ probability: 1.5 }), ['flow.referral.probability: must be <= 1; got 1.5']],
  ['a negative probability', referral({ probability: -0.1 }), ['flow.referral.probability: must be >= 0; got -0.1']],
  ['no probability', { flow: { ...FLOW, referral: {} } }, ['flow.referral.probability: is required (a number)']],
  ['an unknown choice', referral({ choice: 'random' }), ['flow.referral.choice: must be one of "preferential", "uniform"; got "random"']],
  ['a negative per-recruit bonus', rewards({ perRecruit: -5 }), ['flow.referral.rewards.perRecruit: must be >= 0; got -5']],
  ['a negative direct rate', rewards({ direct: -0.1 }), ['flow.referral.rewards.direct: must be >= 0; got -0.1']],
  ['a negative indirect rate', rewards({ indirect: -0.1 }), ['flow.referral.rewards.indirect: must be >= 0; got -0.1']],
  ['a direct rate above 1', rewards({ direct: 1.5 }), ['flow.referral.rewards.direct: must be <= 1; got 1.5']],
  ['a negative peer rate', rewards({ peer: -0.01 }), ['flow.referral.rewards.peer: must be >= 0; got -0.01']],
  ['a negative level rate', rewards({ levels: [{ rate: 0.02 }, { rate: -0.1 }] }), ['flow.referral.rewards.levels[1].rate: must be >= 0; got -0.1']],
  ['a level without a rate', rewards({ levels: [{ name: 'V1', minTeamVolume: 100 }] }), ['flow.referral.rewards.levels[0].rate: is required (a number)']],
  ['a negative team volume for a level', rewards({ levels: [{ rate: 0.1, minTeamVolume: -1 }] }), ['flow.referral.rewards.levels[0].minTeamVolume: must be >= 0; got -1']],
  ['a fractional number of recruits for a level', rewards({ levels: [{ rate: 0.1, minRecruits: 1.5 }] }), ['flow.referral.rewards.levels[0].minRecruits: must be a whole number; got a number (1.5)']],
  ['an unknown level field', rewards({ levels: [{ rate: 0.1, minSpend: 5 }] }), ['flow.referral.rewards.levels[0]: unknown level field "minSpend"; allowed: name, rate, minPersonalSpend, minTeamVolume, minRecruits']],
  ['21 levels', rewards({ levels: Array.from({ length: 21 }, () => ({ rate: 0.01 })) }), ['flow.referral.rewards.levels: must have at most 20 entries']],
  [
    'a negative agent rate',
    rewards({ agents: { regions: REGIONS, district: { rate: -0.1 }, city: {}, province: {} } }),
    ['flow.referral.rewards.agents.district.rate: must be >= 0; got -0.1'],
  ],
  [
    'agents without regions',
    rewards({ agents: { district: { rate: 0.1 }, city: {}, province: {} } }),
    ['flow.referral.rewards.agents.regions: is required (an object)'],
  ],
  [
    'a region count of 0',
    rewards({ agents: { regions: { ...REGIONS, citiesPerProvince: 0 }, district: {}, city: {}, province: {} } }),
    ['flow.referral.rewards.agents.regions.citiesPerProvince: must be >= 1; got 0'],
  ],
  ['a negative dividend rate', rewards({ dividend: { rate: -0.1, minPersonalSpend: 0 } }), ['flow.referral.rewards.dividend.rate: must be >= 0; got -0.1']],
  ['a dividend without its threshold', rewards({ dividend: { rate: 0.1 } }), ['flow.referral.rewards.dividend.minPersonalSpend: is required (a number)']],
  ['an unknown reward', rewards({ tertiary: 0.1 }), ['flow.referral.rewards: unknown reward "tertiary"; allowed: perRecruit, direct, indirect, levels, peer, agents, dividend']],
  ['an unknown referral field', referral({ depth: 3 }), ['flow.referral: unknown referral field "depth"; allowed: probability, choice, rewards']],
  // run and stop test
  ['a run share of 0', { flow: FLOW, events: [{ day: 2, run: { share: 0 } }] }, ['events[0].run.share: must be > 0; got 0']],
  ['a run share above 1', { flow: FLOW, events: [{ day: 2, run: { share: 1.5 } }] }, ['events[0].run.share: must be <= 1; got 1.5']],
  ['a run without a share', { flow: FLOW, events: [{ day: 2, run: {} }] }, ['events[0].run.share: is required (a number)']],
  ['a run beyond the days simulated', { flow: FLOW, events: [{ day: 9, run: { share: 0.5 } }] }, ['events[0].day: must be within the 5 days simulated; got 9']],
  ['stopTest false', { flow: FLOW, events: [{ day: 2, stopTest: false }] }, ['events[0].stopTest: must be true; got false']],
  ['a run and a stop test in one entry', { flow: FLOW, events: [{ day: 2, run: { share: 0.5 }, stopTest: true }] }, ['events[0]: has 2 events (run, stopTest); give exactly one per entry']],
  // promises
  ['an equity promise given as text', { flow: FLOW, promises: { equityForPoints: 'yes' } }, ['promises.equityForPoints: must be a boolean; got a string']],
  ['an unknown promise', { flow: FLOW, promises: { listing: true } }, ['promises: unknown promise "listing"; allowed: equityForPoints']],
];

describe('bad referral, legacy, run, stop-test and promise fields, each with the messages it must produce', () => {
  for (const [what, input, messages] of BAD) {
    it(`${what}: ${messages.join(' | ')}`, () => {
      for (const out of [runFlowScenario(input), runFlowScenario(input, { exact: true }), runScenario(input)]) {
        expect(out.ok).toBe(false);
        if (out.ok) return;
        expect(out.problems.map(formatProblem).sort()).toEqual([...messages].sort());
      }
    });
  }

  it('the good forms of the same fields are accepted', () => {
    for (const input of [
      legacy({ day: 5, release: { ...RELEASE, firstDay: 5 } }),
      rewards({ perRecruit: 0, direct: 1, levels: [{ rate: 0 }], agents: { regions: REGIONS, district: {}, city: {}, province: {} }, dividend: { rate: 0, minPersonalSpend: 0 } }),
      { flow: FLOW, events: [{ day: 5, run: { share: 1 } }, { day: 5, stopTest: true }] },
      { flow: FLOW, promises: {} },
    ]) {
      const out = runFlowScenario(input);
      expect(out.ok, JSON.stringify(out.ok ? null : out.problems)).toBe(true);
    }
  });
});

describe('stress presets: KIND:DAY[:VALUE]', () => {
  const s = validateScenario({ flow: FLOW });
  if (!s.ok) throw new Error('must validate');
  const scenario = s.scenario as FlowScenarioV1;
  const KINDS = 'stop-orders, run, skim, gift-down, withholding-up, exit-down, stop-test';
  const format = (text: string): string => `must be KIND:DAY[:VALUE] with KIND one of ${KINDS}; got ${JSON.stringify(text)}`;

  it('parses a kind, a day and a value', () => {
    expect(parseStress('run:3:0.25')).toEqual({ kind: 'run', day: 3, value: 0.25 });
    expect(parseStress('stop-test:4')).toEqual({ kind: 'stop-test', day: 4 });
  });

  for (const text of ['crash:3', 'run', 'run:3:0.5:9', '', 'RUN:3']) {
    it(`parseStress(${JSON.stringify(text)}): ${format(text)}`, () => {
      expect(parseStress(text)).toEqual({ path: '--stress', message: format(text) });
    });
  }

  const CHECKS: Array<[string, string]> = [
    ['run:0', 'day must be a whole number from 1 to 5; got 0'],
    ['run:6', 'day must be a whole number from 1 to 5; got 6'],
    ['run:3:0', 'run takes a value in (0, 1]; got 0'],
    ['run:3:1.5', 'run takes a value in (0, 1]; got 1.5'],
    ['skim:2:1', 'skim takes a value in (0, 1); got 1'],
    ['skim:2:0', 'skim takes a value in (0, 1); got 0'],
    ['gift-down:2:1.2', 'gift-down takes a value in [0, 1]; got 1.2'],
    ['gift-down:2:-0.1', 'gift-down takes a value in [0, 1]; got -0.1'],
    ['withholding-up:2:1', 'withholding-up takes a value in [0, 1); got 1'],
    ['exit-down:2:1', 'exit-down takes a value above 1; got 1'],
    ['stop-orders:2:5', 'stop-orders takes no value; got 5'],
    ['stop-test:2:1', 'stop-test takes no value; got 1'],
  ];
  for (const [text, message] of CHECKS) {
    it(`checkStress(${text}): ${message}`, () => {
      const p = parseStress(text) as StressPreset;
      expect(p).not.toHaveProperty('path');
      expect(checkStress(scenario, p)).toEqual([{ path: '--stress', message }]);
      // and the stress run is refused with the same problem, in either mode
      for (const exact of [false, true]) expect(simulateStress(scenario, p, { exact })).toEqual({ ok: false, problems: [{ path: '--stress', message }] });
    });
  }

  it('a bad day and a bad value are both reported', () => {
    expect(checkStress(scenario, { kind: 'skim', day: 9, value: 2 })).toEqual([
      { path: '--stress', message: 'day must be a whole number from 1 to 5; got 9' },
      { path: '--stress', message: 'skim takes a value in (0, 1); got 2' },
    ]);
  });

  it('the edges of each range are accepted', () => {
    for (const text of ['run:1:1', 'run:5:0.001', 'skim:5:0.999', 'gift-down:2:0', 'gift-down:2:1', 'withholding-up:2:0', 'exit-down:2:1.0001', 'stop-orders:1', 'stop-test:5']) {
      expect(checkStress(scenario, parseStress(text) as StressPreset), text).toEqual([]);
    }
  });

  // empty, fractional and non-numeric parts are named as typed, not read as 0 or NaN
  it('empty, fractional and non-numeric parts: the message shows them as typed', () => {
    const p = (text: string) => parseStress(text) as Problem;
    expect(p('run::0.5')).toEqual({ path: '--stress', message: 'DAY must be a whole number; got "" in "run::0.5"' });
    expect(p('run:2.5')).toEqual({ path: '--stress', message: 'DAY must be a whole number; got "2.5" in "run:2.5"' });
    expect(p('skim:3:')).toEqual({ path: '--stress', message: 'VALUE must be a number; got "" in "skim:3:"' });
    expect(p('run:x')).toEqual({ path: '--stress', message: 'DAY must be a whole number; got "x" in "run:x"' });
    expect(p('run:3:abc')).toEqual({ path: '--stress', message: 'VALUE must be a number; got "abc" in "run:3:abc"' });
  });

  // Fixed engine bug: checkStress accepts exit-down with a value of Infinity ("exit-down:2:Infinity";
  // Infinity > 1), which scenario validation would refuse for rules.exitMultiple. The rule change
  // then reaches the book: the exact run prints "NaN" for solvency needExitPromise and
  // coverageExitPromise on every day from the change (fast prints null), breaking RULEBOOK §4.6.
  // Repro: simulateStress({flow: {days: 5, buyers: {perDay: 1}, sell: {ratePerDay: 0.5}}},
  //   parseStress("exit-down:2:Infinity"), {exact: true}).
  it('exit-down:2:Infinity is refused, or at least produces no NaN', () => {
    const sell = validateScenario({ flow: { ...FLOW, sell: { ratePerDay: 0.5 } } });
    if (!sell.ok) throw new Error('must validate');
    const p = parseStress('exit-down:2:Infinity') as StressPreset;
    const out = simulateStress(sell.scenario as FlowScenarioV1, p, { exact: true });
    if (!out.ok) {
      expect(out.problems[0]!.message).toContain('exit-down takes a value above 1');
      return;
    }
    expect(JSON.stringify(out.result)).not.toContain('NaN');
  });
});
