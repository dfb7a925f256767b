/**
 * Every rule of the seed's model written once (issue 14): the rules' formulas are functions of
 * src/engine/models/seed/rules.ts over the arithmetic interface, the ledger of users and the events
 * are the one class of models/seed/book.ts, and both paths run that source: the exact path as it is
 * (decimals), the fast path as its float64 specialisation, which scripts/specialise-fast.ts writes
 * from it (book.fast.ts, rules.fast.ts) and which nobody edits.
 *
 * The checks: (1) the specialised files are exactly what the generator writes from today's sources;
 * (2) each rule function is defined once among the engine's hand-written sources, in rules.ts, and
 * the book calls it; (3) each event of the book is defined once, in book.ts (the scripted engine's
 * Ledger only names users around them, calling the book's own); (4) a time-driven run on either
 * path builds its book from that source. The scan is shown to find a planted copy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { specialised } from '../../scripts/specialise-fast.ts';
import { SeedBook } from '../../src/engine/models/seed/book.ts';
import { FastSeedBook } from '../../src/engine/models/seed/book.fast.ts';
import { FastRoundingBook } from '../../src/engine/models/seed/book.rounding.fast.ts';
import { bookFor } from '../../src/engine/flow/run.ts';
import { validateScenario, type FlowScenarioV1 } from '../../src/engine/scenario/index.ts';

const ENGINE = fileURLToPath(new URL('../../src/engine/', import.meta.url));
const SEED = 'models/seed/';

/** the engine's hand-written sources (the generated .fast.ts files excepted), path relative to src/engine */
function sources(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.fast.ts')) out.set(relative(ENGINE, p), readFileSync(p, 'utf8'));
    }
  };
  walk(ENGINE);
  return out;
}

/** the files defining a function or method of this name */
function definitionsOf(name: string, files: Map<string, string>): string[] {
  const fn = new RegExp(`^\\s*(export\\s+)?function\\s+${name}\\b`, 'm');
  // a method with a body (a line ending in "{"), not a declaration in an interface
  const method = new RegExp(`^\\s+(public\\s+|protected\\s+|private\\s+)?(override\\s+)?(get\\s+)?${name}\\s*(<[^>]*>)?\\(.*\\{\\s*$`, 'm');
  return [...files].filter(([, text]) => fn.test(text) || method.test(text)).map(([file]) => file);
}

/** the rules' formulas, RULEBOOK §3, and where they apply */
const RULES = {
  giftOf: 'order: the gift\'s value, g x pool share (§3.1)',
  pointsIssued: 'order: points issued, gift / price (§3.1)',
  floored: 'the price floor, max(minPrice, price) (§9.2)',
  cappedIssue: 'the points cap: an issue cut to the room left (§9.2)',
  settlementPay: 'settlement at the ceiling: holding x price (§9.2)',
  ceilingReached: 'settlement at the ceiling is due: price >= maxPrice (§9.2)',
  salePaid: 'sale: pay after withholding, (1 - w) x value (§3.2)',
  priceOf: 'price P / N (§2)',
  exitNum: 'exit threshold, numerator, per exit test (§3.3)',
  exitDen: 'exit threshold, denominator, per exit test (§3.3)',
  reached: 'exit and take-profit test, price x den >= num (§3.3)',
  reachedWithin: 'the same on the rounded float book, within FAST_TIE (§3.3)',
  thresholdPrice: 'threshold price num / den (§3.3)',
  thresholdKey: 'the heaps key: the fraction (exact) or the quotient (fast) (§3.3)',
  thresholdOrder: 'order of thresholds, exact ties (§3.3)',
  takeProfitNum: 'take-profit threshold, k x basis',
  needOf: 'need to break even, max(0, basis - cash since entry) (§8)',
  legacyPoints: 'legacy members locked points, share x L / price (§3.6)',
  lockedAfter: 'locked stock after a release (§3.6)',
  withdrawalAllowed: 'withdrawal: the pool stays above 0 while points circulate (§3.5)',
  brokeEven: 'realised break-even, cash >= spent',
} as const;

/** the book's events and its ledger-of-users steps */
const EVENTS = [
  'orderFor', // order: split, gift, enter or re-enter (§3.1)
  'sellPoints', // sale with withholding, exit on selling out (§3.2)
  'settle', // forced exits, lowest threshold first (§3.3)
  'sellShare',
  'setTakeProfit',
  'takeProfit',
  'subsidy', // §3.4
  'withdraw', // §3.5
  'addLegacy', // §3.6
  'releaseLegacy', // §3.6
  'changeRules', // §3.8
  'settleAtCeiling', // §9.2, a day-end job
  'rekey',
  'reprice',
  'account', // the solvency accumulators (§8)
  'activate',
] as const;

/** the Ledger's own versions of book events: each must hand the event to the book's (super) */
const LEDGER_WRAPS = ['subsidy', 'withdraw', 'changeRules'] as const;

describe('one core for the exact and the fast path', () => {
  it('the float64 book, rules and heap are what scripts/specialise-fast.ts writes from book.ts, rules.ts and heap.ts now', () => {
    for (const { file, text } of specialised()) {
      expect(readFileSync(file, 'utf8'), `${file} is stale or edited by hand: run npm run specialise`).toBe(text);
    }
  });

  it('the specialisation leaves no call to the calculator in the hot code and no calculator parameter on a rule', () => {
    const code = (t: string) => t.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const [rules, book, heap] = specialised().map((x) => ({ text: code(x.text) }));
    expect(rules!.text).not.toMatch(/\bA\.(add|sub|mul|div|cmp|isZero|isNeg)\(|A: Arith/);
    expect(book!.text).not.toMatch(/\bA\.(add|sub|mul|div|cmp|isZero|isNeg)\(/);
    expect(book!.text).toMatch(/export class FastSeedBook implements Book<number>/);
    expect(book!.text).toMatch(/from '\.\/rules\.fast\.ts'/);
    // the threshold heap too: the fast book's is the float64 one, ordered by the fast rules
    expect(book!.text).toMatch(/import \{ FastSlotHeap \} from '\.\/heap\.fast\.ts'/);
    expect(heap!.text).toMatch(/export class FastSlotHeap \{/);
    expect(heap!.text).toMatch(/from '\.\/rules\.fast\.ts'/);
    expect(heap!.text).not.toMatch(/\bA\.(add|sub|mul|div|cmp|isZero|isNeg)\(|\bcmp\b/);
  });

  it('the rounded float book is the same source with its platform rounding kept, on the fast rules and heap', () => {
    const code = (t: string) => t.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const rounded = code(specialised().find((x) => x.file.endsWith('book.rounding.fast.ts'))!.text);
    const book = code(specialised().find((x) => x.file.endsWith('/book.fast.ts'))!.text);
    expect(rounded).toMatch(/export class FastRoundingBook implements Book<number>/);
    expect(rounded).toMatch(/from '\.\/rules\.fast\.ts'/);
    expect(rounded).toMatch(/import \{ FastSlotHeap \} from '\.\/heap\.fast\.ts'/);
    expect(rounded).not.toMatch(/\bA\.(add|sub|mul|div|cmp|isZero|isNeg)\(/);
    // it rounds where the seed's fast book does not: the money hook on the sale, the quoted price in the exit test, the refusal gone
    expect(rounded).toMatch(/const due = this\.money\(/);
    expect(book).not.toMatch(/this\.money\(/);
    expect(rounded).toMatch(/this\.quotedPrice/);
    expect(book).not.toMatch(/this\.quotedPrice\b(?!\(\))/);
    expect(rounded).not.toMatch(/has no platform rounding/);
    expect(book).toMatch(/has no platform rounding/);
  });

  it('each rule of the seed is one function of rules.ts, defined nowhere else in the engine, and the book calls it', () => {
    const files = sources();
    for (const [name, what] of Object.entries(RULES)) {
      expect(definitionsOf(name, files), `${name} (${what})`).toEqual([`${SEED}rules.ts`]);
      const callers = ['book.ts', 'ledger.ts', 'heap.ts'].filter((f) => files.get(`${SEED}${f}`)!.includes(`R.${name}(`));
      expect(callers.length > 0, `${name} is called by the book (or its Ledger, or its threshold heap)`).toBe(true);
    }
  });

  it("each event of the book is defined once, in book.ts; the Ledger's versions call the book's", () => {
    const files = sources();
    for (const name of EVENTS) {
      // the family's ledger (family/, RULEBOOK §9) has a fund, not the seed's pool: its subsidy and withdrawal are the fund's own
      const defs = definitionsOf(name, files).filter((f) => !f.startsWith('family/') && (f !== `${SEED}ledger.ts` || !(LEDGER_WRAPS as readonly string[]).includes(name)));
      expect(defs, name).toEqual([`${SEED}book.ts`]);
    }
    const ledger = files.get(`${SEED}ledger.ts`)!;
    for (const name of LEDGER_WRAPS) expect(ledger, `Ledger.${name} hands the event to the book`).toMatch(new RegExp(`super\\.${name}\\(`));
  });

  it('the scan finds a planted copy of a rule or an event', () => {
    const files = sources();
    files.set('fast-book.ts', 'export class FastBook {\n  private sellPoints(u: number, q: number) {\n    this.pool -= q;\n  }\n}\nfunction salePaid(w: number, v: number) {\n  return (1 - w) * v;\n}\n');
    expect(definitionsOf('sellPoints', files).sort()).toEqual(['fast-book.ts', `${SEED}book.ts`]);
    expect(definitionsOf('salePaid', files).sort()).toEqual(['fast-book.ts', `${SEED}rules.ts`]);
  });

  it('a time-driven run builds its book from the one source on either path', () => {
    const v = validateScenario({ flow: { days: 3, seed: 1, buyers: { perDay: 2 }, sell: { ratePerDay: 0.1 } } });
    if (!v.ok) throw new Error('a valid scenario');
    const s = v.scenario as FlowScenarioV1;
    expect(bookFor(s, { exact: true })).toBeInstanceOf(SeedBook);
    expect(bookFor(s)).toBeInstanceOf(FastSeedBook);
    const rounds = { ...s, rules: { ...s.rules, rounding: { mode: 'down', money: 2 } } } as FlowScenarioV1;
    expect(bookFor(rounds)).toBeInstanceOf(SeedBook);
    expect(bookFor(rounds, { roundingOnFloats: true })).toBeInstanceOf(FastRoundingBook);
  });
});
