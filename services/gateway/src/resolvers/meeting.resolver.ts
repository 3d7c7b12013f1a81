import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { meetingDecider, streamName, type MeetingState, type MotionSubject } from '@collegium/domain';
import {
  CancelMeetingInput,
  CastVoteInput,
  CloseVoteInput,
  CommandPayload,
  HoldMeetingInput,
  Meeting,
  MotionSubjectInput,
  ProposeMotionInput,
  RecordMinutesInput,
  ScheduleMeetingInput,
} from '@collegium/schema';
import { loadCommunityFacts, loadVisible } from '../application/load';
import { requirePrincipal, type GatewayContext } from '../context';
import { run } from './run';

const toTieBreak = (tieBreak: string): string => tieBreak.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

export const toMeetingView = (state: MeetingState, revision: number): Meeting | null => {
  if (state.status === 'none') return null;
  const held = state.status === 'held' ? state : null;
  return {
    meetingId: state.meetingId,
    communityId: state.communityId,
    status: state.status.toUpperCase(),
    title: state.title,
    scheduledFor: state.scheduledFor,
    place: state.place,
    agenda: state.agenda.map((item) => ({ ...item, actions: [...item.actions], responsibleMemberIds: [...item.responsibleMemberIds], expectedEvidence: [...item.expectedEvidence] })),
    heldOn: held?.heldOn ?? null,
    attendeeIds: held ? [...held.attendeeIds] : [],
    quorumBase: held?.quorumBase ?? null,
    presidingChairId: held?.presidingChairId ?? null,
    tieBreak: held ? toTieBreak(held.voting.tieBreak) : null,
    motions: held
      ? held.motionOrder.flatMap((id) => {
          const m = held.motions[id];
          if (!m) return [];
          return [
            {
              motionId: m.motionId,
              text: m.text,
              subject: {
                kind: m.subject.kind,
                candidateId: m.subject.kind === 'electSecretary' ? m.subject.candidateId : null,
                planId: m.subject.kind === 'discussPlan' ? m.subject.planId : null,
              },
              agendaItemId: m.agendaItemId,
              proposedBy: m.proposedBy,
              status: m.status.toUpperCase(),
              votes: Object.entries(m.votes).map(([memberId, choice]) => ({ memberId, choice })),
              outcome: m.status === 'closed' ? m.outcome : null,
            },
          ];
        })
      : [],
    minutes: held?.minutes
      ? {
          questions: held.minutes.questions.map((q) => ({ ...q })),
          decisions: held.minutes.decisions.map((d) => ({ ...d })),
          recommendations: [...held.minutes.recommendations],
          signedBy: held.minutes.signedBy,
          recordedAt: held.minutes.recordedAt,
        }
      : null,
    cancellationReason: state.status === 'cancelled' ? state.reason : null,
    revision,
  };
};

/** GraphQL's flat subject input → the domain's tagged union; the decider rejects a missing candidate or plan. */
const toSubject = (input: MotionSubjectInput): MotionSubject => {
  switch (input.kind) {
    case 'electSecretary':
      return { kind: 'electSecretary', candidateId: input.candidateId ?? '' };
    case 'discussPlan':
      return { kind: 'discussPlan', planId: input.planId ?? '' };
    default:
      return { kind: 'decision' };
  }
};

const meeting = (meetingId: string, creates = false) =>
  ({ stream: streamName('meeting', meetingId), decider: meetingDecider, creates, what: 'meeting' }) as const;

/** The community a meeting belongs to: every command but scheduling reads it from the meeting itself. */
const communityOf = (state: MeetingState): string => (state.status === 'none' ? '' : state.communityId);

@Resolver()
export class MeetingResolver {
  @Query(() => Meeting, { nullable: true, description: 'A meeting with its agenda, attendance, motions, open votes, outcomes and minutes; `asOf` replays it.' })
  async meeting(
    @Arg('id') id: string,
    @Arg('asOf', () => String, { nullable: true }) asOf: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Meeting | null> {
    const { tenant } = requirePrincipal(ctx);
    const { state, revision } = await loadVisible(ctx.services.store, tenant, streamName('meeting', id), meetingDecider, asOf ?? undefined);
    return toMeetingView(state, revision);
  }

  @Mutation(() => CommandPayload, { description: 'Schedules a meeting with its agenda; by the chair or the secretary (000:7).' })
  async scheduleMeeting(@Arg('input') input: ScheduleMeetingInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    const meetingId = ctx.services.newId();
    const agenda = input.agenda.map((item) => ({ itemId: ctx.services.newId(), ...item }));
    return run(ctx, input, meeting(meetingId, true), async (metadata) => ({
      type: 'ScheduleMeeting' as const,
      metadata,
      data: {
        meetingId,
        community: await loadCommunityFacts(ctx.services.store, metadata.tenant, input.communityId),
        scheduledFor: input.scheduledFor,
        place: input.place,
        title: input.title,
        agenda,
      },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Records that the meeting was held and who attended (000:8).' })
  holdMeeting(@Arg('input') input: HoldMeetingInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, meeting(input.meetingId), async (metadata, state) => ({
      type: 'HoldMeeting' as const,
      metadata,
      data: {
        meetingId: input.meetingId,
        community: await loadCommunityFacts(ctx.services.store, metadata.tenant, communityOf(state)),
        heldOn: input.heldOn,
        attendeeIds: input.attendeeIds,
      },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Cancels a scheduled meeting.' })
  cancelMeeting(@Arg('input') input: CancelMeetingInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, meeting(input.meetingId), async (metadata, state) => ({
      type: 'CancelMeeting' as const,
      metadata,
      data: { meetingId: input.meetingId, community: await loadCommunityFacts(ctx.services.store, metadata.tenant, communityOf(state)), reason: input.reason },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Puts a motion to the vote at a held meeting.' })
  proposeMotion(@Arg('input') input: ProposeMotionInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    const motionId = ctx.services.newId();
    return run(ctx, input, meeting(input.meetingId), async (metadata, state) => ({
      type: 'ProposeMotion' as const,
      metadata,
      data: {
        meetingId: input.meetingId,
        motionId,
        community: await loadCommunityFacts(ctx.services.store, metadata.tenant, communityOf(state)),
        text: input.text,
        subject: toSubject(input.subject),
        agendaItemId: input.agendaItemId,
      },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Casts the caller\'s open vote; only members present, once each (000:8).' })
  castVote(@Arg('input') input: CastVoteInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, meeting(input.meetingId), (metadata) => ({
      type: 'CastVote' as const,
      metadata,
      data: { meetingId: input.meetingId, motionId: input.motionId, choice: input.choice as 'for' | 'against' | 'abstain' },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Closes a vote and records its outcome (000:8).' })
  closeVote(@Arg('input') input: CloseVoteInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, meeting(input.meetingId), async (metadata, state) => ({
      type: 'CloseVote' as const,
      metadata,
      data: { meetingId: input.meetingId, motionId: input.motionId, community: await loadCommunityFacts(ctx.services.store, metadata.tenant, communityOf(state)) },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Records the minutes, signed by the chair (003:3.4, 004:4.6).' })
  recordMinutes(@Arg('input') input: RecordMinutesInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, meeting(input.meetingId), async (metadata, state) => ({
      type: 'RecordMinutes' as const,
      metadata,
      data: {
        meetingId: input.meetingId,
        community: await loadCommunityFacts(ctx.services.store, metadata.tenant, communityOf(state)),
        questions: input.questions,
        decisions: input.decisions,
        recommendations: input.recommendations,
      },
    }));
  }
}
