import { badInput, ensure, ruleViolation } from '../shared/errors';
import { isSchoolYear, nextSchoolYear } from '../shared/calendar';
import { event } from '../shared/message';
import { requireActive, requireDistrict, requireOrderIssuer, requireOwnInstitution, validateOrder } from './guards';
import type { CommunityContinued, CommunityState, ContinueCommunity } from './types';

/**
 * Carries a community into the next school year by a new order: a community is created
 * for each school year (001:2.1). Members and chair stay; the secretary's one-year term
 * ends (000:6), so the members elect one again.
 */
export const continueCommunity = (command: ContinueCommunity, state: CommunityState): readonly CommunityContinued[] => {
  const { data, metadata } = command;
  const community = requireActive(state, data.communityId);
  requireDistrict(metadata, community);
  requireOrderIssuer(metadata, community.profile);
  requireOwnInstitution(metadata, community.host);
  const order = validateOrder(data.order, metadata.now);
  ensure(isSchoolYear(data.schoolYear), () => badInput(`schoolYear ${data.schoolYear} is not like 2025-2026`));
  const expected = nextSchoolYear(community.schoolYear);
  ensure(data.schoolYear === expected, () =>
    ruleViolation('001:2.1', `a community working in ${community.schoolYear} continues into ${expected} only`, {
      expected,
    }),
  );

  return [
    event('CommunityContinued', {
      communityId: community.communityId,
      previousSchoolYear: community.schoolYear,
      schoolYear: data.schoolYear,
      secretaryTermEnded: community.secretary?.memberId ?? null,
      order,
      continuedBy: metadata.actor.id,
      continuedAt: metadata.now,
    }),
  ];
};
