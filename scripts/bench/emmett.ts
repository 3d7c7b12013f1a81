/**
 * Collegium against Emmett (@event-driven-io/emmett with its SQLite event store), on the
 * same machine, in the same process, one after the other, on the same workload:
 *
 *   N commands (BENCH_EMMETT_COMMANDS, default 20,000; 2,000 with BENCH_QUICK=1), each a
 *   CastVote on one of N / 20 meetings: read the meeting stream and fold it with our
 *   `meetingDecider.evolve`, decide with our `meetingDecider.decide`, append the VoteCast
 *   with the expected stream version, and bring the read model up to date before the next
 *   command starts. The read model is our `streamViews` projection (one document per
 *   meeting) on both sides: only the I/O around its pure `evolve` differs.
 *
 *   - Emmett: its own command path (`CommandHandler`: aggregateStream → decide →
 *     appendToStream with the expected version) and an inline SQLite projection, which
 *     writes the document in the append's transaction.
 *   - Collegium: the gateway's `execute` (load → decide → append with the expected
 *     revision) on our SQLite event store, then the projector's `catchUp` into our SQLite
 *     read store, as the live projector does after an append.
 *
 * The batched variant sends a meeting's 20 votes as one command batch: one read, 20
 * decisions folded in memory, one append of 20 events, one projection step (Emmett:
 * `CommandHandler` with a list of handlers; Collegium: `loadStream` + one `append`).
 *
 * Emmett runs in two configurations: as shipped (a new sqlite3 connection per operation,
 * SQLite's default synchronous=FULL; on fewer meetings, see SHIPPED_COMMANDS) and with one
 * shared connection set to synchronous=NORMAL, which is the durability our stores run
 * with (WAL + NORMAL). The ratio is taken against the faster of the two. The contenders
 * run interleaved in slices (see `race`); setup (3 events per meeting) and the checks of
 * both event stores and read models after the run are not timed.
 *
 * Standalone: `BENCH_QUICK=1 node -r @swc-node/register scripts/bench/emmett.ts`
 * (prints its rows; `npm run bench` adds the same rows to the full table).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CommandHandler, STREAM_DOES_NOT_EXIST, type Event as EmmettEvent, type ReadEvent } from '@event-driven-io/emmett';
import {
  getSQLiteEventStore,
  messagesTable,
  sqliteConnection,
  sqliteProjection,
  type SQLiteConnection,
  type SQLiteEventStore,
  type SQLiteProjectionDefinition,
  type SQLiteReadEventMetadata,
} from '@event-driven-io/emmett-sqlite';
import sqlite3 from 'sqlite3';
import Database from 'better-sqlite3';
import {
  event,
  findProfile,
  meetingDecider,
  VOTE_CHOICES,
  type CastVote,
  type CommandMetadata,
  type DomainEvent,
  type MeetingEvent,
  type MeetingState,
  type RecordedEnvelope,
} from '@collegium/domain';
import { createSqliteEventStore, type EventStore, type NewEvent } from '@collegium/eventstore';
import { createSqliteReadStore, type ReadStore } from '@collegium/readstore';
import { streamViews, type DocKey, type ReadDoc, type StreamViewDoc } from '@collegium/projections';
import { execute, loadStream } from '../../services/gateway/src/application/execute';
import { catchUp, specOf } from '../../services/projector/src/projector';

export interface EmmettBenchRow {
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean | null;
}

const QUICK = process.env['BENCH_QUICK'] === '1';
const COMMANDS = Number(process.env['BENCH_EMMETT_COMMANDS'] ?? (QUICK ? 2_000 : 20_000));
/** Votes per meeting: attendees of each meeting, and the size of a batch in the batched variant. */
const VOTES_PER_MEETING = 20;
/**
 * Emmett as shipped opens a sqlite3 connection per operation and syncs every commit: it
 * runs the same workload on fewer meetings (stream lengths stay the same), else it alone
 * would take a quarter of an hour.
 */
const SHIPPED_COMMANDS = Number(process.env['BENCH_EMMETT_SHIPPED_COMMANDS'] ?? (QUICK ? 200 : 1_000));
const TARGET_RATIO = 3;

const NOW = '2025-10-15T09:00:00.000Z';
const TODAY = '2025-10-15';
const DISTRICT = 'district-bench';
const VOTING = findProfile('by-school-plc')?.voting;

// ---------------------------------------------------------------------------------------
// The workload, shared by both systems
// ---------------------------------------------------------------------------------------

const meetingIdOf = (m: number): string => `bench${m}`;
const streamOf = (m: number): string => `meeting-${meetingIdOf(m)}`;
const communityOf = (m: number): string => `community-${m % 50}`;
const voterOf = (m: number, v: number): string => `teacher-${m}-${v}`;

/** A held meeting with one open motion: the three events every meeting starts from. */
const setupEvents = (m: number): MeetingEvent[] => {
  if (!VOTING) throw new Error('built-in profile by-school-plc is missing');
  const meetingId = meetingIdOf(m);
  const communityId = communityOf(m);
  const attendeeIds = Array.from({ length: VOTES_PER_MEETING }, (_, v) => voterOf(m, v));
  const chair = voterOf(m, 0);
  return [
    event('MeetingScheduled', {
      meetingId,
      communityId,
      scheduledFor: TODAY,
      place: 'room 12',
      title: 'Second meeting of the school year',
      agenda: [{ itemId: 'item-1', topic: 'Lesson Study cycle in grade 7', actions: ['plan the research lesson'], responsibleMemberIds: [chair], expectedEvidence: ['lesson plan'] }],
      scheduledBy: chair,
      scheduledAt: '2025-10-01T09:00:00.000Z',
    }),
    event('MeetingHeld', {
      meetingId,
      communityId,
      heldOn: TODAY,
      attendeeIds,
      quorumBase: attendeeIds.length,
      presidingChairId: chair,
      voting: VOTING,
      heldBy: chair,
      heldAt: '2025-10-15T08:00:00.000Z',
    }),
    event('MotionProposed', {
      meetingId,
      communityId,
      motionId: 'motion-1',
      text: 'Recommend the Lesson Study cycle to all grade 7 teachers',
      subject: { kind: 'decision' as const },
      agendaItemId: 'item-1',
      proposedBy: chair,
      proposedAt: '2025-10-15T08:10:00.000Z',
    }),
  ];
};

const metadataOf = (actorId: string): CommandMetadata => ({
  actor: { id: actorId, role: 'teacher' },
  tenant: { districtId: DISTRICT, institutionId: 'school-1' },
  now: NOW,
  correlationId: randomUUID(),
});

/** Command i: round-robin over the meetings, so consecutive commands touch different streams. */
const commandOf = (i: number, meetings: number): { readonly meeting: number; readonly command: CastVote } => {
  const meeting = i % meetings;
  const voter = Math.floor(i / meetings);
  return {
    meeting,
    command: {
      type: 'CastVote',
      data: { meetingId: meetingIdOf(meeting), motionId: 'motion-1', choice: VOTE_CHOICES[i % VOTE_CHOICES.length] ?? 'for' },
      metadata: metadataOf(voterOf(meeting, voter)),
    },
  };
};

const votesOfMeeting = (m: number): CastVote[] =>
  Array.from({ length: VOTES_PER_MEETING }, (_, v) => ({
    type: 'CastVote',
    data: { meetingId: meetingIdOf(m), motionId: 'motion-1', choice: VOTE_CHOICES[v % VOTE_CHOICES.length] ?? 'for' },
    metadata: metadataOf(voterOf(m, v)),
  }));

interface Measured {
  readonly events: number;
  readonly ms: number;
}

type Variant = 'single' | 'batched';

/** One system on one variant: `steps` timed steps (a command, or a meeting's batch of votes). */
interface Contender {
  readonly steps: number;
  readonly eventsPerStep: number;
  readonly step: (i: number) => Promise<void>;
  /** Checks the stored events and read model, then closes (not timed). */
  readonly finish: () => Promise<void>;
}

const shape = (meetings: number, variant: Variant): Pick<Contender, 'steps' | 'eventsPerStep'> =>
  variant === 'single' ? { steps: meetings * VOTES_PER_MEETING, eventsPerStep: 1 } : { steps: meetings, eventsPerStep: VOTES_PER_MEETING };

const SLICES = 10;

/**
 * Runs the contenders interleaved: each slice is a tenth of every contender's steps, one
 * contender after the other, the order rotating from slice to slice. Load from other
 * processes on a shared machine then falls on all of them alike instead of on whichever
 * ran during a busy minute.
 */
const race = async (contenders: readonly Contender[]): Promise<Measured[]> => {
  const ms = contenders.map(() => 0);
  for (let slice = 0; slice < SLICES; slice++) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (k + slice) % contenders.length;
      const c = contenders[index] as Contender;
      const from = Math.floor((c.steps * slice) / SLICES);
      const to = Math.floor((c.steps * (slice + 1)) / SLICES);
      const t0 = performance.now();
      for (let i = from; i < to; i++) await c.step(i);
      ms[index] = (ms[index] ?? 0) + (performance.now() - t0);
    }
  }
  for (const c of contenders) await c.finish();
  return contenders.map((c, i) => ({ events: c.steps * c.eventsPerStep, ms: ms[i] ?? 0 }));
};

const rate = (r: Measured): number => r.events / (r.ms / 1000);
const perSecond = (r: Measured): string => `${Math.round(rate(r)).toLocaleString('en')} events/s`;

// ---------------------------------------------------------------------------------------
// Collegium: our SQLite event store, the gateway's write path, the projector's catchUp
// ---------------------------------------------------------------------------------------

/** As the gateway stamps events (services/gateway/src/application/execute.ts). */
const toNewEvents = (events: readonly DomainEvent[], metadata: CommandMetadata): NewEvent[] =>
  events.map((e) => ({
    eventId: randomUUID(),
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: { actor: metadata.actor, tenant: metadata.tenant, correlationId: metadata.correlationId, causationId: undefined, idempotencyKey: undefined },
    recordedAt: metadata.now,
  }));

interface Ours {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly generation: number;
}

const openOurs = async (dir: string, meetings: number): Promise<Ours> => {
  const store = createSqliteEventStore({ file: path.join(dir, 'events.sqlite') });
  const readStore = createSqliteReadStore({ file: path.join(dir, 'read.sqlite') });
  const { activeGeneration: generation } = await readStore.register(specOf(streamViews));
  for (let m = 0; m < meetings; m++) await store.append(streamOf(m), toNewEvents(setupEvents(m), metadataOf(voterOf(m, 0))), 'noStream');
  await catchUp(store, readStore, streamViews, generation);
  return { store, readStore, generation };
};

const checkOurs = async (ours: Ours, meetings: number, events: number): Promise<void> => {
  const head = await ours.store.headPosition();
  if (head !== meetings * 3 + events) throw new Error(`collegium: ${head} events in the log, expected ${meetings * 3 + events}`);
  const docs = await ours.readStore.getManyIn(streamViews.name, ours.generation, 'meetings', Array.from({ length: meetings }, (_, m) => meetingIdOf(m)));
  checkDocs('collegium', docs, meetings, events);
};

const closeOurs = async (ours: Ours): Promise<void> => {
  await ours.readStore.close();
  await ours.store.close();
};

const oursContender = async (dir: string, meetings: number, variant: Variant): Promise<Contender> => {
  const ours = await openOurs(dir, meetings);
  const deps = { store: ours.store, newId: randomUUID, conflictRetries: 3 };
  // As the live projector runs: the documents it committed stay cached between batches.
  const cache = new Map<string, ReadDoc | null>();
  const single = async (i: number): Promise<void> => {
    const { meeting, command } = commandOf(i, meetings);
    await execute(deps, command.metadata, { stream: streamOf(meeting), decider: meetingDecider, command: () => command });
    await catchUp(ours.store, ours.readStore, streamViews, ours.generation, { cache });
  };
  const batch = async (m: number): Promise<void> => {
    const loaded = await loadStream(ours.store, streamOf(m), meetingDecider);
    let state = loaded.state;
    const decided: NewEvent[] = [];
    for (const command of votesOfMeeting(m)) {
      const events = meetingDecider.decide(command, state);
      for (const e of events) state = meetingDecider.evolve(state, e);
      decided.push(...toNewEvents(events, command.metadata));
    }
    await ours.store.append(streamOf(m), decided, loaded.revision);
    await catchUp(ours.store, ours.readStore, streamViews, ours.generation, { cache });
  };
  return {
    ...shape(meetings, variant),
    step: variant === 'single' ? single : batch,
    finish: async () => {
      await checkOurs(ours, meetings, meetings * VOTES_PER_MEETING);
      await closeOurs(ours);
    },
  };
};

// ---------------------------------------------------------------------------------------
// Emmett: its SQLite event store, its CommandHandler, an inline SQLite projection
// ---------------------------------------------------------------------------------------

interface EmmettMeta extends Record<string, unknown> {
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly actor: CommandMetadata['actor'];
  readonly tenant: CommandMetadata['tenant'];
  readonly correlationId: string;
}
type BenchEvent = EmmettEvent<string, Record<string, unknown>, EmmettMeta>;

const toEmmett = (e: DomainEvent, metadata: CommandMetadata): BenchEvent => ({
  type: e.type,
  data: e.data as Record<string, unknown>,
  metadata: { schemaVersion: e.schemaVersion, recordedAt: metadata.now, actor: metadata.actor, tenant: metadata.tenant, correlationId: metadata.correlationId },
  kind: 'Event',
});

/** Our meeting fold, over Emmett's events (it reads `type` and `data` only). */
const evolveEmmett = (state: MeetingState, e: BenchEvent): MeetingState => meetingDecider.evolve(state, e as unknown as MeetingEvent);

const VIEW_TABLE = 'bench_meeting_views';

/**
 * The `meetings` collection of `streamViews`, as our read store lays it out: the document
 * as JSON plus a column for each indexed field, with the same indexes.
 */
const VIEW_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS ${VIEW_TABLE} (_id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL, communityId, date, status)`,
  `CREATE INDEX IF NOT EXISTS ${VIEW_TABLE}_ix0 ON ${VIEW_TABLE} (communityId, date)`,
  `CREATE INDEX IF NOT EXISTS ${VIEW_TABLE}_ix1 ON ${VIEW_TABLE} (date)`,
  `CREATE INDEX IF NOT EXISTS ${VIEW_TABLE}_ix2 ON ${VIEW_TABLE} (status)`,
];

/**
 * Emmett's messages as our projection reads them. An inline projection runs before the
 * global position exists (position 0 here), and its stream positions count within the
 * append, so the revision continues from the document's.
 */
const toEnvelope = (e: ReadEvent<BenchEvent, SQLiteReadEventMetadata>, before: ReadDoc | null): RecordedEnvelope => {
  const meta = e.metadata;
  return {
    eventId: meta.messageId,
    streamId: meta.streamName,
    revision: before ? (before as StreamViewDoc).revision + 1 : Number(meta.streamPosition) - 1,
    position: 0,
    type: e.type,
    schemaVersion: meta.schemaVersion,
    data: e.data,
    recordedAt: meta.recordedAt,
    metadata: { actor: meta.actor, tenant: meta.tenant, correlationId: meta.correlationId },
  };
};

/** streamViews as an Emmett inline projection: load the touched documents once, evolve, upsert. */
const meetingViewsProjection = sqliteProjection<BenchEvent>({
  name: 'meetingViews',
  canHandle: ['MeetingScheduled', 'MeetingHeld', 'MotionProposed', 'VoteCast'],
  init: async ({ context }) => {
    for (const statement of VIEW_SCHEMA) await context.connection.command(statement);
  },
  handle: async (events, { connection }) => {
    const keyOf = (e: ReadEvent<BenchEvent, SQLiteReadEventMetadata>): DocKey | undefined => streamViews.keys(toEnvelope(e, null))[0];
    const ids = [...new Set(events.map((e) => keyOf(e)?.id).filter((id): id is string => id !== undefined))];
    const rows = await connection.query<{ _id: string; doc: string }>(`SELECT _id, doc FROM ${VIEW_TABLE} WHERE _id IN (SELECT value FROM json_each(?))`, [
      JSON.stringify(ids),
    ]);
    const working = new Map<string, ReadDoc | null>(rows.map((r) => [r._id, JSON.parse(r.doc) as ReadDoc]));
    const dirty = new Set<string>();
    for (const e of events) {
      const key = keyOf(e);
      if (!key) continue;
      const before = working.get(key.id) ?? null;
      const after = streamViews.evolve(before, toEnvelope(e, before), key);
      if (after !== before) {
        working.set(key.id, after);
        dirty.add(key.id);
      }
    }
    for (const id of dirty) {
      const doc = working.get(id) as StreamViewDoc;
      await connection.command(
        `INSERT INTO ${VIEW_TABLE} (_id, doc, communityId, date, status) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (_id) DO UPDATE SET doc = excluded.doc, communityId = excluded.communityId, date = excluded.date, status = excluded.status`,
        [id, JSON.stringify(doc), doc.communityId, (doc['date'] as string | null) ?? null, doc.status],
      );
    }
  },
});

const handleMeeting = CommandHandler<MeetingState, BenchEvent>({ evolve: evolveEmmett, initialState: meetingDecider.initialState });
const decideWith = (command: CastVote) => (state: MeetingState): BenchEvent[] => meetingDecider.decide(command, state).map((e) => toEmmett(e, command.metadata));

type EmmettMode = 'default' | 'shared';

interface Emmett {
  readonly store: SQLiteEventStore;
  readonly fileName: string;
  readonly shared: SQLiteConnection | undefined;
}

const openEmmett = async (dir: string, mode: EmmettMode, meetings: number): Promise<Emmett> => {
  const fileName = path.join(dir, 'emmett.sqlite');
  // Emmett switches each new connection to WAL without waiting (a `run` with no callback),
  // and sqlite3 may start the connection's first BEGIN IMMEDIATE before that pragma: on a
  // file not yet in WAL mode the pragma then fails inside the transaction, as an unhandled
  // 'error' event that ends the process (seen once in eight full runs). The file is created in
  // WAL mode here, where the pragma is a no-op; Emmett's own settings are untouched.
  const init = new Database(fileName);
  init.pragma('journal_mode = WAL');
  init.close();
  let shared: SQLiteConnection | undefined;
  if (mode === 'shared') {
    shared = sqliteConnection({ fileName });
    await shared.command('PRAGMA synchronous = NORMAL');
  }
  const store = getSQLiteEventStore({
    fileName,
    // Registration is typed for any event; the projection's handler reads only the events it declares.
    projections: [{ type: 'inline', projection: meetingViewsProjection as unknown as SQLiteProjectionDefinition }],
    ...(shared ? { connectionOptions: { singleton: true as const, connection: shared } } : {}),
  });
  for (let m = 0; m < meetings; m++) {
    await store.appendToStream(
      streamOf(m),
      setupEvents(m).map((e) => toEmmett(e, metadataOf(voterOf(m, 0)))),
      { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
    );
  }
  return { store, fileName, shared };
};

/** Reads through a connection of our own, after the run: what both event stores and read models hold. */
const checkEmmett = async (emmett: Emmett, meetings: number, events: number): Promise<void> => {
  const db = new Database(emmett.fileName, { readonly: true });
  try {
    const journal = db.pragma('journal_mode', { simple: true }) as string;
    if (journal !== 'wal') throw new Error(`emmett: journal_mode ${journal}, expected wal`);
    const count = db.prepare<[], number>(`SELECT count(*) FROM ${messagesTable.name}`).pluck().get() ?? 0;
    if (count !== meetings * 3 + events) throw new Error(`emmett: ${count} events stored, expected ${meetings * 3 + events}`);
    const docs = db
      .prepare<[], string>(`SELECT doc FROM ${VIEW_TABLE}`)
      .pluck()
      .all()
      .map((doc) => JSON.parse(doc) as ReadDoc);
    checkDocs('emmett', docs, meetings, events);
  } finally {
    db.close();
  }
};

const closeEmmett = async (emmett: Emmett): Promise<void> => {
  if (emmett.shared) {
    const db = emmett.shared;
    await new Promise((resolve) => setImmediate(resolve));
    db.close();
  }
};

const emmettContender = async (dir: string, mode: EmmettMode, meetings: number, variant: Variant): Promise<Contender> => {
  const emmett = await openEmmett(dir, mode, meetings);
  const single = async (i: number): Promise<void> => {
    const { meeting, command } = commandOf(i, meetings);
    await handleMeeting(emmett.store, streamOf(meeting), decideWith(command));
  };
  const batch = async (m: number): Promise<void> => {
    await handleMeeting(emmett.store, streamOf(m), votesOfMeeting(m).map(decideWith));
  };
  return {
    ...shape(meetings, variant),
    step: variant === 'single' ? single : batch,
    finish: async () => {
      await checkEmmett(emmett, meetings, meetings * VOTES_PER_MEETING);
      await closeEmmett(emmett);
    },
  };
};

/** Every meeting's view reflects its 3 setup events and its votes, on either side. */
const checkDocs = (who: string, docs: readonly ReadDoc[], meetings: number, events: number): void => {
  const votes = events / meetings;
  const wrong = docs.filter((d) => (d as StreamViewDoc).revision !== 2 + votes || (d as StreamViewDoc).status !== 'held');
  if (docs.length !== meetings || wrong.length > 0) throw new Error(`${who}: ${docs.length} meeting views, ${wrong.length} not at revision ${2 + votes}`);
};

// ---------------------------------------------------------------------------------------

const versionOf = (pkg: string): string => {
  // Both Emmett packages restrict `exports`, so their package.json is read from next to the entry point.
  const file = path.join(path.dirname(require.resolve(pkg)), '..', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
};

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

/** What a fresh connection of each driver reports: the settings the stores run with unless they change them. */
const sqliteSettings = async (dir: string): Promise<{ emmettDefault: string; ours: string; sqlite3: string; betterSqlite3: string }> => {
  // Emmett switches each connection to WAL without waiting for it; `checkEmmett` verifies the mode of its files.
  const probe = sqliteConnection({ fileName: path.join(dir, 'probe-sqlite3.sqlite') });
  const sync = await probe.querySingle<{ synchronous: number }>('PRAGMA synchronous');
  probe.close();
  const ours = createSqliteEventStore({ file: path.join(dir, 'probe-ours.sqlite') });
  await ours.close();
  const db = new Database(path.join(dir, 'probe-ours.sqlite'));
  const betterSqlite3 = db.prepare<[], string>('SELECT sqlite_version()').pluck().get() ?? '?';
  db.close();
  return {
    emmettDefault: `journal_mode=wal, synchronous=${SYNCHRONOUS[sync?.synchronous ?? -1] ?? '?'}`,
    ours: 'journal_mode=wal, synchronous=NORMAL (infra/sqlite openSqliteFile)',
    sqlite3: sqlite3.VERSION,
    betterSqlite3,
  };
};

/** Runs every variant in `root` (removed at the end) and returns the table rows. */
export const benchEmmett = async (root: string): Promise<EmmettBenchRow[]> => {
  const base = path.join(root, 'emmett');
  mkdirSync(base, { recursive: true });
  try {
    const meetings = Math.ceil(COMMANDS / VOTES_PER_MEETING);
    const shippedMeetings = Math.min(meetings, Math.ceil(SHIPPED_COMMANDS / VOTES_PER_MEETING));
    if (meetings * VOTES_PER_MEETING !== COMMANDS) throw new Error(`BENCH_EMMETT_COMMANDS must be a multiple of ${VOTES_PER_MEETING}`);
    const settings = await sqliteSettings(base);
    const emmettSqlite = versionOf('@event-driven-io/emmett-sqlite');
    const load = (): string => os.loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(`\nEmmett comparison: CastVote commands, ${VOTES_PER_MEETING} per meeting, each projected into streamViews before the next one starts`);
    console.log(`  Emmett: @event-driven-io/emmett ${versionOf('@event-driven-io/emmett')} + emmett-sqlite ${emmettSqlite}, sqlite3 ${versionOf('sqlite3')} (SQLite ${settings.sqlite3}); as shipped: ${settings.emmettDefault}, a connection per operation`);
    console.log(`  Collegium: better-sqlite3 ${versionOf('better-sqlite3')} (SQLite ${settings.betterSqlite3}); ${settings.ours}`);
    console.log(`  ${COMMANDS.toLocaleString('en')} commands (Emmett as shipped: ${(shippedMeetings * VOTES_PER_MEETING).toLocaleString('en')}), interleaved in ${SLICES} slices; load average ${load()}`);
    let run = 0;
    const fresh = (): string => {
      const dir = path.join(base, `run-${++run}`);
      mkdirSync(dir, { recursive: true });
      return dir;
    };
    const contest = async (variant: Variant): Promise<{ shipped: Measured; shared: Measured; ours: Measured }> => {
      const [shipped, shared, ours] = await race([
        await emmettContender(fresh(), 'default', shippedMeetings, variant),
        await emmettContender(fresh(), 'shared', meetings, variant),
        await oursContender(fresh(), meetings, variant),
      ]);
      if (!shipped || !shared || !ours) throw new Error('race lost a contender');
      const what = variant === 'single' ? '1 event per command' : `${VOTES_PER_MEETING} commands per append`;
      for (const [label, r] of [['Emmett as shipped', shipped], ['Emmett, one connection, synchronous=NORMAL', shared], ['Collegium', ours]] as const) {
        console.log(`  ${what}, ${label.padEnd(42)} ${perSecond(r).padStart(16)}  (${r.events.toLocaleString('en')} events in ${(r.ms / 1000).toFixed(1)} s)`);
      }
      return { shipped, shared, ours };
    };
    const single = await contest('single');
    const batched = await contest('batched');
    console.log(`  load average after: ${load()}`);

    const faster = (a: Measured, b: Measured): Measured => (rate(a) >= rate(b) ? a : b);
    const singleRatio = rate(single.ours) / rate(faster(single.shipped, single.shared));
    const batchedRatio = rate(batched.ours) / rate(faster(batched.shipped, batched.shared));
    const emmett = `Emmett ${emmettSqlite} SQLite`;
    return [
      { metric: `${emmett}: command → append → inline projection, as shipped`, value: perSecond(single.shipped), target: '—', met: null },
      { metric: `${emmett}: same, one connection, synchronous=NORMAL`, value: perSecond(single.shared), target: '—', met: null },
      { metric: 'Collegium SQLite: command → append → projector catchUp', value: perSecond(single.ours), target: '—', met: null },
      { metric: 'Collegium / Emmett (its faster setup), 1 event per command', value: `${singleRatio.toFixed(1)}×`, target: `≥ ${TARGET_RATIO}×`, met: singleRatio >= TARGET_RATIO },
      { metric: `${emmett}: ${VOTES_PER_MEETING} commands per append (faster setup)`, value: perSecond(faster(batched.shipped, batched.shared)), target: '—', met: null },
      { metric: `Collegium SQLite: ${VOTES_PER_MEETING} commands per append`, value: perSecond(batched.ours), target: '—', met: null },
      { metric: `Collegium / Emmett, ${VOTES_PER_MEETING} commands per append`, value: `${batchedRatio.toFixed(1)}×`, target: '—', met: null },
    ];
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
};

if (require.main === module) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'collegium-bench-emmett-'));
  benchEmmett(root)
    .then((rows) => {
      console.log('');
      const width = Math.max(...rows.map((r) => r.metric.length));
      for (const r of rows) console.log(`${r.metric.padEnd(width)}  ${r.value.padStart(18)}  ${r.target.padEnd(8)} ${r.met === null ? '' : r.met ? 'met' : 'NOT MET'}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => rmSync(root, { recursive: true, force: true }));
}
