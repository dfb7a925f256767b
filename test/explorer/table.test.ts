/**
 * The explorer's one table of parameters: keys and address names unique (a model adding rows
 * must keep them so); the seed's rules as defaults, from the engine's one place; every plain row's
 * path holds its value in the built scenario; the engine's problems map back through the paths;
 * the sliders never offer a value the checks refuse (limits worked by hand from the growth formula).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_RULES } from '../../src/engine/seed-rules.ts';
import { validateScenario } from '../../src/engine/scenario/index.ts';
import { BUYER_LIMIT, buyerLimitFor, buyerMax, buildScenario, checkParams, fieldOfPath, fromQuery, fromScenario, setBuyerMax, sliderOf, toQuery } from '../../src/explorer/params.ts';
import { fieldLabel, specOf } from '../../src/explorer/controls.ts';
import { makeTr } from '../../src/explorer/view.ts';
import { en as enDict } from '../../src/i18n/en.ts';
import { zh as zhDict } from '../../src/i18n/zh.ts';
import { DEFAULTS, isActive, MODEL_MENU, NUMBER_ROWS, QUERY, ROWS, TABLE, type Params, type Row } from '../../src/explorer/table.ts';

/** the parameters with the first model of the menu that uses this row (a model's own row is active only for it) */
const forRow = (r: Row, p: Params): Params => ({ ...p, model: MODEL_MENU.find((m) => isActive(r, { ...p, model: m })) ?? p.model });

const strings = (l: 'en' | 'zh') => Object.fromEntries(Object.entries(l === 'en' ? enDict : zhDict).filter(([k]) => k.startsWith('explorer.')));
const at = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);

describe('the table', () => {
  it('has one row per parameter, keys and address names unique, and no address name the state uses for itself', () => {
    const keys = ROWS.map((r) => r.key);
    const names = ROWS.map((r) => r.q);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(names).size).toBe(names.length);
    for (const own of ['x', 'follow', 'wi', 'pin', 'mc', 'log']) expect(names).not.toContain(own);
    for (const r of ROWS) expect(QUERY[r.key]).toBe(r.q);
  });

  it('keeps today’s short address names (they are in shared links)', () => {
    // as src/explorer/params.ts QUERY had them before the table
    expect(QUERY).toMatchObject({ perDay: 'b', growth: 'g', growthRate: 'gr', sellRate: 's', exit: 'm', gift: 'gift', withholding: 'w', days: 'd', seed: 'seed', stopDay: 'stop', subsidyDay: 'fd', ruleValue: 'rv', perRecruit: 'rpr' });
  });

  it('takes the seed’s rules as defaults from the engine’s one place, which the schema’s defaults also use', () => {
    expect([DEFAULTS.cost, DEFAULTS.distribution, DEFAULTS.platform, DEFAULTS.pool]).toEqual([SEED_RULES.split.cost, SEED_RULES.split.distribution, SEED_RULES.split.platform, SEED_RULES.split.pool]);
    expect([DEFAULTS.gift, DEFAULTS.withholding, DEFAULTS.exit, DEFAULTS.initialPrice]).toEqual([SEED_RULES.giftRatio, SEED_RULES.sellWithholding, SEED_RULES.exitMultiple, SEED_RULES.initialPrice]);
    const v = validateScenario({ version: 1, flow: { days: 1, buyers: { perDay: 1 } } });
    expect(v.ok && v.scenario.rules).toMatchObject({ giftRatio: SEED_RULES.giftRatio, sellWithholding: SEED_RULES.sellWithholding, exitMultiple: SEED_RULES.exitMultiple, split: SEED_RULES.split });
  });

  it('every plain row’s value is at its path in the built scenario', () => {
    const p0: Params = { ...DEFAULTS, perDay: 123, sellRate: 0.07, exit: 2.5, gift: 0.6, days: 99, seed: 5, takeProfit: 3, maxPrice: 4, pointsCap: 1e6, queueCap: 900 };
    for (const r of ROWS.filter((x) => x.plain)) {
      const p = forRow(r, p0);
      expect(at(buildScenario(p).scenario, r.path), r.key).toBe(p[r.key]);
    }
  });

  it('maps an engine problem to the row whose path holds it (the most specific path wins)', () => {
    const built = buildScenario(DEFAULTS);
    for (const r of ROWS.filter((x) => !x.path.startsWith('events['))) expect(fieldOfPath(r.path, built, forRow(r, DEFAULTS)), r.path).toBe(r.key);
    expect(fieldOfPath('rules.split', built, DEFAULTS)).toBe('pool');
    expect(fieldOfPath('flow.buyers.growth.capacity', built, DEFAULTS)).toBe('capacity');
    expect(fieldOfPath('flow.buyers.growth', built, DEFAULTS)).toBe('growthRate');
  });
});

describe('the buyer limit of the device', () => {
  it('is 10 million buyers, or 3 million on a device that reports 4 GB of memory or less', () => {
    expect(BUYER_LIMIT).toEqual({ desktop: 10_000_000, lowMemory: 3_000_000, lowMemoryGb: 4 });
    expect(buyerLimitFor(undefined)).toBe(10_000_000);
    expect(buyerLimitFor(8)).toBe(10_000_000);
    expect(buyerLimitFor(4)).toBe(3_000_000);
    expect(buyerLimitFor(0.5)).toBe(3_000_000);
    // what the page does not set is the desktop's
    expect(buyerMax()).toBe(10_000_000);
  });
});

describe('sliders never offer a refused value', () => {
  afterEach(() => setBuyerMax(BUYER_LIMIT.desktop));

  it('growth rate at 100 buyers a day for 365 days stops at 1.7% a day on a device of little memory, 2.1% on a desktop', () => {
    // total = 100 * ((1 + r)^365 - 1) / r must stay <= 3,000,000, i.e. ((1 + r)^365 - 1) / r <= 30,000:
    // r = 1.7%: 1.017^365 = e^(365 * 0.016857) = e^6.153 = 470.0 -> 469.0 / 0.017 = 27,590 (fits)
    // r = 1.8%: 1.018^365 = e^(365 * 0.017840) = e^6.512 = 672.8 -> 671.8 / 0.018 = 37,322 (too many)
    setBuyerMax(BUYER_LIMIT.lowMemory);
    const s = specOf('growthRate', DEFAULTS).slider!;
    expect(s.max).toBeCloseTo(1.7, 10);
    expect(checkParams({ ...DEFAULTS, growthRate: 0.017 })).toEqual([]);
    expect(checkParams({ ...DEFAULTS, growthRate: 0.018 })[0]).toMatchObject({ field: 'growthRate', kind: 'tooMany', values: { max: 3_000_000 } });
    // <= 10,000,000 buyers: ((1 + r)^365 - 1) / r <= 100,000:
    // r = 2.1%: 1.021^365 = e^(365 * 0.020783) = e^7.586 = 1967.6 -> 1966.6 / 0.021 = 93,648 (fits)
    // r = 2.2%: 1.022^365 = e^(365 * 0.021761) = e^7.943 = 2815.5 -> 2814.5 / 0.022 = 127,932 (too many)
    setBuyerMax(BUYER_LIMIT.desktop);
    expect(specOf('growthRate', DEFAULTS).slider!.max).toBeCloseTo(2.1, 10);
    expect(checkParams({ ...DEFAULTS, growthRate: 0.021 })).toEqual([]);
    expect(checkParams({ ...DEFAULTS, growthRate: 0.022 })[0]).toMatchObject({ field: 'growthRate', kind: 'tooMany', values: { max: 10_000_000 } });
  });

  it('buyers per day at 1% growth for 365 days stops at 810 on a device of little memory, and runs to the table’s 1000 on a desktop', () => {
    // total = b * (1.01^365 - 1) / 0.01; 1.01^365 = e^(365 * 0.0099503) = e^3.6319 = 37.783,
    // so total = 3678.3 b <= 3,000,000 gives b <= 815.6; on the slider's steps of 10: 810
    setBuyerMax(BUYER_LIMIT.lowMemory);
    const s = specOf('perDay', DEFAULTS).slider!;
    expect(s.max).toBe(810);
    expect(checkParams({ ...DEFAULTS, perDay: 810 })).toEqual([]);
    expect(checkParams({ ...DEFAULTS, perDay: 820 })[0]).toMatchObject({ field: 'growthRate', kind: 'tooMany' });
    // <= 10,000,000: b <= 2718.7, beyond the slider's 1000 (3,678,300 buyers at 1000 a day)
    setBuyerMax(BUYER_LIMIT.desktop);
    expect(specOf('perDay', DEFAULTS).slider!.max).toBe(TABLE.perDay.slider!.max);
    expect(checkParams({ ...DEFAULTS, perDay: 2710 })).toEqual([]);
    expect(checkParams({ ...DEFAULTS, perDay: 2720 })[0]).toMatchObject({ field: 'growthRate', kind: 'tooMany' });
  });

  it('keeps the table’s slider where the run is small (constant flow: 1000 a day for a year is 365,000)', () => {
    expect(specOf('perDay', { ...DEFAULTS, growth: 'constant' }).slider!.max).toBe(TABLE.perDay.slider!.max);
    expect(specOf('growthRate', { ...DEFAULTS, days: 100 }).slider!.max).toBe(TABLE.growthRate.slider!.max);
  });

  it('no slider stop anywhere on any slider is refused, over a spread of other values', () => {
    for (const days of [100, 365, 730])
      for (const growth of ['exponential', 'linear', 'boom', 'logistic', 'constant'] as const)
        for (const perDay of [10, 100, 500]) {
          const p: Params = { ...DEFAULTS, days, growth, perDay, peakDay: Math.min(180, days), growthRate: growth === 'linear' ? 1 : 0.005 };
          if (checkParams(p).length) continue;
          for (const r of NUMBER_ROWS) {
            const s = sliderOf(r.key, p);
            if (!s) continue;
            const scale = specOf(r.key, p).scale;
            for (let v = s.min; v <= s.max + 1e-9; v += s.step) {
              const q = { ...p, [r.key]: +(v / scale).toPrecision(12) };
              expect(checkParams(q), `${r.key}=${v} with ${growth} ${perDay}/day ${days} days`).toEqual([]);
            }
          }
        }
  });
});

describe('what the page loads', () => {
  /** every module a source file imports at run time (type-only imports are erased), transitively */
  function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
      const spec = m[1]!;
      if (!spec.startsWith('.')) seen.add(spec);
      else runtimeImports(fileURLToPath(new URL(spec, pathToFileURL(file))), seen);
    }
    return seen;
  }
  it('the explorer’s table, parameters, state and address text import neither decimal.js nor zod, nor the scenario schema', () => {
    for (const m of ['table.ts', 'params.ts', 'state.ts', 'controls.ts', 'address-text.ts', 'presets.ts']) {
      const all = [...runtimeImports(fileURLToPath(new URL(`../../src/explorer/${m}`, import.meta.url)))];
      expect(all.filter((x) => x === 'decimal.js' || x === 'zod' || /engine\/scenario(\.ts|\/)/.test(x)), m).toEqual([]);
    }
  });
  it('the scenario pages’ presets are plain scenario data: src/scenarios/presets.ts imports no explorer code', () => {
    const all = [...runtimeImports(fileURLToPath(new URL('../../src/scenarios/presets.ts', import.meta.url)))];
    expect(all.filter((x) => x.includes('/explorer/'))).toEqual([]);
  });
});

describe('growth that stops (flatFrom) and a boom that does not decline', () => {
  const exp: Params = { ...DEFAULTS, growth: 'exponential', growthRate: 0.01, days: 365 };

  it('puts flatFrom into the scenario’s growth for every growth kind but constant, and the engine takes it', () => {
    for (const growth of ['linear', 'exponential', 'logistic', 'boom'] as const) {
      const s = buildScenario({ ...exp, growth, growthRate: growth === 'linear' ? 1 : 0.01, flatFrom: 180 }).scenario;
      expect(at(s, 'flow.buyers.growth.flatFrom'), growth).toBe(180);
      expect(validateScenario(s).ok, growth).toBe(true);
    }
    // constant growth has nothing to stop: the row is not in use and the scenario says nothing
    expect(at(buildScenario({ ...exp, growth: 'constant', flatFrom: 180 }).scenario, 'flow.buyers.growth.flatFrom')).toBeUndefined();
  });

  it('refuses N <= 1 and N beyond the last day, naming the field', () => {
    // the engine's rule (scenario.ts): flatFrom is a whole number >= 2 and within the days simulated
    expect(checkParams({ ...exp, flatFrom: 1 })).toEqual([{ field: 'flatFrom', kind: 'range', values: { min: 2, max: 3650, lo: '≥', hi: '≤' } }]);
    expect(checkParams({ ...exp, flatFrom: 0 })[0]).toMatchObject({ field: 'flatFrom', kind: 'range' });
    expect(checkParams({ ...exp, flatFrom: 366 })).toEqual([{ field: 'flatFrom', kind: 'day', values: { days: 365 } }]);
    expect(checkParams({ ...exp, flatFrom: 180.5 })[0]).toMatchObject({ field: 'flatFrom', kind: 'whole' });
    expect(checkParams({ ...exp, flatFrom: 365 })).toEqual([]);
    expect(checkParams({ ...exp, flatFrom: 2 })).toEqual([]);
    // the engine's own problem at the path lands on the field too
    expect(fieldOfPath('flow.buyers.growth.flatFrom', buildScenario(exp), exp)).toBe('flatFrom');
  });

  it('lets a growth rate that is too steep for a year run when growth stops early', () => {
    // 5% a day for 365 days: 100 * 1.05^364 / 0.05 ~ 1e10 buyers, refused. Flat from day 31:
    // days 1..30 sum 100 * (1.05^30 - 1) / 0.05 = 100 * 3.3219 / 0.05 = 6,644; days 31..365 expect
    // day 30's 100 * 1.05^29 = 411.6 each, 335 * 411.6 = 137,890; about 144,534 in all (fits)
    expect(checkParams({ ...exp, growthRate: 0.05 })[0]).toMatchObject({ kind: 'tooMany' });
    expect(checkParams({ ...exp, growthRate: 0.05, flatFrom: 31 })).toEqual([]);
  });

  it('takes a boom whose decline is 0 (the flow stays at the peak)', () => {
    const boom: Params = { ...DEFAULTS, growth: 'boom', growthRate: 0.01, peakDay: 100, decline: 0 };
    expect(checkParams(boom)).toEqual([]);
    expect(validateScenario(buildScenario(boom).scenario).ok).toBe(true);
    expect(checkParams({ ...boom, decline: 1 })[0]).toMatchObject({ field: 'decline', kind: 'range' });
  });
});

describe('several financing rounds', () => {
  const two: Params = { ...DEFAULTS, subsidyDay: 60, subsidyAmount: 500_000, subsidyDay2: 120, subsidyAmount2: 2_000_000 };

  it('builds one subsidy event per round, in slot order, and maps each event’s problem to its round', () => {
    const b = buildScenario(two);
    expect(b.scenario['events']).toEqual([
      { day: 60, subsidy: { amount: 500_000 } },
      { day: 120, subsidy: { amount: 2_000_000 } },
    ]);
    expect(fieldOfPath('events[1].day', b, two)).toBe('subsidyDay2');
    expect(fieldOfPath('events[1].subsidy.amount', b, two)).toBe('subsidyAmount2');
    expect(fieldOfPath('events[0].subsidy.amount', b, two)).toBe('subsidyAmount');
  });

  it('carries the rounds in the address and reads them back from it and from the scenario', () => {
    const q = toQuery(two);
    expect(new URLSearchParams(q).get('fd2')).toBe('120');
    expect(new URLSearchParams(q).get('fa2')).toBe('2000000');
    expect(fromQuery(q).params).toEqual(two);
    const v = validateScenario(buildScenario(two).scenario);
    expect(v.ok && fromScenario(v.scenario as unknown as Record<string, unknown>).params).toEqual(two);
  });

  it('checks a round’s amount only while it has a day, and its day against the run', () => {
    expect(checkParams({ ...DEFAULTS, subsidyAmount3: -1 })).toEqual([]);
    expect(checkParams({ ...DEFAULTS, subsidyDay3: 10, subsidyAmount3: 0 })[0]).toMatchObject({ field: 'subsidyAmount3', kind: 'range' });
    expect(checkParams({ ...DEFAULTS, subsidyDay2: 400 })).toEqual([{ field: 'subsidyDay2', kind: 'day', values: { days: 365 } }]);
  });

  it('labels each round’s fields with its number, in both languages', () => {
    const en = makeTr(strings('en'));
    const zh = makeTr(strings('zh'));
    expect(fieldLabel('subsidyAmount2', two, en)).toBe('Financing round 2: amount');
    expect(fieldLabel('subsidyDay', two, zh)).toBe('第1轮融资补贴：第几天');
  });
});
