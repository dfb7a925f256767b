/** PLACEHOLDER: the rights model (RULEBOOK §9) is being written; see src/engine/family/model.ts for the interface. */
import type { FamilyLedger } from '../../family/ledger.ts';
import type { FamilyModel } from '../../family/model.ts';
import type { FamilyModelV1, ModelChangeV1 } from '../../scenario/schema.ts';

export class RightsModel<T> implements FamilyModel<T> {
  readonly kind = 'rights' as const;
  dueToday: T;
  defaultToday: T;
  dividendToday: T | null = null;
  constructor(
    readonly ledger: FamilyLedger<T>,
    readonly params: Extract<FamilyModelV1, { kind: 'rights' }>,
  ) {
    this.dueToday = ledger.A.zero;
    this.defaultToday = ledger.A.zero;
    throw new Error('the rights model is not built yet');
  }
  order(_buyer: number, _amount: T): void {}
  endDay(_day: number): void {}
  change(_c: ModelChangeV1): void {}
  paidBy(_e: number, _t: number): T {
    return this.ledger.A.zero;
  }
}
