/**
 * Facts one stream's decision needs from another stream. The application layer loads
 * the other stream, derives these with the owning module's `to…Facts` function and puts
 * them into the command (ARCHITECTURE rule 5), so every invariant is checked inside one
 * stream's decider and resolvers stay free of business `if`s.
 */
import type { RegulationProfile, QualificationCategory } from '../profiles/profile';
import type { SchoolYear } from './calendar';

export interface MemberFacts {
  readonly memberId: string;
  readonly fullName: string;
  readonly subject: string;
  readonly category: QualificationCategory;
  readonly yearsInSpecialty: number;
  readonly headOfInstitution: boolean;
}

/** What other streams need to know about a community. */
export interface CommunityFacts {
  readonly communityId: string;
  readonly status: 'active' | 'dissolved';
  /** The profile recorded when the community was created (with its version). */
  readonly profile: RegulationProfile;
  /** The school year the community currently works in. */
  readonly schoolYear: SchoolYear;
  readonly districtId: string;
  /** Absent for a district-hosted community (004:1.2). */
  readonly institutionId?: string | undefined;
  readonly chairId: string | null;
  /** The secretary elected for `schoolYear`, if any (000:6). */
  readonly secretaryId: string | null;
  readonly members: readonly MemberFacts[];
}

/** What a motion put to the vote at a meeting may be about. */
export type MotionSubject =
  | { readonly kind: 'decision' }
  /** Election of a secretary from among the members (000:6). */
  | { readonly kind: 'electSecretary'; readonly candidateId: string }
  /** Discussion of a draft plan at a meeting, a step of the approval chain (000:7, 003:3.2). */
  | { readonly kind: 'discussPlan'; readonly planId: string };

/** What other streams need to know about a motion voted on at a meeting. */
export interface MotionFacts {
  readonly meetingId: string;
  readonly motionId: string;
  readonly communityId: string;
  readonly subject: MotionSubject;
  readonly text: string;
  /** Null while the vote is open. */
  readonly carried: boolean | null;
  /** When the meeting was held (date). */
  readonly heldOn: string;
}

/**
 * What other streams need to know about a meeting that took place: a task is reviewed at
 * one (000:7), a product may be presented at one. Citing a meeting that was never held, or
 * another community's, would break the trail an auditor follows.
 */
export interface HeldMeetingFacts {
  readonly meetingId: string;
  readonly communityId: string;
  readonly heldOn: string;
}

/** What other streams need to know about a plan. */
export interface PlanFacts {
  readonly planId: string;
  readonly communityId: string;
  readonly schoolYear: SchoolYear;
  readonly status: 'draft' | 'submitted' | 'returned' | 'approved';
  readonly taskIds: readonly string[];
}

/** Stream names: `<type>-<id>`, one stream per aggregate instance. */
export type StreamType = 'community' | 'plan' | 'meeting' | 'report' | 'task' | 'product' | 'calendar' | 'webhook' | 'compliance' | 'operation';
export const streamName = (type: StreamType, id: string): string => `${type}-${id}`;
