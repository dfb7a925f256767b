/**
 * The explorer's state object and its two serialisations: the address (toAddress/fromAddress)
 * and the scenario file (scenarioFile/splitFile). Random states from a fixed seed round-trip;
 * addresses made before the state object still open; a bad value is named, falls back to its
 * default, and the rest is kept; the file holds exactly what runs, the what-if as `whatIf`.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/engine/scenario/index.ts';
import { fromScenario, type Params } from '../../src/explorer/params.ts';
import { fromAddress, initialState, scenarioFile, splitFile, toAddress, type ExplorerState } from '../../src/explorer/state.ts';
import { randomState, rng } from './random-state.ts';
import { DEFAULTS, isActive, ROWS } from '../../src/explorer/table.ts';
import { addressProblemText } from '../../src/explorer/address-text.ts';
import { formats, makeTr } from '../../src/explorer/view.ts';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';

describe('the address is the state', () => {
  it('a fresh explorer writes an empty address', () => {
    expect(toAddress(initialState())).toBe('');
    expect(fromAddress('')).toEqual({ state: initialState(), problems: [] });
  });

  it('300 random states from a fixed seed read back as themselves, with no problems', () => {
    const next = rng(20261129);
    for (let i = 0; i < 300; i++) {
      const s = randomState(next);
      const q = toAddress(s);
      const back = fromAddress(`?${q}`);
      expect(back.problems, q).toEqual([]);
      expect(back.state, q).toEqual(s);
    }
  });

  it('writes the contract’s names: wi, pin (its own query string, with its own wi), mc, log=0, follow', () => {
    const s: ExplorerState = {
      ...initialState(),
      whatIf: { kind: 'skim', day: 183, value: 0.5 },
      pinned: { params: { ...DEFAULTS, exit: 2 }, extras: {}, whatIf: { kind: 'stop-orders', day: 180 } },
      bands: { seeds: 8 },
      logScale: false,
      follow: null,
    };
    const q = new URLSearchParams(toAddress(s));
    expect(q.get('wi')).toBe('skim:183:0.5');
    expect(q.get('mc')).toBe('8');
    expect(q.get('log')).toBe('0');
    expect(q.get('follow')).toBe('off');
    // A as a query string of its own: exit 2 (m=2) and its what-if
    expect(Object.fromEntries(new URLSearchParams(q.get('pin')!))).toEqual({ m: '2', wi: 'stop-orders:180' });
  });
});

describe('addresses made before the state object', () => {
  it('open as they did: parameters, extras (x), follow N or off', () => {
    const old = fromAddress('?b=250&g=logistic&gr=0.05&cap=900&s=0.035&m=off&gift=0.65&stop=200&tp=2.5&rf=gift&rd=90&rv=0.5&seed=7&follow=12');
    expect(old.problems).toEqual([]);
    expect(old.state.scenario.params).toEqual({ ...DEFAULTS, perDay: 250, growth: 'logistic', growthRate: 0.05, capacity: 900, sellRate: 0.035, exit: null, gift: 0.65, stopDay: 200, takeProfit: 2.5, ruleField: 'gift', ruleDay: 90, ruleValue: 0.5, seed: 7 });
    expect(old.state.follow).toBe(12);
    expect(old.state.whatIf).toBeNull();
    expect(old.state.bands).toBeNull();
    expect(old.state.logScale).toBe(true);
    const x = fromAddress(`?d=200&follow=off&x=${encodeURIComponent(JSON.stringify({ name: 'Mine', events: [{ day: 3, subsidy: { amount: 5 } }] }))}`);
    expect(x.problems).toEqual([]);
    expect(x.state.scenario.extras).toEqual({ name: 'Mine', events: [{ day: 3, subsidy: { amount: 5 } }] });
    expect(x.state.scenario.params.days).toBe(200);
    expect(x.state.follow).toBeNull();
    // a scenario page's preset link of today (the first-platform preset)
    const scn = fromAddress('?b=10&g=logistic&gr=0.04&cap=120&s=0.01&tp=2&rep=0.003&cv=0.5&d=360&cd=30');
    expect(scn.problems).toEqual([]);
    expect(scn.state.scenario.params).toMatchObject({ perDay: 10, growth: 'logistic', capacity: 120, takeProfit: 2, days: 360, cohortDays: 30 });
  });
});

describe('a bad value in the address', () => {
  it('is named, falls back to its default, and the rest is kept', () => {
    const { state, problems } = fromAddress('?s=0.05&mc=1&log=2&wi=skim:400&follow=999&pin=gift%3D2%26b%3D40');
    expect(problems.map((p) => [p.name, p.value, p.kind])).toEqual([
      // skim on day 400 of a 365-day run
      ['wi', 'skim:400', 'whatIf'],
      // the followed buyer's entry day is after the run
      ['follow', '999', 'follow'],
      // 1 seed: Monte Carlo takes 2 to 500
      ['mc', '1', 'seeds'],
      ['log', '2', 'flag'],
      // pinned A: gift 200% is out of range; its b=40 is kept
      ['pin.gift', '2', 'range'],
    ]);
    expect(state.scenario.params).toEqual({ ...DEFAULTS, sellRate: 0.05 });
    expect(state.whatIf).toBeNull();
    expect(state.follow).toBe(30);
    expect(state.bands).toBeNull();
    expect(state.logScale).toBe(true);
    expect(state.pinned?.params).toEqual({ ...DEFAULTS, perDay: 40 });
  });

  it('reads in words in both languages: the control’s label, the value, why, and the default used', () => {
    const { problems } = fromAddress('?gift=1.5&b=abc&mc=1');
    for (const dict of [en, zh]) {
      const tr = makeTr(Object.fromEntries(Object.entries(dict).filter(([k]) => k.startsWith('explorer.'))));
      const f = formats(dict === en ? 'en' : 'zh');
      const texts = problems.map((p) => addressProblemText(p, tr, f));
      for (const t of texts) expect(t).not.toMatch(/\{\w+\}|explorer\.|NaN|undefined/);
      expect(texts[0]).toContain(tr('explorer.field.perDay'));
      expect(texts[0]).toContain('“abc”');
      expect(texts[0]).toContain('100');
      expect(texts[1]).toContain(tr('explorer.field.gift'));
      expect(texts[1]).toContain('70%');
      expect(texts[2]).toContain(tr('explorer.url.name.mc'));
    }
  });
});

/** The parameters with those the choices do not use at their defaults. */
const used = (p: Params): Params => Object.fromEntries(ROWS.map((r) => [r.key, isActive(r, p) ? p[r.key] : DEFAULTS[r.key]])) as unknown as Params;

describe('the scenario file holds exactly what runs', () => {
  const valid = (x: unknown) => {
    const v = validateScenario(x);
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    return v.scenario as unknown as Record<string, unknown>;
  };

  it('one scenario with its what-if as a top-level whatIf (the default value written out), read back to the same state', () => {
    const s: ExplorerState = { ...initialState(), scenario: { params: { ...DEFAULTS, days: 200, stopDay: 150 }, extras: {} }, whatIf: { kind: 'skim', day: 120 } };
    const file = scenarioFile(s);
    // skim's default value is 0.5 (src/engine/stress-presets.ts)
    expect(file['whatIf']).toEqual({ kind: 'skim', day: 120, value: 0.5 });
    expect(file['events']).toEqual([{ day: 150, stopOrders: true }]);
    const split = splitFile(JSON.parse(JSON.stringify(file)));
    expect(split.ok).toBe(true);
    if (!split.ok) return;
    expect(split.sides).toHaveLength(1);
    expect(fromScenario(valid(split.sides[0]!.scenario)).params).toEqual(s.scenario.params);
    expect(split.sides[0]!.whatIf).toEqual({ kind: 'skim', day: 120, value: 0.5 });
  });

  it('a comparison as {version, comparison: {a, b}}, each side with its own what-if; 50 random states round-trip', () => {
    const next = rng(7);
    for (let i = 0; i < 50; i++) {
      const s = randomState(next);
      const file = JSON.parse(JSON.stringify(scenarioFile(s)));
      const split = splitFile(file);
      expect(split.ok).toBe(true);
      if (!split.ok) return;
      const sides = split.sides.map((x) => ({ ...fromScenario(valid(x.scenario)), whatIf: x.whatIf }));
      const b = sides[sides.length - 1]!;
      // the file holds what runs: the parameters the choices do not use (a capacity under boom
      // growth) are not in it and read back as their defaults
      expect(b.params).toEqual(used(s.scenario.params));
      expect(b.whatIf?.kind).toEqual(s.whatIf?.kind);
      expect(b.whatIf?.day).toEqual(s.whatIf?.day);
      if (s.pinned) {
        expect(file['comparison']).toBeDefined();
        expect(sides[0]!.params).toEqual(used(s.pinned.params));
        expect(sides[0]!.extras).toEqual(s.pinned.extras);
        expect(sides[0]!.whatIf?.kind).toEqual(s.pinned.whatIf?.kind);
      } else expect(sides).toHaveLength(1);
    }
  });

  it('refuses a what-if it cannot read, naming where', () => {
    expect(splitFile({ version: 1, whatIf: { kind: 'flood', day: 3 } })).toMatchObject({ ok: false, problems: [{ path: 'whatIf' }] });
    expect(splitFile({ version: 1, comparison: { a: { version: 1 }, b: { version: 1, whatIf: 3 } } })).toMatchObject({ ok: false, problems: [{ path: 'comparison.b.whatIf' }] });
  });
});
