import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { ISO_DATE, MutationInput } from '../common.type';
import { MotionKind, VoteChoiceEnum } from './meeting.type';

@InputType({ description: 'A row of the meetings plan (003 "План заседаний"): topic, actions, leaders, monitoring of execution.' })
export class AgendaItemInput {
  @Field() @Length(1, 500) topic!: string;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(50) @Length(1, 1000, { each: true }) actions!: string[];
  @Field(() => [ID], { defaultValue: [] }) @ArrayMaxSize(100) @Length(1, 100, { each: true }) responsibleMemberIds!: string[];
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(50) @Length(1, 1000, { each: true }) expectedEvidence!: string[];
}

@InputType()
export class ScheduleMeetingInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) communityId!: string;
  @Field({ description: 'YYYY-MM-DD' }) @Matches(ISO_DATE, { message: 'scheduledFor must be YYYY-MM-DD' }) scheduledFor!: string;
  @Field() @Length(1, 500) title!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 300) place?: string;
  @Field(() => [AgendaItemInput], { defaultValue: [] }) @ArrayMaxSize(50) @ValidateNested({ each: true }) agenda!: AgendaItemInput[];
}

@InputType({ description: 'Records that the meeting took place and who attended: the quorum base of every vote at it (000:8).' })
export class HoldMeetingInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) meetingId!: string;
  @Field({ description: 'YYYY-MM-DD' }) @Matches(ISO_DATE, { message: 'heldOn must be YYYY-MM-DD' }) heldOn!: string;
  @Field(() => [ID]) @ArrayMinSize(1) @ArrayMaxSize(500) @Length(1, 100, { each: true }) attendeeIds!: string[];
}

@InputType()
export class CancelMeetingInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) meetingId!: string;
  @Field() @Length(1, 2000) reason!: string;
}

@InputType({ description: 'What a motion decides: a decision, the election of a secretary (000:6) or the discussion of a draft plan (000:7).' })
export class MotionSubjectInput {
  @Field(() => MotionKind) kind!: string;
  @Field(() => ID, { nullable: true, description: 'For ELECT_SECRETARY.' }) @IsOptional() @Length(1, 100) candidateId?: string;
  @Field(() => ID, { nullable: true, description: 'For DISCUSS_PLAN.' }) @IsOptional() @Length(1, 100) planId?: string;
}

@InputType()
export class ProposeMotionInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) meetingId!: string;
  @Field() @Length(1, 5000) text!: string;
  @Field(() => MotionSubjectInput, { defaultValue: { kind: 'decision' } }) @ValidateNested() subject!: MotionSubjectInput;
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 100) agendaItemId?: string;
}

@InputType({ description: 'An open vote, cast in person by a member present (000:8).' })
export class CastVoteInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) meetingId!: string;
  @Field(() => ID) @Length(1, 100) motionId!: string;
  @Field(() => VoteChoiceEnum) choice!: string;
}

@InputType()
export class CloseVoteInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) meetingId!: string;
  @Field(() => ID) @Length(1, 100) motionId!: string;
}

@InputType()
export class MinutesQuestionInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 100) agendaItemId?: string;
  @Field() @Length(1, 2000) question!: string;
  @Field() @Length(1, 10000) summary!: string;
}

@InputType()
export class MinutesDecisionInput {
  @Field(() => ID, { nullable: true, description: 'The carried motion the decision was taken by.' }) @IsOptional() @Length(1, 100) motionId?: string;
  @Field() @Length(1, 5000) text!: string;
}

@InputType({ description: 'The protocol: questions, decisions, recommendations; signed by the chair (003:3.4, 004:4.6).' })
export class RecordMinutesInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) meetingId!: string;
  @Field(() => [MinutesQuestionInput]) @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) questions!: MinutesQuestionInput[];
  @Field(() => [MinutesDecisionInput], { defaultValue: [] }) @ArrayMaxSize(100) @ValidateNested({ each: true }) decisions!: MinutesDecisionInput[];
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(100) @Length(1, 5000, { each: true }) recommendations!: string[];
}
