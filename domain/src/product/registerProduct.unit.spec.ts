import { decideAfter, expectDomainError, stateAfter } from '../testing';
import { productDecider } from './decider';
import { AUTHOR, CHAIR, CO_AUTHOR, as, community, productRegistered, profileOf, teacher } from './testFixtures';
import type { RegisterProduct, RegisterProductData } from './types';

const register = (overrides: Partial<RegisterProductData> = {}, actorId = AUTHOR): RegisterProduct => ({
  type: 'RegisterProduct',
  data: {
    productId: 'product-1',
    community: community(),
    kind: 'masterClass',
    title: 'Storytelling with picture cards',
    authorIds: [AUTHOR],
    producedOn: '2025-10-10',
    ...overrides,
  },
  metadata: as(teacher(actorId)),
});

const when = (command: RegisterProduct) => () => decideAfter(productDecider, [], command);

describe('RegisterProduct', () => {
  it('a member registers a product of the community with its kind and authors (002:6.1)', () => {
    expect(decideAfter(productDecider, [], register())).toEqual([productRegistered()]);
  });

  it('keeps the optional description, link, meeting and plan task', () => {
    const [registered] = decideAfter(
      productDecider,
      [],
      register({
        kind: 'openLesson',
        description: ' Open lesson for parents ',
        url: 'https://example.org/lessons/42',
        meeting: { meetingId: 'meeting-3', communityId: 'community-1', heldOn: '2025-10-10' },
        planTaskId: 'plan-task-1',
        authorIds: [AUTHOR, CO_AUTHOR],
      }),
    );

    expect(registered?.data).toMatchObject({
      kind: 'openLesson',
      description: 'Open lesson for parents',
      url: 'https://example.org/lessons/42',
      meetingId: 'meeting-3',
      planTaskId: 'plan-task-1',
      authorIds: [AUTHOR, CO_AUTHOR],
    });
  });

  it('the chair, not enrolled as a member, may register the members\' product', () => {
    expect(decideAfter(productDecider, [], register({}, CHAIR))).toEqual([productRegistered({ registeredBy: CHAIR })]);
  });

  it('someone outside the community may not register its products', () => {
    expectDomainError(when(register({}, 'teacher-stranger')), 'FORBIDDEN');
  });

  it('every author is a member of the community: authors count as active participants (002:6.1)', () => {
    expectDomainError(when(register({ authorIds: [AUTHOR, 'teacher-stranger'] })), 'NOT_FOUND');
  });

  it('the product is dated in the school year it was produced in (002:6.1)', () => {
    const [registered] = decideAfter(productDecider, [], register({ producedOn: '2025-08-31' }));

    expect(registered).toMatchObject({ data: { producedOn: '2025-08-31', schoolYear: '2024-2025' } });
  });

  it('a district-hosted community records no institution (004:1.2)', () => {
    const [registered] = decideAfter(productDecider, [], register({ community: community({ institutionId: undefined, profile: profileOf('district-community') }) }));

    expect(registered?.data).not.toHaveProperty('institutionId');
  });

  it('a dissolved community registers no products', () => {
    expectDomainError(when(register({ community: community({ status: 'dissolved' }) })), 'INVALID_STATE');
  });

  it('a product is registered once', () => {
    expectDomainError(() => decideAfter(productDecider, [productRegistered()], register()), 'INVALID_STATE');
  });

  it.each([
    ['an unknown kind', { kind: 'poster' as RegisterProductData['kind'] }],
    ['an empty title', { title: ' ' }],
    ['no authors', { authorIds: [] }],
    ['a repeated author', { authorIds: [AUTHOR, AUTHOR] }],
    ['a date that is no date', { producedOn: '2025-02-30x' }],
    ['a date in the future', { producedOn: '2025-10-16' }],
    ['a link that is not a web address', { url: 'javascript:alert(1)' }],
    ['an empty description', { description: '' }],
    ["another community's meeting", { meeting: { meetingId: 'meeting-9', communityId: 'community-2', heldOn: '2025-10-01' } }],
  ])('rejects %s', (_, overrides: Partial<RegisterProductData>) => {
    expectDomainError(when(register(overrides)), 'BAD_USER_INPUT');
  });

  it('a registered product has its kind, authors and provenance and no demand yet', () => {
    expect(stateAfter(productDecider, [productRegistered()])).toEqual({
      status: 'registered',
      productId: 'product-1',
      communityId: 'community-1',
      kind: 'masterClass',
      title: 'Storytelling with picture cards',
      description: null,
      url: null,
      authorIds: [AUTHOR],
      producedOn: '2025-10-10',
      schoolYear: '2025-2026',
      meetingId: null,
      planTaskId: null,
      demand: [],
    });
  });
});
