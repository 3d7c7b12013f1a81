/**
 * The task stream (`task-<taskId>`): a follow-up of a community's decision or a task of its
 * approved plan, given to one member with a due date. The chair controls the execution of
 * decisions and reports on it at the next meeting (000:7); completions on time and late
 * feed the task-completion metric (002:6.1).
 */
import type { CommunityFacts, HeldMeetingFacts, MotionFacts, PlanFacts } from '../shared/facts';
import type { Command, DomainEvent } from '../shared/message';
import type { RuleId } from '../shared/rules';

// ---------------------------------------------------------------- commands

/** A task of an approved plan, named by its id inside the plan. */
export interface PlanTaskOrigin {
  readonly plan: PlanFacts;
  readonly planTaskId: string;
}

/**
 * Where the task comes from: exactly one of a carried decision of a meeting (000:7) or a
 * task of the community's approved plan. The optional `undefined` members let other
 * transports send either shape while the decider rejects both-or-neither.
 */
export type AssignTaskOrigin =
  | { readonly decision: MotionFacts; readonly planTask?: undefined }
  | { readonly planTask: PlanTaskOrigin; readonly decision?: undefined };

export interface AssignTaskData {
  readonly taskId: string;
  readonly community: CommunityFacts;
  readonly title: string;
  readonly ownerId: string;
  /** Calendar date (`YYYY-MM-DD`). */
  readonly dueOn: string;
  readonly origin: AssignTaskOrigin;
}

export interface CompleteTaskData {
  readonly taskId: string;
  /** Carries the chair, who may complete on the owner's behalf (000:7). */
  readonly community: CommunityFacts;
  /** Calendar date (`YYYY-MM-DD`) the work was finished. */
  readonly completedOn: string;
  readonly evidence?: string | undefined;
  /** Products (product stream ids) the task yielded (002:6.1). */
  readonly productIds?: readonly string[] | undefined;
}

export interface ReviewTaskData {
  readonly taskId: string;
  /** Carries the chair, who controls the execution of decisions (000:7). */
  readonly community: CommunityFacts;
  /** The held meeting at which the chair reports on the execution (000:7). */
  readonly meeting: HeldMeetingFacts;
  readonly note: string;
}

export type AssignTask = Command<'AssignTask', AssignTaskData>;
export type CompleteTask = Command<'CompleteTask', CompleteTaskData>;
export type ReviewTask = Command<'ReviewTask', ReviewTaskData>;

export type TaskCommand = AssignTask | CompleteTask | ReviewTask;

// ---------------------------------------------------------------- events

/** The recorded origin of a task: ids only, so the event stays small and auditable. */
export type TaskOriginRef =
  /** A carried motion of a held meeting: the decision this task follows up (000:7). */
  | { readonly kind: 'decision'; readonly meetingId: string; readonly motionId: string; readonly heldOn: string }
  /** A task of an approved plan. */
  | { readonly kind: 'planTask'; readonly planId: string; readonly planTaskId: string; readonly schoolYear: string };

export interface TaskAssignedData {
  readonly taskId: string;
  readonly communityId: string;
  readonly districtId: string;
  /** Absent for a district-hosted community (004:1.2). */
  readonly institutionId?: string | undefined;
  readonly title: string;
  /** The member responsible for the task. */
  readonly ownerId: string;
  /** Due date; a completion on or before it is on time (002:6.1). */
  readonly dueOn: string;
  readonly origin: TaskOriginRef;
  /** The chair, who controls the execution of decisions (000:7). */
  readonly assignedBy: string;
  readonly rule: RuleId;
  readonly assignedAt: string;
}

export interface TaskCompletedData {
  readonly taskId: string;
  readonly communityId: string;
  readonly ownerId: string;
  readonly dueOn: string;
  readonly completedOn: string;
  /** `completedOn ≤ dueOn`: counted as on time by the task-completion metric (002:6.1). */
  readonly onTime: boolean;
  readonly evidence?: string | undefined;
  /** Products the task yielded, counted for the diversity of results (002:6.1). */
  readonly productIds: readonly string[];
  /** The owner, or the chair on the owner's behalf (000:7). */
  readonly completedBy: string;
  readonly completedAt: string;
}

/** How the task stood when the chair reported on it. */
export type TaskProgress = 'open' | 'overdue' | 'completedOnTime' | 'completedLate';

export interface TaskReviewedData {
  readonly taskId: string;
  readonly communityId: string;
  /** The meeting at which the chair reported on the execution (000:7). */
  readonly meetingId: string;
  readonly note: string;
  /** Progress at the time of the review, so the minutes need not be replayed to read it (000:7). */
  readonly progress: TaskProgress;
  /** The chair (000:7). */
  readonly reviewedBy: string;
  readonly reviewedAt: string;
}

export type TaskAssigned = DomainEvent<'TaskAssigned', TaskAssignedData>;
export type TaskCompleted = DomainEvent<'TaskCompleted', TaskCompletedData>;
export type TaskReviewed = DomainEvent<'TaskReviewed', TaskReviewedData>;

export type TaskEvent = TaskAssigned | TaskCompleted | TaskReviewed;

// ---------------------------------------------------------------- state

export interface TaskReview {
  readonly meetingId: string;
  readonly note: string;
  readonly progress: TaskProgress;
  readonly reviewedBy: string;
  readonly reviewedAt: string;
}

export interface TaskRecord {
  readonly taskId: string;
  readonly communityId: string;
  readonly title: string;
  readonly ownerId: string;
  readonly dueOn: string;
  readonly origin: TaskOriginRef;
  readonly assignedBy: string;
  readonly assignedAt: string;
  readonly reviews: readonly TaskReview[];
}

export type TaskState =
  | { readonly status: 'none' }
  | (TaskRecord & { readonly status: 'open' })
  | (TaskRecord & {
      readonly status: 'done';
      readonly completedOn: string;
      readonly onTime: boolean;
      readonly productIds: readonly string[];
    });

export type ExistingTaskState = Exclude<TaskState, { readonly status: 'none' }>;
