import { assertNever, type Decider } from '../shared/message';
import { cancelMeeting } from './cancelMeeting';
import { castVote } from './castVote';
import { closeVote } from './closeVote';
import type { MeetingCommand } from './commands';
import type { MeetingEvent } from './events';
import { holdMeeting } from './holdMeeting';
import { proposeMotion } from './proposeMotion';
import { recordMinutes } from './recordMinutes';
import { scheduleMeeting } from './scheduleMeeting';
import { evolveMeeting, evolveMeetingRun, initialMeetingState, type MeetingState } from './state';

export const decideMeeting = (command: MeetingCommand, state: MeetingState): readonly MeetingEvent[] => {
  switch (command.type) {
    case 'ScheduleMeeting':
      return scheduleMeeting(command, state);
    case 'HoldMeeting':
      return holdMeeting(command, state);
    case 'CancelMeeting':
      return cancelMeeting(command, state);
    case 'ProposeMotion':
      return proposeMotion(command, state);
    case 'CastVote':
      return castVote(command, state);
    case 'CloseVote':
      return closeVote(command, state);
    case 'RecordMinutes':
      return recordMinutes(command, state);
    default:
      return assertNever(command);
  }
};

/** The meeting stream (`meeting-<meetingId>`). */
export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState> = {
  initialState: initialMeetingState,
  decide: decideMeeting,
  evolve: evolveMeeting,
  evolveRun: evolveMeetingRun,
};
