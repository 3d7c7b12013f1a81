import { assertNever, type Decider } from '../shared/message';
import { appointChair } from './appointChair';
import { continueCommunity } from './continueCommunity';
import { createCommunity } from './createCommunity';
import { dissolveCommunity } from './dissolveCommunity';
import { electSecretary } from './electSecretary';
import { enrollMember } from './enrollMember';
import { evolveCommunity, initialCommunityState } from './evolve';
import { recordExpertEvaluation } from './recordExpertEvaluation';
import { removeMember } from './removeMember';
import { reorganizeCommunity } from './reorganizeCommunity';
import type { CommunityCommand, CommunityEvent, CommunityState } from './types';

export const decideCommunity = (command: CommunityCommand, state: CommunityState): readonly CommunityEvent[] => {
  switch (command.type) {
    case 'CreateCommunity':
      return createCommunity(command, state);
    case 'ReorganizeCommunity':
      return reorganizeCommunity(command, state);
    case 'ContinueCommunity':
      return continueCommunity(command, state);
    case 'DissolveCommunity':
      return dissolveCommunity(command, state);
    case 'EnrollMember':
      return enrollMember(command, state);
    case 'RemoveMember':
      return removeMember(command, state);
    case 'AppointChair':
      return appointChair(command, state);
    case 'ElectSecretary':
      return electSecretary(command, state);
    case 'RecordExpertEvaluation':
      return recordExpertEvaluation(command, state);
    default:
      return assertNever(command);
  }
};

/** The community stream (`community-<id>`). */
export const communityDecider: Decider<CommunityCommand, CommunityEvent, CommunityState> = {
  initialState: initialCommunityState,
  decide: decideCommunity,
  evolve: evolveCommunity,
};
