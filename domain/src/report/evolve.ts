import { assertNever } from '../shared/message';
import type { ReportEvent, ReportRecord, ReportState } from './types';

export const initialReportState = (): ReportState => ({ status: 'none' });

const recordOf = (state: Exclude<ReportState, { readonly status: 'none' }>): ReportRecord => ({
  reportId: state.reportId,
  communityId: state.communityId,
  districtId: state.districtId,
  institutionId: state.institutionId,
  kind: state.kind,
  schoolYear: state.schoolYear,
  summary: state.summary,
  achievements: state.achievements,
  nextYearPlanId: state.nextYearPlanId,
  submission: state.submission,
  submittedBy: state.submittedBy,
  submittedAs: state.submittedAs,
  submittedAt: state.submittedAt,
  dueOn: state.dueOn,
  onTime: state.onTime,
  acceptorRoles: state.acceptorRoles,
  rule: state.rule,
});

/**
 * Total: an event that does not fit the state (impossible in a stream the decider wrote)
 * leaves the state unchanged instead of throwing.
 */
export const evolveReport = (state: ReportState, event: ReportEvent): ReportState => {
  switch (event.type) {
    case 'ReportSubmitted': {
      const d = event.data;
      return {
        status: 'submitted',
        reportId: d.reportId,
        communityId: d.communityId,
        districtId: d.districtId,
        institutionId: d.institutionId,
        kind: d.kind,
        schoolYear: d.schoolYear,
        summary: d.summary,
        achievements: d.achievements,
        nextYearPlanId: d.nextYearPlan?.planId ?? null,
        submission: d.submission,
        submittedBy: d.submittedBy,
        submittedAs: d.submittedAs,
        submittedAt: d.submittedAt,
        dueOn: d.dueOn,
        onTime: d.onTime,
        acceptorRoles: d.acceptorRoles,
        rule: d.rule,
      };
    }
    case 'ReportAccepted':
      if (state.status === 'none') return state;
      return { ...recordOf(state), status: 'accepted', acceptedAt: event.data.acceptedAt };
    case 'ReportReturned':
      if (state.status === 'none') return state;
      return { ...recordOf(state), status: 'returned', reasons: event.data.reasons };
    default:
      return assertNever(event);
  }
};
