import { dateOf, isIsoDate } from '../shared/calendar';
import { badInput, ensure, forbidden, invalidState, ruleViolation, type DomainError } from '../shared/errors';
import type { MotionFacts } from '../shared/facts';
import { assertNever, event } from '../shared/message';
import type { RuleId } from '../shared/rules';
import type { PlanDiscussed, PlanDiscussionRef, PlanRecord, PlanState, PlanSubmitted, SubmitPlan } from './types';
import { ensureSameTenant, sameStream } from './validation';

/**
 * Why a motion does not show this plan was discussed, or null when it does: it must be a
 * carried motion on this plan, of this community, voted on no earlier than the plan's
 * latest version (a discussion of a returned version does not count for the revision).
 */
const discussionFault = (motion: MotionFacts, plan: PlanRecord): string | null => {
  if (motion.communityId !== plan.communityId) return `motion ${motion.motionId} is of another community`;
  if (motion.subject.kind !== 'discussPlan' || motion.subject.planId !== plan.planId)
    return `motion ${motion.motionId} is not a discussion of plan ${plan.planId}`;
  if (motion.carried !== true) return `motion ${motion.motionId} on plan ${plan.planId} was not carried`;
  if (!isIsoDate(motion.heldOn)) return `motion ${motion.motionId} has no valid meeting date`;
  if (motion.heldOn < dateOf(plan.lastChangedAt))
    return `the meeting of ${motion.heldOn} discussed an earlier version of plan ${plan.planId}`;
  return null;
};

const refOf = (motion: MotionFacts): PlanDiscussionRef => ({
  meetingId: motion.meetingId,
  motionId: motion.motionId,
  heldOn: motion.heldOn,
});

/**
 * The discussion that goes with the submission. Required when the chain starts with a
 * `discuss` step, and then any fault breaks that step's rule (000:7, 003:3.2); otherwise it
 * is recorded for information and a faulty one is bad input.
 */
const checkedDiscussion = (command: SubmitPlan, plan: PlanRecord, discussRule: RuleId | null): MotionFacts | null => {
  const motion = command.data.discussion;
  const fail = (message: string): DomainError => (discussRule === null ? badInput(message) : ruleViolation(discussRule, message));
  if (motion === undefined || motion === null) {
    ensure(discussRule === null, () => fail(`plan ${plan.planId} must be discussed at a meeting before it is submitted`));
    return null;
  }
  const fault = discussionFault(motion, plan);
  ensure(fault === null, () => fail(fault ?? ''));
  return motion;
};

const submit = (command: SubmitPlan, plan: PlanRecord): readonly (PlanSubmitted | PlanDiscussed)[] => {
  const { metadata } = command;
  ensure(metadata.actor.id === plan.chairId, () => forbidden(`only the chair submits plan ${plan.planId}`, plan.rule));
  const first = plan.chain[0];
  const discussRule = first !== undefined && first.kind === 'discuss' ? first.rule : null;
  const motion = checkedDiscussion(command, plan, discussRule);
  const submitted = event('PlanSubmitted', {
    planId: plan.planId,
    communityId: plan.communityId,
    submission: plan.submissions + 1,
    discussion: motion === null ? null : refOf(motion),
    submittedBy: metadata.actor.id,
    submittedAt: metadata.now,
  });
  if (discussRule === null || motion === null) return [submitted];
  return [
    submitted,
    event('PlanDiscussed', {
      planId: plan.planId,
      communityId: plan.communityId,
      step: 0,
      ...refOf(motion),
      rule: discussRule,
      discussedAt: metadata.now,
    }),
  ];
};

/**
 * The chair puts the plan into the approval chain; a returned plan must be revised first,
 * and the chain then starts again from its first step.
 */
export const submitPlan = (command: SubmitPlan, state: PlanState): readonly (PlanSubmitted | PlanDiscussed)[] => {
  switch (state.status) {
    case 'none':
      throw invalidState(`plan ${command.data.planId} has not been drafted`);
    case 'draft':
      sameStream(command, state);
      ensureSameTenant(command.metadata, state);
      return submit(command, state);
    case 'returned':
      throw invalidState(`plan ${state.planId} was returned; revise it before resubmitting`);
    case 'submitted':
      throw invalidState(`plan ${state.planId} has already been submitted`);
    case 'approved':
      throw invalidState(`plan ${state.planId} has already been approved`);
    default:
      return assertNever(state);
  }
};
