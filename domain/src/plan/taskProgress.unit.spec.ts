import type { ProductState } from '../product/types';
import type { TaskOriginRef, TaskState } from '../task/types';
import { planTaskProgress } from './taskProgress';

const plan = { planId: 'plan-1', communityId: 'community-1', schoolYear: '2025-2026', content: { tasks: [{ taskId: 't1' }, { taskId: 't2' }] } } as const;

const fromPlan = (planTaskId: string, planId = 'plan-1'): TaskOriginRef => ({ kind: 'planTask', planId, planTaskId, schoolYear: '2025-2026' });

const task = (taskId: string, origin: TaskOriginRef, done?: { onTime: boolean }): TaskState => {
  const record = { taskId, communityId: 'community-1', title: taskId, ownerId: 'm1', dueOn: '2026-03-01', origin, assignedBy: 'chair', assignedAt: '2025-10-01T09:00:00.000Z', reviews: [] };
  return done ? { ...record, status: 'done', completedOn: '2026-02-20', onTime: done.onTime, productIds: [] } : { ...record, status: 'open' };
};

const product = (productId: string, planTaskId: string | null, schoolYear = '2025-2026', communityId = 'community-1'): ProductState => ({
  status: 'registered',
  productId,
  communityId,
  kind: 'openLesson',
  title: productId,
  description: null,
  url: null,
  authorIds: ['m1'],
  producedOn: '2026-02-01',
  schoolYear,
  meetingId: null,
  planTaskId,
  demand: [],
});

describe('planTaskProgress', () => {
  it('counts the tasks assigned from each plan task, done on time, late or open, and the products of its result', () => {
    const tasks: TaskState[] = [
      task('a', fromPlan('t1'), { onTime: true }),
      task('b', fromPlan('t1'), { onTime: false }),
      task('c', fromPlan('t1')),
      task('d', fromPlan('t2'), { onTime: true }),
      // Not this plan's: another plan's task of the same key, and a meeting decision's follow-up.
      task('e', fromPlan('t1', 'plan-0')),
      task('f', { kind: 'decision', meetingId: 'm', motionId: 'x', heldOn: '2025-10-01' }),
      { status: 'none' },
    ];
    const products = [product('p1', 't2'), product('p2', 't2'), product('p3', null), product('p4', 't2', '2024-2025'), product('p5', 't2', '2025-2026', 'community-2')];
    expect(planTaskProgress(plan, tasks, products)).toEqual([
      { taskId: 't1', assigned: 3, completedOnTime: 1, completedLate: 1, open: 1, productIds: [] },
      { taskId: 't2', assigned: 1, completedOnTime: 1, completedLate: 0, open: 0, productIds: ['p1', 'p2'] },
    ]);
  });
});
