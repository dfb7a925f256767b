import { launchChromium } from '../test/browser/chromium.ts';
import { startStaticServer } from '../test/browser/serve.ts';
import { openExplorer, warmUp, pointerDrag } from './explorer-page.ts';
const server = await startStaticServer(process.env['SITE'] || undefined);
const browser = await launchChromium();
const page = await openExplorer(browser, server.origin, { query: '', deviceMemory: 8 });
await warmUp(page);
for (const to of [300]) {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.gc', 'blink.user_timing'] });
  const d = await pointerDrag(page, '#x-perDay-range', 100, to, 1500);
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents as any[];
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const th = (e: any) => names.get(`${e.pid}:${e.tid}`) ?? '';
  const up = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'pointerup').at(-1).ts;
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.dur);
  const run = tasks.filter((e) => /DedicatedWorker/.test(th(e)) && e.ts + e.dur >= up).sort((a, b) => b.dur - a.dur)[0];
  const end = run.ts + run.dur;
  console.log(`drag to ${to}: release->final ${d.releaseToFinal.toFixed(0)}; run +${((run.ts - up) / 1000).toFixed(1)} wall ${(run.dur / 1000).toFixed(0)} cpu ${(run.tdur / 1000).toFixed(0)}`);
  const main = events.filter((e) => e.ph === 'X' && th(e) === 'CrRendererMain' && e.ts >= up - 40000 && e.ts < end && e.dur > 300).sort((a, b) => a.ts - b.ts);
  for (const e of main) {
    const dd = e.args?.data ?? {};
    const what = e.name === 'FunctionCall' ? `${dd.functionName} ${String(dd.url).replace(/.*\//, '')}:${dd.lineNumber}` : e.name === 'TimerFire' ? `timer ${dd.timerId}` : e.name === 'EventDispatch' ? dd.type : e.name === 'TimerInstall' ? `install ${dd.timerId} ${dd.timeout}` : '';
    if (e.name === 'RunTask') console.log(`  task +${((e.ts - up) / 1000).toFixed(1)}: ${(e.dur / 1000).toFixed(1)} wall ${((e.tdur ?? 0) / 1000).toFixed(1)} cpu`);
    else if (process.env['ALL'] && e.dur > 1000) console.log(`      ${e.name} ${(e.dur / 1000).toFixed(1)} ${what}`);
    else if (['FunctionCall', 'TimerFire', 'EventDispatch', 'MajorGC', 'MinorGC', 'V8.GCIncrementalMarkingStart', 'V8.GCIncrementalMarking', 'HandlePostMessage', 'FireAnimationFrame', 'Layout', 'UpdateLayoutTree'].includes(e.name)) console.log(`      ${e.name} ${(e.dur / 1000).toFixed(1)} ${what}`);
  }
  const installs = events.filter((e) => e.name === 'TimerInstall' && th(e) === 'CrRendererMain' && e.ts > up - 200000 && e.ts < end).map((e) => `${e.args.data.timerId}@${((e.ts - up) / 1000).toFixed(0)}:${e.args.data.timeout}`);
  console.log('  timers installed', installs.join(' '));
}
await browser.close(); await server.close();
