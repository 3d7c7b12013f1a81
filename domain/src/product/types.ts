/**
 * The product stream (`product-<productId>`): a result of a community's work — methodical
 * recommendations, a presentation, a master class, an open lesson, a publication — and the
 * demand for it from other communities. 002:6.1 evaluates results by their diversity
 * (distinct kinds) and demand (how often other communities adopt or request them).
 */
import type { CommunityFacts, HeldMeetingFacts } from '../shared/facts';
import type { Command, DomainEvent, OrgRole } from '../shared/message';
import type { SchoolYear } from '../shared/calendar';

export const PRODUCT_KINDS = [
  'methodicalRecommendations',
  'presentation',
  'masterClass',
  'openLesson',
  'publication',
  'lessonStudy',
  'mentoringPlan',
  'other',
] as const;

/** The kind of a result: distinct kinds measure the diversity of results (002:6.1). */
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const DEMAND_KINDS = ['adopted', 'requested'] as const;

/** Another community took the product into its practice, or asked for it (002:6.1). */
export type DemandKind = (typeof DEMAND_KINDS)[number];

// ---------------------------------------------------------------- commands

export interface RegisterProductData {
  readonly productId: string;
  readonly community: CommunityFacts;
  readonly kind: ProductKind;
  readonly title: string;
  readonly description?: string | undefined;
  /** Where the product can be seen or downloaded (http or https). */
  readonly url?: string | undefined;
  /** Members who made the product; counted as active participants (002:6.1). */
  readonly authorIds: readonly string[];
  /** The held meeting at which it was presented, if any. */
  readonly meeting?: HeldMeetingFacts | undefined;
  /** The plan task whose expected result it is, if any. */
  readonly planTaskId?: string | undefined;
  /** Calendar date (`YYYY-MM-DD`). */
  readonly producedOn: string;
}

export interface RecordProductDemandData {
  readonly productId: string;
  /** The community that adopted or requested the product; never the product's own. */
  readonly byCommunity: CommunityFacts;
  readonly kind: DemandKind;
  readonly note?: string | undefined;
}

export type RegisterProduct = Command<'RegisterProduct', RegisterProductData>;
export type RecordProductDemand = Command<'RecordProductDemand', RecordProductDemandData>;

export type ProductCommand = RegisterProduct | RecordProductDemand;

// ---------------------------------------------------------------- events

export interface ProductRegisteredData {
  readonly productId: string;
  readonly communityId: string;
  readonly districtId: string;
  /** Absent for a district-hosted community (004:1.2). */
  readonly institutionId?: string | undefined;
  /** Distinct kinds measure the diversity of results (002:6.1). */
  readonly kind: ProductKind;
  readonly title: string;
  readonly description?: string | undefined;
  readonly url?: string | undefined;
  /** Members of the community; each counts as an active participant (002:6.1). */
  readonly authorIds: readonly string[];
  readonly meetingId?: string | undefined;
  readonly planTaskId?: string | undefined;
  readonly producedOn: string;
  /** The school year `producedOn` falls in, the period the dashboards group by (002:6.1). */
  readonly schoolYear: SchoolYear;
  readonly registeredBy: string;
  readonly registeredAt: string;
}

export interface ProductDemandRecordedData {
  readonly productId: string;
  /** The product's own community, whose results are in demand (002:6.1). */
  readonly communityId: string;
  /** Another community; distinct adopters measure the demand for results (002:6.1). */
  readonly byCommunityId: string;
  readonly kind: DemandKind;
  readonly note?: string | undefined;
  readonly recordedBy: string;
  readonly recordedByRole: OrgRole;
  readonly recordedAt: string;
}

export type ProductRegistered = DomainEvent<'ProductRegistered', ProductRegisteredData>;
export type ProductDemandRecorded = DomainEvent<'ProductDemandRecorded', ProductDemandRecordedData>;

export type ProductEvent = ProductRegistered | ProductDemandRecorded;

// ---------------------------------------------------------------- state

export interface ProductDemand {
  readonly byCommunityId: string;
  readonly kind: DemandKind;
  readonly recordedAt: string;
}

export type ProductState =
  | { readonly status: 'none' }
  | {
      readonly status: 'registered';
      readonly productId: string;
      readonly communityId: string;
      readonly kind: ProductKind;
      readonly title: string;
      readonly description: string | null;
      readonly url: string | null;
      readonly authorIds: readonly string[];
      readonly producedOn: string;
      readonly schoolYear: string;
      /** The meeting or plan task the product came from, when known. */
      readonly meetingId: string | null;
      readonly planTaskId: string | null;
      readonly demand: readonly ProductDemand[];
    };
