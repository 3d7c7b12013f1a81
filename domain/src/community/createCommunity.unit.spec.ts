import { decideAfter, expectDomainError, expectRuleViolation } from '../testing';
import type { CommandMetadata } from '../shared/message';
import type { RegulationProfile } from '../profiles/profile';
import { communityDecider } from './decide';
import {
  COMMUNITY_ID,
  NOW,
  aMember,
  actingAs,
  anOrder,
  belarus,
  created,
  district,
  issuerOf,
  kindergarten,
  microgroup,
  russia,
  onlyEvent,
} from './community.fixtures';
import type { CommunityEvent, CreateCommunity } from './types';

const create = (
  profile: RegulationProfile,
  data: Partial<CreateCommunity['data']> = {},
  metadata: CommandMetadata = issuerOf(profile),
): CreateCommunity => ({
  type: 'CreateCommunity',
  metadata,
  data: {
    communityId: COMMUNITY_ID,
    name: 'Mathematics teachers',
    profile,
    schoolYear: '2025-2026',
    host: profile.hostLevel === 'district' ? { level: 'district' } : { level: 'institution', institutionId: 'school-1' },
    subjects: ['mathematics'],
    foundingMembers: [aMember('t1'), aMember('t2'), aMember('t3')],
    order: anOrder(),
    ...data,
  },
});

const when = (command: CreateCommunity, given: readonly CommunityEvent[] = []) => () =>
  decideAfter(communityDecider, given, command);

describe('CreateCommunity', () => {
  it('creates the community for its school year by order, recording the whole profile (001:2.1)', () => {
    const events = when(create(russia))();
    expect(events).toEqual([
      {
        type: 'CommunityCreated',
        schemaVersion: 1,
        data: {
          communityId: COMMUNITY_ID,
          name: 'Mathematics teachers',
          profile: russia,
          schoolYear: '2025-2026',
          districtId: 'district-1',
          host: { level: 'institution', institutionId: 'school-1' },
          subjects: ['mathematics'],
          direction: null,
          foundingMembers: [aMember('t1'), aMember('t2'), aMember('t3')],
          order: anOrder(),
          createdBy: 'director-1',
          createdAt: NOW,
        },
      },
    ]);
    expect(events[0]?.type === 'CommunityCreated' && events[0].data.profile.version).toBe(russia.version);
  });

  describe('is created by order of the roles the profile names', () => {
    it.each([
      ['000:6', belarus, 'director'],
      ['001:2.1', russia, 'teacher'],
      ['002:4.5', kindergarten, 'teacher'],
      ['003:1.5', microgroup, 'deputyDirector'],
      ['004:1.4', district, 'director'],
    ] as const)('refuses an order by anyone else (%s)', (rule, profile, role) => {
      const error = expectDomainError(when(create(profile, {}, actingAs(role, 'x-1', true))), 'FORBIDDEN');
      expect(error.rule).toBe(rule);
    });

    it.each([
      ['000:6', belarus],
      ['001:2.1', russia],
      ['002:4.5', kindergarten],
      ['003:1.5', microgroup],
      ['004:1.4', district],
    ] as const)('accepts the order of its issuer (%s)', (_rule, profile) => {
      expect(when(create(profile))()).toHaveLength(1);
    });
  });

  it('refuses an order without a number or with a malformed date', () => {
    expectDomainError(when(create(russia, { order: anOrder('  ') })), 'BAD_USER_INPUT');
    expectDomainError(when(create(russia, { order: anOrder('ORD-1', '2025-13-01') })), 'BAD_USER_INPUT');
  });

  it('refuses an order dated after the day of the command', () => {
    expectDomainError(when(create(russia, { order: anOrder('ORD-1', '2025-10-16') })), 'BAD_USER_INPUT');
  });

  it('hosts a school community at an institution, not at the district (000:2)', () => {
    expectRuleViolation(when(create(russia, { host: { level: 'district' } })), '000:2');
    expect(when(create(russia, { host: { level: 'institution', institutionId: 'school-1' } }))()).toHaveLength(1);
  });

  it('keeps a creative microgroup inside its school\'s methodological service (003:1.1)', () => {
    expectRuleViolation(when(create(microgroup, { host: { level: 'district' } })), '000:2');
    const e = onlyEvent('CommunityCreated', when(create(microgroup))());
    expect(e.data.host).toEqual({ level: 'institution', institutionId: 'school-1' });
  });

  it('hosts a district community at the district itself (004:1.2)', () => {
    expectRuleViolation(when(create(district, { host: { level: 'institution', institutionId: 'school-1' } })), '004:1.2');
    const e = onlyEvent('CommunityCreated', when(create(district, { host: { level: 'district' } }))());
    expect(e.data.host).toEqual({ level: 'district' });
  });

  it('lets an actor of an institution create communities only for that institution', () => {
    expectDomainError(when(create(russia, { host: { level: 'institution', institutionId: 'school-2' } })), 'FORBIDDEN');
  });

  it('lets a district actor create a community hosted by any institution of the district', () => {
    const e = onlyEvent(
      'CommunityCreated',
      when(create(belarus, { host: { level: 'institution', institutionId: 'school-9' } }))(),
    );
    expect(e.data.host).toEqual({ level: 'institution', institutionId: 'school-9' });
  });

  it('takes the district from the tenant', () => {
    const meta = { ...issuerOf(district), tenant: { districtId: 'district-7' } };
    const e = onlyEvent('CommunityCreated', when(create(district, {}, meta))());
    expect(e.data.districtId).toBe('district-7');
  });

  describe('is created for a subject and/or a direction of work (000:2)', () => {
    it('refuses a community with neither (000:2)', () => {
      expectRuleViolation(when(create(russia, { subjects: [], direction: null })), '000:2');
      expectRuleViolation(when(create(russia, { subjects: [], direction: '   ' })), '000:2');
    });

    it('accepts a direction alone (000:2)', () => {
      const e = onlyEvent('CommunityCreated', when(create(russia, { subjects: [], direction: 'Lesson Study' }))());
      expect(e.data).toMatchObject({ subjects: [], direction: 'Lesson Study' });
    });

    it('accepts subjects and a direction together (000:2)', () => {
      const e = onlyEvent(
        'CommunityCreated',
        when(create(russia, { subjects: ['mathematics', 'physics'], direction: 'functional literacy' }))(),
      );
      expect(e.data).toMatchObject({ subjects: ['mathematics', 'physics'], direction: 'functional literacy' });
    });
  });

  describe('a creative microgroup needs three teachers of one subject (003:1.2)', () => {
    it('refuses fewer founding members than the profile minimum (003:1.2)', () => {
      expectRuleViolation(when(create(microgroup, { foundingMembers: [aMember('t1'), aMember('t2')] })), '003:1.2');
    });

    it('accepts exactly the profile minimum (003:1.2)', () => {
      const e = onlyEvent('CommunityCreated', when(create(microgroup))());
      expect(e.data.foundingMembers).toHaveLength(3);
    });

    it('refuses more than one subject (003:1.2)', () => {
      expectRuleViolation(when(create(microgroup, { subjects: ['mathematics', 'physics'] })), '003:1.2');
    });

    it('refuses a direction without a subject (003:1.2)', () => {
      expectRuleViolation(when(create(microgroup, { subjects: [], direction: 'Lesson Study' })), '003:1.2');
    });

    it('refuses a founding member who teaches another subject (003:1.2)', () => {
      const members = [aMember('t1'), aMember('t2'), aMember('t3', { subject: 'physics' })];
      const error = expectRuleViolation(when(create(microgroup, { foundingMembers: members })), '003:1.2');
      expect(error.details).toEqual({ memberId: 't3' });
    });

    it('lets a profile without that rule mix subjects among its members (003:1.2)', () => {
      const members = [aMember('t1', { subject: 'physics' })];
      expect(when(create(russia, { foundingMembers: members, subjects: ['mathematics', 'physics'] }))()).toHaveLength(1);
    });
  });

  it('refuses malformed data', () => {
    expectDomainError(when(create(russia, { communityId: '' })), 'BAD_USER_INPUT');
    expectDomainError(when(create(russia, { name: ' ' })), 'BAD_USER_INPUT');
    expectDomainError(when(create(russia, { schoolYear: '2025-2027' })), 'BAD_USER_INPUT');
    expectDomainError(when(create(russia, { subjects: ['mathematics', 'mathematics'] })), 'BAD_USER_INPUT');
    expectDomainError(when(create(russia, { foundingMembers: [aMember('t1'), aMember('t1')] })), 'BAD_USER_INPUT');
    expectDomainError(when(create(russia, { foundingMembers: [aMember('t1', { yearsInSpecialty: -1 })] })), 'BAD_USER_INPUT');
    expectDomainError(
      when(create(russia, { foundingMembers: [aMember('t1', { category: 'master' as never })] })),
      'BAD_USER_INPUT',
    );
    expectDomainError(when(create(russia, { host: { level: 'institution', institutionId: '' } })), 'BAD_USER_INPUT');
  });

  it('refuses to create a community that already exists', () => {
    expectDomainError(when(create(russia), [created(russia)]), 'INVALID_STATE');
  });
});
