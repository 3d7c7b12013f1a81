import { decideAfter, expectDomainError, expectRuleViolation } from '../testing';
import type { MotionFacts } from '../shared/facts';
import { communityDecider } from './decide';
import {
  COMMUNITY_ID,
  NOW,
  aMotion,
  actingAs,
  belarus,
  continued,
  created,
  dissolved,
  russia,
  secretaryElected,
  onlyEvent,
} from './community.fixtures';
import type { CommunityEvent, ElectSecretary } from './types';

const elect = (memberId: string, motion: MotionFacts = aMotion()): ElectSecretary => ({
  type: 'ElectSecretary',
  metadata: actingAs('teacher', 't1'),
  data: { communityId: COMMUNITY_ID, memberId, motion },
});

const when = (given: readonly CommunityEvent[], command: ElectSecretary) => () =>
  decideAfter(communityDecider, given, command);

describe('ElectSecretary', () => {
  it('records a member elected secretary for the current school year (000:6)', () => {
    expect(when([created(belarus)], elect('t2'))()).toEqual([
      {
        type: 'SecretaryElected',
        schemaVersion: 1,
        data: {
          communityId: COMMUNITY_ID,
          memberId: 't2',
          schoolYear: '2025-2026',
          previousSecretaryId: null,
          meetingId: 'meeting-2',
          motionId: 'motion-7',
          electedOn: '2025-10-14',
          electedAt: NOW,
        },
      },
    ]);
  });

  it('refuses an election where the regulation has no elected secretary (000:6)', () => {
    expectRuleViolation(when([created(russia)], elect('t2')), '000:6');
  });

  it('elects only from among the members (000:6)', () => {
    const outsider = aMotion({ subject: { kind: 'electSecretary', candidateId: 'x9' } });
    expectRuleViolation(when([created(belarus)], elect('x9', outsider)), '000:6');
  });

  it('needs the motion carried by a majority of the members present (000:8)', () => {
    expectRuleViolation(when([created(belarus)], elect('t2', aMotion({ carried: false }))), '000:8');
    expect(when([created(belarus)], elect('t2', aMotion({ carried: true })))()).toHaveLength(1);
  });

  it('waits for the vote to close', () => {
    expectDomainError(when([created(belarus)], elect('t2', aMotion({ carried: null }))), 'INVALID_STATE');
  });

  it('serves one school year: a vote of an earlier year elects no one for this one (000:6)', () => {
    const given = [created(belarus), continued('2026-2027')];
    expectRuleViolation(when(given, elect('t2', aMotion({ heldOn: '2025-10-14' }))), '000:6');
    const e = onlyEvent('SecretaryElected', when(given, elect('t2', aMotion({ heldOn: '2026-09-20' })))());
    expect(e.data.schoolYear).toBe('2026-2027');
  });

  it('replaces the secretary of the year when the members elect another (000:6)', () => {
    const e = onlyEvent('SecretaryElected', when([created(belarus), secretaryElected('t3')], elect('t2'))());
    expect(e.data.previousSecretaryId).toBe('t3');
  });

  it('refuses to re-elect the sitting secretary', () => {
    expectDomainError(when([created(belarus), secretaryElected('t2')], elect('t2')), 'INVALID_STATE');
  });

  it('refuses a motion of another community or about something else', () => {
    expectDomainError(when([created(belarus)], elect('t2', aMotion({ communityId: 'community-2' }))), 'BAD_USER_INPUT');
    expectDomainError(when([created(belarus)], elect('t2', aMotion({ subject: { kind: 'decision' } }))), 'BAD_USER_INPUT');
    const otherCandidate = aMotion({ subject: { kind: 'electSecretary', candidateId: 't3' } });
    expectDomainError(when([created(belarus)], elect('t2', otherCandidate)), 'BAD_USER_INPUT');
    expectDomainError(when([created(belarus)], elect('t2', aMotion({ heldOn: '14.10.2025' }))), 'BAD_USER_INPUT');
  });

  it('is not possible after dissolution', () => {
    expectDomainError(when([created(belarus), dissolved()], elect('t2')), 'INVALID_STATE');
  });
});
