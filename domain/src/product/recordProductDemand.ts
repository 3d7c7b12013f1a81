import { ensure, invalidState, notFound, ruleViolation } from '../shared/errors';
import { event } from '../shared/message';
import { DEMAND_KINDS, type ProductDemandRecorded, type ProductState, type RecordProductDemand } from './types';
import { defined, optionalText, requireOneOf, requireText } from './validation';

/**
 * Records that another community adopted or requested a product: the demand for results
 * that 002:6.1 evaluates. Anyone acting for the tenant may record it (an expert, a teacher,
 * an official). Demand counts distinct communities, so each records each kind once.
 */
export const recordProductDemand = (command: RecordProductDemand, state: ProductState): ProductDemandRecorded[] => {
  const { data, metadata } = command;
  ensure(state.status === 'registered', () => notFound('product', data.productId));
  const byCommunityId = data.byCommunity.communityId;
  const kind = requireOneOf(data.kind, DEMAND_KINDS, 'kind');
  ensure(
    byCommunityId !== state.communityId,
    () => ruleViolation('002:6.1', `demand for results comes from other communities, not from ${state.communityId} itself`),
  );
  ensure(
    !state.demand.some((d) => d.byCommunityId === byCommunityId && d.kind === kind),
    () => invalidState(`community ${byCommunityId} has already ${kind} product ${state.productId}`),
  );

  return [
    event('ProductDemandRecorded', {
      productId: state.productId,
      communityId: state.communityId,
      byCommunityId,
      kind,
      ...defined({ note: optionalText(data.note, 'note') }),
      recordedBy: metadata.actor.id,
      recordedByRole: metadata.actor.role,
      recordedAt: metadata.now,
    }),
  ];
};
