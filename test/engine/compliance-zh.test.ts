/** The compliance lens speaks both languages: each flag's Chinese reason carries the same figures. */
import { describe, expect, it } from 'vitest';
import { runFlowScenario } from '../../src/engine/index.ts';

const numbers = (s: string) => [...s.matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]).sort();

describe('compliance reasons in Chinese', () => {
  it('every flag of a run that raises all five has a Chinese reason with the English reason\'s figures', () => {
    const out = runFlowScenario({
      flow: {
        days: 30,
        seed: 2,
        buyers: { perDay: 6 },
        referral: {
          probability: 0.95,
          rewards: { perRecruit: 5, direct: 0.1, indirect: 0.05, levels: [{ name: 'VIP', rate: 0.04, minPersonalSpend: 1000 }], dividend: { rate: 0.01, minPersonalSpend: 1000 } },
        },
      },
      promises: { equityForPoints: true },
    });
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    const flags = out.result.compliance.flags;
    expect(flags.map((f) => f.flag).sort()).toEqual(['depth-and-size', 'downline-rewards', 'entry-purchase', 'equity-promise', 'recruitment-rewards']);
    for (const f of flags) {
      expect(f.reasonZh, f.flag).toMatch(/\p{Script=Han}/u);
      expect(numbers(f.reasonZh), f.flag).toEqual(numbers(f.reason));
    }
    expect(out.result.compliance.noteZh).toMatch(/不是法律意见/);
  });
});
