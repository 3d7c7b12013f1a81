/**
 * Reading the projections: read-your-writes waits, the community directory, and the
 * dashboards (evaluation criteria and compliance) composed from the read models with the
 * pure metric functions of `projections/`.
 */
import { calendarIdOf, defaultTerms, type RegulationProfile, type Term } from '@collegium/domain';
import {
  ACTIVE_PARTICIPANT,
  ACTIVITY,
  COMPLIANCE,
  PROJECTIONS,
  evaluateCompliance,
  evaluateWithPrevious,
  previousPeriod,
  resolvePeriod,
  type ActivityDoc,
  type ComplianceDoc,
  type Evaluation,
  type Period,
} from '@collegium/projections';
import type { Document, Filter, ReadStore } from '@collegium/readstore';
import type { CommunityCompliance, Dashboard, Figures } from '@collegium/schema';

/** The position every projection has applied: all read models reflect the log up to here. */
export const readModelPosition = async (readStore: ReadStore): Promise<number> => {
  let lowest = Number.POSITIVE_INFINITY;
  for (const p of PROJECTIONS) lowest = Math.min(lowest, (await readStore.status(p.name))?.checkpoint ?? 0);
  return lowest;
};

/** Waits, bounded, until the read models have passed `position`; false when time ran out. */
export const waitForPosition = async (readStore: ReadStore, position: number, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while ((await readModelPosition(readStore)) < position) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
};

export interface CommunityDoc extends Document {
  readonly status: string;
  readonly districtId: string;
  readonly institutionId: string | null;
  readonly kind: string;
  readonly schoolYear: string;
  readonly name: string;
  readonly subjects: readonly string[];
  readonly memberCount: number;
  readonly state: { readonly profile: RegulationProfile; readonly chair: { readonly memberId: string } | null };
}

export const findCommunities = async (readStore: ReadStore, filter: Filter): Promise<CommunityDoc[]> =>
  (await readStore.find('streamViews', 'communities', filter, { limit: 100_000 })) as CommunityDoc[];

export type TermsSource = 'INSTITUTION' | 'DISTRICT' | 'DEFAULT';

interface CalendarDoc extends Document {
  readonly state: { readonly terms: readonly Term[] };
}

/** The calendars of terms in force: an institution's own, else its district's, else the default. */
export interface Calendars {
  termsFor(institutionId: string | null, schoolYear: string): { readonly terms: readonly Term[]; readonly source: TermsSource };
}

export const loadCalendars = async (
  readStore: ReadStore,
  districtId: string,
  institutionIds: readonly (string | null)[],
  schoolYears: readonly string[],
): Promise<Calendars> => {
  const institutions = [...new Set(institutionIds.filter((id): id is string => id !== null))];
  const ids = schoolYears.flatMap((year) => [
    calendarIdOf(districtId, { level: 'district' }, year),
    ...institutions.map((institutionId) => calendarIdOf(districtId, { level: 'institution', institutionId }, year)),
  ]);
  const docs = new Map(((await readStore.getMany('streamViews', 'calendars', ids)) as CalendarDoc[]).map((d) => [d._id, d.state.terms]));
  return {
    termsFor(institutionId, schoolYear) {
      const own = institutionId ? docs.get(calendarIdOf(districtId, { level: 'institution', institutionId }, schoolYear)) : undefined;
      if (own) return { terms: own, source: 'INSTITUTION' };
      const district = docs.get(calendarIdOf(districtId, { level: 'district' }, schoolYear));
      if (district) return { terms: district, source: 'DISTRICT' };
      return { terms: defaultTerms(schoolYear), source: 'DEFAULT' };
    },
  };
};

const evidence = (ids: readonly string[]) => ({ count: ids.length, eventIds: [...ids] });

const toFigures = (e: Evaluation): Figures => ({
  period: e.period,
  activeParticipants: { count: e.activeParticipants.count, memberIds: [...e.activeParticipants.memberIds], evidence: evidence(e.activeParticipants.evidence) },
  taskCompletion: { ...e.taskCompletion, evidence: evidence(e.taskCompletion.evidence) },
  productDiversity: { ...e.productDiversity, kinds: [...e.productDiversity.kinds], evidence: evidence(e.productDiversity.evidence) },
});

const toCompliance = (community: CommunityDoc, doc: ComplianceDoc | null, schoolYear: string, terms: readonly Term[]): CommunityCompliance => {
  const report = evaluateCompliance(doc, community.state.profile, schoolYear, terms);
  const check = (v: { met: boolean; rule: string | null; detail: string; evidence: readonly string[] }) => ({ ...v, evidence: evidence(v.evidence) });
  return {
    communityId: community._id,
    name: community.name,
    kind: community.kind,
    schoolYear,
    score: report.score,
    cadenceMet: report.cadenceMet,
    cadence: report.cadence.map((w) => ({ ...w, evidence: evidence(w.evidence) })),
    planApprovedOnTime: check(report.planApprovedOnTime),
    secretaryElected: report.secretaryElected ? check(report.secretaryElected) : null,
    minutesForEveryMeeting: check(report.minutesForEveryMeeting),
    reportsOnTime: check(report.reportsOnTime),
  };
};

export interface Scope {
  readonly kind: 'COMMUNITY' | 'INSTITUTION' | 'DISTRICT';
  readonly id: string;
  readonly districtId: string;
  /** Whose calendar of terms defines the periods: an institution, or null for the district's. */
  readonly calendarOf: string | null;
  /** Loaded only when the dashboard is not cached: reading every community is the costly part. */
  readonly communities: () => Promise<readonly CommunityDoc[]>;
}

/**
 * Dashboards are pure functions of the read models at a position, so a computed one is
 * kept until the projections move on: repeated views of a busy district cost a lookup.
 */
const cache = new Map<string, Promise<Dashboard>>();
const CACHE_LIMIT = 500;

/** Concurrent requests for the same dashboard share one computation (no thundering herd). */
export const buildDashboard = async (readStore: ReadStore, scope: Scope, schoolYear: string, term: string | null): Promise<Dashboard> => {
  const position = await readModelPosition(readStore);
  const key = `${scope.kind}|${scope.id}|${schoolYear}|${term ?? ''}|${position}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const computing = computeDashboard(readStore, scope, schoolYear, term, position);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, computing);
  // A failed computation is not remembered.
  computing.catch(() => cache.delete(key));
  return computing;
};

/** The months (YYYY-MM) a period spans, as a range. */
const monthsOf = (period: Period): { readonly gte: string; readonly lte: string } => ({ gte: period.start.slice(0, 7), lte: period.end.slice(0, 7) });

/**
 * The communities' activity documents of the periods' months (index communityId, month):
 * every fact lies in its document's month, so these hold every fact the periods count. A
 * quarter beside the one before reads six months instead of two school years.
 */
const activityOfPeriods = async (readStore: ReadStore, communityIds: readonly string[], periods: readonly Period[]): Promise<ActivityDoc[]> => {
  const byId = new Map<string, ActivityDoc>();
  for (const period of periods) {
    const docs = (await readStore.find('activity', ACTIVITY, { communityId: { in: communityIds }, month: monthsOf(period) })) as ActivityDoc[];
    // Periods may share a month (terms of a calendar that end and start mid-month).
    for (const doc of docs) byId.set(doc._id, doc);
  }
  return [...byId.values()];
};

const computeDashboard = async (readStore: ReadStore, scope: Scope, schoolYear: string, term: string | null, position: number): Promise<Dashboard> => {
  const communities = await scope.communities();

  const lastYear = `${Number(schoolYear.slice(0, 4)) - 1}-${schoolYear.slice(0, 4)}`;
  const calendars = await loadCalendars(readStore, scope.districtId, [scope.calendarOf, ...communities.map((c) => c.institutionId)], [schoolYear, lastYear]);
  const termsOf = (year: string): readonly Term[] => calendars.termsFor(scope.calendarOf, year).terms;
  const period: Period = resolvePeriod(schoolYear, term, termsOf(schoolYear));
  const previous = previousPeriod(period, termsOf);

  const ids = communities.map((c) => c._id);
  const activity = await activityOfPeriods(readStore, ids, [period, previous]);
  const evaluation = evaluateWithPrevious(activity, period, previous);
  const complianceDocs = new Map(((await readStore.getMany('compliance', COMPLIANCE, ids)) as ComplianceDoc[]).map((d) => [d._id, d]));
  const items = communities.map((c) =>
    toCompliance(c, complianceDocs.get(c._id) ?? null, period.schoolYear, calendars.termsFor(c.institutionId, period.schoolYear).terms),
  );

  const dashboard: Dashboard = {
    scope: scope.kind,
    scopeId: scope.id,
    communities: ids.length,
    current: toFigures(evaluation.current),
    previous: toFigures(evaluation.previous),
    activeParticipantGrowth: evaluation.activeParticipantGrowth,
    activeParticipantDefinition: ACTIVE_PARTICIPANT.definition,
    definitionVersion: evaluation.definitionVersion,
    compliance: {
      communities: items.length,
      fullyCompliant: items.filter((i) => i.score === 1).length,
      averageScore: items.length === 0 ? null : items.reduce((sum, i) => sum + i.score, 0) / items.length,
      items,
    },
    position: String(position),
  };
  return dashboard;
};
