/**
 * The compliance lens: flags computed from what a run actually did (the tree that formed, the
 * rewards actually paid), not from the configuration alone. The engine returns facts only: for
 * each flag, the run's counts and sums, the scenario rules that raise it (parameter path and
 * value) and its sources (ids of REFERENCES.md entries). The words, in both languages, and the
 * number formats are the page's: src/i18n/compliance.ts. A lens, not legal advice.
 */
import type { Arith } from './arith.ts';
import type { Referral, RewardKind } from './referral.ts';
import type { FlowScenarioV1 } from './scenario/index.ts';
import type { Fig } from './number-format.ts';

export type ComplianceFlagName = 'recruitment-rewards' | 'downline-rewards' | 'entry-purchase' | 'depth-and-size' | 'equity-promise';

/** the sources the lens cites (REFERENCES.md); src/i18n/compliance.ts names each and links it */
export const COMPLIANCE_SOURCES = ['order444-art7-1', 'order444-art7-2', 'order444-art7-3', 'opinion2013-37-art5', 'criminal-224-1', 'thresholds-report', 'fashi2010-18-art1'] as const;
export type ComplianceSource = (typeof COMPLIANCE_SOURCES)[number];

/** A rule of the scenario that raises a flag: its parameter path and its value in the scenario. */
export interface RuleRef {
  path: string;
  value: number | string | boolean | null;
}

/** Reward kinds paid on a downline's purchases. */
export type DownlineKind = Extract<RewardKind, 'direct' | 'indirect' | 'levelDifference' | 'peer' | 'agents'>;

/** What the run did, per flag: counts and sums only. */
export type ComplianceFacts =
  | {
      flag: 'recruitment-rewards';
      /** fixed bonuses per recruit: how many, how much; null when none was paid */
      perRecruit: { payments: number; total: Fig } | null;
      /** rewards paid on recruits' joining orders, and of which kinds; null when none */
      joining: { payments: number; total: Fig; kinds: RewardKind[] } | null;
    }
  | { flag: 'downline-rewards'; kinds: Array<{ kind: DownlineKind; total: Fig; payments: number }>; maxPaidDistance: number }
  | {
      flag: 'entry-purchase';
      earners: number;
      total: Fig;
      /** levels (numbered from 1) that require personal spend */
      levelThresholds: Array<{ level: number; spend: number }>;
      /** personal spend that makes a shareholder; null when none is required */
      dividendThreshold: number | null;
    }
  | { flag: 'depth-and-size'; members: number; levels: number; largestMembers: number; deepestLevels: number }
  | { flag: 'equity-promise' };

/** A raised flag: the facts of the run, the scenario rules behind it and the sources it cites. */
export interface ComplianceFlag {
  flag: ComplianceFlagName;
  facts: ComplianceFacts;
  rules: RuleRef[];
  sources: ComplianceSource[];
}

export const COMPLIANCE_NOTE =
  'A lens, not legal advice: it reads what this simulated run did against the features that Chinese law and official warnings name. Whether a real platform is lawful is for the authorities and the courts.';

export const COMPLIANCE_NOTE_ZH =
  '这是一个观察视角，不是法律意见：它把这次模拟运行的实际情况，对照中国法律和官方风险提示列出的特征。真实平台是否合法，由主管部门和法院判断。';

/** Each flag's sources, in the order cited. */
export const SOURCES: Record<ComplianceFlagName, ComplianceSource[]> = {
  'recruitment-rewards': ['order444-art7-1'],
  'downline-rewards': ['order444-art7-3', 'opinion2013-37-art5'],
  'entry-purchase': ['order444-art7-2'],
  'depth-and-size': ['criminal-224-1', 'thresholds-report'],
  'equity-promise': ['fashi2010-18-art1'],
};

const REWARD_PATH: Record<RewardKind, string> = {
  perRecruit: 'flow.referral.rewards.perRecruit',
  direct: 'flow.referral.rewards.direct',
  indirect: 'flow.referral.rewards.indirect',
  levelDifference: 'flow.referral.rewards.levels',
  peer: 'flow.referral.rewards.peer',
  agents: 'flow.referral.rewards.agents',
  dividend: 'flow.referral.rewards.dividend',
};

export function complianceOf<T>(A: Arith<T>, s: FlowScenarioV1, ref: Referral<T> | null): ComplianceFlag[] {
  const flags: ComplianceFlag[] = [];
  const fig = (x: T): Fig => (A.mode === 'fast' ? A.num(x) : A.str(x));
  const raise = (facts: ComplianceFacts, rules: RuleRef[]) => flags.push({ flag: facts.flag, facts, rules, sources: SOURCES[facts.flag] });
  if (ref) {
    const cfg = s.flow.referral!;
    const r = cfg.rewards;
    const p = ref.paid;
    const c = ref.count;
    const total = ref.totalPaid;
    const org = ref.organisation();
    /** a reward kind's rule: its path and the scenario's value (the number of levels for level differences) */
    const ruleOf = (k: RewardKind): RuleRef => {
      if (k === 'levelDifference') return { path: REWARD_PATH[k], value: (r.levels ?? []).length };
      if (k === 'agents' || k === 'dividend') return { path: REWARD_PATH[k], value: null };
      return { path: REWARD_PATH[k], value: r[k] };
    };

    // pay by recruits: a fixed bonus per recruit, or rewards paid on recruits' joining orders
    if (!A.isZero(p.perRecruit) || !A.isZero(ref.paidOnJoining)) {
      const kinds = [...ref.joiningKinds];
      raise(
        {
          flag: 'recruitment-rewards',
          perRecruit: A.isZero(p.perRecruit) ? null : { payments: c.perRecruit, total: fig(p.perRecruit) },
          joining: A.isZero(ref.paidOnJoining) ? null : { payments: ref.joiningRewards, total: fig(ref.paidOnJoining), kinds },
        },
        kinds.map(ruleOf),
      );
    }

    // pay on downline purchases
    const downlineKinds = (['direct', 'indirect', 'levelDifference', 'peer', 'agents'] as const).filter((k) => !A.isZero(p[k]));
    if (downlineKinds.length > 0) {
      raise(
        { flag: 'downline-rewards', kinds: downlineKinds.map((k) => ({ kind: k, total: fig(p[k]), payments: c[k] })), maxPaidDistance: ref.maxPaidDistance },
        downlineKinds.map(ruleOf),
      );
    }

    // a purchase required to qualify: only buyers can refer, and levels, agents and dividends need spend
    if (!A.isZero(total)) {
      const levelThresholds = (r.levels ?? []).flatMap((l, i) => (l.minPersonalSpend > 0 ? [{ level: i + 1, spend: l.minPersonalSpend }] : []));
      const dividendThreshold = r.dividend && r.dividend.minPersonalSpend > 0 ? r.dividend.minPersonalSpend : null;
      const rules: RuleRef[] = [{ path: 'flow.referral', value: null }];
      for (const t of levelThresholds) rules.push({ path: `flow.referral.rewards.levels[${t.level - 1}].minPersonalSpend`, value: t.spend });
      if (dividendThreshold !== null) rules.push({ path: 'flow.referral.rewards.dividend.minPersonalSpend', value: dividendThreshold });
      raise({ flag: 'entry-purchase', earners: countEarners(A, ref), total: fig(total), levelThresholds, dividendThreshold }, rules);
    }

    // 30+ members, 3+ levels, rewards on downline purchases
    if (org.atThreshold && downlineKinds.length > 0) {
      raise(
        { flag: 'depth-and-size', members: org.atThreshold.size, levels: org.atThreshold.levels, largestMembers: org.largestSize, deepestLevels: org.maxDepth + 1 },
        [
          { path: 'flow.referral.probability', value: cfg.probability },
          { path: 'flow.referral.choice', value: cfg.choice },
        ],
      );
    }
  }

  if (s.promises?.equityForPoints) raise({ flag: 'equity-promise' }, [{ path: 'promises.equityForPoints', value: true }]);
  return flags;
}

function countEarners<T>(A: Arith<T>, ref: Referral<T>): number {
  return ref.income.reduce((k, x) => k + (x !== undefined && !A.isZero(x) ? 1 : 0), 0);
}
