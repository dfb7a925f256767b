/**
 * The compliance lens in words, in both languages: the engine (src/engine/compliance.ts) returns
 * facts (counts, sums, the rules' parameter paths and values, source ids); this module words them,
 * formats every figure per locale (format.ts) and names every rule in words and every source with
 * its address. Pure, dependency-free: the scenario pages, the explorer and the tests call it.
 */
import type { ComplianceFacts, ComplianceFlag, ComplianceSource, DownlineKind, RuleRef, RewardKind } from '../engine/index.ts';
import { formatMoney, formatNumber } from './format.ts';
import type { Locale } from './locales.ts';

/** One source: what it is, in the reader's language, and the address of the text read. */
export interface SourceLink {
  label: string;
  href: string;
}

/** A flag in words: what the run did, the rules that raise it, its sources. */
export interface ComplianceText {
  reason: string;
  rules: string[];
  sources: SourceLink[];
}

const ORDER_444 = 'https://s6law.com/law/6law/law9/law90445.html';
const OPINION_2013 = 'https://chnlawyer.net/law/explain/459.html';
const THRESHOLDS = 'https://sqxb.com/2021/sqtj_0706/1050.html';
const FASHI_2010 = 'https://fawu365.com/Html/xsfl/2015-9/29/1592909034871922.html';

/** every source the lens cites, named in each language, with the address of the repost read (REFERENCES.md) */
export const SOURCE_LINKS: Record<ComplianceSource, Record<Locale, string> & { href: string }> = {
  'order444-art7-1': {
    en: '禁止传销条例 (State Council Order 444, 2005), Art. 7(1): pay by the number of people recruited (拉人头)',
    zh: '《禁止传销条例》（国务院令第444号，2005年）第七条第（一）项：按发展人员的数量计算报酬（拉人头）',
    href: ORDER_444,
  },
  'order444-art7-2': {
    en: '禁止传销条例 (State Council Order 444, 2005), Art. 7(2): a fee or a required purchase to join or to gain the right to recruit (入门费)',
    zh: '《禁止传销条例》（国务院令第444号，2005年）第七条第（二）项：交纳费用或者认购商品取得加入或发展他人的资格（入门费）',
    href: ORDER_444,
  },
  'order444-art7-3': {
    en: '禁止传销条例 (State Council Order 444, 2005), Art. 7(3): uplines paid on the sales of their downline (团队计酬)',
    zh: '《禁止传销条例》（国务院令第444号，2005年）第七条第（三）项：以下线的销售业绩为依据计算上线的报酬（团队计酬）',
    href: ORDER_444,
  },
  'opinion2013-37-art5': {
    en: '公通字〔2013〕37号, Art. 5: purely sales-based 团队计酬 is not a crime, but remains banned administratively',
    zh: '公通字〔2013〕37号第五条：单纯以销售业绩计酬的团队计酬不作为犯罪处理，但仍属行政上禁止的传销',
    href: OPINION_2013,
  },
  'criminal-224-1': {
    en: 'Criminal Law Art. 224-1 (组织、领导传销活动罪) with 公通字〔2013〕37号: prosecution threshold of 30 or more members in 3 or more levels; a criminal threshold, so fewer levels are not thereby lawful',
    zh: '《刑法》第二百二十四条之一（组织、领导传销活动罪）及公通字〔2013〕37号：立案追诉标准为 30 人以上、3 级以上；这是刑事门槛，层级更少并不因此合法',
    href: OPINION_2013,
  },
  'thresholds-report': {
    en: 'a report on the thresholds of 30 members and 3 levels (sqxb.com, 2021)',
    zh: '关于 30 人、3 级立案标准的报道（sqxb.com，2021年）',
    href: THRESHOLDS,
  },
  'fashi2010-18-art1': {
    en: 'Supreme People’s Court interpretation 法释〔2010〕18号, Art. 1: returns promised to the public “in money, goods or equity (股权)”',
    zh: '最高人民法院 法释〔2010〕18号第一条：向社会公众承诺以货币、实物、股权等方式给付回报',
    href: FASHI_2010,
  },
};

const KIND: Record<RewardKind, Record<Locale, string>> = {
  perRecruit: { en: 'bonus per recruit', zh: '拉人头奖励' },
  direct: { en: 'direct referral reward', zh: '直推奖励' },
  indirect: { en: 'indirect referral reward', zh: '间推奖励' },
  levelDifference: { en: 'level-difference reward', zh: '级差奖励' },
  peer: { en: 'peer-level reward', zh: '平级奖励' },
  agents: { en: 'regional agent reward', zh: '区域代理奖励' },
  dividend: { en: 'shareholder dividend', zh: '股东分红' },
};

const PATH_KIND: Record<string, RewardKind> = {
  'flow.referral.rewards.perRecruit': 'perRecruit',
  'flow.referral.rewards.direct': 'direct',
  'flow.referral.rewards.indirect': 'indirect',
  'flow.referral.rewards.levels': 'levelDifference',
  'flow.referral.rewards.peer': 'peer',
  'flow.referral.rewards.agents': 'agents',
  'flow.referral.rewards.dividend': 'dividend',
};

const count = (n: number, l: Locale) => formatNumber(n, l, { maxDecimals: 0 });
/** money to the cent (767,209.20), whole amounts without decimals (356,860) */
const money = (x: number | string, l: Locale) => formatMoney(x, l, Number.isInteger(Number(x)) ? {} : { minDecimals: 2 });
const percent = (x: number, l: Locale) => `${formatNumber(x * 100, l, { maxDecimals: 2 })}%`;
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** One rule of the scenario in words: what it is and its value. */
export function ruleText(r: RuleRef, l: Locale): string {
  const zh = l === 'zh';
  const kind = PATH_KIND[r.path];
  if (kind === 'perRecruit') return zh ? `每拉一人奖励 ${money(r.value as number, l)}` : `a bonus of ${money(r.value as number, l)} per recruit`;
  if (kind === 'levelDifference') {
    const n = r.value as number;
    return zh ? `级差奖励（${count(n, l)} 个等级）` : `level-difference rewards (${count(n, l)} ${plural(n, 'level', 'levels')})`;
  }
  if (kind === 'agents' || kind === 'dividend') return zh ? KIND[kind].zh : `${KIND[kind].en}s`;
  if (kind) return zh ? `${KIND[kind].zh}：订单的 ${percent(r.value as number, l)}` : `${KIND[kind].en}: ${percent(r.value as number, l)} of each order`;
  const level = /^flow\.referral\.rewards\.levels\[(\d+)\]\.minPersonalSpend$/.exec(r.path);
  if (level) {
    const n = Number(level[1]) + 1;
    return zh ? `第 ${count(n, l)} 级须个人消费 ${money(r.value as number, l)}` : `level ${count(n, l)} requires personal spend of ${money(r.value as number, l)}`;
  }
  switch (r.path) {
    case 'flow.referral':
      return zh ? '推荐网络：只有买过的人才能推荐' : 'the referral network: only buyers can refer';
    case 'flow.referral.rewards.dividend.minPersonalSpend':
      return zh ? `成为股东须个人消费 ${money(r.value as number, l)}` : `a shareholder must have spent ${money(r.value as number, l)}`;
    case 'flow.referral.probability':
      return zh ? `新买家中被推荐的比例：${percent(r.value as number, l)}` : `new buyers who are referred: ${percent(r.value as number, l)}`;
    case 'flow.referral.choice':
      return r.value === 'uniform'
        ? zh
          ? '推荐人等概率抽取'
          : 'every user equally likely to be the referrer'
        : zh
          ? '推荐人按已推荐人数加权抽取（人越多越容易再拉到人）'
          : 'referrers drawn in proportion to their recruits (the more they have, the more they get)';
    case 'promises.equityForPoints':
      return zh ? '承诺：积分将变成上市公司的股份' : 'the promise that points become shares of a listed company';
  }
  // a rule this module does not know yet: its path, so that a missing word is found by the tests
  return r.path;
}

const list = (parts: string[], l: Locale) => parts.join(l === 'zh' ? '，' : ', ');

function downline(k: { kind: DownlineKind; total: number | string; payments: number }, l: Locale): string {
  return l === 'zh'
    ? `${KIND[k.kind].zh} ${money(k.total, l)}（${count(k.payments, l)} 笔）`
    : `${KIND[k.kind].en}s ${money(k.total, l)} (${count(k.payments, l)} ${plural(k.payments, 'payment', 'payments')})`;
}

/** What the run did, in words and formatted figures. */
export function reasonText(f: ComplianceFacts, l: Locale): string {
  const zh = l === 'zh';
  switch (f.flag) {
    case 'recruitment-rewards': {
      const parts: string[] = [];
      if (f.perRecruit) {
        const { payments: n, total } = f.perRecruit;
        parts.push(zh ? `按人头发放奖励 ${count(n, l)} 笔，共 ${money(total, l)}` : `${count(n, l)} per-recruit ${plural(n, 'bonus', 'bonuses')} totalling ${money(total, l)}`);
      }
      if (f.joining) {
        const { payments: n, total } = f.joining;
        parts.push(zh ? `在被推荐人的首单上发放奖励 ${count(n, l)} 笔，共 ${money(total, l)}` : `${count(n, l)} ${plural(n, 'reward', 'rewards')} totalling ${money(total, l)} paid on recruits’ first orders`);
      }
      return zh ? `收入取决于拉人进来：${parts.join('；')}。` : `Income depended on bringing people in: ${parts.join('; ')}.`;
    }
    case 'downline-rewards': {
      const d = f.maxPaidDistance;
      return zh
        ? `上线按下线的购买额拿到了报酬：${list(f.kinds.map((k) => downline(k, l)), l)}；奖励最远发到买家以上第 ${count(d, l)} 层${d > 1 ? '，跨越不止一层' : ''}。`
        : `Uplines were paid on their downline’s purchases: ${list(f.kinds.map((k) => downline(k, l)), l)}; rewards reached up to ${count(d, l)} ${plural(d, 'level', 'levels')} above the buyer.`;
    }
    case 'entry-purchase': {
      const extra = [
        ...f.levelThresholds.map((t) => (zh ? `第 ${count(t.level, l)} 级要求个人消费 ${money(t.spend, l)}` : `level ${count(t.level, l)} requires personal spend of ${money(t.spend, l)}`)),
        ...(f.dividendThreshold === null ? [] : [zh ? `分红要求个人消费 ${money(f.dividendThreshold, l)}` : `dividends require personal spend of ${money(f.dividendThreshold, l)}`]),
      ];
      return zh
        ? `拿到奖励的 ${count(f.earners, l)} 名会员（共 ${money(f.total, l)}）都必须先购买：在这个模式里只有买过的人才能推荐${extra.length ? `；${extra.join('；')}` : ''}。`
        : `Every one of the ${count(f.earners, l)} ${plural(f.earners, 'member', 'members')} who earned rewards (${money(f.total, l)} in all) had to buy first: in this model only buyers can refer${extra.length ? `; ${extra.join('; ')}` : ''}.`;
    }
    case 'depth-and-size':
      return zh
        ? `形成了一个 ${count(f.members, l)} 人、${count(f.levels, l)} 层的组织（最大的 ${count(f.largestMembers, l)} 人，最深的链 ${count(f.deepestLevels, l)} 层），并按下线的购买发放奖励。`
        : `An organisation of ${count(f.members, l)} members in ${count(f.levels, l)} levels formed (the largest: ${count(f.largestMembers, l)} members; the deepest chain: ${count(f.deepestLevels, l)} levels), with rewards paid on downline purchases.`;
    case 'equity-promise':
      return zh
        ? '场景承诺积分将来可以换成上市公司股份。模型里没有任何规则能产生股权：这是以股权形式向公众许诺的回报，读自场景设定，而不是运行结果。向公众或 200 人以上发行证券须依《证券法》注册；证监会派出机构曾就可兑换拟上市公司股份的积分发出提示（据报道）。'
        : 'The scenario promises that points become shares of a listed company. No rule of the model produces equity: the promise is a return offered to the public in the form of equity, read from the scenario, not from the run. Under the Securities Law an offer to the public or to more than 200 persons must be registered; CSRC offices have warned against points exchangeable for pre-IPO shares (reported).';
  }
}

/** A flag in words: reason, rules and linked sources, in the reader's language. */
export function complianceText(f: Pick<ComplianceFlag, 'facts' | 'rules' | 'sources'>, l: Locale): ComplianceText {
  const rules = f.rules.map((r) => ruleText(r, l));
  if (f.facts.flag === 'recruitment-rewards' && f.facts.joining) rules.push(l === 'zh' ? '在被推荐人的首单上发放' : 'paid on recruits’ first orders');
  return {
    reason: reasonText(f.facts, l),
    rules,
    sources: f.sources.map((s) => ({ label: SOURCE_LINKS[s][l], href: SOURCE_LINKS[s].href })),
  };
}
