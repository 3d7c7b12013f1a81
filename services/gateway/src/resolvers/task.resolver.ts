import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { streamName, taskDecider, type AssignTaskOrigin, type Tenant, type TaskState } from '@collegium/domain';
import type { EventStore } from '@collegium/eventstore';
import {
  AssignTaskInput,
  CommandPayload,
  CompleteTaskInput,
  ReviewTaskInput,
  Task,
  type PlanTaskOriginInput,
  type TaskOrigin,
  type TaskOriginInput,
} from '@collegium/schema';
import { loadCommunityFacts, loadHeldMeetingFacts, loadMotionFacts, loadPlanFacts, loadVisible } from '../application/load';
import { requirePrincipal, type GatewayContext } from '../context';
import { notFoundError } from '../errors';
import { run } from './run';

const toOriginView = (origin: Exclude<TaskState, { status: 'none' }>['origin']): TaskOrigin =>
  origin.kind === 'decision'
    ? { kind: origin.kind, meetingId: origin.meetingId, motionId: origin.motionId, heldOn: origin.heldOn }
    : { kind: origin.kind, planId: origin.planId, planTaskId: origin.planTaskId, schoolYear: origin.schoolYear };

export const toTaskView = (state: TaskState, revision: number): Task | null => {
  if (state.status === 'none') return null;
  return {
    taskId: state.taskId,
    communityId: state.communityId,
    status: state.status.toUpperCase(),
    title: state.title,
    ownerId: state.ownerId,
    dueOn: state.dueOn,
    origin: toOriginView(state.origin),
    assignedBy: state.assignedBy,
    assignedAt: state.assignedAt,
    completedOn: state.status === 'done' ? state.completedOn : null,
    onTime: state.status === 'done' ? state.onTime : null,
    productIds: state.status === 'done' ? [...state.productIds] : [],
    reviews: state.reviews.map((r) => ({ ...r })),
    revision,
  };
};

const task = (taskId: string, creates = false) => ({ stream: streamName('task', taskId), decider: taskDecider, creates, what: 'task' }) as const;

/** The community of an existing task; `run` has checked the stream exists, so `none` means it vanished from view. */
const communityOf = (state: TaskState, taskId: string): string => {
  if (state.status === 'none') throw notFoundError('task', taskId);
  return state.communityId;
};

/** Loads the facts of the one origin the input names (the input class admits exactly one). */
const originFacts = async (store: EventStore, tenant: Tenant, origin: TaskOriginInput): Promise<AssignTaskOrigin> => {
  if (origin.decision) return { decision: await loadMotionFacts(store, tenant, origin.decision.meetingId, origin.decision.motionId) };
  const { planId, planTaskId } = origin.planTask as PlanTaskOriginInput;
  return { planTask: { plan: await loadPlanFacts(store, tenant, planId), planTaskId } };
};

@Resolver()
export class TaskResolver {
  @Query(() => Task, { nullable: true, description: 'A task from its event stream; `asOf` (ISO instant) shows it as it was then.' })
  async task(
    @Arg('id') id: string,
    @Arg('asOf', () => String, { nullable: true }) asOf: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Task | null> {
    const { tenant } = requirePrincipal(ctx);
    const { state, revision } = await loadVisible(ctx.services.store, tenant, streamName('task', id), taskDecider, asOf ?? undefined);
    return toTaskView(state, revision);
  }

  @Mutation(() => CommandPayload, { description: 'The chair assigns the follow-up of a carried decision or a task of the approved plan to a member (000:7).' })
  assignTask(@Arg('input') input: AssignTaskInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    const taskId = ctx.services.newId();
    const { store } = ctx.services;
    return run(ctx, input, task(taskId, true), async (metadata) => ({
      type: 'AssignTask' as const,
      metadata,
      data: {
        taskId,
        community: await loadCommunityFacts(store, metadata.tenant, input.communityId),
        title: input.title,
        ownerId: input.ownerId,
        dueOn: input.dueOn,
        origin: await originFacts(store, metadata.tenant, input.origin),
      },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'The owner, or the chair on the owner\'s behalf, completes a task; on time or late is fixed now (000:7, 002:6.1).' })
  completeTask(@Arg('input') input: CompleteTaskInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, task(input.taskId), async (metadata, state) => ({
      type: 'CompleteTask' as const,
      metadata,
      data: {
        taskId: input.taskId,
        community: await loadCommunityFacts(ctx.services.store, metadata.tenant, communityOf(state, input.taskId)),
        completedOn: input.completedOn,
        evidence: input.evidence,
        productIds: input.productIds,
      },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'The chair reports on the execution of a task at a meeting, once per meeting (000:7).' })
  reviewTask(@Arg('input') input: ReviewTaskInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, task(input.taskId), async (metadata, state) => ({
      type: 'ReviewTask' as const,
      metadata,
      data: {
        taskId: input.taskId,
        community: await loadCommunityFacts(ctx.services.store, metadata.tenant, communityOf(state, input.taskId)),
        meeting: await loadHeldMeetingFacts(ctx.services.store, metadata.tenant, input.meetingId),
        note: input.note,
      },
    }));
  }
}
