import { dateOf, isIsoDate } from '../shared/calendar';
import { badInput, ensure, forbidden, invalidState, notFound } from '../shared/errors';
import { assertNever, event } from '../shared/message';
import type { CriterionResultRecorded, PlanRecord, PlanState, RecordCriterionResult } from './types';
import { reachesTarget } from './criteria';
import { ensureSameTenant, requireNumber, requireText, sameStream } from './validation';

/** The chair's control of execution (000:7): results are measured against the plan as approved. */
const RULE = '000:7';

const record = (command: RecordCriterionResult, plan: PlanRecord): readonly CriterionResultRecorded[] => {
  const { data, metadata } = command;
  ensure(data.community.communityId === plan.communityId, () => badInput(`community ${data.community.communityId} is not the community of plan ${plan.planId}`));
  ensure(data.community.status === 'active', () => invalidState(`community ${plan.communityId} is dissolved`));
  ensure(metadata.actor.id === data.community.chairId, () => forbidden(`only the chair of community ${plan.communityId} records the plan's results`, RULE));
  const criterion = plan.content.successCriteria.find((c) => c.criterionId === data.criterionId);
  ensure(criterion !== undefined, () => notFound(`success criterion of plan ${plan.planId}:`, data.criterionId));
  requireNumber(data.value, 'value');
  ensure(typeof data.measuredOn === 'string' && isIsoDate(data.measuredOn), () => badInput('measuredOn must be a date (YYYY-MM-DD)'));
  ensure(data.measuredOn <= dateOf(metadata.now), () => badInput(`measuredOn ${data.measuredOn} is after today (${dateOf(metadata.now)})`));
  if (data.note !== undefined) requireText(data.note, 'note');
  return [
    event('CriterionResultRecorded', {
      planId: plan.planId,
      communityId: plan.communityId,
      criterionId: data.criterionId,
      value: data.value,
      measuredOn: data.measuredOn,
      ...(data.note === undefined ? {} : { note: data.note }),
      target: criterion.target,
      baseline: criterion.baseline ?? null,
      met: reachesTarget(data.value, criterion),
      rule: RULE,
      recordedBy: metadata.actor.id,
      recordedAt: metadata.now,
    }),
  ];
};

/**
 * The chair records a success criterion's measured value. Only an approved plan is measured:
 * before approval its targets may still change (a returned plan is revised).
 */
export const recordCriterionResult = (command: RecordCriterionResult, state: PlanState): readonly CriterionResultRecorded[] => {
  switch (state.status) {
    case 'none':
      throw invalidState(`plan ${command.data.planId} has not been drafted`);
    case 'approved':
      sameStream(command, state);
      ensureSameTenant(command.metadata, state);
      return record(command, state);
    case 'draft':
    case 'submitted':
    case 'returned':
      throw invalidState(`plan ${state.planId} is not approved yet: results are measured against an approved plan`);
    default:
      return assertNever(state);
  }
};
