/**
 * The end-of-year report by the profile's reporter (000:7: the secretary; elsewhere the
 * chair), of one of the profile's kinds, with the next year's draft plan where the profile
 * wants it (004:4.8); accepted by the receiving official, sometimes after one return.
 * Under a due date (004:4.8: 1 September) most are on time and some late.
 */
import { nextSchoolYear, reportDecider, resolveSchoolYearDay, toPlanFacts, type CommunityFacts } from '@collegium/domain';
import type { CommunitySim } from './communitySim';
import { openStream, type Flow } from './eventLog';
import { draftPlan } from './plans';
import type { Person } from './roster';
import { DAY, dayOf, HOUR, schoolDay, startOfDay } from './time';
import type { PlanFlow, ReportStream } from './yearState';

const LATE_RATE = 0.2;
const RETURN_RATE = 0.15;

interface ReportFlow {
  readonly stream: ReportStream;
  readonly reportId: string;
  readonly schoolYear: string;
  readonly kind: CommunityFacts['profile']['reporting']['kinds'][number];
  readonly flow: Flow;
  /** The next year's draft plan that goes with the report (004:4.8), if the profile wants one. */
  readonly nextYearPlan: PlanFlow | null;
  returned: boolean;
}

/** When the report goes in: in June, or around the profile's due date when it has one. */
const submissionDay = (sim: CommunitySim, prepDay: number): number => {
  const { reporting } = sim.profile;
  const { firstYear, schoolYear } = sim.year;
  if (reporting.due === null) return schoolDay(firstYear, 6, sim.rng.int(16, 28));
  const due = dayOf(resolveSchoolYearDay(schoolYear, reporting.due));
  if (sim.rng.chance(LATE_RATE)) return due + sim.rng.int(1, 5) * DAY;
  return Math.min(due - DAY, prepDay + sim.rng.int(2, 60) * DAY);
};

export const scheduleReport = (sim: CommunitySim): void => {
  const year = sim.year;
  const prepDay = schoolDay(year.firstYear, 6, sim.rng.int(1, 15));
  const holder: { plan: PlanFlow | null } = { plan: null };
  if (sim.profile.reporting.requiresNextYearPlan) {
    // 004:4.8: the next year's plan is drafted first, and carried into that year's approval.
    sim.at(prepDay + 10 * HOUR, (at) => {
      holder.plan = draftPlan(sim, nextSchoolYear(year.schoolYear), at);
      sim.carriedPlan = holder.plan;
    });
  }
  sim.at(submissionDay(sim, prepDay) + 11 * HOUR, (at) => {
    const reportId = `${sim.id}-report-${year.schoolYear}`;
    const report: ReportFlow = {
      stream: openStream(reportDecider, 'report', reportId),
      reportId,
      schoolYear: year.schoolYear,
      kind: sim.rng.chance(0.8) ? (sim.profile.reporting.kinds[0] ?? 'annual') : sim.rng.pick(sim.profile.reporting.kinds),
      flow: sim.world.log.newFlow(),
      nextYearPlan: holder.plan,
      returned: false,
    };
    submit(sim, report, year.productTitles.slice(), at);
  });
};

/** The holder of one of the profile's reporter roles: the secretary (000:7) or the chair. */
const reporter = (sim: CommunitySim): Person => {
  const facts = sim.facts();
  for (const role of sim.profile.reporting.reporters) {
    const holderId = role === 'chair' ? facts.chairId : facts.secretaryId;
    if (holderId !== null) return sim.member(holderId);
  }
  throw new Error(`community ${sim.id} has no ${sim.profile.reporting.reporters.join(' or ')} to report`);
};

const submit = (sim: CommunitySim, report: ReportFlow, achievements: readonly string[], at: number): void => {
  sim.world.log.append(
    report.stream,
    {
      type: 'SubmitReport',
      data: {
        reportId: report.reportId,
        community: sim.facts(),
        kind: report.kind,
        schoolYear: report.schoolYear,
        summary: `The community worked on its plan for ${report.schoolYear}`,
        achievements,
        nextYearPlan: report.nextYearPlan === null ? undefined : toPlanFacts(report.nextYearPlan.stream.state, report.nextYearPlan.planId),
      },
      metadata: sim.meta(reporter(sim), at, report.flow),
    },
    report.flow,
  );
  sim.at(startOfDay(at) + sim.rng.int(3, 14) * DAY + 12 * HOUR, (t) => review(sim, report, achievements, t));
};

/** The receiving official accepts, or once returns it for more detail; it is then resubmitted. */
const review = (sim: CommunitySim, report: ReportFlow, achievements: readonly string[], at: number): void => {
  const metadata = sim.meta(sim.official(sim.profile.reporting.acceptorRoles[0] ?? 'director'), at, report.flow);
  if (!report.returned && sim.rare('reportReturn', RETURN_RATE)) {
    report.returned = true;
    sim.world.log.append(report.stream, { type: 'ReturnReport', data: { reportId: report.reportId, reasons: ['Add the analysis of the success criteria'] }, metadata }, report.flow);
    sim.at(startOfDay(at) + sim.rng.int(4, 10) * DAY + 10 * HOUR, (t) => submit(sim, report, [...achievements, 'Analysis of the success criteria'], t));
    return;
  }
  sim.world.log.append(report.stream, { type: 'AcceptReport', data: { reportId: report.reportId, comment: 'Accepted' }, metadata }, report.flow);
};
