import { decideAfter, expectDomainError, expectRuleViolation, stateAfter } from '../testing';
import type { Actor } from '../shared/message';
import { productDecider } from './decider';
import { as, community, demandRecorded, productRegistered } from './testFixtures';
import type { ProductEvent, RecordProductDemand, RecordProductDemandData } from './types';

const METHODIST: Actor = { id: 'methodist-1', role: 'methodist' };

/** The adopting community, as the application loads it (an unknown one never gets this far). */
const adopter = (communityId: string) => community({ communityId });

const recordDemand = (overrides: Partial<RecordProductDemandData> = {}, actor: Actor = METHODIST): RecordProductDemand => ({
  type: 'RecordProductDemand',
  data: { productId: 'product-1', byCommunity: adopter('community-2'), kind: 'adopted', ...overrides },
  metadata: as(actor, '2025-11-20T10:00:00.000Z'),
});

const given: ProductEvent[] = [productRegistered()];

describe('RecordProductDemand', () => {
  it('records that another community adopted the product (002:6.1)', () => {
    expect(decideAfter(productDecider, given, recordDemand())).toEqual([demandRecorded()]);
  });

  it('demand from the product\'s own community does not count (002:6.1)', () => {
    expectRuleViolation(() => decideAfter(productDecider, given, recordDemand({ byCommunity: adopter('community-1') })), '002:6.1');
  });

  it.each<Actor>([
    { id: 'expert-1', role: 'expert' },
    { id: 'teacher-9', role: 'teacher' },
    { id: 'head-1', role: 'departmentHead' },
  ])('any actor of the tenant may record demand: $role (002:6.1)', (actor) => {
    const [recorded] = decideAfter(productDecider, given, recordDemand({ kind: 'requested', note: 'for our spring seminar' }, actor));

    expect(recorded?.data).toMatchObject({ recordedBy: actor.id, recordedByRole: actor.role, kind: 'requested', note: 'for our spring seminar' });
  });

  it('demand counts distinct communities: the same community and kind is recorded once (002:6.1)', () => {
    const history = [...given, demandRecorded()];

    expectDomainError(() => decideAfter(productDecider, history, recordDemand()), 'INVALID_STATE');
    expect(decideAfter(productDecider, history, recordDemand({ kind: 'requested' }))).toHaveLength(1);
    expect(decideAfter(productDecider, history, recordDemand({ byCommunity: adopter('community-3') }))).toHaveLength(1);
  });

  it('demand for an unregistered product is rejected', () => {
    expectDomainError(() => decideAfter(productDecider, [], recordDemand()), 'NOT_FOUND');
  });

  it.each([
    ['an unknown kind', { kind: 'liked' as RecordProductDemandData['kind'] }],
    ['an empty note', { note: '  ' }],
  ])('rejects %s', (_, overrides: Partial<RecordProductDemandData>) => {
    expectDomainError(() => decideAfter(productDecider, given, recordDemand(overrides)), 'BAD_USER_INPUT');
  });

  it('the state keeps the demand list; demand without a product is ignored', () => {
    expect(stateAfter(productDecider, [...given, demandRecorded(), demandRecorded({ byCommunityId: 'community-3', kind: 'requested' })])).toMatchObject({
      demand: [
        { byCommunityId: 'community-2', kind: 'adopted' },
        { byCommunityId: 'community-3', kind: 'requested' },
      ],
    });
    expect(stateAfter(productDecider, [demandRecorded()])).toEqual({ status: 'none' });
  });
});
