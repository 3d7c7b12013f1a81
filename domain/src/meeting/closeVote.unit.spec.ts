import { decideAfter, expectDomainError } from '../testing';
import type { CloseVote, CloseVoteData } from './commands';
import { meetingDecider } from './decider';
import type { MeetingEvent, VoteChoice } from './events';
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
  MEMBER_C,
  meetingHeld,
  meetingScheduled,
  motionProposed,
  MOTION_ID,
  NOW,
  profile,
  SECRETARY,
  voteCast,
  voteClosed,
} from './testFixtures';

const close = (actorId = CHAIR, overrides: Partial<CloseVoteData> = {}): CloseVote => ({
  type: 'CloseVote',
  data: { meetingId: MEETING_ID, motionId: MOTION_ID, community: community(), ...overrides },
  metadata: by(actorId),
});

/** A meeting held with `attendeeIds`, one motion and these votes on it. */
const given = (attendeeIds: readonly string[], votes: readonly [string, VoteChoice][], held: Parameters<typeof meetingHeld>[0] = {}): MeetingEvent[] => [
  meetingScheduled(),
  meetingHeld({ attendeeIds, ...held }),
  motionProposed(),
  ...votes.map(([voter, choice]) => voteCast(voter, choice)),
];

const FOUR = [CHAIR, MEMBER_A, MEMBER_B, MEMBER_C];

const outcomeOf = (events: readonly MeetingEvent[], command: CloseVote = close()) => {
  const [closed] = decideAfter(meetingDecider, events, command);
  if (closed?.type !== 'VoteClosed') throw new Error('expected VoteClosed');
  return closed.data.outcome;
};

describe('CloseVote', () => {
  it('the presiding chair closes the vote; a majority of the members present carries it (000:8)', () => {
    const events = given(ALL_PRESENT, [
      [CHAIR, 'for'],
      [MEMBER_A, 'for'],
      [MEMBER_B, 'for'],
      [MEMBER_C, 'against'],
    ]);
    expect(decideAfter(meetingDecider, events, close(CHAIR))).toEqual([
      {
        type: 'VoteClosed',
        schemaVersion: 1,
        data: {
          meetingId: MEETING_ID,
          communityId: COMMUNITY_ID,
          motionId: MOTION_ID,
          outcome: {
            carried: true,
            votesFor: 3,
            votesAgainst: 1,
            abstentions: 0,
            notVoted: 1,
            quorumBase: 5,
            majorityNeeded: 3,
            reason: 'MAJORITY_FOR',
            rule: '000:8',
          },
          closedBy: CHAIR,
          closedAt: NOW,
        },
      },
    ]);
  });

  it('5 present, 2 for, 1 against, 2 not voting: not carried although more for than against (000:8)', () => {
    const outcome = outcomeOf(given(ALL_PRESENT, [[MEMBER_A, 'for'], [MEMBER_B, 'for'], [MEMBER_C, 'against']]));
    expect(outcome).toMatchObject({ carried: false, votesFor: 2, votesAgainst: 1, notVoted: 2, quorumBase: 5, reason: 'NO_MAJORITY' });
  });

  it('on a tie the chair, voting for, decides (000:8)', () => {
    const outcome = outcomeOf(given(FOUR, [[CHAIR, 'for'], [MEMBER_A, 'for'], [MEMBER_B, 'against'], [MEMBER_C, 'against']]));
    expect(outcome).toMatchObject({ carried: true, reason: 'TIE_CHAIR_VOTED_FOR' });
  });

  it('on a tie the chair, voting against, decides (000:8)', () => {
    const outcome = outcomeOf(given(FOUR, [[CHAIR, 'against'], [MEMBER_A, 'for'], [MEMBER_B, 'for'], [MEMBER_C, 'against']]));
    expect(outcome).toMatchObject({ carried: false, reason: 'TIE_CHAIR_VOTED_AGAINST_OR_ABSTAINED' });
  });

  it('on a tie at a meeting the chair missed, the motion is not carried (000:8)', () => {
    const events = given([SECRETARY, MEMBER_A, MEMBER_B, MEMBER_C], [[SECRETARY, 'for'], [MEMBER_A, 'for'], [MEMBER_B, 'against'], [MEMBER_C, 'against']]);
    expect(outcomeOf(events, close(SECRETARY))).toMatchObject({ carried: false, reason: 'TIE_CHAIR_DID_NOT_VOTE' });
  });

  it('uses the voting rule copied when the meeting was held, not the profile of today (000:8)', () => {
    const votes: [string, VoteChoice][] = [[CHAIR, 'for'], [MEMBER_A, 'for'], [MEMBER_B, 'against'], [MEMBER_C, 'against']];
    const underNotCarried = given(FOUR, votes, { voting: { tieBreak: 'notCarried', rule: '000:8' } });
    expect(outcomeOf(underNotCarried, close(CHAIR, { community: community({ profile: profile('by-school-plc') }) }))).toMatchObject({
      carried: false,
      reason: 'TIE_NOT_CARRIED_BY_PROFILE',
    });
    const underChairDecides = given(FOUR, votes);
    expect(outcomeOf(underChairDecides, close(CHAIR, { community: community({ profile: profile('ru-school-plc') }) }))).toMatchObject({
      carried: true,
      reason: 'TIE_CHAIR_VOTED_FOR',
    });
  });

  it('while the chair presides, the secretary may not close the vote (000:7)', () => {
    expectForbidden(() => decideAfter(meetingDecider, given(ALL_PRESENT, []), close(SECRETARY)), '000:7');
  });

  it('when the chair was absent, the secretary closes the vote (000:7)', () => {
    const [closed] = decideAfter(meetingDecider, given([SECRETARY, MEMBER_A], [[MEMBER_A, 'for']]), close(SECRETARY));
    expect(closed?.data).toMatchObject({ closedBy: SECRETARY });
  });

  it('when the chair was absent, an ordinary member may not close the vote (000:7)', () => {
    expectForbidden(() => decideAfter(meetingDecider, given([SECRETARY, MEMBER_A], []), close(MEMBER_A)), '000:7');
  });

  it('a vote is closed once', () => {
    expectDomainError(() => decideAfter(meetingDecider, [...given(ALL_PRESENT, []), voteClosed(false)], close()), 'INVALID_STATE');
  });

  it('an unknown motion cannot be closed', () => {
    expectDomainError(() => decideAfter(meetingDecider, given(ALL_PRESENT, []), close(CHAIR, { motionId: 'motion-9' })), 'NOT_FOUND');
  });

  it('rejects the facts of another community', () => {
    expectDomainError(
      () => decideAfter(meetingDecider, given(ALL_PRESENT, []), close(CHAIR, { community: community({ communityId: 'community-2' }) })),
      'BAD_USER_INPUT',
    );
  });
});
