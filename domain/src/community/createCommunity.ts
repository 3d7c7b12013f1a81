import { badInput, ensure, invalidState, ruleViolation } from '../shared/errors';
import { isSchoolYear } from '../shared/calendar';
import { event } from '../shared/message';
import type { RuleId } from '../shared/rules';
import type { RegulationProfile } from '../profiles/profile';
import {
  optionalText,
  requireMinMembers,
  requireOrderIssuer,
  requireOwnInstitution,
  requireSingleSubjectFit,
  requireSubjectOrDirection,
  requireText,
  validateMember,
  validateOrder,
  validateSubjects,
} from './guards';
import type { CommunityCreated, CommunityState, CreateCommunity, CommunityHost, MemberInput } from './types';

/** The rule that places a community at its host level. */
const HOST_RULE: Readonly<Record<CommunityHost['level'], RuleId>> = {
  institution: '000:2',
  district: '004:1.2',
};

const validateProfile = (profile: unknown): RegulationProfile => {
  ensure(typeof profile === 'object' && profile !== null, () => badInput('profile must be given'));
  const p = profile as Partial<RegulationProfile>;
  requireText(p.id, 'profile.id');
  ensure(Number.isInteger(p.version) && (p.version ?? 0) > 0, () => badInput('profile.version must be a positive integer'));
  ensure(p.hostLevel === 'institution' || p.hostLevel === 'district', () => badInput('profile.hostLevel is malformed'));
  ensure(p.orders !== undefined && p.membership !== undefined && p.chairEligibility !== undefined, () =>
    badInput('profile is incomplete'),
  );
  return profile as RegulationProfile;
};

const validateHost = (host: unknown, profile: RegulationProfile): CommunityHost => {
  ensure(typeof host === 'object' && host !== null, () => badInput('host must be given'));
  const h = host as { level?: unknown; institutionId?: unknown };
  ensure(h.level === profile.hostLevel, () =>
    ruleViolation(HOST_RULE[profile.hostLevel], `this kind of community is hosted at ${profile.hostLevel} level`),
  );
  return h.level === 'institution'
    ? { level: 'institution', institutionId: requireText(h.institutionId, 'host.institutionId') }
    : { level: 'district' };
};

const validateFoundingMembers = (members: unknown): readonly MemberInput[] => {
  ensure(Array.isArray(members), () => badInput('foundingMembers must be a list'));
  const valid = members.map((m, i) => validateMember(m, `foundingMembers[${i}]`));
  ensure(new Set(valid.map((m) => m.memberId)).size === valid.length, () => badInput('a founding member is listed twice'));
  return valid;
};

/**
 * Creates a community for a school year by order (000:6, 001:2.1, 003:1.5, 004:1.4), at
 * its profile's host level, for subjects and/or a direction (000:2), with its founding
 * members (001:app1.1) of at least the profile's number (003:1.2).
 */
export const createCommunity = (command: CreateCommunity, state: CommunityState): readonly CommunityCreated[] => {
  const { data, metadata } = command;
  const communityId = requireText(data.communityId, 'communityId');
  ensure(state.status === 'none', () => invalidState(`community ${communityId} already exists`));

  const profile = validateProfile(data.profile);
  requireOrderIssuer(metadata, profile);
  const order = validateOrder(data.order, metadata.now);
  const host = validateHost(data.host, profile);
  requireOwnInstitution(metadata, host);
  ensure(isSchoolYear(data.schoolYear), () => badInput(`schoolYear ${data.schoolYear} is not like 2025-2026`));

  const subjects = validateSubjects(data.subjects);
  const direction = optionalText(data.direction, 'direction');
  requireSubjectOrDirection(subjects, direction);

  const foundingMembers = validateFoundingMembers(data.foundingMembers);
  requireMinMembers(profile, foundingMembers.length);
  requireSingleSubjectFit(profile, subjects, foundingMembers);

  return [
    event('CommunityCreated', {
      communityId,
      name: requireText(data.name, 'name'),
      profile,
      schoolYear: data.schoolYear,
      districtId: requireText(metadata.tenant.districtId, 'tenant.districtId'),
      host,
      subjects,
      direction,
      foundingMembers,
      order,
      createdBy: metadata.actor.id,
      createdAt: metadata.now,
    }),
  ];
};
