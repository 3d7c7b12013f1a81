import { event } from '../shared/message';
import { reviewable } from './review';
import type { ReportReturned, ReportState, ReturnReport } from './types';
import { requireTexts } from './validation';

/** An official of the receiving roles sends the report back with reasons; it is then resubmitted. */
export const returnReport = (command: ReturnReport, state: ReportState): readonly ReportReturned[] => {
  const { data, metadata } = command;
  requireTexts(data.reasons, 'reasons', 1);
  const report = reviewable(command, state);
  return [
    event('ReportReturned', {
      reportId: report.reportId,
      communityId: report.communityId,
      reasons: data.reasons,
      returnedBy: metadata.actor.id,
      returnedByRole: metadata.actor.role,
      returnedAt: metadata.now,
    }),
  ];
};
