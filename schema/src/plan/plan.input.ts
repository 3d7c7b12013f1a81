import { Field, Float, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsNumber, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { MutationInput, SCHOOL_YEAR } from '../common.type';

@InputType({ description: 'One task of the plan (003 plan): what is done, how, and what it yields.' })
export class PlanTaskInput {
  @Field(() => ID, {
    description: "The task's key inside the plan, chosen by the drafter and kept across revisions: success criteria and assigned tasks refer to it.",
  })
  @Length(1, 100)
  taskId!: string;
  @Field() @Length(1, 500) title!: string;
  @Field(() => [String], { description: 'What the members do to fulfil the task.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @Length(1, 1000, { each: true })
  activities!: string[];
  @Field() @Length(1, 2000) expectedResult!: string;
  @Field({ description: 'The form of the product: methodical recommendations, master class, publication…' }) @Length(1, 300) productForm!: string;
}

@InputType({ description: 'A measurable target, e.g. "knowledge quality +6 % → 70 %": baseline 64, target 70, unit % (003 plan, 002:6.1).' })
export class SuccessCriterionInput {
  @Field(() => ID, { description: "The criterion's key inside the plan, chosen by the drafter." }) @Length(1, 100) criterionId!: string;
  @Field() @Length(1, 1000) description!: string;
  @Field({ description: 'What is measured, e.g. "knowledge quality in science subjects".' }) @Length(1, 300) indicator!: string;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) baseline?: number;
  @Field(() => Float) @IsNumber({ allowNaN: false, allowInfinity: false }) target!: number;
  @Field() @Length(1, 50) unit!: string;
  @Field(() => ID, { nullable: true, description: 'The task this criterion measures; omit for a criterion of the whole plan.' })
  @IsOptional()
  @Length(1, 100)
  taskId?: string;
}

@InputType({ description: 'The chair drafts a plan, or revises a draft or returned one by passing its planId (000:7, 003:3.2).' })
export class DraftPlanInput extends MutationInput {
  @Field(() => ID, { nullable: true, description: 'Omit to draft a new plan; pass the id of a draft or returned plan to revise it.' })
  @IsOptional()
  @Length(1, 100)
  planId?: string;
  @Field(() => ID) @Length(1, 100) communityId!: string;
  @Field({ description: "YYYY-YYYY: the community's school year or the next (004:4.8)." }) @Matches(SCHOOL_YEAR) schoolYear!: string;
  @Field() @Length(1, 500) theme!: string;
  @Field() @Length(1, 2000) goal!: string;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(20) @Length(1, 500, { each: true }) priorities!: string[];
  @Field(() => [PlanTaskInput]) @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) tasks!: PlanTaskInput[];
  @Field(() => [SuccessCriterionInput], { defaultValue: [] })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  successCriteria!: SuccessCriterionInput[];
}

@InputType({ description: 'The carried motion of the meeting that discussed the plan (000:7, 003:3.2).' })
export class PlanDiscussionInput {
  @Field(() => ID) @Length(1, 100) meetingId!: string;
  @Field(() => ID) @Length(1, 100) motionId!: string;
}

@InputType({ description: 'The chair puts the plan into the approval chain of the profile.' })
export class SubmitPlanInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) planId!: string;
  @Field(() => PlanDiscussionInput, {
    nullable: true,
    description: 'Required when the chain starts with a discussion at a meeting (000:7, 003:3.2); optional otherwise.',
  })
  @IsOptional()
  @ValidateNested()
  discussion?: PlanDiscussionInput;
}

@InputType({ description: "The chair records a success criterion's measured value of the approved plan (000:7)." })
export class RecordCriterionResultInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) planId!: string;
  @Field(() => ID) @Length(1, 100) criterionId!: string;
  @Field(() => Float) value!: number;
  @Field({ description: 'YYYY-MM-DD: when it was measured; not after today.' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) measuredOn!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 2000) note?: string;
}

@InputType({ description: 'An official agrees the plan (согласование) at the current agree step (000:7, 003:3.2).' })
export class AgreePlanInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) planId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 2000) comment?: string;
}

@InputType({ description: 'An official approves the plan (утверждение) at the final step (000:7, 003:3.2, 004:4.7).' })
export class ApprovePlanInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) planId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 2000) comment?: string;
}

@InputType({ description: 'The official of the current step returns the plan to the chair with reasons.' })
export class ReturnPlanInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) planId!: string;
  @Field(() => [String]) @ArrayMinSize(1) @ArrayMaxSize(20) @Length(1, 2000, { each: true }) reasons!: string[];
}
