/**
 * How each task of a plan is being carried out (000:7, 002:6.1): the community's tasks
 * assigned from it, done on time or late, and the products registered as its result. Pure:
 * the caller brings the task and product states, current or as of an instant.
 */
import type { ProductState } from '../product/types';
import type { TaskState } from '../task/types';
import type { PlanRecord } from './types';

export interface PlanTaskProgress {
  /** The plan task (its key inside the plan). */
  readonly taskId: string;
  readonly assigned: number;
  readonly completedOnTime: number;
  readonly completedLate: number;
  readonly open: number;
  /** Products registered as the plan task's result, in the order given. */
  readonly productIds: readonly string[];
}

type PlanRef = Pick<PlanRecord, 'planId' | 'communityId' | 'schoolYear'> & { readonly content: { readonly tasks: readonly { readonly taskId: string }[] } };

export const planTaskProgress = (plan: PlanRef, tasks: readonly TaskState[], products: readonly ProductState[]): PlanTaskProgress[] =>
  plan.content.tasks.map(({ taskId }) => {
    let assigned = 0;
    let completedOnTime = 0;
    let completedLate = 0;
    for (const task of tasks) {
      if (task.status === 'none' || task.origin.kind !== 'planTask' || task.origin.planId !== plan.planId || task.origin.planTaskId !== taskId) continue;
      assigned += 1;
      if (task.status === 'done' && task.onTime) completedOnTime += 1;
      if (task.status === 'done' && !task.onTime) completedLate += 1;
    }
    // A product names the plan task only by its key: the community's plan of the product's school year.
    const productIds = products.flatMap((p) =>
      p.status === 'registered' && p.communityId === plan.communityId && p.schoolYear === plan.schoolYear && p.planTaskId === taskId ? [p.productId] : [],
    );
    return { taskId, assigned, completedOnTime, completedLate, open: assigned - completedOnTime - completedLate, productIds };
  });
