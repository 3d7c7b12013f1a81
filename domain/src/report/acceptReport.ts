import { event } from '../shared/message';
import { reviewable } from './review';
import type { AcceptReport, ReportAccepted, ReportState } from './types';
import { requireText } from './validation';

/** An official of the receiving roles accepts the report. */
export const acceptReport = (command: AcceptReport, state: ReportState): readonly ReportAccepted[] => {
  const { data, metadata } = command;
  if (data.comment !== undefined) requireText(data.comment, 'comment');
  const report = reviewable(command, state);
  return [
    event('ReportAccepted', {
      reportId: report.reportId,
      communityId: report.communityId,
      acceptedBy: metadata.actor.id,
      acceptedByRole: metadata.actor.role,
      ...(data.comment === undefined ? {} : { comment: data.comment }),
      acceptedAt: metadata.now,
    }),
  ];
};
