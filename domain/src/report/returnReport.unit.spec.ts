import { decideAfter, expectDomainError, stateAfter } from '../testing';
import type { Actor } from '../shared/message';
import { reportDecider } from './decider';
import { at, deputy, methodist, profileOf, reportAccepted, reportSubmitted } from './fixtures';
import type { ReturnReport } from './types';

const kazakhstan = profileOf('kz-school-plc');
const district = profileOf('district-community');

const returnBy = (actor: Actor, reasons: readonly string[] = ['the next year\'s plan lacks targets']): ReturnReport => ({
  type: 'ReturnReport',
  data: { reportId: 'report-1', reasons },
  metadata: at('2026-09-03T08:00:00.000Z', actor),
});

describe('ReturnReport', () => {
  it('RIMK returns the analytical report with reasons (004:4.8)', () => {
    const given = [reportSubmitted(district, { dueOn: '2026-09-01' })];
    const events = decideAfter(reportDecider, given, returnBy(methodist));

    expect(events).toEqual([
      {
        type: 'ReportReturned',
        schemaVersion: 1,
        data: {
          reportId: 'report-1',
          communityId: 'community-1',
          reasons: ["the next year's plan lacks targets"],
          returnedBy: 'methodist-1',
          returnedByRole: 'methodist',
          returnedAt: '2026-09-03T08:00:00.000Z',
        },
      },
    ]);
    const state = stateAfter(reportDecider, [...given, ...events]);
    expect(state.status === 'returned' && state.reasons).toEqual(["the next year's plan lacks targets"]);
  });

  it('a school deputy director does not return a district report (004:4.8)', () => {
    const error = expectDomainError(() => decideAfter(reportDecider, [reportSubmitted(district)], returnBy(deputy)), 'FORBIDDEN');
    expect(error.rule).toBe('004:4.8');
  });

  it('the deputy director returns the microgroup report (003:3.6)', () => {
    expect(decideAfter(reportDecider, [reportSubmitted(kazakhstan)], returnBy(deputy)).map((e) => e.type)).toEqual(['ReportReturned']);
  });

  it('a return gives at least one reason', () => {
    expectDomainError(() => decideAfter(reportDecider, [reportSubmitted(district)], returnBy(methodist, [])), 'BAD_USER_INPUT');
    expectDomainError(() => decideAfter(reportDecider, [reportSubmitted(district)], returnBy(methodist, [''])), 'BAD_USER_INPUT');
  });

  it('an accepted report is not returned', () => {
    expectDomainError(() => decideAfter(reportDecider, [reportSubmitted(district), reportAccepted(methodist)], returnBy(methodist)), 'INVALID_STATE');
  });
});
