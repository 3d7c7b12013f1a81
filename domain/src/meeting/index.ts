/** The meeting stream: meetings, motions, open votes and minutes (000:7, 000:8, 000:9, 003:3.4, 004:4.6). */
export * from './commands';
export * from './events';
export type { CancelledMeeting, HeldMeeting, MeetingState, Minutes, Motion, NoMeeting, ScheduledMeeting } from './state';
export { evolveMeeting, initialMeetingState } from './state';
export { decideMeeting, meetingDecider } from './decider';
export { tallyVotes, type TallyInput } from './tallyVotes';
export { toMotionFacts } from './toMotionFacts';
export { toHeldMeetingFacts } from './toHeldMeetingFacts';
export { scheduleMeeting } from './scheduleMeeting';
export { holdMeeting } from './holdMeeting';
export { cancelMeeting } from './cancelMeeting';
export { proposeMotion } from './proposeMotion';
export { castVote } from './castVote';
export { closeVote } from './closeVote';
export { recordMinutes } from './recordMinutes';
