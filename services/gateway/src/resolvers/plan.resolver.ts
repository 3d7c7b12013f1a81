import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  criterionStanding,
  planDecider,
  planTaskProgress,
  productDecider,
  streamName,
  taskDecider,
  type ApprovalStep,
  type CriterionResult,
  type PlanState,
  type ProductState,
  type StreamType,
  type TaskState,
} from '@collegium/domain';
import type { StreamViewDoc } from '@collegium/projections';
import {
  AgreePlanInput,
  ApprovePlanInput,
  CommandPayload,
  DraftPlanInput,
  Plan,
  PlanTaskProgressView,
  RecordCriterionResultInput,
  ReturnPlanInput,
  type CriterionResultView,
  SubmitPlanInput,
  type PlanApprovalStep,
} from '@collegium/schema';
import { loadCommunityFacts, loadMotionFacts, loadPlanFacts, loadVisible } from '../application/load';
import { requirePrincipal, type GatewayContext } from '../context';
import { consistent } from './consistency';
import { run } from './run';

type ExistingPlan = Exclude<PlanState, { status: 'none' }>;

/** A step of the chain and how it stands: done in the latest submission, awaited now, or ahead. */
const toStepView = (state: ExistingPlan, step: ApprovalStep, index: number): PlanApprovalStep => {
  const done = state.history.find((h) => h.step === index);
  const current = state.status === 'submitted' && state.currentStep === index;
  return {
    index,
    kind: step.kind,
    roles: step.kind === 'discuss' ? [] : [...step.roles],
    rule: step.rule,
    state: done ? 'done' : current ? 'current' : 'pending',
    doneBy: done?.by ?? null,
    doneAt: done?.at ?? null,
  };
};

const toResultView = (result: CriterionResult): CriterionResultView => ({ ...result, note: result.note ?? null });

export const toPlanView = (state: PlanState, revision: number): Plan | null => {
  if (state.status === 'none') return null;
  const { content } = state;
  // Views stored before results existed have none.
  const results = state.status === 'approved' ? (state.results ?? []) : [];
  return {
    planId: state.planId,
    communityId: state.communityId,
    districtId: state.districtId,
    institutionId: state.institutionId ?? null,
    status: state.status.toUpperCase(),
    schoolYear: state.schoolYear,
    theme: content.theme,
    goal: content.goal,
    priorities: [...content.priorities],
    tasks: content.tasks.map((t) => ({ ...t, activities: [...t.activities] })),
    successCriteria: content.successCriteria.map((c) => {
      const standing = criterionStanding(c, results);
      return {
        ...c,
        baseline: c.baseline ?? null,
        taskId: c.taskId ?? null,
        results: results.filter((r) => r.criterionId === c.criterionId).map(toResultView),
        latest: standing.latest && toResultView(standing.latest),
        progress: standing.progress,
        met: standing.met,
      };
    }),
    approvalChain: state.chain.map((step, i) => toStepView(state, step, i)),
    currentStep: state.status === 'submitted' ? state.currentStep : null,
    rule: state.rule,
    deadline: state.deadline,
    onTime: state.status === 'approved' ? state.onTime : null,
    approvedAt: state.status === 'approved' ? state.approvedAt : null,
    chairId: state.chairId,
    revisions: state.revision,
    submissions: state.submissions,
    lastChangedAt: state.lastChangedAt,
    returnReasons: state.status === 'returned' ? [...state.reasons] : [],
    revision,
  };
};

const plan = (planId: string, creates = false) => ({ stream: streamName('plan', planId), decider: planDecider, creates, what: 'plan' }) as const;

@Resolver()
export class PlanResolver {
  @Query(() => Plan, { nullable: true, description: 'A plan from its event stream; `asOf` (ISO instant) shows it as it was then.' })
  async plan(
    @Arg('id') id: string,
    @Arg('asOf', () => String, { nullable: true }) asOf: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Plan | null> {
    const { tenant } = requirePrincipal(ctx);
    const { state, revision } = await loadVisible(ctx.services.store, tenant, streamName('plan', id), planDecider, asOf ?? undefined);
    const view = toPlanView(state, revision);
    return view && { ...view, asOf };
  }

  @Mutation(() => CommandPayload, {
    description: 'The chair drafts the plan of a school year, or revises a draft or returned plan named by planId (000:7, 003:3.2); the chain and deadline come from the profile.',
  })
  draftPlan(@Arg('input') input: DraftPlanInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    const planId = input.planId ?? ctx.services.newId();
    return run(ctx, input, plan(planId, planId !== input.planId), async (metadata) => ({
      type: 'DraftPlan' as const,
      metadata,
      data: {
        planId,
        community: await loadCommunityFacts(ctx.services.store, metadata.tenant, input.communityId),
        schoolYear: input.schoolYear,
        theme: input.theme,
        goal: input.goal,
        priorities: input.priorities,
        tasks: input.tasks.map((t) => ({
          taskId: t.taskId,
          title: t.title,
          activities: t.activities,
          expectedResult: t.expectedResult,
          productForm: t.productForm,
        })),
        successCriteria: input.successCriteria.map((c) => ({
          criterionId: c.criterionId,
          description: c.description,
          indicator: c.indicator,
          baseline: c.baseline ?? undefined,
          target: c.target,
          unit: c.unit,
          taskId: c.taskId ?? undefined,
        })),
      },
    }));
  }

  @Mutation(() => CommandPayload, {
    description: 'The chair submits the plan into the approval chain, with the carried motion of the meeting that discussed it where the chain requires (000:7, 003:3.2).',
  })
  submitPlan(@Arg('input') input: SubmitPlanInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    const { discussion } = input;
    return run(ctx, input, plan(input.planId), async (metadata) => ({
      type: 'SubmitPlan' as const,
      metadata,
      data: {
        planId: input.planId,
        discussion: discussion ? await loadMotionFacts(ctx.services.store, metadata.tenant, discussion.meetingId, discussion.motionId) : undefined,
      },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'An official of the current agree step agrees the plan (согласование; 000:7, 003:3.2).' })
  agreePlan(@Arg('input') input: AgreePlanInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, plan(input.planId), (metadata) => ({
      type: 'AgreePlan' as const,
      metadata,
      data: { planId: input.planId, comment: input.comment ?? undefined },
    }));
  }

  @Mutation(() => CommandPayload, {
    description: 'An official of the final step approves the plan (утверждение; 000:7, 003:3.2, 004:4.7); a late approval is recorded as not on time.',
  })
  approvePlan(@Arg('input') input: ApprovePlanInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, plan(input.planId), (metadata) => ({
      type: 'ApprovePlan' as const,
      metadata,
      data: { planId: input.planId, comment: input.comment ?? undefined },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'The official of the current step returns the plan to the chair with reasons; the chain restarts after revision.' })
  returnPlan(@Arg('input') input: ReturnPlanInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, plan(input.planId), (metadata) => ({
      type: 'ReturnPlan' as const,
      metadata,
      data: { planId: input.planId, reasons: input.reasons },
    }));
  }

  @Mutation(() => CommandPayload, {
    description: "The chair records a success criterion's measured value of the approved plan (000:7); the plan's view then shows the criterion's progress towards its target.",
  })
  recordCriterionResult(@Arg('input') input: RecordCriterionResultInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, plan(input.planId), async (metadata) => {
      const { communityId } = await loadPlanFacts(ctx.services.store, metadata.tenant, input.planId);
      return {
        type: 'RecordCriterionResult' as const,
        metadata,
        data: {
          planId: input.planId,
          criterionId: input.criterionId,
          value: input.value,
          measuredOn: input.measuredOn,
          note: input.note ?? undefined,
          // The community as it stands now: its current chair records (a plan knows only who drafted it).
          community: await loadCommunityFacts(ctx.services.store, metadata.tenant, communityId),
        },
      };
    });
  }
}

/** The streams' states behind `docs`: as the read model holds them, or folded from the log as of an instant. */
const statesOf = async <S>(ctx: GatewayContext, docs: readonly StreamViewDoc[], stream: StreamType, decider: Parameters<typeof loadVisible>[3], asOf: string | null | undefined): Promise<S[]> => {
  if (!asOf) return docs.map((doc) => doc.state as S);
  const { tenant } = requirePrincipal(ctx);
  const states: S[] = [];
  for (const doc of docs) states.push((await loadVisible(ctx.services.store, tenant, streamName(stream, doc._id), decider, asOf)).state as S);
  return states;
};

@Resolver(() => Plan)
export class PlanProgressResolver {
  @FieldResolver(() => [PlanTaskProgressView], {
    description: "Each plan task's execution: the tasks assigned from it (done on time, late, open) and the products of its result; as of `asOf` when the plan was asked as of an instant.",
  })
  async taskProgress(@Root() plan: Plan, @Ctx() ctx: GatewayContext): Promise<PlanTaskProgressView[]> {
    // The read models find the community's tasks and products; an "as of" view folds each from the log.
    const readStore = await consistent(ctx, null);
    const filter = { communityId: plan.communityId };
    const [taskDocs, productDocs] = await Promise.all([
      readStore.find('streamViews', 'tasks', filter, { limit: 100_000 }) as Promise<StreamViewDoc[]>,
      readStore.find('streamViews', 'products', filter, { limit: 100_000 }) as Promise<StreamViewDoc[]>,
    ]);
    const tasks = await statesOf<TaskState>(ctx, taskDocs, 'task', taskDecider as Parameters<typeof loadVisible>[3], plan.asOf);
    const products = await statesOf<ProductState>(ctx, productDocs, 'product', productDecider as Parameters<typeof loadVisible>[3], plan.asOf);
    const ref = { planId: plan.planId, communityId: plan.communityId, schoolYear: plan.schoolYear, content: { tasks: plan.tasks } };
    return planTaskProgress(ref, tasks, products).map((p) => ({ ...p, productIds: [...p.productIds] }));
  }
}
