/**
 * The plan stream (`plan-<planId>`): a community's work plan for one school year and its
 * way through the approval chain of the community's regulation profile (000:7, 003:3.2,
 * 004:4.7).
 */
import type { SchoolYear } from '../shared/calendar';
import type { CommunityFacts, MotionFacts } from '../shared/facts';
import type { Command, DomainEvent, OrgRole } from '../shared/message';
import type { RuleId } from '../shared/rules';
import type { ApprovalStep } from '../profiles/profile';

// ---------------------------------------------------------------- content

/** One task of the plan (003 plan): what is done, how, and what it yields. */
export interface PlanTask {
  readonly taskId: string;
  readonly title: string;
  readonly activities: readonly string[];
  readonly expectedResult: string;
  /** The form of the product: methodical recommendations, master class, publication… */
  readonly productForm: string;
}

/**
 * A measurable target, e.g. "knowledge quality +6 % → 70 %" (baseline 64, target 70, unit %)
 * or "100 % of members in Lesson Study" (target 100, unit %), as in the 003 plan. The
 * dashboards compare the measured value with `target` (002:6.1).
 */
export interface SuccessCriterion {
  readonly criterionId: string;
  readonly description: string;
  /** What is measured, e.g. "knowledge quality in science subjects". */
  readonly indicator: string;
  readonly baseline?: number | undefined;
  readonly target: number;
  readonly unit: string;
  /** The task this criterion measures; absent for a criterion of the whole plan. */
  readonly taskId?: string | undefined;
}

export interface PlanContent {
  readonly theme: string;
  readonly goal: string;
  readonly priorities: readonly string[];
  readonly tasks: readonly PlanTask[];
  readonly successCriteria: readonly SuccessCriterion[];
}

// ---------------------------------------------------------------- commands

export interface DraftPlanData extends PlanContent {
  readonly planId: string;
  readonly community: CommunityFacts;
  readonly schoolYear: SchoolYear;
}

export interface SubmitPlanData {
  readonly planId: string;
  /**
   * The carried motion of the meeting that discussed the plan. Required when the chain
   * starts with a `discuss` step (000:7, 003:3.2); optional otherwise.
   */
  readonly discussion?: MotionFacts | undefined;
}

export interface AgreePlanData {
  readonly planId: string;
  readonly comment?: string | undefined;
}

export interface ApprovePlanData {
  readonly planId: string;
  readonly comment?: string | undefined;
}

export interface ReturnPlanData {
  readonly planId: string;
  readonly reasons: readonly string[];
}

/**
 * The chair records a success criterion's measured value, in the chair's control of the
 * plan's execution (000:7): e.g. knowledge quality 68 % on 2026-05-20, against a target of 70.
 */
export interface RecordCriterionResultData {
  readonly planId: string;
  readonly criterionId: string;
  readonly value: number;
  /** The date the value was measured (`YYYY-MM-DD`), not after the day it is recorded. */
  readonly measuredOn: string;
  readonly note?: string | undefined;
  /** The plan's community as it stands now: its chair records the result. */
  readonly community: CommunityFacts;
}

export type DraftPlan = Command<'DraftPlan', DraftPlanData>;
export type SubmitPlan = Command<'SubmitPlan', SubmitPlanData>;
export type AgreePlan = Command<'AgreePlan', AgreePlanData>;
export type ApprovePlan = Command<'ApprovePlan', ApprovePlanData>;
export type ReturnPlan = Command<'ReturnPlan', ReturnPlanData>;
export type RecordCriterionResult = Command<'RecordCriterionResult', RecordCriterionResultData>;

export type PlanCommand = DraftPlan | SubmitPlan | AgreePlan | ApprovePlan | ReturnPlan | RecordCriterionResult;

// ---------------------------------------------------------------- events

/** A plan's deadline: the date approval is due by, and the rule that sets it. */
export interface PlanDeadline {
  /** Calendar date (`YYYY-MM-DD`), e.g. 15 September of the plan's school year (004:4.7). */
  readonly on: string;
  readonly rule: RuleId;
}

export interface PlanDraftedData extends PlanContent {
  readonly planId: string;
  readonly communityId: string;
  readonly districtId: string;
  /** Absent for a district-hosted community (004:1.2). */
  readonly institutionId?: string | undefined;
  readonly schoolYear: SchoolYear;
  /** The profile the chain and deadline were copied from, for the audit trail. */
  readonly profile: { readonly id: string; readonly version: number };
  /**
   * The approval chain copied from the community's profile at drafting, so a later change
   * of the profile never changes a plan under way (000:7, 003:3.2, 004:4.7).
   */
  readonly chain: readonly ApprovalStep[];
  /** The profile's rule for the plan as a whole (drafting and submitting). */
  readonly rule: RuleId;
  /** Approval due date (004:4.7: 15 September of the school year); null: no deadline. */
  readonly deadline: PlanDeadline | null;
  /** The chair, who drafts and submits the plan (000:7, 003:3.2). */
  readonly draftedBy: string;
  readonly draftedAt: string;
}

export interface PlanRevisedData extends PlanContent {
  readonly planId: string;
  readonly communityId: string;
  /** 1 for the first revision after drafting. */
  readonly revision: number;
  /** The chair at the time of revision; a newly appointed chair takes the plan over by revising it (000:7). */
  readonly revisedBy: string;
  readonly revisedAt: string;
}

/** The carried motion of a meeting at which the plan was discussed. */
export interface PlanDiscussionRef {
  readonly meetingId: string;
  readonly motionId: string;
  /** The date of the meeting that carried the motion. */
  readonly heldOn: string;
}

export interface PlanSubmittedData {
  readonly planId: string;
  readonly communityId: string;
  /** 1 for the first submission; a returned plan is resubmitted with the next number. */
  readonly submission: number;
  /** The discussion at a meeting that went with the submission, if any (000:7, 003:3.2). */
  readonly discussion: PlanDiscussionRef | null;
  /** The chair (000:7, 003:3.2). */
  readonly submittedBy: string;
  readonly submittedAt: string;
}

/** The `discuss` step completed by the discussion that went with the submission. */
export interface PlanDiscussedData extends PlanDiscussionRef {
  readonly planId: string;
  readonly communityId: string;
  /** Index of the `discuss` step of the chain this discussion completes (000:7, 003:3.2). */
  readonly step: number;
  readonly rule: RuleId;
  readonly discussedAt: string;
}

export interface PlanAgreedData {
  readonly planId: string;
  readonly communityId: string;
  /** Index of the `agree` step completed (согласование; 000:7, 003:3.2). */
  readonly step: number;
  readonly agreedBy: string;
  readonly agreedByRole: OrgRole;
  readonly comment?: string | undefined;
  readonly rule: RuleId;
  readonly agreedAt: string;
}

export interface PlanApprovedData {
  readonly planId: string;
  readonly communityId: string;
  readonly schoolYear: SchoolYear;
  /** Index of the final `approve` step (утверждение; 000:7, 003:3.2, 004:4.7). */
  readonly step: number;
  readonly approvedBy: string;
  readonly approvedByRole: OrgRole;
  readonly comment?: string | undefined;
  readonly rule: RuleId;
  readonly approvedAt: string;
  /** Approval due date (004:4.7), null when the profile sets none. */
  readonly deadline: string | null;
  /**
   * Whether the approval date is on or before the deadline (004:4.7). A late approval is
   * allowed and measured as non-compliance; true when there is no deadline to miss.
   */
  readonly onTime: boolean;
}

export interface PlanReturnedData {
  readonly planId: string;
  readonly communityId: string;
  /** Index of the step at which the plan was returned to the chair. */
  readonly step: number;
  readonly reasons: readonly string[];
  readonly returnedBy: string;
  readonly returnedByRole: OrgRole;
  readonly rule: RuleId;
  readonly returnedAt: string;
}

/** A success criterion's value as measured, and who recorded it when. */
export interface CriterionResult {
  readonly criterionId: string;
  readonly value: number;
  readonly measuredOn: string;
  readonly note?: string | undefined;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface CriterionResultRecordedData extends CriterionResult {
  readonly planId: string;
  readonly communityId: string;
  /** The criterion's target and baseline as approved, and whether this value reached it: the dashboards count it without the plan. */
  readonly target: number;
  readonly baseline: number | null;
  readonly met: boolean;
  readonly rule: RuleId;
}

export type PlanDrafted = DomainEvent<'PlanDrafted', PlanDraftedData>;
export type PlanRevised = DomainEvent<'PlanRevised', PlanRevisedData>;
export type PlanSubmitted = DomainEvent<'PlanSubmitted', PlanSubmittedData>;
export type PlanDiscussed = DomainEvent<'PlanDiscussed', PlanDiscussedData>;
export type PlanAgreed = DomainEvent<'PlanAgreed', PlanAgreedData>;
export type PlanApproved = DomainEvent<'PlanApproved', PlanApprovedData>;
export type PlanReturned = DomainEvent<'PlanReturned', PlanReturnedData>;
export type CriterionResultRecorded = DomainEvent<'CriterionResultRecorded', CriterionResultRecordedData>;

export type PlanEvent = PlanDrafted | PlanRevised | PlanSubmitted | PlanDiscussed | PlanAgreed | PlanApproved | PlanReturned | CriterionResultRecorded;

// ---------------------------------------------------------------- state

/** A step of the chain that has been completed in the current submission. */
export interface CompletedStep {
  readonly step: number;
  readonly kind: ApprovalStep['kind'];
  /** The official who agreed or approved, or the motion that carried the discussion. */
  readonly by: string;
  readonly at: string;
}

export interface PlanRecord {
  readonly planId: string;
  readonly communityId: string;
  readonly districtId: string;
  readonly institutionId?: string | undefined;
  readonly schoolYear: SchoolYear;
  readonly content: PlanContent;
  readonly chain: readonly ApprovalStep[];
  readonly rule: RuleId;
  readonly deadline: PlanDeadline | null;
  /** The chair who drafted or last revised the plan: the one who submits it (000:7). */
  readonly chairId: string;
  readonly revision: number;
  /** Instant of the drafting or last revision: a discussion must not predate it. */
  readonly lastChangedAt: string;
  /** Submissions so far. */
  readonly submissions: number;
  /** Steps completed in the current (or, when approved, the final) submission. */
  readonly history: readonly CompletedStep[];
}

export type PlanState =
  | { readonly status: 'none' }
  | (PlanRecord & { readonly status: 'draft' })
  /** `currentStep` indexes `chain`: the step awaiting completion. */
  | (PlanRecord & { readonly status: 'submitted'; readonly currentStep: number })
  | (PlanRecord & { readonly status: 'returned'; readonly reasons: readonly string[] })
  /** `results`: the success criteria's measured values, in the order recorded (a plan is measured once approved). */
  | (PlanRecord & { readonly status: 'approved'; readonly approvedAt: string; readonly onTime: boolean; readonly results: readonly CriterionResult[] });

export type ExistingPlanState = Exclude<PlanState, { readonly status: 'none' }>;
