import { domainErrorOf, stateAfter } from '../testing';
import { meetingDecider } from './decider';
import { COMMUNITY_ID, MEETING_ID, meetingHeld, meetingScheduled, motionProposed, MOTION_ID, TODAY, voteClosed } from './testFixtures';
import { toMotionFacts } from './toMotionFacts';

const held = [meetingScheduled(), meetingHeld()];

describe('toMotionFacts', () => {
  it('an open motion is not carried yet: carried is null', () => {
    expect(toMotionFacts(stateAfter(meetingDecider, [...held, motionProposed({ subject: { kind: 'discussPlan', planId: 'plan-1' } })]), MOTION_ID)).toEqual({
      meetingId: MEETING_ID,
      motionId: MOTION_ID,
      communityId: COMMUNITY_ID,
      subject: { kind: 'discussPlan', planId: 'plan-1' },
      text: 'Recommend the Lesson Study cycle to all grade 7 teachers',
      carried: null,
      heldOn: TODAY,
    });
  });

  it('a carried motion elects the secretary the community stream reads (000:6, 000:8)', () => {
    const state = stateAfter(meetingDecider, [...held, motionProposed({ subject: { kind: 'electSecretary', candidateId: 'teacher-b' } }), voteClosed(true)]);
    expect(toMotionFacts(state, MOTION_ID)).toMatchObject({ carried: true, subject: { kind: 'electSecretary', candidateId: 'teacher-b' } });
  });

  it('a motion voted down is not carried (000:8)', () => {
    expect(toMotionFacts(stateAfter(meetingDecider, [...held, motionProposed(), voteClosed(false)]), MOTION_ID).carried).toBe(false);
  });

  it('an unknown motion is not found', () => {
    expect(domainErrorOf(() => toMotionFacts(stateAfter(meetingDecider, held), MOTION_ID)).code).toBe('NOT_FOUND');
  });

  it('a meeting not yet held has no motions', () => {
    expect(domainErrorOf(() => toMotionFacts(stateAfter(meetingDecider, [meetingScheduled()]), MOTION_ID)).code).toBe('NOT_FOUND');
  });
});
