/**
 * The facts behind the districts' evaluation criteria (002:6.1), one document per
 * community and month: who was active when (with the event that shows it), which tasks
 * fell due and how they were done (and whether they came from the plan), which products were
 * made and who asked for them, and the plan's success criteria as measured.
 * Metrics for any period are computed from these by `metrics.ts`.
 *
 * Every fact lies in its document's month (a task fact by the day it falls due, anything
 * else by its business date), so a period's figures need only the documents of its months:
 * a dashboard of one quarter reads a quarter's documents, not two school years'.
 *
 * A month, not a school year: a document is written again whenever an event changes it,
 * and where a district's communities work side by side (their events interleave in the
 * log) a year's document of ~15 KB was read back, folded and written again for nearly
 * every event of its community, which made rebuilding a real district's log ~10× slower
 * than rebuilding one written community by community.
 */
import { dateOf, getOwn, recordCopy, schoolYearOf, type ProjectedEnvelope } from '@collegium/domain';
import { docKey, draftFolds, type DocKey, type Projection, type ReadDoc } from '../projection';

/** The four ways a member counts as an active participant (definition version 1). */
export type ActivityKind = 'attended' | 'voted' | 'completedTask' | 'authoredProduct';

export interface Activity {
  readonly memberId: string;
  readonly kind: ActivityKind;
  readonly on: string;
  readonly eventId: string;
}

export interface TaskFact {
  readonly taskId: string;
  readonly ownerId: string;
  readonly dueOn: string;
  readonly assignedEventId: string;
  readonly completedOn: string | null;
  readonly onTime: boolean | null;
  readonly completedEventId: string | null;
  /** Assigned from a task of the community's plan (absent before version 5: false). */
  readonly fromPlan?: boolean;
}

/** A success criterion of a plan as measured on `on` (CriterionResultRecorded), against its target. */
export interface CriterionFact {
  readonly planId: string;
  readonly criterionId: string;
  readonly value: number;
  readonly target: number;
  readonly met: boolean;
  readonly on: string;
  readonly eventId: string;
}

export interface ProductFact {
  readonly productId: string;
  readonly kind: string;
  readonly producedOn: string;
  readonly authorIds: readonly string[];
  readonly eventId: string;
}

export interface DemandFact {
  readonly productId: string;
  readonly byCommunityId: string;
  readonly kind: string;
  readonly on: string;
  readonly eventId: string;
}

export interface ActivityDoc extends ReadDoc {
  readonly communityId: string;
  readonly schoolYear: string;
  /** YYYY-MM: the month of the facts' business dates (a task's: the month it falls due in). */
  readonly month: string;
  readonly activities: readonly Activity[];
  readonly tasks: Readonly<Record<string, TaskFact>>;
  readonly products: readonly ProductFact[];
  readonly demand: readonly DemandFact[];
  /** Success criteria measured in the month (absent before version 5). */
  readonly criteria?: readonly CriterionFact[];
  /**
   * The log position of the last event that changed the document: a dashboard kept in memory
   * asks for the documents changed after the position it was computed at (absent before version 4).
   */
  readonly position?: number;
}

export const ACTIVITY = 'activity';
export const activityId = (communityId: string, month: string): string => `${communityId}:${month}`;

const data = (e: ProjectedEnvelope): Record<string, any> => e.data as Record<string, any>;

/** The business date an event belongs to (a meeting's day, a completion's day), else the day it was recorded. */
const businessDate = (e: ProjectedEnvelope): string => {
  const d = data(e);
  return String(d['heldOn'] ?? d['completedOn'] ?? d['producedOn'] ?? d['measuredOn'] ?? dateOf(e.recordedAt));
};

const monthOf = (date: string): string => date.slice(0, 7);

const keyFor = (e: ProjectedEnvelope): DocKey[] => {
  const d = data(e);
  const communityId = d['communityId'];
  if (typeof communityId !== 'string') return [];
  const key = (date: string): DocKey => docKey(ACTIVITY, activityId(communityId, monthOf(date)));
  // A task counts in the month it falls due in, whenever it was assigned or done; its owner
  // is active in the month they completed it, which may be another one.
  if (e.type === 'TaskAssigned') return [key(String(d['dueOn']))];
  if (e.type === 'TaskCompleted') {
    const due = String(d['dueOn']);
    const completed = String(d['completedOn']);
    return monthOf(due) === monthOf(completed) ? [key(due)] : [key(due), key(completed)];
  }
  return [key(businessDate(e))];
};

/** An activity document while a fold owns it: its lists are private copies, changed in place. */
interface ActivityDraft extends ActivityDoc {
  position: number;
  readonly activities: Activity[];
  readonly tasks: Record<string, TaskFact>;
  readonly products: ProductFact[];
  readonly demand: DemandFact[];
  readonly criteria: CriterionFact[];
}

const own = (doc: ActivityDoc | null, e: ProjectedEnvelope, key: DocKey): ActivityDraft => {
  if (doc) {
    const criteria = [...(doc.criteria ?? [])];
    return { ...doc, activities: [...doc.activities], tasks: recordCopy(doc.tasks), products: [...doc.products], demand: [...doc.demand], criteria, position: e.position };
  }
  const communityId = String(data(e)['communityId']);
  const month = key.id.slice(communityId.length + 1);
  return { _id: key.id, communityId, schoolYear: schoolYearOf(month), month, activities: [], tasks: recordCopy({}), products: [], demand: [], criteria: [], position: e.position };
};

const step = (doc: ActivityDraft, e: ProjectedEnvelope): void => {
  const d = data(e);
  doc.position = e.position;
  switch (e.type) {
    case 'MeetingHeld':
      for (const memberId of d['attendeeIds'] as string[]) doc.activities.push({ memberId, kind: 'attended', on: String(d['heldOn']), eventId: e.eventId });
      return;
    case 'VoteCast':
      doc.activities.push({ memberId: String(d['voterId']), kind: 'voted', on: businessDate(e), eventId: e.eventId });
      return;
    case 'TaskAssigned': {
      const fromPlan = d['origin']?.kind === 'planTask';
      doc.tasks[d['taskId']] = { taskId: d['taskId'], ownerId: d['ownerId'], dueOn: d['dueOn'], assignedEventId: e.eventId, completedOn: null, onTime: null, completedEventId: null, fromPlan };
      return;
    }
    case 'TaskCompleted': {
      // Filed twice when due and done in different months (see keyFor): the fact where it fell due, the activity where it was done.
      if (doc.month === monthOf(String(d['dueOn']))) {
        const task = getOwn(doc.tasks, d['taskId']);
        doc.tasks[d['taskId']] = {
          taskId: d['taskId'],
          ownerId: d['ownerId'],
          dueOn: d['dueOn'],
          assignedEventId: task?.assignedEventId ?? e.eventId,
          completedOn: d['completedOn'],
          onTime: Boolean(d['onTime']),
          completedEventId: e.eventId,
          fromPlan: task?.fromPlan ?? false,
        };
      }
      if (doc.month === monthOf(String(d['completedOn']))) doc.activities.push({ memberId: d['ownerId'], kind: 'completedTask', on: d['completedOn'], eventId: e.eventId });
      return;
    }
    case 'ProductRegistered': {
      const authorIds = d['authorIds'] as string[];
      doc.products.push({ productId: d['productId'], kind: d['kind'], producedOn: d['producedOn'], authorIds, eventId: e.eventId });
      for (const memberId of authorIds) doc.activities.push({ memberId, kind: 'authoredProduct', on: d['producedOn'], eventId: e.eventId });
      return;
    }
    case 'CriterionResultRecorded':
      doc.criteria.push({ planId: d['planId'], criterionId: d['criterionId'], value: d['value'], target: d['target'], met: Boolean(d['met']), on: d['measuredOn'], eventId: e.eventId });
      return;
    case 'ProductDemandRecorded':
      doc.demand.push({ productId: d['productId'], byCommunityId: d['byCommunityId'], kind: d['kind'], on: businessDate(e), eventId: e.eventId });
      return;
    default:
      return;
  }
};

export const activity: Projection = {
  name: 'activity',
  // 2: one document per community and month (it was per school year).
  // 3: a task completed in another month than it fell due in is active in that month's document.
  // 4: documents carry the position of their last change (dashboards kept in memory catch up by it).
  // 5: tasks say whether they come from the plan, and success criteria measured are filed (plan execution).
  version: 5,
  // Dashboards read a period's months of their communities (nothing reads by school year),
  // and then the documents changed since they last read them.
  collections: [{ name: ACTIVITY, indexes: [['communityId', 'month'], ['position']] }],
  eventTypes: new Set(['MeetingHeld', 'VoteCast', 'TaskAssigned', 'TaskCompleted', 'ProductRegistered', 'ProductDemandRecorded', 'CriterionResultRecorded']),
  keys: keyFor,
  ...draftFolds(own, step),
};
