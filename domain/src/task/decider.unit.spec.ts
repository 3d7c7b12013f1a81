import { event } from '../shared/message';
import { stateAfter } from '../testing';
import { taskDecider } from './decider';
import { OWNER, taskAssigned } from './testFixtures';

describe('task evolve', () => {
  it('starts with no task', () => {
    expect(taskDecider.initialState()).toEqual({ status: 'none' });
  });

  it('is total: a completion or review without an assignment leaves the state unchanged', () => {
    const stray = [
      event('TaskCompleted', {
        taskId: 't', communityId: 'c', ownerId: OWNER, dueOn: '2025-11-01', completedOn: '2025-11-01',
        onTime: true, productIds: [], completedBy: OWNER, completedAt: '2025-11-01T00:00:00.000Z',
      }),
      event('TaskReviewed', {
        taskId: 't', communityId: 'c', meetingId: 'm', note: 'n', progress: 'open' as const,
        reviewedBy: 'x', reviewedAt: '2025-11-01T00:00:00.000Z',
      }),
    ];

    expect(stateAfter(taskDecider, stray)).toEqual({ status: 'none' });
  });

  it('an assigned task is open with its owner and due date', () => {
    expect(stateAfter(taskDecider, [taskAssigned()])).toMatchObject({ status: 'open', ownerId: OWNER, dueOn: '2025-11-01', reviews: [] });
  });
});
