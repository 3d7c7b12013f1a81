/**
 * The roster: one document per member of a community, with the roles they held over
 * time (member, chair, secretary — each from a date to a date, with the events that
 * began and ended it) and how active they were.
 */
import { dateOf, type ProjectedEnvelope } from '@collegium/domain';
import { docKey, draftFolds, type DocKey, type Projection, type ReadDoc } from '../projection';

export type RosterRole = 'member' | 'chair' | 'secretary';

export interface RoleTerm {
  readonly role: RosterRole;
  readonly from: string;
  readonly to: string | null;
  readonly startedBy: string;
  readonly endedBy: string | null;
}

export interface RosterDoc extends ReadDoc {
  readonly communityId: string;
  readonly memberId: string;
  readonly fullName: string | null;
  readonly roles: readonly RoleTerm[];
  readonly meetingsAttended: number;
  readonly votesCast: number;
  readonly tasksOwned: number;
  readonly tasksCompleted: number;
  readonly productsAuthored: number;
  readonly lastActiveOn: string | null;
}

export const ROSTER = 'roster';
export const rosterId = (communityId: string, memberId: string): string => `${communityId}:${memberId}`;

const data = (e: ProjectedEnvelope): Record<string, any> => e.data as Record<string, any>;
const key = (e: ProjectedEnvelope, memberId: unknown): DocKey[] =>
  typeof memberId === 'string' && typeof data(e)['communityId'] === 'string' ? [docKey(ROSTER, rosterId(data(e)['communityId'], memberId))] : [];

/** The member ids an event concerns. A dissolution names its members (older dissolution events name none). */
const membersOf = (e: ProjectedEnvelope): unknown[] => {
  const d = data(e);
  switch (e.type) {
    case 'CommunityCreated':
      return (d['foundingMembers'] as { memberId: string }[]).map((m) => m.memberId);
    case 'MemberEnrolled':
      return [d['member']?.memberId];
    case 'ChairAppointed':
      return [d['memberId'], d['previousChairId']];
    case 'SecretaryElected':
      return [d['memberId'], d['previousSecretaryId']];
    case 'CommunityContinued':
      return [d['secretaryTermEnded']];
    case 'CommunityDissolved':
      return (d['memberIds'] as string[] | undefined) ?? [];
    case 'MeetingHeld':
      return d['attendeeIds'] as string[];
    case 'VoteCast':
      return [d['voterId']];
    case 'ProductRegistered':
      return d['authorIds'] as string[];
    default:
      return [d['memberId'] ?? d['ownerId']];
  }
};

/** A roster document while a fold owns it: its counters and its own copy of the roles change in place. */
type RosterDraft = { -readonly [K in keyof RosterDoc]: RosterDoc[K] } & { roles: RoleTerm[] };

type Counter = 'meetingsAttended' | 'votesCast' | 'tasksOwned' | 'tasksCompleted' | 'productsAuthored';

const start = (doc: RosterDraft, role: RosterRole, from: string, eventId: string): void => {
  if (!doc.roles.some((r) => r.role === role && r.to === null)) doc.roles.push({ role, from, to: null, startedBy: eventId, endedBy: null });
};

const end = (doc: RosterDraft, roles: readonly RosterRole[], to: string, eventId: string): void => {
  doc.roles.forEach((r, i) => {
    if (roles.includes(r.role) && r.to === null) doc.roles[i] = { ...r, to, endedBy: eventId };
  });
};

const active = (doc: RosterDraft, on: string, counter: Counter): void => {
  doc[counter] += 1;
  if (counter !== 'tasksOwned' && (doc.lastActiveOn === null || doc.lastActiveOn < on)) doc.lastActiveOn = on;
};

const memberOf = (e: ProjectedEnvelope, key: DocKey): { communityId: string; memberId: string } => {
  const communityId = String(data(e)['communityId']);
  return { communityId, memberId: key.id.slice(communityId.length + 1) };
};

const own = (doc: RosterDoc | null, e: ProjectedEnvelope, key: DocKey): RosterDraft => {
  if (doc) return { ...doc, roles: [...doc.roles] };
  const { communityId, memberId } = memberOf(e, key);
  return {
    _id: key.id,
    communityId,
    memberId,
    fullName: null,
    roles: [],
    meetingsAttended: 0,
    votesCast: 0,
    tasksOwned: 0,
    tasksCompleted: 0,
    productsAuthored: 0,
    lastActiveOn: null,
  };
};

const step = (doc: RosterDraft, e: ProjectedEnvelope, key: DocKey): void => {
  const d = data(e);
  const day = dateOf(e.recordedAt);
  const { memberId } = memberOf(e, key);
  switch (e.type) {
    case 'CommunityCreated': {
      const founder = (d['foundingMembers'] as { memberId: string; fullName: string }[]).find((m) => m.memberId === memberId);
      doc.fullName = founder?.fullName ?? doc.fullName;
      return start(doc, 'member', d['order']?.date ?? day, e.eventId);
    }
    case 'MemberEnrolled':
      doc.fullName = d['member']?.fullName ?? doc.fullName;
      return start(doc, 'member', d['enrolledOn'] ?? day, e.eventId);
    case 'MemberRemoved':
      return end(doc, ['member', 'chair', 'secretary'], day, e.eventId);
    case 'CommunityDissolved':
      return end(doc, ['member', 'chair', 'secretary'], d['order']?.date ?? day, e.eventId);
    case 'ChairAppointed':
      return memberId === d['memberId'] ? start(doc, 'chair', d['appointedOn'] ?? day, e.eventId) : end(doc, ['chair'], d['appointedOn'] ?? day, e.eventId);
    case 'SecretaryElected':
      return memberId === d['memberId'] ? start(doc, 'secretary', d['electedOn'] ?? day, e.eventId) : end(doc, ['secretary'], d['electedOn'] ?? day, e.eventId);
    case 'CommunityContinued':
      return end(doc, ['secretary'], day, e.eventId);
    case 'MeetingHeld':
      return active(doc, d['heldOn'], 'meetingsAttended');
    case 'VoteCast':
      return active(doc, day, 'votesCast');
    case 'TaskAssigned':
      return active(doc, day, 'tasksOwned');
    case 'TaskCompleted':
      return active(doc, d['completedOn'], 'tasksCompleted');
    case 'ProductRegistered':
      return active(doc, d['producedOn'], 'productsAuthored');
    default:
      return;
  }
};

export const roster: Projection = {
  name: 'roster',
  // 2: a dissolution ends every member's terms.
  version: 2,
  collections: [{ name: ROSTER, indexes: [['communityId', 'memberId'], ['memberId']] }],
  eventTypes: new Set([
    'CommunityCreated', 'MemberEnrolled', 'MemberRemoved', 'ChairAppointed', 'SecretaryElected', 'CommunityContinued', 'CommunityDissolved',
    'MeetingHeld', 'VoteCast', 'TaskAssigned', 'TaskCompleted', 'ProductRegistered',
  ]),
  keys: (e) => membersOf(e).flatMap((m) => key(e, m)),
  ...draftFolds(own, step),
};
