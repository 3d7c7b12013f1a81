import { badInput, ensure, invalidState, ruleViolation } from '../shared/errors';
import { isIsoDate, schoolYearOf } from '../shared/calendar';
import { event } from '../shared/message';
import type { MotionFacts } from '../shared/facts';
import { requireActive, requireDistrict, requireText } from './guards';
import type { CommunityState, ElectSecretary, SecretaryElected } from './types';

const validateMotion = (motion: unknown): MotionFacts => {
  ensure(typeof motion === 'object' && motion !== null, () => badInput('the motion of the election must be given'));
  const m = motion as Partial<MotionFacts>;
  requireText(m.meetingId, 'motion.meetingId');
  requireText(m.motionId, 'motion.motionId');
  requireText(m.communityId, 'motion.communityId');
  ensure(typeof m.subject === 'object' && m.subject !== null, () => badInput('motion.subject must be given'));
  ensure(m.carried === true || m.carried === false || m.carried === null, () => badInput('motion.carried is malformed'));
  ensure(typeof m.heldOn === 'string' && isIsoDate(m.heldOn), () => badInput('motion.heldOn must be a date YYYY-MM-DD'));
  return motion as MotionFacts;
};

/**
 * Records the election of the secretary by the members, from among themselves, for the
 * current school year (000:6), by a motion carried at a meeting (000:8).
 */
export const electSecretary = (command: ElectSecretary, state: CommunityState): readonly SecretaryElected[] => {
  const { data, metadata } = command;
  const community = requireActive(state, data.communityId);
  requireDistrict(metadata, community);
  const secretaryRules = community.profile.secretary;
  ensure(secretaryRules !== null, () => ruleViolation('000:6', 'this kind of community has no elected secretary'));
  const memberId = requireText(data.memberId, 'memberId');

  const motion = validateMotion(data.motion);
  ensure(motion.communityId === community.communityId, () => badInput(`motion ${motion.motionId} belongs to another community`));
  ensure(motion.subject.kind === 'electSecretary' && motion.subject.candidateId === memberId, () =>
    badInput(`motion ${motion.motionId} is not the election of ${memberId} as secretary`),
  );
  ensure(motion.carried !== null, () => invalidState(`the vote on motion ${motion.motionId} is still open`));
  ensure(motion.carried, () =>
    ruleViolation(community.profile.voting.rule, `motion ${motion.motionId} did not win a majority of the members present`),
  );
  ensure(community.members[memberId] !== undefined, () =>
    ruleViolation(secretaryRules.rule, `the secretary is elected from among the members; ${memberId} is not one`),
  );
  ensure(schoolYearOf(motion.heldOn) === community.schoolYear, () =>
    ruleViolation(secretaryRules.rule, `the term is ${community.schoolYear}; the vote was held on ${motion.heldOn}`),
  );
  ensure(community.secretary?.memberId !== memberId, () =>
    invalidState(`${memberId} is already the secretary for ${community.schoolYear}`),
  );

  return [
    event('SecretaryElected', {
      communityId: community.communityId,
      memberId,
      schoolYear: community.schoolYear,
      previousSecretaryId: community.secretary?.memberId ?? null,
      meetingId: motion.meetingId,
      motionId: motion.motionId,
      electedOn: motion.heldOn,
      electedAt: metadata.now,
    }),
  ];
};
