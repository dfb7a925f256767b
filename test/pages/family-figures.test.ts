/**
 * The method page's section 9 (the model family): the worked examples' figures it quotes come out
 * of the engine as RULEBOOK §9.3-9.5 states them (worked by hand below), the scenario it prints is
 * the example file a reader runs, the what-ifs it names are the validator's, and both languages
 * carry the same subsections.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import DecimalBase from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { familyFigures } from '../../src/figures/family.ts';
import { FAMILY_WHAT_IFS } from '../../src/engine/scenario/index.ts';

/** 60 digits: enough to hold the engine's 40-digit quotients to 1e-30 */
const Decimal = DecimalBase.clone({ precision: 60 });
type Decimal = InstanceType<typeof Decimal>;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const LOCALES = ['zh', 'en'] as const;

/** exact figures compared at 1e-30 relative, as the engine's exact tests do */
const near = (got: string, want: number | string | Decimal) => {
  const w = new Decimal(want);
  const diff = new Decimal(got).minus(w).abs();
  expect(diff.lte(w.abs().times('1e-30')) || diff.isZero(), `${got} is not ${w.toString()}`).toBe(true);
};

describe('the family’s worked examples, as the engine computes them for the method page', () => {
  const f = familyFigures();
  const value = (name: string) => {
    expect(f, name).toHaveProperty([name]);
    return f[name]!.value;
  };

  it('daily release (RULEBOOK §9.3): pool share 0.16, k 1, r 0.001 of the original, 100 orders of 1,000 a day', () => {
    // inflow a day: 100 x 1,000 x 0.16 = 16,000. Each earlier order releases 1,000 x 0.001 = 1 a day,
    // so day d's due is 100(d - 1), and the fund after day d (while it pays in full) is
    // 16,000d - 100(0 + 1 + ... + (d - 1)) = 16,000d - 50d(d - 1).
    near(value('family.release.inflowPerDay'), 16000);
    // day 100: 1,600,000 - 50 x 100 x 99 = 1,105,000
    near(value('family.release.fundDay100'), 1105000);
    // empty when 16,000d = 50d(d - 1), d - 1 = 320: day 321 (5,136,000 - 5,136,000 = 0)
    expect(value('family.release.emptyAfterDay')).toBe('321');
    // day 322: due 100 x 321 = 32,100, the fund holds only the day's 16,000
    expect(value('family.release.firstDefaultDay')).toBe('322');
    near(value('family.release.firstDefaultDue'), 32100);
    near(value('family.release.firstDefaultPaid'), 16000);
    // day 323: due 100 x 322 = 32,200 (day 322's unpaid part is not added), paid 16,000, default 16,200
    near(value('family.release.nextDefaultDue'), 32200);
    near(value('family.release.nextDefault'), 16200);
    // of the remaining promise: the rulebook's figure
    expect(value('family.release.remainingFirstDefaultDay')).toBe('361');
  });

  it('queue rebate (RULEBOOK §9.4): fifo and even at pool share 0.5, k 1, orders of 1,000; fifo at 0.3 and k 1.2 over 1,000 orders', () => {
    // fifo: each order brings 500, each entry is owed 1,000: entry j is paid in full at order 2j;
    // after 10 orders entries 1-5 are complete, 6-10 wait, owed 5 x 1,000
    expect(value('family.queue.fifoCompleted')).toBe('5');
    expect(value('family.queue.fifoWaiting')).toBe('5');
    near(value('family.queue.fifoOwed'), 5000);
    // even: order 2 pays entry 1 its 1,000; order 3 pays entry 2 500; order 4 shares 500 between
    // entries 2 and 3 (250 each); order 5 shares 500 among 2, 3, 4 (166.67 each: entry 2 owes 83.33);
    // order 6 shares 500 among 2-5 (125 each): entry 2 completes; after 10 orders entries 3-10 wait
    expect(value('family.queue.evenFirstDone')).toBe('2');
    expect(value('family.queue.evenSecondDone')).toBe('6');
    expect(value('family.queue.evenWaiting')).toBe('8');
    // 1,000 orders bring 300,000; entries are owed 1,200 each: 250 complete, 1,200,000 - 300,000 owed
    expect(value('family.queue.largeCompleted')).toBe('250');
    near(value('family.queue.largeOwed'), 900000);
  });

  it('dividend rights (RULEBOOK §9.5): U 500, k 1, pool share 0.16, cap 1 a day, 100 orders of 500 a day', () => {
    // inflow a day 100 x 500 x 0.16 = 8,000; on day d, 100(d - 1) rights wait; at the cap the fund
    // before day d's dividend holds 8,000d - 50(d - 1)(d - 2). Day 161: 1,288,000 - 1,272,000 =
    // 16,000 for 16,000 rights (just enough); day 162: 1,296,000 - 1,288,000 = 8,000 for 16,100
    // rights: 80/161 each
    expect(value('family.rights.firstUnderCapDay')).toBe('162');
    near(value('family.rights.firstUnderCapDividend'), new Decimal(80).div(161));
    // from then on each day shares its 8,000: day 365, 36,400 rights, 80/364 each
    near(value('family.rights.lastDividend'), new Decimal(80).div(364));
    // promised 36,500 x 500 = 18,250,000; paid 100 x (1 + ... + 160) = 1,288,000 on days 2-161
    // and 8,000 x 204 = 1,632,000 on days 162-365: owed 18,250,000 - 2,920,000
    near(value('family.rights.lastOwed'), 15330000);
  });

  it('the dividend a right gets a day is shown to six decimals, in the reader’s language', async () => {
    const { formatVar } = await import('../../src/i18n/figure.ts');
    expect(formatVar({ value: '0.4968944099', kind: 'money6' }, 'en')).toBe('0.496894');
    expect(formatVar({ value: '0.21978021978', kind: 'money6' }, 'zh')).toBe('0.219780元');
  });
});

describe('the scenario and the fields section 9 prints', () => {
  const example = JSON.parse(read('examples/family-release.json')) as Record<string, unknown>;
  const section = (locale: string) => {
    const text = read(`content/${locale}/method.md`);
    return text.slice(text.indexOf('## 9. '), text.indexOf('\n## ', text.indexOf('## 9. ') + 1));
  };

  it.each(LOCALES)('%s: the scenario printed is examples/family-release.json (its name and description aside)', (locale) => {
    const block = /```json\n([\s\S]*?)```/.exec(section(locale));
    expect(block, 'a JSON block in section 9').not.toBeNull();
    const { name: _name, description: _description, ...rest } = example;
    expect(JSON.parse(block![1]!)).toEqual(rest);
    expect(section(locale)).toContain('examples/family-release.json');
  });

  it.each(LOCALES)('%s: the what-ifs a model takes are the ones the validator allows', (locale) => {
    for (const kind of FAMILY_WHAT_IFS) expect(section(locale)).toContain(`\`${kind}\``);
  });
});

describe('the method page’s section 9 in both languages', () => {
  const numbered = (locale: string) =>
    [...read(`content/${locale}/method.md`).matchAll(/^#{2,3} (9(?:\.\d)?)[. ]/gm)].map((m) => m[1]);

  it('the same numbered subsections, in the rulebook’s order, with 9.2 (the back-office profile) written on its own', () => {
    expect(numbered('zh')).toEqual(numbered('en'));
    const got = numbered('en');
    // 9.2 may be present (once merged) or not; the others are this section's
    expect(got.filter((n) => n !== '9.2')).toEqual(['9', '9.1', '9.3', '9.4', '9.5', '9.6']);
    if (got.includes('9.2')) expect(got.indexOf('9.2')).toBe(got.indexOf('9.1') + 1);
  });
});
