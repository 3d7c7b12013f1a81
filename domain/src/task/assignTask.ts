import { badInput, ensure, invalidState, notFound, ruleViolation } from '../shared/errors';
import type { CommunityFacts, MotionFacts } from '../shared/facts';
import { event } from '../shared/message';
import { requireChair, requireDate, requireMember, requireText } from './guards';
import type { AssignTask, AssignTaskOrigin, PlanTaskOrigin, TaskAssigned, TaskOriginRef, TaskState } from './types';

/**
 * Gives a member a task that follows up a carried decision of a meeting, or a task of the
 * approved plan. The chair does it: the chair controls the execution of decisions (000:7).
 */
export const assignTask = (command: AssignTask, state: TaskState): TaskAssigned[] => {
  const { data, metadata } = command;
  ensure(state.status === 'none', () => invalidState(`task ${data.taskId} is already assigned`));
  const taskId = requireText(data.taskId, 'taskId');
  const title = requireText(data.title, 'title');
  const ownerId = requireText(data.ownerId, 'ownerId');
  const dueOn = requireDate(data.dueOn, 'dueOn');
  const { community } = data;
  ensure(community.status === 'active', () => invalidState(`community ${community.communityId} is dissolved`));
  requireChair(community, metadata, 'assign tasks');
  requireMember(community, ownerId);
  const origin = originOf(data.origin, community);
  ensureDueAfterDecision(dueOn, origin);

  return [
    event('TaskAssigned', {
      taskId,
      communityId: community.communityId,
      districtId: community.districtId,
      ...(community.institutionId === undefined ? {} : { institutionId: community.institutionId }),
      title,
      ownerId,
      dueOn,
      origin,
      assignedBy: metadata.actor.id,
      rule: '000:7',
      assignedAt: metadata.now,
    }),
  ];
};

const originOf = (origin: AssignTaskOrigin | undefined, community: CommunityFacts): TaskOriginRef => {
  ensure(origin, () => badInput('origin is required: a decision or a plan task'));
  const { decision, planTask } = origin;
  ensure((decision ?? null) === null || (planTask ?? null) === null, () => badInput('origin must be one of a decision or a plan task, not both'));
  if (decision) return decisionOrigin(decision, community);
  ensure(planTask, () => badInput('origin is required: a decision or a plan task'));
  return planTaskOrigin(planTask, community);
};

/** A decision's follow-up cannot fall due before the meeting that took the decision. */
const ensureDueAfterDecision = (dueOn: string, origin: TaskOriginRef): void => {
  if (origin.kind === 'decision' && dueOn < origin.heldOn) throw badInput(`dueOn ${dueOn} is before the meeting of ${origin.heldOn}`);
};

/** Only a carried motion on a decision is a decision whose execution the chair controls (000:7). */
const decisionOrigin = (motion: MotionFacts, community: CommunityFacts): TaskOriginRef => {
  ensure(
    motion.communityId === community.communityId,
    () => badInput(`motion ${motion.motionId} belongs to community ${motion.communityId}, not ${community.communityId}`),
  );
  ensure(motion.carried !== null, () => invalidState(`the vote on motion ${motion.motionId} is still open`));
  ensure(motion.carried, () => ruleViolation('000:7', `motion ${motion.motionId} was not carried: there is no decision to execute`));
  ensure(
    motion.subject.kind === 'decision',
    () => ruleViolation('000:7', `motion ${motion.motionId} is a ${motion.subject.kind}, not a decision to execute`),
  );
  return { kind: 'decision', meetingId: motion.meetingId, motionId: motion.motionId, heldOn: motion.heldOn };
};

/** A plan's tasks are set to work once the profile's approval chain has approved it. */
const planTaskOrigin = ({ plan, planTaskId }: PlanTaskOrigin, community: CommunityFacts): TaskOriginRef => {
  ensure(
    plan.communityId === community.communityId,
    () => badInput(`plan ${plan.planId} belongs to community ${plan.communityId}, not ${community.communityId}`),
  );
  ensure(
    plan.status === 'approved',
    () => ruleViolation(community.profile.planApproval.rule, `plan ${plan.planId} is ${plan.status}, not approved`),
  );
  ensure(plan.taskIds.includes(planTaskId), () => notFound(`task of plan ${plan.planId}:`, planTaskId));
  return { kind: 'planTask', planId: plan.planId, planTaskId, schoolYear: plan.schoolYear };
};
