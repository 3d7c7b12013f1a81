import { decideAfter, expectDomainError, expectRuleViolation, stateAfter } from '../testing';
import type { CommandMetadata } from '../shared/message';
import { communityDecider } from './decide';
import { toCommunityFacts } from './communityFacts';
import {
  COMMUNITY_ID,
  NOW,
  actingAs,
  anOrder,
  belarus,
  chairAppointed,
  created,
  dissolved,
  issuerOf,
  russia,
  secretaryElected,
  onlyEvent,
} from './community.fixtures';
import type { CommunityEvent, ContinueCommunity } from './types';

const continueInto = (schoolYear: string, metadata: CommandMetadata = actingAs('director')): ContinueCommunity => ({
  type: 'ContinueCommunity',
  metadata,
  data: { communityId: COMMUNITY_ID, schoolYear, order: anOrder('ORD-60', '2025-10-15') },
});

const when = (given: readonly CommunityEvent[], command: ContinueCommunity) => () =>
  decideAfter(communityDecider, given, command);

describe('ContinueCommunity', () => {
  it('continues the community into the next school year by a new order (001:2.1)', () => {
    expect(when([created(russia)], continueInto('2026-2027'))()).toEqual([
      {
        type: 'CommunityContinued',
        schemaVersion: 1,
        data: {
          communityId: COMMUNITY_ID,
          previousSchoolYear: '2025-2026',
          schoolYear: '2026-2027',
          secretaryTermEnded: null,
          order: anOrder('ORD-60', '2025-10-15'),
          continuedBy: 'director-1',
          continuedAt: NOW,
        },
      },
    ]);
  });

  it('refuses to skip a school year or go back (001:2.1)', () => {
    expectRuleViolation(when([created(russia)], continueInto('2027-2028')), '001:2.1');
    expectRuleViolation(when([created(russia)], continueInto('2025-2026')), '001:2.1');
  });

  it('refuses an order by anyone but the director (001:2.1)', () => {
    const error = expectDomainError(when([created(russia)], continueInto('2026-2027', actingAs('teacher'))), 'FORBIDDEN');
    expect(error.rule).toBe('001:2.1');
  });

  it('ends the secretary\'s one-year term with the school year (000:6)', () => {
    const given = [created(belarus), secretaryElected('t2')];
    const e = onlyEvent('CommunityContinued', when(given, continueInto('2026-2027', issuerOf(belarus)))());
    expect(e.data.secretaryTermEnded).toBe('t2');
    const facts = toCommunityFacts(stateAfter(communityDecider, [...given, e]));
    expect(facts).toMatchObject({ schoolYear: '2026-2027', secretaryId: null });
  });

  it('keeps the chair and members into the next year', () => {
    const given = [created(russia), chairAppointed('t1')];
    const e = onlyEvent('CommunityContinued', when(given, continueInto('2026-2027'))());
    const facts = toCommunityFacts(stateAfter(communityDecider, [...given, e]));
    expect(facts.chairId).toBe('t1');
    expect(facts.members.map((m) => m.memberId)).toEqual(['t1', 't2', 't3']);
  });

  it('refuses a malformed school year', () => {
    expectDomainError(when([created(russia)], continueInto('2026/2027')), 'BAD_USER_INPUT');
  });

  it('is not possible after dissolution', () => {
    expectDomainError(when([created(russia), dissolved()], continueInto('2026-2027')), 'INVALID_STATE');
  });
});
