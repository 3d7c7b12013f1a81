import type { OrgRole } from '../shared/message';
import type { RuleId } from '../shared/rules';
import type { SchoolYearDay } from '../shared/calendar';

/**
 * A regulation profile: everything in which the regulations of different countries and
 * schools differ, as data. Deciders read these settings; no decider branches on a
 * country or a kind. A community records a copy of its profile (with its version) when
 * it is created, so a later change of the built-in profile never rewrites history.
 */
export interface RegulationProfile {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  /** The regulation this profile distils (shared/seeds file). */
  readonly seed: string;
  /** Communities of this kind are hosted by an institution or by the district (004:1.2). */
  readonly hostLevel: 'institution' | 'district';
  /** Roles whose order creates, reorganises or dissolves a community and appoints its chair. */
  readonly orders: { readonly issuerRoles: readonly OrgRole[]; readonly rule: RuleId };
  readonly membership: MembershipRules;
  /** Any one criterion makes a member eligible; an empty list means any member. */
  readonly chairEligibility: { readonly anyOf: readonly ChairCriterion[]; readonly rule?: RuleId };
  /** Null when the regulation has no elected secretary. */
  readonly secretary: { readonly electedByMembers: true; readonly term: 'schoolYear'; readonly rule: RuleId } | null;
  readonly cadence: Cadence;
  readonly voting: { readonly tieBreak: 'chairDecides' | 'notCarried'; readonly rule: RuleId };
  readonly planApproval: PlanApprovalRules;
  readonly reporting: ReportingRules;
  /** Minutes are required for every held meeting. */
  readonly minutes: { readonly signedBy: 'chair'; readonly rule: RuleId };
}

export interface MembershipRules {
  readonly minMembers: number;
  /** Members must share the one subject or area of the community (003:1.2). */
  readonly singleSubject: boolean;
  readonly enrolment: 'voluntary' | 'byOrder';
  readonly rule: RuleId;
}

export type ChairCriterion =
  | { readonly kind: 'headOfInstitution' }
  | { readonly kind: 'qualification'; readonly minCategory: QualificationCategory; readonly minYearsInSpecialty: number };

/** Qualification categories in ascending order. */
export const QUALIFICATION_CATEGORIES = ['none', 'second', 'first', 'highest'] as const;
export type QualificationCategory = (typeof QUALIFICATION_CATEGORIES)[number];

export type CadenceUnit = 'week' | 'quarter' | 'halfYear' | 'schoolYear';

/** How often meetings must be held; `asNeeded` sets no minimum (002:4.6). */
export type Cadence =
  | { readonly kind: 'minimum'; readonly per: CadenceUnit; readonly meetings: number; readonly perSchoolYear?: number; readonly rule: RuleId }
  | { readonly kind: 'asNeeded'; readonly rule: RuleId };

export type ApprovalStep =
  /** The plan is discussed at a meeting; a carried motion on it completes the step. */
  | { readonly kind: 'discuss'; readonly rule: RuleId }
  /** An official of one of `roles` agrees (согласование) or approves (утверждение) the plan. */
  | { readonly kind: 'agree' | 'approve'; readonly roles: readonly OrgRole[]; readonly rule: RuleId };

export interface PlanApprovalRules {
  /** Ordered steps after submission; the last one is an `approve`. */
  readonly chain: readonly ApprovalStep[];
  /** Approval is due by this day of the plan's school year (004:4.7); null: no deadline. */
  readonly deadline: (SchoolYearDay & { readonly rule: RuleId }) | null;
  /** Who drafts and submits the plan. */
  readonly drafter: 'chair';
  readonly rule: RuleId;
}

export type ReportKind = 'annual' | 'analytical' | 'creative' | 'final';
export const REPORT_KINDS: readonly ReportKind[] = ['annual', 'analytical', 'creative', 'final'];

export interface ReportingRules {
  /** Community roles that may submit a report. */
  readonly reporters: readonly ('chair' | 'secretary')[];
  readonly kinds: readonly ReportKind[];
  /** Due day relative to the report's school year; null: no fixed date. */
  readonly due: (SchoolYearDay & { readonly rule: RuleId }) | null;
  /** 004:4.8: the next year's draft plan goes with the report. */
  readonly requiresNextYearPlan: boolean;
  /** Roles that accept or return a report. */
  readonly acceptorRoles: readonly OrgRole[];
  readonly rule: RuleId;
}
