import { event } from '../shared/message';
import { decideAfter, expectDomainError, stateAfter } from '../testing';
import { taskDecider } from './decider';
import { CHAIR, OWNER, by, community, taskAssigned } from './testFixtures';
import type { HeldMeetingFacts } from '../shared/facts';
import type { ReviewTask, ReviewTaskData, TaskCompleted, TaskProgress, TaskReviewed } from './types';

const heldMeeting = (meetingId: string, communityId = 'community-1'): HeldMeetingFacts => ({ meetingId, communityId, heldOn: '2025-10-20' });

const review = (overrides: Partial<ReviewTaskData> = {}, actorId = CHAIR, now = '2025-10-20T15:00:00.000Z'): ReviewTask => ({
  type: 'ReviewTask',
  data: { taskId: 'task-1', community: community(), meeting: heldMeeting('meeting-2'), note: 'Lesson drafted, to be held next week', ...overrides },
  metadata: by(actorId, now),
});

const reviewed = (meetingId: string, progress: TaskProgress): TaskReviewed =>
  event('TaskReviewed', {
    taskId: 'task-1',
    communityId: 'community-1',
    meetingId,
    note: 'Lesson drafted, to be held next week',
    progress,
    reviewedBy: CHAIR,
    reviewedAt: '2025-10-20T15:00:00.000Z',
  });

const completed = (onTime: boolean): TaskCompleted =>
  event('TaskCompleted', {
    taskId: 'task-1',
    communityId: 'community-1',
    ownerId: OWNER,
    dueOn: '2025-11-01',
    completedOn: onTime ? '2025-10-30' : '2025-11-05',
    onTime,
    productIds: [],
    completedBy: OWNER,
    completedAt: '2025-11-05T10:00:00.000Z',
  });

const given = [taskAssigned()];

describe('ReviewTask', () => {
  it('the chair reports on an open task at the next meeting (000:7)', () => {
    expect(decideAfter(taskDecider, given, review())).toEqual([reviewed('meeting-2', 'open')]);
  });

  it('an open task past its due date is reported overdue (000:7)', () => {
    const [r] = decideAfter(taskDecider, given, review({}, CHAIR, '2025-11-02T15:00:00.000Z'));

    expect(r).toMatchObject({ type: 'TaskReviewed', data: { progress: 'overdue' } });
  });

  it.each([
    [true, 'completedOnTime'],
    [false, 'completedLate'],
  ] as const)('a done task (on time: %s) is reported as %s (000:7)', (onTime, progress) => {
    const [r] = decideAfter(taskDecider, [...given, completed(onTime)], review({}, CHAIR, '2025-11-10T15:00:00.000Z'));

    expect(r).toMatchObject({ type: 'TaskReviewed', data: { progress } });
  });

  it('only the chair controls the execution of decisions (000:7)', () => {
    const error = expectDomainError(() => decideAfter(taskDecider, given, review({}, OWNER)), 'FORBIDDEN');

    expect(error.rule).toBe('000:7');
  });

  it('the chair reports on a task once per meeting, and again at a later one (000:7)', () => {
    const history = [...given, reviewed('meeting-2', 'open')];

    expectDomainError(() => decideAfter(taskDecider, history, review()), 'INVALID_STATE');
    expect(decideAfter(taskDecider, history, review({ meeting: heldMeeting('meeting-3') }))).toHaveLength(1);
  });

  it('the reviews are kept with the task', () => {
    const state = stateAfter(taskDecider, [...given, reviewed('meeting-2', 'open'), reviewed('meeting-3', 'overdue')]);

    expect(state.status === 'open' && state.reviews.map((r) => r.meetingId)).toEqual(['meeting-2', 'meeting-3']);
  });

  it('an unknown task cannot be reviewed', () => {
    expectDomainError(() => decideAfter(taskDecider, [], review()), 'NOT_FOUND');
  });

  it.each([
    ['an empty note', { note: '' }],
    ["another community's meeting", { meeting: heldMeeting('meeting-9', 'community-2') }],
  ])('rejects %s', (_, overrides: Partial<ReviewTaskData>) => {
    expectDomainError(() => decideAfter(taskDecider, given, review(overrides)), 'BAD_USER_INPUT');
  });
});
