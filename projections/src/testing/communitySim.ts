/**
 * The simulation of one community across its school years: its own timed action queue,
 * its streams (held by the scenario's closures and dropped when done, so memory stays
 * flat over a million events), and the helpers every scenario step needs.
 */
import {
  communityDecider,
  toCommunityFacts,
  type CommandMetadata,
  type CommunityCommand,
  type CommunityEvent,
  type CommunityFacts,
  type CommunityState,
  type Order,
  type RegulationProfile,
} from '@collegium/domain';
import { openStream, type EventLog, type Flow, type Stream } from './eventLog';
import { ActionQueue, type Action } from './queue';
import type { Random } from './random';
import type { Person, Roster } from './roster';
import { isoDate, isoInstant, MINUTE, SECOND } from './time';
import type { PlanFlow, YearState } from './yearState';

/** Module-level copies: under jest's vm sandbox every lookup of a global such as `Math` is slow, and these run per event. */
const { max } = Math;

/** What all communities of one generated district share. */
export interface World {
  readonly log: EventLog;
  readonly roster: Roster;
  readonly districtId: string;
  readonly schoolYears: readonly string[];
  readonly membersPerCommunity: readonly [number, number];
  /** Communities created so far: the ones that can adopt or request another's product (002:6.1). */
  readonly createdCommunityIds: string[];
  /** Every community of the district by id, for the facts other communities' commands cite. */
  readonly communities: Map<string, CommunitySim>;
}

export interface CommunitySetup {
  /** Position among the district's communities; also picks the forced rare episodes (see `rare`). */
  readonly ordinal: number;
  readonly communityId: string;
  readonly name: string;
  readonly profile: RegulationProfile;
  /** Absent for a district-hosted community (004:1.2). */
  readonly institutionId: string | undefined;
}

/**
 * Rare episodes, each forced once on one community of the first school year so that even a
 * small district shows every event type; elsewhere they happen by chance.
 */
export type Episode = 'enroll' | 'planReturn' | 'cancelMeeting' | 'remove' | 'reorganize' | 'dissolve' | 'reportReturn' | 'expertEvaluation';
const FORCED_ON: Readonly<Record<Episode, number>> = {
  enroll: 0,
  planReturn: 1,
  cancelMeeting: 2,
  expertEvaluation: 2,
  remove: 3,
  reorganize: 4,
  dissolve: 5,
  reportReturn: 6,
};

export type CommunityStream = Stream<CommunityCommand, CommunityEvent, CommunityState>;

export class CommunitySim {
  readonly queue = new ActionQueue();
  readonly community: CommunityStream;
  /** The community's own flow: orders, membership, elections. */
  readonly flow: Flow;
  /** The latest instant any command of this community used: time never runs backwards within it. */
  private clock = 0;
  private cachedFacts: CommunityFacts | null = null;
  private readonly forcedDone = new Set<Episode>();
  private orders = 0;
  private currentYear: YearState | null = null;
  /** The next year's draft plan that went with the report (004:4.8), picked up when the year starts. */
  carriedPlan: PlanFlow | null = null;
  dissolved = false;

  constructor(
    readonly world: World,
    readonly setup: CommunitySetup,
    readonly rng: Random,
  ) {
    this.community = openStream(communityDecider, 'community', setup.communityId);
    this.flow = world.log.newFlow();
  }

  get id(): string {
    return this.setup.communityId;
  }

  get profile(): RegulationProfile {
    return this.setup.profile;
  }

  get year(): YearState {
    if (this.currentYear === null) throw new Error(`community ${this.id} has not started a school year`);
    return this.currentYear;
  }

  set year(year: YearState) {
    this.currentYear = year;
  }

  /** Schedules an action; never before the community's clock, so its log stays chronological. */
  at(ms: number, action: Action): void {
    this.queue.schedule(max(ms, this.clock + SECOND), action);
  }

  /** Runs the next action at its time (or just after the clock, if earlier work ran late). */
  runNext(): void {
    const entry = this.queue.pop();
    if (entry === undefined) return;
    entry.run(max(entry.at, this.clock + SECOND));
  }

  /** Command metadata at `ms`; advances the clock. */
  meta(person: Person, ms: number, flow: Flow): CommandMetadata {
    this.clock = max(this.clock, ms);
    return this.world.log.metadata(person.actor, person.tenant, isoInstant(ms), flow);
  }

  /** A step after the clock, for a run of commands inside one action (votes at a meeting). */
  tick(): number {
    return this.clock + this.rng.int(20, 90) * SECOND;
  }

  later(minutes: number): number {
    return this.clock + minutes * MINUTE;
  }

  /** The community as other streams' commands need it; cached until the community stream changes. */
  facts(): CommunityFacts {
    this.cachedFacts ??= toCommunityFacts(this.community.state, this.id);
    return this.cachedFacts;
  }

  /** Appends to the community stream (invalidating the cached facts). */
  onCommunity(command: CommunityCommand, flow: Flow = this.flow): void {
    this.world.log.append(this.community, command, flow);
    this.cachedFacts = null;
  }

  /** The official whose order creates the community and appoints its chair (profile.orders). */
  issuer(): Person {
    return this.official(this.profile.orders.issuerRoles[0] ?? 'departmentHead');
  }

  official(role: Person['actor']['role']): Person {
    return this.world.roster.official(role, this.setup.institutionId);
  }

  member(memberId: string): Person {
    return this.world.roster.member(memberId);
  }

  chair(): Person {
    const chairId = this.facts().chairId;
    if (chairId === null) throw new Error(`community ${this.id} has no chair`);
    return this.member(chairId);
  }

  isMember(memberId: string): boolean {
    return this.facts().members.some((m) => m.memberId === memberId);
  }

  /** A new order of the issuer, dated `dayMs`. */
  order(dayMs: number): Order {
    this.orders += 1;
    return { number: `${this.setup.ordinal + 1}-${this.orders}/${isoDate(dayMs).slice(0, 4)}`, date: isoDate(dayMs) };
  }

  /** Whether a rare episode happens: by chance, or forced once for coverage (see FORCED_ON). */
  rare(episode: Episode, probability: number): boolean {
    const forced = FORCED_ON[episode] === this.setup.ordinal && this.currentYear?.index === 0 && !this.forcedDone.has(episode);
    if (forced) {
      this.forcedDone.add(episode);
      return true;
    }
    return this.rng.chance(probability);
  }
}
