/**
 * 中文界面文字。扁平的点分键名；en.ts 必须有同样的键（test/i18n 检查）。
 * Chinese UI strings, flat dotted keys; en.ts must carry the same keys (checked in test/i18n).
 */
import { explorer_zh } from './explorer.zh.ts';
import { pages_zh } from './pages.zh.ts';

export const zh = {
  ...explorer_zh,
  ...pages_zh,
  'site.title': '积分增值沙盘',
  'site.tagline': '把“消费增值”积分模式拆开来算给你看',

  'nav.skip': '跳到正文',
  'nav.main': '主导航',
  'nav.home': '首页',
  'nav.about': '关于',
  'nav.language': '切换语言',

  'notice.untranslated': '尚未翻译',
  'notice.untranslatedPage': '本页尚未翻译成中文，以下显示英文原文。',

  'footer.disclaimer':
    '本站是教学与审查用的模拟器，不推荐、不评价任何具体平台，也不构成投资或法律意见。所有数字都由同一个开源引擎在本地算出，页面不向任何第三方发送请求。',
  'footer.engine': '计算引擎',
  'footer.offlineReady': '已可离线使用：本站访问过一次之后，没有网络也能打开。',
  'footer.offlineNow': '当前处于离线状态：页面来自本浏览器保存的副本。',

  'home.title': '积分增值沙盘：消费积分模式模拟器',
  'home.description': '用精确计算解释和模拟“消费增值”积分模式：每笔订单进池多少、送出多少积分、价格怎么涨、谁最后为收益买单。',
  'home.lead':
    '这是一个双语的解释与模拟站点，专门讲一种叫“消费增值”的积分模式。你可以在这里看清规则、改动参数、逐笔复算，并检查宣传材料里的每一个数字。',
  'home.audience.heading': '从哪里开始',
  'home.audience.operators': '打算上线这种模式的平台方：在投入之前，先算清楚承诺要靠多少后续订单来兑现。',
  'home.audience.trainers': '讲解这种模式的培训师与顾问：用可复算的例子代替口头描述，讲清楚收益从哪里来。',
  'home.audience.reviewers': '监管人员与审查人员：逐项核对宣传中的说法，区分“规则必然成立”和“需要持续增长才成立”的部分。',
  'home.path.operator.title': '如果你打算经营它',
  'home.path.operator.question': '我要经营的到底是什么，它欠下了什么？',
  'home.path.operator.explore': '在模拟器里试运行你自己的平台',
  'home.path.trainer.title': '如果你要讲解它',
  'home.path.trainer.question': '怎样向一屋子人讲清楚收益从哪里来？',
  'home.path.trainer.present': '以演示模式打开逐步讲解',
  'home.path.reviewer.title': '如果你要审查它',
  'home.path.reviewer.question': '哪些说法成立？压力之下会发生什么？',
  'home.path.reviewer.claims': '宣传中的说法，逐条核对',
  'home.path.reviewer.stress': '压力测试：停单、挤兑、抽走资金',
  'home.path.reviewer.compare': '在模拟器里比较不同情景',

  'home.model.heading': '这个模式怎么运作',
  'home.model.body':
    '顾客每下一笔订单，平台就把订单金额的一部分（演示设定为 30%）放进一个“盈利池”，再把这笔进池资金的一部分（70%）按当时的价格折成积分送给顾客。积分的价格规定为“池中现金 ÷ 流通积分总数”。由于每笔订单放进池里的现金都多于新发积分按现价所值，价格每来一单就涨一点；顾客卖出积分时平台扣下 20% 留在池中，价格也会涨。所以“价格只涨不跌”是规则本身决定的，它并不能说明平台经营得好不好：积分持有人作为一个整体能拿回的现金，最多只有池子收到的钱（演示设定下为消费额的 30%）加上外来补贴；谁能拿回、拿回多少，取决于后面还有多少新订单进来。',
  'home.quote.text': '每笔订单利润的70%将以同等价值积分的形式赠予用户……确保积分价格持续上行。',
  'home.quote.source': '某系统开发商对该模式的宣传介绍',

  'home.example.heading': '原文的三笔订单示例',
  'home.example.intro':
    'A、B、C 三人各下一单 1000 元：300 元进池，其中 70%（210 元）折成积分送给买家。下表每一个数字都是本站引擎在构建页面时实时算出的，不是抄来的。',
  'home.example.caption': '三笔 1000 元订单之后的盈利池、流通积分与积分价格（引擎实时计算）',
  'home.example.rounding':
    '原文把第三笔订单发出的 124.95 积分写成 125，把流通积分 481.95 写成 482；这里显示的是精确值。原文的价格 1.43、1.68、1.87 是保留两位小数的结果。',
  'home.example.precision': '查看全精度数值',

  'table.step': '序号',
  'table.buyer': '买家',
  'table.amount': '订单金额（元）',
  'table.inflow': '进池（元）',
  'table.issued': '发放积分',
  'table.poolAfter': '盈利池（元）',
  'table.pointsAfter': '流通积分',
  'table.priceAfter': '积分价格（元）',
  'table.priceSeed': '原文（两位小数）',
  'table.fullPrecision': '全精度',

  'playground.heading': '自己试一试',
  'playground.intro': '改动订单金额或订单数量（最多 500 笔，足以看到第一位买家回本），引擎会在你的浏览器里按同样的规则重新计算。',
  'playground.amount': '每笔订单金额（元）',
  'playground.count': '订单数量',
  'playground.caption': '按演示规则计算的结果',
  'playground.invalid': '输入有误，下表保留上一次有效的结果：',
  'playground.countRange': '订单数量须为 1 到 500 之间的整数。',
  'playground.markPaper': '第 {n} 笔订单：第一位买家的积分按价格计值等于其花费（价格 {price}）：账面回本。',
  'playground.markPaperNot': '第一位买家的积分在价格 {price} 时按价格计值等于其花费：这些订单内尚未达到。',
  'playground.markReal': '第 {n} 笔订单：扣除扣留后全部卖出即可收回花费（价格 {price}）：现金回本。',
  'playground.markRealNot': '第一位买家扣除扣留后全部卖出、收回花费需价格 {price}：这些订单内尚未达到。',
  'playground.markOrder': '第 {n} 笔订单：价格 {price}。',
  'playground.amountRange': '订单金额须为大于 0 的数字。',
  'playground.summary': '最后价格 {price}，是起始价格的 {factor} 倍。',

  'page.updated': '最后核对于 {date}',

  'root.title': '积分增值沙盘 · Points Pool Explorer',
  'root.choose': '请选择语言',
  'root.redirect': '正在前往中文版……',

  'notFound.title': '找不到这个页面',
  'notFound.body': '这个地址没有对应的页面。',
} as const;
