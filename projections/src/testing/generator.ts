/**
 * A deterministic generator of a realistic event log for a whole district: every event is
 * decided by the real deciders from a generated command against the stream's current state,
 * so the log is valid by construction. Used by projection tests (incremental = rebuild) and
 * by the projection benchmark (a million events).
 *
 * Order: school year by school year, community by community; within a community and year
 * the events are chronological. Time across communities is not globally ordered.
 */
import { BUILT_IN_PROFILES, isSchoolYear, nextSchoolYear, type RecordedEnvelope, type RegulationProfile } from '@collegium/domain';
import { CommunitySim, type World } from './communitySim';
import { EventLog } from './eventLog';
import { mixSeed, Random } from './random';
import { Roster } from './roster';
import { dayOf } from './time';
import { scheduleCreation } from './yearFlow';

export interface GenerateLogOptions {
  readonly seed: number;
  readonly districtId?: string;
  /** Consecutive school years; communities are continued from one into the next (001:2.1). */
  readonly schoolYears?: readonly string[];
  readonly institutions: number;
  readonly communitiesPerInstitution: number;
  readonly districtCommunities: number;
  /** Founding members per community, both inclusive; raised to the profile's minimum (003:1.2). */
  readonly membersPerCommunity?: readonly [min: number, max: number];
}

const profile = (id: string): RegulationProfile => {
  const found = BUILT_IN_PROFILES.find((p) => p.id === id);
  if (found === undefined) throw new Error(`built-in profile ${id} is missing`);
  return found;
};

/** Institution-hosted kinds, cycled so that even a small district has every one (DOMAIN.md). */
const INSTITUTION_PROFILES = ['by-school-plc', 'ru-school-plc', 'ru-kindergarten-plc', 'kz-school-plc'].map(profile);
const DISTRICT_PROFILE = profile('district-community');

const validate = (years: readonly string[], members: readonly [number, number]): void => {
  if (years.length === 0) throw new Error('generateLog: at least one school year is needed');
  years.forEach((year, i) => {
    if (!isSchoolYear(year)) throw new Error(`generateLog: ${year} is not a school year like 2025-2026`);
    const previous = years[i - 1];
    if (previous !== undefined && nextSchoolYear(previous) !== year) throw new Error(`generateLog: ${year} does not follow ${previous}`);
  });
  if (members[0] < 1 || members[1] < members[0]) throw new Error(`generateLog: membersPerCommunity ${members.join('–')} is not a range`);
};

const createCommunities = (world: World, options: GenerateLogOptions): CommunitySim[] => {
  const sims: CommunitySim[] = [];
  const add = (communityId: string, name: string, p: RegulationProfile, institutionId: string | undefined): void => {
    const ordinal = sims.length;
    const sim = new CommunitySim(world, { ordinal, communityId, name, profile: p, institutionId }, new Random(mixSeed(options.seed, ordinal + 1)));
    sims.push(sim);
    world.communities.set(communityId, sim);
  };
  world.roster.institutionIds.forEach((institutionId, i) => {
    for (let j = 0; j < options.communitiesPerInstitution; j++) {
      const p = INSTITUTION_PROFILES[(i + j) % INSTITUTION_PROFILES.length] ?? DISTRICT_PROFILE;
      add(`${institutionId}-plc-${j + 1}`, `${p.title} No. ${j + 1}`, p, institutionId);
    }
  });
  for (let k = 0; k < options.districtCommunities; k++) {
    add(`${world.districtId}-community-${k + 1}`, `District community No. ${k + 1}`, DISTRICT_PROFILE, undefined);
  }
  return sims;
};

/** Yields the district's events in log order: positions 1, 2, 3…, revisions 0, 1, 2… per stream. */
export function* generateLog(options: GenerateLogOptions): Generator<RecordedEnvelope> {
  const schoolYears = options.schoolYears ?? ['2025-2026'];
  const membersPerCommunity = options.membersPerCommunity ?? [4, 12];
  validate(schoolYears, membersPerCommunity);
  const districtId = options.districtId ?? 'district-1';
  const root = new Random(mixSeed(options.seed, 0));
  const institutionIds = Array.from({ length: options.institutions }, (_, i) => `${districtId}-institution-${i + 1}`);
  const world: World = {
    log: new EventLog(new Random(mixSeed(options.seed, 0x1d5))),
    roster: new Roster(districtId, institutionIds, root.fork(1)),
    districtId,
    schoolYears,
    membersPerCommunity,
    createdCommunityIds: [],
    communities: new Map(),
  };
  const sims = createCommunities(world, options);
  sims.forEach(scheduleCreation);
  for (const [index, year] of schoolYears.entries()) {
    // Everything before the next 1 September belongs to this pass; the last pass runs to the end.
    const boundary = index === schoolYears.length - 1 ? Infinity : dayOf(`${nextSchoolYear(year).slice(0, 4)}-09-01`);
    for (const sim of sims) {
      while (sim.queue.nextAt() < boundary) {
        sim.runNext();
        yield* world.log.drain();
      }
    }
  }
}

/** How many events `generateLog(options)` yields (it generates them to count). */
export const countEvents = (options: GenerateLogOptions): number => {
  let count = 0;
  for (const _ of generateLog(options)) count++;
  return count;
};
