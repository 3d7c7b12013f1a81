import { ensure, invalidState } from '../shared/errors';
import { dateOf } from '../shared/calendar';
import { event } from '../shared/message';
import { requireActive, requireDistrict, requireMembershipAuthority, requireSingleSubjectFit, validateMember } from './guards';
import type { CommunityState, EnrollMember, MemberEnrolled } from './types';

/**
 * Enrols a teacher: by order where the regulation sets the members by order
 * (001:app1.1), or by the teacher's own choice where membership is voluntary (002:1.5).
 * A single-subject community takes only teachers of its subject (003:1.2).
 */
export const enrollMember = (command: EnrollMember, state: CommunityState): readonly MemberEnrolled[] => {
  const { data, metadata } = command;
  const community = requireActive(state, data.communityId);
  requireDistrict(metadata, community);
  const member = validateMember(data.member, 'member');
  const authority = requireMembershipAuthority(metadata, community, member.memberId, data.order);
  ensure(community.members[member.memberId] === undefined, () =>
    invalidState(`${member.memberId} is already a member of community ${community.communityId}`),
  );
  requireSingleSubjectFit(community.profile, community.subjects, [member]);

  return [
    event('MemberEnrolled', {
      communityId: community.communityId,
      member,
      enrolment: authority.byOrder ? 'byOrder' : 'voluntary',
      order: authority.order,
      enrolledOn: authority.order?.date ?? dateOf(metadata.now),
      enrolledBy: metadata.actor.id,
      enrolledAt: metadata.now,
    }),
  ];
};
