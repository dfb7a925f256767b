/**
 * The `simulate` command as a reviewer runs it: a real process, files and stdin, exit codes,
 * stdout and stderr kept apart.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';

const CLI = ['--import', 'tsx', 'src/cli/simulate.ts'];
const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [...CLI, ...args], { input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const tmp = mkdtempSync(join(tmpdir(), 'simulate-'));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('simulate FILE', () => {
  it('prints the seed worked example as one JSON document with final, steps, users', () => {
    const r = run(['examples/seed-worked-example.json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out);
    expect(doc.steps.slice(0, 3).map((s: { issued: string }) => s.issued)).toEqual(['210', '147', '124.95']);
    expect(doc.steps.slice(0, 3).map((s: { pool: string }) => s.pool)).toEqual(['300', '600', '900']);
    expect(doc.steps.slice(0, 3).map((s: { price: string }) => new Decimal(s.price).toFixed(6))).toEqual(['1.428571', '1.680672', '1.867414']);
    expect(doc.steps[4]).toMatchObject({ event: 'sell', user: 'A', value: '2000', paid: '1600' });
    // the pool fell by 1600 only: 4590 -> 2990; 400 of the value sold stayed in it
    expect([doc.steps[3].pool, doc.steps[4].pool]).toEqual(['4590', '2990']);
    expect(doc.accounts.withheld).toBe('400');
    expect(doc.final).toEqual({ price: doc.steps[4].price, pool: '2990', points: '271.95' });
    expect(doc.users.A).toEqual({ spent: '1000', points: '0', cash: '1600', status: 'exited', entries: 1, exitReason: 'sold', exitedAtStep: 5 });
    expect(doc.engine).toMatchObject({ name: 'points-pool-explorer', mode: 'exact' });
  });

  it('reads the scenario from stdin with -', () => {
    const r = run(['-'], JSON.stringify({ script: [{ order: { amount: 1000 }, repeat: 299 }] }));
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.steps).toHaveLength(300);
    expect(new Decimal(doc.final.price).toFixed(4)).toBe('7.1876');
    expect(Object.keys(doc.users).slice(0, 3)).toEqual(['#1', '#2', '#3']);
  });

  it('marks forced exits with the step that caused them, in cascade order', () => {
    const doc = JSON.parse(run(['examples/cascade.json']).out);
    expect(doc.steps[2]).toMatchObject({ event: 'subsidy', forcedExits: ['A', 'B'], pool: '100', points: '0', price: '8' });
    expect(doc.users.A).toMatchObject({ status: 'exited', exitReason: 'forced', exitedAtStep: 3, cash: '100' });
    expect(doc.users.B).toMatchObject({ status: 'exited', exitReason: 'forced', exitedAtStep: 3, cash: '100' });
  });

  it('--format csv prints the steps with a header row', () => {
    const r = run(['examples/cascade.json', '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('step,event,user,amount,issued,sold,value,paid,price,pool,points,forcedExits');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('1,order,A,100,50,,,,2,100,50,');
    expect(lines[3]).toBe('3,subsidy,,100,,,,,8,100,0,A B');
  });

  it('works through the README command, npm run --silent simulate -- FILE', () => {
    const r = spawnSync('npm', ['run', '--silent', 'simulate', '--', 'examples/issue-example.json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.steps).toHaveLength(106);
    expect(doc.steps[101]).toMatchObject({ event: 'sell', user: 'A', value: '500', paid: '400' });
    expect(doc.steps[105]).toMatchObject({ event: 'rules' });
  });
});

describe('simulate on a time-driven scenario', () => {
  const small = JSON.stringify({
    flow: { days: 3, seed: 4, orderAmount: 1000, buyers: { perDay: 1 }, sell: { ratePerDay: 0 } },
  });

  it('runs on the fast path by default (JSON numbers) and exact with --exact (decimal strings)', () => {
    const f = JSON.parse(run(['-'], small).out);
    const e = JSON.parse(run(['-', '--exact'], small).out);
    expect(f.engine.mode).toBe('fast');
    expect(e.engine.mode).toBe('exact');
    // one buyer a day of 1000: day 1 is the seed's first order, 210 points at 1, pool 300
    expect(f.days[0]).toMatchObject({ day: 1, orders: 1, spend: 1000, poolInflow: 300, pool: 300, points: 210 });
    expect(e.days[0]).toMatchObject({ day: 1, orders: 1, spend: '1000', poolInflow: '300', pool: '300', points: '210' });
    // day 3 is the third order: pool 900, points 481.95
    expect(e.days[2]).toMatchObject({ pool: '900', points: '481.95' });
    expect(f.days[2].points).toBeCloseTo(481.95, 10);
  });

  it('--format csv prints the days joined with solvency', () => {
    const lines = run(['-', '--format', 'csv', '--exact'], small).out.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'day,orders,newBuyers,repeatOrders,sales,forcedExits,spend,poolInflow,paid,withheld,subsidies,withdrawals,referralPaid,lockedPoints,activeUsers,price,pool,points,needBreakEven,needExitPromise,coverageBreakEven,coverageExitPromise,shortfallBreakEven,shortfallExitPromise',
    );
    expect(lines).toHaveLength(4);
    // day 1: one active buyer needing 1000 back, promised 3 x 1000; pool 300 covers 0.3 and 0.1,
    // and lacks 1000 - 300 = 700 and 3000 - 300 = 2700; no referral rewards, no legacy points locked
    expect(lines[1]).toBe('1,1,1,0,0,0,1000,300,0,0,0,0,0,0,1,1.428571428571428571428571428571428571429,300,210,1000,3000,0.3,0.1,700,2700');
  });

  it('the JSON carries the shortfall per day and summed up (day 3: need 3000, promise 9000, pool 900)', () => {
    const e = JSON.parse(run(['-', '--exact'], small).out);
    expect(e.solvency.map((s: { shortfallBreakEven: string }) => s.shortfallBreakEven)).toEqual(['700', '1400', '2100']);
    expect(e.solvency.map((s: { shortfallExitPromise: string }) => s.shortfallExitPromise)).toEqual(['2700', '5400', '8100']);
    expect(e.shortfall).toEqual({ breakEven: { end: '2100', largest: '2100', largestDay: 3 }, exitPromise: { end: '8100', largest: '8100', largestDay: 3 } });
  });

  it('--users FILE writes one CSV row per user', () => {
    const path = join(tmp, 'users.csv');
    const r = run(['-', '--exact', '--users', path], small);
    expect(r.code).toBe(0);
    const rows = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe('id,firstDay,spent,cash,points,status,exitDay,breakEvenDay,hitExitMultiple');
    expect(rows.slice(1)).toEqual(['#1,1,1000,0,210,active,,,false', '#2,2,1000,0,147,active,,,false', '#3,3,1000,0,124.95,active,,,false']);
  });
});

describe('simulate on bad input: exit code 2, every problem on stderr, nothing on stdout', () => {
  const cases: Array<[string, () => ReturnType<typeof run>, string[]]> = [
    ['a missing file', () => run([join(tmp, 'nope.json')]), [`simulate: ${join(tmp, 'nope.json')}: no such file`]],
    ['a file that is not JSON', () => run([file('bad.json', '{"script": [')]), ['simulate: not valid JSON at line 1, column 13: expected a value']],
    ['an unknown event', () => run(['-'], '{"script":[{"buy":{"amount":1}}]}'), ['simulate: script[0]: unknown event "buy"; allowed: order, sell, subsidy, withdraw, rules, repeat']],
    ['a negative amount', () => run(['-'], '{"script":[{"order":{"amount":-1}}]}'), ['simulate: script[0].order.amount: must be >= 0.01; got -1 (amounts are money: at least one cent)']],
    [
      'a sale of more points than held',
      () => run(['-'], '{"script":[{"order":{"user":"A","amount":1000}},{"sell":{"user":"A","points":211}}]}'),
      ['simulate: script[1].sell.points: user "A" holds 210 points; cannot sell 211 (step 2)'],
    ],
    [
      'several problems at once',
      () => run(['-'], '{"rules":{"giftRatio":1.5},"script":[{"order":{"amount":0}}]}'),
      ['simulate: rules.giftRatio: must be <= 1; got 1.5', 'simulate: script[0].order.amount: must be >= 0.01; got 0 (amounts are money: at least one cent)'],
    ],
    ['an unknown option', () => run(['examples/cascade.json', '--fromat', 'csv']), ['simulate: --fromat: unknown option']],
    ['a bad format', () => run(['examples/cascade.json', '--format', 'xml']), ['simulate: --format: must be json or csv; got "xml"']],
    ['no file at all', () => run([]), ['simulate: FILE: give a scenario file, or - to read standard input']],
  ];
  for (const [what, go, messages] of cases) {
    it(what, () => {
      const r = go();
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      for (const m of messages) expect(r.err).toContain(m);
    });
  }
});
