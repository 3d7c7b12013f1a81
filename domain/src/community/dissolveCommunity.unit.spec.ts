import { decideAfter, expectDomainError, stateAfter } from '../testing';
import type { CommandMetadata } from '../shared/message';
import { communityDecider } from './decide';
import { toCommunityFacts } from './communityFacts';
import {
  COMMUNITY_ID,
  NOW,
  actingAs,
  anOrder,
  created,
  dissolved,
  district,
  issuerOf,
  microgroup,
  onlyEvent,
} from './community.fixtures';
import type { CommunityEvent, DissolveCommunity } from './types';

const dissolve = (metadata: CommandMetadata, reason = 'the task is accomplished'): DissolveCommunity => ({
  type: 'DissolveCommunity',
  metadata,
  data: { communityId: COMMUNITY_ID, reason, order: anOrder('ORD-90', '2025-10-14') },
});

const when = (given: readonly CommunityEvent[], command: DissolveCommunity) => () =>
  decideAfter(communityDecider, given, command);

describe('DissolveCommunity', () => {
  it('dissolves a microgroup by order of the director (003:1.5)', () => {
    expect(when([created(microgroup)], dissolve(actingAs('director')))()).toEqual([
      {
        type: 'CommunityDissolved',
        schemaVersion: 1,
        data: {
          communityId: COMMUNITY_ID,
          reason: 'the task is accomplished',
          order: anOrder('ORD-90', '2025-10-14'),
          dissolvedBy: 'director-1',
          dissolvedAt: NOW,
          // Named so read models can end their terms (the roster does).
          memberIds: ['t1', 't2', 't3'],
        },
      },
    ]);
  });

  it('refuses a dissolution by anyone but the director (003:1.5)', () => {
    const error = expectDomainError(when([created(microgroup)], dissolve(actingAs('deputyDirector'))), 'FORBIDDEN');
    expect(error.rule).toBe('003:1.5');
  });

  it('dissolves a district community by order of the department head (004:1.4)', () => {
    const e = onlyEvent('CommunityDissolved', when([created(district)], dissolve(issuerOf(district)))());
    expect(e.data).toMatchObject({ dissolvedBy: 'departmentHead-1', order: anOrder('ORD-90', '2025-10-14') });
  });

  it('refuses to let a school director dissolve a district community (004:1.4)', () => {
    const error = expectDomainError(when([created(district)], dissolve(actingAs('director'))), 'FORBIDDEN');
    expect(error.rule).toBe('004:1.4');
  });

  it('refuses an actor of another district', () => {
    const meta = { ...issuerOf(district), tenant: { districtId: 'district-2' } };
    expectDomainError(when([created(district)], dissolve(meta)), 'FORBIDDEN');
  });

  it('needs a reason', () => {
    expectDomainError(when([created(microgroup)], dissolve(actingAs('director'), '  ')), 'BAD_USER_INPUT');
  });

  it('leaves a dissolved community whose facts say so', () => {
    expect(toCommunityFacts(stateAfter(communityDecider, [created(microgroup), dissolved()])).status).toBe('dissolved');
  });

  it('cannot dissolve twice, nor what does not exist', () => {
    expectDomainError(when([created(microgroup), dissolved()], dissolve(actingAs('director'))), 'INVALID_STATE');
    expectDomainError(when([], dissolve(actingAs('director'))), 'NOT_FOUND');
  });
});
