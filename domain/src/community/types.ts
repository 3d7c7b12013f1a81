import type { Command, DomainEvent } from '../shared/message';
import type { SchoolYear } from '../shared/calendar';
import type { MemberFacts, MotionFacts } from '../shared/facts';
import type { RegulationProfile } from '../profiles/profile';

/**
 * An order (приказ) of the head of an institution or department: every act that
 * creates, reorganises, continues or dissolves a community, or appoints its chair, is
 * taken by one (000:6, 001:2.1, 002:4.5, 003:1.5, 004:1.4).
 */
export interface Order {
  /** The order's registration number, as printed on it. */
  readonly number: string;
  /** The date the order was signed, `YYYY-MM-DD`. */
  readonly date: string;
}

/** Who hosts a community: an institution, or the district itself (004:1.2). */
export type CommunityHost = { readonly level: 'institution'; readonly institutionId: string } | { readonly level: 'district' };

/** A teacher (or head, 004) as enrolled: the attributes chair eligibility is judged on. */
export type MemberInput = MemberFacts;

/** A member as the community knows them. */
export interface CommunityMember extends MemberInput {
  /** The date membership began: the order's date when set by order, otherwise the day of enrolment. */
  readonly enrolledOn: string;
}

export interface CommunityChair {
  readonly memberId: string;
  /** The date of the appointing order (000:6). */
  readonly appointedOn: string;
  readonly orderNumber: string;
}

export interface CommunitySecretary {
  readonly memberId: string;
  /** The secretary serves for this one school year (000:6). */
  readonly schoolYear: SchoolYear;
}

// ---------------------------------------------------------------- commands

export type CreateCommunity = Command<
  'CreateCommunity',
  {
    readonly communityId: string;
    readonly name: string;
    /** The whole profile of the chosen kind; the community keeps this copy for good. */
    readonly profile: RegulationProfile;
    readonly schoolYear: SchoolYear;
    readonly host: CommunityHost;
    /** Subjects and/or a direction of work (000:2). */
    readonly subjects: readonly string[];
    readonly direction?: string | null | undefined;
    readonly foundingMembers: readonly MemberInput[];
    readonly order: Order;
  }
>;

/** Changes what the community works on (003:1.5); an omitted field stays as it is. */
export type ReorganizeCommunity = Command<
  'ReorganizeCommunity',
  {
    readonly communityId: string;
    readonly name?: string | undefined;
    readonly subjects?: readonly string[] | undefined;
    /** `null` removes the direction. */
    readonly direction?: string | null | undefined;
    readonly order: Order;
  }
>;

export type ContinueCommunity = Command<
  'ContinueCommunity',
  {
    readonly communityId: string;
    /** Must be the school year after the current one (001:2.1). */
    readonly schoolYear: SchoolYear;
    readonly order: Order;
  }
>;

export type DissolveCommunity = Command<
  'DissolveCommunity',
  { readonly communityId: string; readonly reason: string; readonly order: Order }
>;

export type EnrollMember = Command<
  'EnrollMember',
  {
    readonly communityId: string;
    readonly member: MemberInput;
    /** Required where members are set by order (001:app1.1). */
    readonly order?: Order | null | undefined;
  }
>;

export type RemoveMember = Command<
  'RemoveMember',
  {
    readonly communityId: string;
    readonly memberId: string;
    /** Required where members are set by order (001:app1.1). */
    readonly order?: Order | null | undefined;
    readonly reason?: string | null | undefined;
  }
>;

export type AppointChair = Command<
  'AppointChair',
  { readonly communityId: string; readonly memberId: string; readonly order: Order }
>;

export type ElectSecretary = Command<
  'ElectSecretary',
  {
    readonly communityId: string;
    readonly memberId: string;
    /** The motion that elected the candidate, loaded from the meeting stream (000:6, 000:8). */
    readonly motion: MotionFacts;
  }
>;

export type RecordExpertEvaluation = Command<
  'RecordExpertEvaluation',
  {
    readonly communityId: string;
    readonly evaluationId: string;
    /** The product evaluated; absent when the community's work as a whole is evaluated. */
    readonly productId?: string | null | undefined;
    readonly score: number;
    readonly conclusion: string;
    readonly evaluatedOn: string;
  }
>;

export type CommunityCommand =
  | CreateCommunity
  | ReorganizeCommunity
  | ContinueCommunity
  | DissolveCommunity
  | EnrollMember
  | RemoveMember
  | AppointChair
  | ElectSecretary
  | RecordExpertEvaluation;

// ---------------------------------------------------------------- events

export type CommunityCreated = DomainEvent<
  'CommunityCreated',
  {
    readonly communityId: string;
    readonly name: string;
    /** The profile copy (with `version`) that governs this community from now on. */
    readonly profile: RegulationProfile;
    /** The school year the community is created for (001:2.1). */
    readonly schoolYear: SchoolYear;
    readonly districtId: string;
    /** An institution (000:2) or the district itself (004:1.2). */
    readonly host: CommunityHost;
    /** The subjects and/or direction the community is created for (000:2). */
    readonly subjects: readonly string[];
    readonly direction: string | null;
    /** Members set by the creation order (001:app1.1); at least the profile's minimum (003:1.2). */
    readonly foundingMembers: readonly MemberInput[];
    /** The creation order (000:6, 001:2.1, 003:1.5, 004:1.4). */
    readonly order: Order;
    readonly createdBy: string;
    readonly createdAt: string;
  }
>;

export type CommunityReorganized = DomainEvent<
  'CommunityReorganized',
  {
    readonly communityId: string;
    /** The name, subjects and direction after reorganisation (003:1.5). */
    readonly name: string;
    readonly subjects: readonly string[];
    readonly direction: string | null;
    readonly order: Order;
    readonly reorganizedBy: string;
    readonly reorganizedAt: string;
  }
>;

export type CommunityContinued = DomainEvent<
  'CommunityContinued',
  {
    readonly communityId: string;
    readonly previousSchoolYear: SchoolYear;
    /** The community is ordered anew for each school year (001:2.1). */
    readonly schoolYear: SchoolYear;
    /** The secretary whose one-year term ended with the previous school year (000:6). */
    readonly secretaryTermEnded: string | null;
    readonly order: Order;
    readonly continuedBy: string;
    readonly continuedAt: string;
  }
>;

export type CommunityDissolved = DomainEvent<
  'CommunityDissolved',
  {
    readonly communityId: string;
    readonly reason: string;
    /** The dissolving order (003:1.5, 004:1.4). */
    readonly order: Order;
    readonly dissolvedBy: string;
    readonly dissolvedAt: string;
    /**
     * The members at dissolution, whose terms (member, chair, secretary) end with it: named
     * so read models can close them. Absent in events recorded before it was added.
     */
    readonly memberIds?: readonly string[];
  }
>;

export type MemberEnrolled = DomainEvent<
  'MemberEnrolled',
  {
    readonly communityId: string;
    readonly member: MemberInput;
    /** By order (001:app1.1) or by the teacher's own choice (002:1.5). */
    readonly enrolment: 'byOrder' | 'voluntary';
    readonly order: Order | null;
    readonly enrolledOn: string;
    readonly enrolledBy: string;
    readonly enrolledAt: string;
  }
>;

export type MemberRemoved = DomainEvent<
  'MemberRemoved',
  {
    readonly communityId: string;
    readonly memberId: string;
    /** The teacher left of their own accord (002:1.5). */
    readonly leftVoluntarily: boolean;
    readonly order: Order | null;
    readonly reason: string | null;
    /** The removed member was the chair: the community has none until the next order (000:6). */
    readonly chairVacated: boolean;
    /** The removed member was the secretary: the members elect another (000:6). */
    readonly secretaryVacated: boolean;
    readonly removedBy: string;
    readonly removedAt: string;
  }
>;

export type ChairAppointed = DomainEvent<
  'ChairAppointed',
  {
    readonly communityId: string;
    /** A member of the community (001:2.1), eligible under the profile (003:3.1, 004:4.2). */
    readonly memberId: string;
    readonly previousChairId: string | null;
    /** The appointing order (000:6, 002:4.5, 004:1.4). */
    readonly order: Order;
    readonly appointedOn: string;
    readonly appointedBy: string;
    readonly appointedAt: string;
  }
>;

export type SecretaryElected = DomainEvent<
  'SecretaryElected',
  {
    readonly communityId: string;
    /** Elected by the members from among themselves (000:6). */
    readonly memberId: string;
    /** The one school year of the term (000:6). */
    readonly schoolYear: SchoolYear;
    readonly previousSecretaryId: string | null;
    /** The meeting and the carried motion of the election (000:8). */
    readonly meetingId: string;
    readonly motionId: string;
    readonly electedOn: string;
    readonly electedAt: string;
  }
>;

export type ExpertEvaluationRecorded = DomainEvent<
  'ExpertEvaluationRecorded',
  {
    readonly communityId: string;
    readonly evaluationId: string;
    /** The evaluated product, or null for the community's results as a whole (002:6.2). */
    readonly productId: string | null;
    readonly expertId: string;
    /** 1 (lowest) – 10 (highest). */
    readonly score: number;
    readonly conclusion: string;
    readonly evaluatedOn: string;
    readonly recordedAt: string;
  }
>;

export type CommunityEvent =
  | CommunityCreated
  | CommunityReorganized
  | CommunityContinued
  | CommunityDissolved
  | MemberEnrolled
  | MemberRemoved
  | ChairAppointed
  | SecretaryElected
  | ExpertEvaluationRecorded;

// ---------------------------------------------------------------- state

/** What an existing community is, whether active or dissolved. */
export interface CommunityRecord {
  readonly communityId: string;
  readonly name: string;
  readonly profile: RegulationProfile;
  readonly schoolYear: SchoolYear;
  readonly districtId: string;
  readonly host: CommunityHost;
  readonly subjects: readonly string[];
  readonly direction: string | null;
  readonly members: Readonly<Record<string, CommunityMember>>;
  readonly chair: CommunityChair | null;
  readonly secretary: CommunitySecretary | null;
  readonly createdAt: string;
}

export type ActiveCommunity = CommunityRecord & { readonly status: 'active' };

export type DissolvedCommunity = CommunityRecord & {
  readonly status: 'dissolved';
  readonly dissolvedAt: string;
  readonly dissolutionReason: string;
};

export type CommunityState = { readonly status: 'none' } | ActiveCommunity | DissolvedCommunity;
