/**
 * The model family's names and choices (RULEBOOK §9), dependency-free so that page code (the
 * explorer's parameter table) reads them through plain.ts without the schema: the schema
 * (scenario/schema.ts) builds its enums from these lists.
 */
export const MODEL_KINDS = ['seed', 'release', 'queue', 'rights'] as const;
export const RELEASE_OF = ['original', 'remaining'] as const;
export const QUEUE_MODES = ['fifo', 'even'] as const;
/** what-ifs that apply to every model: orders stopping, the operator taking a share of the fund, the stop test */
export const FAMILY_WHAT_IFS: readonly string[] = ['stop-orders', 'skim', 'stop-test'];

/** Does a scenario run a model of the family (model.kind release, queue or rights) rather than the seed's? (isFamily narrows with it) */
export const runsFamilyModel = (s: { model?: { kind: string } }): boolean => s.model !== undefined && s.model.kind !== 'seed';

/**
 * The back-office profile's truncation (RULEBOOK §9.2): `rules.rounding` as the open-source back
 * office stores figures, every one rounded down: points to 2 decimals, the price to 4, money to 2,
 * the gift's value to 4.
 */
export const BACK_OFFICE_ROUNDING = { mode: 'down', points: 2, price: 4, money: 2, gift: 4 } as const;
