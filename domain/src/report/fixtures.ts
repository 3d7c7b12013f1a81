/**
 * Test fixtures of the report stream, so specs build their set-up from events. Not
 * exported from index.ts.
 */
import type { PlanFacts } from '../shared/facts';
import { event, type Actor, type CommandMetadata } from '../shared/message';
import type { RegulationProfile } from '../profiles/profile';
import { metadata } from '../testing';
import { community, profileOf } from '../plan/fixtures';
import type { ReportAccepted, ReportReturned, ReportSubmitted, SubmitReport, SubmitReportData } from './types';

export { community, profileOf };

export const REPORT_ID = 'report-1';
export const CHAIR: Actor = { id: 'teacher-chair', role: 'teacher' };
export const SECRETARY: Actor = { id: 'teacher-secretary', role: 'teacher' };
export const methodist: Actor = { id: 'methodist-1', role: 'methodist' };
export const deputy: Actor = { id: 'deputy-1', role: 'deputyDirector' };
export const director: Actor = { id: 'director-1', role: 'director' };

/** District staff act without an institution in their tenant. */
export const at = (now: string, actor: Actor, overrides: Partial<CommandMetadata> = {}): CommandMetadata =>
  metadata({
    now,
    actor,
    ...(actor.role === 'methodist' || actor.role === 'methodCentreDirector' ? { tenant: { districtId: 'district-1' } } : {}),
    ...overrides,
  });

/** The district community's draft plan for the year after 2025-2026 (004:4.8). */
export const nextYearPlan = (overrides: Partial<PlanFacts> = {}): PlanFacts => ({
  planId: 'plan-2026',
  communityId: 'community-1',
  schoolYear: '2026-2027',
  status: 'draft',
  taskIds: ['task-1'],
  ...overrides,
});

export const submitCommand = (
  profile: RegulationProfile,
  actor: Actor,
  data: Partial<SubmitReportData> = {},
  now = '2026-06-20T08:00:00.000Z',
): SubmitReport => ({
  type: 'SubmitReport',
  data: {
    reportId: REPORT_ID,
    community: community(profile),
    kind: profile.reporting.kinds[0] ?? 'annual',
    schoolYear: '2025-2026',
    summary: 'Every member took part in a Lesson Study cycle; knowledge quality rose to 70 %.',
    achievements: ['4 open lessons', 'methodical recommendations on Lesson Study'],
    ...data,
  },
  metadata: at(now, actor),
});

export const reportSubmitted = (profile: RegulationProfile, overrides: Partial<ReportSubmitted['data']> = {}): ReportSubmitted =>
  event('ReportSubmitted', {
    reportId: REPORT_ID,
    communityId: 'community-1',
    districtId: 'district-1',
    institutionId: profile.hostLevel === 'district' ? undefined : 'school-1',
    kind: profile.reporting.kinds[0] ?? 'annual',
    schoolYear: '2025-2026',
    summary: 'A year of Lesson Study.',
    achievements: ['4 open lessons'],
    nextYearPlan: null,
    submission: 1,
    submittedBy: profile.reporting.reporters[0] === 'secretary' ? SECRETARY.id : CHAIR.id,
    submittedAs: profile.reporting.reporters[0] ?? 'chair',
    submittedAt: '2026-06-20T08:00:00.000Z',
    dueOn: null,
    onTime: true,
    acceptorRoles: profile.reporting.acceptorRoles,
    rule: profile.reporting.rule,
    ...overrides,
  });

export const reportReturned = (by: Actor): ReportReturned =>
  event('ReportReturned', {
    reportId: REPORT_ID,
    communityId: 'community-1',
    reasons: ['the achievements need evidence'],
    returnedBy: by.id,
    returnedByRole: by.role,
    returnedAt: '2026-06-25T08:00:00.000Z',
  });

export const reportAccepted = (by: Actor): ReportAccepted =>
  event('ReportAccepted', {
    reportId: REPORT_ID,
    communityId: 'community-1',
    acceptedBy: by.id,
    acceptedByRole: by.role,
    acceptedAt: '2026-06-25T08:00:00.000Z',
  });
