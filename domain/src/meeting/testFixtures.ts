/**
 * Test data for the meeting stream's specs: community facts and the events tests start
 * from. Test set-up is built from events (ARCHITECTURE rule 8).
 */
import type { CommunityFacts, MemberFacts } from '../shared/facts';
import type { DomainError } from '../shared/errors';
import { event, type CommandMetadata } from '../shared/message';
import type { RuleId } from '../shared/rules';
import { findProfile } from '../profiles/builtIn';
import type { RegulationProfile } from '../profiles/profile';
import { expectDomainError, metadata } from '../testing';
import type {
  AgendaItem,
  MeetingEvent,
  MeetingHeldData,
  MeetingScheduledData,
  MotionProposedData,
  VoteChoice,
  VoteOutcome,
} from './events';

export const COMMUNITY_ID = 'community-1';
export const MEETING_ID = 'meeting-1';
export const MOTION_ID = 'motion-1';
export const CHAIR = 'teacher-chair';
export const SECRETARY = 'teacher-secretary';
export const MEMBER_A = 'teacher-a';
export const MEMBER_B = 'teacher-b';
export const MEMBER_C = 'teacher-c';
export const OUTSIDER = 'teacher-outsider';
export const NOW = '2025-10-15T09:00:00.000Z';
export const TODAY = '2025-10-15';

export const profile = (id = 'by-school-plc'): RegulationProfile => {
  const found = findProfile(id);
  if (found === undefined) throw new Error(`no built-in profile ${id}`);
  return found;
};

const member = (memberId: string): MemberFacts => ({
  memberId,
  fullName: memberId,
  subject: 'mathematics',
  category: 'first',
  yearsInSpecialty: 5,
  headOfInstitution: false,
});

/** An active Belarusian school PLC (000) with a chair, a secretary and three more members. */
export const community = (overrides: Partial<CommunityFacts> = {}): CommunityFacts => ({
  communityId: COMMUNITY_ID,
  status: 'active',
  profile: profile(),
  schoolYear: '2025-2026',
  districtId: 'district-1',
  institutionId: 'school-1',
  chairId: CHAIR,
  secretaryId: SECRETARY,
  members: [CHAIR, SECRETARY, MEMBER_A, MEMBER_B, MEMBER_C].map(member),
  ...overrides,
});

/** Metadata of a command issued by `actorId` (a teacher) at NOW. */
export const by = (actorId: string): CommandMetadata => metadata({ actor: { id: actorId, role: 'teacher' }, now: NOW });

export const AGENDA_ITEM: AgendaItem = {
  itemId: 'item-1',
  topic: 'Lesson Study cycle in grade 7',
  actions: ['plan the research lesson', 'observe and discuss'],
  responsibleMemberIds: [MEMBER_A],
  expectedEvidence: ['lesson plan', 'observation sheets'],
};

export const ALL_PRESENT = [CHAIR, SECRETARY, MEMBER_A, MEMBER_B, MEMBER_C];

export const meetingScheduled = (overrides: Partial<MeetingScheduledData> = {}): MeetingEvent =>
  event('MeetingScheduled', {
    meetingId: MEETING_ID,
    communityId: COMMUNITY_ID,
    scheduledFor: TODAY,
    place: 'room 12',
    title: 'Second meeting of the school year',
    agenda: [AGENDA_ITEM],
    scheduledBy: CHAIR,
    scheduledAt: '2025-10-01T09:00:00.000Z',
    ...overrides,
  });

/** Held with all five members present, the chair presiding, under the 000 tie-break (000:8). */
export const meetingHeld = (overrides: Partial<MeetingHeldData> = {}): MeetingEvent => {
  const attendeeIds = overrides.attendeeIds ?? ALL_PRESENT;
  const data: MeetingHeldData = {
    meetingId: MEETING_ID,
    communityId: COMMUNITY_ID,
    heldOn: TODAY,
    attendeeIds,
    quorumBase: attendeeIds.length,
    presidingChairId: attendeeIds.includes(CHAIR) ? CHAIR : null,
    voting: { tieBreak: 'chairDecides', rule: '000:8' },
    heldBy: CHAIR,
    heldAt: '2025-10-15T08:00:00.000Z',
    ...overrides,
  };
  return event('MeetingHeld', data);
};

export const meetingCancelled = (): MeetingEvent =>
  event('MeetingCancelled', {
    meetingId: MEETING_ID,
    communityId: COMMUNITY_ID,
    reason: 'school closed for quarantine',
    cancelledBy: CHAIR,
    cancelledAt: '2025-10-10T09:00:00.000Z',
  });

export const motionProposed = (overrides: Partial<MotionProposedData> = {}): MeetingEvent => {
  const data: MotionProposedData = {
    meetingId: MEETING_ID,
    communityId: COMMUNITY_ID,
    motionId: MOTION_ID,
    text: 'Recommend the Lesson Study cycle to all grade 7 teachers',
    subject: { kind: 'decision' },
    agendaItemId: AGENDA_ITEM.itemId,
    proposedBy: MEMBER_A,
    proposedAt: '2025-10-15T08:10:00.000Z',
    ...overrides,
  };
  return event('MotionProposed', data);
};

export const voteCast = (voterId: string, choice: VoteChoice, motionId = MOTION_ID): MeetingEvent =>
  event('VoteCast', {
    meetingId: MEETING_ID,
    communityId: COMMUNITY_ID,
    motionId,
    voterId,
    choice,
    castAt: '2025-10-15T08:20:00.000Z',
  });

export const voteClosed = (carried: boolean, motionId = MOTION_ID): MeetingEvent => {
  const outcome: VoteOutcome = carried
    ? { carried, votesFor: 3, votesAgainst: 2, abstentions: 0, notVoted: 0, quorumBase: 5, majorityNeeded: 3, reason: 'MAJORITY_FOR', rule: '000:8' }
    : { carried, votesFor: 2, votesAgainst: 3, abstentions: 0, notVoted: 0, quorumBase: 5, majorityNeeded: 3, reason: 'NO_MAJORITY', rule: '000:8' };
  return event('VoteClosed', {
    meetingId: MEETING_ID,
    communityId: COMMUNITY_ID,
    motionId,
    outcome,
    closedBy: CHAIR,
    closedAt: '2025-10-15T08:30:00.000Z',
  });
};

/** Asserts `act` is refused to its actor, naming `rule` when a rule says who may. */
export const expectForbidden = (act: () => unknown, rule?: RuleId): DomainError => {
  const error = expectDomainError(act, 'FORBIDDEN');
  expect(error.rule).toBe(rule);
  return error;
};
