/**
 * The address is the explorer's state (src/explorer/state.ts), in Chromium on the built site:
 * 20 explorer states drawn from a fixed seed (controls, what-if, pinned scenario, bands and their
 * seeds, log scale, followed buyer), each opened from its address, write that same address back,
 * and the address opened in a fresh browser context gives identical key figures and identical
 * chart paths (the SVG `d` attributes). A state made with the controls survives the same trip;
 * the language switch keeps the whole state; the exit multiple the key figures give is the run's
 * (the year preset changes it to 2x on day 170; an exit-down stress test to 1.5x).
 */
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toAddress } from '../../src/explorer/state.ts';
import { randomState, rng } from '../explorer/random-state.ts';
import { explorerSettled } from './pages.ts';
import { browser, server, useBuiltSite } from './built-site.ts';


useBuiltSite();

/** The explorer's final run shown, the bands it asks for drawn, and its address written. */
async function settledAll(page: Page): Promise<void> {
  await explorerSettled(page, 60_000);
  await page.waitForFunction(
    () => {
      const d = document.querySelector<HTMLElement>('.explorer')?.dataset;
      return !!d && d['bands'] !== 'pending' && (d['address'] === undefined || location.search.replace(/^\?/, '') === d['address']);
    },
    undefined,
    { timeout: 60_000 },
  );
}

interface Shot {
  address: string;
  keys: string[];
  paths: Record<string, string[]>;
  errors: string[];
}

/** What a reader sees that the state decides: the key figures and every chart's paths. */
async function shoot(url: string, viewport = { width: 1280, height: 900 }): Promise<Shot> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(server.origin + url);
    await settledAll(page);
    const keys = await page.locator('[data-key-figures] li').allInnerTexts();
    const paths = await page.evaluate(() => {
      const out: Record<string, string[]> = {};
      for (const c of document.querySelectorAll<HTMLElement>('.explorer [data-chart]')) out[c.dataset['chart']!] = [...c.querySelectorAll('path')].map((p) => p.getAttribute('d') ?? '');
      return out;
    });
    return { address: new URL(page.url()).search.replace(/^\?/, ''), keys, paths, errors };
  } finally {
    await context.close();
  }
}

describe('the address is the state', () => {
  it('20 states from a fixed seed: each address is written back as it was, and opens in a fresh context to the same key figures and chart paths', async () => {
    const next = rng(11_2026);
    // small runs (at most 60 days, 20 buyers a day, 4 seeds): this is about the address, not the engine
    const states = Array.from({ length: 20 }, () => randomState(next, { days: 60, perDay: 20, seeds: 4 }));
    const check = async (i: number) => {
      const s = states[i]!;
      const q = toAddress(s);
      const locale = i % 2 === 0 ? 'en' : 'zh';
      const first = await shoot(`/${locale}/explore/?${q}`);
      expect(first.address, `state ${i}`).toBe(q);
      expect(first.keys.length, `state ${i}: ${q}`).toBeGreaterThan(0);
      expect(Object.keys(first.paths).length, `state ${i}: ${q}`).toBeGreaterThanOrEqual(7);
      if (s.bands) expect(first.paths['price']!.length, `state ${i}: bands drawn`).toBeGreaterThan(1);
      const again = await shoot(`/${locale}/explore/?${first.address}`);
      expect(again.keys, `state ${i}: ${q}`).toEqual(first.keys);
      expect(again.paths, `state ${i}: ${q}`).toEqual(first.paths);
      expect([...first.errors, ...again.errors]).toEqual([]);
    };
    // four at a time: most of a page's time is waiting (workers starting, charts staged a task apart)
    let at = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (at < states.length) await check(at++);
      }),
    );
  }, 180_000);

  it('a state made with the controls (slider, stress test, Monte Carlo, scale, followed buyer) is in the address and reopens the same', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/en/explore/?b=20&g=constant&d=60`);
      await settledAll(page);
      await page.focus('#x-perDay-range');
      await page.keyboard.press('ArrowRight');
      await page.selectOption('[data-control="stress-kind"]', 'skim');
      await page.fill('[data-control="stress-day"]', '30');
      await page.click('[data-control="stress-run"]');
      await page.locator('[data-stress-active]').waitFor();
      await page.uncheck('[data-control="log"]');
      await page.fill('#x-followDay', '10');
      await page.fill('[data-control="mc-seeds"]', '3');
      await page.click('[data-control="mc-run"]');
      await page.waitForFunction(() => document.querySelector<HTMLElement>('.explorer')?.dataset['bands'] === 'shown', undefined, { timeout: 60_000 });
      await settledAll(page);
      const q = new URL(page.url()).searchParams;
      expect(Object.fromEntries(q)).toEqual({ b: '30', g: 'constant', d: '60', wi: 'skim:30', follow: '10', mc: '3', log: '0' });
      const keys = await page.locator('[data-key-figures] li').allInnerTexts();
      const pricePaths = await page.locator('[data-chart="price"] path').evaluateAll((ps) => ps.map((p) => p.getAttribute('d')));
      const again = await shoot(`/en/explore/?${q.toString()}`);
      expect(again.keys).toEqual(keys);
      expect(again.paths['price']).toEqual(pricePaths);
    } finally {
      await context.close();
    }
  });

  it.each(['en', 'zh'] as const)('the language switch from /%s/ keeps the whole state: what-if, bands, scale, followed buyer, pinned scenario', async (locale) => {
    const q = 'b=20&g=constant&d=60&wi=run%3A40%3A0.3&follow=12&mc=3&log=0&pin=m%3D2';
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/${locale}/explore/?${q}`);
      await settledAll(page);
      await page.click('a[data-keep-state]');
      const other = locale === 'en' ? 'zh' : 'en';
      await page.waitForURL(new RegExp(`/${other}/explore/`));
      await settledAll(page);
      expect(new URL(page.url()).search).toBe(`?${q}`);
      expect(await page.locator('[data-stress-active]').count()).toBe(1);
      expect(await page.isChecked('[data-control="log"]')).toBe(false);
      expect(await page.inputValue('#x-followDay')).toBe('12');
      expect(await page.locator('.explorer').getAttribute('data-bands')).toBe('shown');
    } finally {
      await context.close();
    }
  });
});

describe('when the address is written', () => {
  it('after the change\'s final run is on the page, not while it runs (a new address costs the browser the cores the run needs)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/en/explore/`);
      await settledAll(page);
      // each address written, with the run the charts drew at that moment (data-drawn: "<request id>:<buyers a day>:<final|coarse>";
      // not data-final, which also waits for the print-only report drawn a task later)
      await page.evaluate(() => {
        const w = window as unknown as { __writes: { search: string; drawn: string; requested: string }[] };
        w.__writes = [];
        const replace = history.replaceState.bind(history);
        history.replaceState = (state: unknown, unused: string, url?: string | URL | null) => {
          const drawn = document.querySelector<HTMLElement>('[data-drawn]')?.dataset['drawn'] ?? '';
          w.__writes.push({ search: String(url ?? ''), drawn, requested: document.querySelector<HTMLElement>('.explorer')!.dataset['requestedId'] ?? '' });
          replace(state, unused, url);
        };
      });
      // 600 buyers a day: 2.2 million buyers, a full run far longer than the 120 ms after which a change is written
      await page.fill('#x-perDay', '600');
      await settledAll(page);
      const writes = await page.evaluate(() => (window as unknown as { __writes: { search: string; drawn: string; requested: string }[] }).__writes);
      expect(writes.map((w) => new URL(w.search, 'http://x').searchParams.get('b'))).toEqual(['600']);
      // the charts showed the final run of the request the address names
      expect(writes[0]!.drawn).toBe(`${writes[0]!.requested}:600:final`);
    } finally {
      await context.close();
    }
  });
});

describe('the downloaded scenario is what ran', () => {
  it('carries the what-if as whatIf (apart from the events), and reopened in a fresh page gives the same figures and the same what-if', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/en/explore/?b=20&g=constant&d=60&stop=50&wi=skim%3A30`);
      await settledAll(page);
      const keys = await page.locator('[data-key-figures] li').allInnerTexts();
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download scenario (JSON)')]);
      const text = readFileSync(await download.path(), 'utf8');
      const file = JSON.parse(text) as { whatIf?: unknown; events?: unknown[] };
      // skim's default share, 0.5, written out: the file says exactly what ran
      expect(file.whatIf).toEqual({ kind: 'skim', day: 30, value: 0.5 });
      expect(file.events).toEqual([{ day: 50, stopOrders: true }]);
      const fresh = await context.newPage();
      await fresh.goto(`${server.origin}/en/explore/`);
      await settledAll(fresh);
      await fresh.setInputFiles('[data-control="open"]', { name: 'scenario.json', mimeType: 'application/json', buffer: Buffer.from(text) });
      await fresh.waitForFunction(() => new URL(location.href).searchParams.get('wi') === 'skim:30:0.5');
      await settledAll(fresh);
      expect(await fresh.locator('[data-file-problems]').count()).toBe(0);
      expect(await fresh.locator('[data-key-figures] li').allInnerTexts()).toEqual(keys);
      expect(await fresh.locator('[data-stress-active]').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe('the exit multiple the page gives is the run’s', () => {
  const sentence = { en: (tail: string) => `Forced exits at 3×, then ${tail}`, zh: (tail: string) => `出局倍数为 3×，第 ${tail}` };
  it.each(['en', 'zh'] as const)('%s: the year preset changes it to 2× on day 170; an exit-down stress test to 1.5×', async (locale) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/${locale}/explore/`);
      await settledAll(page);
      await page.selectOption('[data-control="preset"]', 'flowYear');
      await settledAll(page);
      // examples/flow-year.json: a rule change on day 170 sets the exit multiple to 2
      const keys = (await page.locator('[data-key-figures] li').allInnerTexts()).join('\n');
      expect(keys).toContain(sentence[locale](locale === 'en' ? '2× from day 170' : '170 天起为 2×'));
      // the printed report repeats the page's key figures
      expect((await page.locator('[data-report]').textContent()) ?? '').toContain(sentence[locale](locale === 'en' ? '2× from day 170' : '170 天起为 2×'));
      await page.goto(`${server.origin}/${locale}/explore/?b=20&g=constant&d=200&wi=exit-down:100`);
      await settledAll(page);
      // exit-down's default value is 1.5 (src/engine/stress-presets.ts)
      expect((await page.locator('[data-key-figures] li').allInnerTexts()).join('\n')).toContain(sentence[locale](locale === 'en' ? '1.5× from day 100' : '100 天起为 1.5×'));
    } finally {
      await context.close();
    }
  });
});
