import { event } from '../shared/message';
import { decideAfter, expectDomainError, stateAfter } from '../testing';
import { taskDecider } from './decider';
import { CHAIR, OTHER_MEMBER, OWNER, by, community, taskAssigned } from './testFixtures';
import type { CompleteTask, CompleteTaskData, TaskCompleted } from './types';

const complete = (overrides: Partial<CompleteTaskData> = {}, actorId = OWNER, now = '2025-10-30T12:00:00.000Z'): CompleteTask => ({
  type: 'CompleteTask',
  data: { taskId: 'task-1', community: community(), completedOn: '2025-10-30', ...overrides },
  metadata: by(actorId, now),
});

const completed = (completedOn: string, onTime: boolean): TaskCompleted =>
  event('TaskCompleted', {
    taskId: 'task-1',
    communityId: 'community-1',
    ownerId: OWNER,
    dueOn: '2025-11-01',
    completedOn,
    onTime,
    productIds: [],
    completedBy: OWNER,
    completedAt: `${completedOn}T12:00:00.000Z`,
  });

const given = [taskAssigned()];

describe('CompleteTask', () => {
  it('the owner completes the task before it is due: on time (002:6.1)', () => {
    expect(decideAfter(taskDecider, given, complete())).toEqual([completed('2025-10-30', true)]);
  });

  it('completion on the due date itself is on time (002:6.1)', () => {
    const [done] = decideAfter(taskDecider, given, complete({ completedOn: '2025-11-01' }, OWNER, '2025-11-01T18:00:00.000Z'));

    expect(done).toMatchObject({ type: 'TaskCompleted', data: { onTime: true } });
  });

  it('completion after the due date is late (002:6.1)', () => {
    const [done] = decideAfter(taskDecider, given, complete({ completedOn: '2025-11-02' }, OWNER, '2025-11-03T08:00:00.000Z'));

    expect(done?.data).toMatchObject({ completedOn: '2025-11-02', dueOn: '2025-11-01', onTime: false });
  });

  it('records the evidence and the products the task yielded (002:6.1)', () => {
    const [done] = decideAfter(taskDecider, given, complete({ evidence: ' lesson held in 7B ', productIds: ['product-1', 'product-2'] }));

    expect(done?.data).toMatchObject({ evidence: 'lesson held in 7B', productIds: ['product-1', 'product-2'] });
  });

  it('the chair may complete on the owner\'s behalf (000:7)', () => {
    const [done] = decideAfter(taskDecider, given, complete({}, CHAIR));

    expect(done).toMatchObject({ type: 'TaskCompleted', data: { completedBy: CHAIR } });
  });

  it('another member may not complete someone else\'s task (000:7)', () => {
    const error = expectDomainError(() => decideAfter(taskDecider, given, complete({}, OTHER_MEMBER)), 'FORBIDDEN');

    expect(error.rule).toBe('000:7');
  });

  it('a task is completed once', () => {
    expectDomainError(() => decideAfter(taskDecider, [...given, completed('2025-10-30', true)], complete()), 'INVALID_STATE');
  });

  it('an unknown task cannot be completed', () => {
    expectDomainError(() => decideAfter(taskDecider, [], complete()), 'NOT_FOUND');
  });

  it('the community facts must be those of the task\'s community', () => {
    expectDomainError(() => decideAfter(taskDecider, given, complete({ community: community({ communityId: 'community-2' }) })), 'BAD_USER_INPUT');
  });

  it.each([
    ['a completion date that is no date', { completedOn: '30.10.2025' }],
    ['a completion date in the future', { completedOn: '2025-10-31' }],
    ['empty evidence', { evidence: ' ' }],
    ['an empty product id', { productIds: [''] }],
    ['a repeated product id', { productIds: ['product-1', 'product-1'] }],
  ])('rejects %s', (_, overrides: Partial<CompleteTaskData>) => {
    expectDomainError(() => decideAfter(taskDecider, given, complete(overrides)), 'BAD_USER_INPUT');
  });

  it('the completed task is done with its punctuality (002:6.1)', () => {
    const state = stateAfter(taskDecider, [...given, completed('2025-11-02', false)]);

    expect(state).toMatchObject({ status: 'done', completedOn: '2025-11-02', onTime: false, ownerId: OWNER });
  });
});
