import { assertNever } from '../shared/message';
import type { CompletedStep, ExistingPlanState, PlanContent, PlanEvent, PlanRecord, PlanState } from './types';

export const initialPlanState = (): PlanState => ({ status: 'none' });

const contentOf = (data: PlanContent): PlanContent => ({
  theme: data.theme,
  goal: data.goal,
  priorities: data.priorities,
  tasks: data.tasks,
  successCriteria: data.successCriteria,
});

/** The record shared by every existing state, stripped of the status-specific fields. */
const recordOf = (state: ExistingPlanState): PlanRecord => ({
  planId: state.planId,
  communityId: state.communityId,
  districtId: state.districtId,
  institutionId: state.institutionId,
  schoolYear: state.schoolYear,
  content: state.content,
  chain: state.chain,
  rule: state.rule,
  deadline: state.deadline,
  chairId: state.chairId,
  revision: state.revision,
  lastChangedAt: state.lastChangedAt,
  submissions: state.submissions,
  history: state.history,
});

/** Completes the current step of a submitted plan and moves to the next one. */
const completeStep = (state: PlanState, completed: CompletedStep): PlanState =>
  state.status === 'submitted'
    ? { ...recordOf(state), status: 'submitted', currentStep: completed.step + 1, history: [...state.history, completed] }
    : state;

/**
 * Total: an event that does not fit the state (impossible in a stream the decider wrote)
 * leaves the state unchanged instead of throwing.
 */
export const evolvePlan = (state: PlanState, event: PlanEvent): PlanState => {
  switch (event.type) {
    case 'PlanDrafted': {
      const d = event.data;
      return {
        status: 'draft',
        planId: d.planId,
        communityId: d.communityId,
        districtId: d.districtId,
        institutionId: d.institutionId,
        schoolYear: d.schoolYear,
        content: contentOf(d),
        chain: d.chain,
        rule: d.rule,
        deadline: d.deadline,
        chairId: d.draftedBy,
        revision: 0,
        lastChangedAt: d.draftedAt,
        submissions: 0,
        history: [],
      };
    }
    case 'PlanRevised':
      if (state.status === 'none') return state;
      return {
        ...recordOf(state),
        status: 'draft',
        content: contentOf(event.data),
        chairId: event.data.revisedBy,
        revision: event.data.revision,
        lastChangedAt: event.data.revisedAt,
        history: [],
      };
    case 'PlanSubmitted':
      if (state.status === 'none') return state;
      return { ...recordOf(state), status: 'submitted', currentStep: 0, submissions: event.data.submission, history: [] };
    case 'PlanDiscussed':
      return completeStep(state, { step: event.data.step, kind: 'discuss', by: event.data.motionId, at: event.data.discussedAt });
    case 'PlanAgreed':
      return completeStep(state, { step: event.data.step, kind: 'agree', by: event.data.agreedBy, at: event.data.agreedAt });
    case 'PlanApproved':
      if (state.status !== 'submitted') return state;
      return {
        ...recordOf(state),
        status: 'approved',
        history: [...state.history, { step: event.data.step, kind: 'approve', by: event.data.approvedBy, at: event.data.approvedAt }],
        approvedAt: event.data.approvedAt,
        onTime: event.data.onTime,
        results: [],
      };
    case 'CriterionResultRecorded': {
      if (state.status !== 'approved') return state;
      const { planId: _plan, communityId: _community, rule: _rule, target: _target, baseline: _baseline, met: _met, ...result } = event.data;
      // States stored before results existed have none.
      return { ...state, results: [...(state.results ?? []), result] };
    }
    case 'PlanReturned':
      if (state.status === 'none') return state;
      return { ...recordOf(state), status: 'returned', reasons: event.data.reasons };
    default:
      return assertNever(event);
  }
};
