/**
 * Loading aggregates and the facts other streams' decisions need, always through the
 * tenant filter: a stream the caller may not see behaves as one that does not exist.
 */
import {
  communityDecider,
  foldRun,
  meetingDecider,
  planDecider,
  toCommunityFacts,
  toHeldMeetingFacts,
  toMotionFacts,
  toPlanFacts,
  type CommunityFacts,
  type Command,
  type Decider,
  type DomainEvent,
  type HeldMeetingFacts,
  type MotionFacts,
  type PlanFacts,
  type Tenant,
  streamName,
} from '@collegium/domain';
import type { EventStore } from '@collegium/eventstore';
import { readTenantStream } from './tenancy';

export interface Visible<S> {
  readonly state: S;
  readonly revision: number;
}

/** Folds a stream the viewer may see, as of `asOf` when given. */
export const loadVisible = async <C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  viewer: Tenant,
  stream: string,
  decider: Decider<C, E, S>,
  asOf?: string,
): Promise<Visible<S>> => {
  const events = await readTenantStream(store, viewer, stream, asOf);
  const state = foldRun(decider, decider.initialState(), events as unknown as readonly E[]);
  return { state, revision: events.length - 1 };
};

export const loadCommunityFacts = async (store: EventStore, viewer: Tenant, communityId: string): Promise<CommunityFacts> =>
  toCommunityFacts((await loadVisible(store, viewer, streamName('community', communityId), communityDecider)).state, communityId);

export const loadMotionFacts = async (store: EventStore, viewer: Tenant, meetingId: string, motionId: string): Promise<MotionFacts> =>
  toMotionFacts((await loadVisible(store, viewer, streamName('meeting', meetingId), meetingDecider)).state, motionId);

export const loadHeldMeetingFacts = async (store: EventStore, viewer: Tenant, meetingId: string): Promise<HeldMeetingFacts> =>
  toHeldMeetingFacts((await loadVisible(store, viewer, streamName('meeting', meetingId), meetingDecider)).state, meetingId);

export const loadPlanFacts = async (store: EventStore, viewer: Tenant, planId: string): Promise<PlanFacts> =>
  toPlanFacts((await loadVisible(store, viewer, streamName('plan', planId), planDecider)).state, planId);
