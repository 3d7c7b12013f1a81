import { badInput, ensure, forbidden, invalidState, notFound, ruleViolation } from '../shared/errors';
import type { CommunityFacts, MotionSubject } from '../shared/facts';
import { assertNever, event } from '../shared/message';
import type { ProposeMotion } from './commands';
import type { MotionProposed } from './events';
import { hasAgendaItem, isMember, requireActiveCommunity, requireHeldMeeting, requireMinutesOpen, requireOptionalText, requireText } from './guards';
import { findMotion, type HeldMeeting, type MeetingState } from './state';

const SUBJECT_KINDS: readonly MotionSubject['kind'][] = ['decision', 'electSecretary', 'discussPlan'];

/** What the motion is about, checked against the community where the community is the judge. */
const subjectOf = (subject: MotionSubject, community: CommunityFacts): MotionSubject => {
  ensure(
    typeof subject === 'object' && subject !== null && SUBJECT_KINDS.includes(subject.kind),
    () => badInput(`subject.kind must be one of ${SUBJECT_KINDS.join(', ')}`),
  );
  switch (subject.kind) {
    case 'decision':
      return { kind: 'decision' };
    case 'electSecretary': {
      const candidateId = requireText(subject.candidateId, 'subject.candidateId');
      const secretary = community.profile.secretary;
      ensure(secretary !== null, () => invalidState(`the regulation of community ${community.communityId} has no elected secretary`));
      ensure(isMember(community, candidateId), () =>
        ruleViolation(secretary.rule, `the secretary is elected from among the members; ${candidateId} is not a member`),
      );
      return { kind: 'electSecretary', candidateId };
    }
    case 'discussPlan':
      return { kind: 'discussPlan', planId: requireText(subject.planId, 'subject.planId') };
    default:
      return assertNever(subject);
  }
};

const agendaItemOf = (meeting: HeldMeeting, agendaItemId: unknown): string | null => {
  const itemId = requireOptionalText(agendaItemId, 'agendaItemId');
  ensure(itemId === null || hasAgendaItem(meeting, itemId), () => notFound('agenda item', `${String(itemId)} of meeting ${meeting.meetingId}`));
  return itemId;
};

/** A member taking part in the held meeting puts a question to its open vote (000:8). */
export const proposeMotion = (command: ProposeMotion, state: MeetingState): readonly [MotionProposed] => {
  const { data, metadata } = command;
  const meeting = requireHeldMeeting(state, data.meetingId);
  requireMinutesOpen(meeting);
  requireActiveCommunity(data.community, meeting.communityId);
  const motionId = requireText(data.motionId, 'motionId');
  ensure(findMotion(meeting, motionId) === undefined, () => invalidState(`motion ${motionId} was already proposed`));
  ensure(meeting.attendeeIds.includes(metadata.actor.id), () =>
    forbidden(`only members participating in meeting ${meeting.meetingId} propose motions at it`, '000:8'),
  );
  return [
    event('MotionProposed', {
      meetingId: meeting.meetingId,
      communityId: meeting.communityId,
      motionId,
      text: requireText(data.text, 'text'),
      subject: subjectOf(data.subject, data.community),
      agendaItemId: agendaItemOf(meeting, data.agendaItemId),
      proposedBy: metadata.actor.id,
      proposedAt: metadata.now,
    }),
  ];
};
