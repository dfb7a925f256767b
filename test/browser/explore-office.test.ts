/**
 * The back-office profile in the explorer (model `office`, RULEBOOK §9.2; issue 16), in Chromium,
 * both languages. Its truncation runs on the rounded float book (the exact path took about 17 s of
 * CPU at the default flow), so the page says so, from the run's own answer (`rounding: 'float'`),
 * and offers the exact run one click away; the figures it shows are the exact engine's to the
 * displayed digit, and the exact run, once clicked, says it ran on decimals and shows the same. The
 * default flow (about 368,000 orders) settles on its final run with the note. Nothing leaves the
 * site, no console error, axe clean with the note shown.
 */
import { describe, expect, it } from 'vitest';
import { explorerSettled as settled } from './pages.ts';
import { describeViolations, gated, runAxe } from './axe.ts';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';
import { formats, keyFigures, makeTr } from '../../src/explorer/view.ts';
import { buildScenario, DEFAULTS, toQuery } from '../../src/explorer/params.ts';
import type { Params } from '../../src/explorer/table.ts';
import { validateScenario, type FlowScenarioV1 } from '../../src/engine/scenario/index.ts';
import { simulateFlow } from '../../src/engine/flow/simulate.ts';
import { useBuiltSite, visit } from './built-site.ts';

/** a small office run: 20 new buyers a day for 60 days, truncation, the floor 1 */
const P: Params = { ...DEFAULTS, model: 'office', perDay: 20, growth: 'constant', days: 60 };

function exactRun() {
  const v = validateScenario(buildScenario(P).scenario);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  const out = simulateFlow(v.scenario as FlowScenarioV1, { exact: true });
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}

useBuiltSite();

describe.each(['zh', 'en'] as const)('the back-office profile in /%s/explore/', (locale) => {
  const tr = makeTr(locale === 'zh' ? zh : en);
  const f = formats(locale);

  it('says its rounding ran on floats, shows the exact engine’s key figures, and runs on exact decimals on a click', async () => {
    const expected = keyFigures(exactRun(), P, f, tr);
    const v = await visit(`/${locale}/explore/?${toQuery(P)}`);
    try {
      const p = v.page;
      await settled(p, 60_000);
      const note = p.locator('[data-rounding]');
      expect(await note.getAttribute('data-rounding')).toBe('float');
      expect(await note.textContent()).toContain(tr('explorer.rounding.float'));
      expect(await p.locator('[data-key-figures] li').allTextContents()).toEqual(expected);
      // accessible with the note and its button shown
      const violations = gated(await runAxe(p));
      expect(violations, describeViolations(violations, 'explorer')).toEqual([]);

      await p.click('[data-control="run-exact"]');
      await p.waitForSelector('[data-rounding="exact"]', { timeout: 60_000 });
      await settled(p, 60_000);
      expect(await p.textContent('[data-rounding]')).toContain(tr('explorer.rounding.exact'));
      expect(await p.locator('[data-control="run-exact"]').count()).toBe(0);
      expect(await p.locator('[data-key-figures] li').allTextContents()).toEqual(expected);

      // a change of the controls runs on floats again
      await p.fill('#x-perDay', '21');
      await p.waitForSelector('[data-rounding="float"]', { timeout: 60_000 });
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it('settles the default flow (about 368,000 orders) on its final run, on floats, with the note', async () => {
    const v = await visit(`/${locale}/explore/?mo=office`);
    try {
      const p = v.page;
      await settled(p, 120_000);
      expect(await p.getAttribute('[data-rounding]', 'data-rounding')).toBe('float');
      expect(await p.textContent('[data-status]')).toContain(f.count(367_834));
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });
});
