import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf } from '../enums';

export const MotionKind = enumOf(['decision', 'electSecretary', 'discussPlan'] as const);
registerEnumType(MotionKind, { name: 'MotionKind' });

export const VoteChoiceEnum = enumOf(['for', 'against', 'abstain'] as const);
registerEnumType(VoteChoiceEnum, { name: 'VoteChoice' });

@ObjectType()
export class AgendaItem {
  @Field(() => ID) itemId!: string;
  @Field() topic!: string;
  @Field(() => [String]) actions!: string[];
  @Field(() => [ID]) responsibleMemberIds!: string[];
  @Field(() => [String]) expectedEvidence!: string[];
}

@ObjectType()
export class MotionSubject {
  @Field(() => MotionKind) kind!: string;
  @Field(() => ID, { nullable: true }) candidateId?: string | null;
  @Field(() => ID, { nullable: true }) planId?: string | null;
}

@ObjectType({ description: 'One open vote (000:8).' })
export class Vote {
  @Field(() => ID) memberId!: string;
  @Field(() => VoteChoiceEnum) choice!: string;
}

@ObjectType({ description: 'How a vote ended: carried by a majority of the votes of the members present; a tie as the voting rule says (000:8).' })
export class VoteOutcome {
  @Field() carried!: boolean;
  @Field(() => Int) votesFor!: number;
  @Field(() => Int) votesAgainst!: number;
  @Field(() => Int) abstentions!: number;
  @Field(() => Int) notVoted!: number;
  @Field(() => Int, { description: 'Members present at the meeting.' }) quorumBase!: number;
  @Field(() => Int) majorityNeeded!: number;
  @Field({ description: 'MAJORITY_FOR, NO_MAJORITY, TIE_CHAIR_VOTED_FOR, TIE_CHAIR_VOTED_AGAINST_OR_ABSTAINED, TIE_CHAIR_DID_NOT_VOTE, TIE_NOT_CARRIED_BY_PROFILE' })
  reason!: string;
  @Field() rule!: string;
}

@ObjectType()
export class Motion {
  @Field(() => ID) motionId!: string;
  @Field() text!: string;
  @Field(() => MotionSubject) subject!: MotionSubject;
  @Field(() => ID, { nullable: true }) agendaItemId?: string | null;
  @Field(() => ID) proposedBy!: string;
  @Field({ description: 'OPEN or CLOSED' }) status!: string;
  @Field(() => [Vote]) votes!: Vote[];
  @Field(() => VoteOutcome, { nullable: true }) outcome?: VoteOutcome | null;
}

@ObjectType()
export class MinutesQuestion {
  @Field(() => ID, { nullable: true }) agendaItemId?: string | null;
  @Field() question!: string;
  @Field() summary!: string;
}

@ObjectType({ description: 'A decision of the meeting: a recommendation, not an order (000:9).' })
export class MinutesDecision {
  @Field(() => ID, { nullable: true }) motionId?: string | null;
  @Field() text!: string;
}

@ObjectType({ description: 'The protocol of a meeting, signed by the chair (003:3.4).' })
export class Minutes {
  @Field(() => [MinutesQuestion]) questions!: MinutesQuestion[];
  @Field(() => [MinutesDecision]) decisions!: MinutesDecision[];
  @Field(() => [String]) recommendations!: string[];
  @Field(() => ID) signedBy!: string;
  @Field() recordedAt!: string;
}

@ObjectType({ description: 'A meeting of a community as its stream tells it.' })
export class Meeting {
  @Field(() => ID) meetingId!: string;
  @Field(() => ID) communityId!: string;
  @Field({ description: 'SCHEDULED, HELD or CANCELLED' }) status!: string;
  @Field() title!: string;
  @Field() scheduledFor!: string;
  @Field(() => String, { nullable: true }) place?: string | null;
  @Field(() => [AgendaItem]) agenda!: AgendaItem[];
  @Field(() => String, { nullable: true }) heldOn?: string | null;
  @Field(() => [ID], { description: 'Members present: the only ones who may vote (000:8).' }) attendeeIds!: string[];
  @Field(() => Int, { nullable: true }) quorumBase?: number | null;
  @Field(() => ID, { nullable: true }) presidingChairId?: string | null;
  @Field(() => String, { nullable: true, description: 'CHAIR_DECIDES or NOT_CARRIED: how a tie is broken at this meeting.' }) tieBreak?: string | null;
  @Field(() => [Motion]) motions!: Motion[];
  @Field(() => Minutes, { nullable: true }) minutes?: Minutes | null;
  @Field(() => String, { nullable: true }) cancellationReason?: string | null;
  @Field(() => Int) revision!: number;
}
