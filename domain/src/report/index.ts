export type * from './types';
export { reportDecider, decideReport } from './decider';
export { evolveReport, initialReportState } from './evolve';
export { submitReport } from './submitReport';
export { acceptReport } from './acceptReport';
export { returnReport } from './returnReport';
