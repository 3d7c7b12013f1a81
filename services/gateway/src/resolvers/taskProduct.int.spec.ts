/**
 * Tasks and products over real HTTP against a real SQLite store, through one school year
 * (2025-2026) of a kindergarten PLC (002): decisions of a meeting and tasks of the approved
 * plan are followed up by tasks (000:7), their completion is on time or late (002:6.1), the
 * chair reports on execution at the next meeting (000:7), products are registered, adopted
 * by another community and evaluated by an external expert (002:6.1, 002:6.2).
 *
 * The meeting and plan APIs were not registered when this was written, so the meetings and
 * the plan are built by the real meeting and plan deciders and appended with the harness's
 * store, exactly as their resolvers would append them.
 */
import { randomUUID } from 'node:crypto';
import {
  communityDecider,
  meetingDecider,
  planDecider,
  toCommunityFacts,
  type Actor,
  type Command,
  type CommandMetadata,
  type CommunityFacts,
  type Decider,
  type DomainEvent,
  type MeetingCommand,
  type PlanCommand,
  type Tenant,
} from '@collegium/domain';
import { startHarness, type Harness } from '../testing/harness';

const KINDERGARTEN = 'kindergarten-12';
const OTHER_KINDERGARTEN = 'kindergarten-15';
const CHAIR = 'teacher-ivanova';
const OWNER = 'teacher-petrova';
const PLAN_OWNER = 'teacher-sidorova';
const MEETING_OCT = 'meeting-2025-10-09';
const MEETING_NOV = 'meeting-2025-11-20';
const PLAN = 'plan-2025-2026';

const CREATE = `mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { communityId } }`;
const APPOINT = `mutation($input: AppointChairInput!) { appointChair(input: $input) { revision } }`;
const ASSIGN = `mutation($input: AssignTaskInput!) { assignTask(input: $input) { taskId communityId streamId revision eventTypes } }`;
const COMPLETE = `mutation($input: CompleteTaskInput!) { completeTask(input: $input) { taskId revision eventTypes } }`;
const REVIEW = `mutation($input: ReviewTaskInput!) { reviewTask(input: $input) { taskId meetingId revision eventTypes } }`;
const REGISTER = `mutation($input: RegisterProductInput!) { registerProduct(input: $input) { productId communityId streamId revision eventTypes } }`;
const DEMAND = `mutation($input: RecordProductDemandInput!) { recordProductDemand(input: $input) { productId revision eventTypes } }`;
const EVALUATE = `mutation($input: RecordExpertEvaluationInput!) { recordExpertEvaluation(input: $input) { communityId eventTypes } }`;
const TASK = `query($id: String!, $asOf: String) {
  task(id: $id, asOf: $asOf) {
    taskId communityId status title ownerId dueOn assignedBy assignedAt completedOn onTime productIds revision
    origin { kind meetingId motionId heldOn planId planTaskId schoolYear }
    reviews { meetingId note progress reviewedBy reviewedAt }
  }
}`;
const PRODUCT = `query($id: String!, $asOf: String) {
  product(id: $id, asOf: $asOf) { productId communityId status kind title authorIds producedOn revision demand { byCommunityId kind recordedAt } }
}`;
const HEAD = `{ headPosition }`;
const HISTORY = `query($s: String!) { history(streamId: $s) { type data } }`;

const at = (instant: string): Record<string, string> => ({ 'x-collegium-simulated-time': instant });

const member = (memberId: string) => ({
  memberId,
  fullName: `Teacher ${memberId}`,
  subject: 'preschool education',
  category: 'FIRST',
  yearsInSpecialty: 8,
  headOfInstitution: false,
});

const kindergartenPlc = (institutionId: string, name: string, memberIds: string[]) => ({
  name,
  kind: 'RU_KINDERGARTEN_PLC',
  schoolYear: '2025-2026',
  institutionId,
  subjects: ['speech development'],
  foundingMembers: memberIds.map(member),
  order: { number: '41-од', date: '2025-08-29' },
});

describe('task and product API', () => {
  let h: Harness;
  let head: string;
  let chair: string;
  let owner: string;
  let planOwner: string;
  let methodist: string;
  let expert: string;
  let communityId: string;
  let otherCommunityId: string;
  let decisionTaskId: string;
  let planTaskId: string;
  let productId: string;

  const headPosition = async (): Promise<string> => (await h.request<{ headPosition: string }>(HEAD, {}, head)).data!.headPosition;

  /** Decides a command with a real decider against its stream and appends the events, as a resolver would. */
  const appendDecided = async <C extends Command, E extends DomainEvent, S>(stream: string, decider: Decider<C, E, S>, command: C): Promise<void> => {
    const recorded = await h.store.readStream(stream);
    const state = recorded.reduce((s, e) => decider.evolve(s, e as unknown as E), decider.initialState());
    const { actor, tenant, correlationId } = command.metadata;
    await h.store.append(
      stream,
      decider.decide(command, state).map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: { actor, tenant, correlationId },
        recordedAt: command.metadata.now,
      })),
      recorded.length === 0 ? 'noStream' : recorded.length - 1,
    );
  };

  const tenant: Tenant = { districtId: 'district-1', institutionId: KINDERGARTEN };
  const by = (id: string, now: string, role: Actor['role'] = 'teacher'): CommandMetadata => ({ actor: { id, role }, tenant, now, correlationId: 'setup' });
  const facts = async (): Promise<CommunityFacts> =>
    toCommunityFacts((await h.store.readStream(`community-${communityId}`)).reduce((s, e) => communityDecider.evolve(s, e as never), communityDecider.initialState()), communityId);
  const meeting = (command: MeetingCommand) => appendDecided(`meeting-${command.data.meetingId}`, meetingDecider, command);
  const plan = (command: PlanCommand) => appendDecided(`plan-${PLAN}`, planDecider, command);

  /** A meeting held with every member present, and its motions voted on (000:8). */
  const holdMeeting = async (meetingId: string, scheduledFor: string, motions: { motionId: string; text: string; choice: 'for' | 'against' }[]) => {
    const community = await facts();
    const members = [CHAIR, OWNER, PLAN_OWNER];
    await meeting({
      type: 'ScheduleMeeting',
      metadata: by(CHAIR, `${scheduledFor.slice(0, 8)}01T08:00:00.000Z`),
      data: { meetingId, community, scheduledFor, title: 'Meeting of the PLC', agenda: [] },
    });
    const heldAt = `${scheduledFor}T15:00:00.000Z`;
    await meeting({ type: 'HoldMeeting', metadata: by(CHAIR, heldAt), data: { meetingId, community, heldOn: scheduledFor, attendeeIds: members } });
    for (const { motionId, text, choice } of motions) {
      await meeting({ type: 'ProposeMotion', metadata: by(CHAIR, heldAt), data: { meetingId, motionId, community, text, subject: { kind: 'decision' } } });
      for (const voter of members) await meeting({ type: 'CastVote', metadata: by(voter, heldAt), data: { meetingId, motionId, choice } });
      await meeting({ type: 'CloseVote', metadata: by(CHAIR, heldAt), data: { meetingId, motionId, community } });
    }
  };

  beforeAll(async () => {
    h = await startHarness();
    head = await h.token('head-12', 'kindergartenHead', 'district-1', KINDERGARTEN);
    chair = await h.token(CHAIR, 'teacher', 'district-1', KINDERGARTEN);
    owner = await h.token(OWNER, 'teacher', 'district-1', KINDERGARTEN);
    planOwner = await h.token(PLAN_OWNER, 'teacher', 'district-1', KINDERGARTEN);
    methodist = await h.token('methodist-1', 'methodist', 'district-1');
    expert = await h.token('expert-1', 'expert', 'district-1');

    // The head of the kindergarten creates the PLC and appoints its chair by order (002:4.5).
    const created = await h.request(CREATE, { input: kindergartenPlc(KINDERGARTEN, 'Storytelling PLC', [CHAIR, OWNER, PLAN_OWNER]) }, head, at('2025-09-01T08:00:00Z'));
    expect(created.errors).toBeUndefined();
    communityId = created.data!.createCommunity.communityId;
    const appointed = await h.request(APPOINT, { input: { communityId, memberId: CHAIR, order: { number: '42-од', date: '2025-09-02' } } }, head, at('2025-09-02T08:00:00Z'));
    expect(appointed.errors).toBeUndefined();
    const otherHead = await h.token('head-15', 'kindergartenHead', 'district-1', OTHER_KINDERGARTEN);
    const other = await h.request(CREATE, { input: kindergartenPlc(OTHER_KINDERGARTEN, 'Early literacy PLC', ['teacher-orlova']) }, otherHead, at('2025-09-01T09:00:00Z'));
    otherCommunityId = other.data!.createCommunity.communityId;

    // The chair drafts the year's plan, submits it, and the head approves it (002:4.5).
    const community = await facts();
    await plan({
      type: 'DraftPlan',
      metadata: by(CHAIR, '2025-09-05T10:00:00.000Z'),
      data: {
        planId: PLAN,
        community,
        schoolYear: '2025-2026',
        theme: 'Speech development of preschoolers through storytelling',
        goal: 'Every member masters storytelling with picture cards',
        priorities: ['storytelling'],
        tasks: [
          { taskId: 'pt-1', title: 'Card index of picture stories', activities: ['collect stories'], expectedResult: 'a card index', productForm: 'methodical recommendations' },
          { taskId: 'pt-2', title: 'Open lessons', activities: ['hold open lessons'], expectedResult: 'three open lessons', productForm: 'open lesson' },
        ],
        successCriteria: [{ criterionId: 'c-1', description: '100 % of members hold an open lesson', indicator: 'members with an open lesson', target: 100, unit: '%' }],
      },
    });
    await plan({ type: 'SubmitPlan', metadata: by(CHAIR, '2025-09-08T10:00:00.000Z'), data: { planId: PLAN } });
    await plan({ type: 'ApprovePlan', metadata: by('head-12', '2025-09-12T10:00:00.000Z', 'kindergartenHead'), data: { planId: PLAN } });

    // The October meeting carries one decision and rejects another (000:8).
    await holdMeeting(MEETING_OCT, '2025-10-09', [
      { motionId: 'motion-open-lessons', text: 'Each member prepares an open lesson with picture cards', choice: 'for' },
      { motionId: 'motion-contest', text: 'Hold a storytelling contest for parents', choice: 'against' },
    ]);
  });
  afterAll(() => h.close());

  it('the chair assigns the follow-up of a carried decision and of a plan task (000:7)', async () => {
    const decision = await h.request(
      ASSIGN,
      {
        input: {
          communityId,
          title: 'Prepare an open lesson with picture cards',
          ownerId: OWNER,
          dueOn: '2025-11-14',
          origin: { decision: { meetingId: MEETING_OCT, motionId: 'motion-open-lessons' } },
        },
      },
      chair,
      at('2025-10-10T09:00:00Z'),
    );
    expect(decision.errors).toBeUndefined();
    expect(decision.data!.assignTask).toMatchObject({ communityId, revision: 0, eventTypes: ['TaskAssigned'] });
    decisionTaskId = decision.data!.assignTask.taskId;
    expect(decision.data!.assignTask.streamId).toBe(`task-${decisionTaskId}`);

    const fromPlan = await h.request(
      ASSIGN,
      { input: { communityId, title: 'Compile the card index', ownerId: PLAN_OWNER, dueOn: '2025-12-19', origin: { planTask: { planId: PLAN, planTaskId: 'pt-1' } } } },
      chair,
      at('2025-10-10T09:05:00Z'),
    );
    expect(fromPlan.errors).toBeUndefined();
    planTaskId = fromPlan.data!.assignTask.taskId;

    const read = await h.request(TASK, { id: decisionTaskId }, owner);
    expect(read.data!.task).toMatchObject({
      status: 'OPEN',
      ownerId: OWNER,
      dueOn: '2025-11-14',
      assignedBy: CHAIR,
      assignedAt: '2025-10-10T09:00:00.000Z',
      completedOn: null,
      onTime: null,
      origin: { kind: 'DECISION', meetingId: MEETING_OCT, motionId: 'motion-open-lessons', heldOn: '2025-10-09', planId: null },
      revision: 0,
    });
    expect((await h.request(TASK, { id: planTaskId }, head)).data!.task.origin).toEqual({
      kind: 'PLAN_TASK',
      meetingId: null,
      motionId: null,
      heldOn: null,
      planId: PLAN,
      planTaskId: 'pt-1',
      schoolYear: '2025-2026',
    });
  });

  it('a rejected motion is no decision to follow up, and nothing is appended (000:7)', async () => {
    const before = await headPosition();
    const rejected = await h.request(
      ASSIGN,
      { input: { communityId, title: 'Organise the contest', ownerId: OWNER, dueOn: '2025-12-01', origin: { decision: { meetingId: MEETING_OCT, motionId: 'motion-contest' } } } },
      chair,
      at('2025-10-10T09:10:00Z'),
    );
    expect(rejected.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: '000:7' });
    const notChair = await h.request(
      ASSIGN,
      { input: { communityId, title: 'Anything', ownerId: OWNER, dueOn: '2025-12-01', origin: { planTask: { planId: PLAN, planTaskId: 'pt-2' } } } },
      owner,
      at('2025-10-10T09:10:00Z'),
    );
    expect(notChair.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: '000:7' });
    expect(await headPosition()).toBe(before);
  });

  it('rejects an assignment with both origins or a malformed due date as BAD_USER_INPUT', async () => {
    const before = await headPosition();
    const both = await h.request(
      ASSIGN,
      {
        input: {
          communityId,
          title: 'Ambiguous',
          ownerId: OWNER,
          dueOn: '2025-11-14',
          origin: { decision: { meetingId: MEETING_OCT, motionId: 'motion-open-lessons' }, planTask: { planId: PLAN, planTaskId: 'pt-1' } },
        },
      },
      chair,
      at('2025-10-10T09:15:00Z'),
    );
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(both.errors?.[0]?.extensions?.validationErrors).toEqual([expect.objectContaining({ field: 'origin' })]);
    const badDate = await h.request(
      ASSIGN,
      { input: { communityId, title: 'Lesson', ownerId: OWNER, dueOn: '14.11.2025', origin: { planTask: { planId: PLAN, planTaskId: 'pt-2' } } } },
      chair,
      at('2025-10-10T09:15:00Z'),
    );
    expect(badDate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const neither = await h.request(ASSIGN, { input: { communityId, title: 'Lesson', ownerId: OWNER, dueOn: '2025-11-14', origin: {} } }, chair, at('2025-10-10T09:15:00Z'));
    expect(neither.errors?.[0]?.extensions?.validationErrors).toEqual([expect.objectContaining({ field: 'origin' })]);
    expect(await headPosition()).toBe(before);
  });

  it('a member registers a product of the community (002:6.1)', async () => {
    const before = await headPosition();
    const bad = await h.request(
      REGISTER,
      { input: { communityId, kind: 'OPEN_LESSON', title: 'Lesson', authorIds: [], url: 'javascript:alert(1)', producedOn: '2025-11-12' } },
      owner,
      at('2025-11-12T14:00:00Z'),
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (bad.errors?.[0]?.extensions?.validationErrors as { field: string }[]).map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['authorIds', 'url']));
    // A cited meeting must have been held: the trail from a product to its meeting is the audit's.
    const product = { communityId, kind: 'OPEN_LESSON', title: 'Lesson', authorIds: [OWNER], producedOn: '2025-11-12' };
    const nowhere = await h.request(REGISTER, { input: { ...product, meetingId: 'meeting-never-held' } }, owner, at('2025-11-12T14:00:00Z'));
    expect(nowhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await headPosition()).toBe(before);

    const registered = await h.request(
      REGISTER,
      {
        input: {
          communityId,
          kind: 'OPEN_LESSON',
          title: 'Storytelling with picture cards, senior group',
          url: 'https://kindergarten12.example.org/lessons/storytelling',
          authorIds: [OWNER],
          meetingId: MEETING_OCT,
          producedOn: '2025-11-12',
        },
      },
      owner,
      at('2025-11-12T14:00:00Z'),
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.registerProduct).toMatchObject({ communityId, revision: 0, eventTypes: ['ProductRegistered'] });
    productId = registered.data!.registerProduct.productId;
    expect(registered.data!.registerProduct.streamId).toBe(`product-${productId}`);
  });

  it('the owner completes on time with the product, the plan task is completed late (000:7, 002:6.1)', async () => {
    const before = await headPosition();
    const bad = await h.request(COMPLETE, { input: { taskId: decisionTaskId, completedOn: 'yesterday', productIds: [''] } }, owner, at('2025-11-13T10:00:00Z'));
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const stranger = await h.request(COMPLETE, { input: { taskId: decisionTaskId, completedOn: '2025-11-12' } }, planOwner, at('2025-11-13T10:00:00Z'));
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: '000:7' });
    expect(await headPosition()).toBe(before);

    const done = await h.request(
      COMPLETE,
      { input: { taskId: decisionTaskId, completedOn: '2025-11-12', evidence: 'Open lesson held in the senior group', productIds: [productId] } },
      owner,
      at('2025-11-13T10:00:00Z'),
    );
    expect(done.errors).toBeUndefined();
    expect(done.data!.completeTask).toMatchObject({ taskId: decisionTaskId, revision: 1, eventTypes: ['TaskCompleted'] });
    const late = await h.request(COMPLETE, { input: { taskId: planTaskId, completedOn: '2025-12-22' } }, planOwner, at('2025-12-22T16:00:00Z'));
    expect(late.errors).toBeUndefined();

    expect((await h.request(TASK, { id: decisionTaskId }, owner)).data!.task).toMatchObject({ status: 'DONE', completedOn: '2025-11-12', onTime: true, productIds: [productId] });
    expect((await h.request(TASK, { id: planTaskId }, owner)).data!.task).toMatchObject({ status: 'DONE', completedOn: '2025-12-22', onTime: false });
    expect((await h.request(TASK, { id: decisionTaskId, asOf: '2025-11-01T00:00:00Z' }, owner)).data!.task).toMatchObject({ status: 'OPEN', revision: 0 });
  });

  it('the chair reports on execution at the next meeting, once per meeting (000:7)', async () => {
    await holdMeeting(MEETING_NOV, '2025-11-20', []);
    const before = await headPosition();
    const bad = await h.request(REVIEW, { input: { taskId: decisionTaskId, meetingId: MEETING_NOV, note: '' } }, chair, at('2025-11-20T15:30:00Z'));
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nowhere = await h.request(REVIEW, { input: { taskId: decisionTaskId, meetingId: 'meeting-never-held', note: 'Reported' } }, chair, at('2025-11-20T15:30:00Z'));
    expect(nowhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await headPosition()).toBe(before);

    const note = 'Open lesson held and registered as a product';
    const reviewed = await h.request(REVIEW, { input: { taskId: decisionTaskId, meetingId: MEETING_NOV, note } }, chair, at('2025-11-20T15:30:00Z'));
    expect(reviewed.errors).toBeUndefined();
    expect(reviewed.data!.reviewTask).toMatchObject({ taskId: decisionTaskId, meetingId: MEETING_NOV, revision: 2, eventTypes: ['TaskReviewed'] });
    const again = await h.request(REVIEW, { input: { taskId: decisionTaskId, meetingId: MEETING_NOV, note } }, chair, at('2025-11-20T15:35:00Z'));
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');

    expect((await h.request(TASK, { id: decisionTaskId }, chair)).data!.task.reviews).toEqual([
      { meetingId: MEETING_NOV, note, progress: 'COMPLETED_ON_TIME', reviewedBy: CHAIR, reviewedAt: '2025-11-20T15:30:00.000Z' },
    ]);
  });

  it('another community adopts the product; its own community is no demand (002:6.1)', async () => {
    const before = await headPosition();
    const own = await h.request(DEMAND, { input: { productId, byCommunityId: communityId, kind: 'ADOPTED' } }, methodist, at('2025-12-03T10:00:00Z'));
    expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: '002:6.1' });
    const bad = await h.request(DEMAND, { input: { productId, byCommunityId: otherCommunityId, kind: 'BOUGHT' } }, methodist, at('2025-12-03T10:00:00Z'));
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await h.request(DEMAND, { input: { productId, byCommunityId: 'community-that-never-was', kind: 'ADOPTED' } }, methodist, at('2025-12-03T10:00:00Z'));
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await headPosition()).toBe(before);

    const adopted = await h.request(
      DEMAND,
      { input: { productId, byCommunityId: otherCommunityId, kind: 'ADOPTED', note: 'Used at the district seminar' } },
      methodist,
      at('2025-12-03T10:00:00Z'),
    );
    expect(adopted.errors).toBeUndefined();
    expect(adopted.data!.recordProductDemand).toMatchObject({ productId, revision: 1, eventTypes: ['ProductDemandRecorded'] });

    expect((await h.request(PRODUCT, { id: productId }, head)).data!.product).toEqual({
      productId,
      communityId,
      status: 'REGISTERED',
      kind: 'OPEN_LESSON',
      title: 'Storytelling with picture cards, senior group',
      authorIds: [OWNER],
      producedOn: '2025-11-12',
      revision: 1,
      demand: [{ byCommunityId: otherCommunityId, kind: 'ADOPTED', recordedAt: '2025-12-03T10:00:00.000Z' }],
    });
    expect((await h.request(PRODUCT, { id: productId, asOf: '2025-12-01T00:00:00Z' }, head)).data!.product).toMatchObject({ demand: [], revision: 0 });
  });

  it('an external expert evaluates the product (002:6.2)', async () => {
    const evaluated = await h.request(
      EVALUATE,
      { input: { communityId, productId, score: 9, conclusion: 'A well-structured lesson, ready for the district bank', evaluatedOn: '2026-01-15' } },
      expert,
      at('2026-01-15T12:00:00Z'),
    );
    expect(evaluated.errors).toBeUndefined();
    expect(evaluated.data!.recordExpertEvaluation.eventTypes).toEqual(['ExpertEvaluationRecorded']);
    const history = (await h.request(HISTORY, { s: `community-${communityId}` }, head)).data!.history as { type: string; data: Record<string, unknown> }[];
    expect(history.at(-1)).toMatchObject({ type: 'ExpertEvaluationRecorded', data: { productId, expertId: 'expert-1', score: 9 } });
  });

  it('another kindergarten sees neither the tasks nor the products', async () => {
    const stranger = await h.token('head-15', 'kindergartenHead', 'district-1', OTHER_KINDERGARTEN);
    expect((await h.request(TASK, { id: decisionTaskId }, stranger)).data!.task).toBeNull();
    expect((await h.request(PRODUCT, { id: productId }, stranger)).data!.product).toBeNull();
    const complete = await h.request(COMPLETE, { input: { taskId: planTaskId, completedOn: '2025-12-22' } }, stranger, at('2025-12-23T10:00:00Z'));
    expect(complete.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("the plan shows each plan task's execution: its tasks done on time, late or open, and its products, also as of a date", async () => {
    const registered = await h.request(
      `mutation($input: RegisterProductInput!) { registerProduct(input: $input) { productId position } }`,
      { input: { communityId, kind: 'OPEN_LESSON', title: 'Open lesson of the plan', authorIds: [OWNER], planTaskId: 'pt-2', producedOn: '2026-01-14' } },
      owner,
      at('2026-01-15T10:00:00Z'),
    );
    expect(registered.errors).toBeUndefined();
    const { productId: planProduct, position } = registered.data!.registerProduct;
    // The progress comes from the read models: wait until they hold the product.
    await h.request(`query($c: String!, $p: String) { products(communityId: $c, consistentWith: $p) { edges { cursor } } }`, { c: communityId, p: position }, head);
    const progress = async (asOf: string | null): Promise<unknown> =>
      (await h.request(`query($id: String!, $asOf: String) { plan(id: $id, asOf: $asOf) { taskProgress { taskId assigned completedOnTime completedLate open productIds } } }`, { id: PLAN, asOf }, head)).data!.plan.taskProgress;
    expect(await progress(null)).toEqual([
      { taskId: 'pt-1', assigned: 1, completedOnTime: 0, completedLate: 1, open: 0, productIds: [] },
      { taskId: 'pt-2', assigned: 0, completedOnTime: 0, completedLate: 0, open: 0, productIds: [planProduct] },
    ]);
    // Before the plan task's task was completed (22 December) and before the product.
    expect(await progress('2025-12-20T00:00:00Z')).toEqual([
      { taskId: 'pt-1', assigned: 1, completedOnTime: 0, completedLate: 0, open: 1, productIds: [] },
      { taskId: 'pt-2', assigned: 0, completedOnTime: 0, completedLate: 0, open: 0, productIds: [] },
    ]);
  });
});
