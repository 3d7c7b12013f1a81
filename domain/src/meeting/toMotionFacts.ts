import { ensure, notFound } from '../shared/errors';
import type { MotionFacts } from '../shared/facts';
import { findMotion, type MeetingState } from './state';

/**
 * What other streams need of a motion: the community stream elects a secretary by it
 * (000:6), the plan stream counts a carried discussion as a step of the chain (000:7,
 * 003:3.2). `carried` stays null while the vote is open.
 */
export const toMotionFacts = (state: MeetingState, motionId: string): MotionFacts => {
  const motion = state.status === 'held' ? findMotion(state, motionId) : undefined;
  ensure(state.status === 'held' && motion !== undefined, () => notFound('motion', motionId));
  return {
    meetingId: state.meetingId,
    motionId: motion.motionId,
    communityId: state.communityId,
    subject: motion.subject,
    text: motion.text,
    carried: motion.status === 'closed' ? motion.outcome.carried : null,
    heldOn: state.heldOn,
  };
};
