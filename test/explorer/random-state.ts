/**
 * Random explorer states from a fixed seed, for the address tests (unit and browser): small runs
 * that the checks accept, with what-ifs, a pinned scenario, bands, the scale and the followed buyer.
 */
import { STRESS_KINDS, STRESS_RANGES } from '../../src/engine/stress-presets.ts';
import { checkParams, type Params } from '../../src/explorer/params.ts';
import { initialState, type ExplorerState, type WhatIf } from '../../src/explorer/state.ts';
import { DEFAULTS, EXIT_TESTS, GROWTH_KINDS, RULE_FIELDS } from '../../src/explorer/table.ts';

/** mulberry32: a small seeded generator, so that the states are the same on every run */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random explorer state that the checks accept (small runs: this is about the address). */
export function randomState(next: () => number, size: { days: number; perDay: number; seeds: number } = { days: 150, perDay: 65, seeds: 12 }): ExplorerState {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const round = (x: number, d: number) => +x.toFixed(d);
  const scenario = (): Params => {
    for (;;) {
      const days = 20 + Math.floor(next() * (size.days - 20));
      const p: Params = {
        ...DEFAULTS,
        days,
        perDay: 3 + Math.floor(next() * (size.perDay - 3)),
        growth: pick(GROWTH_KINDS),
        growthRate: round(0.001 + next() * 0.03, 4),
        capacity: 50 + Math.floor(next() * 500),
        peakDay: 1 + Math.floor(next() * days),
        decline: round(0.01 + next() * 0.05, 3),
        stopDay: next() < 0.3 ? 2 + Math.floor(next() * (days - 1)) : null,
        sellRate: round(next() * 0.1, 3),
        exit: next() < 0.2 ? null : pick([1.5, 2, 2.5, 3, 4, 5, 10]),
        exitTest: pick(EXIT_TESTS),
        gift: round(0.3 + next() * 0.6, 2),
        withholding: round(next() * 0.5, 2),
        amountCv: round(next(), 2),
        seed: Math.floor(next() * 1000),
        takeProfit: next() < 0.5 ? null : round(1.5 + next() * 3, 1),
        repeat: round(next() * 0.01, 3),
        subsidyDay: next() < 0.3 ? 1 + Math.floor(next() * days) : 0,
        withdrawDay: next() < 0.3 ? 1 + Math.floor(next() * days) : 0,
        ruleDay: next() < 0.3 ? 1 + Math.floor(next() * days) : 0,
        ruleField: pick(RULE_FIELDS),
        referral: next() < 0.2 ? round(next(), 2) : 0,
        // drawn last, so that the draws above are those of the states before them
        flatFrom: next() < 0.5 ? 2 + Math.floor(next() * (days - 1)) : null,
      };
      if (p.subsidyDay > 0 && next() < 0.5) {
        p.subsidyDay2 = 1 + Math.floor(next() * days);
        p.subsidyAmount2 = Math.round(1000 + next() * 5_000_000);
      }
      p.ruleValue = p.ruleField === 'exit' ? pick([1.5, 2, 4]) : round(next() * 0.9, 2);
      if (checkParams(p).length === 0) return p;
    }
  };
  const whatIf = (days: number): WhatIf | null => {
    if (next() < 0.4) return null;
    const kind = pick(STRESS_KINDS);
    const w: WhatIf = { kind, day: 1 + Math.floor(next() * days) };
    const r = STRESS_RANGES[kind];
    if (r && next() < 0.6) w.value = kind === 'exit-down' ? round(1.1 + next() * 2, 2) : round(0.05 + next() * 0.9, 2);
    return w;
  };
  const b = scenario();
  const s: ExplorerState = { ...initialState(), scenario: { params: b, extras: {} }, whatIf: whatIf(b.days) };
  if (next() < 0.4) {
    const a = scenario();
    s.pinned = { params: a, extras: next() < 0.5 ? { name: 'A & “pinned”' } : {}, whatIf: whatIf(a.days) };
  }
  if (next() < 0.3) s.bands = { seeds: 2 + Math.floor(next() * (size.seeds - 2)) };
  s.logScale = next() < 0.6;
  s.follow = next() < 0.15 ? null : 1 + Math.floor(next() * b.days);
  return s;
}

