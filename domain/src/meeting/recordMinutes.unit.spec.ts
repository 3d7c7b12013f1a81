import { decideAfter, expectDomainError, expectRuleViolation } from '../testing';
import type { RecordMinutes, RecordMinutesData } from './commands';
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
  meetingCancelled,
  meetingHeld,
  meetingScheduled,
  motionProposed,
  MOTION_ID,
  NOW,
  profile,
  SECRETARY,
  voteClosed,
} from './testFixtures';

const QUESTION = { agendaItemId: AGENDA_ITEM.itemId, question: 'Results of the first Lesson Study cycle', summary: 'Three research lessons held' };

const record = (actorId = CHAIR, overrides: Partial<RecordMinutesData> = {}): RecordMinutes => ({
  type: 'RecordMinutes',
  data: {
    meetingId: MEETING_ID,
    community: community(),
    questions: [QUESTION],
    decisions: [{ motionId: MOTION_ID, text: 'Recommend the cycle to all grade 7 teachers' }],
    recommendations: ['Share the lesson plans in the methodical library'],
    ...overrides,
  },
  metadata: by(actorId),
});

const carried: readonly MeetingEvent[] = [meetingScheduled(), meetingHeld(), motionProposed(), voteClosed(true)];

describe('RecordMinutes', () => {
  it('the chair signs the minutes of a held meeting: questions, decisions, recommendations (000:9, 003:3.4)', () => {
    expect(decideAfter(meetingDecider, carried, record(CHAIR))).toEqual([
      {
        type: 'MinutesRecorded',
        schemaVersion: 1,
        data: {
          meetingId: MEETING_ID,
          communityId: COMMUNITY_ID,
          questions: [QUESTION],
          decisions: [{ motionId: MOTION_ID, text: 'Recommend the cycle to all grade 7 teachers' }],
          recommendations: ['Share the lesson plans in the methodical library'],
          signedBy: CHAIR,
          recordedAt: NOW,
        },
      },
    ]);
  });

  it('questions and decisions may stand without agenda item or motion (000:9)', () => {
    const [recorded] = decideAfter(
      meetingDecider,
      carried,
      record(CHAIR, { questions: [{ question: 'Any other business', summary: 'none' }], decisions: [{ text: 'Meet again in December' }] }),
    );
    expect(recorded?.data).toMatchObject({
      questions: [{ agendaItemId: null, question: 'Any other business', summary: 'none' }],
      decisions: [{ motionId: null, text: 'Meet again in December' }],
    });
  });

  it('the secretary does not sign the minutes under the Belarusian profile (000:9)', () => {
    expectForbidden(() => decideAfter(meetingDecider, carried, record(SECRETARY)), '000:9');
  });

  it('the minutes are signed by the head, not the secretary (003:3.4)', () => {
    const kazakh = community({ profile: profile('kz-school-plc') });
    expectForbidden(() => decideAfter(meetingDecider, carried, record(SECRETARY, { community: kazakh })), '003:3.4');
    const [recorded] = decideAfter(meetingDecider, carried, record(CHAIR, { community: kazakh }));
    expect(recorded?.data).toMatchObject({ signedBy: CHAIR });
  });

  it('a district community records its meetings in minutes signed by the head (004:4.6)', () => {
    const district = community({ profile: profile('district-community'), secretaryId: null });
    expectForbidden(() => decideAfter(meetingDecider, carried, record(SECRETARY, { community: district })), '004:4.6');
    const [recorded] = decideAfter(meetingDecider, carried, record(CHAIR, { community: district }));
    expect(recorded?.type).toBe('MinutesRecorded');
  });

  it('no one signs the minutes while the community has no chair (000:9)', () => {
    expectForbidden(() => decideAfter(meetingDecider, carried, record(CHAIR, { community: community({ chairId: null }) })), '000:9');
  });

  it('a decision in the minutes cites a carried motion (000:8)', () => {
    const notCarried = [meetingScheduled(), meetingHeld(), motionProposed(), voteClosed(false)];
    expectRuleViolation(() => decideAfter(meetingDecider, notCarried, record()), '000:8');
  });

  it('the minutes wait until every vote is closed', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled(), meetingHeld(), motionProposed()], record(CHAIR, { decisions: [] })), 'INVALID_STATE');
  });

  it('the minutes are recorded once (000:9)', () => {
    const once = decideAfter(meetingDecider, carried, record());
    expectDomainError(() => decideAfter(meetingDecider, [...carried, ...once], record()), 'INVALID_STATE');
  });

  it('a decision cites a motion of the meeting', () => {
    expectDomainError(() => decideAfter(meetingDecider, carried, record(CHAIR, { decisions: [{ motionId: 'motion-9', text: 'x' }] })), 'NOT_FOUND');
  });

  it('a question cites an agenda item of the meeting', () => {
    expectDomainError(
      () => decideAfter(meetingDecider, carried, record(CHAIR, { questions: [{ ...QUESTION, agendaItemId: 'item-9' }] })),
      'NOT_FOUND',
    );
  });

  it('the minutes record at least one question', () => {
    expectDomainError(() => decideAfter(meetingDecider, carried, record(CHAIR, { questions: [] })), 'BAD_USER_INPUT');
  });

  it('rejects a blank recommendation', () => {
    expectDomainError(() => decideAfter(meetingDecider, carried, record(CHAIR, { recommendations: [''] })), 'BAD_USER_INPUT');
  });

  it('a meeting not yet held has no minutes', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled()], record(CHAIR, { decisions: [] })), 'INVALID_STATE');
  });

  it('a cancelled meeting has no minutes', () => {
    expectDomainError(() => decideAfter(meetingDecider, [meetingScheduled(), meetingCancelled()], record(CHAIR, { decisions: [] })), 'INVALID_STATE');
  });
});
