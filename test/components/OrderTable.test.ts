import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import OrderTable from '../../src/components/OrderTable.svelte';
import { orderTableLabels } from '../../src/components/island-text.ts';
import { orderRows, viewOrderRow } from '../../src/components/order-table.ts';
import { runScenario, SEED_EXAMPLE } from '../../src/engine/index.ts';

function seedViews(locale: 'zh' | 'en') {
  const outcome = runScenario(SEED_EXAMPLE);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return orderRows(outcome.result, SEED_EXAMPLE.rules.split.pool).map((r) => viewOrderRow(r, locale));
}

/** The text of every cell with a given data-col, in row order. */
function column(html: string, col: string): string[] {
  return [...html.matchAll(new RegExp(`data-col="${col}"[^>]*>([^<]*)<`, 'g'))].map((m) => m[1] ?? '');
}

describe('OrderTable (server-rendered)', () => {
  it('renders the seed figures, with the full price in a title attribute', () => {
    const { body } = render(OrderTable, {
      props: { rows: seedViews('en'), labels: orderTableLabels('en'), caption: 'Seed', showShortPrice: true, showFullPrecision: true },
    });
    expect(body).toContain('<caption');
    expect(column(body, 'issued')).toEqual(['210', '147', '124.95']);
    expect(column(body, 'pool')).toEqual(['300', '600', '900']);
    expect(column(body, 'points')).toEqual(['210', '357', '481.95']);
    expect(column(body, 'price')).toEqual(['1.4286', '1.6807', '1.8674']);
    expect(column(body, 'price-short')).toEqual(['1.43', '1.68', '1.87']);
    expect(body).toMatch(/title="1\.42857142857142857\d+"/);
    expect(body).toContain('Show full-precision values');
  });

  it('labels columns in Chinese for the zh locale and leaves out the optional parts', () => {
    const { body } = render(OrderTable, { props: { rows: seedViews('zh'), labels: orderTableLabels('zh'), caption: '示例' } });
    expect(body).toContain('积分价格（元）');
    expect(body).toContain('data-label="买家"');
    expect(column(body, 'price-short')).toEqual([]);
    expect(body).not.toContain('<details');
  });

  it('renders rows with the buyer as the row header', () => {
    const { body } = render(OrderTable, { props: { rows: seedViews('en'), labels: orderTableLabels('en'), caption: 'x' } });
    const buyers = [...body.matchAll(/<th scope="row"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(buyers).toEqual(['A', 'B', 'C']);
  });
});
