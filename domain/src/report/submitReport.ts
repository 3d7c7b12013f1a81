import { dateOf, isSchoolYear, nextSchoolYear, resolveSchoolYearDay, schoolYearStart } from '../shared/calendar';
import { badInput, ensure, forbidden, invalidState, ruleViolation, type DomainError } from '../shared/errors';
import type { CommunityFacts, PlanFacts } from '../shared/facts';
import { assertNever, event } from '../shared/message';
import { REPORT_KINDS, type ReportingRules } from '../profiles/profile';
import type { NextYearPlanRef, ReporterRole, ReportState, ReportSubmitted, SubmitReport } from './types';
import { ensureSameTenant, requireText, requireTexts } from './validation';

/** The person holding a community role: the secretary is elected for the year (000:6). */
const holderOf = (role: ReporterRole, community: CommunityFacts): string | null => {
  switch (role) {
    case 'chair':
      return community.chairId;
    case 'secretary':
      return community.secretaryId;
    default:
      return assertNever(role);
  }
};

/** The community role in which the actor may report (000:7: the secretary prepares the annual report). */
const reporterRole = (command: SubmitReport): ReporterRole => {
  const { community } = command.data;
  const { reporting } = community.profile;
  const role = reporting.reporters.find((r) => holderOf(r, community) === command.metadata.actor.id);
  ensure(role !== undefined, () => forbidden(`only the community's ${reporting.reporters.join(' or ')} submits its reports`, reporting.rule));
  return role;
};

/** Why `plan` is not the community's plan for the school year after the report's, or null. */
const nextYearPlanFault = (plan: PlanFacts, command: SubmitReport): string | null => {
  const { community, schoolYear } = command.data;
  if (plan.communityId !== community.communityId) return `plan ${plan.planId} is of another community`;
  if (plan.schoolYear !== nextSchoolYear(schoolYear)) return `plan ${plan.planId} is for ${plan.schoolYear}, not ${nextSchoolYear(schoolYear)}`;
  return null;
};

/**
 * The next year's draft plan that goes with the report: required by 004:4.8 when the
 * profile says so, where a missing or wrong plan breaks the rule; otherwise optional, and a
 * wrong one is bad input.
 */
const checkedNextYearPlan = (command: SubmitReport, reporting: ReportingRules): NextYearPlanRef | null => {
  const plan = command.data.nextYearPlan;
  const fail = (message: string): DomainError => (reporting.requiresNextYearPlan ? ruleViolation(reporting.rule, message) : badInput(message));
  if (plan === undefined || plan === null) {
    ensure(!reporting.requiresNextYearPlan, () => fail(`the report goes with the draft plan for ${nextSchoolYear(command.data.schoolYear)}`));
    return null;
  }
  const fault = nextYearPlanFault(plan, command);
  ensure(fault === null, () => fail(fault ?? ''));
  return { planId: plan.planId, schoolYear: plan.schoolYear, status: plan.status };
};

const validateData = (command: SubmitReport): void => {
  const { data, metadata } = command;
  requireText(data.reportId, 'reportId');
  requireText(data.community.communityId, 'community.communityId');
  ensure(REPORT_KINDS.includes(data.kind), () => badInput(`${String(data.kind)} is not a kind of report`));
  ensure(isSchoolYear(data.schoolYear), () => badInput(`schoolYear ${data.schoolYear} is not of the form 2025-2026`));
  ensure(schoolYearStart(data.schoolYear) <= dateOf(metadata.now), () => badInput(`school year ${data.schoolYear} has not begun`));
  requireText(data.summary, 'summary');
  requireTexts(data.achievements, 'achievements');
};

const submitted = (command: SubmitReport, submission: number): ReportSubmitted => {
  const { data, metadata } = command;
  const { community } = data;
  const { reporting } = community.profile;
  // Checked in the order an auditor reads the regulation: who reports, what, and with what.
  const submittedAs = reporterRole(command);
  ensure(reporting.kinds.includes(data.kind), () => ruleViolation(reporting.rule, `this community's reports are ${reporting.kinds.join(', ')}, not ${data.kind}`));
  const nextYearPlan = checkedNextYearPlan(command, reporting);
  const dueOn = reporting.due === null ? null : resolveSchoolYearDay(data.schoolYear, reporting.due);
  return event('ReportSubmitted', {
    reportId: data.reportId,
    communityId: community.communityId,
    districtId: community.districtId,
    institutionId: community.institutionId,
    kind: data.kind,
    schoolYear: data.schoolYear,
    summary: data.summary,
    achievements: data.achievements,
    nextYearPlan,
    submission,
    submittedBy: metadata.actor.id,
    submittedAs,
    submittedAt: metadata.now,
    dueOn,
    onTime: dueOn === null || dateOf(metadata.now) <= dueOn,
    acceptorRoles: reporting.acceptorRoles,
    rule: reporting.rule,
  });
};

/**
 * A community reports on a school year; a returned report is resubmitted in the same stream.
 * A dissolved community may still report: the final report is written when the work ends (002).
 * A late report is accepted and recorded as late (004:4.8).
 */
export const submitReport = (command: SubmitReport, state: ReportState): readonly ReportSubmitted[] => {
  validateData(command);
  const { data } = command;
  ensureSameTenant(command.metadata, data.community);
  switch (state.status) {
    case 'none':
      return [submitted(command, 1)];
    case 'returned':
      ensure(
        data.reportId === state.reportId && data.community.communityId === state.communityId && data.kind === state.kind && data.schoolYear === state.schoolYear,
        () => badInput(`a resubmission of report ${state.reportId} keeps its community, kind and school year`),
      );
      return [submitted(command, state.submission + 1)];
    case 'submitted':
      throw invalidState(`report ${state.reportId} has been submitted and awaits review`);
    case 'accepted':
      throw invalidState(`report ${state.reportId} has been accepted`);
    default:
      return assertNever(state);
  }
};
