/**
 * Current-state views of every aggregate — communities, meetings, plans, reports, tasks,
 * products — folded with the domain's own `evolve`, so a view can never disagree with
 * what the deciders see. Each document carries the fields its lists filter and sort on.
 */
import {
  calendarDecider,
  communityDecider,
  foldRun,
  meetingDecider,
  planDecider,
  productDecider,
  reportDecider,
  taskDecider,
  type Decider,
  type ProjectedEnvelope,
} from '@collegium/domain';
import { docKey, type CollectionDef, type DocKey, type Projection, type ReadDoc } from '../projection';

/** The fold of one stream type, and the fields its documents are listed by. */
interface StreamView {
  readonly collection: string;
  readonly initial: () => unknown;
  readonly evolve: (state: unknown, event: ProjectedEnvelope) => unknown;
  /** The state after a run of the stream's events (the decider's run fold when it has one). */
  readonly evolveRun: (state: unknown, events: readonly ProjectedEnvelope[]) => unknown;
  readonly fields: (state: any) => Record<string, unknown>;
  readonly indexes: readonly (readonly string[])[];
}

const view = <S>(
  collection: string,
  decider: Decider<any, any, S>,
  fields: (state: S) => Record<string, unknown>,
  indexes: readonly (readonly string[])[],
): StreamView => ({
  collection,
  initial: decider.initialState,
  evolve: (s, e) => decider.evolve(s as S, e),
  evolveRun: (s, events) => foldRun(decider, s as S, events),
  fields: fields as (state: unknown) => Record<string, unknown>,
  indexes,
});

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const field = (state: unknown, name: string): unknown => (state as Record<string, unknown>)[name];

/** Stream type → its view. The stream type is the part of the stream id before the first `-`. */
export const STREAM_VIEWS: Readonly<Record<string, StreamView>> = {
  community: view(
    'communities',
    communityDecider,
    (s) =>
      s.status === 'none'
        ? {}
        : {
            districtId: s.districtId,
            institutionId: s.host.level === 'institution' ? s.host.institutionId : null,
            kind: s.profile.id,
            schoolYear: s.schoolYear,
            name: s.name,
            subjects: s.subjects,
            memberCount: Object.keys(s.members).length,
          },
    // position: dashboards kept in memory ask for the communities changed since they last read them.
    [['districtId', 'schoolYear'], ['institutionId'], ['kind'], ['name'], ['position']],
  ),
  meeting: view('meetings', meetingDecider, (s) => ({ date: str(field(s, 'heldOn')) ?? str(field(s, 'scheduledFor')) }), [['communityId', 'date'], ['date']]),
  plan: view('plans', planDecider, (s) => ({ schoolYear: str(field(s, 'schoolYear')) }), [['communityId', 'schoolYear']]),
  report: view('reports', reportDecider, (s) => ({ schoolYear: str(field(s, 'schoolYear')), kind: str(field(s, 'kind')) }), [['communityId', 'schoolYear']]),
  task: view(
    'tasks',
    taskDecider,
    // onTime: null while open; the board's "done late" filter reads it.
    (s) => ({ ownerId: str(field(s, 'ownerId')), dueOn: str(field(s, 'dueOn')), onTime: s.status === 'done' ? s.onTime : null }),
    [['communityId', 'dueOn'], ['ownerId', 'dueOn']],
  ),
  calendar: view(
    'calendars',
    calendarDecider,
    (s) => (s.status === 'none' ? {} : { districtId: s.districtId, institutionId: s.institutionId, schoolYear: s.schoolYear }),
    [['districtId', 'schoolYear'], ['position']],
  ),
  product: view('products', productDecider, (s) => ({ kind: str(field(s, 'kind')), producedOn: str(field(s, 'producedOn')) }), [['communityId', 'producedOn'], ['kind']]),
};

const streamTypeOf = (streamId: string): string => streamId.slice(0, streamId.indexOf('-'));
const streamIdOf = (streamId: string): string => streamId.slice(streamId.indexOf('-') + 1);

const EVENT_TYPES = [
  'CommunityCreated', 'CommunityReorganized', 'CommunityContinued', 'CommunityDissolved', 'MemberEnrolled', 'MemberRemoved',
  'ChairAppointed', 'SecretaryElected', 'ExpertEvaluationRecorded',
  'MeetingScheduled', 'MeetingHeld', 'MeetingCancelled', 'MotionProposed', 'VoteCast', 'VoteClosed', 'MinutesRecorded',
  'PlanDrafted', 'PlanRevised', 'PlanSubmitted', 'PlanDiscussed', 'PlanAgreed', 'PlanApproved', 'PlanReturned', 'CriterionResultRecorded',
  'ReportSubmitted', 'ReportAccepted', 'ReportReturned',
  'TaskAssigned', 'TaskCompleted', 'TaskReviewed',
  'ProductRegistered', 'ProductDemandRecorded',
  'SchoolCalendarRecorded',
];

export interface StreamViewDoc extends ReadDoc {
  readonly communityId: string | null;
  readonly status: string;
  /** The stream revision and log position the view reflects: what `evidence` and read-your-writes use. */
  readonly revision: number;
  readonly position: number;
  readonly updatedAt: string;
  readonly state: unknown;
}

/**
 * The view after a run of one stream's events: the domain's fold over them, then the
 * document built once from the state and the run's last event (its fields depend on
 * nothing else), instead of once per event.
 */
const foldView = (doc: ReadDoc | null, events: readonly ProjectedEnvelope[], key: DocKey): ReadDoc | null => {
  const last = events[events.length - 1];
  const v = last && STREAM_VIEWS[streamTypeOf(last.streamId)];
  if (!last || !v) return doc;
  const state = v.evolveRun(doc ? (doc as StreamViewDoc).state : v.initial(), events);
  const next: StreamViewDoc = {
    _id: key.id,
    communityId: str(field(state, 'communityId')),
    status: String(field(state, 'status')),
    revision: last.revision,
    position: last.position,
    updatedAt: last.recordedAt,
    ...v.fields(state),
    state,
  };
  return next;
};

export const streamViews: Projection = {
  name: 'streamViews',
  // 2: report and product states keep their content and provenance; 3: school calendars;
  // 4: tasks carry onTime at the top level (the board's lateness filter); 5: communities and
  // calendars indexed by position. (CriterionResultRecorded came later without a new version:
  // no log written before it holds one, so no stored view differs.)
  version: 5,
  collections: Object.values(STREAM_VIEWS).map((v): CollectionDef => ({ name: v.collection, indexes: [...v.indexes, ['status']] })),
  eventTypes: new Set(EVENT_TYPES),
  keys: (event): DocKey[] => {
    const v = STREAM_VIEWS[streamTypeOf(event.streamId)];
    return v ? [docKey(v.collection, streamIdOf(event.streamId))] : [];
  },
  evolve: (doc, event, key) => foldView(doc, [event], key),
  evolveRun: foldView,
};
