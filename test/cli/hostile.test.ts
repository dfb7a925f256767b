/**
 * Hostile inputs the schema's shapes allow (issue 12, defect 3): each schema maximum and extreme
 * value either runs with finite output or is refused at once with exit code 2, a message naming
 * the field, nothing on stdout and no stack trace. Refusals come from limits checked before any
 * allocation, so each case here ends in about the time the command takes to start; a generous
 * timeout catches a hang, and nothing asserts a wall-clock time.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstNonFinite } from '../../src/engine/limits.ts';

const tmp = mkdtempSync(join(tmpdir(), 'hostile-'));
let n = 0;
const file = (value: unknown) => {
  const p = join(tmp, `s${n++}.json`);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
};
const cli = (command: 'simulate' | 'sweep', args: string[]) => {
  // a hang would end here, not in the test runner's own timeout
  const r = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${command}.ts`, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
};

const flow = (f: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ flow: { days: 10, buyers: { perDay: 10 }, ...f }, ...extra });
const series36500 = Array.from({ length: 36_500 }, () => 1e7);

/** [what, scenario, extra args, the start of the message naming the field] */
const REFUSED: Array<[string, unknown, string[], string]> = [
  ['an order of 1e308', { script: [{ order: { amount: 1e308 } }] }, [], 'script[0].order.amount: must be <= 10000000000000'],
  ['an order of 5e-324', { script: [{ order: { amount: 5e-324 } }] }, [], 'script[0].order.amount: must be >= 0.01'],
  ['an order of 1e400 (Infinity once parsed)', '{"script":[{"order":{"amount":1e400}}]}', [], 'script[0].order.amount: must be a finite number'],
  ['a subsidy of 1e308', { script: [{ order: { amount: 100 } }, { subsidy: { amount: 1e308 } }] }, [], 'script[1].subsidy.amount: must be <='],
  ['a sale of 1e308 points', { script: [{ order: { user: 'A', amount: 100 } }, { sell: { user: 'A', points: 1e308 } }] }, [], 'script[1].sell.points: must be <='],
  ['the maximum repeat (10,000,000)', { script: [{ order: { amount: 100 }, repeat: 10_000_000 }] }, [], 'script: expands to 1.00e7 steps'],
  ['a repeat of 999,999', { script: [{ order: { amount: 100 }, repeat: 999_999 }] }, [], 'script: expands to 1.00e6 steps'],
  ['a flow order amount of 1e308', flow({ orderAmount: 1e308 }), [], 'flow.orderAmount: must be <='],
  ['a lognormal mean of 1e308', flow({ orderAmount: { kind: 'lognormal', mean: 1e308, cv: 1 } }), [], 'flow.orderAmount.mean: must be <='],
  ['a fixed amount of 5e-324', flow({ orderAmount: { kind: 'fixed', amount: 5e-324 } }), [], 'flow.orderAmount.amount: must be >='],
  ['a liability of 1e308', flow({ legacy: { members: 10, liabilityPerMember: 1e308, release: { batches: 2, everyDays: 2 } } }), [], 'flow.legacy.liabilityPerMember: must be <='],
  ['a withdrawal of 1e308', flow({}, { events: [{ day: 2, withdraw: { amount: 1e308 } }] }), [], 'events[0].withdraw.amount: must be <='],
  ['the maximum days x buyers (3,650 x 10,000,000)', flow({ days: 3650, buyers: { perDay: 10_000_000 } }), [], 'flow.buyers: the flow expects 3.65e10 buyers'],
  ['3,650 days x 30,000 buyers', flow({ days: 3650, buyers: { perDay: 30_000 } }), [], 'flow.buyers: the flow expects 1.10e8 buyers'],
  ['100% a day growth for 3,650 days', flow({ days: 3650, buyers: { perDay: 1, growth: { kind: 'exponential', ratePerDay: 1 } } }), [], 'flow.buyers: the flow expects more buyers than float64 can count'],
  ['a series of 36,500 x 1e7', flow({ days: 3650, buyers: { perDay: 0, growth: { kind: 'series', values: series36500 } } }), [], 'flow.buyers.growth.values: the flow expects 3.65e10 buyers'],
  ['every buyer selling every day for ten years', flow({ days: 3650, buyers: { perDay: 8000 }, sell: { ratePerDay: 1, portion: 0.5 } }), [], 'flow: the flow expects about'],
  ['a million buyers on the exact path', flow({ days: 1000, buyers: { perDay: 2000 } }), ['--exact'], 'flow.buyers: the flow expects 2.00e6 buyers over 1000 days; at most 1.00e6 are allowed on the exact path'],
  ['a limit lowered below the flow', flow({}), ['--limit', 'buyers=5'], 'flow.buyers: the flow expects 100 buyers over 10 days; at most 5 are allowed'],
  ['a bad limit', flow({}), ['--limit', 'buyers=lots'], '--limit: must be NAME=VALUE'],
];

describe('simulate refuses what it cannot run, at once, naming the field', () => {
  for (const [what, scenario, args, message] of REFUSED) {
    it(what, () => {
      const r = cli('simulate', [file(scenario), ...args]);
      expect(r.signal, 'ended by the timeout: a hang').toBeNull();
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`simulate: ${message}`);
      expect(r.err).not.toMatch(/\n\s+at /);
      // the reason is given with the limit
      if (message.includes('expects')) expect(r.err).toMatch(/because .*; raise it with --limit (buyers|events)=N/);
    });
  }

  it('an unwritable --users path is refused before the run', () => {
    // a missing folder, a "folder" that is a file (unwritable even for root), a directory; and a
    // read-only folder unless the tests run as root, who may write there
    const locked = join(tmp, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const paths = [join(tmp, 'no', 'such', 'folder', 'u.csv'), join(file(flow({})), 'u.csv'), tmp];
    if (process.getuid?.() !== 0) paths.push(join(locked, 'u.csv'));
    for (const path of paths) {
      const r = cli('simulate', [file(flow({})), '--users', path]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^simulate: --users: cannot write /);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('sweep refuses a cell over the limits before any cell runs, naming the cell', () => {
    const sweep = { base: flow({ days: 3650 }), x: { param: 'flow.buyers.perDay', values: [10, 50_000] } };
    const r = cli('sweep', [file(sweep), '--workers', '1']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('sweep: x.values[1]: flow.buyers: the flow expects 1.83e8 buyers');
    expect(r.err).not.toMatch(/x\.values\[0\]/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

/** every number in a JSON document, and every decimal string, is finite */
const allFinite = (text: string) => firstNonFinite(JSON.parse(text)) === null && !/\bnull\b/.test(JSON.stringify(JSON.parse(text).final));

describe('the largest and smallest amounts run with finite output', () => {
  it('orders, subsidies and a sale at 1e13 and at one cent (script, exact)', () => {
    const r = cli('simulate', [
      file({ rules: { exitMultiple: 2 }, script: [{ order: { user: 'A', amount: 1e13 } }, { order: { amount: 0.01 }, repeat: 50 }, { subsidy: { amount: 1e13 } }, { order: { amount: 1e13 }, repeat: 20 }, { subsidy: { amount: 1e13 } }, { order: { user: 'B', amount: 0.01 } }, { sell: { user: 'B', all: true } }] }),
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(allFinite(r.out)).toBe(true);
  });

  it('a flow at 1e13 an order with repeats, sales, forced exits, a run and a skim (fast path)', () => {
    const r = cli('simulate', [
      file(
        flow(
          { days: 60, orderAmount: 1e13, buyers: { perDay: 50, growth: { kind: 'exponential', ratePerDay: 0.05 } }, repeat: { probabilityPerDay: 0.05 }, sell: { ratePerDay: 0.05, portion: 1 } },
          { rules: { exitMultiple: 1.5 }, events: [{ day: 20, subsidy: { amount: 1e13 } }, { day: 30, run: { share: 0.5 } }, { day: 40, withdraw: { share: 0.9 } }] },
        ),
      ),
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(allFinite(r.out)).toBe(true);
    const doc = JSON.parse(r.out);
    expect(doc.counts.forcedExits).toBeGreaterThan(0);
    expect(Number.isFinite(doc.final.price) && Number.isFinite(doc.final.pool)).toBe(true);
  });

  it('a flow with lognormal amounts of the largest mean and the widest spread', () => {
    const r = cli('simulate', [file(flow({ days: 20, orderAmount: { kind: 'lognormal', mean: 1e13, cv: 10 }, sell: { ratePerDay: 0.1, portion: 1 } }, { rules: { exitMultiple: 2 } }))]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(allFinite(r.out)).toBe(true);
  });
});
