import { event } from '../shared/message';
import { requireActive, requireDistrict, requireOrderIssuer, requireOwnInstitution, requireText, validateOrder } from './guards';
import type { CommunityDissolved, CommunityState, DissolveCommunity } from './types';

/** Dissolves a community by order (003:1.5, 004:1.4); nothing can be done with it afterwards. */
export const dissolveCommunity = (command: DissolveCommunity, state: CommunityState): readonly CommunityDissolved[] => {
  const { data, metadata } = command;
  const community = requireActive(state, data.communityId);
  requireDistrict(metadata, community);
  requireOrderIssuer(metadata, community.profile);
  requireOwnInstitution(metadata, community.host);
  const order = validateOrder(data.order, metadata.now);

  return [
    event('CommunityDissolved', {
      communityId: community.communityId,
      reason: requireText(data.reason, 'reason'),
      order,
      dissolvedBy: metadata.actor.id,
      dissolvedAt: metadata.now,
      memberIds: Object.keys(community.members),
    }),
  ];
};
