import { badInput, ensure, forbidden, invalidState, notFound, ruleViolation } from '../shared/errors';
import { event } from '../shared/message';
import type { CastVote } from './commands';
import { VOTE_CHOICES, type VoteCast } from './events';
import { requireHeldMeeting, requireText } from './guards';
import { findMotion, lookup, type MeetingState } from './state';

/**
 * An open vote, cast in person: only members participating in the meeting vote, and each
 * member votes once (000:8).
 */
export const castVote = (command: CastVote, state: MeetingState): readonly [VoteCast] => {
  const { data, metadata } = command;
  const meeting = requireHeldMeeting(state, data.meetingId);
  const motionId = requireText(data.motionId, 'motionId');
  const motion = findMotion(meeting, motionId);
  ensure(motion !== undefined, () => notFound('motion', `${motionId} of meeting ${meeting.meetingId}`));
  ensure(motion.status === 'open', () => invalidState(`the vote on motion ${motionId} is closed`));
  ensure(VOTE_CHOICES.includes(data.choice), () => badInput(`choice must be one of ${VOTE_CHOICES.join(', ')}`));
  const voterId = metadata.actor.id;
  ensure(meeting.attendeeIds.includes(voterId), () =>
    forbidden(`only members participating in meeting ${meeting.meetingId} vote at it; ${voterId} did not attend`, '000:8'),
  );
  ensure(lookup(motion.votes, voterId) === undefined, () =>
    ruleViolation('000:8', `${voterId} has already voted on motion ${motionId}; each member votes once`),
  );
  return [
    event('VoteCast', {
      meetingId: meeting.meetingId,
      communityId: meeting.communityId,
      motionId,
      voterId,
      choice: data.choice,
      castAt: metadata.now,
    }),
  ];
};
