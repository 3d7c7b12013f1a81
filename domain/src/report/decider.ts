import { assertNever, type Decider } from '../shared/message';
import { acceptReport } from './acceptReport';
import { evolveReport, initialReportState } from './evolve';
import { returnReport } from './returnReport';
import { submitReport } from './submitReport';
import type { ReportCommand, ReportEvent, ReportState } from './types';

export const decideReport = (command: ReportCommand, state: ReportState): readonly ReportEvent[] => {
  switch (command.type) {
    case 'SubmitReport':
      return submitReport(command, state);
    case 'AcceptReport':
      return acceptReport(command, state);
    case 'ReturnReport':
      return returnReport(command, state);
    default:
      return assertNever(command);
  }
};

/** The report stream (`report-<reportId>`). */
export const reportDecider: Decider<ReportCommand, ReportEvent, ReportState> = {
  initialState: initialReportState,
  decide: decideReport,
  evolve: evolveReport,
};
