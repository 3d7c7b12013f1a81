import { fold } from '../shared/message';
import type { MeetingEvent } from './events';
import { evolveMeeting, evolveMeetingRun, initialMeetingState, type HeldMeeting } from './state';
import { CHAIR, MEMBER_A, MEMBER_B, MEMBER_C, meetingHeld, meetingScheduled, motionProposed, SECRETARY, voteCast, voteClosed } from './testFixtures';

const SECOND = 'motion-2';

/** A stream with votes in bursts, interleaved across motions, after a close, before the meeting was held, and by an id that names Object.prototype. */
const stream: readonly MeetingEvent[] = [
  meetingScheduled(),
  voteCast(MEMBER_A, 'for'),
  meetingHeld(),
  motionProposed(),
  motionProposed({ motionId: SECOND }),
  voteCast(CHAIR, 'for'),
  voteCast(SECRETARY, 'against'),
  voteCast(MEMBER_A, 'abstain'),
  voteCast(MEMBER_B, 'for', SECOND),
  voteCast('__proto__', 'against', SECOND),
  voteCast(MEMBER_B, 'for'),
  voteClosed(true),
  voteCast(MEMBER_C, 'against'),
  voteCast(MEMBER_C, 'for', SECOND),
];

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

describe('evolveMeetingRun', () => {
  const expected = fold(evolveMeeting, initialMeetingState(), stream);

  it('gives the state evolveMeeting gives event by event, for every split of the stream into runs', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const before = deepFreeze(evolveMeetingRun(initialMeetingState(), stream.slice(0, cut)));
      expect(JSON.stringify(evolveMeetingRun(before, stream.slice(cut)))).toBe(JSON.stringify(expected));
    }
  });

  it('counts a burst into a new tally and leaves the given state as it was', () => {
    const held = deepFreeze(evolveMeetingRun(initialMeetingState(), stream.slice(0, 5))) as HeldMeeting;
    const after = evolveMeetingRun(held, stream.slice(5, 8)) as HeldMeeting;
    expect(held.motions['motion-1']?.votes).toEqual({});
    expect(after.motions['motion-1']?.votes).toEqual({ [CHAIR]: 'for', [SECRETARY]: 'against', [MEMBER_A]: 'abstain' });
  });

  it('keeps a voter id such as __proto__ as a vote, not as a prototype', () => {
    for (const state of [expected, evolveMeetingRun(initialMeetingState(), stream)]) {
      const votes = (state as HeldMeeting).motions[SECOND]?.votes ?? {};
      expect(Object.keys(votes)).toEqual([MEMBER_B, '__proto__', MEMBER_C]);
      expect(Object.hasOwn(votes, '__proto__')).toBe(true);
      expect(JSON.parse(JSON.stringify(votes))).toEqual({ [MEMBER_B]: 'for', ['__proto__']: 'against', [MEMBER_C]: 'for' });
    }
  });

  it('ignores votes on a closed motion or before the meeting was held, as evolveMeeting does', () => {
    const first = (expected as HeldMeeting).motions['motion-1'];
    expect(first?.status).toBe('closed');
    expect(Object.keys(first?.votes ?? {})).toEqual([CHAIR, SECRETARY, MEMBER_A, MEMBER_B]);
  });
});
