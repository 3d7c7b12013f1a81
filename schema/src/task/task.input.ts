import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Matches, registerDecorator, ValidateNested } from 'class-validator';
import { ISO_DATE, MutationInput } from '../common.type';

/** The value is an object naming exactly one of `keys` (a GraphQL "one of" input). */
const HasExactlyOne =
  (keys: readonly string[]): PropertyDecorator =>
  (target, propertyName) =>
    registerDecorator({
      name: 'hasExactlyOne',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [keys],
      options: { message: `$property must name exactly one of ${keys.join(', ')}` },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && keys.filter((k) => (value as Record<string, unknown>)[k] != null).length === 1,
      },
    });

@InputType({ description: 'A carried motion on a decision, voted at a held meeting: the decision the task follows up (000:7).' })
export class DecisionOriginInput {
  @Field(() => ID) @Length(1, 100) meetingId!: string;
  @Field(() => ID) @Length(1, 100) motionId!: string;
}

@InputType({ description: 'A task of the community\'s approved plan, by its id inside the plan.' })
export class PlanTaskOriginInput {
  @Field(() => ID) @Length(1, 100) planId!: string;
  @Field(() => ID) @Length(1, 100) planTaskId!: string;
}

@InputType({ description: 'Where a task comes from: exactly one of a decision or a plan task.' })
export class TaskOriginInput {
  @Field(() => DecisionOriginInput, { nullable: true }) @IsOptional() @ValidateNested() decision?: DecisionOriginInput;
  @Field(() => PlanTaskOriginInput, { nullable: true }) @IsOptional() @ValidateNested() planTask?: PlanTaskOriginInput;
}

@InputType({ description: 'The chair gives a member the follow-up of a decision or a task of the approved plan (000:7).' })
export class AssignTaskInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) communityId!: string;
  @Field() @Length(1, 500) title!: string;
  @Field(() => ID, { description: 'The member responsible for the task.' }) @Length(1, 100) ownerId!: string;
  @Field({ description: 'YYYY-MM-DD; completion on or before it is on time (002:6.1).' })
  @Matches(ISO_DATE, { message: 'dueOn must be YYYY-MM-DD' })
  dueOn!: string;
  @Field(() => TaskOriginInput) @HasExactlyOne(['decision', 'planTask']) @ValidateNested() origin!: TaskOriginInput;
}

@InputType({ description: 'The owner, or the chair on the owner\'s behalf, reports a task done (000:7).' })
export class CompleteTaskInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) taskId!: string;
  @Field({ description: 'YYYY-MM-DD the work was finished; not in the future.' })
  @Matches(ISO_DATE, { message: 'completedOn must be YYYY-MM-DD' })
  completedOn!: string;
  @Field(() => String, { nullable: true, description: 'What shows the work was done.' }) @IsOptional() @Length(1, 5000) evidence?: string;
  @Field(() => [ID], { nullable: true, description: 'Products the task yielded (002:6.1).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Length(1, 100, { each: true })
  productIds?: string[];
}

@InputType({ description: 'The chair reports on the execution of a task at a meeting (000:7).' })
export class ReviewTaskInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) taskId!: string;
  @Field(() => ID, { description: 'The meeting at which the chair reports.' }) @Length(1, 100) meetingId!: string;
  @Field() @Length(1, 5000) note!: string;
}
