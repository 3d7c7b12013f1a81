/**
 * The community API over real HTTP against a real SQLite store: typed errors, tenant
 * isolation, idempotent retries and the audit trail.
 */
import { startHarness, type Harness } from '../testing/harness';

const CREATE = `mutation Create($input: CreateCommunityInput!) {
  createCommunity(input: $input) { communityId streamId revision position duplicate eventTypes }
}`;
const APPOINT = `mutation Appoint($input: AppointChairInput!) { appointChair(input: $input) { communityId revision } }`;
const COMMUNITY = `query Community($id: String!, $asOf: String) {
  community(id: $id, asOf: $asOf) {
    communityId status name schoolYear hostLevel institutionId subjects revision
    profile { id version }
    members { memberId category yearsInSpecialty headOfInstitution }
    chair { memberId orderNumber }
  }
}`;
const HEAD = `{ headPosition }`;

const member = (memberId: string, extra: Record<string, unknown> = {}) => ({
  memberId,
  fullName: `Teacher ${memberId}`,
  subject: 'management',
  category: 'SECOND',
  yearsInSpecialty: 1,
  headOfInstitution: false,
  ...extra,
});

const districtCommunity = (extra: Record<string, unknown> = {}) => ({
  name: 'District community of school heads',
  kind: 'DISTRICT_COMMUNITY',
  schoolYear: '2025-2026',
  subjects: ['management'],
  foundingMembers: [member('head-1', { headOfInstitution: true }), member('novice-1'), member('expert-1', { category: 'FIRST', yearsInSpecialty: 5 })],
  order: { number: '112-о', date: '2025-08-28' },
  ...extra,
});

describe('community API', () => {
  let h: Harness;
  let departmentHead: string;
  const at = { 'x-collegium-simulated-time': '2025-09-01T08:00:00Z' };

  beforeAll(async () => {
    h = await startHarness();
    departmentHead = await h.token('head-of-department', 'departmentHead', 'district-1');
  });
  afterAll(() => h.close());

  const head = async (): Promise<string> => (await h.request<{ headPosition: string }>(HEAD, {}, departmentHead)).data!.headPosition;

  it('creates a district-hosted community by order and shows it (004:1.2, 004:1.4)', async () => {
    const created = await h.request(CREATE, { input: districtCommunity() }, departmentHead, at);
    expect(created.errors).toBeUndefined();
    const payload = created.data!.createCommunity;
    expect(payload).toMatchObject({ revision: 0, duplicate: false, eventTypes: ['CommunityCreated'] });
    expect(payload.streamId).toBe(`community-${payload.communityId}`);

    const read = await h.request(COMMUNITY, { id: payload.communityId }, departmentHead);
    expect(read.data!.community).toMatchObject({
      status: 'ACTIVE',
      hostLevel: 'DISTRICT',
      institutionId: null,
      schoolYear: '2025-2026',
      profile: { id: 'district-community', version: 1 },
      revision: 0,
    });
    expect(read.data!.community.members).toHaveLength(3);
  });

  it('appoints only an eligible chair: a head or a first-category teacher with 3 years (004:4.2)', async () => {
    const { communityId } = (await h.request(CREATE, { input: districtCommunity() }, departmentHead, at)).data!.createCommunity;
    const before = await head();
    const rejected = await h.request(APPOINT, { input: { communityId, memberId: 'novice-1', order: { number: '113-о', date: '2025-09-01' } } }, departmentHead, at);
    expect(rejected.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: '004:4.2' });
    expect(rejected.errors?.[0]?.message).toMatch(/004:4\.2/);
    expect(await head()).toBe(before);

    const accepted = await h.request(APPOINT, { input: { communityId, memberId: 'expert-1', order: { number: '113-о', date: '2025-09-01' } } }, departmentHead, at);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.appointChair.revision).toBe(1);
    const read = await h.request(COMMUNITY, { id: communityId }, departmentHead);
    expect(read.data!.community.chair).toEqual({ memberId: 'expert-1', orderNumber: '113-о' });
  });

  it('treats a retry with the same idempotency key as the first request and appends nothing', async () => {
    const input = districtCommunity({ idempotencyKey: 'create-heads-2025' });
    const first = (await h.request(CREATE, { input }, departmentHead, at)).data!.createCommunity;
    const afterFirst = await head();
    const retry = (await h.request(CREATE, { input }, departmentHead, at)).data!.createCommunity;
    expect(retry).toMatchObject({ communityId: first.communityId, position: first.position, revision: first.revision, duplicate: true });
    expect(await head()).toBe(afterFirst);
  });

  it('rejects bad input with BAD_USER_INPUT naming the field, and appends nothing', async () => {
    const before = await head();
    const bad = await h.request(CREATE, { input: districtCommunity({ schoolYear: '2025', order: { number: '1', date: '28.08.2025' } }) }, departmentHead, at);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (bad.errors?.[0]?.extensions?.validationErrors as { field: string }[]).map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['schoolYear', 'order.date']));
    const unknownKind = await h.request(CREATE, { input: districtCommunity({ kind: 'NO_SUCH_KIND' }) }, departmentHead, at);
    expect(unknownKind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await head()).toBe(before);
  });

  it('refuses orders from a role the profile does not empower (004:1.4)', async () => {
    const teacher = await h.token('teacher-9', 'teacher', 'district-1');
    const before = await head();
    const refused = await h.request(CREATE, { input: districtCommunity() }, teacher, at);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: '004:1.4' });
    expect(await head()).toBe(before);
  });

  it('never answers a repeated query from before a write, nor across callers', async () => {
    const { communityId } = (await h.request(CREATE, { input: districtCommunity() }, departmentHead, at)).data!.createCommunity;
    const read = () => h.request(COMMUNITY, { id: communityId }, departmentHead);
    expect((await read()).data!.community.chair).toBeNull();
    expect((await read()).data!.community.chair).toBeNull();
    await h.request(APPOINT, { input: { communityId, memberId: 'head-1', order: { number: '130', date: '2025-09-01' } } }, departmentHead, at);
    expect((await read()).data!.community.chair).toMatchObject({ memberId: 'head-1' });
    const stranger = await h.token('head-x', 'departmentHead', 'district-x');
    expect((await h.request(COMMUNITY, { id: communityId }, stranger)).data!.community).toBeNull();
  });

  it('requires a bearer token and rejects a forged one', async () => {
    const anonymous = await h.request(CREATE, { input: districtCommunity() }, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await h.request(HEAD, {}, `${departmentHead.slice(0, -4)}AAAA`);
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows a district its communities and hides them from other tenants (000:4, 004:1.3)', async () => {
    const school = await h.token('director-1', 'director', 'district-1', 'school-7');
    const created = await h.request(
      CREATE,
      {
        input: {
          name: 'Natural sciences PLC',
          kind: 'KZ_SCHOOL_PLC',
          schoolYear: '2025-2026',
          institutionId: 'school-7',
          subjects: ['natural sciences'],
          foundingMembers: ['a', 'b', 'c'].map((id) => member(id, { subject: 'natural sciences', category: 'FIRST' })),
          order: { number: '45', date: '2025-08-30' },
        },
      },
      school,
      at,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createCommunity.communityId;
    // The district's methodological service coordinates every community of the district.
    expect((await h.request(COMMUNITY, { id }, departmentHead)).data!.community.institutionId).toBe('school-7');
    const otherSchool = await h.token('director-2', 'director', 'district-1', 'school-8');
    const otherDistrict = await h.token('head-2', 'departmentHead', 'district-2');
    expect((await h.request(COMMUNITY, { id }, otherSchool)).data!.community).toBeNull();
    expect((await h.request(COMMUNITY, { id }, otherDistrict)).data!.community).toBeNull();
    const appoint = await h.request(APPOINT, { input: { communityId: id, memberId: 'a', order: { number: '46', date: '2025-09-01' } } }, otherDistrict, at);
    expect(appoint.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const history = await h.request(`query($s: String!) { history(streamId: $s) { type } }`, { s: `community-${id}` }, otherDistrict);
    expect(history.data!.history).toEqual([]);
  });

  it('replays a community as of a date and lists its history with actor and cause', async () => {
    const { communityId } = (await h.request(CREATE, { input: districtCommunity() }, departmentHead, { 'x-collegium-simulated-time': '2025-09-01T08:00:00Z' })).data!.createCommunity;
    await h.request(APPOINT, { input: { communityId, memberId: 'head-1', order: { number: '120', date: '2025-09-10' } } }, departmentHead, {
      'x-collegium-simulated-time': '2025-09-10T08:00:00Z',
      'x-correlation-id': 'order-120',
    });
    const before = await h.request(COMMUNITY, { id: communityId, asOf: '2025-09-05T00:00:00Z' }, departmentHead);
    expect(before.data!.community).toMatchObject({ chair: null, revision: 0 });
    const now = await h.request(COMMUNITY, { id: communityId }, departmentHead);
    expect(now.data!.community).toMatchObject({ chair: { memberId: 'head-1' }, revision: 1 });

    const history = await h.request(
      `query($s: String!) { history(streamId: $s) { revision type recordedAt actor { id role } tenant { districtId } correlationId data } }`,
      { s: `community-${communityId}` },
      departmentHead,
    );
    expect(history.data!.history.map((e: { type: string }) => e.type)).toEqual(['CommunityCreated', 'ChairAppointed']);
    expect(history.data!.history[1]).toMatchObject({
      recordedAt: '2025-09-10T08:00:00.000Z',
      actor: { id: 'head-of-department', role: 'departmentHead' },
      tenant: { districtId: 'district-1' },
      correlationId: 'order-120',
      data: { memberId: 'head-1', order: { number: '120', date: '2025-09-10' } },
    });
  });
});
