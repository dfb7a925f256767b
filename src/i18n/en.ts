/**
 * English UI strings, flat dotted keys; zh.ts must carry the same keys (checked in test/i18n).
 */
import { explorer_en } from './explorer.en.ts';
import { pages_en } from './pages.en.ts';

export const en = {
  ...explorer_en,
  ...pages_en,
  'site.title': 'Points Pool Explorer',
  'site.tagline': 'The consumption-points model, taken apart and computed',

  'nav.skip': 'Skip to content',
  'nav.main': 'Main navigation',
  'nav.home': 'Home',
  'nav.about': 'About',
  'nav.language': 'Change language',

  'notice.untranslated': 'not yet translated',
  'notice.untranslatedPage': 'This page is not yet translated into English; the Chinese original is shown below.',

  'footer.disclaimer':
    'A simulator for teaching and review. It does not recommend or rate any platform and is not investment or legal advice. Every figure is computed locally by one open engine; the pages send no request to any third party.',
  'footer.engine': 'Engine',
  'footer.offlineReady': 'Available offline: once visited, this site works without a network.',
  'footer.offlineNow': 'You are offline: pages come from the copy saved in this browser.',

  'home.title': 'Points Pool Explorer: a simulator of the consumption-points model',
  'home.description':
    'An exact, bilingual explainer and simulator of the Chinese “consumption points” (消费增值) model: what each order puts into the pool, how many points it issues, why the price rises, and who pays for the gains.',
  'home.lead':
    'A bilingual explainer and simulator of one business model sold in China as “消费增值” (consumption value-added points). Here you can read the rules, change the parameters, recompute every order, and check each figure in the sales material.',
  'home.audience.heading': 'Where to start',
  'home.audience.operators':
    'Prospective operators: before you launch, see how many later orders each promise depends on.',
  'home.audience.trainers':
    'Trainers and consultants: replace verbal claims with examples anyone can recompute, and show where the gains come from.',
  'home.audience.reviewers':
    'Regulators and reviewers: check each claim of the pitch, and separate what holds by construction from what holds only if growth continues.',
  'home.path.operator.title': 'If you would run it',
  'home.path.operator.question': 'What would I be running, and what does it owe?',
  'home.path.operator.explore': 'Run your own platform in the explorer',
  'home.path.trainer.title': 'If you teach it',
  'home.path.trainer.question': 'How do I show a room where the gains come from?',
  'home.path.trainer.present': 'Start the walkthrough in presentation mode',
  'home.path.reviewer.title': 'If you review it',
  'home.path.reviewer.question': 'Which claims hold, and what happens under stress?',
  'home.path.reviewer.claims': 'The pitch’s claims, checked one by one',
  'home.path.reviewer.stress': 'The stress tests: a stop, a run, a skim',
  'home.path.reviewer.compare': 'Compare scenarios in the explorer',

  'home.model.heading': 'How the model works',
  'home.model.body':
    'Each time a customer places an order, the platform puts a share of the amount (30% in the demonstration rules) into a “profit pool” and gifts the buyer points worth a share of that inflow (70%) at the current price. The point price is defined as the cash in the pool divided by the points in circulation. Because every order adds more cash to the pool than the new points are worth at the current price, the price rises with every order; when holders sell, the platform keeps 20% of the value in the pool, and the price rises again. “The price only goes up” is therefore a consequence of the rules, not evidence that the business is healthy: point holders as a group can never take out more cash than the pool received (30% of spending in the demonstration rules) plus any outside subsidy, and who gets it back, and how much, depends on how many new orders follow.',
  'home.quote.text':
    '70% of each order’s profit is gifted to the user as points of equal value … ensuring that the point price keeps rising.',
  'home.quote.source': 'a system vendor’s description of the model (our translation)',

  'home.example.heading': 'The three-order example from the pitch',
  'home.example.intro':
    'A, B and C each place one order of 1,000: 300 goes into the pool, and 70% of that (210) is gifted to the buyer as points. Every figure in the table below was computed by this site’s engine when the page was built; none is copied.',
  'home.example.caption':
    'Pool, circulating points and point price after three orders of 1,000 (computed live by the engine)',
  'home.example.rounding':
    'The pitch rounds the third order’s 124.95 points to 125 and the 481.95 circulating points to 482; the exact figures are shown here. Its prices 1.43, 1.68 and 1.87 are the same figures at two decimals.',
  'home.example.precision': 'Show full-precision values',

  'table.step': '#',
  'table.buyer': 'Buyer',
  'table.amount': 'Order amount',
  'table.inflow': 'Into pool',
  'table.issued': 'Points issued',
  'table.poolAfter': 'Pool after',
  'table.pointsAfter': 'Circulating points',
  'table.priceAfter': 'Point price',
  'table.priceSeed': 'In the pitch',
  'table.fullPrecision': 'Full precision',

  'playground.heading': 'Try it yourself',
  'playground.intro':
    'Change the order amount or the number of orders (up to 500: far enough for the first buyer’s break-even); the engine reruns the same rules in your browser.',
  'playground.amount': 'Amount of each order',
  'playground.count': 'Number of orders',
  'playground.caption': 'Results under the demonstration rules',
  'playground.invalid': 'The input has a problem; the table keeps the last valid result:',
  'playground.countRange': 'The number of orders must be a whole number from 1 to 500.',
  'playground.markPaper': 'Order {n}: the first buyer’s points are marked at what they paid (price {price}): break-even on paper.',
  'playground.markPaperNot': 'The first buyer’s points are marked at what they paid at price {price}: not reached in these orders.',
  'playground.markReal': 'Order {n}: selling them all, after the withholding, would pay back what they paid (price {price}): break-even in cash.',
  'playground.markRealNot': 'Selling the first buyer’s points, after the withholding, pays back what they paid at price {price}: not reached in these orders.',
  'playground.markOrder': 'Order {n}: price {price}.',
  'playground.amountRange': 'The order amount must be a number greater than 0.',
  'playground.summary': 'Final price {price}, {factor} times the starting price.',

  'page.updated': 'Last checked {date}',

  'root.title': '积分增值沙盘 · Points Pool Explorer',
  'root.choose': 'Choose a language',
  'root.redirect': 'Taking you to the Chinese version…',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at this address.',
} as const;
