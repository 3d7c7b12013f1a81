import { ensure, notFound } from '../shared/errors';
import { event } from '../shared/message';
import {
  optionalText,
  requireActive,
  requireDistrict,
  requireMembershipAuthority,
  requireMinMembers,
  requireText,
} from './guards';
import type { CommunityState, MemberRemoved, RemoveMember } from './types';

/**
 * Removes a member under the same authority that enrols one (001:app1.1, 002:1.5), never
 * below the profile's minimum (003:1.2). A departing chair or secretary leaves the
 * office vacant (000:6).
 */
export const removeMember = (command: RemoveMember, state: CommunityState): readonly MemberRemoved[] => {
  const { data, metadata } = command;
  const community = requireActive(state, data.communityId);
  requireDistrict(metadata, community);
  const memberId = requireText(data.memberId, 'memberId');
  const authority = requireMembershipAuthority(metadata, community, memberId, data.order);
  ensure(community.members[memberId] !== undefined, () => notFound('member', memberId));
  requireMinMembers(community.profile, Object.keys(community.members).length - 1);

  return [
    event('MemberRemoved', {
      communityId: community.communityId,
      memberId,
      leftVoluntarily: !authority.byOrder && metadata.actor.id === memberId,
      order: authority.order,
      reason: optionalText(data.reason, 'reason'),
      chairVacated: community.chair?.memberId === memberId,
      secretaryVacated: community.secretary?.memberId === memberId,
      removedBy: metadata.actor.id,
      removedAt: metadata.now,
    }),
  ];
};
