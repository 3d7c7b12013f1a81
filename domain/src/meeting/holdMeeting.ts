import { dateOf } from '../shared/calendar';
import { badInput, ensure, invalidState, ruleViolation } from '../shared/errors';
import type { CommunityFacts } from '../shared/facts';
import { event } from '../shared/message';
import type { HoldMeeting } from './commands';
import type { MeetingHeld } from './events';
import { firstDuplicate, isMember, requireActiveCommunity, requireDate, requireExistingMeeting, requireOrganiser, requireText } from './guards';
import type { MeetingState } from './state';

/** The members participating in the meeting: the base of every vote at it (000:8). */
const attendeesOf = (attendeeIds: unknown, community: CommunityFacts): readonly string[] => {
  ensure(Array.isArray(attendeeIds) && attendeeIds.length > 0, () => ruleViolation('000:8', 'a meeting is held by the members participating in it; name at least one'));
  const ids = attendeeIds.map((id, i) => requireText(id, `attendeeIds[${i}]`));
  const duplicate = firstDuplicate(ids);
  ensure(duplicate === undefined, () => ruleViolation('000:8', `attendee ${String(duplicate)} is named twice; each member present counts once`));
  const outsider = ids.find((id) => !isMember(community, id));
  ensure(outsider === undefined, () => ruleViolation('000:8', `attendee ${String(outsider)} is not a member; only members participate in the meeting`));
  return ids;
};

/**
 * The chair holds the meeting (000:7). The attendees fix the base of every vote at it, and
 * the voting rule in force today is copied so later votes at this meeting keep it (000:8).
 */
export const holdMeeting = (command: HoldMeeting, state: MeetingState): readonly [MeetingHeld] => {
  const { data, metadata } = command;
  const meeting = requireExistingMeeting(state, data.meetingId);
  ensure(meeting.status === 'scheduled', () => invalidState(`meeting ${meeting.meetingId} is ${meeting.status}; only a scheduled meeting can be held`));
  requireActiveCommunity(data.community, meeting.communityId);
  requireOrganiser(data.community, metadata.actor, 'holds meetings');
  const heldOn = requireDate(data.heldOn, 'heldOn');
  ensure(heldOn <= dateOf(metadata.now), () => badInput(`a meeting cannot be held on ${heldOn}, a day still to come`));
  const attendeeIds = attendeesOf(data.attendeeIds, data.community);
  const chairId = data.community.chairId;
  return [
    event('MeetingHeld', {
      meetingId: meeting.meetingId,
      communityId: meeting.communityId,
      heldOn,
      attendeeIds,
      quorumBase: attendeeIds.length,
      presidingChairId: chairId !== null && attendeeIds.includes(chairId) ? chairId : null,
      voting: { tieBreak: data.community.profile.voting.tieBreak, rule: data.community.profile.voting.rule },
      heldBy: metadata.actor.id,
      heldAt: metadata.now,
    }),
  ];
};
