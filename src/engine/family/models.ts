/** The family's models by kind (RULEBOOK §9.3-9.5): each made from the shared ledger and its own parameters. */
import type { FamilyModelV1 } from '../scenario/schema.ts';
import type { FamilyLedger } from './ledger.ts';
import type { FamilyModel } from './model.ts';
import { ReleaseModel } from '../models/release/release.ts';
import { QueueModel } from '../models/queue/queue.ts';
import { RightsModel } from '../models/rights/rights.ts';

type Params<K extends FamilyModelV1['kind']> = Extract<FamilyModelV1, { kind: K }>;

export const MODELS: { [K in FamilyModelV1['kind']]: <T>(ledger: FamilyLedger<T>, params: Params<K>) => FamilyModel<T> } = {
  release: (ledger, params) => new ReleaseModel(ledger, params),
  queue: (ledger, params) => new QueueModel(ledger, params),
  rights: (ledger, params) => new RightsModel(ledger, params),
};

/**
 * The shape of a model's promises in the shared ledger: whether every order makes exactly one
 * entry (its promise: the release and the queue; the ledger then keeps entry e as order e), and,
 * for the others, entries an order makes on average (to size the ledger's columns; a hint, never a
 * limit), from the model's parameters and the mean order amount.
 */
export const LEDGER_SHAPE: { [K in FamilyModelV1['kind']]: { entryPerOrder: boolean; entriesPerOrder: (params: Params<K>, meanAmount: number) => number } } = {
  release: { entryPerOrder: true, entriesPerOrder: () => 1 },
  queue: { entryPerOrder: true, entriesPerOrder: () => 1 },
  // a right per unit of spend (RULEBOOK §9.5)
  rights: { entryPerOrder: false, entriesPerOrder: (params, mean) => mean / params.unit },
};
