/** What the scenario remembers about a community's current school year. */
import type {
  MeetingCommand,
  MeetingEvent,
  MeetingState,
  PlanCommand,
  PlanEvent,
  PlanState,
  ProductCommand,
  ProductEvent,
  ProductState,
  ReportCommand,
  ReportEvent,
  ReportState,
  TaskCommand,
  TaskEvent,
  TaskState,
} from '@collegium/domain';
import type { Flow, Stream } from './eventLog';

export type PlanStream = Stream<PlanCommand, PlanEvent, PlanState>;
export type TaskStream = Stream<TaskCommand, TaskEvent, TaskState>;
export type MeetingStream = Stream<MeetingCommand, MeetingEvent, MeetingState>;
export type ProductStream = Stream<ProductCommand, ProductEvent, ProductState>;
export type ReportStream = Stream<ReportCommand, ReportEvent, ReportState>;

/** A plan on its way through the profile's approval chain (000:7, 003:3.2, 004:4.7). */
export interface PlanFlow {
  readonly stream: PlanStream;
  readonly planId: string;
  readonly schoolYear: string;
  readonly flow: Flow;
  /** Returned once already: the second pass goes through, as it does in practice. */
  returned: boolean;
  /** The chain starts with `discuss`: the next meeting must carry a motion on the plan. */
  awaitingDiscussion: boolean;
  /** When the final approval is aimed at, for a profile with a deadline (004:4.7); null otherwise. */
  approveTarget: number | null;
}

export interface TrackedTask {
  readonly stream: TaskStream;
  readonly taskId: string;
  readonly ownerId: string;
  readonly flow: Flow;
}

export interface HeldMeetingRef {
  readonly meetingId: string;
  readonly heldOn: string;
}

export interface YearState {
  readonly schoolYear: string;
  /** The calendar year the school year starts in (September). */
  readonly firstYear: number;
  /** Position in the generated school years; 0 is the first. */
  readonly index: number;
  readonly isLast: boolean;
  plan: PlanFlow | null;
  meetings: number;
  readonly held: HeldMeetingRef[];
  /** Tasks assigned since the last meeting: the chair reports on them at the next one (000:7). */
  pendingReviews: TrackedTask[];
  /** A motion electing the secretary is on its way (000:6): no second one until it is decided. */
  electionUnderway: boolean;
  readonly productIds: string[];
  readonly productTitles: string[];
}

export const newYear = (schoolYear: string, index: number, isLast: boolean): YearState => ({
  schoolYear,
  firstYear: Number(schoolYear.slice(0, 4)),
  index,
  isLast,
  plan: null,
  meetings: 0,
  held: [],
  pendingReviews: [],
  electionUnderway: false,
  productIds: [],
  productTitles: [],
});
