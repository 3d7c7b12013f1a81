/**
 * Checks shared by the community's commands. Each throws the typed domain error the
 * command should fail with, so every decider reads as a flat list of guards.
 */
import { badInput, ensure, forbidden, invalidState, notFound, ruleViolation } from '../shared/errors';
import { dateOf, isIsoDate } from '../shared/calendar';
import { assertNever, type CommandMetadata } from '../shared/message';
import type { RuleId } from '../shared/rules';
import {
  QUALIFICATION_CATEGORIES,
  type ChairCriterion,
  type QualificationCategory,
  type RegulationProfile,
} from '../profiles/profile';
import type { ActiveCommunity, CommunityState, CommunityHost, MemberInput, Order } from './types';

export const isNonEmptyText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

export const requireText = (value: unknown, field: string): string => {
  ensure(isNonEmptyText(value), () => badInput(`${field} must be a non-empty string`));
  return value.trim();
};

/** An optional text: absent, null or blank all mean "none". */
export const optionalText = (value: unknown, field: string): string | null => {
  if (value === undefined || value === null) return null;
  ensure(typeof value === 'string', () => badInput(`${field} must be a string`));
  return value.trim() === '' ? null : value.trim();
};

/** A calendar date that is not later than the day the command is decided. */
export const requirePastOrToday = (value: unknown, field: string, now: string): string => {
  ensure(typeof value === 'string' && isIsoDate(value), () => badInput(`${field} must be a date YYYY-MM-DD`));
  ensure(value <= dateOf(now), () => badInput(`${field} ${value} lies in the future`));
  return value;
};

export const validateOrder = (order: unknown, now: string): Order => {
  ensure(typeof order === 'object' && order !== null, () => badInput('order must be given with its number and date'));
  const { number, date } = order as Partial<Order>;
  return { number: requireText(number, 'order.number'), date: requirePastOrToday(date, 'order.date', now) };
};

export const isOrderIssuer = (metadata: CommandMetadata, profile: RegulationProfile): boolean =>
  profile.orders.issuerRoles.includes(metadata.actor.role);

/** Only the roles the regulation names may sign the orders about a community. */
export const requireOrderIssuer = (metadata: CommandMetadata, profile: RegulationProfile): void => {
  ensure(isOrderIssuer(metadata, profile), () =>
    forbidden(`a ${metadata.actor.role} may not issue orders for this community`, profile.orders.rule),
  );
};

/**
 * Tenant isolation: nobody acts on another district's community, and an actor bound to
 * an institution issues orders only for that institution's communities.
 */
export const requireDistrict = (metadata: CommandMetadata, community: ActiveCommunity): void => {
  ensure(metadata.tenant.districtId === community.districtId, () => forbidden('the community belongs to another district'));
};

export const requireOwnInstitution = (metadata: CommandMetadata, host: CommunityHost): void => {
  const own = metadata.tenant.institutionId;
  if (own === undefined) return;
  ensure(host.level === 'institution' && host.institutionId === own, () =>
    forbidden(`an actor of institution ${own} may act only on communities hosted by it`),
  );
};

/** The community the command targets, provided it exists and has not been dissolved. */
export const requireActive = (state: CommunityState, communityId: unknown): ActiveCommunity => {
  const id = requireText(communityId, 'communityId');
  switch (state.status) {
    case 'none':
      throw notFound('community', id);
    case 'dissolved':
      throw invalidState(`community ${state.communityId} has been dissolved`);
    case 'active':
      ensure(state.communityId === id, () => badInput(`command for community ${id} sent to community ${state.communityId}`));
      return state;
    default:
      return assertNever(state);
  }
};

const isCategory = (value: unknown): value is QualificationCategory =>
  typeof value === 'string' && (QUALIFICATION_CATEGORIES as readonly string[]).includes(value);

export const validateMember = (member: unknown, field: string): MemberInput => {
  ensure(typeof member === 'object' && member !== null, () => badInput(`${field} must be given`));
  const m = member as Partial<MemberInput>;
  ensure(isCategory(m.category), () => badInput(`${field}.category must be one of ${QUALIFICATION_CATEGORIES.join(', ')}`));
  ensure(typeof m.yearsInSpecialty === 'number' && Number.isFinite(m.yearsInSpecialty) && m.yearsInSpecialty >= 0, () =>
    badInput(`${field}.yearsInSpecialty must be a number ≥ 0`),
  );
  ensure(typeof m.headOfInstitution === 'boolean', () => badInput(`${field}.headOfInstitution must be true or false`));
  return {
    memberId: requireText(m.memberId, `${field}.memberId`),
    fullName: requireText(m.fullName, `${field}.fullName`),
    subject: requireText(m.subject, `${field}.subject`),
    category: m.category,
    yearsInSpecialty: m.yearsInSpecialty,
    headOfInstitution: m.headOfInstitution,
  };
};

export const validateSubjects = (subjects: unknown): readonly string[] => {
  ensure(Array.isArray(subjects), () => badInput('subjects must be a list'));
  const trimmed = subjects.map((s, i) => requireText(s, `subjects[${i}]`));
  ensure(new Set(trimmed).size === trimmed.length, () => badInput('subjects must not repeat'));
  return trimmed;
};

/** 000:2: a community exists for a subject, a direction of work, or both. */
export const requireSubjectOrDirection = (subjects: readonly string[], direction: string | null): void => {
  ensure(subjects.length > 0 || direction !== null, () =>
    ruleViolation('000:2', 'a community is created for a subject or a direction of work'),
  );
};

/**
 * Under a single-subject profile (003:1.2) the community has exactly one subject and
 * every member teaches it.
 */
export const requireSingleSubjectFit = (
  profile: RegulationProfile,
  subjects: readonly string[],
  members: readonly MemberInput[],
): void => {
  if (!profile.membership.singleSubject) return;
  const [subject, ...others] = subjects;
  ensure(subject !== undefined && others.length === 0, () =>
    ruleViolation(profile.membership.rule, 'this kind of community works on exactly one subject or area'),
  );
  const outsider = members.find((m) => m.subject !== subject);
  ensure(outsider === undefined, () =>
    ruleViolation(profile.membership.rule, `member ${outsider?.memberId} does not teach ${subject}`, {
      memberId: outsider?.memberId,
    }),
  );
};

export const requireMinMembers = (profile: RegulationProfile, count: number): void => {
  ensure(count >= profile.membership.minMembers, () =>
    ruleViolation(profile.membership.rule, `the community needs at least ${profile.membership.minMembers} members`, {
      minMembers: profile.membership.minMembers,
      members: count,
    }),
  );
};

const categoryRank = (category: QualificationCategory): number => QUALIFICATION_CATEGORIES.indexOf(category);

export const meetsCriterion = (member: MemberInput, criterion: ChairCriterion): boolean => {
  switch (criterion.kind) {
    case 'headOfInstitution':
      return member.headOfInstitution;
    case 'qualification':
      return (
        categoryRank(member.category) >= categoryRank(criterion.minCategory) &&
        member.yearsInSpecialty >= criterion.minYearsInSpecialty
      );
    default:
      return assertNever(criterion);
  }
};

/** Any one criterion suffices; a profile without criteria lets any member chair. */
export const isEligibleChair = (member: MemberInput, profile: RegulationProfile): boolean =>
  profile.chairEligibility.anyOf.length === 0 || profile.chairEligibility.anyOf.some((c) => meetsCriterion(member, c));

/** The rule that restricts the chair: the profile's eligibility rule, else its orders rule. */
export const chairEligibilityRule = (profile: RegulationProfile): RuleId => profile.chairEligibility.rule ?? profile.orders.rule;

/** Under whose authority a member joins or leaves. */
export interface MembershipAuthority {
  readonly byOrder: boolean;
  readonly order: Order | null;
}

/**
 * Who may change the membership: where members are set by order (001:app1.1) an
 * order issuer with an order; where membership is voluntary (002:1.5) the teacher
 * themselves or the chair.
 */
export const requireMembershipAuthority = (
  metadata: CommandMetadata,
  community: ActiveCommunity,
  memberId: string,
  order: Order | null | undefined,
): MembershipAuthority => {
  const { membership } = community.profile;
  switch (membership.enrolment) {
    case 'byOrder':
      ensure(isOrderIssuer(metadata, community.profile), () =>
        forbidden(`members are set by order; a ${metadata.actor.role} issues none`, membership.rule),
      );
      requireOwnInstitution(metadata, community.host);
      ensure(order !== undefined && order !== null, () =>
        ruleViolation(membership.rule, 'members are set by order: the order is missing'),
      );
      return { byOrder: true, order: validateOrder(order, metadata.now) };
    case 'voluntary': {
      const isSelf = metadata.actor.id === memberId;
      const isChair = community.chair !== null && community.chair.memberId === metadata.actor.id;
      ensure(isSelf || isChair, () =>
        forbidden('membership is voluntary: only the teacher themselves or the chair may change it', membership.rule),
      );
      return { byOrder: false, order: order === undefined || order === null ? null : validateOrder(order, metadata.now) };
    }
    default:
      return assertNever(membership.enrolment);
  }
};
