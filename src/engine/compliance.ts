/**
 * The compliance lens: flags computed from what a run actually did (the tree that formed, the
 * rewards actually paid), not from the configuration alone, each naming the rule of the scenario
 * that raises it, the figures behind it and its source (REFERENCES.md). A lens, not legal advice.
 */
import type { Arith } from './arith.ts';
import type { Referral } from './referral.ts';
import type { FlowScenarioV1 } from './scenario.ts';

export type ComplianceFlagName = 'recruitment-rewards' | 'downline-rewards' | 'entry-purchase' | 'depth-and-size' | 'equity-promise';

export interface ComplianceFlag {
  flag: ComplianceFlagName;
  /** what the run did, in figures */
  reason: string;
  /** the same, in Chinese */
  reasonZh: string;
  /** the scenario rule that raises it */
  rule: string;
  source: string;
}

export const COMPLIANCE_NOTE =
  'A lens, not legal advice: it reads what this simulated run did against the features that Chinese law and official warnings name. Whether a real platform is lawful is for the authorities and the courts.';

export const COMPLIANCE_NOTE_ZH =
  '这是一个观察视角，不是法律意见：它把这次模拟运行的实际情况，对照中国法律和官方风险提示列出的特征。真实平台是否合法，由主管部门和法院判断。';

export const SOURCES: Record<ComplianceFlagName, string> = {
  'recruitment-rewards':
    '禁止传销条例 (State Council Order 444, 2005), Art. 7(1): pay calculated by the number of people recruited (拉人头). Repost: s6law.com/law/6law/law9/law90445.html',
  'downline-rewards':
    '禁止传销条例 Art. 7(3): uplines paid on the sales of their downline (团队计酬); 公通字〔2013〕37号 Art. 5: purely sales-based 团队计酬 is not a crime but remains banned administratively. Reposts: s6law.com/law/6law/law9/law90445.html; chnlawyer.net/law/explain/459.html',
  'entry-purchase':
    '禁止传销条例 Art. 7(2): a fee or a required purchase to join or to gain the right to recruit (收取入门费). Repost: s6law.com/law/6law/law9/law90445.html',
  'depth-and-size':
    'Criminal Law Art. 224-1 (组织、领导传销活动罪) with 公通字〔2013〕37号: prosecution threshold of 30 or more members in 3 or more levels. The threshold is a criminal one; fewer levels are not thereby lawful. Reposts: chnlawyer.net/law/explain/459.html; sqxb.com/2021/sqtj_0706/1050.html',
  'equity-promise':
    'Supreme People\'s Court interpretation 法释〔2010〕18号, Art. 1: returns promised "in money, goods or equity (股权)" to the public; Securities Law: offers to the public or to more than 200 persons must be registered; CSRC offices have warned against points exchangeable for pre-IPO shares (reported). Reposts: fawu365.com/Html/xsfl/2015-9/29/1592909034871922.html',
};

export function complianceOf<T>(A: Arith<T>, s: FlowScenarioV1, ref: Referral<T> | null): ComplianceFlag[] {
  const flags: ComplianceFlag[] = [];
  const money = (x: T) => {
    const n = A.num(x);
    return Number.isInteger(n) ? String(n) : n.toFixed(2);
  };
  if (ref) {
    const cfg = s.flow.referral!;
    const r = cfg.rewards;
    const p = ref.paid;
    const c = ref.count;
    const total = ref.totalPaid;
    const org = ref.organisation();

    // pay by recruits: a fixed bonus per recruit, or rewards paid on recruits' joining orders
    if (!A.isZero(p.perRecruit) || !A.isZero(ref.paidOnJoining)) {
      const parts: string[] = [];
      const partsZh: string[] = [];
      if (!A.isZero(p.perRecruit)) {
        parts.push(`${c.perRecruit} per-recruit bonuses totalling ${money(p.perRecruit)}`);
        partsZh.push(`按人头发放奖励 ${c.perRecruit} 笔，共 ${money(p.perRecruit)}`);
      }
      if (!A.isZero(ref.paidOnJoining)) {
        parts.push(`${ref.joiningRewards} rewards totalling ${money(ref.paidOnJoining)} paid on recruits' joining orders`);
        partsZh.push(`在被推荐人的首单上发放奖励 ${ref.joiningRewards} 笔，共 ${money(ref.paidOnJoining)}`);
      }
      flags.push({
        flag: 'recruitment-rewards',
        reason: `Income depended on bringing people in: ${parts.join('; ')}.`,
        reasonZh: `收入取决于拉人进来：${partsZh.join('；')}。`,
        rule: `${[...ref.joiningKinds].map((k) => (k === 'levelDifference' ? 'flow.referral.rewards.levels' : `flow.referral.rewards.${k} = ${r[k as 'perRecruit' | 'direct' | 'indirect' | 'peer']}`)).join(', ')} (paid on recruits' joining orders)`,
        source: SOURCES['recruitment-rewards'],
      });
    }

    // pay on downline purchases
    const downlineKinds = (['direct', 'indirect', 'levelDifference', 'peer', 'agents'] as const).filter((k) => !A.isZero(p[k]));
    if (downlineKinds.length > 0) {
      flags.push({
        flag: 'downline-rewards',
        reason: `Uplines were paid on their downline's purchases: ${downlineKinds.map((k) => `${k} ${money(p[k])} (${c[k]} payments)`).join(', ')}; rewards reached up to ${ref.maxPaidDistance} level(s) above the buyer${ref.maxPaidDistance > 1 ? ', across more than one level' : ''}.`,
        reasonZh: `上线按下线的购买额拿到了报酬：${downlineKinds.map((k) => `${KIND_ZH[k]} ${money(p[k])}（${c[k]} 笔）`).join('，')}；奖励最远发到买家以上第 ${ref.maxPaidDistance} 层${ref.maxPaidDistance > 1 ? '，跨越不止一层' : ''}。`,
        rule: downlineKinds.map((k) => `flow.referral.rewards.${k === 'levelDifference' ? 'levels' : k}`).join(', '),
        source: SOURCES['downline-rewards'],
      });
    }

    // a purchase required to qualify: only buyers can refer, and levels, agents and dividends need spend
    if (!A.isZero(total)) {
      const thresholds: string[] = [];
      const thresholdsZh: string[] = [];
      for (const [i, l] of (r.levels ?? []).entries()) {
        if (l.minPersonalSpend > 0) {
          thresholds.push(`level ${l.name ?? i + 1} needs personal spend of ${l.minPersonalSpend}`);
          thresholdsZh.push(`等级 ${l.name ?? i + 1} 要求个人消费 ${l.minPersonalSpend}`);
        }
      }
      if (r.dividend && r.dividend.minPersonalSpend > 0) {
        thresholds.push(`dividends need personal spend of ${r.dividend.minPersonalSpend}`);
        thresholdsZh.push(`分红要求个人消费 ${r.dividend.minPersonalSpend}`);
      }
      flags.push({
        flag: 'entry-purchase',
        reason: `Every one of the ${countEarners(A, ref)} members who earned rewards (${money(total)} in all) had to buy first: in this model only buyers can refer${thresholds.length ? `, and ${thresholds.join('; ')}` : ''}.`,
        reasonZh: `拿到奖励的 ${countEarners(A, ref)} 名会员（共 ${money(total)}）都必须先购买：在这个模式里只有买过的人才能推荐${thresholdsZh.length ? `，并且${thresholdsZh.join('；')}` : ''}。`,
        rule: thresholds.length ? 'flow.referral.rewards.levels / dividend: minPersonalSpend' : 'flow.referral (referrers are buyers)',
        source: SOURCES['entry-purchase'],
      });
    }

    // 30+ members, 3+ levels, rewards on downline purchases
    if (org.atThreshold && downlineKinds.length > 0) {
      flags.push({
        flag: 'depth-and-size',
        reason: `An organisation of ${org.atThreshold.size} members in ${org.atThreshold.levels} levels formed (largest: ${org.largestSize} members, deepest chain ${org.maxDepth + 1} levels), with rewards paid on downline purchases.`,
        reasonZh: `形成了一个 ${org.atThreshold.size} 人、${org.atThreshold.levels} 层的组织（最大的 ${org.largestSize} 人，最深的链 ${org.maxDepth + 1} 层），并按下线的购买发放奖励。`,
        rule: `flow.referral.probability = ${cfg.probability}, choice ${cfg.choice}`,
        source: SOURCES['depth-and-size'],
      });
    }
  }

  if (s.promises?.equityForPoints) {
    flags.push({
      flag: 'equity-promise',
      reason: 'The scenario promises that points become shares of a listed company. No rule of the model produces equity: the promise is a return offered to the public in the form of equity, read from the scenario, not from the run.',
      reasonZh: '场景承诺积分将来可以换成上市公司股份。模型里没有任何规则能产生股权：这是以股权形式向公众许诺的回报，读自场景设定，而不是运行结果。',
      rule: 'promises.equityForPoints = true',
      source: SOURCES['equity-promise'],
    });
  }
  return flags;
}

const KIND_ZH: Record<string, string> = { direct: '直推', indirect: '间推', levelDifference: '级差', peer: '平级', agents: '区域代理' };

function countEarners<T>(A: Arith<T>, ref: Referral<T>): number {
  return ref.income.reduce((k, x) => k + (x !== undefined && !A.isZero(x) ? 1 : 0), 0);
}
