/**
 * The state of one meeting, a left fold of its events. `evolve` is total: an event that
 * does not fit the state (which a well-behaved stream never holds) leaves it unchanged.
 */
import type { MotionSubject } from '../shared/facts';
import { assertNever } from '../shared/message';
import { getOwn, recordCopy } from '../shared/records';
import type {
  AgendaItem,
  MeetingEvent,
  MeetingHeldData,
  MeetingScheduledData,
  MinutesDecision,
  MinutesQuestion,
  MotionProposedData,
  VoteCastData,
  VoteChoice,
  VoteClosedData,
  VoteOutcome,
  VotingRule,
} from './events';

interface MotionBase {
  readonly motionId: string;
  readonly text: string;
  readonly subject: MotionSubject;
  readonly agendaItemId: string | null;
  readonly proposedBy: string;
  /** The open vote so far, by member id (000:8). */
  readonly votes: Readonly<Record<string, VoteChoice>>;
}

export type Motion = (MotionBase & { readonly status: 'open' }) | (MotionBase & { readonly status: 'closed'; readonly outcome: VoteOutcome });

export interface Minutes {
  readonly questions: readonly MinutesQuestion[];
  readonly decisions: readonly MinutesDecision[];
  readonly recommendations: readonly string[];
  readonly signedBy: string;
  readonly recordedAt: string;
}

interface MeetingBase {
  readonly meetingId: string;
  readonly communityId: string;
  readonly scheduledFor: string;
  readonly place: string | null;
  readonly title: string;
  readonly agenda: readonly AgendaItem[];
}

export interface NoMeeting {
  readonly status: 'none';
}

export interface ScheduledMeeting extends MeetingBase {
  readonly status: 'scheduled';
}

export interface HeldMeeting extends MeetingBase {
  readonly status: 'held';
  readonly heldOn: string;
  readonly attendeeIds: readonly string[];
  readonly quorumBase: number;
  readonly presidingChairId: string | null;
  readonly voting: VotingRule;
  readonly motions: Readonly<Record<string, Motion>>;
  /** Motion ids in the order they were proposed. */
  readonly motionOrder: readonly string[];
  /** Null until the protocol is recorded (000:9). */
  readonly minutes: Minutes | null;
}

export interface CancelledMeeting extends MeetingBase {
  readonly status: 'cancelled';
  readonly reason: string;
  readonly cancelledAt: string;
}

export type MeetingState = NoMeeting | ScheduledMeeting | HeldMeeting | CancelledMeeting;

export const initialMeetingState = (): MeetingState => ({ status: 'none' });

/** Own-property lookup: ids are user data and must never hit Object.prototype. */
export const lookup = getOwn;

export const findMotion = (state: HeldMeeting, motionId: string): Motion | undefined => lookup(state.motions, motionId);

export const openMotions = (state: HeldMeeting): readonly Motion[] =>
  state.motionOrder.map((id) => findMotion(state, id)).filter((m): m is Motion => m?.status === 'open');

const scheduledFrom = (d: MeetingScheduledData): ScheduledMeeting => ({
  status: 'scheduled',
  meetingId: d.meetingId,
  communityId: d.communityId,
  scheduledFor: d.scheduledFor,
  place: d.place,
  title: d.title,
  agenda: d.agenda,
});

const heldFrom = (state: ScheduledMeeting, d: MeetingHeldData): HeldMeeting => ({
  ...state,
  status: 'held',
  heldOn: d.heldOn,
  attendeeIds: d.attendeeIds,
  quorumBase: d.quorumBase,
  presidingChairId: d.presidingChairId,
  voting: d.voting,
  motions: {},
  motionOrder: [],
  minutes: null,
});

const withMotion = (state: HeldMeeting, motion: Motion): HeldMeeting => ({
  ...state,
  motions: withEntry(state.motions, motion.motionId, motion),
  motionOrder: state.motionOrder.includes(motion.motionId) ? state.motionOrder : [...state.motionOrder, motion.motionId],
});

const proposed = (state: HeldMeeting, d: MotionProposedData): HeldMeeting =>
  withMotion(state, {
    status: 'open',
    motionId: d.motionId,
    text: d.text,
    subject: d.subject,
    agendaItemId: d.agendaItemId,
    proposedBy: d.proposedBy,
    votes: {},
  });

/** A record copy with one entry set (motion ids are unique per meeting: see recordCopy). */
const withEntry = <T>(record: Readonly<Record<string, T>>, key: string, value: T): Record<string, T> => {
  const next = recordCopy(record);
  next[key] = value;
  return next;
};

/** Votes on one motion, in order, counted into one copy of its tally. */
const voted = (state: HeldMeeting, motionId: string, votes: readonly VoteCastData[]): HeldMeeting => {
  const motion = findMotion(state, motionId);
  if (motion?.status !== 'open') return state;
  const tally = recordCopy(motion.votes);
  for (const vote of votes) tally[vote.voterId] = vote.choice;
  return withMotion(state, { ...motion, votes: tally });
};

const closed = (state: HeldMeeting, d: VoteClosedData): HeldMeeting => {
  const motion = findMotion(state, d.motionId);
  if (motion?.status !== 'open') return state;
  return withMotion(state, { ...motion, status: 'closed', outcome: d.outcome });
};

export const evolveMeeting = (state: MeetingState, event: MeetingEvent): MeetingState => {
  switch (event.type) {
    case 'MeetingScheduled':
      return state.status === 'none' ? scheduledFrom(event.data) : state;
    case 'MeetingHeld':
      return state.status === 'scheduled' ? heldFrom(state, event.data) : state;
    case 'MeetingCancelled':
      return state.status === 'scheduled'
        ? { ...state, status: 'cancelled', reason: event.data.reason, cancelledAt: event.data.cancelledAt }
        : state;
    case 'MotionProposed':
      return state.status === 'held' ? proposed(state, event.data) : state;
    case 'VoteCast':
      return state.status === 'held' ? voted(state, event.data.motionId, [event.data]) : state;
    case 'VoteClosed':
      return state.status === 'held' ? closed(state, event.data) : state;
    case 'MinutesRecorded': {
      if (state.status !== 'held') return state;
      const { questions, decisions, recommendations, signedBy, recordedAt } = event.data;
      return { ...state, minutes: { questions, decisions, recommendations, signedBy, recordedAt } };
    }
    default:
      return assertNever(event);
  }
};

/** The votes on one motion that follow `events[from]` without a break: how a meeting's votes arrive. */
const voteBurst = (events: readonly MeetingEvent[], from: number, motionId: string): VoteCastData[] => {
  const votes: VoteCastData[] = [];
  for (let i = from; i < events.length; i++) {
    const event = events[i] as MeetingEvent;
    if (event.type !== 'VoteCast' || event.data.motionId !== motionId) break;
    votes.push(event.data);
  }
  return votes;
};

/**
 * The state after a run of events: `evolveMeeting` event by event, except that a burst of
 * votes on one motion is counted into one copy of the tally rather than one copy per vote
 * (a meeting of 60 votes copied its tally 60 times, to load it or to project it).
 */
export const evolveMeetingRun = (state: MeetingState, events: readonly MeetingEvent[]): MeetingState => {
  let current = state;
  for (let i = 0; i < events.length; ) {
    const event = events[i] as MeetingEvent;
    if (event.type === 'VoteCast' && current.status === 'held') {
      const burst = voteBurst(events, i, event.data.motionId);
      current = voted(current, event.data.motionId, burst);
      i += burst.length;
    } else {
      current = evolveMeeting(current, event);
      i += 1;
    }
  }
  return current;
};
