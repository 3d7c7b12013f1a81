/**
 * Dashboards (evaluation criteria and compliance) composed from the read models with the
 * pure metric functions of `projections/`, and kept up to date as the district works.
 *
 * Computing a district's dashboard from scratch reads every community's documents of the
 * period's months (~300 ms over 1,000 communities), on the gateway's one thread. Caching a
 * computed one per read-model position was not enough: every event appended anywhere moves
 * the position, so while a district works every view computed again, and ten events a
 * second brought 64 clients from ~14,000 answers a second down to 33 (p99 7.7 s).
 *
 * So a dashboard is kept with each community's share of it (its figures for both periods
 * and its compliance) and the position it reflects. A later view reads only the documents
 * changed after that position (each read model document carries the position of its last
 * change, indexed), evaluates again the communities they belong to, and rolls the shares up
 * again (`EvaluationRollup`: the figures `evaluate` gives over all documents at once). A
 * changed calendar of terms redefines the periods and a rebuild swaps every document, so
 * either computes the dashboard from scratch, as do more changes than CHANGED_LIMIT.
 */
import { schoolYearEnd, schoolYearStart, type Term } from '@collegium/domain';
import {
  ACTIVE_PARTICIPANT,
  ACTIVITY,
  COMPLIANCE,
  EvaluationRollup,
  evaluate,
  evaluateCompliance,
  previousPeriod,
  resolvePeriod,
  withPrevious,
  type ActivityDoc,
  type ComplianceDoc,
  type Evaluation,
  type Period,
  type RolledUpEvaluation,
} from '@collegium/projections';
import type { Document, ReadStore } from '@collegium/readstore';
import type { CommunityCompliance, Dashboard, Figures } from '@collegium/schema';
import { loadCalendars, readModelState, type Calendars, type CommunityDoc } from './readModels';

export interface Scope {
  readonly kind: 'COMMUNITY' | 'INSTITUTION' | 'DISTRICT';
  readonly id: string;
  readonly districtId: string;
  /** Whose calendar of terms defines the periods: an institution, or null for the district's. */
  readonly calendarOf: string | null;
  /** The communities rolled up: the directory's documents with these field values. */
  readonly communities: Readonly<Record<string, string>>;
}

const evidence = (ids: readonly string[]) => ({ count: ids.length, eventIds: [...ids] });

/** Evidence whose ids are listed only if the query asks for them: a district's run to tens of thousands. */
const lazyEvidence = (count: number, ids: () => readonly string[]) => ({
  count,
  get eventIds() {
    return ids() as string[];
  },
});

/** The figures of a rolled-up evaluation; its long lists are built only when a query reads them. */
const toFigures = (e: RolledUpEvaluation): Figures => ({
  period: e.period,
  activeParticipants: {
    count: e.activeParticipants.count,
    get memberIds() {
      return e.activeParticipants.memberIds as string[];
    },
    evidence: lazyEvidence(e.evidenceCounts.activeParticipants, () => e.activeParticipants.evidence),
  },
  // Field by field: spreading would read, and so build, the evidence lists.
  taskCompletion: {
    due: e.taskCompletion.due,
    completedOnTime: e.taskCompletion.completedOnTime,
    completedLate: e.taskCompletion.completedLate,
    open: e.taskCompletion.open,
    completionRate: e.taskCompletion.completionRate,
    onTimeRate: e.taskCompletion.onTimeRate,
    evidence: lazyEvidence(e.evidenceCounts.taskCompletion, () => e.taskCompletion.evidence),
  },
  productDiversity: {
    products: e.productDiversity.products,
    distinctKinds: e.productDiversity.distinctKinds,
    kinds: [...e.productDiversity.kinds],
    demand: e.productDiversity.demand,
    evidence: lazyEvidence(e.evidenceCounts.productDiversity, () => e.productDiversity.evidence),
  },
  planExecution: {
    planTasksDue: e.planExecution.planTasksDue,
    planTasksCompleted: e.planExecution.planTasksCompleted,
    criteriaMeasured: e.planExecution.criteriaMeasured,
    criteriaMet: e.planExecution.criteriaMet,
    evidence: lazyEvidence(e.evidenceCounts.planExecution, () => e.planExecution.evidence),
  },
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

/** A dashboard kept in memory, with what it was computed from. */
interface Kept {
  readonly scope: Scope;
  readonly period: Period;
  readonly previous: Period;
  readonly calendars: Calendars;
  /** Institutions whose calendars were loaded. */
  readonly institutions: ReadonlySet<string | null>;
  /** The communities rolled up, by id, in the order of the lists (by id, as computed). */
  readonly communities: ReadonlyMap<string, CommunityDoc>;
  /** The communities' evaluations of the period and of the one before, rolled up; changed in place as the dashboard catches up. */
  readonly current: EvaluationRollup;
  readonly before: EvaluationRollup;
  readonly compliance: Map<string, CommunityCompliance>;
  /** Every change up to this log position is in the rollups (later ones may be too). */
  readonly position: number;
  /** The generations read: a rebuild swaps in documents whose positions did not move. */
  readonly generations: string;
  readonly dashboard: Dashboard;
}

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

const groupBy = <T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> => {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
};

/** What the dashboard holds of one community. */
interface Share {
  readonly current: Evaluation;
  readonly before: Evaluation;
  readonly compliance: CommunityCompliance;
}

/**
 * What the dashboards catching up from one round of changes read alike: they reload the same
 * communities, so the first one reads, and the others (the seven periods of a year) reuse it.
 */
type RoundMemo = Map<string, unknown>;

const memoized = <T>(memo: RoundMemo | undefined, key: string, make: () => T): T => {
  if (!memo) return make();
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key) as T;
};

/** The months every period of `schoolYear` may count, and the periods before them: this school year and the one before. */
const yearsOf = (schoolYear: string): Period => {
  const lastYear = `${Number(schoolYear.slice(0, 4)) - 1}-${schoolYear.slice(0, 4)}`;
  return { key: `${lastYear}+${schoolYear}`, schoolYear, term: null, start: schoolYearStart(lastYear), end: schoolYearEnd(schoolYear) };
};

/**
 * The shares of `communities`, from their documents as the read models hold them now, in the
 * same order. With a round's memo the activity read covers the two school years once, for
 * every period that reloads these communities (the metrics count each fact by its date, so
 * documents of other months change nothing).
 */
const loadShares = async (
  readStore: ReadStore,
  communities: readonly CommunityDoc[],
  frame: Pick<Kept, 'period' | 'previous' | 'calendars'>,
  memo?: RoundMemo,
): Promise<[string, Share][]> => {
  const ids = communities.map((c) => c._id);
  const { schoolYear } = frame.period;
  const round = `${schoolYear}\u0000${ids.join('\u0000')}`;
  const periods = memo ? [yearsOf(schoolYear)] : [frame.period, frame.previous];
  const activityDocs = await memoized(memo, `activity\u0000${round}`, () => activityOfPeriods(readStore, ids, periods));
  const activity = groupBy(activityDocs, (doc) => doc.communityId);
  const complianceDocs = (await memoized(memo, `compliance\u0000${round}`, () => readStore.getMany('compliance', COMPLIANCE, ids))) as ComplianceDoc[];
  const compliance = new Map(complianceDocs.map((d) => [d._id, d]));
  return communities.map((c) => {
    const docs = activity.get(c._id) ?? [];
    const terms = frame.calendars.termsFor(c.institutionId, schoolYear).terms;
    // The same for every period of the school year under the same terms.
    const item = memoized(memo, `item\u0000${c._id}\u0000${schoolYear}\u0000${JSON.stringify(terms)}`, () =>
      toCompliance(c, compliance.get(c._id) ?? null, schoolYear, terms),
    );
    return [c._id, { current: evaluate(docs, frame.period), before: evaluate(docs, frame.previous), compliance: item }];
  });
};

/** The dashboard as the kept rollups stand. */
const assemble = (kept: Omit<Kept, 'dashboard'>): Dashboard => {
  const current = kept.current.evaluation(kept.period);
  const before = kept.before.evaluation(kept.previous);
  const growth = withPrevious(current, before);
  const items = [...kept.compliance.values()];
  return {
    scope: kept.scope.kind,
    scopeId: kept.scope.id,
    communities: items.length,
    current: toFigures(current),
    previous: toFigures(before),
    activeParticipantGrowth: growth.activeParticipantGrowth,
    activeParticipantDefinition: ACTIVE_PARTICIPANT.definition,
    definitionVersion: growth.definitionVersion,
    compliance: {
      communities: items.length,
      fullyCompliant: items.filter((i) => i.score === 1).length,
      averageScore: items.length === 0 ? null : items.reduce((sum, i) => sum + i.score, 0) / items.length,
      items,
    },
    position: String(kept.position),
  };
};

const inScope = (scope: Scope, doc: Document): boolean => Object.entries(scope.communities).every(([field, value]) => doc[field] === value);

/** Computes a dashboard from scratch. */
const compute = async (readStore: ReadStore, scope: Scope, schoolYear: string, term: string | null): Promise<Kept> => {
  // Read first: whatever the reads below see is at least this far.
  const { position, generations } = await readModelState(readStore);
  const found = (await readStore.find('streamViews', 'communities', scope.communities, { limit: 100_000 })) as CommunityDoc[];
  const lastYear = `${Number(schoolYear.slice(0, 4)) - 1}-${schoolYear.slice(0, 4)}`;
  const institutions = new Set([scope.calendarOf, ...found.map((c) => c.institutionId)]);
  const calendars = await loadCalendars(readStore, scope.districtId, [...institutions], [schoolYear, lastYear]);
  const termsOf = (year: string): readonly Term[] => calendars.termsFor(scope.calendarOf, year).terms;
  const period = resolvePeriod(schoolYear, term, termsOf(schoolYear));
  const previous = previousPeriod(period, termsOf);
  const frame = { period, previous, calendars };
  const kept = {
    scope,
    ...frame,
    institutions,
    communities: new Map(found.map((c) => [c._id, c])),
    current: new EvaluationRollup(),
    before: new EvaluationRollup(),
    compliance: new Map<string, CommunityCompliance>(),
    position,
    generations,
  };
  for (const [id, share] of await loadShares(readStore, found, frame)) setShare(kept, id, share);
  return { ...kept, dashboard: assemble(kept) };
};

const setShare = (kept: Pick<Kept, 'current' | 'before' | 'compliance'>, id: string, share: Share): void => {
  kept.current.set(id, share.current);
  kept.before.set(id, share.before);
  kept.compliance.set(id, share.compliance);
};

/**
 * Changes a kept dashboard catches up with at once; more, and it is computed from scratch
 * (a dashboard nobody viewed for a long while).
 */
const CHANGED_LIMIT = 2_000;

interface Changes {
  readonly communities: readonly CommunityDoc[];
  readonly calendars: readonly Document[];
  /** Communities whose activity or compliance documents changed. */
  readonly communityIds: ReadonlySet<string>;
  /** Reads of the communities reloaded for these changes, shared by the dashboards that catch up with them. */
  readonly memo: RoundMemo;
}

/** The documents a dashboard depends on that changed after `position`, or null when there are too many. */
const changedSince = async (readStore: ReadStore, position: number): Promise<Changes | null> => {
  const read = (projection: string, collection: string): Promise<Document[]> =>
    readStore.find(projection, collection, { position: { gte: position + 1 } }, { sort: [{ field: 'position', direction: 'asc' }], limit: CHANGED_LIMIT + 1 });
  const lists = [await read('streamViews', 'communities'), await read('streamViews', 'calendars'), await read('activity', ACTIVITY), await read('compliance', COMPLIANCE)];
  if (lists.some((list) => list.length > CHANGED_LIMIT)) return null;
  const [communities, calendars, activity, compliance] = lists as [CommunityDoc[], Document[], ActivityDoc[], ComplianceDoc[]];
  return { communities, calendars, communityIds: new Set([...activity.map((d) => d.communityId), ...compliance.map((d) => d.communityId)]), memo: new Map() };
};

/**
 * The changes after `from`, complete up to at least `to`, shared by the dashboards kept for
 * one read store: after a write every period's dashboard catches up from the same position,
 * and reads the same documents (seven periods: 28 queries for the same answer).
 */
interface SharedChanges {
  readonly from: number;
  /** The read models' position read before the queries: every change up to it is in `changes`. */
  readonly upTo: number;
  readonly changes: Promise<Changes | null>;
}

const sharedChanges = new WeakMap<ReadStore, SharedChanges>();

const sharedChangesSince = (readStore: ReadStore, from: number, to: number): Promise<Changes | null> => {
  const last = sharedChanges.get(readStore);
  if (last && last.from === from && last.upTo >= to) return last.changes;
  const changes = changedSince(readStore, from);
  sharedChanges.set(readStore, { from, upTo: to, changes });
  // A failed read is not shared.
  changes.catch(() => sharedChanges.get(readStore)?.changes === changes && sharedChanges.delete(readStore));
  return changes;
};

/**
 * The kept dashboard brought up to the read models' position: only the communities whose
 * documents changed are evaluated again. A changed calendar (it redefines the periods) or a
 * community that joins or leaves the scope (the lists keep the communities' order) makes it
 * compute from scratch.
 */
const catchUp = async (readStore: ReadStore, kept: Kept): Promise<Kept> => {
  const { position, generations } = await readModelState(readStore);
  if (position === kept.position && generations === kept.generations) return kept;
  const { scope } = kept;
  const recompute = (): Promise<Kept> => compute(readStore, scope, kept.period.schoolYear, kept.period.term);
  if (generations !== kept.generations) return recompute();
  const changes = await sharedChangesSince(readStore, kept.position, position);
  if (!changes || changes.calendars.some((c) => c['districtId'] === scope.districtId)) return recompute();
  // Copied only when a community's own document changed: most writes change none, and a
  // district's map holds a thousand.
  let communities = kept.communities;
  for (const doc of changes.communities) {
    if (inScope(scope, doc) !== communities.has(doc._id)) return recompute();
    const copy = communities === kept.communities ? new Map(kept.communities) : (communities as Map<string, CommunityDoc>);
    copy.set(doc._id, doc);
    communities = copy;
  }
  const affected = [...new Set([...changes.communities.map((c) => c._id), ...changes.communityIds])].filter((id) => communities.has(id));
  const next = { ...kept, communities, position };
  if (affected.length === 0) return { ...next, dashboard: { ...kept.dashboard, position: String(position) } };
  const reloaded = affected.map((id) => communities.get(id) as CommunityDoc);
  for (const [id, share] of await loadShares(readStore, reloaded, kept, changes.memo)) setShare(next, id, share);
  return { ...next, dashboard: assemble(next) };
};

/**
 * What kept dashboards may weigh, counted in the ids they hold (evidence, members, one per
 * community): the bulk of their memory. Measured: the seven terms of a 1,000-community
 * district weigh ~490,000 and hold ~105 MB, ~215 bytes each with the compliance items. So
 * ~200 MB at most; the least recently viewed go first.
 */
const KEPT_BUDGET = 1_000_000;

/** Ids a kept dashboard holds (see KEPT_BUDGET). */
const weightOf = (k: Kept): number => {
  const ids = (e: Figures): number =>
    e.activeParticipants.count + e.activeParticipants.evidence.count + e.taskCompletion.evidence.count + e.productDiversity.evidence.count + e.planExecution.evidence.count;
  return k.communities.size + ids(k.dashboard.current) + ids(k.dashboard.previous);
};

/** The dashboards kept for one read store, least recently viewed first, with their weights once computed. */
export interface Keeping<T = unknown> {
  readonly dashboards: Map<string, Promise<T>>;
  readonly weights: Map<string, number>;
}

const keepings = new WeakMap<ReadStore, Keeping<Kept>>();

const keepingOf = (readStore: ReadStore): Keeping<Kept> => {
  let keeping = keepings.get(readStore);
  if (!keeping) keepings.set(readStore, (keeping = { dashboards: new Map(), weights: new Map() }));
  return keeping;
};

/** Forgets the least recently viewed dashboards until the rest fit the budget (the newest always stays). */
export const evictBeyondBudget = <T>({ dashboards, weights }: Keeping<T>, budget = KEPT_BUDGET): void => {
  let total = 0;
  for (const weight of weights.values()) total += weight;
  for (const key of dashboards.keys()) {
    if (total <= budget || dashboards.size === 1) return;
    total -= weights.get(key) ?? 0;
    dashboards.delete(key);
    weights.delete(key);
  }
};

/**
 * The dashboard of `scope` for a school year or one of its terms, as of the read models'
 * position. Requests for one dashboard queue behind each other, so concurrent ones share
 * one computation (no thundering herd) and each catches up from where the last one left.
 */
export const buildDashboard = async (readStore: ReadStore, scope: Scope, schoolYear: string, term: string | null): Promise<Dashboard> => {
  const keeping = keepingOf(readStore);
  const { dashboards, weights } = keeping;
  const key = JSON.stringify([scope.kind, scope.id, scope.calendarOf, schoolYear, term]);
  const last = dashboards.get(key);
  const next = last ? last.then((k) => catchUp(readStore, k)) : compute(readStore, scope, schoolYear, term);
  // Moved to the end: the most recently viewed.
  dashboards.delete(key);
  dashboards.set(key, next);
  next.then(
    (k) => {
      if (dashboards.get(key) !== next) return;
      weights.set(key, weightOf(k));
      evictBeyondBudget(keeping);
    },
    // A failed computation is not kept: the next request starts afresh.
    () => {
      if (dashboards.get(key) !== next) return;
      dashboards.delete(key);
      weights.delete(key);
    },
  );
  return (await next).dashboard;
};
