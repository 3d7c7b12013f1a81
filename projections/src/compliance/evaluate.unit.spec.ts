import { findProfile, type RegulationProfile } from '@collegium/domain';
import type { ComplianceDoc } from './compliance';
import { evaluateCompliance } from './evaluate';

const profile = (id: string): RegulationProfile => findProfile(id) as RegulationProfile;

const meeting = (heldOn: string, withMinutes = true) => ({ meetingId: heldOn, heldOn, eventId: `held-${heldOn}`, minutesEventId: withMinutes ? `minutes-${heldOn}` : null });

const base = (extra: Partial<ComplianceDoc> = {}): ComplianceDoc => ({ _id: 'c', communityId: 'c', meetings: [], plans: [], secretaries: [], reports: [], ...extra });

describe('compliance with the regulation profile', () => {
  it('keeps the plan deadline of 15 September or records it missed (004:4.7)', () => {
    const plan = { planId: 'p', schoolYear: '2025-2026', deadline: '2025-09-15', draftedEventId: 'd' };
    const onTime = evaluateCompliance(base({ plans: [{ ...plan, approvedOn: '2025-09-12', onTime: true, approvedEventId: 'a' }] }), profile('district-community'), '2025-2026');
    expect(onTime.planApprovedOnTime).toMatchObject({ met: true, rule: '004:4.7', evidence: ['d', 'a'] });
    const late = evaluateCompliance(base({ plans: [{ ...plan, approvedOn: '2025-09-18', onTime: false, approvedEventId: 'a' }] }), profile('district-community'), '2025-2026');
    expect(late.planApprovedOnTime.met).toBe(false);
    expect(late.planApprovedOnTime.detail).toMatch(/2025-09-18.*2025-09-15/);
  });

  it('asks for a secretary only where the profile has one (000:6)', () => {
    const doc = base({ secretaries: [{ memberId: 'm', schoolYear: '2025-2026', electedOn: '2025-10-01', eventId: 's' }] });
    expect(evaluateCompliance(doc, profile('by-school-plc'), '2025-2026').secretaryElected).toMatchObject({ met: true, rule: '000:6' });
    expect(evaluateCompliance(base(), profile('by-school-plc'), '2025-2026').secretaryElected?.met).toBe(false);
    expect(evaluateCompliance(base(), profile('kz-school-plc'), '2025-2026').secretaryElected).toBeNull();
  });

  it('wants minutes for every held meeting (004:4.6) and meetings in every window (004:4.5)', () => {
    const doc = base({ meetings: [meeting('2025-10-10'), meeting('2026-03-01', false)] });
    const report = evaluateCompliance(doc, profile('district-community'), '2025-2026');
    expect(report.minutesForEveryMeeting).toMatchObject({ met: false, rule: '004:4.6', detail: '1 of 2 held meetings have minutes' });
    expect(report.cadenceMet).toBe(true);
    expect(report.cadence.map((w) => w.evidence)).toEqual([['held-2025-10-10'], ['held-2026-03-01'], ['held-2025-10-10', 'held-2026-03-01']]);
    const oneHalf = evaluateCompliance(base({ meetings: [meeting('2025-10-10')] }), profile('district-community'), '2025-2026');
    expect(oneHalf.cadenceMet).toBe(false);
  });

  it('judges reports by their due date (004:4.8) and scores the share of checks met', () => {
    const report = { reportId: 'r', kind: 'analytical', schoolYear: '2025-2026', dueOn: '2026-09-01', submittedOn: '2026-08-20', status: 'accepted' as const, eventId: 'r1' };
    const onTime = evaluateCompliance(base({ reports: [{ ...report, onTime: true }] }), profile('district-community'), '2025-2026');
    expect(onTime.reportsOnTime).toMatchObject({ met: true, rule: '004:4.8' });
    const late = evaluateCompliance(base({ reports: [{ ...report, onTime: false }] }), profile('district-community'), '2025-2026');
    expect(late.reportsOnTime.met).toBe(false);
    // The report is in order, and no meeting lacks minutes (there were none); cadence and plan fail.
    expect(onTime.score).toBeCloseTo(2 / 4);
  });
});
