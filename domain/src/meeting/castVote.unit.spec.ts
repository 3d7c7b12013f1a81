import { decideAfter, expectDomainError, expectRuleViolation } from '../testing';
import type { CastVote } from './commands';
import { meetingDecider } from './decider';
import type { MeetingEvent, VoteChoice } from './events';
import {
  by,
  CHAIR,
  COMMUNITY_ID,
  expectForbidden,
  MEETING_ID,
  MEMBER_A,
  MEMBER_B,
  MEMBER_C,
  meetingHeld,
  meetingScheduled,
  motionProposed,
  MOTION_ID,
  NOW,
  OUTSIDER,
  voteCast,
  voteClosed,
} from './testFixtures';

const open: readonly MeetingEvent[] = [meetingScheduled(), meetingHeld({ attendeeIds: [CHAIR, MEMBER_A, MEMBER_B] }), motionProposed()];

const vote = (actorId: string, choice: VoteChoice = 'for', motionId = MOTION_ID): CastVote => ({
  type: 'CastVote',
  data: { meetingId: MEETING_ID, motionId, choice },
  metadata: by(actorId),
});

describe('CastVote', () => {
  it('a member present votes openly on the motion (000:8)', () => {
    expect(decideAfter(meetingDecider, open, vote(MEMBER_B, 'against'))).toEqual([
      {
        type: 'VoteCast',
        schemaVersion: 1,
        data: { meetingId: MEETING_ID, communityId: COMMUNITY_ID, motionId: MOTION_ID, voterId: MEMBER_B, choice: 'against', castAt: NOW },
      },
    ]);
  });

  it('a member may abstain (000:8)', () => {
    const [cast] = decideAfter(meetingDecider, open, vote(CHAIR, 'abstain'));
    expect(cast?.data).toMatchObject({ voterId: CHAIR, choice: 'abstain' });
  });

  it('a member who did not attend the meeting does not vote at it (000:8)', () => {
    expectForbidden(() => decideAfter(meetingDecider, open, vote(MEMBER_C)), '000:8');
  });

  it('a non-member does not vote (000:8)', () => {
    expectForbidden(() => decideAfter(meetingDecider, open, vote(OUTSIDER)), '000:8');
  });

  it('a second vote by the same member is rejected, whatever its choice (000:8)', () => {
    expectRuleViolation(() => decideAfter(meetingDecider, [...open, voteCast(MEMBER_A, 'for')], vote(MEMBER_A, 'against')), '000:8');
  });

  it('one member having voted does not stop another (000:8)', () => {
    const [cast] = decideAfter(meetingDecider, [...open, voteCast(MEMBER_A, 'for')], vote(MEMBER_B, 'for'));
    expect(cast?.data).toMatchObject({ voterId: MEMBER_B });
  });

  it('a vote on one motion does not count as a vote on another (000:8)', () => {
    const two = [...open, motionProposed({ motionId: 'motion-2' }), voteCast(MEMBER_A, 'for')];
    const [cast] = decideAfter(meetingDecider, two, vote(MEMBER_A, 'against', 'motion-2'));
    expect(cast?.data).toMatchObject({ motionId: 'motion-2', choice: 'against' });
  });

  it('no vote on a closed motion', () => {
    expectDomainError(() => decideAfter(meetingDecider, [...open, voteClosed(true)], vote(MEMBER_A)), 'INVALID_STATE');
  });

  it('no vote on an unknown motion', () => {
    expectDomainError(() => decideAfter(meetingDecider, open, vote(MEMBER_A, 'for', 'motion-9')), 'NOT_FOUND');
  });

  it('rejects a choice other than for, against or abstain', () => {
    expectDomainError(() => decideAfter(meetingDecider, open, vote(MEMBER_A, 'maybe' as VoteChoice)), 'BAD_USER_INPUT');
  });

  it('no vote at a meeting not yet held', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled()], vote(MEMBER_A)), 'INVALID_STATE');
  });
});
