/**
 * A value of the address the explorer could not use, in words in the reader's language: what it
 * is (the control's own label), what the address held, why it cannot be used, and that the default
 * is used instead. Pure: tested in node (test/explorer/state.test.ts).
 */
import { fieldLabel, problemText } from './controls.ts';
import type { AddressProblem } from './params.ts';
import { DEFAULTS, TABLE, type Params } from './table.ts';
import { specOf, unitText } from './controls.ts';
import type { Formats, Tr } from './view.ts';

/** What a parameter's default reads as, with its unit. */
function defaultText(key: keyof Params, tr: Tr, f: Formats): string {
  const row = TABLE[key];
  const v = DEFAULTS[key];
  if (row.type === 'choice') return tr(`${row.choiceLabel}${v}`);
  if (v === null) return tr(key === 'stopDay' || key === 'flatFrom' ? 'explorer.report.noStop' : 'explorer.exit.off');
  const spec = specOf(row.key, DEFAULTS);
  const unit = unitText(spec, tr);
  const n = `${+((v as number) * spec.scale).toPrecision(10)}`;
  void f;
  return unit === '' ? n : unit === '%' || unit === '×' ? `${n}${unit}` : `${n} ${unit}`;
}

export function addressProblemText(pr: AddressProblem, tr: Tr, f: Formats): string {
  const side = pr.name.startsWith('pin.') ? tr('explorer.url.pinned') : '';
  if (pr.field) {
    const label = fieldLabel(pr.field, DEFAULTS, tr);
    const why =
      pr.kind === 'choice'
        ? tr('explorer.url.choice')
        : problemText({ field: pr.field, kind: pr.kind as never, values: pr.values ?? {} }, DEFAULTS, tr, f);
    return tr('explorer.url.field', { side, label, value: pr.value, why, default: defaultText(pr.field, tr, f) });
  }
  const what = tr(`explorer.url.name.${pr.name.replace(/^pin\./, '')}`);
  const why = tr(`explorer.url.why.${pr.kind}`, { min: pr.values?.['min'] ?? '', max: pr.values?.['max'] ?? '', days: pr.values?.['days'] ?? '' });
  return tr('explorer.url.other', { side, what, value: pr.value, why });
}
