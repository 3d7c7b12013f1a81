import { assertNever, type Decider } from '../shared/message';
import { agreePlan } from './agreePlan';
import { approvePlan } from './approvePlan';
import { draftPlan } from './draftPlan';
import { evolvePlan, initialPlanState } from './evolve';
import { recordCriterionResult } from './recordCriterionResult';
import { returnPlan } from './returnPlan';
import { submitPlan } from './submitPlan';
import type { PlanCommand, PlanEvent, PlanState } from './types';

export const decidePlan = (command: PlanCommand, state: PlanState): readonly PlanEvent[] => {
  switch (command.type) {
    case 'DraftPlan':
      return draftPlan(command, state);
    case 'SubmitPlan':
      return submitPlan(command, state);
    case 'AgreePlan':
      return agreePlan(command, state);
    case 'ApprovePlan':
      return approvePlan(command, state);
    case 'ReturnPlan':
      return returnPlan(command, state);
    case 'RecordCriterionResult':
      return recordCriterionResult(command, state);
    default:
      return assertNever(command);
  }
};

/** The plan stream (`plan-<planId>`). */
export const planDecider: Decider<PlanCommand, PlanEvent, PlanState> = {
  initialState: initialPlanState,
  decide: decidePlan,
  evolve: evolvePlan,
};
