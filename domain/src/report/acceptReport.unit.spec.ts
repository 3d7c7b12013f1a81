import { decideAfter, expectDomainError, stateAfter } from '../testing';
import type { Actor } from '../shared/message';
import { reportDecider } from './decider';
import { SECRETARY, at, deputy, director, methodist, profileOf, reportAccepted, reportReturned, reportSubmitted } from './fixtures';
import type { AcceptReport } from './types';

const belarus = profileOf('by-school-plc');
const kazakhstan = profileOf('kz-school-plc');
const district = profileOf('district-community');

const accept = (actor: Actor, comment?: string): AcceptReport => ({
  type: 'AcceptReport',
  data: { reportId: 'report-1', ...(comment === undefined ? {} : { comment }) },
  metadata: at('2026-06-25T08:00:00.000Z', actor),
});

describe('AcceptReport', () => {
  it('the RUMC methodist accepts the annual report (000:7)', () => {
    const events = decideAfter(reportDecider, [reportSubmitted(belarus)], accept(methodist, 'a thorough report'));

    expect(events).toEqual([
      {
        type: 'ReportAccepted',
        schemaVersion: 1,
        data: {
          reportId: 'report-1',
          communityId: 'community-1',
          acceptedBy: 'methodist-1',
          acceptedByRole: 'methodist',
          comment: 'a thorough report',
          acceptedAt: '2026-06-25T08:00:00.000Z',
        },
      },
    ]);
    expect(stateAfter(reportDecider, [reportSubmitted(belarus), ...events]).status).toBe('accepted');
  });

  it('the deputy director who controls the work accepts the microgroup report (003:3.6)', () => {
    expect(decideAfter(reportDecider, [reportSubmitted(kazakhstan)], accept(deputy)).map((e) => e.type)).toEqual(['ReportAccepted']);
  });

  it('a member may not accept the report (000:7)', () => {
    const error = expectDomainError(() => decideAfter(reportDecider, [reportSubmitted(belarus)], accept(SECRETARY)), 'FORBIDDEN');
    expect(error.rule).toBe('000:7');
  });

  it('a school director does not accept a district community\'s report (004:4.8)', () => {
    const error = expectDomainError(() => decideAfter(reportDecider, [reportSubmitted(district)], accept(director)), 'FORBIDDEN');
    expect(error.rule).toBe('004:4.8');
  });

  it("another school's deputy director is refused", () => {
    const command = { ...accept(deputy), metadata: at('2026-06-25T08:00:00.000Z', deputy, { tenant: { districtId: 'district-1', institutionId: 'school-2' } }) };
    expectDomainError(() => decideAfter(reportDecider, [reportSubmitted(kazakhstan)], command), 'FORBIDDEN');
  });

  it('only a submitted report is accepted', () => {
    expectDomainError(() => decideAfter(reportDecider, [], accept(methodist)), 'INVALID_STATE');
    expectDomainError(() => decideAfter(reportDecider, [reportSubmitted(belarus), reportReturned(methodist)], accept(methodist)), 'INVALID_STATE');
    expectDomainError(() => decideAfter(reportDecider, [reportSubmitted(belarus), reportAccepted(methodist)], accept(methodist)), 'INVALID_STATE');
  });
});
