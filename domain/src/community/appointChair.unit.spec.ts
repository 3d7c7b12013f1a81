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
  chairAppointed,
  created,
  dissolved,
  district,
  issuerOf,
  kindergarten,
  microgroup,
  russia,
  onlyEvent,
} from './community.fixtures';
import type { AppointChair, CommunityEvent, MemberInput } from './types';

const appoint = (memberId: string, metadata: CommandMetadata, order = anOrder('ORD-31', '2025-10-13')): AppointChair => ({
  type: 'AppointChair',
  metadata,
  data: { communityId: COMMUNITY_ID, memberId, order },
});

const when = (given: readonly CommunityEvent[], command: AppointChair) => () =>
  decideAfter(communityDecider, given, command);

/** A community of `p` whose only founding member is `candidate` (with two colleagues where needed). */
const withCandidate = (p: RegulationProfile, candidate: MemberInput): CommunityEvent[] => [
  created(p, { foundingMembers: [candidate, aMember('t2'), aMember('t3')] }),
];

describe('AppointChair', () => {
  it('appoints a member chair by order, recording the previous chair (000:6)', () => {
    const given = [created(belarus), chairAppointed('t1')];
    expect(when(given, appoint('t2', issuerOf(belarus)))()).toEqual([
      {
        type: 'ChairAppointed',
        schemaVersion: 1,
        data: {
          communityId: COMMUNITY_ID,
          memberId: 't2',
          previousChairId: 't1',
          order: anOrder('ORD-31', '2025-10-13'),
          appointedOn: '2025-10-13',
          appointedBy: 'departmentHead-1',
          appointedAt: NOW,
        },
      },
    ]);
  });

  it.each([
    ['000:6', belarus, actingAs('director')],
    ['002:4.5', kindergarten, actingAs('teacher', 't1')],
    ['004:1.4', district, actingAs('director')],
  ] as const)('refuses an appointment by anyone but the order issuer (%s)', (rule, profile, meta) => {
    const error = expectDomainError(when([created(profile)], appoint('t1', meta)), 'FORBIDDEN');
    expect(error.rule).toBe(rule);
  });

  it('appoints the head by order of the kindergarten head (002:4.5)', () => {
    const e = onlyEvent('ChairAppointed', when([created(kindergarten)], appoint('t1', issuerOf(kindergarten)))());
    expect(e.data).toMatchObject({ memberId: 't1', previousChairId: null, appointedBy: 'kindergartenHead-1' });
  });

  it('appoints a district head by order of the department head (004:1.4)', () => {
    const given = withCandidate(district, aMember('t1', { headOfInstitution: true }));
    const e = onlyEvent('ChairAppointed', when(given, appoint('t1', issuerOf(district)))());
    expect(e.data.memberId).toBe('t1');
  });

  it('refuses a chair who is not a teacher of the group (001:2.1)', () => {
    expectRuleViolation(when([created(russia)], appoint('outsider', actingAs('director'))), '001:2.1');
    const e = onlyEvent('ChairAppointed', when([created(russia)], appoint('t3', actingAs('director')))());
    expect(e.data.memberId).toBe('t3');
  });

  it('lets any member chair where the profile sets no criteria (001:2.1)', () => {
    const given = withCandidate(russia, aMember('t1', { category: 'none', yearsInSpecialty: 0 }));
    expect(when(given, appoint('t1', actingAs('director')))()).toHaveLength(1);
  });

  describe('a district head is a head of an institution or a qualified teacher (004:4.2)', () => {
    it.each([
      ['a head of an institution', aMember('t1', { headOfInstitution: true, category: 'none', yearsInSpecialty: 0 })],
      ['a first-category teacher with 3 years', aMember('t1', { category: 'first', yearsInSpecialty: 3 })],
      ['a highest-category teacher with 10 years', aMember('t1', { category: 'highest', yearsInSpecialty: 10 })],
    ])('accepts %s (004:4.2)', (_who, candidate) => {
      expect(when(withCandidate(district, candidate), appoint('t1', issuerOf(district)))()).toHaveLength(1);
    });

    it.each([
      ['a second-category teacher', aMember('t1', { category: 'second', yearsInSpecialty: 20 })],
      ['a first-category teacher with 2 years', aMember('t1', { category: 'first', yearsInSpecialty: 2 })],
      ['a teacher without a category', aMember('t1', { category: 'none', yearsInSpecialty: 30 })],
    ])('refuses %s (004:4.2)', (_who, candidate) => {
      expectRuleViolation(when(withCandidate(district, candidate), appoint('t1', issuerOf(district))), '004:4.2');
    });
  });

  describe('a microgroup head is one of the most experienced teachers (003:3.1)', () => {
    it('accepts a teacher of the first category or above (003:3.1)', () => {
      const given = withCandidate(microgroup, aMember('t1', { category: 'first', yearsInSpecialty: 1 }));
      expect(when(given, appoint('t1', actingAs('director')))()).toHaveLength(1);
    });

    it('refuses a teacher below the first category (003:3.1)', () => {
      const given = withCandidate(microgroup, aMember('t1', { category: 'second', yearsInSpecialty: 25 }));
      expectRuleViolation(when(given, appoint('t1', actingAs('director'))), '003:3.1');
    });
  });

  it('refuses to appoint the sitting chair again', () => {
    expectDomainError(when([created(russia), chairAppointed('t1')], appoint('t1', actingAs('director'))), 'INVALID_STATE');
  });

  it('refuses an order dated in the future', () => {
    const command = appoint('t1', actingAs('director'), anOrder('ORD-32', '2025-10-16'));
    expectDomainError(when([created(russia)], command), 'BAD_USER_INPUT');
  });

  it('is not possible after dissolution', () => {
    expectDomainError(when([created(russia), dissolved()], appoint('t1', actingAs('director'))), 'INVALID_STATE');
  });
});
