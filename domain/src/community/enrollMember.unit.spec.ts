import { decideAfter, expectDomainError, expectRuleViolation } from '../testing';
import type { CommandMetadata } from '../shared/message';
import { communityDecider } from './decide';
import {
  COMMUNITY_ID,
  NOW,
  aMember,
  actingAs,
  anOrder,
  chairAppointed,
  created,
  dissolved,
  enrolled,
  kindergarten,
  microgroup,
  russia,
  onlyEvent,
} from './community.fixtures';
import type { CommunityEvent, EnrollMember, MemberInput, Order } from './types';

const enrol = (member: MemberInput, metadata: CommandMetadata, order?: Order | null): EnrollMember => ({
  type: 'EnrollMember',
  metadata,
  data: { communityId: COMMUNITY_ID, member, order },
});

const when = (given: readonly CommunityEvent[], command: EnrollMember) => () =>
  decideAfter(communityDecider, given, command);

const byOrder = anOrder('ORD-21', '2025-10-01');

describe('EnrollMember', () => {
  describe('where the members are set by order (001:app1.1)', () => {
    it('enrols a teacher by order of the director (001:app1.1)', () => {
      expect(when([created(russia)], enrol(aMember('t4'), actingAs('director'), byOrder))()).toEqual([
        {
          type: 'MemberEnrolled',
          schemaVersion: 1,
          data: {
            communityId: COMMUNITY_ID,
            member: aMember('t4'),
            enrolment: 'byOrder',
            order: byOrder,
            enrolledOn: '2025-10-01',
            enrolledBy: 'director-1',
            enrolledAt: NOW,
          },
        },
      ]);
    });

    it('refuses a teacher enrolling themselves (001:app1.1)', () => {
      const error = expectDomainError(
        when([created(russia)], enrol(aMember('t4'), actingAs('teacher', 't4'), byOrder)),
        'FORBIDDEN',
      );
      expect(error.rule).toBe('001:app1.1');
    });

    it('refuses an enrolment without the order (001:app1.1)', () => {
      expectRuleViolation(when([created(russia)], enrol(aMember('t4'), actingAs('director'))), '001:app1.1');
      expectRuleViolation(when([created(russia)], enrol(aMember('t4'), actingAs('director'), null)), '001:app1.1');
    });
  });

  describe('where membership is voluntary (002:1.5)', () => {
    it('lets a teacher enrol themselves, without an order (002:1.5)', () => {
      const e = onlyEvent(
        'MemberEnrolled',
        when([created(kindergarten)], enrol(aMember('t4'), actingAs('teacher', 't4')))(),
      );
      expect(e.data).toMatchObject({ enrolment: 'voluntary', order: null, enrolledOn: '2025-10-15', enrolledBy: 't4' });
    });

    it('lets the chair enrol a teacher (002:1.5)', () => {
      const e = onlyEvent(
        'MemberEnrolled',
        when([created(kindergarten), chairAppointed('t1')], enrol(aMember('t4'), actingAs('teacher', 't1')))(),
      );
      expect(e.data).toMatchObject({ enrolment: 'voluntary', enrolledBy: 't1' });
    });

    it('refuses to let anyone else enrol a teacher (002:1.5)', () => {
      const given = [created(kindergarten), chairAppointed('t1')];
      const byColleague = expectDomainError(when(given, enrol(aMember('t4'), actingAs('teacher', 't2'))), 'FORBIDDEN');
      expect(byColleague.rule).toBe('002:1.5');
      const byHead = expectDomainError(when(given, enrol(aMember('t4'), actingAs('kindergartenHead'), byOrder)), 'FORBIDDEN');
      expect(byHead.rule).toBe('002:1.5');
    });
  });

  describe('a microgroup takes teachers of its one subject (003:1.2)', () => {
    it('refuses a teacher of another subject (003:1.2)', () => {
      expectRuleViolation(
        when([created(microgroup)], enrol(aMember('t4', { subject: 'physics' }), actingAs('director'), byOrder)),
        '003:1.2',
      );
    });

    it('accepts a teacher of its subject (003:1.2)', () => {
      const e = onlyEvent(
        'MemberEnrolled',
        when([created(microgroup)], enrol(aMember('t4'), actingAs('director'), byOrder))(),
      );
      expect(e.data.member.memberId).toBe('t4');
    });

    it('lets a mixed community take a teacher of any subject (003:1.2)', () => {
      const e = onlyEvent(
        'MemberEnrolled',
        when([created(russia)], enrol(aMember('t4', { subject: 'physics' }), actingAs('director'), byOrder))(),
      );
      expect(e.data.member.subject).toBe('physics');
    });
  });

  it('refuses to enrol a member twice', () => {
    expectDomainError(when([created(russia)], enrol(aMember('t2'), actingAs('director'), byOrder)), 'INVALID_STATE');
    const given = [created(russia), enrolled(aMember('t4'))];
    expectDomainError(when(given, enrol(aMember('t4'), actingAs('director'), byOrder)), 'INVALID_STATE');
  });

  it('refuses malformed member data', () => {
    const act = (member: MemberInput) => when([created(russia)], enrol(member, actingAs('director'), byOrder));
    expectDomainError(act(aMember('')), 'BAD_USER_INPUT');
    expectDomainError(act(aMember('t4', { fullName: '' })), 'BAD_USER_INPUT');
    expectDomainError(act(aMember('t4', { yearsInSpecialty: Number.NaN })), 'BAD_USER_INPUT');
    expectDomainError(act(aMember('t4', { headOfInstitution: 'yes' as never })), 'BAD_USER_INPUT');
  });

  it('is not possible after dissolution', () => {
    expectDomainError(when([created(russia), dissolved()], enrol(aMember('t4'), actingAs('director'), byOrder)), 'INVALID_STATE');
  });
});
