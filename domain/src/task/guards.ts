/** Input guards shared by the task commands: deciders validate their own data. */
import { isIsoDate } from '../shared/calendar';
import { badInput, ensure, forbidden, notFound } from '../shared/errors';
import type { CommunityFacts } from '../shared/facts';
import type { CommandMetadata } from '../shared/message';
import type { ExistingTaskState, TaskState } from './types';

export const requireText = (value: string | undefined, field: string): string => {
  ensure(typeof value === 'string' && value.trim() !== '', () => badInput(`${field} must not be empty`));
  return value.trim();
};

export const requireDate = (value: string | undefined, field: string): string => {
  ensure(typeof value === 'string' && isIsoDate(value), () => badInput(`${field} must be a date YYYY-MM-DD, got ${String(value)}`));
  return value;
};

/** A member of the community as the community stream knows it. */
export const requireMember = (community: CommunityFacts, memberId: string): void =>
  ensure(
    community.members.some((m) => m.memberId === memberId),
    () => notFound(`member of community ${community.communityId}:`, memberId),
  );

export const isChair = (community: CommunityFacts, actorId: string): boolean => community.chairId !== null && community.chairId === actorId;

/** The chair controls the execution of decisions (000:7). */
export const requireChair = (community: CommunityFacts, metadata: CommandMetadata, action: string): void =>
  ensure(isChair(community, metadata.actor.id), () => forbidden(`only the chair of community ${community.communityId} may ${action}`, '000:7'));

/** The task must exist, and the community facts must be those of its community. */
export const requireTask = (state: TaskState, taskId: string, community: CommunityFacts): ExistingTaskState => {
  ensure(state.status !== 'none', () => notFound('task', taskId));
  ensure(state.taskId === taskId, () => badInput(`command for task ${taskId} sent to the stream of task ${state.taskId}`));
  ensure(
    community.communityId === state.communityId,
    () => badInput(`task ${taskId} belongs to community ${state.communityId}, not ${community.communityId}`),
  );
  return state;
};
