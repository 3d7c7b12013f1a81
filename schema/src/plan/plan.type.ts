import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ApprovalStep } from '@collegium/domain';
import { enumOf, OrgRoleEnum } from '../enums';

export const ApprovalStepKindEnum = enumOf(['discuss', 'agree', 'approve'] as const satisfies readonly ApprovalStep['kind'][]);
registerEnumType(ApprovalStepKindEnum, {
  name: 'ApprovalStepKind',
  description: 'Discussion at a meeting, agreement (согласование) or approval (утверждение) of a plan (000:7, 003:3.2, 004:4.7).',
});

export const ApprovalStepStateEnum = enumOf(['done', 'current', 'pending'] as const);
registerEnumType(ApprovalStepStateEnum, {
  name: 'ApprovalStepState',
  description: 'Done in the latest submission, awaited now, or still ahead.',
});

@ObjectType({ description: 'One task of the plan (003 plan).' })
export class PlanTask {
  @Field(() => ID) taskId!: string;
  @Field() title!: string;
  @Field(() => [String]) activities!: string[];
  @Field() expectedResult!: string;
  @Field() productForm!: string;
}

@ObjectType({ description: "A success criterion's value as measured, and who recorded it when (000:7)." })
export class CriterionResultView {
  @Field(() => Float) value!: number;
  @Field({ description: 'The date the value was measured (YYYY-MM-DD).' }) measuredOn!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => ID) recordedBy!: string;
  @Field() recordedAt!: string;
}

@ObjectType({ description: 'A measurable target of the plan (003 plan, 002:6.1), and how it stands once the approved plan is measured.' })
export class SuccessCriterion {
  @Field(() => ID) criterionId!: string;
  @Field() description!: string;
  @Field() indicator!: string;
  @Field(() => Float, { nullable: true }) baseline?: number | null;
  @Field(() => Float) target!: number;
  @Field() unit!: string;
  @Field(() => ID, { nullable: true, description: 'The task measured; null for a criterion of the whole plan.' }) taskId?: string | null;
  @Field(() => [CriterionResultView], { description: 'Every value recorded, in the order recorded.' }) results!: CriterionResultView[];
  @Field(() => CriterionResultView, { nullable: true, description: 'The value that counts: the latest measured (of one day, the latest recorded).' })
  latest?: CriterionResultView | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Share of the way from the baseline (or zero) to the target reached by the latest value, e.g. 0.5; above 1 past the target; null before any measurement.',
  })
  progress?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether the latest value reached the target, in its direction (a target below the baseline is a fall to reach); null before any measurement.' })
  met?: boolean | null;
}

@ObjectType({ description: 'A step of the approval chain copied from the profile at drafting, with how it stands.' })
export class PlanApprovalStep {
  @Field(() => Int, { description: 'Position in the chain, from 0.' }) index!: number;
  @Field(() => ApprovalStepKindEnum) kind!: string;
  @Field(() => [OrgRoleEnum], { description: 'Who agrees or approves; empty for a discussion.' }) roles!: string[];
  @Field() rule!: string;
  @Field(() => ApprovalStepStateEnum) state!: string;
  @Field(() => String, { nullable: true, description: 'The official who completed the step, or the carried motion for a discussion.' })
  doneBy?: string | null;
  @Field(() => String, { nullable: true }) doneAt?: string | null;
}

@ObjectType({ description: 'The date approval is due by and the rule that sets it (004:4.7).' })
export class PlanDeadlineView {
  @Field({ description: 'YYYY-MM-DD' }) on!: string;
  @Field() rule!: string;
}

@ObjectType({ description: 'How a task of the plan is being carried out: the tasks assigned from it and the products of its result (000:7, 002:6.1).' })
export class PlanTaskProgressView {
  @Field(() => ID, { description: 'The plan task (its key inside the plan).' }) taskId!: string;
  @Field(() => Int, { description: 'Tasks assigned to members from this plan task.' }) assigned!: number;
  @Field(() => Int) completedOnTime!: number;
  @Field(() => Int) completedLate!: number;
  @Field(() => Int) open!: number;
  @Field(() => [ID], { description: "Products registered as the plan task's result." }) productIds!: string[];
}

@ObjectType({ description: "A community's work plan for a school year and its way through the approval chain (current, or as of a date)." })
export class Plan {
  /** The instant the view was asked as of (not a field): the plan's task progress is then shown as of it too. */
  asOf?: string | null;
  @Field(() => ID) planId!: string;
  @Field(() => ID) communityId!: string;
  @Field(() => ID) districtId!: string;
  @Field(() => ID, { nullable: true }) institutionId?: string | null;
  @Field({ description: 'DRAFT, SUBMITTED, RETURNED or APPROVED' }) status!: string;
  @Field() schoolYear!: string;
  @Field() theme!: string;
  @Field() goal!: string;
  @Field(() => [String]) priorities!: string[];
  @Field(() => [PlanTask]) tasks!: PlanTask[];
  @Field(() => [SuccessCriterion]) successCriteria!: SuccessCriterion[];
  @Field(() => [PlanApprovalStep]) approvalChain!: PlanApprovalStep[];
  @Field(() => Int, { nullable: true, description: 'Index of the step awaited now; null unless submitted.' }) currentStep?: number | null;
  @Field({ description: "The profile's rule for the plan as a whole." }) rule!: string;
  @Field(() => PlanDeadlineView, { nullable: true, description: 'Approval due date (004:4.7); null when the profile sets none.' })
  deadline?: PlanDeadlineView | null;
  @Field(() => Boolean, { nullable: true, description: 'Approved on or before the deadline (004:4.7); null until approved.' }) onTime?: boolean | null;
  @Field(() => String, { nullable: true }) approvedAt?: string | null;
  @Field(() => ID, { description: 'The chair who drafted or last revised the plan (000:7).' }) chairId!: string;
  @Field(() => Int, { description: 'Revisions since drafting (0 as drafted).' }) revisions!: number;
  @Field(() => Int, { description: 'Submissions so far.' }) submissions!: number;
  @Field({ description: 'When the plan was drafted or last revised.' }) lastChangedAt!: string;
  @Field(() => [String], { description: 'Why the plan was returned; empty unless RETURNED.' }) returnReasons!: string[];
  @Field(() => Int, { description: 'The stream revision this view reflects.' }) revision!: number;
}
