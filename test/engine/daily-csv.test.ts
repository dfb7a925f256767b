import { describe, expect, it } from 'vitest';
import { daysCsv } from '../../src/cli/csv.ts';
import { DAILY_COLUMNS } from '../../src/explorer/exports.ts';
import { runFlowScenario } from '../../src/engine/index.ts';

// The daily CSV, written once: every figure of a day row (DayRow) and of that day's solvency row
// (SolvencyRow) gets one column, in the order the result document lists them, and the command's
// `--format csv` and the explorer's download (headers in the page's language) have the same columns.
const out = runFlowScenario({
  rules: { giftRatio: 0.7, sellWithholding: 0.2, exitMultiple: 3, split: { pool: 0.3, cost: 0.4, distribution: 0.2, platform: 0.1 } },
  flow: { days: 3, seed: 1, buyers: { perDay: 2, growth: { kind: 'constant' } }, orderAmount: 1000, sell: { ratePerDay: 0.1 } },
});
if (!out.ok) throw new Error(JSON.stringify(out.problems));
const r = out.result;

describe('the daily CSV', () => {
  it('has a column for every field of a day and of its solvency row (the day once), referral rewards and shortfalls among them', () => {
    const header = daysCsv(r).split('\n')[0]!.split(',');
    const fields = [...Object.keys(r.days[0]!), ...Object.keys(r.solvency[0]!).filter((k) => k !== 'day')];
    expect(header).toEqual(fields);
    expect(header).toContain('referralPaid');
    expect(header).toContain('shortfallBreakEven');
  });

  it('has the same columns in the command and in the explorer’s download', () => {
    expect([...DAILY_COLUMNS]).toEqual(daysCsv(r).split('\n')[0]!.split(','));
  });
});
