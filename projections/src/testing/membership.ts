/**
 * Who is in the community: founding members at creation (respecting minMembers, a single
 * subject and the chair's eligibility, 003:1.2, 003:3.1, 004:4.2), and the year's changes —
 * a teacher joins, another leaves, the community is reorganised, an expert evaluates it.
 */
import { QUALIFICATION_CATEGORIES, type ActiveCommunity, type ChairCriterion, type MemberFacts, type RegulationProfile } from '@collegium/domain';
import type { CommunitySim } from './communitySim';
import { DIRECTIONS, PRESCHOOL_SUBJECTS, SCHOOL_SUBJECTS } from './content';
import type { MemberPerson } from './roster';
import { DAY, HOUR, isoDate, schoolDay, startOfDay } from './time';

const meets = (member: MemberFacts, criterion: ChairCriterion): boolean =>
  criterion.kind === 'headOfInstitution'
    ? member.headOfInstitution
    : QUALIFICATION_CATEGORIES.indexOf(member.category) >= QUALIFICATION_CATEGORIES.indexOf(criterion.minCategory) &&
      member.yearsInSpecialty >= criterion.minYearsInSpecialty;

/** The profile's chair criteria as data: any one suffices; none means any member (003:3.1, 004:4.2). */
export const isChairEligible = (member: MemberFacts, profile: RegulationProfile): boolean =>
  profile.chairEligibility.anyOf.length === 0 || profile.chairEligibility.anyOf.some((c) => meets(member, c));

export interface Founding {
  readonly members: readonly MemberFacts[];
  readonly subjects: readonly string[];
  readonly direction: string | null;
}

/** Where a community's teachers come from: its institution, a random one for the district, or the district itself. */
const scopeOf = (sim: CommunitySim): string =>
  sim.setup.institutionId ?? (sim.world.roster.institutionIds.length > 0 ? sim.rng.pick(sim.world.roster.institutionIds) : sim.world.districtId);

const subjectsFor = (sim: CommunitySim): readonly string[] => {
  const pool: readonly string[] = sim.profile.id === 'ru-kindergarten-plc' ? PRESCHOOL_SUBJECTS : SCHOOL_SUBJECTS;
  if (sim.profile.hostLevel === 'district') return [];
  return sim.rng.sample(pool, sim.profile.membership.singleSubject ? 1 : sim.rng.int(1, 2));
};

/** A district community gathers heads and teachers of the district's institutions (004). */
const districtMembers = (sim: CommunitySim, count: number): MemberPerson[] => {
  const { roster } = sim.world;
  const heads = roster.institutionIds.length > 0 ? sim.rng.sample(roster.institutionIds, sim.rng.int(0, 2)).map((id) => roster.head(id)) : [];
  const chosen = new Set(heads.map((h) => h.actor.id));
  const teachers: MemberPerson[] = [];
  while (heads.length + teachers.length < count) {
    const [teacher] = roster.teachers(scopeOf(sim), sim.rng.pick(SCHOOL_SUBJECTS), 1, chosen);
    if (teacher === undefined) break;
    chosen.add(teacher.actor.id);
    teachers.push(teacher);
  }
  return [...heads, ...teachers];
};

const institutionMembers = (sim: CommunitySim, subjects: readonly string[], count: number): MemberPerson[] => {
  const chosen = new Set<string>();
  const members: MemberPerson[] = [];
  for (let i = 0; i < count; i++) {
    const [teacher] = sim.world.roster.teachers(scopeOf(sim), sim.rng.pick(subjects), 1, chosen);
    if (teacher === undefined) break;
    chosen.add(teacher.actor.id);
    members.push(teacher);
  }
  return members;
};

/** Makes sure someone may chair: otherwise an experienced teacher (or the head) joins. */
const withEligibleChair = (sim: CommunitySim, members: MemberPerson[], subjects: readonly string[]): MemberPerson[] => {
  if (members.some((m) => isChairEligible(m.facts, sim.profile))) return members;
  const experienced = sim.world.roster.hire(scopeOf(sim), subjects[0] ?? sim.rng.pick(SCHOOL_SUBJECTS), true);
  const replacement = isChairEligible(experienced.facts, sim.profile) || sim.setup.institutionId === undefined ? experienced : sim.world.roster.head(sim.setup.institutionId);
  return [replacement, ...members.slice(1)];
};

export const foundingMembers = (sim: CommunitySim): Founding => {
  const [min, max] = sim.world.membersPerCommunity;
  const count = Math.max(sim.profile.membership.minMembers, sim.rng.int(min, max));
  const subjects = subjectsFor(sim);
  const people = sim.profile.hostLevel === 'district' ? districtMembers(sim, count) : institutionMembers(sim, subjects, count);
  const members = withEligibleChair(sim, people, subjects).map((p) => p.facts);
  const direction = subjects.length === 0 || sim.rng.chance(0.5) ? sim.rng.pick(DIRECTIONS) : null;
  return { members, subjects, direction };
};

export const pickChair = (sim: CommunitySim, members: readonly MemberFacts[], except: string | null = null): string | null => {
  const eligible = members.filter((m) => m.memberId !== except && isChairEligible(m, sim.profile));
  return eligible.length === 0 ? null : sim.rng.pick(eligible).memberId;
};

// ---------------------------------------------------------------- the year's changes

const activeState = (sim: CommunitySim): ActiveCommunity => {
  const state = sim.community.state;
  if (state.status !== 'active') throw new Error(`community ${sim.id} is not active`);
  return state;
};

/** A teacher joins: by order (001:app1.1), or of their own accord (002:1.5). */
const enroll = (sim: CommunitySim, at: number): void => {
  const community = activeState(sim);
  const subject = community.subjects.length > 0 ? sim.rng.pick(community.subjects) : sim.rng.pick(SCHOOL_SUBJECTS);
  const [teacher] = sim.world.roster.teachers(scopeOf(sim), subject, 1, new Set(Object.keys(community.members)));
  if (teacher === undefined) return;
  const byOrder = sim.profile.membership.enrolment === 'byOrder';
  sim.onCommunity({
    type: 'EnrollMember',
    data: { communityId: sim.id, member: teacher.facts, order: byOrder ? sim.order(startOfDay(at)) : undefined },
    metadata: sim.meta(byOrder ? sim.issuer() : teacher, at, sim.flow),
  });
};

/** A member leaves — never the chair or the secretary, never below the profile's minimum (003:1.2). */
const remove = (sim: CommunitySim, at: number): void => {
  const facts = sim.facts();
  if (facts.members.length - 1 < sim.profile.membership.minMembers) return;
  const candidates = facts.members.filter((m) => m.memberId !== facts.chairId && m.memberId !== facts.secretaryId);
  if (candidates.length === 0) return;
  const memberId = sim.rng.pick(candidates).memberId;
  const byOrder = sim.profile.membership.enrolment === 'byOrder';
  sim.onCommunity({
    type: 'RemoveMember',
    data: { communityId: sim.id, memberId, order: byOrder ? sim.order(startOfDay(at)) : undefined, reason: 'Moved to another school' },
    metadata: sim.meta(byOrder ? sim.issuer() : sim.member(memberId), at, sim.flow),
  });
};

/** A new direction of work, by order (003:1.5); the subjects stay, so a single subject still fits. */
const reorganize = (sim: CommunitySim, at: number): void => {
  const community = activeState(sim);
  const direction = sim.rng.pick(DIRECTIONS.filter((d) => d !== community.direction));
  sim.onCommunity({
    type: 'ReorganizeCommunity',
    data: { communityId: sim.id, name: `${sim.setup.name}: ${direction}`, direction, order: sim.order(startOfDay(at)) },
    metadata: sim.meta(sim.issuer(), at, sim.flow),
  });
};

/** An external expert evaluates the community's results or one of its products (002:6.2). */
const evaluate = (sim: CommunitySim, at: number): void => {
  const products = sim.year.productIds;
  sim.onCommunity({
    type: 'RecordExpertEvaluation',
    data: {
      communityId: sim.id,
      evaluationId: `${sim.id}-${sim.year.schoolYear}-evaluation`,
      productId: products.length > 0 && sim.rng.chance(0.6) ? sim.rng.pick(products) : null,
      score: sim.rng.int(5, 10),
      conclusion: 'The results are of practical value for the district',
      evaluatedOn: isoDate(at),
    },
    metadata: sim.meta(sim.official('expert'), at, sim.flow),
  });
};

export const scheduleMembershipChanges = (sim: CommunitySim): void => {
  const { firstYear } = sim.year;
  const day = (month: number, from: number, to: number): number => schoolDay(firstYear, month, sim.rng.int(from, to)) + 10 * HOUR;
  if (sim.rare('enroll', 0.25)) sim.at(day(1, 15, 25), (at) => enroll(sim, at));
  if (sim.rare('remove', 0.12)) sim.at(day(2, 5, 20), (at) => remove(sim, at));
  if (sim.rare('reorganize', 0.05)) sim.at(day(2, 21, 27) + DAY, (at) => reorganize(sim, at));
  if (sim.rare('expertEvaluation', 0.25)) sim.at(day(6, 1, 10), (at) => evaluate(sim, at));
};
