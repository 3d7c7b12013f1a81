/**
 * Commands and events as the domain sees them. Storage concerns (event id, position,
 * revision) are added by the application layer; the domain only decides.
 */

/** Roles a person holds in the school system, carried by the bearer token. */
export type OrgRole =
  | 'teacher'
  | 'deputyDirector'
  | 'director'
  | 'kindergartenHead'
  | 'methodist'
  | 'methodCentreDirector'
  | 'departmentHead'
  | 'districtAdmin'
  | 'expert'
  | 'system';

export const ORG_ROLES: readonly OrgRole[] = [
  'teacher',
  'deputyDirector',
  'director',
  'kindergartenHead',
  'methodist',
  'methodCentreDirector',
  'departmentHead',
  'districtAdmin',
  'expert',
  'system',
];

export interface Actor {
  readonly id: string;
  readonly role: OrgRole;
}

/** The tenant a request acts for: every event is stamped with it. */
export interface Tenant {
  readonly districtId: string;
  /** Absent for district-level actors and district-hosted communities (004:1.2). */
  readonly institutionId?: string | undefined;
}

/** Who, when and why: arrives with every command because the domain reads no clock. */
export interface CommandMetadata {
  readonly actor: Actor;
  readonly tenant: Tenant;
  /** ISO-8601 instant at which the command is decided. */
  readonly now: string;
  readonly correlationId: string;
  readonly causationId?: string | undefined;
  readonly idempotencyKey?: string | undefined;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** A fact that happened. `schemaVersion` lets old events be upcast when a shape changes. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
}

/** Builds a version-1 event; a named helper so every decider spells events one way. */
export const event = <Type extends string, Data>(type: Type, data: Data, schemaVersion = 1): DomainEvent<Type, Data> => ({
  type,
  schemaVersion,
  data,
});

/**
 * The Decider pattern (Chassaing; as in emmett): state is a left fold of events, and a
 * decision is a pure function of the command and the state.
 */
export interface Decider<C extends Command, E extends DomainEvent, S> {
  readonly initialState: () => S;
  readonly decide: (command: C, state: S) => readonly E[];
  readonly evolve: (state: S, event: E) => S;
  /** Optional: the state after a run of events, equal to `fold(evolve, state, events)` but cheaper. */
  readonly evolveRun?: (state: S, events: readonly E[]) => S;
}

export const fold = <E, S>(evolve: (s: S, e: E) => S, initial: S, events: Iterable<E>): S => {
  let state = initial;
  for (const e of events) state = evolve(state, e);
  return state;
};

/** The decider's state after `events`: its run fold when it has one, else `evolve` event by event. */
export const foldRun = <C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, state: S, events: readonly E[]): S =>
  decider.evolveRun ? decider.evolveRun(state, events) : fold(decider.evolve, state, events);

/** Exhaustiveness guard: a `switch` over a union ends here so a new member fails to compile. */
export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
