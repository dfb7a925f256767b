/**
 * The explorer's latency measured in Chromium on the built site: the measurements that
 * bench/explorer-latency.ts and bench/targets.ts (issue 18's targets) share, written once.
 *
 * What the page is asked, and nothing else (so that any build of the explorer can be measured):
 * - `.explorer`'s data-requested-id / data-shown-id / data-final: which run the controls asked
 *   for, which one the charts show, and whether it is the final (full-resolution) run;
 * - a chart is a `[data-chart]` element; a **redraw** is a frame in which any DOM node inside a
 *   chart changed (a MutationObserver, then the next animation frame: the charts are painted);
 * - main-thread tasks over 50 ms (the Long Tasks API), input events' own time stamps;
 * - when a build marks its chart area with the run it draws (`data-drawn="<request id>:<buyers per
 *   day asked for>:<final|coarse>"`), it is recorded with each redraw and checked: ids never fall,
 *   and a drag's last redraw is the final run of the released value.
 */
import type { Browser, Page } from 'playwright-core';

/** one redraw: when (page clock, ms), the run shown then, whether final, and the build's scenario mark if any */
export interface Frame {
  t: number;
  shown: number;
  requested: number;
  final: boolean;
  scenario: string;
}

interface PageLog {
  lt: { start: number; duration: number }[];
  frames: Frame[];
  /** input events: pointer and keys, and each `input` event of a range input (a slider's value changed) with the value it set */
  input: { type: string; t: number; value?: number }[];
  /** a progress indicator (<progress>, role=progressbar or data-progress) was on the page at some point */
  progress: boolean;
  /** the status line's texts, in order, each once */
  status: string[];
  /** when `.explorer`'s data-final turned true, and the run it shows then (data-final can follow the charts' last change: it waits for the print-only report too) */
  finals: { t: number; shown: number }[];
}

/** Installed before the page's own scripts: the long tasks, the redraws and the pointer events, in window.__bench. */
function instrument(): void {
  const log: PageLog = { lt: [], frames: [], input: [], progress: false, status: [], finals: [] };
  (window as unknown as { __bench: PageLog }).__bench = log;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) log.lt.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  for (const type of ['pointerdown', 'pointermove', 'pointerup', 'keydown']) {
    addEventListener(type, (e) => log.input.push({ type, t: e.timeStamp }), { capture: true, passive: true });
  }
  addEventListener(
    'input',
    (e) => {
      const el = e.target as HTMLInputElement;
      if (el?.type === 'range') log.input.push({ type: 'input', t: e.timeStamp, value: Number(el.value) });
    },
    { capture: true, passive: true },
  );
  let pending = false;
  const inChart = (n: Node | null): boolean => {
    const el = n && (n.nodeType === 1 ? (n as Element) : n.parentElement);
    return !!el?.closest('[data-chart]');
  };
  const scenarioMark = (): string => {
    return document.querySelector<HTMLElement>('[data-drawn]')?.dataset['drawn'] ?? '';
  };
  const observe = () => {
    new MutationObserver((records) => {
      if (!log.progress && document.querySelector('progress, [role="progressbar"], [data-progress]')) log.progress = true;
      const st = document.querySelector('[data-status]')?.textContent?.trim();
      if (st && log.status[log.status.length - 1] !== st) log.status.push(st);
      for (const r of records) {
        const el = r.target as HTMLElement;
        if (r.type === 'attributes' && r.attributeName === 'data-final' && el.classList?.contains('explorer') && el.dataset['final'] === 'true') {
          log.finals.push({ t: performance.now(), shown: Number(el.dataset['shownId'] ?? 0) });
        }
      }
      if (pending || !records.some((r) => inChart(r.target) || [...r.addedNodes].some((n) => n.nodeType === 1 && (n as Element).querySelector?.('[data-chart]')))) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        const e = document.querySelector<HTMLElement>('.explorer');
        log.frames.push({
          t: performance.now(),
          shown: Number(e?.dataset['shownId'] ?? 0),
          requested: Number(e?.dataset['requestedId'] ?? 0),
          final: e?.dataset['final'] === 'true',
          scenario: scenarioMark(),
        });
      });
    }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  };
  if (document.documentElement) observe();
  else addEventListener('DOMContentLoaded', observe);
}

export interface ExplorerOptions {
  locale?: string;
  /** the address's query, without '?' (e.g. `wi=skim:183:0.5`) */
  query?: string;
  /** navigator.deviceMemory as the page should see it (emulated by an init script) */
  deviceMemory?: number;
  viewport?: { width: number; height: number };
}

/** The explorer settled: the shown run is the requested one and final. */
export function settled(page: Page, timeout = 60_000): Promise<unknown> {
  return page.waitForFunction(
    () => {
      const e = document.querySelector<HTMLElement>('.explorer');
      return !!e && e.dataset['final'] === 'true' && e.dataset['shownId'] === e.dataset['requestedId'] && e.dataset['shownId'] !== '0';
    },
    undefined,
    { timeout },
  );
}

/** Wait until the charts have not changed for `quietMs` (at most `maxMs`); returns the time of their last change (page clock). */
export async function chartsQuiet(page: Page, quietMs = 300, maxMs = 10_000): Promise<number> {
  return page.evaluate(
    ([quiet, max]) =>
      new Promise<number>((done) => {
        const log = (window as unknown as { __bench: PageLog }).__bench;
        const t0 = performance.now();
        const check = () => {
          const last = log.frames.length ? log.frames[log.frames.length - 1]!.t : 0;
          const now = performance.now();
          if (now - Math.max(last, t0) >= quiet || now - t0 > max) done(last);
          else setTimeout(check, 25);
        };
        check();
      }),
    [quietMs, maxMs] as const,
  );
}

export const pageLog = (page: Page): Promise<PageLog> => page.evaluate(() => (window as unknown as { __bench: PageLog }).__bench);
const resetLog = (page: Page) =>
  page.evaluate(() => {
    const l = (window as unknown as { __bench: PageLog }).__bench;
    l.lt = [];
    l.frames = [];
    l.input = [];
    l.finals = [];
    return performance.now();
  });

/** Open the explorer at an address and wait for its first final run. */
export async function openExplorer(browser: Browser, origin: string, o: ExplorerOptions = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: o.viewport ?? { width: 1280, height: 900 } });
  if (o.deviceMemory !== undefined) {
    await page.addInitScript(`Object.defineProperty(Navigator.prototype, 'deviceMemory', { get: () => ${Number(o.deviceMemory)}, configurable: true });`);
  }
  // tsx's transform names inner functions through a helper the page does not have
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.addInitScript(instrument);
  await page.goto(`${origin}/${o.locale ?? 'en'}/explore/${o.query ? `?${o.query}` : ''}`);
  return page;
}

/**
 * A few runs so that the workers are compiled before anything is timed: down and back on the
 * buyers slider, so that the trials, which step up, never ask for a value run here.
 */
export async function warmUp(page: Page): Promise<void> {
  await settled(page);
  for (let i = 0; i < 4; i++) {
    await page.focus('#x-perDay-range');
    await page.keyboard.press(i % 2 ? 'ArrowRight' : 'ArrowLeft');
    await settled(page);
  }
}

/** one slider trial: ms from the key press to the charts first showing the new run (coarse allowed), to data-final turning true for it, and to the last chart change */
export interface Trial {
  coarse: number;
  final: number;
  last: number;
}

/**
 * Trial i: one key press up on the buyers-per-day slider (every third: the selling slider), timed
 * from the key's own event time stamp to the first redraw showing the requested run, to the first
 * redraw with it final, and to the charts' last change (after 300 ms of quiet). The presses only go
 * up, so each asks for a value the page has not run: the explorer keeps final results (client.ts),
 * and presses back and forth would time those kept results, not a run. A run computed ahead while
 * the slider had the keyboard (the client's prefetch of a neighbouring value) counts: a reader
 * stepping with the arrow keys gets it too.
 */
export async function sliderTrial(page: Page, i: number): Promise<Trial> {
  await page.focus(i % 3 === 2 ? '#x-sellRate-range' : '#x-perDay-range');
  await chartsQuiet(page, 150);
  await resetLog(page);
  await page.keyboard.press('ArrowRight');
  await settled(page);
  const last = await chartsQuiet(page);
  const log = await pageLog(page);
  const requested = await page.evaluate(() => Number(document.querySelector<HTMLElement>('.explorer')!.dataset['requestedId']));
  const t0 = log.input.find((e) => e.type === 'keydown')?.t ?? NaN;
  const mine = log.frames.filter((f) => f.shown === requested);
  const final = log.finals.find((f) => f.shown === requested)?.t ?? mine.find((f) => f.final)?.t ?? NaN;
  return { coarse: (mine[0]?.t ?? NaN) - t0, final: final - t0, last: last - t0 };
}

export interface Drag {
  /** the drag as the test drove it (pointer down to up), ms of wall time */
  wallMs: number;
  /** the same as the page saw it: pointer down to up, by the events' time stamps */
  pageMs: number;
  redraws: number;
  /** longest time without a redraw between the first pointer move and the release (with a rest: the last pointer move) */
  maxGap: number;
  /**
   * what the page cannot redraw faster than: the longest time between the slider's value changes
   * (its `input` events; a step of the slider's grid, not every pointer move), over the same span
   */
  valueGap: number;
  /** each value change to the first redraw showing it or a later value (by data-drawn): median and longest (ms) */
  lag: number;
  lagMax: number;
  /** main-thread tasks from pointer down until the charts are quiet: over 50 ms, over 100 ms, the longest */
  over50: number;
  over100: number;
  longest: number;
  /** release to the charts' last change */
  releaseToFinal: number;
  /** redraws showing an older run than the one before (by data-shown-id, and by data-drawn's id when the build has it) */
  backwards: number;
  /** the last redraw shows the run of the released value, final */
  lastIsFinal: boolean;
  from: number;
  to: number;
  /** the last redraw's data-drawn, when the build has it */
  drawn: string;
}

/** how the drag's hand moves: see pointerDrag */
export interface HandOptions {
  /** ms the pointer rests on the last value before the release, as a hand that has found its value (default 0) */
  rest?: number;
  /**
   * 'clock' (default): each move goes where the hand is by the wall clock since the drag began, so
   * a move the browser acknowledged late is followed by one further on, as a hand that does not wait
   * for the page; 'steps': the n-th move goes to the n-th of ~16 ms steps whenever it is sent (the
   * drag before session 8: a late acknowledgement held the hand back, and the drag took longer)
   */
  hand?: 'clock' | 'steps';
}

/** the hand from the environment (REST=ms, HAND=steps), for the benches that drag */
export const handFromEnv = (): HandOptions => ({ rest: Number(process.env['REST'] ?? 0), hand: process.env['HAND'] === 'steps' ? 'steps' : 'clock' });

/**
 * A pointer drag of a range input from value `from` to `to` over `ms` (a move every ~16 ms), then
 * release. Each move waits for the browser to acknowledge the one before (playwright's mouse.move),
 * and the browser acknowledges a move once the page has dispatched it, in its next frame: so that a
 * busy page does not slow the hand, each move goes where the hand is by the wall clock (`hand`).
 */
export async function pointerDrag(page: Page, selector: string, from: number, to: number, ms = 1500, o: HandOptions = {}): Promise<Drag> {
  const rest = o.rest ?? 0;
  const input = page.locator(selector);
  await input.scrollIntoViewIfNeeded();
  // put the slider at `from` first (as a user's earlier setting), then wait for quiet
  await input.evaluate((el, v) => {
    const i = el as HTMLInputElement;
    i.value = String(v);
    i.dispatchEvent(new Event('input', { bubbles: true }));
    i.dispatchEvent(new Event('change', { bubbles: true }));
  }, from);
  await settled(page);
  await chartsQuiet(page);
  const { min, max } = await input.evaluate((el) => ({ min: Number((el as HTMLInputElement).min), max: Number((el as HTMLInputElement).max) }));
  const box = (await input.boundingBox())!;
  // the thumb's centre runs from half a thumb in from either end (Chromium's default thumb: 16 px)
  const x = (v: number) => box.x + 8 + ((box.width - 16) * (v - min)) / (max - min);
  const y = box.y + box.height / 2;
  await resetLog(page);
  await page.mouse.move(x(from), y);
  const w0 = Date.now();
  await page.mouse.down();
  const steps = Math.max(1, Math.round(ms / 16));
  if (o.hand === 'steps') {
    for (let i = 1; i <= steps; i++) {
      await page.mouse.move(x(from + ((to - from) * i) / steps), y);
      const wait = w0 + (ms * i) / steps - Date.now();
      if (wait > 0) await page.waitForTimeout(wait);
    }
  } else {
    for (let i = 1; ; i++) {
      // the next ~16 ms step's time, or now if the move before took longer; the hand's place then
      const wait = w0 + (ms * i) / steps - Date.now();
      if (wait > 0) await page.waitForTimeout(wait);
      const share = Math.min(1, (Date.now() - w0) / ms);
      await page.mouse.move(x(from + (to - from) * share), y);
      if (share >= 1) break;
    }
  }
  if (rest > 0) await page.waitForTimeout(rest);
  await page.mouse.up();
  const wallMs = Date.now() - w0;
  await settled(page);
  const last = await chartsQuiet(page, 400);
  const log = await pageLog(page);
  const released = await page.evaluate(() => {
    const e = document.querySelector<HTMLElement>('.explorer')!;
    return { requested: Number(e.dataset['requestedId']), shown: Number(e.dataset['shownId']), final: e.dataset['final'] === 'true' };
  });
  const down = log.input.find((e) => e.type === 'pointerdown')?.t ?? NaN;
  const firstMove = log.input.find((e) => e.type === 'pointermove' && e.t > down)?.t ?? down;
  const up = [...log.input].reverse().find((e) => e.type === 'pointerup')?.t ?? NaN;
  const lastMove = [...log.input].reverse().find((e) => e.type === 'pointermove' && e.t <= up)?.t ?? up;
  const end = rest > 0 ? lastMove : up;
  const during = log.frames.filter((f) => f.t >= firstMove && f.t <= end).map((f) => f.t);
  const longestGap = (ts: number[]) => Math.max(0, ...ts.slice(1).map((t, i) => t - ts[i]!));
  const maxGap = longestGap([firstMove, ...during, end]);
  const changes = log.input.filter((e) => e.type === 'input' && e.t >= down && e.t <= up);
  const valueGap = longestGap([firstMove, ...changes.map((e) => e.t).filter((t) => t >= firstMove && t <= end), end]);
  const drawnValue = (f: Frame) => Number(f.scenario.split(':')[1]);
  const lags = changes.flatMap((c, i) => {
    const later = new Set(changes.slice(i).map((e) => e.value));
    const f = log.frames.find((x) => x.t >= c.t && later.has(drawnValue(x)));
    return f ? [f.t - c.t] : [];
  });
  let backwards = 0;
  for (let i = 1; i < log.frames.length; i++) {
    const a = log.frames[i - 1]!;
    const b = log.frames[i]!;
    const id = (f: Frame) => Number(f.scenario.split(':')[0]);
    if (b.shown < a.shown || (a.scenario && b.scenario && id(b) < id(a))) backwards++;
  }
  const lastFrame = log.frames[log.frames.length - 1];
  const releasedValue = Number(await input.inputValue());
  // with data-drawn: the last redraw draws the released value's run, final
  const drawnOk = !lastFrame?.scenario || lastFrame.scenario === `${released.requested}:${releasedValue}:final`;
  const tasks = log.lt.filter((t) => t.start + t.duration >= down);
  return {
    wallMs,
    pageMs: up - down,
    redraws: during.length,
    maxGap,
    valueGap,
    lag: percentile(lags, 50),
    lagMax: lags.length ? Math.max(...lags) : NaN,
    over50: tasks.filter((t) => t.duration > 50).length,
    over100: tasks.filter((t) => t.duration > 100).length,
    longest: Math.max(0, ...tasks.map((t) => t.duration)),
    releaseToFinal: last - up,
    backwards,
    lastIsFinal: !!lastFrame && lastFrame.shown === released.requested && released.final && released.shown === released.requested && drawnOk,
    from,
    to: releasedValue,
    drawn: lastFrame?.scenario ?? '',
  };
}

/** p-th percentile (nearest rank) */
export function percentile(xs: number[], p: number): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

/**
 * Drags on each build named by DIRS (comma-separated folders of a built site; empty: this
 * checkout's dist/), `rounds` times, the builds' order reversed every other round (a, b, b, a) so
 * that the machine's load falls on all alike. Each drag gets a fresh page, opened (Q: a query)
 * and warmed up, and the round's released value (300, 290, ...). Returns each build's results in order.
 */
export async function interleavedDrags<T>(rounds: number, drag: (page: Page, to: number, dir: string) => Promise<T>): Promise<{ dirs: string[]; results: T[][] }> {
  const { launchChromium } = await import('../test/browser/chromium.ts');
  const { startStaticServer } = await import('../test/browser/serve.ts');
  const dirs = (process.env['DIRS'] ?? '').split(',');
  const servers = await Promise.all(dirs.map((x) => startStaticServer(x || undefined)));
  const browser = await launchChromium();
  const results = dirs.map(() => [] as T[]);
  try {
    for (let r = 0; r < rounds; r++) {
      for (let j = 0; j < dirs.length; j++) {
        const i = r % 2 ? dirs.length - 1 - j : j;
        const page = await openExplorer(browser, servers[i]!.origin, { query: process.env['Q'], deviceMemory: 8 });
        await warmUp(page);
        results[i]!.push(await drag(page, 300 - 10 * r, dirs[i] || 'this build'));
        await page.close();
      }
    }
  } finally {
    await browser.close();
    for (const x of servers) await x.close();
  }
  return { dirs, results };
}
