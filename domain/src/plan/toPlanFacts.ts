import { notFound } from '../shared/errors';
import type { PlanFacts } from '../shared/facts';
import type { PlanState } from './types';

/**
 * What other streams need to know about a plan (e.g. the next year's plan sent with a
 * report, 004:4.8). `planId` names the requested plan when its stream is empty.
 */
export const toPlanFacts = (state: PlanState, planId?: string): PlanFacts => {
  if (state.status === 'none') throw notFound('plan', planId ?? '(not drafted)');
  return {
    planId: state.planId,
    communityId: state.communityId,
    schoolYear: state.schoolYear,
    status: state.status,
    taskIds: state.content.tasks.map((t) => t.taskId),
  };
};
