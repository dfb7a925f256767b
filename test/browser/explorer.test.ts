/**
 * The explorer on the built site in Chromium, in both languages: the three main sliders moved with
 * the keyboard change the charts and the address; a reload restores the scenario; an invalid
 * advanced value shows its message and keeps the charts; a scenario file opens (and a bad one is
 * refused with the engine's messages); a stress preset, Monte Carlo and a sweep run; no console
 * errors, no request off the site.
 */
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPLORER_SHOWS, explorerSettled as settled, offSite } from './pages.ts';
import { server, useBuiltSite, visit as open, type Visit } from './built-site.ts';



/** the explorer, settled, with console warnings counted as errors too */
const visit = (path: string): Promise<Visit> => open(path, { warnings: true });

const pricePath = (page: Page) => page.locator('[data-chart="price"] svg[role="img"] path[stroke-width="2.2"]').first().getAttribute('d');
const summaries = (page: Page) => page.locator('[data-summary]').allInnerTexts();
const query = (page: Page) => new URL(page.url()).searchParams;
async function queryHas(page: Page, key: string, value: string) {
  await page.waitForFunction(([k, v]) => new URL(location.href).searchParams.get(k!) === v, [key, value], { timeout: 10_000 });
}

useBuiltSite();

describe.each(['zh', 'en'] as const)('explorer /%s/explore/', (locale) => {
  it('runs the default year (300,000+ buyers) in workers: charts, key figures, no errors, nothing fetched off the site', async () => {
    const v = await visit(`/${locale}/explore/`);
    try {
      const p = v.page;
      expect(await p.getAttribute('html', 'lang')).toBe(locale === 'zh' ? 'zh-CN' : 'en');
      expect(await p.locator('[data-chart]').count()).toBe(EXPLORER_SHOWS.charts);
      expect(await p.locator('[data-chart="follow"] [data-summary]').innerText()).toMatch(/30/);
      expect(await p.locator('[data-key-figures] li').count()).toBe(EXPLORER_SHOWS.keyFigureLines);
      const status = await p.locator('[data-status]').innerText();
      const users = Number(status.replace(/[,，]/g, '').match(/\d+/)![0]);
      expect(users).toBeGreaterThan(300_000);
      for (const s of await summaries(p)) expect(s).not.toMatch(/NaN|Infinity|\{\w+\}|explorer\./);
      // the workers came from this site
      expect(v.requests.some((u) => /worker.*\.js/.test(u))).toBe(true);
      expect(offSite(v.requests, server.origin)).toEqual([]);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it('moves each main slider with the keyboard: the charts change and the address follows; a reload restores it', async () => {
    const v = await visit(`/${locale}/explore/`);
    try {
      const p = v.page;
      let before = await pricePath(p);

      await p.focus('#x-perDay-range');
      for (let i = 0; i < 3; i++) await p.keyboard.press('ArrowRight');
      await queryHas(p, 'b', '130');
      await settled(p);
      expect(await p.inputValue('#x-perDay')).toBe('130');
      let after = await pricePath(p);
      expect(after).not.toBe(before);
      before = after;

      await p.focus('#x-sellRate-range');
      await p.keyboard.press('ArrowRight');
      await queryHas(p, 's', '0.025');
      await settled(p);
      expect(await p.inputValue('#x-sellRate')).toBe('2.5');
      after = await pricePath(p);
      expect(after).not.toBe(before);
      before = after;

      await p.focus('#x-exit-range');
      await p.keyboard.press('ArrowLeft');
      await queryHas(p, 'm', '2.5');
      await settled(p);
      expect(await p.getAttribute('#x-exit-range', 'aria-valuetext')).toBe('2.5×');
      const withExit = await summaries(p);
      await p.keyboard.press('Home');
      await queryHas(p, 'm', 'off');
      await settled(p);
      expect(await summaries(p)).not.toEqual(withExit);
      const shown = await summaries(p);

      await p.reload();
      await settled(p);
      expect(await p.inputValue('#x-perDay')).toBe('130');
      expect(await p.inputValue('#x-sellRate')).toBe('2.5');
      expect(await p.isChecked('[data-control="exit-off"]')).toBe(true);
      expect(await summaries(p)).toEqual(shown);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it('shows the message of an invalid advanced value beside it and keeps the last good charts', async () => {
    const v = await visit(`/${locale}/explore/`);
    try {
      const p = v.page;
      const good = await summaries(p);
      await p.click('[data-advanced] > summary');
      await p.fill('#x-gift', '150');
      const problem = p.locator('[data-field="gift"] [role="alert"]');
      await problem.waitFor();
      expect(await problem.innerText()).toMatch(/100%/);
      expect(await p.getAttribute('#x-gift', 'aria-invalid')).toBe('true');
      await p.fill('#x-pool', '40');
      await p.locator('[data-field="pool"] [role="alert"]').waitFor();
      expect(await p.locator('[data-field="pool"] [role="alert"]').innerText()).toMatch(/110%/);
      expect(await summaries(p)).toEqual(good);
      expect(await p.locator('[data-chart="price"] svg path').count()).toBeGreaterThan(0);
      // a valid value again runs again
      await p.fill('#x-gift', '60');
      await p.fill('#x-pool', '30');
      await queryHas(p, 'gift', '0.6');
      await settled(p);
      expect(await summaries(p)).not.toEqual(good);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it('names each bad value of the address in words, runs with its default instead, and keeps the rest of the address', async () => {
    // gift 150% is out of its range, b=abc is not a number, wi names no stress test; s=0.05 and d=200 are fine
    const v = await visit(`/${locale}/explore/?gift=1.5&b=abc&s=0.05&d=200&wi=flood:3`);
    try {
      const p = v.page;
      const items = p.locator('[data-url-problems] li');
      expect(await items.count()).toBe(3);
      const texts = await items.allInnerTexts();
      // named by the control's own label, in the page's language, with the value the address held
      expect(texts[0]).toContain(locale === 'en' ? 'New buyers per day' : '每日新增消费者');
      expect(texts.join('\n')).toContain('“1.5”');
      expect(texts.join('\n')).toContain('“abc”');
      expect(texts.join('\n')).toContain('“flood:3”');
      for (const t of texts) expect(t).not.toMatch(/NaN|\{\w+\}|explorer\./);
      // the defaults are used for them; the rest is kept and runs
      expect(await p.inputValue('#x-perDay')).toBe('100');
      expect(await p.inputValue('#x-sellRate')).toBe('5');
      expect(await p.locator('[data-field-problems] li').count()).toBe(0);
      expect(await p.locator('[data-chart]').count()).toBe(EXPLORER_SHOWS.charts);
      // the address now says what runs: the bad values are gone, the good ones stay
      await p.waitForFunction(() => !location.search.includes('abc') && !location.search.includes('gift=') && !location.search.includes('wi='));
      expect(query(p).get('s')).toBe('0.05');
      expect(query(p).get('d')).toBe('200');
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it('opens a scenario file into the controls, and refuses a bad one with the engine’s messages', async () => {
    const v = await visit(`/${locale}/explore/`);
    try {
      const p = v.page;
      const example = readFileSync(new URL('../../examples/flow-year.json', import.meta.url));
      await p.setInputFiles('[data-control="open"]', { name: 'flow-year.json', mimeType: 'application/json', buffer: example });
      await queryHas(p, 'fd', '120');
      await settled(p);
      const q = query(p);
      expect([q.get('wd'), q.get('rd'), q.get('stop'), q.get('tp'), q.get('rep')]).toEqual(['150', '170', '200', '2', '0.005']);
      expect(await p.inputValue('#x-stopDay')).toBe('200');

      const bad = JSON.stringify({ rules: { giftRatio: 1.5 }, flow: { days: 10, buyers: { perDay: -1 } } });
      await p.setInputFiles('[data-control="open"]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
      const problems = p.locator('[data-file-problems]');
      await problems.waitFor();
      const text = await problems.innerText();
      expect(text).toContain('rules.giftRatio: must be <= 1; got 1.5');
      expect(text).toContain('flow.buyers.perDay: must be >= 0; got -1');
      expect(query(p).get('fd')).toBe('120');
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  it('runs a stress preset with cohorts before and after', async () => {
    const v = await visit(`/${locale}/explore/?d=120&b=50`);
    try {
      const p = v.page;
      await p.selectOption('[data-control="stress-kind"]', 'skim');
      await p.fill('[data-control="stress-day"]', '60');
      await p.click('[data-control="stress-run"]');
      await p.locator('[data-stress-table] tbody tr').first().waitFor();
      await settled(p);
      expect(await p.locator('[data-stress-table] tbody tr').count()).toBeGreaterThan(5);
      expect(await p.locator('[data-stress-active]').innerText()).toMatch(/60/);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });
});

describe('explorer presets (en)', () => {
  it('loads a scenario page’s preset: the referral table raises compliance flags, each with its rule and source', async () => {
    const v = await visit('/en/explore/');
    try {
      const p = v.page;
      await p.selectOption('[data-control="preset"]', 'scn-distribution');
      await queryHas(p, 'ref', '0.9');
      await settled(p);
      const flags = p.locator('[data-compliance] li');
      expect(await flags.count()).toBeGreaterThan(0);
      const first = await flags.first().innerText();
      expect(first).toMatch(/Rule: /);
      expect(first).toMatch(/Source: .*禁止传销条例|Source: .*Criminal Law|Source: .*法释/);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });
});

describe('explorer preset menu from an address (en)', () => {
  it('names what the address holds: a scenario page’s preset, a built-in preset, or custom; none for no query', async () => {
    const plain = await visit('/en/explore/');
    let scnAddress = '';
    let boomAddress = '';
    try {
      expect(await plain.page.inputValue('[data-control="preset"]')).toBe('default');
      await plain.page.selectOption('[data-control="preset"]', 'scn-legacy');
      await plain.page.waitForFunction(() => new URL(location.href).searchParams.get('x')?.includes('Legacy members') === true, undefined, { timeout: 10_000 });
      await settled(plain.page);
      scnAddress = new URL(plain.page.url()).search;
      await plain.page.selectOption('[data-control="preset"]', 'boom');
      await plain.page.waitForFunction((before) => location.search !== before && location.search !== '', scnAddress, { timeout: 10_000 });
      await settled(plain.page);
      boomAddress = new URL(plain.page.url()).search;
    } finally {
      await plain.context.close();
    }
    for (const [search, expected] of [
      [scnAddress, 'scn-legacy'],
      [boomAddress, 'boom'],
      ['?d=120&b=50&g=constant', 'custom'],
    ] as const) {
      const v = await visit(`/en/explore/${search}`);
      try {
        expect(await v.page.inputValue('[data-control="preset"]'), search).toBe(expected);
        expect(v.errors).toEqual([]);
      } finally {
        await v.context.close();
      }
    }
  });
});

describe('explorer downloads (en)', () => {
  it('downloads the scenario as JSON that reopens, the days as CSV and a chart as SVG', async () => {
    const v = await visit('/en/explore/?b=40&g=constant&d=90');
    try {
      const p = v.page;
      const read = async (click: () => Promise<void>) => {
        const [download] = await Promise.all([p.waitForEvent('download'), click()]);
        const path = await download.path();
        return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
      };
      const json = await read(() => p.getByRole('button', { name: 'Download scenario (JSON)' }).click());
      expect(json.name).toBe('scenario.json');
      const scenario = JSON.parse(json.text) as { flow: { days: number; buyers: { perDay: number } } };
      expect(scenario.flow.days).toBe(90);
      expect(scenario.flow.buyers.perDay).toBe(40);
      const csv = await read(() => p.locator('[data-csv="days"]').click());
      expect(csv.name).toBe('days.csv');
      // a byte-order mark, then the headers in the page's language
      const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
      expect(lines[0]).toMatch(/^day,orders,new buyers,/);
      expect(lines).toHaveLength(91);
      const svg = await read(() => p.locator('[data-chart="price"]').locator('xpath=..').getByRole('button', { name: 'Download chart (SVG)' }).click());
      expect(svg.name).toBe('price.svg');
      expect(svg.text).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg.text).toContain('<path');
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });
});

describe('explorer batches (en)', () => {
  it('runs Monte Carlo over seeds and a sweep whose cells load into the explorer', async () => {
    const v = await visit('/en/explore/?d=120&b=50&g=constant');
    try {
      const p = v.page;
      await p.fill('[data-control="mc-seeds"]', '6');
      await p.click('[data-control="mc-run"]');
      await p.locator('[data-mc-table]').waitFor({ timeout: 30_000 });
      expect(await p.locator('[data-chart="price"] path[fill-opacity]').count()).toBe(1);

      await p.click('[data-control="sweep-run"]');
      await p.locator('[data-heatmap]').waitFor({ timeout: 30_000 });
      expect(await p.locator('[data-heatmap] tbody tr').count()).toBe(5);
      expect(await p.locator('[data-heatmap] tbody button').count()).toBe(25);
      // the cell of sell rate 8% (last column) and exit multiple 1.5 (first row)
      await p.locator('[data-heatmap] tbody tr').first().locator('button').last().click();
      await queryHas(p, 's', '0.08');
      await queryHas(p, 'm', '1.5');
      await settled(p);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });
});
