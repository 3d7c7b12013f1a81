import { decideAfter, expectDomainError, expectRuleViolation } from '../testing';
import type { ReportKind } from '../profiles/profile';
import { reportDecider } from './decider';
import {
  CHAIR,
  SECRETARY,
  community,
  methodist,
  nextYearPlan,
  profileOf,
  reportAccepted,
  reportReturned,
  reportSubmitted,
  submitCommand,
} from './fixtures';

const belarus = profileOf('by-school-plc');
const kazakhstan = profileOf('kz-school-plc');
const district = profileOf('district-community');
const kindergarten = profileOf('ru-kindergarten-plc');

describe('SubmitReport', () => {
  it('the secretary submits the annual report (000:7)', () => {
    const events = decideAfter(reportDecider, [], submitCommand(belarus, SECRETARY));

    expect(events).toEqual([
      {
        type: 'ReportSubmitted',
        schemaVersion: 1,
        data: {
          reportId: 'report-1',
          communityId: 'community-1',
          districtId: 'district-1',
          institutionId: 'school-1',
          kind: 'annual',
          schoolYear: '2025-2026',
          summary: 'Every member took part in a Lesson Study cycle; knowledge quality rose to 70 %.',
          achievements: ['4 open lessons', 'methodical recommendations on Lesson Study'],
          nextYearPlan: null,
          submission: 1,
          submittedBy: 'teacher-secretary',
          submittedAs: 'secretary',
          submittedAt: '2026-06-20T08:00:00.000Z',
          dueOn: null,
          onTime: true,
          acceptorRoles: ['methodCentreDirector', 'methodist'],
          rule: '000:7',
        },
      },
    ]);
  });

  it('the chair does not submit the report the secretary prepares (000:7)', () => {
    const error = expectDomainError(() => decideAfter(reportDecider, [], submitCommand(belarus, CHAIR)), 'FORBIDDEN');
    expect(error.rule).toBe('000:7');
  });

  it('no annual report is submitted before a secretary is elected (000:7)', () => {
    const noSecretary = community(belarus, { secretaryId: null });
    const error = expectDomainError(() => decideAfter(reportDecider, [], submitCommand(belarus, SECRETARY, { community: noSecretary })), 'FORBIDDEN');
    expect(error.rule).toBe('000:7');
  });

  it('the chair of a microgroup submits its creative report (003:3.6)', () => {
    const events = decideAfter(reportDecider, [], submitCommand(kazakhstan, CHAIR, { kind: 'creative' }));
    expect(events[0]?.data).toEqual(
      expect.objectContaining({ kind: 'creative', submittedAs: 'chair', acceptorRoles: ['deputyDirector', 'director'], rule: '003:3.6' }),
    );
    const error = expectDomainError(() => decideAfter(reportDecider, [], submitCommand(kazakhstan, SECRETARY, { kind: 'creative' })), 'FORBIDDEN');
    expect(error.rule).toBe('003:3.6');
  });

  it('a kind of report the profile does not name is refused (000:7)', () => {
    expectRuleViolation(() => decideAfter(reportDecider, [], submitCommand(belarus, SECRETARY, { kind: 'analytical' })), '000:7');
  });

  it('the district community submits an analytical report, not an annual one (004:4.8)', () => {
    expectRuleViolation(() => decideAfter(reportDecider, [], submitCommand(district, CHAIR, { kind: 'annual', nextYearPlan: nextYearPlan() })), '004:4.8');
  });

  it('the analytical report with the next year\'s draft plan by 1 September is on time (004:4.8)', () => {
    const events = decideAfter(reportDecider, [], submitCommand(district, CHAIR, { nextYearPlan: nextYearPlan() }, '2026-09-01T15:00:00.000Z'));
    expect(events[0]?.data).toEqual(
      expect.objectContaining({
        kind: 'analytical',
        institutionId: undefined,
        nextYearPlan: { planId: 'plan-2026', schoolYear: '2026-2027', status: 'draft' },
        dueOn: '2026-09-01',
        onTime: true,
      }),
    );
  });

  it('an analytical report after 1 September is accepted but recorded as late (004:4.8)', () => {
    const events = decideAfter(reportDecider, [], submitCommand(district, CHAIR, { nextYearPlan: nextYearPlan() }, '2026-09-02T08:00:00.000Z'));
    expect(events[0]?.data).toEqual(expect.objectContaining({ dueOn: '2026-09-01', onTime: false }));
  });

  it('the analytical report needs the next year\'s draft plan (004:4.8)', () => {
    expectRuleViolation(() => decideAfter(reportDecider, [], submitCommand(district, CHAIR)), '004:4.8');
  });

  it.each([
    ['a plan for the year reported on', { schoolYear: '2025-2026' }],
    ['a plan of another community', { communityId: 'community-2' }],
  ])('%s is not the next year\'s plan (004:4.8)', (_, overrides) => {
    expectRuleViolation(() => decideAfter(reportDecider, [], submitCommand(district, CHAIR, { nextYearPlan: nextYearPlan(overrides) })), '004:4.8');
  });

  it('where not required, a next year\'s plan is recorded with the report, and a wrong one is bad input', () => {
    const events = decideAfter(reportDecider, [], submitCommand(belarus, SECRETARY, { nextYearPlan: nextYearPlan({ status: 'approved' }) }));
    expect(events[0]?.type === 'ReportSubmitted' && events[0].data.nextYearPlan).toEqual({ planId: 'plan-2026', schoolYear: '2026-2027', status: 'approved' });
    expectDomainError(
      () => decideAfter(reportDecider, [], submitCommand(belarus, SECRETARY, { nextYearPlan: nextYearPlan({ communityId: 'community-2' }) })),
      'BAD_USER_INPUT',
    );
  });

  it('a dissolved kindergarten community still submits its final report', () => {
    const dissolved = community(kindergarten, { status: 'dissolved' });
    expect(decideAfter(reportDecider, [], submitCommand(kindergarten, CHAIR, { kind: 'final', community: dissolved }))[0]?.data).toEqual(
      expect.objectContaining({ kind: 'final', acceptorRoles: ['kindergartenHead'] }),
    );
  });

  it.each([
    ['an empty summary', { summary: ' ' }],
    ['an empty achievement', { achievements: ['4 open lessons', ''] }],
    ['a malformed school year', { schoolYear: '2025' }],
    ['a school year that has not begun', { schoolYear: '2026-2027' }],
    ['an unknown kind', { kind: 'weekly' as ReportKind }],
    ['an empty report id', { reportId: '' }],
  ])('rejects %s', (_, data) => {
    expectDomainError(() => decideAfter(reportDecider, [], submitCommand(belarus, SECRETARY, data)), 'BAD_USER_INPUT');
  });

  it('a report of another district is refused', () => {
    expectDomainError(
      () => decideAfter(reportDecider, [], submitCommand(belarus, SECRETARY, { community: community(belarus, { districtId: 'district-2' }) })),
      'FORBIDDEN',
    );
  });

  it('a returned report is resubmitted as the next submission (000:7)', () => {
    const given = [reportSubmitted(belarus), reportReturned(methodist)];
    const events = decideAfter(reportDecider, given, submitCommand(belarus, SECRETARY, {}, '2026-06-28T08:00:00.000Z'));
    expect(events[0]?.data).toEqual(expect.objectContaining({ submission: 2, submittedAt: '2026-06-28T08:00:00.000Z' }));
  });

  it('a resubmission keeps the report\'s school year', () => {
    const given = [reportSubmitted(belarus), reportReturned(methodist)];
    expectDomainError(() => decideAfter(reportDecider, given, submitCommand(belarus, SECRETARY, { schoolYear: '2024-2025' })), 'BAD_USER_INPUT');
  });

  it('a report awaiting review or accepted is not submitted again', () => {
    expectDomainError(() => decideAfter(reportDecider, [reportSubmitted(belarus)], submitCommand(belarus, SECRETARY)), 'INVALID_STATE');
    expectDomainError(() => decideAfter(reportDecider, [reportSubmitted(belarus), reportAccepted(methodist)], submitCommand(belarus, SECRETARY)), 'INVALID_STATE');
  });
});
