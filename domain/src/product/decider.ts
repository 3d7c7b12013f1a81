import { assertNever, type Decider } from '../shared/message';
import { recordProductDemand } from './recordProductDemand';
import { registerProduct } from './registerProduct';
import type { ProductCommand, ProductEvent, ProductState } from './types';

export const initialProductState = (): ProductState => ({ status: 'none' });

export const decideProduct = (command: ProductCommand, state: ProductState): readonly ProductEvent[] => {
  switch (command.type) {
    case 'RegisterProduct':
      return registerProduct(command, state);
    case 'RecordProductDemand':
      return recordProductDemand(command, state);
    default:
      return assertNever(command);
  }
};

/** Total: demand recorded before a registration (which the decider never emits) is ignored. */
export const evolveProduct = (state: ProductState, event: ProductEvent): ProductState => {
  switch (event.type) {
    case 'ProductRegistered': {
      const d = event.data;
      return {
        status: 'registered',
        productId: d.productId,
        communityId: d.communityId,
        kind: d.kind,
        title: d.title,
        description: d.description ?? null,
        url: d.url ?? null,
        authorIds: d.authorIds,
        producedOn: d.producedOn,
        schoolYear: d.schoolYear,
        meetingId: d.meetingId ?? null,
        planTaskId: d.planTaskId ?? null,
        demand: [],
      };
    }
    case 'ProductDemandRecorded': {
      if (state.status !== 'registered') return state;
      const { byCommunityId, kind, recordedAt } = event.data;
      return { ...state, demand: [...state.demand, { byCommunityId, kind, recordedAt }] };
    }
    default:
      return assertNever(event);
  }
};

export const productDecider: Decider<ProductCommand, ProductEvent, ProductState> = {
  initialState: initialProductState,
  decide: decideProduct,
  evolve: evolveProduct,
};
