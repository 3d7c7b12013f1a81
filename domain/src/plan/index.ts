export type * from './types';
export { planDecider, decidePlan } from './decider';
export { evolvePlan, initialPlanState } from './evolve';
export { toPlanFacts } from './toPlanFacts';
export { draftPlan } from './draftPlan';
export { submitPlan } from './submitPlan';
export { agreePlan } from './agreePlan';
export { approvePlan } from './approvePlan';
export { returnPlan } from './returnPlan';
