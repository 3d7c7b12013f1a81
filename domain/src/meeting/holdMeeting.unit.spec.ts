import { decideAfter, expectDomainError, expectRuleViolation } from '../testing';
import type { HoldMeeting, HoldMeetingData } from './commands';
import { meetingDecider } from './decider';
import {
  ALL_PRESENT,
  by,
  CHAIR,
  COMMUNITY_ID,
  community,
  expectForbidden,
  MEETING_ID,
  MEMBER_A,
  MEMBER_B,
  meetingCancelled,
  meetingHeld,
  meetingScheduled,
  NOW,
  OUTSIDER,
  profile,
  SECRETARY,
  TODAY,
} from './testFixtures';

const hold = (actorId = CHAIR, overrides: Partial<HoldMeetingData> = {}): HoldMeeting => ({
  type: 'HoldMeeting',
  data: { meetingId: MEETING_ID, community: community(), heldOn: TODAY, attendeeIds: ALL_PRESENT, ...overrides },
  metadata: by(actorId),
});

describe('HoldMeeting', () => {
  it('the chair holds the meeting; the members present are the base of its votes (000:7, 000:8)', () => {
    expect(decideAfter(meetingDecider, [meetingScheduled()], hold(CHAIR))).toEqual([
      {
        type: 'MeetingHeld',
        schemaVersion: 1,
        data: {
          meetingId: MEETING_ID,
          communityId: COMMUNITY_ID,
          heldOn: TODAY,
          attendeeIds: ALL_PRESENT,
          quorumBase: 5,
          presidingChairId: CHAIR,
          voting: { tieBreak: 'chairDecides', rule: '000:8' },
          heldBy: CHAIR,
          heldAt: NOW,
        },
      },
    ]);
  });

  it('the secretary holds a meeting the chair missed; no chair presides (000:7, 000:8)', () => {
    const [held] = decideAfter(meetingDecider, [meetingScheduled()], hold(SECRETARY, { attendeeIds: [SECRETARY, MEMBER_A, MEMBER_B] }));
    expect(held?.data).toMatchObject({ quorumBase: 3, presidingChairId: null, heldBy: SECRETARY });
  });

  it('a member who is neither chair nor secretary may not hold the meeting (000:7)', () => {
    expectForbidden(() => decideAfter(meetingDecider, [meetingScheduled()], hold(MEMBER_A)), '000:7');
  });

  it('copies the voting rule of the profile in force, so a tie is not carried where the profile says so (000:8)', () => {
    const russian = community({ profile: profile('ru-school-plc') });
    const [held] = decideAfter(meetingDecider, [meetingScheduled()], hold(CHAIR, { community: russian }));
    expect(held?.data).toMatchObject({ voting: { tieBreak: 'notCarried', rule: '000:8' } });
  });

  it('only members participate in the meeting (000:8)', () => {
    expectRuleViolation(() => decideAfter(meetingDecider, [meetingScheduled()], hold(CHAIR, { attendeeIds: [CHAIR, OUTSIDER] })), '000:8');
  });

  it('a meeting needs members participating (000:8)', () => {
    expectRuleViolation(() => decideAfter(meetingDecider, [meetingScheduled()], hold(CHAIR, { attendeeIds: [] })), '000:8');
  });

  it('each member present counts once (000:8)', () => {
    expectRuleViolation(() => decideAfter(meetingDecider, [meetingScheduled()], hold(CHAIR, { attendeeIds: [CHAIR, MEMBER_A, MEMBER_A] })), '000:8');
  });

  it('a cancelled meeting cannot be held', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled(), meetingCancelled()], hold()), 'INVALID_STATE');
  });

  it('a meeting is held once', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled(), meetingHeld()], hold()), 'INVALID_STATE');
  });

  it('an unscheduled meeting cannot be held', () => {
    expectDomainError(() => decideAfter(meetingDecider, [], hold()), 'NOT_FOUND');
  });

  it('rejects the facts of another community', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled()], hold(CHAIR, { community: community({ communityId: 'community-2' }) })), 'BAD_USER_INPUT');
  });

  it('a dissolved community holds no meeting', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled()], hold(CHAIR, { community: community({ status: 'dissolved' }) })), 'INVALID_STATE');
  });

  it('a meeting cannot be recorded as held on a day still to come', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled()], hold(CHAIR, { heldOn: '2025-10-16' })), 'BAD_USER_INPUT');
  });

  it('a meeting may be held earlier than planned', () => {
    const [held] = decideAfter(meetingDecider, [meetingScheduled({ scheduledFor: '2025-10-20' })], hold(CHAIR, { heldOn: '2025-10-14' }));
    expect(held?.data).toMatchObject({ heldOn: '2025-10-14' });
  });
});
