/**
 * The explorer's ONE table of parameters: one row per parameter, with its address name, its path
 * in the scenario (format v1), its default, its range, its unit, its group and its label. The
 * controls (src/explorer/controls.ts), the address (src/explorer/params.ts toQuery/fromQuery and
 * src/explorer/state.ts), the scenario built and read back (params.ts buildScenario/fromScenario),
 * the error mapping (params.ts fieldOfPath) and the printed report's parameter list
 * (src/explorer/report.ts) all derive from it. Pure data and small functions: no DOM, no engine
 * beyond its dependency-free modules (the seed's rules, the growth formulas).
 *
 * Rows are keyed by `key`: a model contributes parameters by adding rows with keys and address
 * names of its own (test/explorer/table.test.ts holds both unique).
 */
import { EXIT_TESTS, MAX_POINTS, QUEUE_MODES, RELEASE_OF, SEED_EXIT_TEST, SEED_RULES } from '../engine/plain.ts';

export const GROWTH_KINDS = ['constant', 'linear', 'exponential', 'logistic', 'boom'] as const;
export type GrowthKind = (typeof GROWTH_KINDS)[number];
export { EXIT_TESTS };
export type ExitTestKind = (typeof EXIT_TESTS)[number];
export const RULE_FIELDS = ['exit', 'gift', 'withholding'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
/**
 * The model menu (RULEBOOK §9): the seed's model, the seed's model as a back office runs it
 * (`office`: the seed's model with the back-office profile's truncation, floor, ceiling and cap,
 * §9.2), daily release, queue rebate, dividend rights. Each of the last three is a `model.kind` of
 * the engine; `office` is `kind: seed` with the profile's rules.
 */
export const MODEL_MENU = ['seed', 'office', 'release', 'queue', 'rights'] as const;
export type ModelChoice = (typeof MODEL_MENU)[number];
export type FamilyKind = Exclude<ModelChoice, 'seed' | 'office'>;
export type ReleaseOf = (typeof RELEASE_OF)[number];
export type QueueMode = (typeof QUEUE_MODES)[number];
/**
 * Most new buyers the explorer runs in the browser (expected over the run, as the growth formulas
 * give them): on a desktop, and on a device that reports little memory (navigator.deviceMemory, in
 * GB, at most lowMemoryGb; a run holds every buyer in memory). The check of the parameters
 * (params.ts checkParams, whose message names the limit) and the buyers' sliders (params.ts
 * sliderOf, which stop below it) both read the limit from here.
 */
export const BUYER_LIMIT = { desktop: 10_000_000, lowMemory: 3_000_000, lowMemoryGb: 4 } as const;

/** Whether a device that reports this much memory (GB; undefined: it does not say, as Firefox and Safari do not) reports little (BUYER_LIMIT.lowMemoryGb or less). */
export const lowMemory = (deviceMemory: number | undefined): boolean => deviceMemory !== undefined && Number.isFinite(deviceMemory) && deviceMemory <= BUYER_LIMIT.lowMemoryGb;

/** Of a figure given for a desktop and for a device that reports little memory (lowMemory), the one for a device that reports this much. */
export const forDevice = <V>(values: { readonly desktop: V; readonly lowMemory: V }, deviceMemory: number | undefined): V => (lowMemory(deviceMemory) ? values.lowMemory : values.desktop);

/** The buyer limit for a device that reports this much memory (GB; undefined: it does not say). */
export const buyerLimitFor = (deviceMemory: number | undefined): number => forDevice(BUYER_LIMIT, deviceMemory);

/** the model runs on the seed's points (its own rules, selling, referral): the seed's model or its back-office profile */
export const onSeedPoints = (p: { model: ModelChoice }): boolean => p.model === 'seed' || p.model === 'office';

export interface Params {
  /** expected new buyers on day 1 */
  perDay: number;
  growth: GrowthKind;
  /** exponential, logistic, boom: rate per day (0.01 = 1%); linear: buyers added per day */
  growthRate: number;
  /** logistic: buyers per day the market saturates at */
  capacity: number;
  /** boom: the day the flow peaks */
  peakDay: number;
  /** boom: share of the flow lost each day after the peak (0: it stays at the peak) */
  decline: number;
  /** growth stops: from this day on every day expects what the day before it did; null: never */
  flatFrom: number | null;
  /** the day orders stop; null: never */
  stopDay: number | null;
  /** probability per day that an active holder sells */
  sellRate: number;
  /** share of the holding sold on a sale */
  portion: number;
  /** holders sell everything at this multiple of spend; null: off */
  takeProfit: number | null;
  /** probability per day that an active user orders again */
  repeat: number;
  /** forced exit at this multiple of spend; null: off */
  exit: number | null;
  exitTest: ExitTestKind;
  cost: number;
  distribution: number;
  platform: number;
  pool: number;
  gift: number;
  withholding: number;
  initialPrice: number;
  /** mean order amount */
  amount: number;
  /** coefficient of variation of order amounts; 0: every order is the mean */
  amountCv: number;
  days: number;
  seed: number;
  cohortDays: number;
  /**
   * financing rounds: day (0 = none) and amount paid into the pool, in up to ROUND_SLOTS.length
   * slots; the rounds are the slots with a day, in slot order (the first slot is the address's
   * old single round, `fd`/`fa`)
   */
  subsidyDay: number;
  subsidyAmount: number;
  subsidyDay2: number;
  subsidyAmount2: number;
  subsidyDay3: number;
  subsidyAmount3: number;
  subsidyDay4: number;
  subsidyAmount4: number;
  subsidyDay5: number;
  subsidyAmount5: number;
  /** withdrawal: day (0 = none) and share of the pool the operator takes */
  withdrawDay: number;
  withdrawShare: number;
  /** rule change: day (0 = none), which rule, its new value */
  ruleDay: number;
  ruleField: RuleField;
  ruleValue: number;
  /** referral: probability that a new buyer is referred (0 = no referral network) */
  referral: number;
  direct: number;
  indirect: number;
  perRecruit: number;
  /** which model of the family runs (RULEBOOK §9) */
  model: ModelChoice;
  /** back-office profile (§9.2): the price floor (null: none), the ceiling that settles everyone (null: none), the cap on circulating points (null: none) */
  minPrice: number | null;
  maxPrice: number | null;
  pointsCap: number | null;
  /** daily release (§9.3): k, the rate a day, of the original or the remaining promise */
  releaseK: number;
  releaseRate: number;
  releaseOf: ReleaseOf;
  /** queue rebate (§9.4): k, the cap of an entry (null: none), who is paid first */
  queueK: number;
  queueCap: number | null;
  queueMode: QueueMode;
  /** dividend rights (§9.5): the unit of spend per right, k, the most a right is paid a day */
  rightsUnit: number;
  rightsK: number;
  rightsCap: number;
}

export type NumericKey = { [K in keyof Params]: Params[K] extends number | null ? (number extends Params[K] ? K : never) : never }[keyof Params];
export type ChoiceKey = Exclude<keyof Params, NumericKey>;

/** The range of a numeric parameter, as the engine allows it (and the explorer can run). */
export interface Range {
  min: number;
  max: number;
  /** min itself is not allowed */
  minOpen?: boolean;
  maxOpen?: boolean;
  int?: boolean;
  /** null is allowed (off) */
  nullable?: boolean;
}

export type Unit = 'pct' | 'mult' | 'money' | 'days' | 'buyers' | 'none' | 'price';
export type Group = 'model' | 'flow' | 'sell' | 'exit' | 'split' | 'rules' | 'orders' | 'run' | 'events' | 'referral';
/** the groups in the order the controls show them; the first four are always open */
export const GROUPS: readonly Group[] = ['model', 'flow', 'sell', 'exit', 'split', 'rules', 'orders', 'run', 'events', 'referral'];
export const MAIN_GROUPS: ReadonlySet<Group> = new Set(['model', 'flow', 'sell', 'exit']);

export interface Slider {
  min: number;
  max: number;
  step: number;
}

interface RowBase<K extends keyof Params> {
  key: K;
  /** the name in the address: short and stable (they are in shared links) */
  q: string;
  /**
   * The path of the value in the scenario (format v1): `rules.giftRatio`, `flow.days`; an event's
   * value as `events[].withdraw.share`. The engine's problems at this path (or under it) belong
   * to this parameter; `paths` adds further prefixes that do.
   */
  path: string;
  paths?: string[];
  /** the value sits at `path` as it is, so that it is built and read back from there as it is */
  plain?: boolean;
  /** null is written as the path's absence (a field the schema takes as a number or not at all) */
  nullAbsent?: boolean;
  group: Group;
  /** label key (i18n), by default `explorer.field.<key>` */
  label?: string;
  /**
   * The glossary entry (its id on the glossary page, content/<locale>/glossary.md) that defines
   * this parameter's term of the trade: the control shows that definition on hover, tap and focus.
   */
  term?: string;
  /** whether the current choices use it (the others are kept but not checked, shown or reported) */
  active?: (p: Params) => boolean;
}

export interface NumberRow<K extends NumericKey = NumericKey> extends RowBase<K> {
  type: 'number';
  default: Params[K];
  range: Range;
  unit: Unit;
  /** between stored and shown values: 100 for a percentage */
  scale: number;
  slider?: Slider;
  /** a day of the run: not after its last day */
  day?: boolean;
  /** the range, unit, scale, slider and label as the other parameters make them */
  variant?: (p: Params) => Partial<Pick<NumberRow<K>, 'range' | 'unit' | 'scale' | 'slider' | 'label'>>;
  /** the value a scenario file that does not say implies (default: `default`) */
  absent?: Params[K];
}

export interface ChoiceRow<K extends ChoiceKey = ChoiceKey> extends RowBase<K> {
  type: 'choice';
  default: Params[K];
  choices: readonly Params[K][];
  /** label key of each choice: `<prefix><choice>` */
  choiceLabel: string;
}

export type Row = NumberRow | ChoiceRow;

const SEED = SEED_RULES;
const share: Range = { min: 0, max: 1 };
const dayOfRun: Range = { min: 0, max: 3650, int: true };
const pct = { unit: 'pct', scale: 100 } as const;

type RoundDayKey = 'subsidyDay' | 'subsidyDay2' | 'subsidyDay3' | 'subsidyDay4' | 'subsidyDay5';
type RoundAmountKey = 'subsidyAmount' | 'subsidyAmount2' | 'subsidyAmount3' | 'subsidyAmount4' | 'subsidyAmount5';

/** A financing round's day row: 0 is none; the list of rounds labels each with its number (controls.ts fieldLabel). */
function roundDay<K extends RoundDayKey>(key: K, q: string): NumberRow<K> {
  const row: NumberRow<K> = { type: 'number', key, q, path: 'events[].day', term: 'subsidy', group: 'events', default: 0, range: dayOfRun, unit: 'days', scale: 1, day: true, label: 'explorer.field.subsidyDay' };
  // the first round's day is always in use ("none" when 0); a later slot only while it holds a round
  return key === 'subsidyDay' ? row : { ...row, active: (p) => p[key] !== 0 };
}
/** A financing round's amount row: used while its round has a day. */
function roundAmount<K extends RoundAmountKey>(key: K, q: string, day: RoundDayKey): NumberRow<K> {
  return { type: 'number', key, q, path: 'events[].subsidy.amount', group: 'events', default: 1_000_000, range: { min: 0, max: 1e12, minOpen: true }, unit: 'money', scale: 1, label: 'explorer.field.subsidyAmount', active: (p) => p[day] !== 0 };
}

/**
 * The financing rounds' slots, in order: each slot's day and amount parameters. The explorer shows
 * the slots with a day as a list (add fills the first free slot, remove moves the later ones up);
 * the scenario holds one subsidy event per round, in slot order.
 */
export const ROUND_SLOTS: readonly { day: RoundDayKey; amount: RoundAmountKey }[] = [
  { day: 'subsidyDay', amount: 'subsidyAmount' },
  { day: 'subsidyDay2', amount: 'subsidyAmount2' },
  { day: 'subsidyDay3', amount: 'subsidyAmount3' },
  { day: 'subsidyDay4', amount: 'subsidyAmount4' },
  { day: 'subsidyDay5', amount: 'subsidyAmount5' },
];

/** Every parameter of the explorer's model, in the order the controls show them. */
export const TABLE: { readonly [K in keyof Params]: K extends NumericKey ? NumberRow<K> : K extends ChoiceKey ? ChoiceRow<K> : never } = {
  perDay: { type: 'number', key: 'perDay', plain: true, q: 'b', path: 'flow.buyers.perDay', group: 'flow', default: 100, range: { min: 0, max: 100_000 }, unit: 'buyers', scale: 1, slider: { min: 0, max: 1000, step: 10 } },
  growth: { type: 'choice', key: 'growth', q: 'g', path: 'flow.buyers.growth.kind', group: 'flow', default: 'exponential', choices: GROWTH_KINDS, choiceLabel: 'explorer.growth.' },
  growthRate: {
    type: 'number',
    key: 'growthRate',
    q: 'gr',
    path: 'flow.buyers.growth.ratePerDay',
    paths: ['flow.buyers.growth.addPerDay', 'flow.buyers.growth'],
    group: 'flow',
    default: 0.01,
    range: { min: -0.5, max: 1 },
    ...pct,
    slider: { min: -2, max: 3, step: 0.1 },
    active: (p) => p.growth !== 'constant',
    // what the engine allows each growth model (src/engine/scenario/index.ts Growth): linear adds buyers
    // a day (any number); a logistic rate is above 0, a boom's at least 0
    variant: (p) =>
      p.growth === 'linear'
        ? { unit: 'buyers', scale: 1, range: { min: -100_000, max: 100_000 }, slider: { min: -10, max: 50, step: 1 }, label: 'explorer.field.growthAdd' }
        : p.growth === 'logistic'
          ? { range: { min: 0, max: 1, minOpen: true }, slider: { min: 0.1, max: 3, step: 0.1 } }
          : p.growth === 'boom'
            ? { range: { min: 0, max: 1 }, slider: { min: 0, max: 3, step: 0.1 } }
            : {},
  },
  capacity: { type: 'number', key: 'capacity', q: 'cap', path: 'flow.buyers.growth.capacity', group: 'flow', default: 2000, range: { min: 0, max: 1_000_000, minOpen: true }, unit: 'buyers', scale: 1, active: (p) => p.growth === 'logistic' },
  peakDay: { type: 'number', key: 'peakDay', q: 'peak', path: 'flow.buyers.growth.peakDay', group: 'flow', default: 180, range: { min: 1, max: 3650, int: true }, unit: 'days', scale: 1, day: true, active: (p) => p.growth === 'boom' },
  // 0: the flow stays at the peak (the engine allows it: src/engine/scenario.ts Growth)
  decline: { type: 'number', key: 'decline', q: 'dec', path: 'flow.buyers.growth.declinePerDay', group: 'flow', default: 0.02, range: { min: 0, max: 1, maxOpen: true }, ...pct, active: (p) => p.growth === 'boom' },
  // growth stops from day N (every growth kind; constant has nothing to stop): N >= 2, within the run
  flatFrom: { type: 'number', key: 'flatFrom', q: 'flat', path: 'flow.buyers.growth.flatFrom', group: 'flow', default: null, range: { min: 2, max: 3650, int: true, nullable: true }, unit: 'days', scale: 1, day: true, active: (p) => p.growth !== 'constant' },
  stopDay: { type: 'number', key: 'stopDay', q: 'stop', path: 'events[].stopOrders', group: 'flow', default: null, range: { min: 1, max: 3650, int: true, nullable: true }, unit: 'days', scale: 1, day: true },
  sellRate: { type: 'number', key: 'sellRate', plain: true, q: 's', path: 'flow.sell.ratePerDay', group: 'sell', default: 0.02, absent: 0, range: share, ...pct, slider: { min: 0, max: 20, step: 0.5 }, active: onSeedPoints },
  exit: { type: 'number', key: 'exit', plain: true, q: 'm', path: 'rules.exitMultiple', term: 'forced-exit', group: 'exit', default: SEED.exitMultiple, range: { min: 1, max: 1000, minOpen: true, nullable: true }, unit: 'mult', scale: 1, active: onSeedPoints },
  cost: { type: 'number', key: 'cost', plain: true, q: 'sc', path: 'rules.split.cost', group: 'split', default: SEED.split.cost, range: share, ...pct },
  distribution: { type: 'number', key: 'distribution', plain: true, q: 'sd', path: 'rules.split.distribution', term: 'distribution', group: 'split', default: SEED.split.distribution, range: share, ...pct },
  platform: { type: 'number', key: 'platform', plain: true, q: 'spl', path: 'rules.split.platform', group: 'split', default: SEED.split.platform, range: share, ...pct },
  pool: { type: 'number', key: 'pool', plain: true, q: 'spo', path: 'rules.split.pool', paths: ['rules.split'], term: 'pool', group: 'split', default: SEED.split.pool, range: share, ...pct },
  gift: { type: 'number', key: 'gift', plain: true, q: 'gift', path: 'rules.giftRatio', term: 'gift-ratio', group: 'rules', default: SEED.giftRatio, range: share, ...pct, active: onSeedPoints },
  withholding: { type: 'number', key: 'withholding', plain: true, q: 'w', path: 'rules.sellWithholding', term: 'withholding', group: 'rules', default: SEED.sellWithholding, range: { min: 0, max: 1, maxOpen: true }, ...pct, active: onSeedPoints },
  initialPrice: { type: 'number', key: 'initialPrice', plain: true, q: 'p0', path: 'rules.initialPrice', term: 'price', group: 'rules', default: SEED.initialPrice, range: { min: 0, max: 1e9, minOpen: true }, unit: 'price', scale: 1, active: onSeedPoints },
  exitTest: { type: 'choice', key: 'exitTest', plain: true, q: 'mt', path: 'rules.exitTest', group: 'rules', default: SEED_EXIT_TEST, choices: EXIT_TESTS, choiceLabel: 'explorer.exitTest.', active: onSeedPoints },
  amount: { type: 'number', key: 'amount', q: 'a', path: 'flow.orderAmount.mean', paths: ['flow.orderAmount'], group: 'orders', default: 1000, range: { min: 0, max: 1e9, minOpen: true }, unit: 'money', scale: 1 },
  amountCv: { type: 'number', key: 'amountCv', q: 'cv', path: 'flow.orderAmount.cv', group: 'orders', default: 0.6, range: { min: 0, max: 10 }, unit: 'none', scale: 1 },
  repeat: { type: 'number', key: 'repeat', q: 'rep', path: 'flow.repeat.probabilityPerDay', paths: ['flow.repeat'], group: 'orders', default: 0, range: share, ...pct },
  portion: { type: 'number', key: 'portion', plain: true, q: 'sp', path: 'flow.sell.portion', group: 'orders', default: 1, range: { min: 0, max: 1, minOpen: true }, ...pct, active: onSeedPoints },
  takeProfit: { type: 'number', key: 'takeProfit', plain: true, q: 'tp', path: 'flow.sell.takeProfit', group: 'orders', default: null, range: { min: 0, max: 1000, minOpen: true, nullable: true }, unit: 'mult', scale: 1, active: onSeedPoints },
  days: { type: 'number', key: 'days', plain: true, q: 'd', path: 'flow.days', group: 'run', default: 365, range: { min: 1, max: 3650, int: true }, unit: 'days', scale: 1 },
  seed: { type: 'number', key: 'seed', plain: true, q: 'seed', path: 'flow.seed', group: 'run', default: 1, range: { min: 0, max: 4_294_967_295, int: true }, unit: 'none', scale: 1 },
  cohortDays: { type: 'number', key: 'cohortDays', plain: true, q: 'cd', path: 'flow.cohortDays', term: 'cohort', group: 'run', default: 7, range: { min: 1, max: 3650, int: true }, unit: 'days', scale: 1 },
  subsidyDay: roundDay('subsidyDay', 'fd'),
  subsidyAmount: roundAmount('subsidyAmount', 'fa', 'subsidyDay'),
  subsidyDay2: roundDay('subsidyDay2', 'fd2'),
  subsidyAmount2: roundAmount('subsidyAmount2', 'fa2', 'subsidyDay2'),
  subsidyDay3: roundDay('subsidyDay3', 'fd3'),
  subsidyAmount3: roundAmount('subsidyAmount3', 'fa3', 'subsidyDay3'),
  subsidyDay4: roundDay('subsidyDay4', 'fd4'),
  subsidyAmount4: roundAmount('subsidyAmount4', 'fa4', 'subsidyDay4'),
  subsidyDay5: roundDay('subsidyDay5', 'fd5'),
  subsidyAmount5: roundAmount('subsidyAmount5', 'fa5', 'subsidyDay5'),
  withdrawDay: { type: 'number', key: 'withdrawDay', q: 'wd', path: 'events[].day', group: 'events', default: 0, range: dayOfRun, unit: 'days', scale: 1, day: true },
  withdrawShare: { type: 'number', key: 'withdrawShare', q: 'ws', path: 'events[].withdraw.share', group: 'events', default: 0.1, range: { min: 0, max: 1, minOpen: true, maxOpen: true }, ...pct, active: (p) => p.withdrawDay > 0 },
  ruleDay: { type: 'number', key: 'ruleDay', q: 'rd', path: 'events[].day', group: 'events', default: 0, range: dayOfRun, unit: 'days', scale: 1, day: true, active: onSeedPoints },
  ruleField: { type: 'choice', key: 'ruleField', q: 'rf', path: 'events[].rules', group: 'events', default: 'exit', choices: RULE_FIELDS, choiceLabel: 'explorer.field.', active: (p) => onSeedPoints(p) && p.ruleDay > 0 },
  ruleValue: {
    type: 'number',
    key: 'ruleValue',
    q: 'rv',
    path: 'events[].rules',
    group: 'events',
    default: 2,
    range: { min: 0, max: 1000 },
    unit: 'none',
    scale: 1,
    active: (p) => onSeedPoints(p) && p.ruleDay > 0,
    // the new value of a rule is checked and shown as that rule is
    variant: (p) => {
      const r = TABLE[p.ruleField];
      return { range: { ...r.range, nullable: false }, unit: r.unit, scale: r.scale };
    },
  },
  referral: { type: 'number', key: 'referral', q: 'ref', path: 'flow.referral.probability', group: 'referral', default: 0, range: share, ...pct, active: onSeedPoints },
  direct: { type: 'number', key: 'direct', q: 'r1', path: 'flow.referral.rewards.direct', term: 'direct', group: 'referral', default: 0.1, range: share, ...pct, active: (p) => onSeedPoints(p) && p.referral > 0 },
  indirect: { type: 'number', key: 'indirect', q: 'r2', path: 'flow.referral.rewards.indirect', term: 'indirect', group: 'referral', default: 0.05, range: share, ...pct, active: (p) => onSeedPoints(p) && p.referral > 0 },
  perRecruit: { type: 'number', key: 'perRecruit', q: 'rpr', path: 'flow.referral.rewards.perRecruit', term: 'recruitment', group: 'referral', default: 0, range: { min: 0, max: 1e9 }, unit: 'money', scale: 1, active: (p) => onSeedPoints(p) && p.referral > 0 },
  // the model menu and each model's own parameters, active only for their model (RULEBOOK §9); labels
  // carry the trade's Chinese term (explorer.field.* in both dictionaries)
  model: { type: 'choice', key: 'model', q: 'mo', path: 'model.kind', group: 'model', default: 'seed', choices: MODEL_MENU, choiceLabel: 'explorer.model.' },
  minPrice: { type: 'number', key: 'minPrice', plain: true, nullAbsent: true, q: 'pmin', path: 'rules.minPrice', group: 'model', default: 1, absent: null, range: { min: 0, max: 1e9, minOpen: true, nullable: true }, unit: 'price', scale: 1, active: (p) => p.model === 'office' },
  maxPrice: { type: 'number', key: 'maxPrice', plain: true, nullAbsent: true, q: 'pmax', path: 'rules.maxPrice', group: 'model', default: null, range: { min: 0, max: 1e9, minOpen: true, nullable: true }, unit: 'price', scale: 1, active: (p) => p.model === 'office' },
  pointsCap: { type: 'number', key: 'pointsCap', plain: true, nullAbsent: true, q: 'pcap', path: 'rules.pointsCap', group: 'model', default: null, range: { min: 0, max: MAX_POINTS, minOpen: true, nullable: true }, unit: 'none', scale: 1, active: (p) => p.model === 'office' },
  releaseK: { type: 'number', key: 'releaseK', plain: true, q: 'rk', path: 'model.k', term: 'daily-release', group: 'model', default: 1, range: { min: 0, max: 100, minOpen: true }, unit: 'mult', scale: 1, active: (p) => p.model === 'release' },
  releaseRate: { type: 'number', key: 'releaseRate', plain: true, q: 'rr', path: 'model.ratePerDay', group: 'model', default: 0.001, range: { min: 0, max: 1, minOpen: true }, ...pct, slider: { min: 0.05, max: 2, step: 0.05 }, active: (p) => p.model === 'release' },
  releaseOf: { type: 'choice', key: 'releaseOf', plain: true, q: 'ro', path: 'model.of', group: 'model', default: 'original', choices: RELEASE_OF, choiceLabel: 'explorer.releaseOf.', active: (p) => p.model === 'release' },
  queueK: { type: 'number', key: 'queueK', plain: true, q: 'qk', path: 'model.k', term: 'queue-rebate', group: 'model', default: 1, range: { min: 0, max: 100, minOpen: true }, unit: 'mult', scale: 1, active: (p) => p.model === 'queue' },
  queueCap: { type: 'number', key: 'queueCap', plain: true, q: 'qc', path: 'model.cap', group: 'model', default: null, range: { min: 0, max: 1e12, minOpen: true, nullable: true }, unit: 'money', scale: 1, active: (p) => p.model === 'queue' },
  queueMode: { type: 'choice', key: 'queueMode', plain: true, q: 'qm', path: 'model.mode', group: 'model', default: 'fifo', choices: QUEUE_MODES, choiceLabel: 'explorer.queueMode.', active: (p) => p.model === 'queue' },
  rightsUnit: { type: 'number', key: 'rightsUnit', plain: true, q: 'ru', path: 'model.unit', term: 'dividend-right', group: 'model', default: 500, range: { min: 0, max: 1e12, minOpen: true }, unit: 'money', scale: 1, active: (p) => p.model === 'rights' },
  rightsK: { type: 'number', key: 'rightsK', plain: true, q: 'rtk', path: 'model.k', group: 'model', default: 1, range: { min: 0, max: 100, minOpen: true }, unit: 'mult', scale: 1, active: (p) => p.model === 'rights' },
  rightsCap: { type: 'number', key: 'rightsCap', plain: true, q: 'rcap', path: 'model.capPerDay', group: 'model', default: 1, range: { min: 0, max: 1e12, minOpen: true }, unit: 'money', scale: 1, active: (p) => p.model === 'rights' },
};

/** The rows in table order. */
export const ROWS: readonly Row[] = Object.values(TABLE) as Row[];
export const NUMBER_ROWS: readonly NumberRow[] = ROWS.filter((r): r is NumberRow => r.type === 'number');

/** The row of a parameter with what the other parameters make of it (range, unit, slider, label). */
export function rowFor<K extends NumericKey>(key: K, p: Params): NumberRow<K> {
  const row = TABLE[key] as unknown as NumberRow<K>;
  return row.variant ? { ...row, ...row.variant(p) } : row;
}

/** The label key of a parameter (with what the other parameters make of it). */
export function labelKey(key: keyof Params, p: Params): string {
  const row = TABLE[key] as Row;
  const label = row.type === 'number' ? rowFor(row.key, p).label : row.label;
  return label ?? `explorer.field.${key}`;
}

export const isActive = (row: Row, p: Params): boolean => row.active?.(p) ?? true;

// --- derived: the defaults, the ranges, the address names ------------------------------------

export const DEFAULTS: Readonly<Params> = Object.freeze(Object.fromEntries(ROWS.map((r) => [r.key, r.default])) as unknown as Params);
export const RANGES: Readonly<Record<NumericKey, Range>> = Object.freeze(Object.fromEntries(NUMBER_ROWS.map((r) => [r.key, r.range])) as Record<NumericKey, Range>);
/** Short address names, stable: they are in shared links. */
export const QUERY: Readonly<Record<keyof Params, string>> = Object.freeze(Object.fromEntries(ROWS.map((r) => [r.key, r.q])) as Record<keyof Params, string>);

export function inRange(v: number, r: Range): boolean {
  if (r.minOpen ? !(v > r.min) : !(v >= r.min)) return false;
  if (r.maxOpen ? !(v < r.max) : !(v <= r.max)) return false;
  return true;
}
