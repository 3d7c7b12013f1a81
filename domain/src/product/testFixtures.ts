/** Facts and events the product specs start from. Test-only: not exported by index.ts. */
import type { CommunityFacts, MemberFacts } from '../shared/facts';
import { BUILT_IN_PROFILES } from '../profiles/builtIn';
import type { RegulationProfile } from '../profiles/profile';
import { event, type Actor, type CommandMetadata } from '../shared/message';
import { metadata } from '../testing';
import type { ProductDemandRecorded, ProductDemandRecordedData, ProductRegistered, ProductRegisteredData } from './types';

export const CHAIR = 'teacher-chair';
export const AUTHOR = 'teacher-author';
export const CO_AUTHOR = 'teacher-coauthor';

const member = (memberId: string): MemberFacts => ({
  memberId,
  fullName: memberId,
  subject: 'primary education',
  category: 'highest',
  yearsInSpecialty: 12,
  headOfInstitution: false,
});

export const profileOf = (id: string): RegulationProfile => {
  const found = BUILT_IN_PROFILES.find((p) => p.id === id);
  if (!found) throw new Error(`no built-in profile ${id}`);
  return found;
};

/** A kindergarten PLC, whose regulation (002) evaluates products. The chair is not enrolled as a member. */
export const community = (overrides: Partial<CommunityFacts> = {}): CommunityFacts => ({
  communityId: 'community-1',
  status: 'active',
  profile: profileOf('ru-kindergarten-plc'),
  schoolYear: '2025-2026',
  districtId: 'district-1',
  institutionId: 'kindergarten-1',
  chairId: CHAIR,
  secretaryId: null,
  members: [member(AUTHOR), member(CO_AUTHOR)],
  ...overrides,
});

export const as = (actor: Actor, now = '2025-10-15T09:00:00.000Z'): CommandMetadata => metadata({ actor, now });
export const teacher = (id: string): Actor => ({ id, role: 'teacher' });

export const productRegistered = (overrides: Partial<ProductRegisteredData> = {}): ProductRegistered =>
  event('ProductRegistered', {
    productId: 'product-1',
    communityId: 'community-1',
    districtId: 'district-1',
    institutionId: 'kindergarten-1',
    kind: 'masterClass',
    title: 'Storytelling with picture cards',
    authorIds: [AUTHOR],
    producedOn: '2025-10-10',
    schoolYear: '2025-2026',
    registeredBy: AUTHOR,
    registeredAt: '2025-10-15T09:00:00.000Z',
    ...overrides,
  });

export const demandRecorded = (overrides: Partial<ProductDemandRecordedData> = {}): ProductDemandRecorded =>
  event('ProductDemandRecorded', {
    productId: 'product-1',
    communityId: 'community-1',
    byCommunityId: 'community-2',
    kind: 'adopted',
    recordedBy: 'methodist-1',
    recordedByRole: 'methodist',
    recordedAt: '2025-11-20T10:00:00.000Z',
    ...overrides,
  });
