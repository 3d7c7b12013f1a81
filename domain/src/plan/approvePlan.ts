import { dateOf } from '../shared/calendar';
import { event } from '../shared/message';
import { stepFor } from './currentStep';
import type { ApprovePlan, PlanApproved, PlanState } from './types';
import { requireText } from './validation';

/**
 * An official approves the plan (утверждение) at the chain's final `approve` step (000:7,
 * 003:3.2, 004:4.7). Approval after the deadline is allowed: the regulation does not void
 * a late plan, so lateness is recorded and measured as non-compliance (004:4.7).
 */
export const approvePlan = (command: ApprovePlan, state: PlanState): readonly PlanApproved[] => {
  const { data, metadata } = command;
  if (data.comment !== undefined) requireText(data.comment, 'comment');
  const { plan, index, step } = stepFor(command, state, 'approve');
  const deadline = plan.deadline === null ? null : plan.deadline.on;
  return [
    event('PlanApproved', {
      planId: plan.planId,
      communityId: plan.communityId,
      schoolYear: plan.schoolYear,
      step: index,
      approvedBy: metadata.actor.id,
      approvedByRole: metadata.actor.role,
      ...(data.comment === undefined ? {} : { comment: data.comment }),
      rule: step.rule,
      approvedAt: metadata.now,
      deadline,
      onTime: deadline === null || dateOf(metadata.now) <= deadline,
    }),
  ];
};
