/**
 * Which of a community's compliance checks have become breaches as of a day: a verdict
 * that is "not met" only counts once its due date has passed (a plan may still be approved
 * before its deadline; a quarter may still get its meeting). The scheduled checks record
 * these as events (domain/src/compliance), once per key.
 */
import { resolveSchoolYearDay, type Breach, type RegulationProfile } from '@collegium/domain';
import type { ComplianceReport } from './evaluate';

type Deadline = NonNullable<RegulationProfile['planApproval']['deadline']>;

/** A check with a fixed due day of the school year: a breach once that day has passed unmet. */
const deadlineBreach = (
  report: ComplianceReport,
  today: string,
  deadline: Deadline | null,
  verdict: ComplianceReport['planApprovedOnTime'],
  kind: 'planNotApprovedByDeadline' | 'reportOverdue',
  key: string,
  describe: (dueOn: string) => string,
): Breach[] => {
  if (!deadline) return [];
  const dueOn = resolveSchoolYearDay(report.schoolYear, deadline);
  if (today <= dueOn || verdict.met) return [];
  return [{ kind, key: `${report.schoolYear}.${key}`, schoolYear: report.schoolYear, rule: deadline.rule, dueOn, detail: `${describe(dueOn)}: ${verdict.detail}`, evidence: verdict.evidence }];
};

const planBreach = (report: ComplianceReport, profile: RegulationProfile, today: string): Breach[] =>
  deadlineBreach(report, today, profile.planApproval.deadline, report.planApprovedOnTime, 'planNotApprovedByDeadline', 'plan', (dueOn) => `plan for ${report.schoolYear} not approved by ${dueOn}`);

const reportBreach = (report: ComplianceReport, profile: RegulationProfile, today: string): Breach[] =>
  deadlineBreach(report, today, profile.reporting.due, report.reportsOnTime, 'reportOverdue', 'report', (dueOn) => `report for ${report.schoolYear} due ${dueOn}`);

const cadenceBreaches = (report: ComplianceReport, today: string): Breach[] =>
  report.cadence
    .filter((w) => w.end < today && !w.met)
    .map((w) => ({
      kind: 'meetingCadenceMissed' as const,
      key: `${report.schoolYear}.cadence.${w.start}`,
      schoolYear: report.schoolYear,
      rule: w.rule,
      dueOn: w.end,
      detail: `${w.name} (${w.start} – ${w.end}): ${w.held} of ${w.required} required meetings held`,
      evidence: w.evidence,
    }));

/** The breaches of `report` whose due date is before `today` (`YYYY-MM-DD`). */
export const dueBreaches = (report: ComplianceReport, profile: RegulationProfile, today: string): Breach[] => [
  ...planBreach(report, profile, today),
  ...cadenceBreaches(report, today),
  ...reportBreach(report, profile, today),
];
