/**
 * `sweep` and `simulate --seeds` on the models of the family, as a reviewer runs them: a sweep over
 * the model itself prints one CSV row per model with the figures worked by hand; Monte Carlo of a
 * family scenario prints the family's document; an outcome a model does not have is refused with
 * exit code 2, naming the outcome and the model, nothing on stdout.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const node = (script: string) => (args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const sweep = node('src/cli/sweep.ts');
const simulate = node('src/cli/simulate.ts');
const tmp = mkdtempSync(join(tmpdir(), 'family-batch-'));
const file = (name: string, value: unknown) => {
  const p = join(tmp, name);
  writeFileSync(p, JSON.stringify(value));
  return p;
};

// 10 new buyers a day for 10 days, one order of 1,000 each; fund share 0.5
const ONE_FLOW = {
  rules: { split: { cost: 0.3, distribution: 0.1, platform: 0.1, pool: 0.5 } },
  flow: { days: 10, orderAmount: 1000, buyers: { perDay: 10 }, cohortDays: 5 },
};

describe('sweep over the model', { timeout: 60_000 }, () => {
  it('one row per model, the model as JSON in its column', () => {
    const r = sweep([file('models.json', { base: ONE_FLOW, x: { param: 'model', values: [{ kind: 'seed' }, { kind: 'queue' }] }, outcomes: ['users', 'paidShareOfSpend', 'shareBrokeEven', 'fund', 'coverage'] }), '--workers', '1']);
    expect(r.err).toBe('\rsweep: 0/2 cells\rsweep: 1/2 cells\rsweep: 2/2 cells\n');
    expect(r.code).toBe(0);
    // seed: nothing sold, nobody forced out (the price stays below the 8.57 the first buyer's
    // points need for 3 x spend); the pool holds 50,000 against the exit promise 3 x 100,000: 1/6.
    // queue (fifo, k = 1): entries 1-50 paid 1,000 each by order 100, the fund empty
    expect(r.out).toBe(['model,users,paidShareOfSpend,shareBrokeEven,fund,coverage', '"{""kind"":""seed""}",100,0,0,50000,0.166666666667', '"{""kind"":""queue""}",100,0.5,0.5,0,0', ''].join('\n'));
  });

  it('an outcome a model of the axis does not have: exit 2, the outcome, the model and its first cell named', () => {
    const r = sweep([file('bad.json', { base: ONE_FLOW, x: { param: 'model', values: [{ kind: 'seed' }, { kind: 'release', ratePerDay: 0.01 }] }, outcomes: ['finalPrice'] })]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^sweep: outcomes\[0\]: "finalPrice" does not apply to the release model \(model.kind "release"\): it is the price of the seed's points; see the outcomes for every model: .* \(first at x.values\[1\]: model = /);
  });
});

describe('simulate --seeds on a model of the family', { timeout: 60_000 }, () => {
  it('an outcome the model does not have: exit 2, nothing on stdout', () => {
    const r = simulate([file('release.json', { ...ONE_FLOW, model: { kind: 'release', ratePerDay: 0.01 } }), '--seeds', '2', '--outcomes', 'fund,forcedExits']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      'simulate: --outcomes: "forcedExits" does not apply to the release model (model.kind "release"): it is the seed\'s forced exits; ask for shareComplete or waiting instead, or see the outcomes for every model: users, shareBrokeEven, shareBrokeEven:N, paidShareOfSpend, fund, outstanding, coverage, firstDefaultDay, totalDefaults, daysUntilPromiseCoverageBelow:X, lowestPromiseCoverageAfter:N\n',
    );
  });

  it('the family\'s document: its model, its series, its outcomes, its cohorts', () => {
    const r = simulate([file('queue.json', { ...ONE_FLOW, model: { kind: 'queue' } }), '--seeds', '3', '--workers', '1']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.model).toEqual({ kind: 'queue', k: 1, cap: null, mode: 'fifo' });
    expect(doc.seeds).toEqual({ from: 1, count: 3 });
    expect(Object.keys(doc.bands)).toEqual(['fund', 'outstanding', 'coverage', 'paid', 'defaults', 'shareComplete']);
    expect(Object.keys(doc.outcomes)).toEqual(['fund', 'outstanding', 'coverage', 'paidShareOfSpend', 'shareBrokeEven', 'firstDefaultDay', 'totalDefaults', 'shareComplete']);
    // every seed the same run (fixed amounts, constant flow): 5,000 d owed at the end of day d
    expect(doc.bands.outstanding.p0).toEqual([5000, 10000, 15000, 20000, 25000, 30000, 35000, 40000, 45000, 50000]);
    expect(doc.bands.outstanding.p100).toEqual(doc.bands.outstanding.p0);
    expect(doc.cohorts.map((c: { complete: { mean: number } }) => c.complete.mean)).toEqual([1, 0]);
  });
});
