import { ensure, invalidState, ruleViolation } from '../shared/errors';
import { event } from '../shared/message';
import {
  chairEligibilityRule,
  isEligibleChair,
  requireActive,
  requireDistrict,
  requireOrderIssuer,
  requireOwnInstitution,
  requireText,
  validateOrder,
} from './guards';
import type { AppointChair, ChairAppointed, CommunityState } from './types';

/**
 * Appoints the chair by order (000:6, 002:4.5, 004:1.4). The chair is one of the
 * members (001:2.1) and meets the profile's eligibility criteria (003:3.1, 004:4.2).
 */
export const appointChair = (command: AppointChair, state: CommunityState): readonly ChairAppointed[] => {
  const { data, metadata } = command;
  const community = requireActive(state, data.communityId);
  requireDistrict(metadata, community);
  requireOrderIssuer(metadata, community.profile);
  requireOwnInstitution(metadata, community.host);
  const order = validateOrder(data.order, metadata.now);
  const memberId = requireText(data.memberId, 'memberId');

  const candidate = community.members[memberId];
  ensure(candidate !== undefined, () => ruleViolation('001:2.1', `the chair is one of the members; ${memberId} is not`));
  ensure(isEligibleChair(candidate, community.profile), () =>
    ruleViolation(chairEligibilityRule(community.profile), `${memberId} does not meet the chair's eligibility criteria`, {
      criteria: community.profile.chairEligibility.anyOf,
    }),
  );
  ensure(community.chair?.memberId !== memberId, () => invalidState(`${memberId} already chairs the community`));

  return [
    event('ChairAppointed', {
      communityId: community.communityId,
      memberId,
      previousChairId: community.chair?.memberId ?? null,
      order,
      appointedOn: order.date,
      appointedBy: metadata.actor.id,
      appointedAt: metadata.now,
    }),
  ];
};
