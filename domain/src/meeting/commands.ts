/**
 * Commands of the meeting stream. Every command names its meeting; commands that need
 * the community carry its facts, loaded by the application layer when it decides
 * (ARCHITECTURE rule 5).
 */
import type { CommunityFacts, MotionSubject } from '../shared/facts';
import type { Command } from '../shared/message';
import type { AgendaItem, VoteChoice } from './events';

export interface ScheduleMeetingData {
  readonly meetingId: string;
  readonly community: CommunityFacts;
  /** Calendar date, YYYY-MM-DD. */
  readonly scheduledFor: string;
  readonly place?: string | undefined;
  readonly title: string;
  readonly agenda: readonly AgendaItem[];
}

export interface HoldMeetingData {
  readonly meetingId: string;
  readonly community: CommunityFacts;
  /** Calendar date, YYYY-MM-DD; not after the day of the command. */
  readonly heldOn: string;
  readonly attendeeIds: readonly string[];
}

export interface CancelMeetingData {
  readonly meetingId: string;
  readonly community: CommunityFacts;
  readonly reason: string;
}

export interface ProposeMotionData {
  readonly meetingId: string;
  readonly motionId: string;
  readonly community: CommunityFacts;
  readonly text: string;
  readonly subject: MotionSubject;
  readonly agendaItemId?: string | undefined;
}

/** The voter is the actor: an open vote is cast in person (000:8). */
export interface CastVoteData {
  readonly meetingId: string;
  readonly motionId: string;
  readonly choice: VoteChoice;
}

export interface CloseVoteData {
  readonly meetingId: string;
  readonly motionId: string;
  readonly community: CommunityFacts;
}

export interface MinutesQuestionInput {
  readonly agendaItemId?: string | undefined;
  readonly question: string;
  readonly summary: string;
}

export interface MinutesDecisionInput {
  readonly motionId?: string | undefined;
  readonly text: string;
}

export interface RecordMinutesData {
  readonly meetingId: string;
  readonly community: CommunityFacts;
  readonly questions: readonly MinutesQuestionInput[];
  readonly decisions: readonly MinutesDecisionInput[];
  readonly recommendations: readonly string[];
}

export type ScheduleMeeting = Command<'ScheduleMeeting', ScheduleMeetingData>;
export type HoldMeeting = Command<'HoldMeeting', HoldMeetingData>;
export type CancelMeeting = Command<'CancelMeeting', CancelMeetingData>;
export type ProposeMotion = Command<'ProposeMotion', ProposeMotionData>;
export type CastVote = Command<'CastVote', CastVoteData>;
export type CloseVote = Command<'CloseVote', CloseVoteData>;
export type RecordMinutes = Command<'RecordMinutes', RecordMinutesData>;

export type MeetingCommand = ScheduleMeeting | HoldMeeting | CancelMeeting | ProposeMotion | CastVote | CloseVote | RecordMinutes;
