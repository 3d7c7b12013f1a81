/**
 * What compliance with the regulation is judged on, one document per community: the
 * meetings held and their minutes, plans with their deadlines, secretaries elected, and
 * reports with their due dates — each with the event that shows it. `evaluate.ts`
 * judges them against the community's profile for a school year.
 */
import { dateOf, type ProjectedEnvelope } from '@collegium/domain';
import { docKey, type Projection, type ReadDoc } from '../projection';

export interface HeldMeetingFact {
  readonly meetingId: string;
  readonly heldOn: string;
  readonly eventId: string;
  /** The MinutesRecorded event, once minutes exist (000:9, 004:4.6). */
  readonly minutesEventId: string | null;
}

export interface PlanFact {
  readonly planId: string;
  readonly schoolYear: string;
  readonly deadline: string | null;
  readonly draftedEventId: string;
  readonly approvedOn: string | null;
  readonly onTime: boolean | null;
  readonly approvedEventId: string | null;
}

export interface SecretaryFact {
  readonly memberId: string;
  readonly schoolYear: string;
  readonly electedOn: string;
  readonly eventId: string;
}

export interface ReportFact {
  readonly reportId: string;
  readonly kind: string;
  readonly schoolYear: string;
  readonly dueOn: string | null;
  readonly submittedOn: string;
  readonly onTime: boolean;
  readonly status: 'submitted' | 'accepted' | 'returned';
  readonly eventId: string;
}

/** A breach the scheduled checks recorded (ComplianceBreachRecorded), with when it was noticed. */
export interface BreachFact {
  readonly kind: string;
  readonly key: string;
  readonly schoolYear: string;
  readonly rule: string | null;
  readonly dueOn: string;
  readonly detail: string;
  readonly detectedAt: string;
  readonly eventId: string;
}

export interface ComplianceDoc extends ReadDoc {
  readonly communityId: string;
  /** Absent in documents written before version 2. */
  readonly breaches?: readonly BreachFact[];
  readonly meetings: readonly HeldMeetingFact[];
  readonly plans: readonly PlanFact[];
  readonly secretaries: readonly SecretaryFact[];
  readonly reports: readonly ReportFact[];
  /** The log position of the last event that changed the document (absent before version 3; see ActivityDoc.position). */
  readonly position?: number;
}

export const COMPLIANCE = 'compliance';

const data = (e: ProjectedEnvelope): Record<string, any> => e.data as Record<string, any>;

const replaceWhere = <T>(items: readonly T[], match: (item: T) => boolean, update: (item: T) => T): T[] =>
  items.map((item) => (match(item) ? update(item) : item));

const apply = (doc: ComplianceDoc, e: ProjectedEnvelope): ComplianceDoc => {
  const d = data(e);
  switch (e.type) {
    case 'MeetingHeld':
      return { ...doc, meetings: [...doc.meetings, { meetingId: d['meetingId'], heldOn: d['heldOn'], eventId: e.eventId, minutesEventId: null }] };
    case 'MinutesRecorded':
      return { ...doc, meetings: replaceWhere(doc.meetings, (m) => m.meetingId === d['meetingId'], (m) => ({ ...m, minutesEventId: e.eventId })) };
    case 'PlanDrafted':
      return {
        ...doc,
        plans: [
          ...doc.plans,
          { planId: d['planId'], schoolYear: d['schoolYear'], deadline: d['deadline']?.on ?? null, draftedEventId: e.eventId, approvedOn: null, onTime: null, approvedEventId: null },
        ],
      };
    case 'PlanApproved':
      return {
        ...doc,
        plans: replaceWhere(doc.plans, (p) => p.planId === d['planId'], (p) => ({ ...p, approvedOn: dateOf(d['approvedAt']), onTime: Boolean(d['onTime']), approvedEventId: e.eventId })),
      };
    case 'SecretaryElected':
      return { ...doc, secretaries: [...doc.secretaries, { memberId: d['memberId'], schoolYear: d['schoolYear'], electedOn: d['electedOn'], eventId: e.eventId }] };
    case 'ReportSubmitted': {
      const fact: ReportFact = {
        reportId: d['reportId'],
        kind: d['kind'],
        schoolYear: d['schoolYear'],
        dueOn: d['dueOn'] ?? null,
        submittedOn: dateOf(d['submittedAt']),
        onTime: Boolean(d['onTime']),
        status: 'submitted',
        eventId: e.eventId,
      };
      return { ...doc, reports: [...doc.reports.filter((r) => r.reportId !== fact.reportId), fact] };
    }
    case 'ReportAccepted':
    case 'ReportReturned': {
      const status = e.type === 'ReportAccepted' ? 'accepted' : 'returned';
      return { ...doc, reports: replaceWhere(doc.reports, (r) => r.reportId === d['reportId'], (r) => ({ ...r, status })) };
    }
    case 'ComplianceBreachRecorded': {
      const fact: BreachFact = {
        kind: d['kind'],
        key: d['key'],
        schoolYear: d['schoolYear'],
        rule: d['rule'] ?? null,
        dueOn: d['dueOn'],
        detail: d['detail'],
        detectedAt: d['detectedAt'],
        eventId: e.eventId,
      };
      return { ...doc, breaches: [...(doc.breaches ?? []), fact] };
    }
    default:
      return doc;
  }
};

export const compliance: Projection = {
  name: 'compliance',
  // 2: breaches recorded by the scheduled checks.
  // 3: documents carry the position of their last change, indexed.
  version: 3,
  collections: [{ name: COMPLIANCE, indexes: [['position']] }],
  eventTypes: new Set([
    'MeetingHeld',
    'MinutesRecorded',
    'PlanDrafted',
    'PlanApproved',
    'SecretaryElected',
    'ReportSubmitted',
    'ReportAccepted',
    'ReportReturned',
    'ComplianceBreachRecorded',
  ]),
  keys: (e) => (typeof data(e)['communityId'] === 'string' ? [docKey(COMPLIANCE, data(e)['communityId'])] : []),
  evolve: (doc, e, key) => ({
    ...apply((doc as ComplianceDoc | null) ?? { _id: key.id, communityId: key.id, meetings: [], plans: [], secretaries: [], reports: [], breaches: [] }, e),
    position: e.position,
  }),
};
