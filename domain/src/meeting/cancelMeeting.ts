import { ensure, invalidState } from '../shared/errors';
import { event } from '../shared/message';
import type { CancelMeeting } from './commands';
import type { MeetingCancelled } from './events';
import { requireActiveCommunity, requireExistingMeeting, requireOrganiser, requireText } from './guards';
import type { MeetingState } from './state';

/** Whoever organises meetings may call one off before it is held (000:7); the reason stays for the audit. */
export const cancelMeeting = (command: CancelMeeting, state: MeetingState): readonly [MeetingCancelled] => {
  const { data, metadata } = command;
  const meeting = requireExistingMeeting(state, data.meetingId);
  ensure(meeting.status === 'scheduled', () => invalidState(`meeting ${meeting.meetingId} is ${meeting.status}; only a scheduled meeting can be cancelled`));
  requireActiveCommunity(data.community, meeting.communityId);
  requireOrganiser(data.community, metadata.actor, 'cancels meetings');
  return [
    event('MeetingCancelled', {
      meetingId: meeting.meetingId,
      communityId: meeting.communityId,
      reason: requireText(data.reason, 'reason'),
      cancelledBy: metadata.actor.id,
      cancelledAt: metadata.now,
    }),
  ];
};
