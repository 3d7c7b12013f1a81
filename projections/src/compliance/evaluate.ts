/**
 * Judges a community's compliance for one school year against its regulation profile:
 * meeting cadence in the calendar's windows, plan approved by its deadline, secretary
 * elected (where the profile has one), minutes for every held meeting, reports on time.
 * Every verdict lists the events it rests on.
 */
import { cadenceCompliance, cadenceWindows, type RegulationProfile, type RuleId, type Term, type WindowCompliance } from '@collegium/domain';
import type { ComplianceDoc } from './compliance';

export interface Verdict {
  readonly met: boolean;
  readonly rule: RuleId | null;
  readonly detail: string;
  readonly evidence: readonly string[];
}

export interface ComplianceReport {
  readonly schoolYear: string;
  readonly cadence: readonly (WindowCompliance & { readonly evidence: readonly string[] })[];
  readonly cadenceMet: boolean;
  readonly planApprovedOnTime: Verdict;
  readonly secretaryElected: Verdict | null;
  readonly minutesForEveryMeeting: Verdict;
  readonly reportsOnTime: Verdict;
  /** Share of the checks met, 0–1. */
  readonly score: number;
}

const inYear = (date: string, start: string, end: string): boolean => date >= start && date <= end;

export const evaluateCompliance = (
  doc: ComplianceDoc | null,
  profile: RegulationProfile,
  schoolYear: string,
  terms?: readonly Term[],
): ComplianceReport => {
  const start = `${schoolYear.slice(0, 4)}-09-01`;
  const end = `${schoolYear.slice(5, 9)}-08-31`;
  const meetings = (doc?.meetings ?? []).filter((m) => inYear(m.heldOn, start, end));
  const windows = cadenceCompliance(cadenceWindows(profile.cadence, schoolYear, terms), meetings.map((m) => m.heldOn)).map((w) => ({
    ...w,
    evidence: meetings.filter((m) => m.heldOn >= w.start && m.heldOn <= w.end).map((m) => m.eventId),
  }));

  const plans = (doc?.plans ?? []).filter((p) => p.schoolYear === schoolYear);
  const approved = plans.find((p) => p.approvedOn !== null);
  const planApprovedOnTime: Verdict = {
    met: approved?.onTime === true,
    rule: profile.planApproval.deadline?.rule ?? profile.planApproval.rule,
    detail: approved
      ? `approved on ${approved.approvedOn}${approved.deadline ? ` (deadline ${approved.deadline})` : ''}`
      : plans.length > 0
        ? `drafted, not approved${plans[0]?.deadline ? ` (deadline ${plans[0].deadline})` : ''}`
        : 'no plan',
    evidence: approved ? [approved.draftedEventId, approved.approvedEventId ?? ''].filter(Boolean) : plans.map((p) => p.draftedEventId),
  };

  const secretary = (doc?.secretaries ?? []).filter((s) => s.schoolYear === schoolYear).at(-1);
  const secretaryElected: Verdict | null = profile.secretary
    ? { met: secretary !== undefined, rule: profile.secretary.rule, detail: secretary ? `${secretary.memberId} elected on ${secretary.electedOn}` : 'no secretary elected', evidence: secretary ? [secretary.eventId] : [] }
    : null;

  const withoutMinutes = meetings.filter((m) => m.minutesEventId === null);
  const minutesForEveryMeeting: Verdict = {
    met: withoutMinutes.length === 0,
    rule: profile.minutes.rule,
    detail: `${meetings.length - withoutMinutes.length} of ${meetings.length} held meetings have minutes`,
    evidence: meetings.flatMap((m) => [m.eventId, ...(m.minutesEventId ? [m.minutesEventId] : [])]),
  };

  const reports = (doc?.reports ?? []).filter((r) => r.schoolYear === schoolYear);
  const late = reports.filter((r) => !r.onTime);
  const reportsOnTime: Verdict = {
    met: reports.length > 0 && late.length === 0,
    rule: profile.reporting.due?.rule ?? profile.reporting.rule,
    detail: reports.length === 0 ? 'no report submitted' : `${reports.length - late.length} of ${reports.length} reports on time`,
    evidence: reports.map((r) => r.eventId),
  };

  const checks = [windows.every((w) => w.met), planApprovedOnTime.met, minutesForEveryMeeting.met, reportsOnTime.met, ...(secretaryElected ? [secretaryElected.met] : [])];
  return {
    schoolYear,
    cadence: windows,
    cadenceMet: windows.every((w) => w.met),
    planApprovedOnTime,
    secretaryElected,
    minutesForEveryMeeting,
    reportsOnTime,
    score: checks.filter(Boolean).length / checks.length,
  };
};
