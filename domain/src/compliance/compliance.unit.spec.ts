import { decideAfter, expectDomainError, metadata } from '../testing';
import { complianceDecider, type Breach, type RecordComplianceBreach } from './compliance';

const system = metadata({ actor: { id: 'compliance-checks', role: 'system' }, now: '2025-10-02T03:00:00.000Z' });
const breach: Breach = { kind: 'planNotApprovedByDeadline', key: '2025-2026.plan', schoolYear: '2025-2026', rule: '004:4.7', dueOn: '2025-09-30', detail: 'no plan approved', evidence: [] };
const record = (b: Breach = breach, meta = system): RecordComplianceBreach => ({ type: 'RecordComplianceBreach', metadata: meta, data: { communityId: 'c1', breach: b } });

describe('compliance stream', () => {
  it('records a breach with the instant it was detected', () => {
    expect(decideAfter(complianceDecider, [], record())).toEqual([
      { type: 'ComplianceBreachRecorded', schemaVersion: 1, data: { ...breach, communityId: 'c1', detectedAt: '2025-10-02T03:00:00.000Z' } },
    ]);
  });

  it('records each key once, so checks may run as often as they like', () => {
    const first = [...decideAfter(complianceDecider, [], record())];
    expect(decideAfter(complianceDecider, first, record())).toEqual([]);
    expect(decideAfter(complianceDecider, first, record({ ...breach, key: '2025-2026.report', kind: 'reportOverdue' }))).toHaveLength(1);
  });

  it('takes breaches only from the scheduled checks', () => {
    expectDomainError(() => decideAfter(complianceDecider, [], record(breach, metadata())), 'FORBIDDEN');
  });
});
