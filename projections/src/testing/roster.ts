/**
 * The people of the generated district: officials who sign orders, agree, approve and
 * accept, and teachers who are members of communities. Teachers come from per-institution
 * pools and are reused across communities, as in a real school where one teacher sits in
 * two PLCs — which is what makes "active participants per institution" non-trivial.
 */
import type { Actor, MemberFacts, OrgRole, QualificationCategory, Tenant } from '@collegium/domain';
import { fullName } from './content';
import type { Random } from './random';

export interface Person {
  readonly actor: Actor;
  readonly tenant: Tenant;
}

export interface MemberPerson extends Person {
  readonly facts: MemberFacts;
}

/** Roles held inside an institution; every other role acts for the district (004:1.3). */
const INSTITUTION_ROLES: ReadonlySet<OrgRole> = new Set<OrgRole>(['teacher', 'deputyDirector', 'director', 'kindergartenHead']);

const CATEGORIES: readonly QualificationCategory[] = ['none', 'second', 'second', 'first', 'first', 'first', 'highest', 'highest'];

export class Roster {
  private readonly people = new Map<string, MemberPerson>();
  private readonly officials = new Map<string, Person>();
  /** Teachers by pool (institution, or the district when it has none) and subject. */
  private readonly pools = new Map<string, MemberPerson[]>();
  private teacherCount = 0;

  constructor(
    readonly districtId: string,
    readonly institutionIds: readonly string[],
    private readonly rng: Random,
  ) {}

  /** The official holding `role` for an institution (or, for district roles, for the district). */
  official(role: OrgRole, institutionId: string | undefined): Person {
    const scope = INSTITUTION_ROLES.has(role) && institutionId !== undefined ? institutionId : this.districtId;
    const id = `${scope}-${role}`;
    let person = this.officials.get(id);
    if (person === undefined) {
      person = { actor: { id, role }, tenant: this.tenantOf(scope) };
      this.officials.set(id, person);
    }
    return person;
  }

  /** A member of some community, by id: members act in person (votes, tasks, products). */
  member(memberId: string): MemberPerson {
    const person = this.people.get(memberId);
    if (person === undefined) throw new Error(`roster: unknown member ${memberId}`);
    return person;
  }

  /**
   * Teachers of `subject` from the pool of `scope`, none of `exclude`: some are reused,
   * others newly hired, so membership overlaps between communities.
   */
  teachers(scope: string, subject: string, count: number, exclude: ReadonlySet<string>): MemberPerson[] {
    const pool = this.pool(scope, subject);
    const chosen: MemberPerson[] = [];
    const taken = new Set(exclude);
    for (const candidate of this.rng.shuffle(pool)) {
      if (chosen.length >= count) break;
      if (!taken.has(candidate.actor.id) && this.rng.chance(0.6)) {
        chosen.push(candidate);
        taken.add(candidate.actor.id);
      }
    }
    while (chosen.length < count) chosen.push(this.hire(scope, subject, false));
    return chosen;
  }

  /** A newly hired teacher; `experienced` ones meet every built-in chair criterion (003:3.1, 004:4.2). */
  hire(scope: string, subject: string, experienced: boolean): MemberPerson {
    const id = `${scope}-teacher-${++this.teacherCount}`;
    const person: MemberPerson = {
      actor: { id, role: 'teacher' },
      tenant: this.tenantOf(scope),
      facts: {
        memberId: id,
        fullName: fullName(this.rng),
        subject,
        category: experienced ? 'highest' : this.rng.pick(CATEGORIES),
        yearsInSpecialty: experienced ? this.rng.int(8, 30) : this.rng.int(0, 30),
        headOfInstitution: false,
      },
    };
    this.people.set(id, person);
    this.pool(scope, subject).push(person);
    return person;
  }

  /** The head of an institution as a member of a district community (004: heads and teachers). */
  head(institutionId: string): MemberPerson {
    const official = this.official('director', institutionId);
    const existing = this.people.get(official.actor.id);
    if (existing !== undefined) return existing;
    const person: MemberPerson = {
      ...official,
      facts: {
        memberId: official.actor.id,
        fullName: fullName(this.rng),
        subject: 'school management',
        category: 'highest',
        yearsInSpecialty: this.rng.int(10, 30),
        headOfInstitution: true,
      },
    };
    this.people.set(person.actor.id, person);
    return person;
  }

  private tenantOf(scope: string): Tenant {
    return scope === this.districtId ? { districtId: this.districtId } : { districtId: this.districtId, institutionId: scope };
  }

  private pool(scope: string, subject: string): MemberPerson[] {
    const key = `${scope}|${subject}`;
    let pool = this.pools.get(key);
    if (pool === undefined) {
      pool = [];
      this.pools.set(key, pool);
    }
    return pool;
  }
}
