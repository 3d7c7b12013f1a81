import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { TaskProgress } from '@collegium/domain';
import { enumOf } from '../enums';

export const TaskProgressEnum = enumOf(['open', 'overdue', 'completedOnTime', 'completedLate'] as const satisfies readonly TaskProgress[]);
registerEnumType(TaskProgressEnum, { name: 'TaskProgress', description: 'How a task stood when the chair reported on it (000:7).' });

export const TaskOriginKindEnum = enumOf(['decision', 'planTask'] as const);
registerEnumType(TaskOriginKindEnum, { name: 'TaskOriginKind', description: 'A carried decision of a meeting, or a task of the approved plan.' });

@ObjectType({ description: 'Where a task comes from; the fields of the other kind are null.' })
export class TaskOrigin {
  @Field(() => TaskOriginKindEnum) kind!: string;
  @Field(() => ID, { nullable: true }) meetingId?: string | null;
  @Field(() => ID, { nullable: true }) motionId?: string | null;
  @Field(() => String, { nullable: true, description: 'The date of the meeting that took the decision.' }) heldOn?: string | null;
  @Field(() => ID, { nullable: true }) planId?: string | null;
  @Field(() => ID, { nullable: true }) planTaskId?: string | null;
  @Field(() => String, { nullable: true, description: 'The school year of the plan.' }) schoolYear?: string | null;
}

@ObjectType({ description: 'The chair\'s report on the execution of a task at a meeting (000:7).' })
export class TaskReview {
  @Field(() => ID) meetingId!: string;
  @Field() note!: string;
  @Field(() => TaskProgressEnum) progress!: string;
  @Field(() => ID) reviewedBy!: string;
  @Field() reviewedAt!: string;
}

@ObjectType({ description: 'A task as its stream tells it (current, or as of a date): a follow-up of a decision or a plan task (000:7).' })
export class Task {
  @Field(() => ID) taskId!: string;
  @Field(() => ID) communityId!: string;
  @Field({ description: 'OPEN or DONE' }) status!: string;
  @Field() title!: string;
  @Field(() => ID) ownerId!: string;
  @Field() dueOn!: string;
  @Field(() => TaskOrigin) origin!: TaskOrigin;
  @Field(() => ID, { description: 'The chair (000:7).' }) assignedBy!: string;
  @Field() assignedAt!: string;
  @Field(() => String, { nullable: true }) completedOn?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Completed on or before the due date (002:6.1); null while open.' }) onTime?: boolean | null;
  @Field(() => [ID], { description: 'Products the task yielded (002:6.1).' }) productIds!: string[];
  @Field(() => [TaskReview]) reviews!: TaskReview[];
  @Field(() => Int, { description: 'The stream revision this view reflects.' }) revision!: number;
}
