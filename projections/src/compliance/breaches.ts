/**
 * Which of a community's compliance checks have become breaches as of a day: a verdict
 * that is "not met" only counts once its due date has passed (a plan may still be approved
 * before its deadline; a quarter may still get its meeting). The scheduled checks record
 * these as events (domain/src/compliance), once per key.
 */
import { resolveSchoolYearDay, type Breach, type RegulationProfile } from '@collegium/domain';
import type { ComplianceReport } from './evaluate';

const planBreach = (report: ComplianceReport, profile: RegulationProfile, today: string): Breach[] => {
  const deadline = profile.planApproval.deadline;
  if (!deadline) return [];
  const dueOn = resolveSchoolYearDay(report.schoolYear, deadline);
  if (today <= dueOn || report.planApprovedOnTime.met) return [];
  return [
    {
      kind: 'planNotApprovedByDeadline',
      key: `${report.schoolYear}.plan`,
      schoolYear: report.schoolYear,
      rule: deadline.rule,
      dueOn,
      detail: `plan for ${report.schoolYear} not approved by ${dueOn}: ${report.planApprovedOnTime.detail}`,
      evidence: report.planApprovedOnTime.evidence,
    },
  ];
};

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

const reportBreach = (report: ComplianceReport, profile: RegulationProfile, today: string): Breach[] => {
  const due = profile.reporting.due;
  if (!due) return [];
  const dueOn = resolveSchoolYearDay(report.schoolYear, due);
  if (today <= dueOn || report.reportsOnTime.met) return [];
  return [
    {
      kind: 'reportOverdue',
      key: `${report.schoolYear}.report`,
      schoolYear: report.schoolYear,
      rule: due.rule,
      dueOn,
      detail: `report for ${report.schoolYear} due ${dueOn}: ${report.reportsOnTime.detail}`,
      evidence: report.reportsOnTime.evidence,
    },
  ];
};

/** The breaches of `report` whose due date is before `today` (`YYYY-MM-DD`). */
export const dueBreaches = (report: ComplianceReport, profile: RegulationProfile, today: string): Breach[] => [
  ...planBreach(report, profile, today),
  ...cadenceBreaches(report, today),
  ...reportBreach(report, profile, today),
];
