/**
 * Tasks: a carried decision's follow-up or a task of the approved plan, given to a member
 * with a due date; completed on time (~70 %), late (~15 %) or never (~15 %), so the
 * task-completion metric (002:6.1) has all three to count. The chair reports on them at
 * the next meeting (000:7).
 */
import { taskDecider, toPlanFacts, type AssignTaskOrigin, type MotionFacts } from '@collegium/domain';
import type { CommunitySim } from './communitySim';
import { decisionText } from './content';
import { openStream } from './eventLog';
import { DAY, HOUR, isoDate, MINUTE, startOfDay } from './time';
import type { HeldMeetingRef, PlanFlow, TrackedTask } from './yearState';

const ON_TIME = 0.7;
const LATE = 0.15;

const pickOwner = (sim: CommunitySim): string => sim.rng.pick(sim.facts().members).memberId;

const assign = (sim: CommunitySim, taskId: string, title: string, origin: AssignTaskOrigin, dueDay: number, at: number): void => {
  const task: TrackedTask = {
    stream: openStream(taskDecider, 'task', taskId),
    taskId,
    ownerId: pickOwner(sim),
    flow: sim.world.log.newFlow(),
  };
  sim.world.log.append(
    task.stream,
    {
      type: 'AssignTask',
      data: { taskId, community: sim.facts(), title, ownerId: task.ownerId, dueOn: isoDate(dueDay), origin },
      metadata: sim.meta(sim.chair(), at, task.flow),
    },
    task.flow,
  );
  sim.year.pendingReviews.push(task);
  scheduleOutcome(sim, task, startOfDay(at), dueDay);
};

/** Decides now how the task will end, and schedules its completion if it is ever completed. */
const scheduleOutcome = (sim: CommunitySim, task: TrackedTask, assignedDay: number, dueDay: number): void => {
  const roll = sim.rng.next();
  if (roll >= ON_TIME + LATE) return;
  const completedDay =
    roll < ON_TIME ? Math.max(assignedDay + 2 * DAY, dueDay - sim.rng.int(0, 10) * DAY) : dueDay + sim.rng.int(1, 21) * DAY;
  sim.at(completedDay + sim.rng.int(9, 12) * HOUR, (at) => complete(sim, task, completedDay, at));
};

/** The owner reports the task done, or the chair on the owner's behalf (000:7), e.g. after the owner left. */
const complete = (sim: CommunitySim, task: TrackedTask, completedDay: number, at: number): void => {
  const byOwner = sim.isMember(task.ownerId) && sim.rng.chance(0.85);
  sim.world.log.append(
    task.stream,
    {
      type: 'CompleteTask',
      data: {
        taskId: task.taskId,
        community: sim.facts(),
        completedOn: isoDate(completedDay),
        evidence: 'Report and materials at the meeting',
        productIds: [],
      },
      metadata: sim.meta(byOwner ? sim.member(task.ownerId) : sim.chair(), at, task.flow),
    },
    task.flow,
  );
};

/** The day after the meeting the chair gives each carried decision to one or two members (000:7). */
export const assignDecisionTasks = (sim: CommunitySim, decision: MotionFacts, meetingDay: number): void => {
  sim.at(meetingDay + DAY + 9 * HOUR + 30 * MINUTE, (at) => {
    const count = sim.rng.int(1, 2);
    for (let k = 1; k <= count; k++) {
      const dueDay = meetingDay + sim.rng.int(28, 42) * DAY;
      assign(sim, `${decision.motionId}-task-${k}`, decision.text, { decision }, dueDay, at + k * MINUTE);
    }
  });
};

/** Once the plan is approved, some of its tasks are set to work with due dates months ahead. */
export const assignPlanTasks = (sim: CommunitySim, plan: PlanFlow, approvedAt: number): void => {
  sim.at(startOfDay(approvedAt) + sim.rng.int(2, 5) * DAY + 11 * HOUR, (at) => {
    const facts = toPlanFacts(plan.stream.state, plan.planId);
    for (const planTaskId of sim.rng.sample(facts.taskIds, sim.rng.int(1, 2))) {
      const dueDay = startOfDay(at) + sim.rng.int(60, 120) * DAY;
      assign(sim, `${planTaskId}-work`, decisionText(sim.rng), { planTask: { plan: facts, planTaskId } }, dueDay, sim.tick());
    }
  });
};

/** At a meeting the chair reports on every task given since the previous one (000:7). */
export const reviewTasks = (sim: CommunitySim, meeting: HeldMeetingRef): void => {
  for (const task of sim.year.pendingReviews) {
    sim.world.log.append(
      task.stream,
      {
        type: 'ReviewTask',
        data: { taskId: task.taskId, community: sim.facts(), meeting: { ...meeting, communityId: sim.id }, note: 'The chair reported on the execution' },
        metadata: sim.meta(sim.chair(), sim.tick(), task.flow),
      },
      task.flow,
    );
  }
  sim.year.pendingReviews = [];
};
