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
