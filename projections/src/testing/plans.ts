/**
 * The plan's way through the approval chain of the community's profile, read as data:
 * drafted by the chair, discussed at a meeting when the chain starts with `discuss`
 * (000:7, 003:3.2), then agreed and approved by the roles each step names. Some plans are
 * returned once and revised; under a deadline (004:4.7) some are approved late.
 */
import { planDecider, resolveSchoolYearDay, type ApprovalStep, type MotionFacts } from '@collegium/domain';
import type { CommunitySim } from './communitySim';
import { planContent } from './content';
import { openStream } from './eventLog';
import { assignPlanTasks } from './tasks';
import { DAY, dayOf, HOUR, isoDate, startOfDay } from './time';
import type { PlanFlow } from './yearState';

const RETURN_RATE = 0.12;
const ON_TIME_RATE = 0.7;

const startsWithDiscussion = (sim: CommunitySim): boolean => sim.profile.planApproval.chain[0]?.kind === 'discuss';

/** When approval is aimed at under a deadline: mostly a few days before it, sometimes weeks after. */
const approveTarget = (sim: CommunitySim, schoolYear: string): number | null => {
  const deadline = sim.profile.planApproval.deadline;
  if (deadline === null) return null;
  const due = dayOf(resolveSchoolYearDay(schoolYear, deadline));
  return sim.rng.chance(ON_TIME_RATE) ? due - sim.rng.int(0, 4) * DAY : due + sim.rng.int(5, 35) * DAY;
};

/** The chair drafts the plan for `schoolYear` (this one, or the next with the report, 004:4.8). */
export const draftPlan = (sim: CommunitySim, schoolYear: string, at: number): PlanFlow => {
  const planId = `${sim.id}-plan-${schoolYear}`;
  const plan: PlanFlow = {
    stream: openStream(planDecider, 'plan', planId),
    planId,
    schoolYear,
    flow: sim.world.log.newFlow(),
    returned: false,
    awaitingDiscussion: false,
    approveTarget: null,
  };
  sim.world.log.append(
    plan.stream,
    { type: 'DraftPlan', data: { planId, community: sim.facts(), schoolYear, ...planContent(sim.rng, planId) }, metadata: sim.meta(sim.chair(), at, plan.flow) },
    plan.flow,
  );
  return plan;
};

/** Puts a drafted plan on its way: to the next meeting for discussion, or straight to submission. */
export const startPlanFlow = (sim: CommunitySim, plan: PlanFlow, at: number): void => {
  plan.approveTarget = approveTarget(sim, plan.schoolYear);
  if (startsWithDiscussion(sim)) plan.awaitingDiscussion = true;
  else sim.at(startOfDay(at) + sim.rng.int(1, 3) * DAY + 10 * HOUR, (t) => submit(sim, plan, t, undefined));
};

/** A meeting carried the motion on the plan: the chair submits it with that discussion the next day. */
export const onDiscussed = (sim: CommunitySim, plan: PlanFlow, discussion: MotionFacts, meetingDay: number): void => {
  plan.awaitingDiscussion = false;
  sim.at(meetingDay + DAY + 10 * HOUR, (t) => submit(sim, plan, t, discussion));
};

const submit = (sim: CommunitySim, plan: PlanFlow, at: number, discussion: MotionFacts | undefined): void => {
  sim.world.log.append(
    plan.stream,
    { type: 'SubmitPlan', data: { planId: plan.planId, discussion }, metadata: sim.meta(sim.chair(), at, plan.flow) },
    plan.flow,
  );
  scheduleStep(sim, plan, at);
};

/** The chain step the submitted plan now awaits, from the stream's own state. */
const awaitedStep = (plan: PlanFlow): Extract<ApprovalStep, { kind: 'agree' | 'approve' }> => {
  const state = plan.stream.state;
  if (state.status !== 'submitted') throw new Error(`plan ${plan.planId} awaits no official (${state.status})`);
  const step = state.chain[state.currentStep];
  if (step === undefined || step.kind === 'discuss') throw new Error(`plan ${plan.planId} awaits no official step`);
  return step;
};

const scheduleStep = (sim: CommunitySim, plan: PlanFlow, after: number): void => {
  const step = awaitedStep(plan);
  let when = startOfDay(after) + sim.rng.int(1, 4) * DAY + sim.rng.int(10, 16) * HOUR;
  if (step.kind === 'approve' && plan.approveTarget !== null) when = Math.max(when, plan.approveTarget + 11 * HOUR);
  sim.at(when, (t) => decideStep(sim, plan, t));
};

/** The official of the awaited step agrees, approves, or (rarely, once) returns the plan. */
const decideStep = (sim: CommunitySim, plan: PlanFlow, at: number): void => {
  const step = awaitedStep(plan);
  const official = sim.official(sim.rng.pick(step.roles));
  const metadata = sim.meta(official, at, plan.flow);
  if (!plan.returned && sim.rare('planReturn', RETURN_RATE)) {
    plan.returned = true;
    const reasons = ['Success criteria need measurable targets', 'Align the tasks with the school development programme'];
    sim.world.log.append(plan.stream, { type: 'ReturnPlan', data: { planId: plan.planId, reasons }, metadata }, plan.flow);
    sim.at(startOfDay(at) + sim.rng.int(3, 6) * DAY + 14 * HOUR, (t) => revise(sim, plan, t));
    return;
  }
  if (step.kind === 'agree') {
    sim.world.log.append(plan.stream, { type: 'AgreePlan', data: { planId: plan.planId }, metadata }, plan.flow);
    scheduleStep(sim, plan, at);
    return;
  }
  sim.world.log.append(plan.stream, { type: 'ApprovePlan', data: { planId: plan.planId, comment: 'Approved' }, metadata }, plan.flow);
  assignPlanTasks(sim, plan, at);
  scheduleCriterionResults(sim, plan, at);
};

/**
 * Before the winter holidays and near the year's end the chair records each success
 * criterion's measured value (000:7): half way to the target at first; at the end most reach
 * it, and every third criterion falls a little short. No random draws: the rest of the log
 * stays as it was generated before results were recorded.
 */
const scheduleCriterionResults = (sim: CommunitySim, plan: PlanFlow, approvedAt: number): void => {
  const first = Number(plan.schoolYear.slice(0, 4));
  const points = [
    { at: dayOf(`${first}-12-20`) + 15 * HOUR, share: 0.5 },
    { at: dayOf(`${first + 1}-05-25`) + 15 * HOUR, share: 1 },
  ];
  for (const point of points) if (point.at > approvedAt) sim.at(point.at, (t) => recordCriterionResults(sim, plan, t, point.share));
};

const recordCriterionResults = (sim: CommunitySim, plan: PlanFlow, at: number, share: number): void => {
  const state = plan.stream.state;
  const community = sim.facts();
  if (state.status !== 'approved' || community.status !== 'active' || community.chairId === null) return;
  state.content.successCriteria.forEach((criterion, i) => {
    const from = criterion.baseline ?? 0;
    const reached = share === 1 && i % 3 === 2 ? 0.9 : share;
    const value = Math.round((from + (criterion.target - from) * reached) * 10) / 10;
    sim.world.log.append(
      plan.stream,
      {
        type: 'RecordCriterionResult',
        data: { planId: plan.planId, criterionId: criterion.criterionId, value, measuredOn: isoDate(at), community },
        metadata: sim.meta(sim.chair(), at, plan.flow),
      },
      plan.flow,
    );
  });
};

/** The chair revises the returned plan; it then goes through the whole chain again. */
const revise = (sim: CommunitySim, plan: PlanFlow, at: number): void => {
  const content = planContent(sim.rng, plan.planId, 1);
  sim.world.log.append(
    plan.stream,
    { type: 'DraftPlan', data: { planId: plan.planId, community: sim.facts(), schoolYear: plan.schoolYear, ...content }, metadata: sim.meta(sim.chair(), at, plan.flow) },
    plan.flow,
  );
  startPlanFlow(sim, plan, at);
};
