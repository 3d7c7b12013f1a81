import { ensure, forbidden, invalidState, notFound } from '../shared/errors';
import type { CommunityFacts } from '../shared/facts';
import { event, type Actor } from '../shared/message';
import type { CloseVote } from './commands';
import type { VoteClosed } from './events';
import { requireActiveCommunity, requireHeldMeeting, requireText } from './guards';
import { findMotion, type HeldMeeting, type MeetingState } from './state';
import { tallyVotes } from './tallyVotes';

/**
 * The chair who presides closes the vote; when the chair was absent the meeting was run by
 * whoever organises meetings, the chair or the secretary (000:7).
 */
const mayClose = (meeting: HeldMeeting, community: CommunityFacts, actor: Actor): boolean =>
  meeting.presidingChairId !== null
    ? actor.id === meeting.presidingChairId
    : actor.id === community.chairId || actor.id === community.secretaryId;

/**
 * Closes the open vote and records its outcome under the voting rule copied when the
 * meeting was held (000:8); the decision is a recommendation (000:9).
 */
export const closeVote = (command: CloseVote, state: MeetingState): readonly [VoteClosed] => {
  const { data, metadata } = command;
  const meeting = requireHeldMeeting(state, data.meetingId);
  requireActiveCommunity(data.community, meeting.communityId);
  const motionId = requireText(data.motionId, 'motionId');
  const motion = findMotion(meeting, motionId);
  ensure(motion !== undefined, () => notFound('motion', `${motionId} of meeting ${meeting.meetingId}`));
  ensure(motion.status === 'open', () => invalidState(`the vote on motion ${motionId} is already closed`));
  ensure(mayClose(meeting, data.community, metadata.actor), () =>
    forbidden(
      meeting.presidingChairId !== null
        ? `only the presiding chair ${meeting.presidingChairId} closes votes at meeting ${meeting.meetingId}`
        : `the chair was absent: only the chair or the secretary closes votes at meeting ${meeting.meetingId}`,
      '000:7',
    ),
  );
  return [
    event('VoteClosed', {
      meetingId: meeting.meetingId,
      communityId: meeting.communityId,
      motionId,
      outcome: tallyVotes({
        votes: motion.votes,
        quorumBase: meeting.quorumBase,
        presidingChairId: meeting.presidingChairId,
        voting: meeting.voting,
      }),
      closedBy: metadata.actor.id,
      closedAt: metadata.now,
    }),
  ];
};
