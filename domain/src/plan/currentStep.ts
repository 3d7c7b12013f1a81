import { ensure, invalidState, ruleViolation } from '../shared/errors';
import { assertNever, type Command } from '../shared/message';
import type { ApprovalStep } from '../profiles/profile';
import type { PlanRecord, PlanState } from './types';
import { ensureSameTenant, sameStream } from './validation';

type OfficialStep = Extract<ApprovalStep, { readonly kind: 'agree' | 'approve' }>;

export interface StepInHand {
  readonly plan: PlanRecord;
  readonly index: number;
  readonly step: OfficialStep;
}

/** The submitted plan and the step of the chain now awaiting an official. */
const awaitedStep = (command: Command<string, { readonly planId: string }>, state: PlanState): StepInHand => {
  switch (state.status) {
    case 'submitted': {
      sameStream(command, state);
      ensureSameTenant(command.metadata, state);
      const step = state.chain[state.currentStep];
      // Unreachable for chains validated at drafting: discuss steps are completed by the submission.
      ensure(step !== undefined && step.kind !== 'discuss', () => invalidState(`plan ${state.planId} awaits no official`));
      return { plan: state, index: state.currentStep, step };
    }
    case 'none':
      throw invalidState(`plan ${command.data.planId} has not been drafted`);
    case 'draft':
      throw invalidState(`plan ${state.planId} has not been submitted`);
    case 'returned':
      throw invalidState(`plan ${state.planId} was returned to the chair`);
    case 'approved':
      throw invalidState(`plan ${state.planId} has already been approved`);
    default:
      return assertNever(state);
  }
};

const describe = (step: OfficialStep): string => `${step.kind === 'agree' ? 'agreed' : 'approved'} by ${step.roles.join(' or ')}`;

/**
 * The step the actor may act on: the chain's order and who acts at each step are the
 * profile's rule (000:7, 003:3.2, 004:4.7), so acting out of turn or in the wrong role
 * breaks the step's rule.
 */
export const stepFor = (
  command: Command<string, { readonly planId: string }>,
  state: PlanState,
  kind: OfficialStep['kind'] | 'any',
): StepInHand => {
  const inHand = awaitedStep(command, state);
  const { step, plan } = inHand;
  ensure(
    kind === 'any' || step.kind === kind,
    () => ruleViolation(step.rule, `plan ${plan.planId} must first be ${describe(step)}`),
  );
  ensure(
    step.roles.includes(command.metadata.actor.role),
    () => ruleViolation(step.rule, `plan ${plan.planId} is to be ${describe(step)}, not by ${command.metadata.actor.role}`),
  );
  return inHand;
};
