/**
 * The response cache over real HTTP: repeated read-only requests are answered from it,
 * but never across principals, never after a write moved the log or the read models, never
 * to a token that does not verify, and never for a mutation.
 */
import { startHarness, type Harness } from './testing/harness';

const CREATE = `mutation Create($input: CreateCommunityInput!) { createCommunity(input: $input) { communityId position } }`;
const LIST = `query($p: String) { communities(first: 10, consistentWith: $p) { edges { node { communityId } } } }`;

const member = (memberId: string, headOfInstitution = false) => ({
  memberId,
  fullName: `Teacher ${memberId}`,
  subject: 'management',
  category: 'SECOND',
  yearsInSpecialty: 1,
  headOfInstitution,
});

const community = {
  name: 'District community of school heads',
  kind: 'DISTRICT_COMMUNITY',
  schoolYear: '2025-2026',
  subjects: ['management'],
  foundingMembers: [member('head-1', true), member('novice-1'), member('novice-2')],
  order: { number: '112-о', date: '2025-08-28' },
};

describe('response cache', () => {
  let h: Harness;
  let districtOne: string;
  let districtTwo: string;
  const at = { 'x-collegium-simulated-time': '2025-09-01T08:00:00Z' };

  beforeAll(async () => {
    h = await startHarness();
    districtOne = await h.token('methodist-1', 'departmentHead', 'district-1');
    districtTwo = await h.token('methodist-2', 'departmentHead', 'district-2');
  });
  afterAll(() => h.close());

  const create = async (token: string): Promise<{ communityId: string; position: string }> => {
    const created = await h.request(CREATE, { input: community }, token, at);
    expect(created.errors).toBeUndefined();
    return created.data!.createCommunity;
  };
  const listed = async (token: string, position: string | null): Promise<string[]> => {
    const r = await h.request(LIST, { p: position }, token);
    expect(r.errors).toBeUndefined();
    return r.data!.communities.edges.map((e: { node: { communityId: string } }) => e.node.communityId);
  };

  it('answers a repeated query alike, and a write retires the cached answer', async () => {
    const first = await create(districtOne);
    expect(await listed(districtOne, null)).toEqual([first.communityId]);
    expect(await listed(districtOne, null)).toEqual([first.communityId]);
    const second = await create(districtOne);
    await listed(districtOne, second.position);
    // The cached body again: the log and the read models moved, so it is no longer a hit.
    expect((await listed(districtOne, null)).sort()).toEqual([first.communityId, second.communityId].sort());
  });

  it('never answers one principal from another principal\'s entry', async () => {
    const mine = await listed(districtOne, null);
    expect(mine.length).toBeGreaterThan(0);
    expect(await listed(districtTwo, null)).toEqual([]);
    expect(await listed(districtOne, null)).toEqual(mine);
  });

  it('refuses a token that does not verify, even for a body it holds an answer to', async () => {
    await listed(districtOne, null);
    const forged = await h.request(LIST, { p: null }, `${districtOne.slice(0, -4)}AAAA`);
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const anonymous = await h.request(LIST, { p: null }, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('executes every mutation, even one sent with the same bytes', async () => {
    const a = await create(districtTwo);
    const b = await create(districtTwo);
    expect(a.communityId).not.toBe(b.communityId);
    expect(Number(b.position)).toBeGreaterThan(Number(a.position));
  });
});
