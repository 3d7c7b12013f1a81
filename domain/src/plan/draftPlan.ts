import { isSchoolYear, nextSchoolYear, resolveSchoolYearDay } from '../shared/calendar';
import { badInput, ensure, forbidden, invalidState } from '../shared/errors';
import type { CommunityFacts } from '../shared/facts';
import { assertNever, event } from '../shared/message';
import type { PlanApprovalRules } from '../profiles/profile';
import type { DraftPlan, PlanContent, PlanDeadline, PlanDrafted, PlanRevised, PlanState } from './types';
import { ensureSameTenant, requireText, validateChain, validateContent } from './validation';

/** The person the profile names as drafter (000:7, 003:3.2: the chair). */
const drafterOf = (drafter: PlanApprovalRules['drafter'], community: CommunityFacts): string | null => {
  switch (drafter) {
    case 'chair':
      return community.chairId;
    default:
      return assertNever(drafter);
  }
};

const deadlineOf = (rules: PlanApprovalRules, schoolYear: string): PlanDeadline | null =>
  rules.deadline === null ? null : { on: resolveSchoolYearDay(schoolYear, rules.deadline), rule: rules.deadline.rule };

const contentOf = (data: PlanContent): PlanContent => ({
  theme: data.theme,
  goal: data.goal,
  priorities: data.priorities,
  tasks: data.tasks,
  successCriteria: data.successCriteria,
});

const validateCommunity = (command: DraftPlan): void => {
  const { community, schoolYear } = command.data;
  requireText(community.communityId, 'community.communityId');
  ensure(community.status === 'active', () => invalidState(`community ${community.communityId} is dissolved`));
  ensureSameTenant(command.metadata, community);
  // A plan is for the year the community works in, or the next one (drafted with the report, 004:4.8).
  ensure(
    schoolYear === community.schoolYear || schoolYear === nextSchoolYear(community.schoolYear),
    () => badInput(`a plan of community ${community.communityId} is for ${community.schoolYear} or the next school year, not ${schoolYear}`),
  );
};

const ensureDrafter = (command: DraftPlan): void => {
  const { planApproval } = command.data.community.profile;
  const drafterId = drafterOf(planApproval.drafter, command.data.community);
  ensure(
    drafterId !== null && drafterId === command.metadata.actor.id,
    () => forbidden(`only the community's ${planApproval.drafter} drafts its plan`, planApproval.rule),
  );
};

const drafted = (command: DraftPlan): PlanDrafted => {
  const { data, metadata } = command;
  const { profile } = data.community;
  return event('PlanDrafted', {
    planId: data.planId,
    communityId: data.community.communityId,
    districtId: data.community.districtId,
    institutionId: data.community.institutionId,
    schoolYear: data.schoolYear,
    profile: { id: profile.id, version: profile.version },
    ...contentOf(data),
    chain: profile.planApproval.chain,
    rule: profile.planApproval.rule,
    deadline: deadlineOf(profile.planApproval, data.schoolYear),
    draftedBy: metadata.actor.id,
    draftedAt: metadata.now,
  });
};

/**
 * Drafts a plan, or revises it while it is a draft or has been returned. The chair drafts
 * (000:7, 003:3.2); once submitted the plan is in the officials' hands, once approved it is final.
 */
export const draftPlan = (command: DraftPlan, state: PlanState): readonly (PlanDrafted | PlanRevised)[] => {
  const { data, metadata } = command;
  requireText(data.planId, 'planId');
  ensure(isSchoolYear(data.schoolYear), () => badInput(`schoolYear ${data.schoolYear} is not of the form 2025-2026`));
  validateCommunity(command);
  ensureDrafter(command);
  validateContent(data);

  switch (state.status) {
    case 'none':
      validateChain(data.community.profile.planApproval.chain);
      return [drafted(command)];
    case 'draft':
    case 'returned':
      ensure(data.planId === state.planId, () => badInput(`the command is for plan ${data.planId}, not ${state.planId}`));
      ensure(data.community.communityId === state.communityId, () => badInput(`plan ${state.planId} belongs to community ${state.communityId}`));
      ensure(data.schoolYear === state.schoolYear, () => badInput(`plan ${state.planId} is for ${state.schoolYear}; draft a new plan for another year`));
      return [
        event('PlanRevised', {
          planId: state.planId,
          communityId: state.communityId,
          revision: state.revision + 1,
          ...contentOf(data),
          revisedBy: metadata.actor.id,
          revisedAt: metadata.now,
        }),
      ];
    case 'submitted':
      throw invalidState(`plan ${state.planId} has been submitted; it can be revised only when returned`);
    case 'approved':
      throw invalidState(`plan ${state.planId} has been approved and can no longer be revised`);
    default:
      return assertNever(state);
  }
};
