import { decideAfter, expectDomainError, expectRuleViolation } from '../testing';
import type { CommandMetadata } from '../shared/message';
import { communityDecider } from './decide';
import {
  COMMUNITY_ID,
  NOW,
  aMember,
  actingAs,
  anOrder,
  created,
  dissolved,
  enrolled,
  issuerOf,
  microgroup,
  onlyEvent,
  russia,
} from './community.fixtures';
import type { CommunityEvent, ReorganizeCommunity } from './types';

const reorganize = (
  data: Partial<ReorganizeCommunity['data']>,
  metadata: CommandMetadata = actingAs('director'),
): ReorganizeCommunity => ({
  type: 'ReorganizeCommunity',
  metadata,
  data: { communityId: COMMUNITY_ID, order: anOrder('ORD-30', '2025-10-10'), ...data },
});

const when = (given: readonly CommunityEvent[], command: ReorganizeCommunity) => () =>
  decideAfter(communityDecider, given, command);

describe('ReorganizeCommunity', () => {
  it('renames and refocuses the community by order of the director (003:1.5)', () => {
    const events = when(
      [created(microgroup)],
      reorganize({ name: 'Algebra microgroup', subjects: ['mathematics'], direction: 'formative assessment' }),
    )();
    expect(events).toEqual([
      {
        type: 'CommunityReorganized',
        schemaVersion: 1,
        data: {
          communityId: COMMUNITY_ID,
          name: 'Algebra microgroup',
          subjects: ['mathematics'],
          direction: 'formative assessment',
          order: anOrder('ORD-30', '2025-10-10'),
          reorganizedBy: 'director-1',
          reorganizedAt: NOW,
        },
      },
    ]);
  });

  it('keeps what the order does not change', () => {
    const e = onlyEvent(
      'CommunityReorganized',
      when([created(russia, { direction: 'Lesson Study' })], reorganize({ name: 'Lesson Study group' }))(),
    );
    expect(e.data).toMatchObject({ name: 'Lesson Study group', subjects: ['mathematics'], direction: 'Lesson Study' });
  });

  it('refuses a reorganisation by anyone but the order issuer (003:1.5)', () => {
    const byDeputy = reorganize({ name: 'X' }, actingAs('deputyDirector'));
    const error = expectDomainError(when([created(microgroup)], byDeputy), 'FORBIDDEN');
    expect(error.rule).toBe('003:1.5');
  });

  it('refuses an order of another institution', () => {
    const meta = { ...actingAs('director'), tenant: { districtId: 'district-1', institutionId: 'school-2' } };
    expectDomainError(when([created(microgroup)], reorganize({ name: 'X' }, meta)), 'FORBIDDEN');
  });

  it('refuses to leave the community without a subject or direction (000:2)', () => {
    expectRuleViolation(when([created(russia)], reorganize({ subjects: [] })), '000:2');
    const e = onlyEvent(
      'CommunityReorganized',
      when([created(russia)], reorganize({ subjects: [], direction: 'Lesson Study' }))(),
    );
    expect(e.data).toMatchObject({ subjects: [], direction: 'Lesson Study' });
  });

  it('keeps a microgroup to one subject that all its members teach (003:1.2)', () => {
    expectRuleViolation(when([created(microgroup)], reorganize({ subjects: ['mathematics', 'physics'] })), '003:1.2');
    expectRuleViolation(when([created(microgroup)], reorganize({ subjects: ['physics'] })), '003:1.2');
    const physicists = [aMember('t1', { subject: 'physics' }), aMember('t2', { subject: 'physics' })];
    const given = [
      created(microgroup, { subjects: ['physics'], foundingMembers: physicists }),
      enrolled(aMember('t3', { subject: 'physics' })),
    ];
    const e = onlyEvent('CommunityReorganized', when(given, reorganize({ name: 'Physics microgroup' }))());
    expect(e.data.subjects).toEqual(['physics']);
  });

  it('lets a mixed community change its subjects freely (003:1.2)', () => {
    const e = onlyEvent('CommunityReorganized', when([created(russia)], reorganize({ subjects: ['physics'] }))());
    expect(e.data.subjects).toEqual(['physics']);
  });

  it('refuses a reorganisation that changes nothing', () => {
    const sameAsBefore = reorganize({ name: 'Mathematics teachers', subjects: ['mathematics'] });
    expectDomainError(when([created(russia)], sameAsBefore), 'BAD_USER_INPUT');
  });

  it('refuses an order without a number', () => {
    expectDomainError(when([created(russia)], reorganize({ name: 'X', order: anOrder('', '2025-10-10') })), 'BAD_USER_INPUT');
  });

  it('is not possible for a community that does not exist or was dissolved', () => {
    expectDomainError(when([], reorganize({ name: 'X' }, issuerOf(russia))), 'NOT_FOUND');
    expectDomainError(when([created(russia), dissolved()], reorganize({ name: 'X' })), 'INVALID_STATE');
  });
});
