/**
 * A community's school years: created by order with its founding members and its chair
 * appointed (year one), or continued into the next year by order (001:2.1); then the
 * year's plan, meetings, products, membership changes and report; at its end the community
 * is continued, or now and then dissolved (003:1.5).
 */
import type { CommunitySim } from './communitySim';
import { planMeeting } from './meetings';
import { foundingMembers, pickChair, scheduleMembershipChanges } from './membership';
import { draftPlan, startPlanFlow } from './plans';
import { scheduleProducts } from './products';
import { scheduleReport } from './reports';
import { DAY, HOUR, MINUTE, schoolDay, startOfDay } from './time';
import { newYear } from './yearState';

const DISSOLVE_RATE = 0.04;
const NEW_CHAIR_RATE = 0.08;
const SKIPPED_MEETING_RATE = 0.1;

/** Meeting windows: one a quarter (000:8, 003:3.3), which also covers one per half-year (004:4.5). */
const MEETING_WINDOWS: readonly (readonly [month: number, from: number, to: number])[] = [
  [10, 1, 10],
  [12, 1, 12],
  [3, 2, 13],
  [5, 12, 23],
];

/** The district's communities are created on 1 September, a minute apart. */
export const scheduleCreation = (sim: CommunitySim): void => {
  const schoolYear = sim.world.schoolYears[0];
  if (schoolYear === undefined) throw new Error('no school year to generate');
  sim.at(schoolDay(Number(schoolYear.slice(0, 4)), 9, 1) + 9 * HOUR + sim.setup.ordinal * MINUTE, (at) => createCommunity(sim, at));
};

const createCommunity = (sim: CommunitySim, at: number): void => {
  const schoolYear = sim.world.schoolYears[0] ?? '';
  sim.year = newYear(schoolYear, 0, sim.world.schoolYears.length === 1);
  const founding = foundingMembers(sim);
  const issuer = sim.issuer();
  const order = sim.order(startOfDay(at) - sim.rng.int(0, 5) * DAY);
  sim.onCommunity({
    type: 'CreateCommunity',
    data: {
      communityId: sim.id,
      name: sim.setup.name,
      profile: sim.profile,
      schoolYear,
      host: sim.setup.institutionId === undefined ? { level: 'district' } : { level: 'institution', institutionId: sim.setup.institutionId },
      subjects: founding.subjects,
      direction: founding.direction,
      foundingMembers: founding.members,
      order,
    },
    metadata: sim.meta(issuer, at, sim.flow),
  });
  sim.world.createdCommunityIds.push(sim.id);
  appointChair(sim, pickChair(sim, founding.members), at + 30 * MINUTE);
  startYear(sim, at);
};

/** The chair is appointed by order of the profile's issuer (000:6, 002:4.5, 004:1.4). */
const appointChair = (sim: CommunitySim, memberId: string | null, at: number): void => {
  if (memberId === null) throw new Error(`community ${sim.id} has no member eligible to chair`);
  sim.onCommunity({
    type: 'AppointChair',
    data: { communityId: sim.id, memberId, order: sim.order(startOfDay(at)) },
    metadata: sim.meta(sim.issuer(), at, sim.flow),
  });
};

const continueCommunity = (sim: CommunitySim, index: number, at: number): void => {
  const schoolYear = sim.world.schoolYears[index] ?? '';
  sim.onCommunity({
    type: 'ContinueCommunity',
    data: { communityId: sim.id, schoolYear, order: sim.order(startOfDay(at) - sim.rng.int(0, 4) * DAY) },
    metadata: sim.meta(sim.issuer(), at, sim.flow),
  });
  sim.year = newYear(schoolYear, index, index === sim.world.schoolYears.length - 1);
  // A new chair now and then; not while a plan drafted by the old one is carried over (its drafter submits it).
  if (sim.carriedPlan === null && sim.rng.chance(NEW_CHAIR_RATE)) {
    const newChair = pickChair(sim, sim.facts().members, sim.facts().chairId);
    if (newChair !== null) appointChair(sim, newChair, at + 30 * MINUTE);
  }
  startYear(sim, at);
};

/** The year's plan: the one carried with last year's report (004:4.8), or drafted in early September. */
const schedulePlan = (sim: CommunitySim, at: number): void => {
  const carried = sim.carriedPlan;
  sim.carriedPlan = null;
  if (carried !== null && carried.schoolYear === sim.year.schoolYear) {
    sim.year.plan = carried;
    startPlanFlow(sim, carried, at);
    return;
  }
  sim.at(schoolDay(sim.year.firstYear, 9, sim.rng.int(2, 6)) + 10 * HOUR, (t) => {
    const plan = draftPlan(sim, sim.year.schoolYear, t);
    sim.year.plan = plan;
    startPlanFlow(sim, plan, t);
  });
};

const scheduleMeetings = (sim: CommunitySim): void => {
  MEETING_WINDOWS.forEach(([month, from, to], i) => {
    if (i > 0 && sim.rng.chance(SKIPPED_MEETING_RATE)) return;
    planMeeting(sim, schoolDay(sim.year.firstYear, month, sim.rng.int(from, to)));
  });
};

const startYear = (sim: CommunitySim, at: number): void => {
  schedulePlan(sim, at);
  scheduleMeetings(sim);
  scheduleProducts(sim);
  scheduleMembershipChanges(sim);
  scheduleReport(sim);
  sim.at(schoolDay(sim.year.firstYear, 8, sim.rng.int(26, 29)) + 10 * HOUR, (t) => endYear(sim, t));
};

/**
 * Continued into the next year by order, or dissolved (003:1.5). Only institution-hosted
 * communities are dissolved: a district community still owes its report and next plan (004:4.8).
 */
const endYear = (sim: CommunitySim, at: number): void => {
  const year = sim.year;
  if (sim.profile.hostLevel === 'institution' && sim.rare('dissolve', DISSOLVE_RATE)) {
    sim.onCommunity({
      type: 'DissolveCommunity',
      data: { communityId: sim.id, reason: 'The community has achieved its goals', order: sim.order(startOfDay(at)) },
      metadata: sim.meta(sim.issuer(), at, sim.flow),
    });
    sim.dissolved = true;
    return;
  }
  if (year.isLast) return;
  const next = year.index + 1;
  sim.at(schoolDay(year.firstYear + 1, 9, 1) + 8 * HOUR, (t) => continueCommunity(sim, next, t));
};
