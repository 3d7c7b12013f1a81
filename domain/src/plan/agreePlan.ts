import { event } from '../shared/message';
import { stepFor } from './currentStep';
import type { AgreePlan, PlanAgreed, PlanState } from './types';
import { requireText } from './validation';

/** An official agrees the plan (согласование) at the chain's current `agree` step (000:7, 003:3.2). */
export const agreePlan = (command: AgreePlan, state: PlanState): readonly PlanAgreed[] => {
  const { data, metadata } = command;
  if (data.comment !== undefined) requireText(data.comment, 'comment');
  const { plan, index, step } = stepFor(command, state, 'agree');
  return [
    event('PlanAgreed', {
      planId: plan.planId,
      communityId: plan.communityId,
      step: index,
      agreedBy: metadata.actor.id,
      agreedByRole: metadata.actor.role,
      ...(data.comment === undefined ? {} : { comment: data.comment }),
      rule: step.rule,
      agreedAt: metadata.now,
    }),
  ];
};
