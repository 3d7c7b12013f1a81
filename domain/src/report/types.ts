/**
 * The report stream (`report-<reportId>`): a community's report on a school year — the
 * annual report (000:7), the analytical report with the next year's draft plan (004:4.8),
 * the creative report (003) or the final report (002) — and its review by the officials
 * who receive it.
 */
import type { SchoolYear } from '../shared/calendar';
import type { CommunityFacts, PlanFacts } from '../shared/facts';
import type { Command, DomainEvent, OrgRole } from '../shared/message';
import type { RuleId } from '../shared/rules';
import type { ReportKind } from '../profiles/profile';

// ---------------------------------------------------------------- commands

export interface SubmitReportData {
  readonly reportId: string;
  readonly community: CommunityFacts;
  readonly kind: ReportKind;
  /** The school year reported on. */
  readonly schoolYear: SchoolYear;
  readonly summary: string;
  readonly achievements: readonly string[];
  /** The next school year's draft plan; required where the profile says so (004:4.8). */
  readonly nextYearPlan?: PlanFacts | undefined;
}

export interface AcceptReportData {
  readonly reportId: string;
  readonly comment?: string | undefined;
}

export interface ReturnReportData {
  readonly reportId: string;
  readonly reasons: readonly string[];
}

export type SubmitReport = Command<'SubmitReport', SubmitReportData>;
export type AcceptReport = Command<'AcceptReport', AcceptReportData>;
export type ReturnReport = Command<'ReturnReport', ReturnReportData>;

export type ReportCommand = SubmitReport | AcceptReport | ReturnReport;

// ---------------------------------------------------------------- events

/** The community role in which a report was submitted (000:7: the secretary). */
export type ReporterRole = 'chair' | 'secretary';

/** The next year's plan as it stood when it went with the report (004:4.8). */
export interface NextYearPlanRef {
  readonly planId: string;
  readonly schoolYear: SchoolYear;
  readonly status: PlanFacts['status'];
}

export interface ReportSubmittedData {
  readonly reportId: string;
  readonly communityId: string;
  readonly districtId: string;
  /** Absent for a district-hosted community (004:1.2). */
  readonly institutionId?: string | undefined;
  readonly kind: ReportKind;
  readonly schoolYear: SchoolYear;
  readonly summary: string;
  readonly achievements: readonly string[];
  /** The next school year's draft plan sent with the report (004:4.8); null when none went with it. */
  readonly nextYearPlan: NextYearPlanRef | null;
  /** 1 for the first submission; a returned report is resubmitted with the next number. */
  readonly submission: number;
  readonly submittedBy: string;
  /** The community role that entitles the submitter (000:7: the secretary prepares the annual report). */
  readonly submittedAs: ReporterRole;
  readonly submittedAt: string;
  /** Due date (004:4.8: 1 September after the school year); null when the profile sets none. */
  readonly dueOn: string | null;
  /** Whether the submission date is on or before `dueOn` (004:4.8); true when there is no due date. */
  readonly onTime: boolean;
  /**
   * The official roles that accept or return the report, copied from the profile so the
   * review needs no further facts (000:7, 003:3.6, 004:4.8).
   */
  readonly acceptorRoles: readonly OrgRole[];
  /** The profile's reporting rule. */
  readonly rule: RuleId;
}

export interface ReportAcceptedData {
  readonly reportId: string;
  readonly communityId: string;
  readonly acceptedBy: string;
  readonly acceptedByRole: OrgRole;
  readonly comment?: string | undefined;
  readonly acceptedAt: string;
}

export interface ReportReturnedData {
  readonly reportId: string;
  readonly communityId: string;
  /** What to correct before resubmission. */
  readonly reasons: readonly string[];
  readonly returnedBy: string;
  readonly returnedByRole: OrgRole;
  readonly returnedAt: string;
}

export type ReportSubmitted = DomainEvent<'ReportSubmitted', ReportSubmittedData>;
export type ReportAccepted = DomainEvent<'ReportAccepted', ReportAcceptedData>;
export type ReportReturned = DomainEvent<'ReportReturned', ReportReturnedData>;

export type ReportEvent = ReportSubmitted | ReportAccepted | ReportReturned;

// ---------------------------------------------------------------- state

export interface ReportRecord {
  readonly reportId: string;
  readonly communityId: string;
  readonly districtId: string;
  readonly institutionId?: string | undefined;
  readonly kind: ReportKind;
  readonly schoolYear: SchoolYear;
  readonly summary: string;
  readonly achievements: readonly string[];
  /** The next school year's draft plan that came with the report (004:4.8), if any. */
  readonly nextYearPlanId: string | null;
  readonly submission: number;
  readonly submittedBy: string;
  readonly submittedAs: ReportSubmittedData['submittedAs'];
  readonly submittedAt: string;
  readonly dueOn: string | null;
  readonly onTime: boolean;
  readonly acceptorRoles: readonly OrgRole[];
  readonly rule: RuleId;
}

export type ReportState =
  | { readonly status: 'none' }
  | (ReportRecord & { readonly status: 'submitted' })
  | (ReportRecord & { readonly status: 'returned'; readonly reasons: readonly string[] })
  | (ReportRecord & { readonly status: 'accepted'; readonly acceptedAt: string });
