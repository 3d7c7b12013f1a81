import { decideAfter, expectDomainError, expectRuleViolation } from '../testing';
import { taskDecider } from './decider';
import { CHAIR, OTHER_MEMBER, OWNER, by, community, motion, plan, profileOf, taskAssigned } from './testFixtures';
import type { AssignTask, AssignTaskData } from './types';

const assign = (overrides: Partial<AssignTaskData> = {}, actorId = CHAIR): AssignTask => ({
  type: 'AssignTask',
  data: {
    taskId: 'task-1',
    community: community(),
    title: 'Prepare the open lesson',
    ownerId: OWNER,
    dueOn: '2025-11-01',
    origin: { decision: motion() },
    ...overrides,
  },
  metadata: by(actorId),
});

const when = (command: AssignTask) => () => decideAfter(taskDecider, [], command);

describe('AssignTask', () => {
  it('the chair assigns the follow-up of a carried decision to a member (000:7)', () => {
    const events = decideAfter(taskDecider, [], assign());

    expect(events).toEqual([taskAssigned()]);
  });

  it('the chair assigns a task of the approved plan (000:7)', () => {
    const events = decideAfter(taskDecider, [], assign({ origin: { planTask: { plan: plan(), planTaskId: 'plan-task-2' } } }));

    expect(events).toMatchObject([
      { type: 'TaskAssigned', data: { origin: { kind: 'planTask', planId: 'plan-1', planTaskId: 'plan-task-2', schoolYear: '2025-2026' } } },
    ]);
  });

  it('a member who is not the chair may not assign tasks (000:7)', () => {
    const error = expectDomainError(when(assign({}, OTHER_MEMBER)), 'FORBIDDEN');

    expect(error.rule).toBe('000:7');
  });

  it('nobody assigns tasks while the community has no chair (000:7)', () => {
    const error = expectDomainError(when(assign({ community: community({ chairId: null }) }, CHAIR)), 'FORBIDDEN');

    expect(error.rule).toBe('000:7');
  });

  it('a motion that was not carried is no decision whose execution is controlled (000:7)', () => {
    expectRuleViolation(when(assign({ origin: { decision: motion({ carried: false }) } })), '000:7');
  });

  it('only a motion on a decision, not an election, is followed up by tasks (000:7)', () => {
    const election = motion({ subject: { kind: 'electSecretary', candidateId: OWNER } });

    expectRuleViolation(when(assign({ origin: { decision: election } })), '000:7');
  });

  it('rejects a motion whose vote is still open', () => {
    expectDomainError(when(assign({ origin: { decision: motion({ carried: null }) } })), 'INVALID_STATE');
  });

  it('rejects a decision of another community', () => {
    expectDomainError(when(assign({ origin: { decision: motion({ communityId: 'community-2' }) } })), 'BAD_USER_INPUT');
  });

  it('a plan task waits for the approval chain of the Belarusian profile (000:7)', () => {
    const draft = { planTask: { plan: plan({ status: 'submitted' }), planTaskId: 'plan-task-1' } };

    expectRuleViolation(when(assign({ origin: draft })), '000:7');
  });

  it('the rule of an unapproved plan is read from the profile: Kazakh chain (003:3.2)', () => {
    const kz = community({ profile: profileOf('kz-school-plc') });
    const draft = { planTask: { plan: plan({ status: 'draft' }), planTaskId: 'plan-task-1' } };

    expectRuleViolation(when(assign({ community: kz, origin: draft })), '003:3.2');
    expect(decideAfter(taskDecider, [], assign({ community: kz, origin: { planTask: { plan: plan(), planTaskId: 'plan-task-1' } } }))).toHaveLength(1);
  });

  it('rejects a task id the plan does not contain', () => {
    expectDomainError(when(assign({ origin: { planTask: { plan: plan(), planTaskId: 'plan-task-9' } } })), 'NOT_FOUND');
  });

  it('rejects a plan of another community', () => {
    const foreign = { planTask: { plan: plan({ communityId: 'community-2' }), planTaskId: 'plan-task-1' } };

    expectDomainError(when(assign({ origin: foreign })), 'BAD_USER_INPUT');
  });

  it('rejects both a decision and a plan task as origin', () => {
    const both = { decision: motion(), planTask: { plan: plan(), planTaskId: 'plan-task-1' } } as unknown as AssignTaskData['origin'];

    expectDomainError(when(assign({ origin: both })), 'BAD_USER_INPUT');
  });

  it('rejects a missing origin', () => {
    expectDomainError(when(assign({ origin: {} as AssignTaskData['origin'] })), 'BAD_USER_INPUT');
  });

  it('the owner must be a member of the community', () => {
    expectDomainError(when(assign({ ownerId: 'teacher-stranger' })), 'NOT_FOUND');
  });

  it('a dissolved community gets no new tasks', () => {
    expectDomainError(when(assign({ community: community({ status: 'dissolved' }) })), 'INVALID_STATE');
  });

  it('a task is assigned once', () => {
    expectDomainError(() => decideAfter(taskDecider, [taskAssigned()], assign()), 'INVALID_STATE');
  });

  it.each([
    ['an empty title', { title: '  ' }],
    ['an empty task id', { taskId: '' }],
    ['a due date that is no date', { dueOn: '2025-13-01' }],
    ['a due date before the meeting that decided', { dueOn: '2025-10-09' }],
  ])('rejects %s', (_, overrides: Partial<AssignTaskData>) => {
    expectDomainError(when(assign(overrides)), 'BAD_USER_INPUT');
  });

  it('a district-hosted community records no institution (004:1.2)', () => {
    const district = community({ institutionId: undefined, profile: profileOf('district-community') });

    const [assigned] = decideAfter(taskDecider, [], assign({ community: district }));

    expect(assigned?.data).not.toHaveProperty('institutionId');
    expect(assigned).toMatchObject({ type: 'TaskAssigned', data: { districtId: 'district-1' } });
  });
});
