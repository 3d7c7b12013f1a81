import { stateAfter } from '../testing';
import type { MeetingCommand } from './commands';
import { meetingDecider } from './decider';
import type { MeetingEvent } from './events';
import type { MeetingState } from './state';
import {
  AGENDA_ITEM,
  ALL_PRESENT,
  by,
  CHAIR,
  community,
  MEETING_ID,
  MEMBER_A,
  MEMBER_B,
  MEMBER_C,
  meetingCancelled,
  meetingHeld,
  meetingScheduled,
  motionProposed,
  MOTION_ID,
  SECRETARY,
  TODAY,
  voteCast,
  voteClosed,
} from './testFixtures';

/** Decides each command on the state folded so far and appends its events: the stream as a store would keep it. */
const run = (commands: readonly MeetingCommand[]): readonly MeetingEvent[] =>
  commands.reduce<readonly MeetingEvent[]>((log, command) => [...log, ...meetingDecider.decide(command, stateAfter(meetingDecider, log))], []);

describe('meetingDecider', () => {
  it('runs a meeting from schedule to signed minutes; the decision carried by the members present is recorded (000:7, 000:8, 000:9)', () => {
    const facts = community();
    const vote = (voter: string, choice: 'for' | 'against' | 'abstain'): MeetingCommand => ({
      type: 'CastVote',
      data: { meetingId: MEETING_ID, motionId: MOTION_ID, choice },
      metadata: by(voter),
    });
    const log = run([
      { type: 'ScheduleMeeting', data: { meetingId: MEETING_ID, community: facts, scheduledFor: TODAY, title: 'Q1 meeting', agenda: [AGENDA_ITEM] }, metadata: by(SECRETARY) },
      { type: 'HoldMeeting', data: { meetingId: MEETING_ID, community: facts, heldOn: TODAY, attendeeIds: ALL_PRESENT }, metadata: by(CHAIR) },
      {
        type: 'ProposeMotion',
        data: { meetingId: MEETING_ID, motionId: MOTION_ID, community: facts, text: 'Adopt Lesson Study', subject: { kind: 'decision' }, agendaItemId: AGENDA_ITEM.itemId },
        metadata: by(MEMBER_A),
      },
      vote(CHAIR, 'for'),
      vote(MEMBER_A, 'for'),
      vote(MEMBER_B, 'for'),
      vote(MEMBER_C, 'against'),
      { type: 'CloseVote', data: { meetingId: MEETING_ID, motionId: MOTION_ID, community: facts }, metadata: by(CHAIR) },
      {
        type: 'RecordMinutes',
        data: {
          meetingId: MEETING_ID,
          community: facts,
          questions: [{ agendaItemId: AGENDA_ITEM.itemId, question: 'Lesson Study', summary: 'discussed' }],
          decisions: [{ motionId: MOTION_ID, text: 'Adopt Lesson Study' }],
          recommendations: ['Open lessons in November'],
        },
        metadata: by(CHAIR),
      },
    ]);
    expect(log.map((e) => e.type)).toEqual([
      'MeetingScheduled',
      'MeetingHeld',
      'MotionProposed',
      'VoteCast',
      'VoteCast',
      'VoteCast',
      'VoteCast',
      'VoteClosed',
      'MinutesRecorded',
    ]);
    const state = stateAfter(meetingDecider, log);
    if (state.status !== 'held') throw new Error(`expected a held meeting, got ${state.status}`);
    expect(state.quorumBase).toBe(5);
    expect(state.motions[MOTION_ID]).toMatchObject({
      status: 'closed',
      votes: { [CHAIR]: 'for', [MEMBER_A]: 'for', [MEMBER_B]: 'for', [MEMBER_C]: 'against' },
      outcome: { carried: true, votesFor: 3, notVoted: 1, reason: 'MAJORITY_FOR' },
    });
    expect(state.minutes).toMatchObject({ signedBy: CHAIR, decisions: [{ motionId: MOTION_ID, text: 'Adopt Lesson Study' }] });
  });

  it('keeps motions in the order proposed, each with its own votes (000:8)', () => {
    const state = stateAfter(meetingDecider, [
      meetingScheduled(),
      meetingHeld(),
      motionProposed({ motionId: 'motion-b' }),
      motionProposed({ motionId: 'motion-a' }),
      voteCast(MEMBER_A, 'for', 'motion-a'),
    ]);
    if (state.status !== 'held') throw new Error(`expected a held meeting, got ${state.status}`);
    expect(state.motionOrder).toEqual(['motion-b', 'motion-a']);
    expect(state.motions['motion-a']?.votes).toEqual({ [MEMBER_A]: 'for' });
    expect(state.motions['motion-b']?.votes).toEqual({});
  });

  it('a cancelled meeting keeps its reason', () => {
    expect(stateAfter(meetingDecider, [meetingScheduled(), meetingCancelled()])).toMatchObject({ status: 'cancelled', reason: 'school closed for quarantine' });
  });

  describe('evolve is total', () => {
    const cases: readonly [string, readonly MeetingEvent[], MeetingEvent][] = [
      ['a vote before any meeting', [], voteCast(MEMBER_A, 'for')],
      ['a hold of a cancelled meeting', [meetingScheduled(), meetingCancelled()], meetingHeld()],
      ['a second schedule', [meetingScheduled()], meetingScheduled({ title: 'other' })],
      ['a close of an unknown motion', [meetingScheduled(), meetingHeld()], voteClosed(true, 'motion-9')],
      ['a vote on a closed motion', [meetingScheduled(), meetingHeld(), motionProposed(), voteClosed(true)], voteCast(MEMBER_A, 'for')],
    ];
    it.each(cases)('leaves the state unchanged on %s', (_, given, unexpected) => {
      const before: MeetingState = stateAfter(meetingDecider, given);
      expect(meetingDecider.evolve(before, unexpected)).toEqual(before);
    });
  });
});
