/**
 * The sweep measures a reader is offered first: outcomes (batch/outcomes.ts, the vocabulary a
 * sweep file names) that differ from cell to cell of a sweep. "First day the pool cannot repay"
 * (daysUntilCoverageBelow:1) is not among them: coverage of the need starts near the pool's share
 * of each order, so it is day 1 in every cell by construction (issue 13). Dependency-free, so that
 * the explorer's page offers this list as it is (src/explorer/presets.ts) rather than a copy; each
 * label parses with parseOutcome (test/engine/sweep.test.ts).
 */
export const SWEEP_MEASURES = [
  'coverageBreakEven',
  'lowestCoverageAfter:30',
  'shortfallBreakEven',
  'shortfallExitPromise',
  'coverageExitPromise',
  'shareBrokeEven',
  'shareBrokeEven:90',
  'paidShareOfSpend',
  'shareHitExitMultiple',
] as const;

export type SweepMeasure = (typeof SWEEP_MEASURES)[number];

/** How a measure's value reads: a share or a coverage as a percentage, the shortfall, a fund, what is outstanding or defaulted as money. */
export function measureKind(label: string): 'share' | 'money' | 'price' | 'count' {
  if (label.startsWith('share') || label.startsWith('coverage') || label.startsWith('lowestCoverage') || label === 'paidShareOfSpend') return 'share';
  if (label.startsWith('shortfall') || label === 'finalPool' || label === 'fund' || label === 'outstanding' || label === 'totalDefaults') return 'money';
  if (label === 'finalPrice') return 'price';
  return 'count';
}
