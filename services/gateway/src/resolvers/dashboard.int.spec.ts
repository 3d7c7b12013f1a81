/**
 * Directory and dashboards over HTTP, on a generated district year projected by the
 * in-process projector: figures equal the pure metric functions over the log, each lists
 * the events behind it, and read-your-writes holds with `consistentWith`.
 */
import {
  PROJECTIONS,
  activity,
  evaluateWithPrevious,
  previousPeriod,
  replay,
  resolvePeriod,
  type ActivityDoc,
} from '@collegium/projections';
import type { EventMetadata } from '@collegium/eventstore';
import type { Filter } from '@collegium/readstore';
import { generateLog } from '../../../../projections/src/testing/generator';
import { appendLog } from '../../../projector/src/testing/seed';
import { rebuild } from '../../../projector/src/rebuild';
import { startHarness, type Harness } from '../testing/harness';

const DISTRICT = 'district-1';
const OPTIONS = { seed: 3, districtId: DISTRICT, institutions: 3, communitiesPerInstitution: 3, districtCommunities: 2, schoolYears: ['2024-2025', '2025-2026'] };

const DASHBOARD = `query($y: String!, $t: String) {
  districtDashboard(schoolYear: $y, term: $t) {
    scope communities position definitionVersion activeParticipantDefinition
    current {
      period { key start end }
      activeParticipants { count evidence { count eventIds events(first: 3) { type eventId actor { id } } } }
      taskCompletion { due completedOnTime completedLate open completionRate evidence { count } }
      productDiversity { products distinctKinds kinds demand evidence { count } }
      planExecution { planTasksDue planTasksCompleted criteriaMeasured criteriaMet evidence { count events(first: 1000) { type } } }
    }
    previous { period { key } activeParticipants { count } }
    activeParticipantGrowth { absolute relative }
    compliance { communities fullyCompliant averageScore items { communityId kind score cadenceMet cadence { name required held met rule } planApprovedOnTime { met rule detail } } }
  }
}`;

describe('dashboards over the read models', () => {
  let h: Harness;
  let districtToken: string;
  let head: number;

  beforeAll(async () => {
    h = await startHarness();
    head = (await appendLog(h.store, generateLog(OPTIONS))) as number;
    districtToken = await h.token('methodist-1', 'methodist', DISTRICT);
  });
  afterAll(() => h.close());

  it('computes the district figures the metric definitions give over the log, with their evidence', async () => {
    const response = await h.request(DASHBOARD, { y: '2025-2026', t: null }, districtToken, {});
    const consistent = await h.request(`query($p: String) { communities(first: 1, consistentWith: $p) { edges { node { communityId } } } }`, { p: String(head) }, districtToken);
    expect(consistent.errors).toBeUndefined();
    const again = await h.request(DASHBOARD, { y: '2025-2026', t: null }, districtToken);
    expect(again.errors).toBeUndefined();
    const d = again.data!.districtDashboard;
    expect(Number(d.position)).toBe(head);

    const events = await h.store.readAll(0, 1_000_000);
    const docs = [...replay(activity, events).values()] as ActivityDoc[];
    const period = resolvePeriod('2025-2026', null);
    const expected = evaluateWithPrevious(docs, period, previousPeriod(period));
    expect(d.communities).toBe(11);
    expect(d.current.activeParticipants.count).toBe(expected.current.activeParticipants.count);
    expect(d.previous.activeParticipants.count).toBe(expected.previous.activeParticipants.count);
    expect(d.activeParticipantGrowth.absolute).toBe(expected.activeParticipantGrowth.absolute);
    expect(d.current.taskCompletion).toMatchObject({ due: expected.current.taskCompletion.due, completedOnTime: expected.current.taskCompletion.completedOnTime });
    expect(d.current.productDiversity.kinds).toEqual(expected.current.productDiversity.kinds);
    expect(d.current.activeParticipants.count).toBeGreaterThan(10);
    // The plans carried out: the year's criteria measured, most of them met at its end.
    expect(d.current.planExecution).toMatchObject({ criteriaMeasured: expected.current.planExecution.criteriaMeasured, criteriaMet: expected.current.planExecution.criteriaMet });
    expect(d.current.planExecution.criteriaMet).toBeGreaterThan(0);
    expect(d.current.planExecution.evidence.events.map((e: { type: string }) => e.type)).toContain('CriterionResultRecorded');

    // Evidence: the ids, and the events themselves, of the kinds the definition names.
    expect(d.current.activeParticipants.evidence.count).toBe(expected.current.activeParticipants.evidence.length);
    for (const e of d.current.activeParticipants.evidence.events) {
      expect(['MeetingHeld', 'VoteCast', 'TaskCompleted', 'ProductRegistered']).toContain(e.type);
    }
    expect(d.compliance.items).toHaveLength(11);
    expect(d.compliance.items.some((i: { score: number }) => i.score < 1)).toBe(true);
    const district = d.compliance.items.find((i: { kind: string }) => i.kind === 'district-community');
    expect(district.cadence.map((w: { name: string }) => w.name)).toEqual(['H1', 'H2', '2025-2026']);
    expect(district.planApprovedOnTime.rule).toBe('004:4.7');
  });

  it('answers a term of the calendar and rejects an unknown one', async () => {
    const q2 = await h.request(DASHBOARD, { y: '2025-2026', t: 'Q2' }, districtToken);
    expect(q2.data!.districtDashboard.current.period).toMatchObject({ key: '2025-2026/Q2' });
    expect(q2.data!.districtDashboard.previous.period.key).toBe('2025-2026/Q1');
    const bad = await h.request(DASHBOARD, { y: '2025-2026', t: 'Q9' }, districtToken);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reads only the months of a term and the one before, and misses no fact of them', async () => {
    const events = await h.store.readAll(0, 1_000_000);
    const docs = [...replay(activity, events).values()] as ActivityDoc[];
    const figures = (e: ReturnType<typeof evaluateWithPrevious>['current']) => ({
      active: e.activeParticipants.count,
      activeEvidence: e.activeParticipants.evidence.length,
      due: e.taskCompletion.due,
      onTime: e.taskCompletion.completedOnTime,
      late: e.taskCompletion.completedLate,
      taskEvidence: e.taskCompletion.evidence.length,
      products: e.productDiversity.products,
      demand: e.productDiversity.demand,
    });
    const query = `query($y: String!, $t: String) { districtDashboard(schoolYear: $y, term: $t) {
      current { ...F } previous { ...F } } }
      fragment F on Figures { activeParticipants { count evidence { count } } taskCompletion { due completedOnTime completedLate evidence { count } } productDiversity { products demand } }`;
    for (const term of ['Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2']) {
      const period = resolvePeriod('2025-2026', term);
      const expected = evaluateWithPrevious(docs, period, previousPeriod(period));
      const response = await h.request(query, { y: '2025-2026', t: term }, districtToken);
      expect(response.errors).toBeUndefined();
      for (const which of ['current', 'previous'] as const) {
        const f = response.data!.districtDashboard[which];
        expect({
          active: f.activeParticipants.count,
          activeEvidence: f.activeParticipants.evidence.count,
          due: f.taskCompletion.due,
          onTime: f.taskCompletion.completedOnTime,
          late: f.taskCompletion.completedLate,
          taskEvidence: f.taskCompletion.evidence.count,
          products: f.productDiversity.products,
          demand: f.productDiversity.demand,
        }).toEqual(figures(expected[which]));
      }
    }
  });

  it('keeps the district dashboard to district staff and institutions to their own', async () => {
    const school = await h.token('director', 'director', DISTRICT, 'district-1-inst-1');
    const forbidden = await h.request(DASHBOARD, { y: '2025-2026', t: null }, school);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await h.request(`{ institutionDashboard(institutionId: "elsewhere", schoolYear: "2025-2026") { communities } }`, {}, school);
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const otherDistrict = await h.token('methodist-9', 'methodist', 'district-9');
    const empty = await h.request(`{ communities { edges { node { communityId } } } }`, {}, otherDistrict);
    expect(empty.data!.communities.edges).toEqual([]);
  });

  it('pages the directory with cursors, visiting each community once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const r: any = await h.request(`query($a: String) { communities(first: 4, after: $a) { edges { cursor node { communityId name } } pageInfo { hasNextPage endCursor } } }`, { a: after }, districtToken);
      seen.push(...r.data.communities.edges.map((e: { node: { communityId: string } }) => e.node.communityId));
      if (!r.data.communities.pageInfo.hasNextPage) break;
      after = r.data.communities.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);
  });

  it('keeps a dashboard up to date as the district works: each view equals one computed afresh', async () => {
    const figures = `query($y: String!, $t: String, $p: String) { districtDashboard(schoolYear: $y, term: $t, consistentWith: $p) {
      communities position compliance { communities items { communityId } }
      current { ...F } previous { ...F } activeParticipantGrowth { absolute } } }
      fragment F on Figures { period { key } activeParticipants { count memberIds evidence { count } } taskCompletion { due completedOnTime completedLate open evidence { count } } productDiversity { products distinctKinds kinds demand evidence { count } }
        planExecution { planTasksDue planTasksCompleted criteriaMeasured criteriaMet evidence { count } } }`;
    const terms = ['Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2', null];
    const viewAll = async (position: number) => {
      const views = [];
      for (const term of terms) {
        const response = await h.request(figures, { y: '2025-2026', t: term, p: String(position) }, districtToken);
        expect(response.errors).toBeUndefined();
        views.push(response.data!.districtDashboard);
      }
      return views;
    };
    const expectFresh = async (views: Awaited<ReturnType<typeof viewAll>>, communities: number) => {
      const docs = [...replay(activity, await h.store.readAll(0, 1_000_000)).values()] as ActivityDoc[];
      terms.forEach((term, i) => {
        const period = resolvePeriod('2025-2026', term);
        const expected = evaluateWithPrevious(docs, period, previousPeriod(period));
        const view = views[i];
        expect(view.communities).toBe(communities);
        expect(view.compliance.items).toHaveLength(communities);
        expect(view.activeParticipantGrowth.absolute).toBe(expected.activeParticipantGrowth.absolute);
        for (const which of ['current', 'previous'] as const) {
          const e = expected[which];
          expect(view[which]).toEqual({
            period: { key: e.period.key },
            activeParticipants: { count: e.activeParticipants.count, memberIds: e.activeParticipants.memberIds, evidence: { count: e.activeParticipants.evidence.length } },
            taskCompletion: {
              due: e.taskCompletion.due,
              completedOnTime: e.taskCompletion.completedOnTime,
              completedLate: e.taskCompletion.completedLate,
              open: e.taskCompletion.open,
              evidence: { count: e.taskCompletion.evidence.length },
            },
            productDiversity: {
              products: e.productDiversity.products,
              distinctKinds: e.productDiversity.distinctKinds,
              kinds: e.productDiversity.kinds,
              demand: e.productDiversity.demand,
              evidence: { count: e.productDiversity.evidence.length },
            },
            planExecution: {
              planTasksDue: e.planExecution.planTasksDue,
              planTasksCompleted: e.planExecution.planTasksCompleted,
              criteriaMeasured: e.planExecution.criteriaMeasured,
              criteriaMet: e.planExecution.criteriaMet,
              evidence: { count: e.planExecution.evidence.length },
            },
          });
        }
      });
    };
    const before = await viewAll(await h.store.headPosition());
    await expectFresh(before, 11);

    // The district works: a new community (whose founder also teaches in another one), a
    // task assigned and done, a product, a meeting held, each in another term.
    const log = await h.store.readAll(0, 1_000_000);
    const first = <T>(type: string) => log.find((e) => e.type === type) as unknown as { streamId: string; data: T; metadata: EventMetadata };
    const created = first<{ communityId: string }>('CommunityCreated');
    const product = first<{ productId: string; communityId: string }>('ProductRegistered');
    const held = first<{ meetingId: string; communityId: string; attendeeIds: string[] }>('MeetingHeld');
    const newCommunity = `${created.data.communityId}-twin`;
    const event = (type: string, eventId: string, data: object, recordedAt: string) => ({ eventId, type, schemaVersion: 1, data, metadata: created.metadata, recordedAt });
    await h.store.append(`community-${newCommunity}`, [event('CommunityCreated', 'twin-created', { ...created.data, communityId: newCommunity }, '2025-09-02T09:00:00.000Z')], 'noStream');
    // A community joining is computed afresh; what follows only changes known communities, which are caught up.
    const joined = await viewAll(await h.store.headPosition());
    await expectFresh(joined, 12);
    const taskId = `${held.data.communityId}-new-task`;
    const task = { taskId, communityId: held.data.communityId, districtId: DISTRICT, ownerId: 'new-owner', dueOn: '2025-12-01' };
    await h.store.append(
      `task-${taskId}`,
      [
        event('TaskAssigned', `${taskId}-assigned`, { ...task, title: 'New', origin: { kind: 'plan' }, assignedBy: 'chair', assignedAt: '2025-11-20T09:00:00.000Z' }, '2025-11-20T09:00:00.000Z'),
        event('TaskCompleted', `${taskId}-completed`, { ...task, completedOn: '2025-11-28', onTime: true, productIds: [], completedBy: 'new-owner', completedAt: '2025-11-28T12:00:00.000Z' }, '2025-11-28T12:00:00.000Z'),
      ],
      'noStream',
    );
    await h.store.append(
      'product-twin-product',
      [event('ProductRegistered', 'twin-product', { ...product.data, productId: 'twin-product', communityId: newCommunity, kind: 'podcast', producedOn: '2026-02-10' }, '2026-02-10T10:00:00.000Z')],
      'noStream',
    );
    await h.store.append(
      'meeting-twin-meeting',
      [event('MeetingHeld', 'twin-held', { ...held.data, meetingId: 'twin-meeting', communityId: newCommunity, heldOn: '2026-04-20', attendeeIds: ['new-attendee', ...held.data.attendeeIds] }, '2026-04-20T15:00:00.000Z')],
      'noStream',
    );
    const after = await viewAll(await h.store.headPosition());
    await expectFresh(after, 12);
    expect(after[1].current.activeParticipants.memberIds).toContain('new-owner');
    expect(after[6].current.activeParticipants.memberIds).toContain('new-attendee');
    expect(after[6].current.productDiversity.products).toBe(joined[6].current.productDiversity.products + 1);
    expect(after[0].compliance.items.map((i: { communityId: string }) => i.communityId)).toContain(newCommunity);
  });

  it('reads its own write with consistentWith', async () => {
    const head = await h.token('head', 'departmentHead', DISTRICT);
    const created = await h.request(
      `mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { communityId position } }`,
      {
        i: {
          name: 'Zeta: a community made a moment ago',
          kind: 'DISTRICT_COMMUNITY',
          schoolYear: '2025-2026',
          subjects: ['management'],
          foundingMembers: [{ memberId: 'h1', fullName: 'H', subject: 'management', category: 'HIGHEST', yearsInSpecialty: 9, headOfInstitution: true }],
          order: { number: '1', date: '2025-08-20' },
        },
      },
      head,
      { 'x-collegium-simulated-time': '2025-08-21T09:00:00Z' },
    );
    const { communityId, position } = created.data!.createCommunity;
    const listed = await h.request(`query($p: String) { communities(first: 500, consistentWith: $p) { edges { node { communityId } } } }`, { p: position }, head);
    expect(listed.data!.communities.edges.map((e: { node: { communityId: string } }) => e.node.communityId)).toContain(communityId);
    const tooFar = await h.request(`{ communities(first: 1, consistentWith: "999999999") { edges { cursor } } }`, {}, head);
    expect(tooFar.errors?.[0]?.extensions?.code).toBe('CONSISTENCY_TIMEOUT');
  }, 20_000);

  it('uses the calendar of terms the district or the institution recorded', async () => {
    const head = await h.token('head', 'departmentHead', DISTRICT);
    const quarters = [
      { name: 'Q1', kind: 'QUARTER', start: '2025-09-01', end: '2025-10-31' },
      { name: 'Q2', kind: 'QUARTER', start: '2025-11-10', end: '2025-12-30' },
      { name: 'Q3', kind: 'QUARTER', start: '2026-01-12', end: '2026-03-20' },
      { name: 'Q4', kind: 'QUARTER', start: '2026-04-01', end: '2026-05-31' },
    ];
    const recorded = await h.request(
      `mutation($i: RecordSchoolCalendarInput!) { recordSchoolCalendar(input: $i) { streamId position } }`,
      { i: { schoolYear: '2025-2026', terms: quarters } },
      head,
    );
    expect(recorded.errors).toBeUndefined();
    const position = recorded.data!.recordSchoolCalendar.position;
    const district = await h.request(
      `query($p: String) { communities(first: 1, consistentWith: $p) { edges { cursor } } districtDashboard(schoolYear: "2025-2026", term: "Q2") { current { period { start end } } compliance { items { kind cadence { name start end } } } } }`,
      { p: position },
      districtToken,
    );
    expect(district.data!.districtDashboard.current.period).toEqual({ start: '2025-11-10', end: '2025-12-30' });
    const kz = district.data!.districtDashboard.compliance.items.find((i: { kind: string }) => i.kind === 'kz-school-plc');
    expect(kz.cadence.map((w: { name: string; start: string }) => `${w.name}:${w.start}`)).toEqual(['Q1:2025-09-01', 'Q2:2025-11-10', 'Q3:2026-01-12', 'Q4:2026-04-01']);

    const school = await h.token('director-1', 'director', DISTRICT, 'district-1-inst-1');
    const calendarOf = `query { schoolCalendar(schoolYear: "2025-2026") { source terms { name start } } }`;
    expect((await h.request(calendarOf, {}, school)).data!.schoolCalendar.source).toBe('DISTRICT');
    const own = await h.request(
      `mutation($i: RecordSchoolCalendarInput!) { recordSchoolCalendar(input: $i) { position } }`,
      { i: { schoolYear: '2025-2026', institutionId: 'district-1-inst-1', terms: [{ name: 'T1', kind: 'TRIMESTER', start: '2025-09-01', end: '2025-11-30' }] } },
      school,
    );
    await h.request(`query($p: String) { communities(first: 1, consistentWith: $p) { edges { cursor } } }`, { p: own.data!.recordSchoolCalendar.position }, school);
    expect((await h.request(calendarOf, {}, school)).data!.schoolCalendar).toEqual({ source: 'INSTITUTION', terms: [{ name: 'T1', start: '2025-09-01' }] });
    const overlapping = await h.request(
      `mutation($i: RecordSchoolCalendarInput!) { recordSchoolCalendar(input: $i) { position } }`,
      { i: { schoolYear: '2025-2026', terms: [quarters[0], { ...quarters[1], start: '2025-10-01' }] } },
      head,
    );
    expect(overlapping.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists a community\'s roster: roles over time and activity', async () => {
    const first = await h.request(`{ communities(first: 1) { edges { node { communityId chairId memberCount } } } }`, {}, districtToken);
    const community = first.data!.communities.edges[0].node;
    const roster = await h.request(
      `query($c: String!) { roster(communityId: $c) { memberId roles { role from to } meetingsAttended votesCast } }`,
      { c: community.communityId },
      districtToken,
    );
    expect(roster.errors).toBeUndefined();
    const entries = roster.data!.roster as { memberId: string; roles: { role: string; to: string | null }[]; meetingsAttended: number }[];
    expect(entries.filter((e) => e.roles.some((r) => r.role === 'MEMBER' && r.to === null))).toHaveLength(community.memberCount);
    expect(entries.some((e) => e.memberId === community.chairId && e.roles.some((r) => r.role === 'CHAIR' && r.to === null))).toBe(true);
    expect(entries.reduce((sum, e) => sum + e.meetingsAttended, 0)).toBeGreaterThan(0);
    const otherDistrict = await h.token('methodist-9', 'methodist', 'district-9');
    const hidden = await h.request(`query($c: String!) { roster(communityId: $c) { memberId } }`, { c: community.communityId }, otherDistrict);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('pages a community\'s meetings, tasks, products, plans and reports in order, each once', async () => {
    const events = await h.store.readAll(0, 1_000_000);
    const first = (events.find((e) => e.type === 'CommunityCreated')?.data as { communityId: string }).communityId;
    const streams = (prefix: string) => new Set(events.filter((e) => e.streamId.startsWith(prefix) && (e.data as { communityId?: string }).communityId === first).map((e) => e.streamId));
    for (const [list, prefix, id, sortField] of [
      ['meetings', 'meeting-', 'meetingId', 'scheduledFor'],
      ['tasks', 'task-', 'taskId', 'dueOn'],
      ['products', 'product-', 'productId', 'producedOn'],
      ['plans', 'plan-', 'planId', 'schoolYear'],
      ['reports', 'report-', 'reportId', 'schoolYear'],
    ] as const) {
      const seen: string[] = [];
      const sortValues: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page++) {
        const r: any = await h.request(
          `query($c: String!, $a: String) { ${list}(communityId: $c, first: 3, after: $a) { edges { node { ${id} ${sortField} } } pageInfo { hasNextPage endCursor } } }`,
          { c: first, a: after },
          districtToken,
        );
        expect(r.errors).toBeUndefined();
        for (const e of r.data[list].edges) {
          seen.push(e.node[id]);
          sortValues.push(e.node[sortField]);
        }
        if (!r.data[list].pageInfo.hasNextPage) break;
        after = r.data[list].pageInfo.endCursor;
      }
      expect({ list, ids: new Set(seen.map((s) => `${prefix}${s}`)) }).toEqual({ list, ids: streams(prefix) });
      expect(seen.length).toBe(new Set(seen).size);
      if (list !== 'meetings') expect([...sortValues].sort()).toEqual(sortValues);
    }
    const filtered: any = await h.request(
      `query($c: String!) { held: meetings(communityId: $c, status: "HELD", from: "2025-09-01", to: "2026-08-31", first: 500) { edges { node { status heldOn } } }
        open: tasks(communityId: $c, status: "OPEN", first: 500) { edges { node { status } } } }`,
      { c: first },
      districtToken,
    );
    expect(filtered.errors).toBeUndefined();
    expect(filtered.data.held.edges.length).toBeGreaterThan(0);
    for (const e of filtered.data.held.edges) expect(e.node.status === 'HELD' && e.node.heldOn >= '2025-09-01' && e.node.heldOn <= '2026-08-31').toBe(true);
    for (const e of filtered.data.open.edges) expect(e.node.status).toBe('OPEN');
    const otherDistrict = await h.token('methodist-9', 'methodist', 'district-9');
    const hidden = await h.request(`query($c: String!) { tasks(communityId: $c) { edges { cursor } } }`, { c: first }, otherDistrict);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('orders each connection by any of its fields, either way, and pages in that order', async () => {
    const events = await h.store.readAll(0, 1_000_000);
    const first = (events.find((e) => e.type === 'CommunityCreated')?.data as { communityId: string }).communityId;
    /** Every page of `first: 2` under the order, as [id, shown sort value] pairs. */
    const walk = async (list: string, args: string, id: string, shown: string, orderBy: object): Promise<[string, unknown][]> => {
      const seen: [string, unknown][] = [];
      let after: string | null = null;
      for (let page = 0; page < 100; page++) {
        const r: any = await h.request(
          `query($o: ${orderTypeOf(list)}, $a: String) { ${list}(${args}first: 2, after: $a, orderBy: $o) { edges { node { ${id} ${shown} } } pageInfo { hasNextPage endCursor } } }`,
          { o: orderBy, a: after },
          districtToken,
        );
        expect(r.errors).toBeUndefined();
        seen.push(...r.data[list].edges.map((e: any) => [e.node[id], e.node[shown]] as [string, unknown]));
        if (!r.data[list].pageInfo.hasNextPage) return seen;
        after = r.data[list].pageInfo.endCursor;
      }
      throw new Error('too many pages');
    };
    const orderTypeOf = (list: string): string => `${list[0]!.toUpperCase()}${list.slice(1, -1).replace(/ie$/, 'y')}Order`;
    const inCommunity = `communityId: "${first}", `;
    /** The ids in the order the read model gives for `field` (ties by id), straight from the store. */
    const stored = async (collection: string, filter: Filter, field: string, direction: 'asc' | 'desc'): Promise<string[]> =>
      (await h.readStore.find('streamViews', collection, filter, { sort: [{ field, direction }], limit: 10_000 })).map((d) => d._id.replace(/^.*?:/, ''));
    const descending = (values: unknown[]): boolean => values.every((v, i) => i === 0 || String(values[i - 1]) >= String(v));

    for (const [list, collection, id, shown, field, key] of [
      ['meetings', 'meetings', 'meetingId', 'scheduledFor', 'DATE', 'date'],
      ['tasks', 'tasks', 'taskId', 'dueOn', 'DUE_ON', 'dueOn'],
      ['tasks', 'tasks', 'taskId', 'ownerId', 'OWNER', 'ownerId'],
      ['products', 'products', 'productId', 'kind', 'KIND', 'kind'],
      ['plans', 'plans', 'planId', 'schoolYear', 'SCHOOL_YEAR', 'schoolYear'],
      ['reports', 'reports', 'reportId', 'schoolYear', 'SCHOOL_YEAR', 'schoolYear'],
    ] as const) {
      const down = await walk(list, inCommunity, id, shown, { field, direction: 'DESC' });
      expect({ list, field, ids: down.map(([i]) => i) }).toEqual({ list, field, ids: await stored(collection, { communityId: first }, key, 'desc') });
      if (list !== 'meetings') expect({ list, field, descending: descending(down.map(([, v]) => v)) }).toEqual({ list, field, descending: true });
      const changed = await walk(list, inCommunity, id, shown, { field: 'LAST_CHANGED' });
      expect({ list, ids: changed.map(([i]) => i) }).toEqual({ list, ids: await stored(collection, { communityId: first }, 'position', 'asc') });
      expect(new Set(down.map(([i]) => i))).toEqual(new Set(changed.map(([i]) => i)));
    }

    const bySize = await walk('communities', '', 'communityId', 'memberCount', { field: 'MEMBER_COUNT', direction: 'DESC' });
    expect(bySize.length).toBeGreaterThanOrEqual(11);
    expect(bySize.map(([, n]) => n)).toEqual([...bySize.map(([, n]) => n as number)].sort((a, b) => b - a));
    expect(bySize.map(([i]) => i)).toEqual(await stored('communities', { districtId: DISTRICT }, 'memberCount', 'desc'));
    const byName = await walk('communities', '', 'communityId', 'name', { direction: 'DESC' });
    expect(byName.map(([, n]) => n)).toEqual([...byName.map(([, n]) => n as string)].sort().reverse());
  });

  it('refuses a cursor under another order than it was made in, and takes cursors made before orders could be named', async () => {
    const events = await h.store.readAll(0, 1_000_000);
    const first = (events.find((e) => e.type === 'CommunityCreated')?.data as { communityId: string }).communityId;
    const page: any = await h.request(`query($c: String!) { tasks(communityId: $c, first: 2) { pageInfo { endCursor } } }`, { c: first }, districtToken);
    const cursor = page.data.tasks.pageInfo.endCursor as string;
    const other: any = await h.request(
      `query($c: String!, $a: String) { tasks(communityId: $c, first: 2, after: $a, orderBy: { field: DUE_ON, direction: DESC }) { edges { cursor } } }`,
      { c: first, a: cursor },
      districtToken,
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(other.errors?.[0]?.message).toMatch(/another order/);
    const garbage: any = await h.request(`query($c: String!) { tasks(communityId: $c, after: "not a cursor") { edges { cursor } } }`, { c: first }, districtToken);
    expect(garbage.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // A cursor of the old form, [dueOn, id], continues the default order where the new one does.
    const [, , dueOn, taskId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string, string, string];
    const legacy = Buffer.from(JSON.stringify([dueOn, taskId])).toString('base64url');
    const next = async (after: string): Promise<unknown> =>
      ((await h.request(`query($c: String!, $a: String) { tasks(communityId: $c, first: 3, after: $a) { edges { node { taskId } } } }`, { c: first, a: after }, districtToken)) as any).data.tasks.edges;
    expect(await next(legacy)).toEqual(await next(cursor));
  });

  it('filters the task board by lateness: overdue as of the request\'s day, done late, done on time (002:6.1)', async () => {
    const events = await h.store.readAll(0, 1_000_000);
    const first = (events.find((e) => e.type === 'CommunityCreated')?.data as { communityId: string }).communityId;
    const today = '2026-01-15';
    const at = { 'x-collegium-simulated-time': `${today}T08:00:00Z` };
    const board = async (lateness: string | null): Promise<{ taskId: string; status: string; dueOn: string; onTime: boolean | null }[]> => {
      const r: any = await h.request(
        `query($c: String!, $l: TaskLateness) { tasks(communityId: $c, lateness: $l, first: 500) { edges { node { taskId status dueOn onTime } } } }`,
        { c: first, l: lateness },
        districtToken,
        at,
      );
      expect(r.errors).toBeUndefined();
      return r.data.tasks.edges.map((e: any) => e.node);
    };
    const all = await board(null);
    const ids = (tasks: { taskId: string }[]) => tasks.map((t) => t.taskId).sort();
    const overdue = all.filter((t) => t.status === 'OPEN' && t.dueOn < today);
    const late = all.filter((t) => t.status === 'DONE' && t.onTime === false);
    const onTime = all.filter((t) => t.status === 'DONE' && t.onTime === true);
    expect(late.length + onTime.length).toBeGreaterThan(0);
    expect(ids(await board('OVERDUE'))).toEqual(ids(overdue));
    expect(ids(await board('DONE_LATE'))).toEqual(ids(late));
    expect(ids(await board('DONE_ON_TIME'))).toEqual(ids(onTime));
  });

  it("counts a task's owner active in the month they completed it, even in a school year after the one it fell due in", async () => {
    // Due in May of 2024-2025, completed in September of 2025-2026 (Q1): the Q2 dashboard's
    // previous period must count the owner, though the task's fact lies in the older year.
    const created = (await h.store.readAll(0, 1_000_000)).find((e) => e.type === 'CommunityCreated') as { data: { communityId: string } };
    const communityId = created.data.communityId;
    const taskId = `${communityId}-late-task`;
    const metadata = { actor: { id: 'chair', role: 'teacher' as const }, tenant: { districtId: DISTRICT }, correlationId: 'late-task' };
    const common = { taskId, communityId, ownerId: 'late-owner', dueOn: '2025-05-20' };
    await h.store.append(
      `task-${taskId}`,
      [
        { eventId: `${taskId}-assigned`, type: 'TaskAssigned', schemaVersion: 1, data: { ...common, districtId: DISTRICT, title: 'Late', origin: { kind: 'plan' }, assignedBy: 'chair', assignedAt: '2025-04-20T09:00:00.000Z' }, metadata, recordedAt: '2025-04-20T09:00:00.000Z' },
        { eventId: `${taskId}-completed`, type: 'TaskCompleted', schemaVersion: 1, data: { ...common, completedOn: '2025-09-15', onTime: false, productIds: [], completedBy: 'late-owner', completedAt: '2025-09-15T12:00:00.000Z' }, metadata, recordedAt: '2025-09-15T12:00:00.000Z' },
      ],
      'noStream',
    );
    const position = await h.store.headPosition();
    const docs = [...replay(activity, await h.store.readAll(0, 1_000_000)).values()] as ActivityDoc[];
    const period = resolvePeriod('2025-2026', 'Q2');
    const expected = evaluateWithPrevious(docs, period, previousPeriod(period));
    expect(expected.previous.activeParticipants.memberIds).toContain('late-owner');
    const response = await h.request(
      `query($p: String) { districtDashboard(schoolYear: "2025-2026", term: "Q2", consistentWith: $p) { previous { period { key } activeParticipants { count evidence { eventIds } } } } }`,
      { p: String(position) },
      districtToken,
    );
    expect(response.errors).toBeUndefined();
    const previous = response.data!.districtDashboard.previous;
    expect(previous.period.key).toBe('2025-2026/Q1');
    expect(previous.activeParticipants.count).toBe(expected.previous.activeParticipants.count);
    expect(previous.activeParticipants.evidence.eventIds).toContain(`${taskId}-completed`);
  });

  it('computes a kept dashboard afresh once a rebuild swapped in another generation', async () => {
    const query = `{ districtDashboard(schoolYear: "2025-2026", term: "Q2") { current { activeParticipants { count evidence { count } } } } }`;
    const before = (await h.request(query, {}, districtToken)).data!.districtDashboard.current.activeParticipants;
    expect(before.evidence.count).toBeGreaterThan(0);
    // A new version of the projection that leaves votes out: the documents' positions stay,
    // only the generation tells that every one of them may differ.
    const withoutVotes = { ...activity, version: activity.version + 100, eventTypes: new Set([...activity.eventTypes].filter((type) => type !== 'VoteCast')) };
    await rebuild(h.store, h.readStore, withoutVotes);
    const docs = [...replay(withoutVotes, await h.store.readAll(0, 1_000_000)).values()] as ActivityDoc[];
    const period = resolvePeriod('2025-2026', 'Q2');
    const expected = evaluateWithPrevious(docs, period, previousPeriod(period)).current.activeParticipants;
    expect(expected.evidence.length).toBeLessThan(before.evidence.count);
    const after = (await h.request(query, {}, districtToken)).data!.districtDashboard.current.activeParticipants;
    expect(after).toEqual({ count: expected.count, evidence: { count: expected.evidence.length } });
  });

  it('runs every projection the projector knows', () => {
    expect(PROJECTIONS.map((p) => p.name)).toEqual(['streamViews', 'activity', 'compliance', 'roster']);
  });
});
