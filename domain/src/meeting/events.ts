/**
 * Events of the meeting stream (`meeting-<meetingId>`): a meeting of a community is
 * scheduled, held (or cancelled), motions are put to an open vote at it, and its minutes
 * are recorded (000:7, 000:8, 000:9, 003:3.4, 004:4.6).
 */
import type { MotionSubject } from '../shared/facts';
import type { DomainEvent } from '../shared/message';
import type { RuleId } from '../shared/rules';
import type { RegulationProfile } from '../profiles/profile';

/**
 * One row of the 003 "План заседаний" table: содержание (topic), действия (actions),
 * лидеры (responsible members), мониторинг исполнения (expected evidence).
 */
export interface AgendaItem {
  readonly itemId: string;
  readonly topic: string;
  readonly actions: readonly string[];
  /** Members of the community who lead the item. */
  readonly responsibleMemberIds: readonly string[];
  /** What will show that the item was carried out (monitoring of execution). */
  readonly expectedEvidence: readonly string[];
}

/** An open vote (000:8) knows three answers. */
export type VoteChoice = 'for' | 'against' | 'abstain';
export const VOTE_CHOICES: readonly VoteChoice[] = ['for', 'against', 'abstain'];

/** How a tie is broken and the rule that says so (000:8), as the profile had it when the meeting was held. */
export type VotingRule = RegulationProfile['voting'];

/** Why a vote ended as it did; tie reasons name how the tie was broken (000:8). */
export type VoteOutcomeReason =
  | 'MAJORITY_FOR'
  | 'NO_MAJORITY'
  | 'TIE_CHAIR_VOTED_FOR'
  | 'TIE_CHAIR_VOTED_AGAINST_OR_ABSTAINED'
  | 'TIE_CHAIR_DID_NOT_VOTE'
  | 'TIE_NOT_CARRIED_BY_PROFILE';

/**
 * The result of a vote. The base is every member present, not every vote cast: a member
 * present who did not vote counts against a majority (000:8, "majority of the votes of the
 * members participating in the meeting").
 */
export interface VoteOutcome {
  readonly carried: boolean;
  readonly votesFor: number;
  readonly votesAgainst: number;
  readonly abstentions: number;
  /** Attendees who cast no vote. */
  readonly notVoted: number;
  /** The number of members present at the meeting (000:8). */
  readonly quorumBase: number;
  /** The smallest number of votes for that carries without a tie-break: ⌊quorumBase / 2⌋ + 1. */
  readonly majorityNeeded: number;
  readonly reason: VoteOutcomeReason;
  /** The voting rule applied (from the profile copied when the meeting was held). */
  readonly rule: RuleId;
}

/** A question discussed, as written in the minutes (003:3.4: recommendations on each question). */
export interface MinutesQuestion {
  /** The agenda item the question belongs to; null for a question raised outside the agenda. */
  readonly agendaItemId: string | null;
  readonly question: string;
  readonly summary: string;
}

/** A decision written in the minutes; a recommendation, not an order (000:9). */
export interface MinutesDecision {
  /** The carried motion the decision was taken by; null for a decision recorded without a vote. */
  readonly motionId: string | null;
  readonly text: string;
}

export interface MeetingScheduledData {
  readonly meetingId: string;
  readonly communityId: string;
  /** Calendar date (YYYY-MM-DD) the meeting is planned for. */
  readonly scheduledFor: string;
  readonly place: string | null;
  readonly title: string;
  readonly agenda: readonly AgendaItem[];
  /** The chair or the secretary: the chair organises meetings, the secretary prepares them (000:7). */
  readonly scheduledBy: string;
  readonly scheduledAt: string;
}

export interface MeetingHeldData {
  readonly meetingId: string;
  readonly communityId: string;
  /** Calendar date the meeting took place; counts towards the meeting cadence (000:8, 003:3.3, 004:4.5). */
  readonly heldOn: string;
  /** Members who took part in the meeting: the only ones who may vote at it (000:8). */
  readonly attendeeIds: readonly string[];
  /** The number of members present: the base of every vote at this meeting (000:8). */
  readonly quorumBase: number;
  /** The chair, when the chair attended; their vote breaks a tie under `chairDecides` (000:8). Null otherwise. */
  readonly presidingChairId: string | null;
  /** The voting rule in force when the meeting was held, so later profile changes do not alter its votes (000:8). */
  readonly voting: VotingRule;
  /** The chair or the secretary (000:7). */
  readonly heldBy: string;
  readonly heldAt: string;
}

export interface MeetingCancelledData {
  readonly meetingId: string;
  readonly communityId: string;
  readonly reason: string;
  /** The chair or the secretary (000:7). */
  readonly cancelledBy: string;
  readonly cancelledAt: string;
}

export interface MotionProposedData {
  readonly meetingId: string;
  readonly communityId: string;
  readonly motionId: string;
  readonly text: string;
  /**
   * What the motion decides: a plain decision, the election of a secretary from among the
   * members (000:6) or the discussion of a draft plan (000:7, 003:3.2).
   */
  readonly subject: MotionSubject;
  readonly agendaItemId: string | null;
  /** A member who attended the meeting (000:8). */
  readonly proposedBy: string;
  readonly proposedAt: string;
}

export interface VoteCastData {
  readonly meetingId: string;
  readonly communityId: string;
  readonly motionId: string;
  /** A member present at the meeting; each votes once, openly (000:8). */
  readonly voterId: string;
  readonly choice: VoteChoice;
  readonly castAt: string;
}

export interface VoteClosedData {
  readonly meetingId: string;
  readonly communityId: string;
  readonly motionId: string;
  /**
   * Carried by a majority of the votes of the members present; on a tie as the meeting's
   * voting rule says (000:8). A carried decision is a recommendation, not an order (000:9).
   */
  readonly outcome: VoteOutcome;
  /** The presiding chair, or the chair or secretary when the chair was absent (000:7). */
  readonly closedBy: string;
  readonly closedAt: string;
}

/** The protocol of the meeting (000:9, 003:3.4, 004:4.6). */
export interface MinutesRecordedData {
  readonly meetingId: string;
  readonly communityId: string;
  /** Questions discussed, each with its summary (003:3.4). */
  readonly questions: readonly MinutesQuestion[];
  /** Decisions taken; recommendations, not orders (000:9). */
  readonly decisions: readonly MinutesDecision[];
  /** Recommendations recorded in the minutes (003:3.4). */
  readonly recommendations: readonly string[];
  /** Who signed the minutes, as the profile requires: the chair (003:3.4). */
  readonly signedBy: string;
  readonly recordedAt: string;
}

export type MeetingScheduled = DomainEvent<'MeetingScheduled', MeetingScheduledData>;
export type MeetingHeld = DomainEvent<'MeetingHeld', MeetingHeldData>;
export type MeetingCancelled = DomainEvent<'MeetingCancelled', MeetingCancelledData>;
export type MotionProposed = DomainEvent<'MotionProposed', MotionProposedData>;
export type VoteCast = DomainEvent<'VoteCast', VoteCastData>;
/** A decision of the meeting; decisions are recommendations (000:9). */
export type VoteClosed = DomainEvent<'VoteClosed', VoteClosedData>;
export type MinutesRecorded = DomainEvent<'MinutesRecorded', MinutesRecordedData>;

export type MeetingEvent = MeetingScheduled | MeetingHeld | MeetingCancelled | MotionProposed | VoteCast | VoteClosed | MinutesRecorded;

export const MEETING_EVENT_TYPES: readonly MeetingEvent['type'][] = [
  'MeetingScheduled',
  'MeetingHeld',
  'MeetingCancelled',
  'MotionProposed',
  'VoteCast',
  'VoteClosed',
  'MinutesRecorded',
];
