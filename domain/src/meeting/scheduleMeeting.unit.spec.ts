import { decideAfter, expectDomainError } from '../testing';
import type { ScheduleMeeting, ScheduleMeetingData } from './commands';
import { meetingDecider } from './decider';
import { AGENDA_ITEM, by, CHAIR, COMMUNITY_ID, community, expectForbidden, MEETING_ID, MEMBER_A, meetingScheduled, NOW, OUTSIDER, SECRETARY } from './testFixtures';

const schedule = (actorId = CHAIR, overrides: Partial<ScheduleMeetingData> = {}): ScheduleMeeting => ({
  type: 'ScheduleMeeting',
  data: {
    meetingId: MEETING_ID,
    community: community(),
    scheduledFor: '2025-11-20',
    place: ' room 12 ',
    title: 'Lesson Study: results of the first cycle',
    agenda: [AGENDA_ITEM],
    ...overrides,
  },
  metadata: by(actorId),
});

describe('ScheduleMeeting', () => {
  it('the chair organises a meeting with its agenda (000:7)', () => {
    expect(decideAfter(meetingDecider, [], schedule(CHAIR))).toEqual([
      {
        type: 'MeetingScheduled',
        schemaVersion: 1,
        data: {
          meetingId: MEETING_ID,
          communityId: COMMUNITY_ID,
          scheduledFor: '2025-11-20',
          place: 'room 12',
          title: 'Lesson Study: results of the first cycle',
          agenda: [AGENDA_ITEM],
          scheduledBy: CHAIR,
          scheduledAt: NOW,
        },
      },
    ]);
  });

  it('the secretary, who prepares meetings, may schedule one (000:7)', () => {
    const [scheduled] = decideAfter(meetingDecider, [], schedule(SECRETARY));
    expect(scheduled?.data).toMatchObject({ scheduledBy: SECRETARY });
  });

  it('a member who is neither chair nor secretary may not organise a meeting (000:7)', () => {
    expectForbidden(() => decideAfter(meetingDecider, [], schedule(MEMBER_A)), '000:7');
  });

  it('records no place when none is given', () => {
    const [scheduled] = decideAfter(meetingDecider, [], schedule(CHAIR, { place: undefined }));
    expect(scheduled?.data).toMatchObject({ place: null });
  });

  it('the leaders of an agenda item must be members of the community', () => {
    const agenda = [{ ...AGENDA_ITEM, responsibleMemberIds: [MEMBER_A, OUTSIDER] }];
    const error = expectDomainError(() => decideAfter(meetingDecider, [], schedule(CHAIR, { agenda })), 'NOT_FOUND');
    expect(error.message).toContain(OUTSIDER);
  });

  it('rejects two agenda items with one id', () => {
    expectDomainError(() => decideAfter(meetingDecider, [], schedule(CHAIR, { agenda: [AGENDA_ITEM, AGENDA_ITEM] })), 'BAD_USER_INPUT');
  });

  it('rejects an agenda item without a topic', () => {
    expectDomainError(() => decideAfter(meetingDecider, [], schedule(CHAIR, { agenda: [{ ...AGENDA_ITEM, topic: '  ' }] })), 'BAD_USER_INPUT');
  });

  it.each([['2025-13-01'], ['20.11.2025'], ['']])('rejects the date %p', (scheduledFor) => {
    expectDomainError(() => decideAfter(meetingDecider, [], schedule(CHAIR, { scheduledFor })), 'BAD_USER_INPUT');
  });

  it('rejects a blank title', () => {
    expectDomainError(() => decideAfter(meetingDecider, [], schedule(CHAIR, { title: '' })), 'BAD_USER_INPUT');
  });

  it('a dissolved community holds no more meetings', () => {
    expectDomainError(() => decideAfter(meetingDecider, [], schedule(CHAIR, { community: community({ status: 'dissolved' }) })), 'INVALID_STATE');
  });

  it('a meeting is scheduled once', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled()], schedule(CHAIR)), 'INVALID_STATE');
  });
});
