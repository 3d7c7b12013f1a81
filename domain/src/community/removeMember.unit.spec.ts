import { decideAfter, expectDomainError, expectRuleViolation, stateAfter } from '../testing';
import type { CommandMetadata } from '../shared/message';
import { communityDecider } from './decide';
import { toCommunityFacts } from './communityFacts';
import {
  COMMUNITY_ID,
  NOW,
  aMember,
  actingAs,
  anOrder,
  belarus,
  chairAppointed,
  created,
  enrolled,
  issuerOf,
  kindergarten,
  microgroup,
  russia,
  secretaryElected,
  onlyEvent,
} from './community.fixtures';
import type { CommunityEvent, Order, RemoveMember } from './types';

const remove = (memberId: string, metadata: CommandMetadata, order?: Order | null, reason?: string): RemoveMember => ({
  type: 'RemoveMember',
  metadata,
  data: { communityId: COMMUNITY_ID, memberId, order, reason },
});

const when = (given: readonly CommunityEvent[], command: RemoveMember) => () =>
  decideAfter(communityDecider, given, command);

const byOrder = anOrder('ORD-22', '2025-10-02');

describe('RemoveMember', () => {
  it('removes a member by order where members are set by order (001:app1.1)', () => {
    expect(when([created(russia)], remove('t3', actingAs('director'), byOrder, 'moved to another school'))()).toEqual([
      {
        type: 'MemberRemoved',
        schemaVersion: 1,
        data: {
          communityId: COMMUNITY_ID,
          memberId: 't3',
          leftVoluntarily: false,
          order: byOrder,
          reason: 'moved to another school',
          chairVacated: false,
          secretaryVacated: false,
          removedBy: 'director-1',
          removedAt: NOW,
        },
      },
    ]);
  });

  it('refuses a removal without an order, or by a teacher, where members are set by order (001:app1.1)', () => {
    expectRuleViolation(when([created(russia)], remove('t3', actingAs('director'))), '001:app1.1');
    const error = expectDomainError(when([created(russia)], remove('t3', actingAs('teacher', 't3'), byOrder)), 'FORBIDDEN');
    expect(error.rule).toBe('001:app1.1');
  });

  it('lets a teacher leave a voluntary community of their own accord (002:1.5)', () => {
    const e = onlyEvent('MemberRemoved', when([created(kindergarten)], remove('t3', actingAs('teacher', 't3')))());
    expect(e.data).toMatchObject({ memberId: 't3', leftVoluntarily: true, order: null });
  });

  it('lets the chair remove a member of a voluntary community (002:1.5)', () => {
    const e = onlyEvent(
      'MemberRemoved',
      when([created(kindergarten), chairAppointed('t1')], remove('t3', actingAs('teacher', 't1')))(),
    );
    expect(e.data).toMatchObject({ memberId: 't3', leftVoluntarily: false });
  });

  it('refuses to let another teacher remove a member of a voluntary community (002:1.5)', () => {
    const error = expectDomainError(when([created(kindergarten)], remove('t3', actingAs('teacher', 't2'))), 'FORBIDDEN');
    expect(error.rule).toBe('002:1.5');
  });

  it('never leaves a microgroup below three members (003:1.2)', () => {
    expectRuleViolation(when([created(microgroup)], remove('t3', actingAs('director'), byOrder)), '003:1.2');
    const e = onlyEvent(
      'MemberRemoved',
      when([created(microgroup), enrolled(aMember('t4'))], remove('t3', actingAs('director'), byOrder))(),
    );
    expect(e.data.memberId).toBe('t3');
  });

  it('vacates the chair and the secretary when they leave (000:6)', () => {
    const given = [created(belarus), chairAppointed('t1'), secretaryElected('t2')];
    const chair = onlyEvent('MemberRemoved', when(given, remove('t1', issuerOf(belarus), byOrder))());
    expect(chair.data).toMatchObject({ chairVacated: true, secretaryVacated: false });
    const secretary = onlyEvent('MemberRemoved', when(given, remove('t2', issuerOf(belarus), byOrder))());
    expect(secretary.data).toMatchObject({ chairVacated: false, secretaryVacated: true });
    const facts = toCommunityFacts(stateAfter(communityDecider, [...given, chair, secretary]));
    expect(facts).toMatchObject({ chairId: null, secretaryId: null });
    expect(facts.members.map((m) => m.memberId)).toEqual(['t3']);
  });

  it('refuses to remove someone who is not a member', () => {
    expectDomainError(when([created(russia)], remove('t9', actingAs('director'), byOrder)), 'NOT_FOUND');
  });
});
