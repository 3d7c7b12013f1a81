import { badInput, ensure, forbidden, invalidState, notFound, ruleViolation } from '../shared/errors';
import type { CommunityFacts } from '../shared/facts';
import { assertNever, event } from '../shared/message';
import type { MinutesDecisionInput, MinutesQuestionInput, RecordMinutes } from './commands';
import type { MinutesDecision, MinutesQuestion, MinutesRecorded } from './events';
import { hasAgendaItem, requireActiveCommunity, requireHeldMeeting, requireMinutesOpen, requireOptionalText, requireText, requireTexts } from './guards';
import { findMotion, openMotions, type HeldMeeting, type MeetingState } from './state';

/** Who must sign the minutes under the community's profile, or null when that office is vacant. */
const signatoryOf = (community: CommunityFacts): string | null => {
  const signedBy = community.profile.minutes.signedBy;
  switch (signedBy) {
    case 'chair':
      return community.chairId;
    default:
      return assertNever(signedBy);
  }
};

const listOf = <T>(values: unknown, field: string): readonly T[] => {
  ensure(Array.isArray(values), () => badInput(`${field} must be a list`));
  return values as readonly T[];
};

const questionOf = (meeting: HeldMeeting, q: MinutesQuestionInput, i: number): MinutesQuestion => {
  ensure(typeof q === 'object' && q !== null, () => badInput(`questions[${i}] must be a question`));
  const agendaItemId = requireOptionalText(q.agendaItemId, `questions[${i}].agendaItemId`);
  ensure(agendaItemId === null || hasAgendaItem(meeting, agendaItemId), () =>
    notFound('agenda item', `${String(agendaItemId)} of meeting ${meeting.meetingId}`),
  );
  return {
    agendaItemId,
    question: requireText(q.question, `questions[${i}].question`),
    summary: requireText(q.summary, `questions[${i}].summary`),
  };
};

/** A decision in the minutes that cites a motion must have been taken by it: carried by the vote (000:8). */
const decisionOf = (meeting: HeldMeeting, d: MinutesDecisionInput, i: number): MinutesDecision => {
  ensure(typeof d === 'object' && d !== null, () => badInput(`decisions[${i}] must be a decision`));
  const motionId = requireOptionalText(d.motionId, `decisions[${i}].motionId`);
  if (motionId !== null) {
    const motion = findMotion(meeting, motionId);
    ensure(motion !== undefined, () => notFound('motion', `${motionId} of meeting ${meeting.meetingId}`));
    ensure(motion.status === 'closed', () => invalidState(`the vote on motion ${motionId} is still open`));
    ensure(motion.outcome.carried, () =>
      ruleViolation(motion.outcome.rule, `motion ${motionId} was not carried (${motion.outcome.reason}); it is no decision of the meeting`),
    );
  }
  return { motionId, text: requireText(d.text, `decisions[${i}].text`) };
};

/**
 * The protocol of a held meeting (000:9, 004:4.6): the questions discussed with the
 * recommendations on them, signed by the chair (003:3.4). Recorded once, after every vote
 * at the meeting is closed.
 */
export const recordMinutes = (command: RecordMinutes, state: MeetingState): readonly [MinutesRecorded] => {
  const { data, metadata } = command;
  const meeting = requireHeldMeeting(state, data.meetingId);
  requireMinutesOpen(meeting);
  requireActiveCommunity(data.community, meeting.communityId);
  const minutesRule = data.community.profile.minutes.rule;
  const signatory = signatoryOf(data.community);
  ensure(signatory !== null && metadata.actor.id === signatory, () =>
    forbidden(
      signatory === null
        ? `the minutes are signed by the ${data.community.profile.minutes.signedBy}, and community ${data.community.communityId} has none`
        : `the minutes are signed by the ${data.community.profile.minutes.signedBy}, ${signatory}`,
      minutesRule,
    ),
  );
  const stillOpen = openMotions(meeting).map((m) => m.motionId);
  ensure(stillOpen.length === 0, () => invalidState(`the vote on motion(s) ${stillOpen.join(', ')} is still open`));
  const questions = listOf<MinutesQuestionInput>(data.questions, 'questions').map((q, i) => questionOf(meeting, q, i));
  ensure(questions.length > 0, () => badInput('the minutes record at least one question discussed'));
  return [
    event('MinutesRecorded', {
      meetingId: meeting.meetingId,
      communityId: meeting.communityId,
      questions,
      decisions: listOf<MinutesDecisionInput>(data.decisions, 'decisions').map((d, i) => decisionOf(meeting, d, i)),
      recommendations: requireTexts(data.recommendations, 'recommendations'),
      signedBy: metadata.actor.id,
      recordedAt: metadata.now,
    }),
  ];
};
