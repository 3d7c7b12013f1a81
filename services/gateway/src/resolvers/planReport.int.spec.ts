/**
 * Plans and reports over real HTTP against a real SQLite store, through the school year
 * 2025-2026: a district community's plan goes to the RIMK (approved by 15 September,
 * 004:4.7) and its analytical report goes with the next year's draft plan by 1 September
 * (004:4.8); a Russian school PLC's plan and final report go to the director (001:2.5).
 * Every rule violation and bad input appends nothing.
 *
 * The meeting API was not registered when this was written, so a chain with a `discuss` step
 * (003:3.2) is covered only up to the refusal of a submission without a carried discussion;
 * the district and Russian profiles need no discussion.
 */
import { startHarness, type Harness } from '../testing/harness';

const CREATE = `mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { communityId } }`;
const APPOINT = `mutation($input: AppointChairInput!) { appointChair(input: $input) { revision } }`;
const PAYLOAD = 'planId reportId streamId revision eventTypes duplicate';
const DRAFT = `mutation($input: DraftPlanInput!) { draftPlan(input: $input) { ${PAYLOAD} } }`;
const SUBMIT = `mutation($input: SubmitPlanInput!) { submitPlan(input: $input) { ${PAYLOAD} } }`;
const AGREE = `mutation($input: AgreePlanInput!) { agreePlan(input: $input) { ${PAYLOAD} } }`;
const APPROVE = `mutation($input: ApprovePlanInput!) { approvePlan(input: $input) { ${PAYLOAD} } }`;
const RETURN = `mutation($input: ReturnPlanInput!) { returnPlan(input: $input) { ${PAYLOAD} } }`;
const RECORD_RESULT = `mutation($input: RecordCriterionResultInput!) { recordCriterionResult(input: $input) { ${PAYLOAD} position } }`;
const STANDING = 'criterionId target latest { value measuredOn note recordedBy } results { value measuredOn } progress met';
const SUBMIT_REPORT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { ${PAYLOAD} } }`;
const ACCEPT_REPORT = `mutation($input: AcceptReportInput!) { acceptReport(input: $input) { ${PAYLOAD} } }`;
const RETURN_REPORT = `mutation($input: ReturnReportInput!) { returnReport(input: $input) { ${PAYLOAD} } }`;
const PLAN = `query($id: String!, $asOf: String) {
  plan(id: $id, asOf: $asOf) {
    planId communityId districtId institutionId status schoolYear theme goal priorities
    tasks { taskId title activities expectedResult productForm }
    successCriteria { criterionId description indicator baseline target unit taskId }
    approvalChain { index kind roles rule state doneBy doneAt }
    currentStep rule deadline { on rule } onTime approvedAt chairId revisions submissions lastChangedAt returnReasons revision
  }
}`;
const REPORT = `query($id: String!, $asOf: String) {
  report(id: $id, asOf: $asOf) {
    reportId communityId districtId institutionId status kind schoolYear submission submittedBy dueOn onTime acceptorRoles rule
    returnReasons acceptedAt revision
  }
}`;
const HEAD = `{ headPosition }`;
const HISTORY = `query($s: String!) { history(streamId: $s) { type } }`;

const at = (instant: string): Record<string, string> => ({ 'x-collegium-simulated-time': instant });

const member = (memberId: string, extra: Record<string, unknown> = {}) => ({
  memberId,
  fullName: `Teacher ${memberId}`,
  subject: 'management',
  category: 'FIRST',
  yearsInSpecialty: 6,
  headOfInstitution: false,
  ...extra,
});

/** The 003-style plan content: tasks with activities and products, criteria with targets. */
const content = (theme: string) => ({
  theme,
  goal: 'Raise the quality of teaching through collaborative lesson design',
  priorities: ['Lesson Study', 'formative assessment'],
  tasks: [
    {
      taskId: 't1',
      title: 'Run Lesson Study cycles in every member school',
      activities: ['Plan research lessons together', 'Observe and discuss the lessons'],
      expectedResult: 'Every member takes part in a Lesson Study cycle',
      productForm: 'open lessons',
    },
    {
      taskId: 't2',
      title: 'Publish methodical recommendations on formative assessment',
      activities: ['Collect cases', 'Write and review the recommendations'],
      expectedResult: 'Recommendations adopted by the district',
      productForm: 'methodical recommendations',
    },
  ],
  successCriteria: [
    { criterionId: 'c1', description: 'Knowledge quality +6 % → 70 %', indicator: 'knowledge quality', baseline: 64, target: 70, unit: '%' },
    { criterionId: 'c2', description: '100 % of members in Lesson Study', indicator: 'members in Lesson Study', target: 100, unit: '%', taskId: 't1' },
  ],
});

describe('plan and report API', () => {
  let h: Harness;
  let departmentHead: string;

  beforeAll(async () => {
    h = await startHarness();
    departmentHead = await h.token('head-of-department', 'departmentHead', 'district-1');
  });
  afterAll(() => h.close());

  const head = async (): Promise<string> => (await h.request<{ headPosition: string }>(HEAD, {}, departmentHead)).data!.headPosition;
  const historyLength = async (streamId: string, token: string): Promise<number> =>
    ((await h.request(HISTORY, { s: streamId }, token)).data!.history as unknown[]).length;

  /** Sends a request that must fail with `code` (and `rule`), and checks it appended nothing. */
  const rejects = async (
    query: string,
    input: Record<string, unknown>,
    token: string,
    time: string,
    expected: { code: string; rule?: string },
  ): Promise<Record<string, any>> => {
    const before = await head();
    const response = await h.request(query, { input }, token, at(time));
    expect(response.errors?.[0]?.extensions).toMatchObject(expected);
    expect(await head()).toBe(before);
    return response.errors![0]!.extensions!;
  };

  describe('district community (004): approved by the RIMK by 15 September, analytical report with next year\'s plan', () => {
    let communityId: string;
    let chair: string;
    let methodist: string;
    let rimkDirector: string;
    let planId: string;

    beforeAll(async () => {
      chair = await h.token('head-1', 'director', 'district-1', 'school-3');
      methodist = await h.token('methodist-1', 'methodist', 'district-1');
      rimkDirector = await h.token('rimk-director', 'methodCentreDirector', 'district-1');
      const created = await h.request(
        CREATE,
        {
          input: {
            name: 'District community of school heads',
            kind: 'DISTRICT_COMMUNITY',
            schoolYear: '2025-2026',
            subjects: ['management'],
            foundingMembers: [member('head-1', { headOfInstitution: true }), member('head-2', { headOfInstitution: true })],
            order: { number: '112-о', date: '2025-08-28' },
          },
        },
        departmentHead,
        at('2025-08-28T09:00:00Z'),
      );
      expect(created.errors).toBeUndefined();
      communityId = created.data!.createCommunity.communityId;
      const appointed = await h.request(
        APPOINT,
        { input: { communityId, memberId: 'head-1', order: { number: '113-о', date: '2025-08-29' } } },
        departmentHead,
        at('2025-08-29T09:00:00Z'),
      );
      expect(appointed.errors).toBeUndefined();
    });

    it('the chair drafts the plan; the view shows content, the chain from the profile and the deadline', async () => {
      const drafted = await h.request(DRAFT, { input: { communityId, schoolYear: '2025-2026', ...content('Managing the quality of teaching') } }, chair, at('2025-09-02T10:00:00Z'));
      expect(drafted.errors).toBeUndefined();
      const payload = drafted.data!.draftPlan;
      expect(payload).toMatchObject({ revision: 0, eventTypes: ['PlanDrafted'], duplicate: false });
      planId = payload.planId;
      expect(payload.streamId).toBe(`plan-${planId}`);

      const view = (await h.request(PLAN, { id: planId }, methodist)).data!.plan;
      expect(view).toMatchObject({
        planId,
        communityId,
        districtId: 'district-1',
        institutionId: null,
        status: 'DRAFT',
        schoolYear: '2025-2026',
        theme: 'Managing the quality of teaching',
        priorities: ['Lesson Study', 'formative assessment'],
        currentStep: null,
        rule: '004:4.7',
        deadline: { on: '2025-09-15', rule: '004:4.7' },
        onTime: null,
        chairId: 'head-1',
        revisions: 0,
        submissions: 0,
        lastChangedAt: '2025-09-02T10:00:00.000Z',
        revision: 0,
      });
      expect(view.tasks.map((t: { taskId: string }) => t.taskId)).toEqual(['t1', 't2']);
      expect(view.tasks[0].activities).toHaveLength(2);
      expect(view.successCriteria).toEqual([
        { criterionId: 'c1', description: 'Knowledge quality +6 % → 70 %', indicator: 'knowledge quality', baseline: 64, target: 70, unit: '%', taskId: null },
        { criterionId: 'c2', description: '100 % of members in Lesson Study', indicator: 'members in Lesson Study', baseline: null, target: 100, unit: '%', taskId: 't1' },
      ]);
      expect(view.approvalChain).toEqual([
        { index: 0, kind: 'APPROVE', roles: ['METHOD_CENTRE_DIRECTOR', 'METHODIST'], rule: '004:4.7', state: 'PENDING', doneBy: null, doneAt: null },
      ]);
    });

    it('rejects a draft from someone other than the chair and bad draft input, appending nothing', async () => {
      const other = await h.token('head-2', 'director', 'district-1', 'school-4');
      await rejects(DRAFT, { communityId, schoolYear: '2025-2026', ...content('x') }, other, '2025-09-02T11:00:00Z', { code: 'FORBIDDEN', rule: '004:4.7' });
      const bad = await rejects(
        DRAFT,
        { communityId, schoolYear: '2025/26', ...content('x'), tasks: [] },
        chair,
        '2025-09-02T11:00:00Z',
        { code: 'BAD_USER_INPUT' },
      );
      expect((bad.validationErrors as { field: string }[]).map((v) => v.field)).toEqual(expect.arrayContaining(['schoolYear', 'tasks']));
      // A criterion of a task the plan does not have is caught by the decider.
      const unknownTask = content('x');
      await rejects(
        DRAFT,
        { communityId, schoolYear: '2025-2026', ...unknownTask, successCriteria: [{ ...unknownTask.successCriteria[1], taskId: 't9' }] },
        chair,
        '2025-09-02T11:00:00Z',
        { code: 'NOT_FOUND' },
      );
    });

    it('submits, refuses an official of the wrong role or step, returns with reasons, and approves the revision on time (004:4.7)', async () => {
      await rejects(SUBMIT, { planId: '' }, chair, '2025-09-05T08:00:00Z', { code: 'BAD_USER_INPUT' });
      const submitted = await h.request(SUBMIT, { input: { planId } }, chair, at('2025-09-05T08:00:00Z'));
      expect(submitted.errors).toBeUndefined();
      expect(submitted.data!.submitPlan).toMatchObject({ planId, revision: 1, eventTypes: ['PlanSubmitted'] });
      const onSubmission = (await h.request(PLAN, { id: planId }, methodist)).data!.plan;
      expect(onSubmission).toMatchObject({ status: 'SUBMITTED', currentStep: 0, submissions: 1 });
      expect(onSubmission.approvalChain[0].state).toBe('CURRENT');

      // The district's chain has no agree step; an agreement breaks the chain's rule.
      const stream = `plan-${planId}`;
      const before = await historyLength(stream, methodist);
      await rejects(AGREE, { planId }, methodist, '2025-09-08T08:00:00Z', { code: 'RULE_VIOLATION', rule: '004:4.7' });
      const wrongRole = await rejects(APPROVE, { planId }, departmentHead, '2025-09-08T08:00:00Z', { code: 'RULE_VIOLATION', rule: '004:4.7' });
      expect(wrongRole).toMatchObject({ code: 'RULE_VIOLATION' });
      expect(await historyLength(stream, methodist)).toBe(before);
      await rejects(AGREE, { planId, comment: '' }, methodist, '2025-09-08T08:00:00Z', { code: 'BAD_USER_INPUT' });
      await rejects(APPROVE, { planId, comment: 'x'.repeat(2001) }, rimkDirector, '2025-09-08T08:00:00Z', { code: 'BAD_USER_INPUT' });
      await rejects(RETURN, { planId, reasons: [] }, methodist, '2025-09-08T08:00:00Z', { code: 'BAD_USER_INPUT' });

      const returned = await h.request(RETURN, { input: { planId, reasons: ['Criterion c1 needs a baseline per school'] } }, methodist, at('2025-09-08T09:00:00Z'));
      expect(returned.data!.returnPlan).toMatchObject({ eventTypes: ['PlanReturned'], revision: 2 });
      expect((await h.request(PLAN, { id: planId }, chair)).data!.plan).toMatchObject({
        status: 'RETURNED',
        currentStep: null,
        returnReasons: ['Criterion c1 needs a baseline per school'],
      });
      // A returned plan is revised before it goes back into the chain.
      await rejects(SUBMIT, { planId }, chair, '2025-09-09T08:00:00Z', { code: 'INVALID_STATE' });

      const revised = await h.request(DRAFT, { input: { planId, communityId, schoolYear: '2025-2026', ...content('Managing the quality of teaching, revised') } }, chair, at('2025-09-09T10:00:00Z'));
      expect(revised.data!.draftPlan).toMatchObject({ planId, eventTypes: ['PlanRevised'], revision: 3 });
      expect((await h.request(SUBMIT, { input: { planId } }, chair, at('2025-09-10T08:00:00Z'))).data!.submitPlan.eventTypes).toEqual(['PlanSubmitted']);
      const approved = await h.request(APPROVE, { input: { planId, comment: 'Approved by the RIMK' } }, rimkDirector, at('2025-09-12T12:00:00Z'));
      expect(approved.errors).toBeUndefined();
      expect(approved.data!.approvePlan).toMatchObject({ eventTypes: ['PlanApproved'], revision: 5 });

      const view = (await h.request(PLAN, { id: planId }, chair)).data!.plan;
      expect(view).toMatchObject({
        status: 'APPROVED',
        theme: 'Managing the quality of teaching, revised',
        onTime: true,
        approvedAt: '2025-09-12T12:00:00.000Z',
        revisions: 1,
        submissions: 2,
        returnReasons: [],
        revision: 5,
      });
      expect(view.approvalChain[0]).toMatchObject({ state: 'DONE', doneBy: 'rimk-director', doneAt: '2025-09-12T12:00:00.000Z' });
      await rejects(DRAFT, { planId, communityId, schoolYear: '2025-2026', ...content('again') }, chair, '2025-09-13T08:00:00Z', { code: 'INVALID_STATE' });

      // The audit view: as it stood on the day of the return.
      const asOf = (await h.request(PLAN, { id: planId, asOf: '2025-09-08T23:59:59Z' }, methodist)).data!.plan;
      expect(asOf).toMatchObject({ status: 'RETURNED', revisions: 0, submissions: 1, theme: 'Managing the quality of teaching', revision: 2 });
      expect((await h.request(PLAN, { id: planId, asOf: '2025-09-01T00:00:00Z' }, methodist)).data!.plan).toBeNull();
    });

    it('the chair records the criteria\'s measured values; the plan and the plans list show their progress (000:7)', async () => {
      const standing = async (): Promise<Record<string, any>[]> => (await h.request(`query($id: String!) { plan(id: $id) { successCriteria { ${STANDING} } } }`, { id: planId }, methodist)).data!.plan.successCriteria;
      expect(await standing()).toEqual([
        { criterionId: 'c1', target: 70, latest: null, results: [], progress: null, met: null },
        { criterionId: 'c2', target: 100, latest: null, results: [], progress: null, met: null },
      ]);
      // Not the chair; an unknown criterion; a day still to come: refused, nothing appended.
      await rejects(RECORD_RESULT, { planId, criterionId: 'c1', value: 67, measuredOn: '2025-12-20' }, methodist, '2025-12-22T08:00:00Z', { code: 'FORBIDDEN', rule: '000:7' });
      await rejects(RECORD_RESULT, { planId, criterionId: 'c9', value: 67, measuredOn: '2025-12-20' }, chair, '2025-12-22T08:00:00Z', { code: 'NOT_FOUND' });
      await rejects(RECORD_RESULT, { planId, criterionId: 'c1', value: 67, measuredOn: '2025-12-23' }, chair, '2025-12-22T08:00:00Z', { code: 'BAD_USER_INPUT' });

      const first = await h.request(RECORD_RESULT, { input: { planId, criterionId: 'c1', value: 67, measuredOn: '2025-12-20', note: 'first-half monitoring' } }, chair, at('2025-12-22T08:00:00Z'));
      expect(first.errors).toBeUndefined();
      expect(first.data!.recordCriterionResult).toMatchObject({ eventTypes: ['CriterionResultRecorded'] });
      await h.request(RECORD_RESULT, { input: { planId, criterionId: 'c2', value: 100, measuredOn: '2026-04-30' } }, chair, at('2026-05-04T08:00:00Z'));
      const last = await h.request(RECORD_RESULT, { input: { planId, criterionId: 'c1', value: 71, measuredOn: '2026-05-25' } }, chair, at('2026-05-26T08:00:00Z'));
      const [quality, lessonStudy] = await standing();
      // Knowledge quality: baseline 64, target 70; 67 was half way, 71 is past it.
      expect(quality).toMatchObject({ latest: { value: 71, measuredOn: '2026-05-25', note: null, recordedBy: 'head-1' }, progress: 7 / 6, met: true });
      expect(quality!.results).toEqual([{ value: 67, measuredOn: '2025-12-20' }, { value: 71, measuredOn: '2026-05-25' }]);
      expect(lessonStudy).toMatchObject({ latest: { value: 100 }, progress: 1, met: true });
      // As the plan stood at New Year: half way.
      const then = (await h.request(`query($id: String!) { plan(id: $id, asOf: "2026-01-01T00:00:00Z") { successCriteria { ${STANDING} } } }`, { id: planId }, methodist)).data!.plan.successCriteria;
      expect(then[0]).toMatchObject({ latest: { value: 67 }, progress: 0.5, met: false });
      // The read model (the plans list) shows the same once it has the last result.
      const listed = await h.request(
        `query($c: String!, $p: String) { plans(communityId: $c, consistentWith: $p) { edges { node { planId successCriteria { ${STANDING} } } } } }`,
        { c: communityId, p: last.data!.recordCriterionResult.position },
        methodist,
      );
      expect(listed.errors).toBeUndefined();
      const node = listed.data!.plans.edges.find((e: { node: { planId: string } }) => e.node.planId === planId).node;
      expect(node.successCriteria).toEqual(await standing());
    });

    it('the analytical report goes with next year\'s draft plan (004:4.8); a late resubmission is recorded as late', async () => {
      const reportInput = {
        communityId,
        kind: 'ANALYTICAL',
        schoolYear: '2025-2026',
        summary: 'Lesson Study reached every member school; knowledge quality rose to 69 %.',
        achievements: ['12 open lessons', 'Recommendations on formative assessment'],
      };
      await rejects(SUBMIT_REPORT, { ...reportInput, schoolYear: '2025' }, chair, '2026-08-20T08:00:00Z', { code: 'BAD_USER_INPUT' });
      const missingPlan = await rejects(SUBMIT_REPORT, reportInput, chair, '2026-08-20T08:00:00Z', { code: 'RULE_VIOLATION', rule: '004:4.8' });
      expect(missingPlan).toMatchObject({ rule: '004:4.8' });
      await rejects(SUBMIT_REPORT, { ...reportInput, kind: 'ANNUAL' }, chair, '2026-08-20T08:00:00Z', { code: 'RULE_VIOLATION', rule: '004:4.8' });
      // This year's plan is not next year's plan.
      await rejects(SUBMIT_REPORT, { ...reportInput, nextYearPlanId: planId }, chair, '2026-08-20T08:00:00Z', { code: 'RULE_VIOLATION', rule: '004:4.8' });

      const nextPlan = await h.request(DRAFT, { input: { communityId, schoolYear: '2026-2027', ...content('Leadership for learning') } }, chair, at('2026-08-20T09:00:00Z'));
      expect(nextPlan.errors).toBeUndefined();
      const nextYearPlanId = nextPlan.data!.draftPlan.planId;
      expect(nextYearPlanId).not.toBe(planId);
      expect((await h.request(PLAN, { id: nextYearPlanId }, chair)).data!.plan.deadline).toEqual({ on: '2026-09-15', rule: '004:4.7' });

      const submitted = await h.request(SUBMIT_REPORT, { input: { ...reportInput, nextYearPlanId } }, chair, at('2026-08-25T10:00:00Z'));
      expect(submitted.errors).toBeUndefined();
      const { reportId } = submitted.data!.submitReport;
      expect(submitted.data!.submitReport).toMatchObject({ streamId: `report-${reportId}`, revision: 0, eventTypes: ['ReportSubmitted'] });
      expect((await h.request(REPORT, { id: reportId }, methodist)).data!.report).toEqual({
        reportId,
        communityId,
        districtId: 'district-1',
        institutionId: null,
        status: 'SUBMITTED',
        kind: 'ANALYTICAL',
        schoolYear: '2025-2026',
        submission: 1,
        submittedBy: 'head-1',
        dueOn: '2026-09-01',
        onTime: true,
        acceptorRoles: ['METHOD_CENTRE_DIRECTOR', 'METHODIST'],
        rule: '004:4.8',
        returnReasons: [],
        acceptedAt: null,
        revision: 0,
      });

      await rejects(RETURN_REPORT, { reportId, reasons: [''] }, methodist, '2026-08-27T08:00:00Z', { code: 'BAD_USER_INPUT' });
      await rejects(ACCEPT_REPORT, { reportId, comment: '' }, methodist, '2026-08-27T08:00:00Z', { code: 'BAD_USER_INPUT' });
      const headOfSchool = await h.token('head-2', 'director', 'district-1', 'school-4');
      await rejects(ACCEPT_REPORT, { reportId }, headOfSchool, '2026-08-27T08:00:00Z', { code: 'FORBIDDEN', rule: '004:4.8' });

      const returned = await h.request(RETURN_REPORT, { input: { reportId, reasons: ['Add the figures per school'] } }, methodist, at('2026-08-27T09:00:00Z'));
      expect(returned.data!.returnReport).toMatchObject({ reportId, eventTypes: ['ReportReturned'], revision: 1 });
      expect((await h.request(REPORT, { id: reportId }, chair)).data!.report).toMatchObject({ status: 'RETURNED', returnReasons: ['Add the figures per school'] });

      const resubmitted = await h.request(SUBMIT_REPORT, { input: { ...reportInput, reportId, nextYearPlanId } }, chair, at('2026-09-03T10:00:00Z'));
      expect(resubmitted.data!.submitReport).toMatchObject({ reportId, eventTypes: ['ReportSubmitted'], revision: 2 });
      expect((await h.request(REPORT, { id: reportId }, methodist)).data!.report).toMatchObject({ status: 'SUBMITTED', submission: 2, onTime: false });

      const accepted = await h.request(ACCEPT_REPORT, { input: { reportId, comment: 'Accepted' } }, rimkDirector, at('2026-09-04T10:00:00Z'));
      expect(accepted.data!.acceptReport).toMatchObject({ reportId, eventTypes: ['ReportAccepted'], revision: 3 });
      expect((await h.request(REPORT, { id: reportId }, chair)).data!.report).toMatchObject({ status: 'ACCEPTED', acceptedAt: '2026-09-04T10:00:00.000Z' });
      expect((await h.request(REPORT, { id: reportId, asOf: '2026-08-28T00:00:00Z' }, chair)).data!.report).toMatchObject({ status: 'RETURNED', submission: 1 });

      // Next year's plan approved after 15 September: allowed, and recorded as late (004:4.7).
      await h.request(SUBMIT, { input: { planId: nextYearPlanId } }, chair, at('2026-09-07T08:00:00Z'));
      const late = await h.request(APPROVE, { input: { planId: nextYearPlanId } }, methodist, at('2026-09-18T08:00:00Z'));
      expect(late.data!.approvePlan.eventTypes).toEqual(['PlanApproved']);
      expect((await h.request(PLAN, { id: nextYearPlanId }, chair)).data!.plan).toMatchObject({ status: 'APPROVED', schoolYear: '2026-2027', onTime: false });
    });
  });

  describe('Kazakhstan microgroup (003): the chain starts with a discussion at a meeting', () => {
    it('shows the three-step chain and refuses a submission without a carried discussion (003:3.2)', async () => {
      const director = await h.token('director-9', 'director', 'district-1', 'school-9');
      const chair = await h.token('teacher-k1', 'teacher', 'district-1', 'school-9');
      const created = await h.request(
        CREATE,
        {
          input: {
            name: 'Creative microgroup of science teachers',
            kind: 'KZ_SCHOOL_PLC',
            schoolYear: '2025-2026',
            institutionId: 'school-9',
            subjects: ['management'],
            foundingMembers: [member('teacher-k1'), member('teacher-k2'), member('teacher-k3')],
            order: { number: '17', date: '2025-08-29' },
          },
        },
        director,
        at('2025-08-29T09:00:00Z'),
      );
      expect(created.errors).toBeUndefined();
      const { communityId } = created.data!.createCommunity;
      await h.request(APPOINT, { input: { communityId, memberId: 'teacher-k1', order: { number: '18', date: '2025-08-29' } } }, director, at('2025-08-29T10:00:00Z'));
      const { planId } = (await h.request(DRAFT, { input: { communityId, schoolYear: '2025-2026', ...content('Research lessons') } }, chair, at('2025-09-03T09:00:00Z'))).data!.draftPlan;
      expect((await h.request(PLAN, { id: planId }, director)).data!.plan.approvalChain.map((s: { kind: string; roles: string[]; state: string }) => [s.kind, s.roles, s.state])).toEqual([
        ['DISCUSS', [], 'PENDING'],
        ['AGREE', ['DEPUTY_DIRECTOR'], 'PENDING'],
        ['APPROVE', ['DIRECTOR'], 'PENDING'],
      ]);
      await rejects(SUBMIT, { planId }, chair, '2025-09-04T09:00:00Z', { code: 'RULE_VIOLATION', rule: '003:3.2' });
      await rejects(SUBMIT, { planId, discussion: { meetingId: 'meeting-none', motionId: 'motion-none' } }, chair, '2025-09-04T09:00:00Z', { code: 'NOT_FOUND' });
      await rejects(SUBMIT, { planId, discussion: { meetingId: '', motionId: 'm' } }, chair, '2025-09-04T09:00:00Z', { code: 'BAD_USER_INPUT' });
      expect((await h.request(PLAN, { id: planId }, director)).data!.plan).toMatchObject({ status: 'DRAFT', submissions: 0 });
    });
  });

  describe('Russian school PLC (001): the director approves the plan and receives the final report', () => {
    it('runs the plan and report of a school year, hidden from another school', async () => {
      const director = await h.token('director-5', 'director', 'district-1', 'school-5');
      const deputy = await h.token('deputy-5', 'deputyDirector', 'district-1', 'school-5');
      const chair = await h.token('teacher-1', 'teacher', 'district-1', 'school-5');
      const created = await h.request(
        CREATE,
        {
          input: {
            name: 'PLC of primary school teachers',
            kind: 'RU_SCHOOL_PLC',
            schoolYear: '2025-2026',
            institutionId: 'school-5',
            subjects: ['primary school'],
            foundingMembers: [member('teacher-1'), member('teacher-2')],
            order: { number: '201', date: '2025-08-30' },
          },
        },
        director,
        at('2025-08-30T09:00:00Z'),
      );
      const { communityId } = created.data!.createCommunity;
      await h.request(APPOINT, { input: { communityId, memberId: 'teacher-1', order: { number: '202', date: '2025-08-30' } } }, director, at('2025-08-30T10:00:00Z'));

      const { planId } = (await h.request(DRAFT, { input: { communityId, schoolYear: '2025-2026', ...content('Reading literacy') } }, chair, at('2025-09-03T09:00:00Z'))).data!.draftPlan;
      const draft = (await h.request(PLAN, { id: planId }, deputy)).data!.plan;
      expect(draft).toMatchObject({ institutionId: 'school-5', deadline: null, rule: '001:2.1' });
      expect(draft.approvalChain).toEqual([
        { index: 0, kind: 'APPROVE', roles: ['DIRECTOR', 'DEPUTY_DIRECTOR'], rule: '001:2.5', state: 'PENDING', doneBy: null, doneAt: null },
      ]);
      await h.request(SUBMIT, { input: { planId } }, chair, at('2025-09-04T09:00:00Z'));

      // Another school of the district cannot see or act on the plan; a teacher may not approve it.
      const otherDirector = await h.token('director-6', 'director', 'district-1', 'school-6');
      expect((await h.request(PLAN, { id: planId }, otherDirector)).data!.plan).toBeNull();
      await rejects(APPROVE, { planId }, otherDirector, '2025-09-05T09:00:00Z', { code: 'NOT_FOUND' });
      await rejects(APPROVE, { planId }, chair, '2025-09-05T09:00:00Z', { code: 'RULE_VIOLATION', rule: '001:2.5' });

      const approved = await h.request(APPROVE, { input: { planId } }, deputy, at('2025-09-05T09:00:00Z'));
      expect(approved.data!.approvePlan.eventTypes).toEqual(['PlanApproved']);
      expect((await h.request(PLAN, { id: planId }, chair)).data!.plan).toMatchObject({ status: 'APPROVED', onTime: true, deadline: null });

      const report = await h.request(
        SUBMIT_REPORT,
        { input: { communityId, kind: 'FINAL', schoolYear: '2025-2026', summary: 'Presented at the pedagogical council.', achievements: [] } },
        chair,
        at('2026-05-28T09:00:00Z'),
      );
      expect(report.errors).toBeUndefined();
      const { reportId } = report.data!.submitReport;
      expect((await h.request(REPORT, { id: reportId }, director)).data!.report).toMatchObject({ status: 'SUBMITTED', dueOn: null, onTime: true, institutionId: 'school-5', rule: '001:2.5' });
      expect((await h.request(REPORT, { id: reportId }, otherDirector)).data!.report).toBeNull();
      await h.request(ACCEPT_REPORT, { input: { reportId } }, director, at('2026-05-29T09:00:00Z'));
      expect((await h.request(REPORT, { id: reportId }, chair)).data!.report.status).toBe('ACCEPTED');
      await rejects(RETURN_REPORT, { reportId, reasons: ['late remark'] }, director, '2026-05-30T09:00:00Z', { code: 'INVALID_STATE' });
    });
  });
});
