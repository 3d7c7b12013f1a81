import { ensure, notFound } from '../shared/errors';
import type { HeldMeetingFacts } from '../shared/facts';
import type { MeetingState } from './state';

/** What a task review or a product needs of the meeting it cites: only a held meeting counts. */
export const toHeldMeetingFacts = (state: MeetingState, meetingId: string): HeldMeetingFacts => {
  ensure(state.status === 'held', () => notFound('held meeting', meetingId));
  return { meetingId: state.meetingId, communityId: state.communityId, heldOn: state.heldOn };
};
