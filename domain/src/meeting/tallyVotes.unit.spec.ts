import type { VoteChoice, VotingRule } from './events';
import { tallyVotes } from './tallyVotes';

const CHAIR_DECIDES: VotingRule = { tieBreak: 'chairDecides', rule: '000:8' };
const NOT_CARRIED: VotingRule = { tieBreak: 'notCarried', rule: '000:8' };

const tally = (votes: Record<string, VoteChoice>, quorumBase: number, voting: VotingRule = CHAIR_DECIDES, presidingChairId: string | null = 'chair') =>
  tallyVotes({ votes, quorumBase, presidingChairId, voting });

describe('tallyVotes', () => {
  it('carries a motion with a majority of the votes of the members present (000:8)', () => {
    expect(tally({ chair: 'for', a: 'for', b: 'for', c: 'against', d: 'abstain' }, 5)).toEqual({
      carried: true,
      votesFor: 3,
      votesAgainst: 1,
      abstentions: 1,
      notVoted: 0,
      quorumBase: 5,
      majorityNeeded: 3,
      reason: 'MAJORITY_FOR',
      rule: '000:8',
    });
  });

  it('counts the members present, not the votes cast: 2 for, 1 against, 2 silent of 5 is not carried (000:8)', () => {
    const outcome = tally({ a: 'for', b: 'for', c: 'against' }, 5);
    expect(outcome).toMatchObject({ carried: false, votesFor: 2, votesAgainst: 1, notVoted: 2, majorityNeeded: 3, reason: 'NO_MAJORITY' });
  });

  it('carries 2 for of 3 present although 2 members of the community stayed away (000:8)', () => {
    expect(tally({ a: 'for', b: 'for', c: 'against' }, 3)).toMatchObject({ carried: true, majorityNeeded: 2, reason: 'MAJORITY_FOR' });
  });

  it('counts abstentions against a majority (000:8)', () => {
    expect(tally({ a: 'for', b: 'for', c: 'abstain', d: 'abstain', e: 'abstain' }, 5)).toMatchObject({ carried: false, abstentions: 3, reason: 'NO_MAJORITY' });
  });

  describe('on a tie, when the chair decides (000:8)', () => {
    it('carries when the presiding chair voted for (000:8)', () => {
      expect(tally({ chair: 'for', a: 'for', b: 'against', c: 'against' }, 4)).toMatchObject({ carried: true, reason: 'TIE_CHAIR_VOTED_FOR' });
    });

    it('does not carry when the presiding chair voted against (000:8)', () => {
      expect(tally({ chair: 'against', a: 'for', b: 'for', c: 'against' }, 4)).toMatchObject({
        carried: false,
        reason: 'TIE_CHAIR_VOTED_AGAINST_OR_ABSTAINED',
      });
    });

    it('does not carry when the presiding chair abstained (000:8)', () => {
      expect(tally({ chair: 'abstain', a: 'for', b: 'for', c: 'against' }, 4)).toMatchObject({
        carried: false,
        reason: 'TIE_CHAIR_VOTED_AGAINST_OR_ABSTAINED',
      });
    });

    it('does not carry, and says so, when the chair present did not vote (000:8)', () => {
      expect(tally({ a: 'for', b: 'for', c: 'against' }, 4)).toMatchObject({ carried: false, notVoted: 1, reason: 'TIE_CHAIR_DID_NOT_VOTE' });
    });

    it('does not carry when no chair presided (000:8)', () => {
      expect(tally({ a: 'for', b: 'for', c: 'against', d: 'against' }, 4, CHAIR_DECIDES, null)).toMatchObject({
        carried: false,
        reason: 'TIE_CHAIR_DID_NOT_VOTE',
      });
    });

    it('treats half of the members present as a tie even when the rest did not vote (000:8)', () => {
      expect(tally({ chair: 'for', a: 'for' }, 4)).toMatchObject({ carried: true, votesAgainst: 0, notVoted: 2, reason: 'TIE_CHAIR_VOTED_FOR' });
    });

    it('does not mistake a member id shaped like an object key for a vote of the chair (000:8)', () => {
      expect(tally({ a: 'for', b: 'against' }, 2, CHAIR_DECIDES, 'constructor')).toMatchObject({ carried: false, reason: 'TIE_CHAIR_DID_NOT_VOTE' });
    });
  });

  it('does not carry a tie when the profile gives the chair no casting vote, even if the chair voted for (000:8)', () => {
    expect(tally({ chair: 'for', a: 'for', b: 'against', c: 'against' }, 4, NOT_CARRIED)).toMatchObject({
      carried: false,
      reason: 'TIE_NOT_CARRIED_BY_PROFILE',
    });
  });

  it('names the rule it applied', () => {
    expect(tally({ a: 'for' }, 1, { tieBreak: 'notCarried', rule: '003:3.3' }).rule).toBe('003:3.3');
  });
});
