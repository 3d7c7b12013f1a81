import { notFound } from '../shared/errors';
import type { CommunityFacts, MemberFacts } from '../shared/facts';
import { assertNever } from '../shared/message';
import type { CommunityRecord, CommunityState, CommunityMember } from './types';

/** The member's attributes without the community's own bookkeeping (enrolment date). */
const toMemberFacts = (m: CommunityMember): MemberFacts => ({
  memberId: m.memberId,
  fullName: m.fullName,
  subject: m.subject,
  category: m.category,
  yearsInSpecialty: m.yearsInSpecialty,
  headOfInstitution: m.headOfInstitution,
});

const factsOf = (c: CommunityRecord, status: CommunityFacts['status']): CommunityFacts => ({
  communityId: c.communityId,
  status,
  profile: c.profile,
  schoolYear: c.schoolYear,
  districtId: c.districtId,
  institutionId: c.host.level === 'institution' ? c.host.institutionId : undefined,
  chairId: c.chair?.memberId ?? null,
  // Only a secretary elected for the current school year holds the office (000:6).
  secretaryId: c.secretary !== null && c.secretary.schoolYear === c.schoolYear ? c.secretary.memberId : null,
  members: Object.values(c.members).map(toMemberFacts),
});

/**
 * What other streams need to know about a community (shared/facts.ts). `communityId`
 * only names the community in the error when it does not exist.
 */
export const toCommunityFacts = (state: CommunityState, communityId = '(unknown)'): CommunityFacts => {
  switch (state.status) {
    case 'none':
      throw notFound('community', communityId);
    case 'active':
    case 'dissolved':
      return factsOf(state, state.status);
    default:
      return assertNever(state);
  }
};
