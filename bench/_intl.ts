import { launchChromium } from '../test/browser/chromium.ts';
import { startStaticServer } from '../test/browser/serve.ts';
const s = await startStaticServer('/tmp/lh-base');
const b = await launchChromium();
for (const lang of ['zh-CN', 'en', 'zh-CN', 'en']) {
  const ctx = await b.newContext(); const page = await ctx.newPage();
  await page.goto(`${s.origin}/en/method/`);
  const steps = process.env.STEPS === '1';
  const r = await page.evaluate(`(() => { const lang = ${JSON.stringify(lang)}; const steps = ${steps};
    const out = [];
    const t = (n, f) => { const a = performance.now(); f(); out.push(n + ' ' + (performance.now() - a).toFixed(1)); };
    if (steps) { t('locale', () => new Intl.Locale(lang).maximize()); t('plural', () => new Intl.PluralRules(lang)); }
    t('nf plain', () => new Intl.NumberFormat(lang).format(1234.5));
    t('nf max2', () => new Intl.NumberFormat(lang, { maximumFractionDigits: 2, minimumFractionDigits: 0, useGrouping: true, signDisplay: 'negative' }).format('1234.5'));
    t('nf compact', () => new Intl.NumberFormat(lang, { notation: 'compact', maximumSignificantDigits: 3, minimumSignificantDigits: 3, signDisplay: 'negative' }).format('12345678'));
    t('nf again', () => new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(1.5));
    return out.join(', '); })()`);
  console.log(lang, r);
  await ctx.close();
}
await b.close(); await s.close();
