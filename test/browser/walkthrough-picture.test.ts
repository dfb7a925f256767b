/**
 * The walkthrough's picture of each step (issue 17, part 1) in a real Chromium: the pool and the
 * points drawn as containers at one scale, their heights matching the step's figures to a pixel;
 * the picture changes with every step; what a step moves is listed; motion, or a still before and
 * after when the reader asks for less; in presentation mode at 1280x720 and 1920x1080, every step
 * fits, no text is under 24 px and axe finds no contrast failure.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, runAxe } from './axe.ts';
import { LOCALES } from './pages.ts';
import { browser, server, useBuiltSite } from './built-site.ts';


useBuiltSite();

const STEPS = 10;

async function open(locale: string, viewport: { width: number; height: number }, motion: 'reduce' | 'no-preference', query = '') {
  const context = await browser.newContext({ viewport, reducedMotion: motion });
  const page = await context.newPage();
  await page.goto(`${server.origin}/${locale}/walkthrough/${query}`, { waitUntil: 'networkidle' });
  await page.waitForSelector('astro-island:not([ssr]) .walkthrough');
  return { page, close: () => context.close() };
}

/** A figure as the page prints it, back to a number: "11,571.43", "630元" */
const num = (text: string) => Number(text.replace(/[,\s元]/g, ''));

/**
 * What the picture draws now, measured: each container's full mark, its height, its level's height.
 * Measured once every transition has finished, two frames after the step changed: even with
 * reduced motion the site keeps a 0.01 ms transition, which still shows the old level until it ends
 * (on a busy machine, more than a frame later).
 */
const measure = async (page: Page) => {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  return page.evaluate(() => {
    const tank = (name: string) => {
      const root = document.querySelector(`.walkthrough [data-pic="${name}"]`)!;
      const glass = root.querySelector<HTMLElement>('.glass')!;
      // the inside of the container starts above its bottom border
      const floor = glass.getBoundingClientRect().bottom - parseFloat(getComputedStyle(glass).borderBottomWidth);
      return {
        shown: root.querySelector<HTMLElement>('.value')!.innerText,
        full: root.querySelector<HTMLElement>('.full')!.innerText,
        glass: glass.clientHeight,
        level: root.querySelector('.fill')!.getBoundingClientRect().height,
        before: (() => {
          const b = root.querySelector('.before');
          return b ? floor - b.getBoundingClientRect().bottom : null;
        })(),
        targets: [...root.querySelectorAll('.target')].map((t) => floor - t.getBoundingClientRect().bottom),
      };
    };
    return {
      pool: tank('pool'),
      points: tank('points'),
      moves: [...document.querySelectorAll<HTMLElement>('.walkthrough .moves li')].map((li) => li.innerText),
      targetLines: [...document.querySelectorAll<HTMLElement>('.walkthrough .moves li.target-line')].map((li) => li.innerText),
      holders: [...document.querySelectorAll<HTMLElement>('.walkthrough [data-holder]')].map((li) => li.innerText.replace(/\s+/g, ' ')),
      figPool: document.querySelector<HTMLElement>('.walkthrough [data-fig="pool"]')!.textContent!,
      figPoints: document.querySelector<HTMLElement>('.walkthrough [data-fig="points"]')!.textContent!,
    };
  });
};

describe.each(LOCALES)('/%s/walkthrough/: the picture of each step', (locale) => {
  it('draws the pool and the points at the height their figures give, to a pixel, and changes with every step', async () => {
    const { page, close } = await open(locale, { width: 1280, height: 900 }, 'reduce');
    try {
      let previous = '';
      let previousPool: number | null = null;
      for (let n = 1; n <= STEPS; n++) {
        await expect.poll(() => page.locator('.walkthrough').getAttribute('data-step-number')).toBe(String(n));
        const m = await measure(page);
        // the picture shows the step's own figures
        expect(m.pool.shown, `step ${n}`).toBe(m.figPool);
        expect(m.points.shown, `step ${n}`).toBe(m.figPoints);
        // drawn height = figure / full mark x the container's height, both read off the page
        const poolFull = num(m.pool.full.replace(/^[^\d]*/, ''));
        const pointsFull = num(m.points.full.replace(/^[^\d]*/, ''));
        expect(poolFull).toBeGreaterThan(0);
        expect(Math.abs(m.pool.level - (num(m.pool.shown) / poolFull) * m.pool.glass), `step ${n}: pool ${m.pool.shown} of ${poolFull}`).toBeLessThanOrEqual(1);
        expect(Math.abs(m.points.level - (num(m.points.shown) / pointsFull) * m.points.glass), `step ${n}: points`).toBeLessThanOrEqual(1);
        // a still before and after: the level before the step, dashed, where the pool changed
        if (previousPool !== null && previousPool !== num(m.pool.shown)) {
          expect(m.pool.before, `step ${n}`).not.toBeNull();
          expect(Math.abs(m.pool.before! - (previousPool / poolFull) * m.pool.glass), `step ${n}: before`).toBeLessThanOrEqual(1);
        }
        // a price target's line is drawn at the pool its text names ("A is out at 14.29: pool 6,885")
        expect(m.pool.targets.length).toBe(m.targetLines.length);
        m.targetLines.forEach((line, i) => {
          const pool = num(/([\d,.]+)元?$/.exec(line)![1]!);
          expect(Math.abs(m.pool.targets[i]! - (pool / poolFull) * m.pool.glass), `step ${n}: ${line}`).toBeLessThanOrEqual(1);
        });
        // every step's picture differs from the one before it
        const signature = JSON.stringify([m.pool.level, m.points.level, m.moves, m.holders, m.pool.targets]);
        expect(signature, `step ${n}`).not.toBe(previous);
        previous = signature;
        previousPool = num(m.pool.shown);
        await page.keyboard.press('ArrowRight');
      }
    } finally {
      await close();
    }
  });

  it('lists what each order, sale, exit and subsidy moves, with the step’s own figures', async () => {
    const { page, close } = await open(locale, { width: 1280, height: 900 }, 'reduce');
    const at = async (n: number) => {
      await page.locator('.walkthrough .dot').nth(n - 1).click();
      return (await measure(page)).moves.join(' | ');
    };
    try {
      // the seed's figures (RULEBOOK §6): A's order puts 30% of 1,000 into the pool and gets
      // 70% x 300 / 1.00 = 210 points; A sells 210 points at 9.52 (2x: 2,000), is paid 80% = 1,600
      // and 400 stays; the cascade pays B 80% x 3,000 = 2,400 and C 80% x 3,150 = 2,520
      expect(await at(2)).toBe(locale === 'en' ? 'A: +300 into the pool, +210 points' : 'A：池子 +300元，积分 +210');
      expect(await at(8)).toBe(locale === 'en' ? 'A sells 210 points: 1,600 paid, 400 stays' : 'A 卖出 210 积分：付出 1,600元，400元 留池');
      const cascade = await at(9);
      expect(cascade).toContain(locale === 'en' ? 'B out: 147 points retired, 2,400 paid' : 'B 出局：注销 147 积分，付出 2,400元');
      expect(cascade).toContain(locale === 'en' ? 'C out: 124.95 points retired, 2,520 paid' : 'C 出局：注销 124.95 积分，付出 2,520元');
      expect(await at(7)).toMatch(locale === 'en' ? /^Subsidy: \+[\d,.]+ into the pool$/ : /^补贴：池子 \+[\d,.]+元$/);
      // the 3x step marks the pool each buyer's exit price needs: price x 481.95 points
      // (A: 3,000 / 210 = 14.2857 -> 6,885; C: 3,000 / 124.95 = 24.0096 -> 11,571.43)
      const triple = await at(6);
      expect(triple).toContain(locale === 'en' ? 'A is out at 14.29: pool 6,885' : '价格 14.29 时 A 出局：池子 6,885元');
      expect(triple).toContain(locale === 'en' ? 'C is out at 24.01: pool 11,571.43' : '价格 24.01 时 C 出局：池子 11,571.43元');
    } finally {
      await close();
    }
  });
});

describe('motion', () => {
  it('the levels move to the new step (a transition), and stand still when the reader asks for less motion', async () => {
    const duration = async (motion: 'reduce' | 'no-preference') => {
      const { page, close } = await open('en', { width: 1280, height: 900 }, motion);
      try {
        await page.keyboard.press('ArrowRight');
        const fill = await page.locator('.walkthrough [data-pic="pool"] .fill').evaluate((e) => parseFloat(getComputedStyle(e).transitionDuration));
        const move = await page.locator('.walkthrough .moves li').first().evaluate((e) => getComputedStyle(e).animationName);
        return { fill, move };
      } finally {
        await close();
      }
    };
    expect(await duration('no-preference')).toEqual({ fill: 0.8, move: expect.stringMatching(/move-in/) });
    // with less motion the site cuts every transition to 0.01 ms (src/layouts/Base.astro): at once
    const still = await duration('reduce');
    expect(still.fill).toBeLessThan(0.001);
    expect(still.move).toBe('none');
  });
});

describe.each([
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
])('presentation mode at $width x $height', (viewport) => {
  it.each(LOCALES)('%s: every step fits, no text under 24 px, no contrast failure', async (locale) => {
    const { page, close } = await open(locale, viewport, 'reduce', '?present');
    try {
      await expect.poll(() => page.locator('.walkthrough').getAttribute('data-presenting')).toBe('true');
      for (let n = 1; n <= STEPS; n++) {
        await expect.poll(() => page.locator('.walkthrough').getAttribute('data-step-number')).toBe(String(n));
        // two frames: the 0.01 ms transitions (a button leaving its disabled look) have ended
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        const report = await page.evaluate(() => {
          const root = document.querySelector<HTMLElement>('.walkthrough')!;
          const small: string[] = [];
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement!;
            if (!node.textContent!.trim()) continue;
            const box = el.getBoundingClientRect();
            // not drawn: hidden, or visually hidden for screen readers (clipped to 1 px)
            if (el.getClientRects().length === 0 || box.width <= 1 || box.height <= 1) continue;
            const size = parseFloat(getComputedStyle(el).fontSize);
            if (size < 24) small.push(`${size}px: ${node.textContent!.trim().slice(0, 40)}`);
          }
          const inView = (sel: string) => {
            const r = document.querySelector(sel)!.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= innerHeight;
          };
          return { small, overflow: root.scrollHeight - root.clientHeight, back: inView('.walkthrough .prev'), next: inView('.walkthrough .next') };
        });
        expect(report, `step ${n}`).toEqual({ small: [], overflow: 0, back: true, next: true });
        const contrast = (await runAxe(page)).filter((v) => v.id === 'color-contrast');
        expect(contrast, describeViolations(contrast, `step ${n}`)).toEqual([]);
        await page.keyboard.press('ArrowRight');
      }
    } finally {
      await close();
    }
  });
});
