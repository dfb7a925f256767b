import { launchChromium } from '../test/browser/chromium.ts';
import { startStaticServer } from '../test/browser/serve.ts';
const s = await startStaticServer(process.env.DIR || undefined);
const b = await launchChromium();
for (const loc of (process.env.LOCS ?? 'en,zh').split(',')) {
  const ctx = await b.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1, isMobile: true, javaScriptEnabled: process.env.NOJS ? false : true });
  const p = await ctx.newPage();
  await p.goto(`${s.origin}/${loc}/explore/`);
  await p.waitForTimeout(Number(process.env.WAIT ?? 3000));
  await p.screenshot({ path: `/tmp/shot-${loc}${process.env.NOJS ? '-nojs' : ''}.png` });
  const y = await p.evaluate(`JSON.stringify({ controls: document.querySelector('#x-controls-h')?.getBoundingClientRect().top, toolbar: document.querySelector('.toolbar')?.getBoundingClientRect().top, model: document.querySelector('[data-group=model]')?.getBoundingClientRect().bottom, footer: document.querySelector('footer')?.getBoundingClientRect().top })`);
  console.log(loc, y);
  await ctx.close();
}
await b.close(); await s.close();
