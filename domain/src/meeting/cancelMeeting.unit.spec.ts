import { decideAfter, expectDomainError } from '../testing';
import type { CancelMeeting, CancelMeetingData } from './commands';
import { meetingDecider } from './decider';
import { by, CHAIR, COMMUNITY_ID, community, expectForbidden, MEETING_ID, MEMBER_A, meetingCancelled, meetingHeld, meetingScheduled, NOW, SECRETARY } from './testFixtures';

const cancel = (actorId = CHAIR, overrides: Partial<CancelMeetingData> = {}): CancelMeeting => ({
  type: 'CancelMeeting',
  data: { meetingId: MEETING_ID, community: community(), reason: 'school closed for quarantine', ...overrides },
  metadata: by(actorId),
});

describe('CancelMeeting', () => {
  it('the chair cancels a scheduled meeting, giving the reason (000:7)', () => {
    expect(decideAfter(meetingDecider, [meetingScheduled()], cancel(CHAIR))).toEqual([
      {
        type: 'MeetingCancelled',
        schemaVersion: 1,
        data: { meetingId: MEETING_ID, communityId: COMMUNITY_ID, reason: 'school closed for quarantine', cancelledBy: CHAIR, cancelledAt: NOW },
      },
    ]);
  });

  it('the secretary, who prepares meetings, may cancel one (000:7)', () => {
    const [cancelled] = decideAfter(meetingDecider, [meetingScheduled()], cancel(SECRETARY));
    expect(cancelled?.data).toMatchObject({ cancelledBy: SECRETARY });
  });

  it('a member who is neither chair nor secretary may not cancel (000:7)', () => {
    expectForbidden(() => decideAfter(meetingDecider, [meetingScheduled()], cancel(MEMBER_A)), '000:7');
  });

  it('a held meeting cannot be cancelled', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled(), meetingHeld()], cancel()), 'INVALID_STATE');
  });

  it('a cancelled meeting cannot be cancelled again', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled(), meetingCancelled()], cancel()), 'INVALID_STATE');
  });

  it('needs a reason', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled()], cancel(CHAIR, { reason: ' ' })), 'BAD_USER_INPUT');
  });

  it('an unknown meeting cannot be cancelled', () => {
    expectDomainError(() => decideAfter(meetingDecider, [], cancel()), 'NOT_FOUND');
  });

  it('a command for another meeting is rejected', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled()], cancel(CHAIR, { meetingId: 'meeting-2' })), 'BAD_USER_INPUT');
  });
});
