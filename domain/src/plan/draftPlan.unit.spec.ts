import { decideAfter, expectDomainError, stateAfter } from '../testing';
import type { RegulationProfile } from '../profiles/profile';
import { planDecider } from './decider';
import {
  CHAIR,
  at,
  community,
  content,
  draftCommand,
  kazakhstanAwaitingAgreement,
  belarusApproved,
  planDrafted,
  planRevised,
  planReturned,
  profileOf,
} from './fixtures';

const belarus = profileOf('by-school-plc');
const kazakhstan = profileOf('kz-school-plc');
const district = profileOf('district-community');

describe('DraftPlan', () => {
  it('the chair drafts the plan, which records the approval chain of the profile (000:7)', () => {
    const [drafted, ...rest] = decideAfter(planDecider, [], draftCommand(belarus));

    expect(rest).toEqual([]);
    expect(drafted).toEqual({
      type: 'PlanDrafted',
      schemaVersion: 1,
      data: expect.objectContaining({
        planId: 'plan-1',
        communityId: 'community-1',
        districtId: 'district-1',
        institutionId: 'school-1',
        schoolYear: '2025-2026',
        profile: { id: 'by-school-plc', version: 1 },
        chain: [
          { kind: 'discuss', rule: '000:7' },
          { kind: 'agree', roles: ['methodist'], rule: '000:7' },
          { kind: 'approve', roles: ['methodCentreDirector'], rule: '000:7' },
        ],
        rule: '000:7',
        deadline: null,
        draftedBy: CHAIR,
        draftedAt: '2025-09-02T08:00:00.000Z',
        tasks: content.tasks,
        successCriteria: content.successCriteria,
      }),
    });
  });

  it('records the chain drafted → discussed → agreed by the deputy → approved by the director (003:3.2)', () => {
    const [drafted] = decideAfter(planDecider, [], draftCommand(kazakhstan));

    expect(drafted?.type === 'PlanDrafted' && drafted.data.chain.map((s) => s.kind)).toEqual(['discuss', 'agree', 'approve']);
    expect(drafted?.type === 'PlanDrafted' && drafted.data.rule).toBe('003:3.2');
  });

  it('records 15 September of the plan\'s school year as the approval deadline (004:4.7)', () => {
    const [thisYear] = decideAfter(planDecider, [], draftCommand(district));
    const [nextYear] = decideAfter(planDecider, [], draftCommand(district, { schoolYear: '2026-2027' }));

    expect(thisYear?.type === 'PlanDrafted' && thisYear.data.deadline).toEqual({ on: '2025-09-15', rule: '004:4.7' });
    expect(nextYear?.type === 'PlanDrafted' && nextYear.data.deadline).toEqual({ on: '2026-09-15', rule: '004:4.7' });
  });

  it('a member who is not the chair may not draft the plan (000:7)', () => {
    const error = expectDomainError(
      () => decideAfter(planDecider, [], draftCommand(belarus, {}, at('2025-09-02T08:00:00.000Z', { id: 'teacher-2', role: 'teacher' }))),
      'FORBIDDEN',
    );
    expect(error.rule).toBe('000:7');
  });

  it('no plan is drafted while the community has no chair (003:3.2)', () => {
    const error = expectDomainError(
      () => decideAfter(planDecider, [], draftCommand(kazakhstan, { community: community(kazakhstan, { chairId: null }) })),
      'FORBIDDEN',
    );
    expect(error.rule).toBe('003:3.2');
  });

  it('the chair revises a draft', () => {
    const theme = 'Lesson Study as a way to better lessons';
    const events = decideAfter(
      planDecider,
      [planDrafted(belarus)],
      draftCommand(belarus, { theme }, at('2025-09-03T08:00:00.000Z')),
    );

    expect(events).toEqual([
      {
        type: 'PlanRevised',
        schemaVersion: 1,
        data: { planId: 'plan-1', communityId: 'community-1', revision: 1, ...content, theme, revisedBy: CHAIR, revisedAt: '2025-09-03T08:00:00.000Z' },
      },
    ]);
  });

  it('the chair revises a returned plan, which becomes a draft again (000:7)', () => {
    const given = [...kazakhstanAwaitingAgreement(), planReturned({ id: 'deputy-1', role: 'deputyDirector' }, 1, '003:3.2')];
    const events = decideAfter(planDecider, given, draftCommand(kazakhstan, {}, at('2025-09-12T08:00:00.000Z')));

    expect(events.map((e) => e.type)).toEqual(['PlanRevised']);
    expect(stateAfter(planDecider, [...given, ...events]).status).toBe('draft');
  });

  it('a newly appointed chair takes the plan over by revising it (000:7)', () => {
    const newChair = { id: 'teacher-new-chair', role: 'teacher' } as const;
    const events = decideAfter(
      planDecider,
      [planDrafted(belarus), planRevised(1)],
      draftCommand(belarus, { community: community(belarus, { chairId: newChair.id }) }, at('2025-09-21T08:00:00.000Z', newChair)),
    );

    expect(events).toEqual([expect.objectContaining({ type: 'PlanRevised', data: expect.objectContaining({ revision: 2, revisedBy: newChair.id }) })]);
  });

  it('a submitted plan cannot be redrafted', () => {
    expectDomainError(() => decideAfter(planDecider, kazakhstanAwaitingAgreement(), draftCommand(kazakhstan)), 'INVALID_STATE');
  });

  it('an approved plan cannot be redrafted', () => {
    expect(stateAfter(planDecider, belarusApproved()).status).toBe('approved');
    expectDomainError(() => decideAfter(planDecider, belarusApproved(), draftCommand(belarus)), 'INVALID_STATE');
  });

  it('a revision keeps the plan\'s community and school year', () => {
    expectDomainError(() => decideAfter(planDecider, [planDrafted(belarus)], draftCommand(belarus, { schoolYear: '2026-2027' })), 'BAD_USER_INPUT');
  });

  it('a dissolved community drafts no plan', () => {
    expectDomainError(
      () => decideAfter(planDecider, [], draftCommand(belarus, { community: community(belarus, { status: 'dissolved' }) })),
      'INVALID_STATE',
    );
  });

  it('a plan of another district is refused', () => {
    expectDomainError(
      () => decideAfter(planDecider, [], draftCommand(belarus, { community: community(belarus, { districtId: 'district-2' }) })),
      'FORBIDDEN',
    );
  });

  it('a plan is for the community\'s school year or the next one', () => {
    expectDomainError(() => decideAfter(planDecider, [], draftCommand(belarus, { schoolYear: '2027-2028' })), 'BAD_USER_INPUT');
    expectDomainError(() => decideAfter(planDecider, [], draftCommand(belarus, { schoolYear: '2025/26' })), 'BAD_USER_INPUT');
  });

  it.each([
    ['an empty theme', { theme: ' ' }],
    ['an empty goal', { goal: '' }],
    ['no tasks', { tasks: [] }],
    ['a task without activities', { tasks: [{ ...content.tasks[0]!, activities: [] }] }],
    ['a task without a product form', { tasks: [{ ...content.tasks[0]!, productForm: '' }] }],
    ['two tasks with one id', { tasks: [content.tasks[0]!, { ...content.tasks[1]!, taskId: 'task-1' }], successCriteria: [] }],
    ['a criterion without a numeric target', { successCriteria: [{ ...content.successCriteria[0]!, target: Number.NaN }] }],
    ['a criterion without a unit', { successCriteria: [{ ...content.successCriteria[0]!, unit: '' }] }],
    ['an empty priority', { priorities: [''] }],
  ])('rejects %s', (_, data) => {
    expectDomainError(() => decideAfter(planDecider, [], draftCommand(belarus, data)), 'BAD_USER_INPUT');
  });

  it('rejects a criterion measuring a task the plan does not have', () => {
    expectDomainError(
      () => decideAfter(planDecider, [], draftCommand(belarus, { successCriteria: [{ ...content.successCriteria[0]!, taskId: 'task-9' }] })),
      'NOT_FOUND',
    );
  });

  it('rejects a profile whose chain does not end in an approval', () => {
    const broken: RegulationProfile = {
      ...belarus,
      planApproval: { ...belarus.planApproval, chain: [{ kind: 'agree', roles: ['methodist'], rule: '000:7' }] },
    };
    expectDomainError(() => decideAfter(planDecider, [], draftCommand(broken)), 'BAD_USER_INPUT');
  });
});
