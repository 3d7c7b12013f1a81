import { findProfile, type RegulationProfile } from '@collegium/domain';
import type { ComplianceDoc } from './compliance';
import { dueBreaches } from './breaches';
import { evaluateCompliance } from './evaluate';

const profile = findProfile('district-community') as RegulationProfile;
const doc = (extra: Partial<ComplianceDoc> = {}): ComplianceDoc => ({ _id: 'c', communityId: 'c', meetings: [], plans: [], secretaries: [], reports: [], ...extra });
const breachesOn = (today: string, extra: Partial<ComplianceDoc> = {}) => dueBreaches(evaluateCompliance(doc(extra), profile, '2025-2026'), profile, today);

describe('breaches as of a day', () => {
  it('counts nothing before any due date, however empty the year', () => {
    expect(breachesOn('2025-09-10')).toEqual([]);
  });

  it('finds the plan not approved once its deadline (15 September, 004:4.7) has passed', () => {
    expect(breachesOn('2025-09-15')).toEqual([]);
    expect(breachesOn('2025-09-16')).toEqual([expect.objectContaining({ kind: 'planNotApprovedByDeadline', key: '2025-2026.plan', rule: '004:4.7', dueOn: '2025-09-15' })]);
    const approved = { planId: 'p', schoolYear: '2025-2026', deadline: '2025-09-15', draftedEventId: 'd', approvedOn: '2025-09-12', onTime: true, approvedEventId: 'a' };
    expect(breachesOn('2025-09-16', { plans: [approved] })).toEqual([]);
  });

  it('finds a cadence window without its meeting only after the window ends (004:4.5)', () => {
    const afterFirstHalf = breachesOn('2026-01-05', { plans: [] }).filter((b) => b.kind === 'meetingCadenceMissed');
    expect(afterFirstHalf).toEqual([expect.objectContaining({ key: '2025-2026.cadence.2025-09-01', rule: '004:4.5' })]);
    const held = { meetingId: 'm', heldOn: '2025-10-10', eventId: 'held', minutesEventId: null };
    expect(breachesOn('2026-01-05', { meetings: [held] }).filter((b) => b.kind === 'meetingCadenceMissed')).toEqual([]);
  });

  it('finds a report overdue after its due date (004:4.8), and none when it came on time', () => {
    expect(breachesOn('2026-09-02').map((b) => b.kind)).toContain('reportOverdue');
    const report = { reportId: 'r', kind: 'analytical', schoolYear: '2025-2026', dueOn: '2026-09-01', submittedOn: '2026-08-20', onTime: true, status: 'accepted' as const, eventId: 'r1' };
    expect(breachesOn('2026-09-02', { reports: [report] }).map((b) => b.kind)).not.toContain('reportOverdue');
  });
});
