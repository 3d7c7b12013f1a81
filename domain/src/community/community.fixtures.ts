/**
 * Given-events and commands for the community's unit specs. Each profile is taken from
 * the built-in kinds, so the specs exercise the same data the gateway offers.
 */
import { event, type Actor, type CommandMetadata, type OrgRole } from '../shared/message';
import { metadata } from '../testing';
import { findProfile } from '../profiles/builtIn';
import type { RegulationProfile } from '../profiles/profile';
import type { MotionFacts } from '../shared/facts';
import type {
  ChairAppointed,
  CommunityEvent,
  CommunityContinued,
  CommunityCreated,
  CommunityDissolved,
  MemberEnrolled,
  MemberInput,
  Order,
  SecretaryElected,
} from './types';

const profile = (id: string): RegulationProfile => {
  const found = findProfile(id);
  if (found === undefined) throw new Error(`no built-in profile ${id}`);
  return found;
};

export const belarus = profile('by-school-plc');
export const russia = profile('ru-school-plc');
export const kindergarten = profile('ru-kindergarten-plc');
export const microgroup = profile('kz-school-plc');
export const district = profile('district-community');

export const COMMUNITY_ID = 'community-1';
export const NOW = '2025-10-15T09:00:00.000Z';

export const anOrder = (number = 'ORD-17', date = '2025-08-29'): Order => ({ number, date });

export const aMember = (memberId: string, overrides: Partial<MemberInput> = {}): MemberInput => ({
  memberId,
  fullName: `Teacher ${memberId}`,
  subject: 'mathematics',
  category: 'second',
  yearsInSpecialty: 5,
  headOfInstitution: false,
  ...overrides,
});

/** Metadata for an actor of the given role at school-1 (or the district when `atDistrict`). */
export const actingAs = (role: OrgRole, id = `${role}-1`, atDistrict = false): CommandMetadata =>
  metadata({
    actor: { id, role } satisfies Actor,
    tenant: atDistrict ? { districtId: 'district-1' } : { districtId: 'district-1', institutionId: 'school-1' },
  });

/** The actor whose role signs orders under `p`, in the tenant that fits its host level. */
export const issuerOf = (p: RegulationProfile): CommandMetadata => {
  const role = p.orders.issuerRoles[0];
  if (role === undefined) throw new Error(`profile ${p.id} names no order issuer`);
  return actingAs(role, `${role}-1`, role === 'departmentHead');
};

export const created = (p: RegulationProfile, overrides: Partial<CommunityCreated['data']> = {}): CommunityCreated =>
  event('CommunityCreated', {
    communityId: COMMUNITY_ID,
    name: 'Mathematics teachers',
    profile: p,
    schoolYear: '2025-2026',
    districtId: 'district-1',
    host: p.hostLevel === 'district' ? { level: 'district' } : { level: 'institution', institutionId: 'school-1' },
    subjects: ['mathematics'],
    direction: null,
    foundingMembers: [aMember('t1'), aMember('t2'), aMember('t3')],
    order: anOrder(),
    createdBy: 'director-1',
    createdAt: '2025-08-29T10:00:00.000Z',
    ...overrides,
  });

export const enrolled = (member: MemberInput, order: Order | null = anOrder('ORD-20', '2025-09-10')): MemberEnrolled =>
  event('MemberEnrolled', {
    communityId: COMMUNITY_ID,
    member,
    enrolment: order === null ? 'voluntary' : 'byOrder',
    order,
    enrolledOn: order?.date ?? '2025-09-10',
    enrolledBy: 'director-1',
    enrolledAt: '2025-09-10T10:00:00.000Z',
  });

export const chairAppointed = (memberId: string, previousChairId: string | null = null): ChairAppointed =>
  event('ChairAppointed', {
    communityId: COMMUNITY_ID,
    memberId,
    previousChairId,
    order: anOrder('ORD-18', '2025-09-01'),
    appointedOn: '2025-09-01',
    appointedBy: 'director-1',
    appointedAt: '2025-09-01T10:00:00.000Z',
  });

export const secretaryElected = (memberId: string, schoolYear = '2025-2026'): SecretaryElected =>
  event('SecretaryElected', {
    communityId: COMMUNITY_ID,
    memberId,
    schoolYear,
    previousSecretaryId: null,
    meetingId: 'meeting-1',
    motionId: 'motion-1',
    electedOn: '2025-09-15',
    electedAt: '2025-09-15T12:00:00.000Z',
  });

export const continued = (schoolYear = '2026-2027', previousSchoolYear = '2025-2026'): CommunityContinued =>
  event('CommunityContinued', {
    communityId: COMMUNITY_ID,
    previousSchoolYear,
    schoolYear,
    secretaryTermEnded: null,
    order: anOrder('ORD-40', '2025-10-01'),
    continuedBy: 'director-1',
    continuedAt: '2025-10-01T10:00:00.000Z',
  });

export const dissolved = (): CommunityDissolved =>
  event('CommunityDissolved', {
    communityId: COMMUNITY_ID,
    reason: 'merged with the science community',
    order: anOrder('ORD-50', '2025-10-01'),
    dissolvedBy: 'director-1',
    dissolvedAt: '2025-10-01T10:00:00.000Z',
  });

export const aMotion = (overrides: Partial<MotionFacts> = {}): MotionFacts => ({
  meetingId: 'meeting-2',
  motionId: 'motion-7',
  communityId: COMMUNITY_ID,
  subject: { kind: 'electSecretary', candidateId: 't2' },
  text: 'Elect t2 secretary for 2025-2026',
  carried: true,
  heldOn: '2025-10-14',
  ...overrides,
});

/** The single event of type `type` a decision produced; fails the test on anything else. */
export const onlyEvent = <T extends CommunityEvent['type']>(
  type: T,
  events: readonly CommunityEvent[],
): Extract<CommunityEvent, { type: T }> => {
  const [first, ...rest] = events;
  if (first === undefined || first.type !== type || rest.length > 0) {
    throw new Error(`expected one ${type}, got ${JSON.stringify(events.map((e) => e.type))}`);
  }
  return first as Extract<CommunityEvent, { type: T }>;
};
