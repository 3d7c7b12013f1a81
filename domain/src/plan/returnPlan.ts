import { event } from '../shared/message';
import { stepFor } from './currentStep';
import type { PlanReturned, PlanState, ReturnPlan } from './types';
import { requireTexts } from './validation';

/**
 * The official of the current step sends the plan back to the chair with reasons; after
 * revision and resubmission the chain starts again from its first step.
 */
export const returnPlan = (command: ReturnPlan, state: PlanState): readonly PlanReturned[] => {
  const { data, metadata } = command;
  requireTexts(data.reasons, 'reasons', 1);
  const { plan, index, step } = stepFor(command, state, 'any');
  return [
    event('PlanReturned', {
      planId: plan.planId,
      communityId: plan.communityId,
      step: index,
      reasons: data.reasons,
      returnedBy: metadata.actor.id,
      returnedByRole: metadata.actor.role,
      rule: step.rule,
      returnedAt: metadata.now,
    }),
  ];
};
