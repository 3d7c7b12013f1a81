import { decideAfter, expectDomainError, expectRuleViolation } from '../testing';
import type { ProposeMotion, ProposeMotionData } from './commands';
import { meetingDecider } from './decider';
import type { MeetingEvent } from './events';
import {
  AGENDA_ITEM,
  by,
  CHAIR,
  COMMUNITY_ID,
  community,
  expectForbidden,
  MEETING_ID,
  MEMBER_A,
  MEMBER_B,
  MEMBER_C,
  meetingCancelled,
  meetingHeld,
  meetingScheduled,
  motionProposed,
  MOTION_ID,
  NOW,
  OUTSIDER,
  profile,
  voteClosed,
} from './testFixtures';

const held: readonly MeetingEvent[] = [meetingScheduled(), meetingHeld({ attendeeIds: [CHAIR, MEMBER_A, MEMBER_B] })];

const propose = (actorId = MEMBER_A, overrides: Partial<ProposeMotionData> = {}): ProposeMotion => ({
  type: 'ProposeMotion',
  data: {
    meetingId: MEETING_ID,
    motionId: MOTION_ID,
    community: community(),
    text: 'Recommend the Lesson Study cycle to all grade 7 teachers',
    subject: { kind: 'decision' },
    agendaItemId: AGENDA_ITEM.itemId,
    ...overrides,
  },
  metadata: by(actorId),
});

const minutesRecorded: MeetingEvent = {
  type: 'MinutesRecorded',
  schemaVersion: 1,
  data: {
    meetingId: MEETING_ID,
    communityId: COMMUNITY_ID,
    questions: [{ agendaItemId: null, question: 'Lesson Study', summary: 'discussed' }],
    decisions: [],
    recommendations: [],
    signedBy: CHAIR,
    recordedAt: NOW,
  },
};

describe('ProposeMotion', () => {
  it('a member participating in the meeting puts a motion to the vote (000:8)', () => {
    expect(decideAfter(meetingDecider, held, propose(MEMBER_A))).toEqual([
      {
        type: 'MotionProposed',
        schemaVersion: 1,
        data: {
          meetingId: MEETING_ID,
          communityId: COMMUNITY_ID,
          motionId: MOTION_ID,
          text: 'Recommend the Lesson Study cycle to all grade 7 teachers',
          subject: { kind: 'decision' },
          agendaItemId: AGENDA_ITEM.itemId,
          proposedBy: MEMBER_A,
          proposedAt: NOW,
        },
      },
    ]);
  });

  it('a member absent from the meeting proposes nothing at it (000:8)', () => {
    expectForbidden(() => decideAfter(meetingDecider, held, propose(MEMBER_C)), '000:8');
  });

  it('a motion off the agenda records no agenda item', () => {
    const [proposed] = decideAfter(meetingDecider, held, propose(MEMBER_A, { agendaItemId: undefined }));
    expect(proposed?.data).toMatchObject({ agendaItemId: null });
  });

  it('a motion cites an agenda item of the meeting', () => {
    expectDomainError(() => decideAfter(meetingDecider, held, propose(MEMBER_A, { agendaItemId: 'item-9' })), 'NOT_FOUND');
  });

  it('the secretary is elected from among the members (000:6)', () => {
    const [proposed] = decideAfter(meetingDecider, held, propose(CHAIR, { subject: { kind: 'electSecretary', candidateId: MEMBER_B } }));
    expect(proposed?.data).toMatchObject({ subject: { kind: 'electSecretary', candidateId: MEMBER_B } });
  });

  it('a non-member cannot be elected secretary (000:6)', () => {
    expectRuleViolation(() => decideAfter(meetingDecider, held, propose(CHAIR, { subject: { kind: 'electSecretary', candidateId: OUTSIDER } })), '000:6');
  });

  it('no secretary is elected where the regulation has none', () => {
    const russian = community({ profile: profile('ru-school-plc'), secretaryId: null });
    expectDomainError(
      () => decideAfter(meetingDecider, held, propose(CHAIR, { community: russian, subject: { kind: 'electSecretary', candidateId: MEMBER_B } })),
      'INVALID_STATE',
    );
  });

  it('a draft plan is put to the meeting for discussion (000:7)', () => {
    const [proposed] = decideAfter(meetingDecider, held, propose(CHAIR, { subject: { kind: 'discussPlan', planId: 'plan-1' } }));
    expect(proposed?.data).toMatchObject({ subject: { kind: 'discussPlan', planId: 'plan-1' } });
  });

  it('rejects an unknown kind of subject', () => {
    const subject = { kind: 'impeachChair' } as unknown as ProposeMotionData['subject'];
    expectDomainError(() => decideAfter(meetingDecider, held, propose(MEMBER_A, { subject })), 'BAD_USER_INPUT');
  });

  it('rejects a blank text', () => {
    expectDomainError(() => decideAfter(meetingDecider, held, propose(MEMBER_A, { text: '' })), 'BAD_USER_INPUT');
  });

  it('a motion id is used once per meeting', () => {
    expectDomainError(() => decideAfter(meetingDecider, [...held, motionProposed()], propose(MEMBER_B)), 'INVALID_STATE');
  });

  it('no motion before the meeting is held', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled()], propose()), 'INVALID_STATE');
  });

  it('no motion at a cancelled meeting', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled(), meetingCancelled()], propose()), 'INVALID_STATE');
  });

  it('no motion once the minutes are recorded (000:9)', () => {
    expectDomainError(
      () => decideAfter(meetingDecider, [...held, motionProposed(), voteClosed(true), minutesRecorded], propose(MEMBER_A, { motionId: 'motion-2' })),
      'INVALID_STATE',
    );
  });
});
