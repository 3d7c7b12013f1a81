import { assertNever } from '../shared/message';
import { lookup } from './state';
import type { VoteChoice, VoteOutcome, VoteOutcomeReason, VotingRule } from './events';

export interface TallyInput {
  /** Votes cast, by member id. */
  readonly votes: Readonly<Record<string, VoteChoice>>;
  /** Members present at the meeting (000:8). */
  readonly quorumBase: number;
  /** The chair when present at the meeting, else null. */
  readonly presidingChairId: string | null;
  readonly voting: VotingRule;
}

const countOf = (choices: readonly VoteChoice[], choice: VoteChoice): number => choices.filter((c) => c === choice).length;

/** How a tie ends under the meeting's voting rule (000:8). */
const tieReason = (input: TallyInput): VoteOutcomeReason => {
  switch (input.voting.tieBreak) {
    case 'notCarried':
      return 'TIE_NOT_CARRIED_BY_PROFILE';
    case 'chairDecides': {
      const chairVote = input.presidingChairId === null ? undefined : lookup(input.votes, input.presidingChairId);
      if (chairVote === undefined) return 'TIE_CHAIR_DID_NOT_VOTE';
      return chairVote === 'for' ? 'TIE_CHAIR_VOTED_FOR' : 'TIE_CHAIR_VOTED_AGAINST_OR_ABSTAINED';
    }
    default:
      return assertNever(input.voting.tieBreak);
  }
};

const reasonOf = (votesFor: number, input: TallyInput): VoteOutcomeReason => {
  if (votesFor * 2 > input.quorumBase) return 'MAJORITY_FOR';
  if (votesFor * 2 === input.quorumBase) return tieReason(input);
  return 'NO_MAJORITY';
};

const CARRYING: readonly VoteOutcomeReason[] = ['MAJORITY_FOR', 'TIE_CHAIR_VOTED_FOR'];

/**
 * The outcome of an open vote: carried by a majority of the votes of the members present
 * (more than half of `quorumBase`, so members present who did not vote count against a
 * majority); on a tie — exactly half for — the meeting's tie-break applies (000:8).
 */
export const tallyVotes = (input: TallyInput): VoteOutcome => {
  const choices = Object.values(input.votes);
  const votesFor = countOf(choices, 'for');
  const votesAgainst = countOf(choices, 'against');
  const abstentions = countOf(choices, 'abstain');
  const reason = reasonOf(votesFor, input);
  return {
    carried: CARRYING.includes(reason),
    votesFor,
    votesAgainst,
    abstentions,
    notVoted: Math.max(0, input.quorumBase - choices.length),
    quorumBase: input.quorumBase,
    majorityNeeded: Math.floor(input.quorumBase / 2) + 1,
    reason,
    rule: input.voting.rule,
  };
};
