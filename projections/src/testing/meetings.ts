/**
 * Meetings: scheduled by the chair (or the secretary) a week or two ahead, held with most
 * members present and the chair nearly always, motions put to an open vote (000:8), and
 * minutes signed by the chair — skipped now and then, so compliance has something to find
 * (000:9, 004:4.6). A meeting is also where the secretary is elected (000:6), the plan is
 * discussed (000:7, 003:3.2) and the chair reports on the tasks (000:7).
 */
import { meetingDecider, toMotionFacts, type CommunityFacts, type MeetingCommand, type MotionFacts, type MotionSubject, type VoteChoice } from '@collegium/domain';
import type { CommunitySim } from './communitySim';
import { agendaItems, agendaTopic, decisionText } from './content';
import { openStream, type Flow } from './eventLog';
import { onDiscussed } from './plans';
import { assignDecisionTasks, reviewTasks } from './tasks';
import { DAY, HOUR, isoDate, MINUTE } from './time';
import type { MeetingStream } from './yearState';

const MINUTES_RATE = 0.9;
const ATTENDANCE = 0.85;
const CHAIR_ATTENDANCE = 0.95;
const CANCEL_RATE = 0.04;
const FAILED_MOTION_RATE = 0.15;

interface Meeting {
  readonly meetingId: string;
  readonly stream: MeetingStream;
  readonly flow: Flow;
  readonly day: number;
}

/** How a motion is meant to go: `pass` guarantees a majority of the members present (000:8). */
interface MotionPlan {
  readonly subject: MotionSubject;
  readonly text: string;
  readonly intent: 'pass' | 'fail';
}

interface Sitting {
  readonly meeting: Meeting;
  readonly facts: CommunityFacts;
  readonly attendees: readonly string[];
  /** The chair when present; else the secretary runs the meeting (000:7). */
  readonly presiding: string;
}

const run = (sim: CommunitySim, meeting: Meeting, command: MeetingCommand): void => {
  sim.world.log.append(meeting.stream, command, meeting.flow);
};

/** Plans a meeting for `day`: it is scheduled one to two weeks ahead. */
export const planMeeting = (sim: CommunitySim, day: number, mayBeCancelled = true): void => {
  sim.at(day - sim.rng.int(7, 14) * DAY + 12 * HOUR, (at) => scheduleMeeting(sim, day, at, mayBeCancelled));
};

const organiser = (sim: CommunitySim, facts: CommunityFacts): string =>
  facts.secretaryId !== null && sim.rng.chance(0.3) ? facts.secretaryId : sim.chair().actor.id;

const scheduleMeeting = (sim: CommunitySim, day: number, at: number, mayBeCancelled: boolean): void => {
  const year = sim.year;
  year.meetings += 1;
  const meetingId = `${sim.id}-${year.schoolYear}-meeting-${year.meetings}`;
  const meeting: Meeting = { meetingId, stream: openStream(meetingDecider, 'meeting', meetingId), flow: sim.world.log.newFlow(), day };
  const facts = sim.facts();
  run(sim, meeting, {
    type: 'ScheduleMeeting',
    data: { meetingId, community: facts, scheduledFor: isoDate(day), place: 'Methodical room', title: agendaTopic(sim.rng), agenda: agendaItems(sim.rng, meetingId, facts.members) },
    metadata: sim.meta(sim.member(organiser(sim, facts)), at, meeting.flow),
  });
  if (mayBeCancelled && sim.rare('cancelMeeting', CANCEL_RATE)) sim.at(day - DAY + 11 * HOUR, (t) => cancelMeeting(sim, meeting, t));
  else sim.at(day + 15 * HOUR, (t) => holdMeeting(sim, meeting, t));
};

/** Called off the day before; the chair sets a new date a week later. */
const cancelMeeting = (sim: CommunitySim, meeting: Meeting, at: number): void => {
  const facts = sim.facts();
  run(sim, meeting, {
    type: 'CancelMeeting',
    data: { meetingId: meeting.meetingId, community: facts, reason: 'The speakers are at district courses' },
    metadata: sim.meta(sim.member(organiser(sim, facts)), at, meeting.flow),
  });
  const day = meeting.day + 7 * DAY;
  sim.at(at + HOUR, (t) => scheduleMeeting(sim, day, t, false));
};

/** Most members attend; the chair is absent only when an elected secretary is there to run it. */
const chooseAttendees = (sim: CommunitySim, facts: CommunityFacts): { attendees: string[]; presiding: string } => {
  const chairId = sim.chair().actor.id;
  const secretaryId = facts.secretaryId;
  const chairAbsent = secretaryId !== null && secretaryId !== chairId && !sim.rng.chance(CHAIR_ATTENDANCE);
  const attendees = facts.members
    .map((m) => m.memberId)
    .filter((id) => (id === chairId ? !chairAbsent : id === secretaryId && chairAbsent ? true : sim.rng.chance(ATTENDANCE)));
  return { attendees, presiding: chairAbsent && secretaryId !== null ? secretaryId : chairId };
};

const holdMeeting = (sim: CommunitySim, meeting: Meeting, at: number): void => {
  const facts = sim.facts();
  const { attendees, presiding } = chooseAttendees(sim, facts);
  run(sim, meeting, {
    type: 'HoldMeeting',
    data: { meetingId: meeting.meetingId, community: facts, heldOn: isoDate(meeting.day), attendeeIds: attendees },
    metadata: sim.meta(sim.member(presiding), at, meeting.flow),
  });
  const held = { meetingId: meeting.meetingId, heldOn: isoDate(meeting.day) };
  sim.year.held.push(held);
  reviewTasks(sim, held);
  const sitting: Sitting = { meeting, facts, attendees, presiding };
  const results = motionPlans(sim, sitting).map((plan, i) => putToVote(sim, sitting, plan, i + 1));
  for (const motion of results) followUp(sim, motion, meeting.day);
  if (sim.rng.chance(MINUTES_RATE)) scheduleMinutes(sim, meeting, results);
};

/** The motions of the day: the election of the secretary, the plan's discussion, then 1–2 decisions. */
const motionPlans = (sim: CommunitySim, sitting: Sitting): MotionPlan[] => {
  const plans: MotionPlan[] = [];
  const year = sim.year;
  if (sim.profile.secretary !== null && sitting.facts.secretaryId === null && !year.electionUnderway) {
    year.electionUnderway = true;
    const candidates = sitting.attendees.filter((id) => id !== sitting.facts.chairId);
    const candidateId = candidates.length > 0 ? sim.rng.pick(candidates) : sim.rng.pick(sitting.attendees);
    plans.push({ subject: { kind: 'electSecretary', candidateId }, text: `Elect ${candidateId} secretary for ${year.schoolYear}`, intent: 'pass' });
  }
  const plan = year.plan;
  if (plan !== null && plan.awaitingDiscussion) {
    plans.push({ subject: { kind: 'discussPlan', planId: plan.planId }, text: 'Approve the draft work plan for submission', intent: 'pass' });
  }
  const decisions = year.held.length === 1 ? 1 : sim.rng.int(1, 2);
  for (let i = 0; i < decisions; i++) {
    plans.push({ subject: { kind: 'decision' }, text: decisionText(sim.rng), intent: sim.rng.chance(FAILED_MOTION_RATE) ? 'fail' : 'pass' });
  }
  return plans;
};

/**
 * The open vote's choices. `pass` gives a majority of the members present; `fail` at most
 * half (a tie may still carry where the chair decides, 000:8). Some attendees do not vote.
 */
const choices = (sim: CommunitySim, attendees: readonly string[], intent: MotionPlan['intent']): [string, VoteChoice][] => {
  const n = attendees.length;
  const majority = Math.floor(n / 2) + 1;
  const votesFor = intent === 'pass' ? n - Math.min(sim.rng.int(0, n - majority), sim.rng.int(0, n - majority)) : sim.rng.int(0, Math.floor(n / 2));
  const cast: [string, VoteChoice][] = [];
  sim.rng.shuffle(attendees).forEach((voter, i) => {
    if (i < votesFor) cast.push([voter, 'for']);
    else if (!sim.rng.chance(0.15)) cast.push([voter, sim.rng.chance(0.7) ? 'against' : 'abstain']);
  });
  return cast;
};

const putToVote = (sim: CommunitySim, sitting: Sitting, plan: MotionPlan, index: number): MotionFacts => {
  const { meeting, facts, attendees, presiding } = sitting;
  const motionId = `${meeting.meetingId}-motion-${index}`;
  const agendaItemId = `${meeting.meetingId}-item-1`;
  run(sim, meeting, {
    type: 'ProposeMotion',
    data: { meetingId: meeting.meetingId, motionId, community: facts, text: plan.text, subject: plan.subject, agendaItemId },
    metadata: sim.meta(sim.member(presiding), sim.tick(), meeting.flow),
  });
  for (const [voter, choice] of choices(sim, attendees, plan.intent)) {
    run(sim, meeting, { type: 'CastVote', data: { meetingId: meeting.meetingId, motionId, choice }, metadata: sim.meta(sim.member(voter), sim.tick(), meeting.flow) });
  }
  run(sim, meeting, {
    type: 'CloseVote',
    data: { meetingId: meeting.meetingId, motionId, community: facts },
    metadata: sim.meta(sim.member(presiding), sim.tick(), meeting.flow),
  });
  return toMotionFacts(meeting.stream.state, motionId);
};

/** What a carried motion sets going: the election recorded, the plan submitted, the decision's tasks. */
const followUp = (sim: CommunitySim, motion: MotionFacts, day: number): void => {
  if (motion.carried !== true) {
    if (motion.subject.kind === 'electSecretary') sim.year.electionUnderway = false;
    return;
  }
  switch (motion.subject.kind) {
    case 'electSecretary':
      electSecretary(sim, motion, motion.subject.candidateId, day);
      return;
    case 'discussPlan': {
      const plan = sim.year.plan;
      if (plan !== null) onDiscussed(sim, plan, motion, day);
      return;
    }
    case 'decision':
      assignDecisionTasks(sim, motion, day);
      return;
  }
};

const electSecretary = (sim: CommunitySim, motion: MotionFacts, memberId: string, day: number): void => {
  sim.at(day + 19 * HOUR, (at) => {
    sim.onCommunity({
      type: 'ElectSecretary',
      data: { communityId: sim.id, memberId, motion },
      metadata: sim.meta(sim.chair(), at, sim.flow),
    });
    sim.year.electionUnderway = false;
  });
};

/** The protocol, signed by the chair the same evening or within three days (000:9, 003:3.4). */
const scheduleMinutes = (sim: CommunitySim, meeting: Meeting, motions: readonly MotionFacts[]): void => {
  const delay = sim.rng.int(0, 3);
  const at = meeting.day + delay * DAY + (delay === 0 ? 19 * HOUR + 30 * MINUTE : 16 * HOUR);
  sim.at(at, (t) => {
    const state = meeting.stream.state;
    const agenda = state.status === 'none' ? [] : state.agenda;
    run(sim, meeting, {
      type: 'RecordMinutes',
      data: {
        meetingId: meeting.meetingId,
        community: sim.facts(),
        questions: agenda.map((item) => ({ agendaItemId: item.itemId, question: item.topic, summary: 'Discussed; members shared their experience' })),
        decisions: motions.filter((m) => m.carried === true).map((m) => ({ motionId: m.motionId, text: m.text })),
        recommendations: ['Share the materials with the teaching staff'],
      },
      metadata: sim.meta(sim.chair(), t, meeting.flow),
    });
  });
};
