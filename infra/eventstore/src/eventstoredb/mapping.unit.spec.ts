import { v5 as referenceV5 } from 'uuid';
import type { EventMetadata, NewEvent } from '../port';
import { NO_STREAM, START } from './client';
import {
  COLLEGIUM_ID_NAMESPACE,
  DOMAIN_STREAMS_REGEX,
  INTERNAL_STREAM_PREFIX,
  checkDomainStream,
  eventIdStream,
  fromCurrentRevision,
  fromStoredEvent,
  idempotencyStream,
  isDomainEvent,
  keyedStoredId,
  markerEventId,
  portEventIdOf,
  readPositionAfter,
  storedIdFor,
  toClientExpected,
  toGlobalPosition,
  toMetadataEnvelope,
  uuidV5,
  type StoredEvent,
} from './mapping';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const metadata: EventMetadata = {
  actor: { id: 'teacher-1', role: 'teacher' },
  tenant: { districtId: 'district-1', institutionId: 'school-7' },
  correlationId: 'correlation-1',
};

const newEvent = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: '5b0c6f6e-2d7c-4a53-9a55-1f0e4c7d2b10',
  type: 'CommunityCreated',
  schemaVersion: 2,
  data: { communityId: 'c-1', members: ['a', 'b'], nested: { ok: true, n: 1.5 } },
  metadata,
  recordedAt: '2024-09-01T08:00:00.000Z',
  ...overrides,
});

/** What the event looks like after a trip through EventStoreDB: JSON data and metadata, the stored id. */
const throughTheServer = (event: NewEvent, storedId: string, position = 4242n): StoredEvent => ({
  id: storedId,
  streamId: 'community-1',
  revision: 3n,
  type: event.type,
  data: JSON.parse(JSON.stringify(event.data)) as unknown,
  metadata: JSON.parse(JSON.stringify(toMetadataEnvelope(event, storedId))) as unknown,
  position: { commit: position, prepare: position },
});

describe('EventStoreDB mapping', () => {
  describe('uuidV5', () => {
    it('matches RFC 4122 name-based ids (checked against the uuid package and the RFC example)', () => {
      const dns = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
      expect(uuidV5('www.example.com', dns)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
      for (const name of ['', 'key-1', 'district-1/request-1', 'ünïcødé ✓', 'x'.repeat(5000)]) {
        expect(uuidV5(name)).toBe(referenceV5(name, COLLEGIUM_ID_NAMESPACE));
      }
    });

    it('refuses a namespace that is no lower-case UUID', () => {
      expect(() => uuidV5('name', 'not-a-uuid')).toThrow(RangeError);
    });
  });

  describe('stored ids', () => {
    it('stores a lower-case UUID under itself and derives a stable UUID for any other id', () => {
      const uuid = '5b0c6f6e-2d7c-4a53-9a55-1f0e4c7d2b10';
      expect(storedIdFor(uuid)).toBe(uuid);
      for (const other of [uuid.toUpperCase(), 'event-7', '']) {
        expect(storedIdFor(other)).toMatch(UUID_V5);
        expect(storedIdFor(other)).toBe(storedIdFor(other));
      }
      expect(storedIdFor('event-7')).not.toBe(storedIdFor('event-8'));
    });

    it('derives keyed ids from key and index only, so a retried request reuses them', () => {
      expect(keyedStoredId('request-1', 0)).toBe(keyedStoredId('request-1', 0));
      const ids = new Set([keyedStoredId('request-1', 0), keyedStoredId('request-1', 1), keyedStoredId('request-2', 0), markerEventId('request-1')]);
      expect(ids.size).toBe(4);
      // JSON framing keeps ("a", 10) and ("a1", 0) apart.
      expect(keyedStoredId('a', 10)).not.toBe(keyedStoredId('a1', 0));
      for (const id of ids) expect(id).toMatch(UUID_V5);
    });
  });

  describe('streams', () => {
    it('names bookkeeping streams with the internal prefix, hashing free-text keys', () => {
      const key = 'district-1/request-1 '.repeat(100);
      expect(idempotencyStream(key)).toMatch(new RegExp(`^${INTERNAL_STREAM_PREFIX}idempotency-[0-9a-f]{64}$`));
      expect(idempotencyStream(key)).toBe(idempotencyStream(key));
      expect(idempotencyStream('a')).not.toBe(idempotencyStream('b'));
      expect(eventIdStream('5b0c6f6e-2d7c-4a53-9a55-1f0e4c7d2b10')).toBe(`${INTERNAL_STREAM_PREFIX}event-5b0c6f6e-2d7c-4a53-9a55-1f0e4c7d2b10`);
      expect(eventIdStream('Free Text')).toMatch(new RegExp(`^${INTERNAL_STREAM_PREFIX}event-[0-9a-f]{64}$`));
    });

    it('shows only domain events: no system streams or types, none of ours', () => {
      expect(isDomainEvent('community-1', 'CommunityCreated')).toBe(true);
      expect(isDomainEvent('$stats-127.0.0.1:2113', 'StatsCollected')).toBe(false);
      expect(isDomainEvent('$$community-1', '$metadata')).toBe(false);
      expect(isDomainEvent('community-1', '$>')).toBe(false);
      expect(isDomainEvent(`${INTERNAL_STREAM_PREFIX}event-x`, 'EventIdClaimed')).toBe(false);
    });

    it('filters the same streams server-side (the regex reads the same in .NET and JavaScript)', () => {
      const regex = new RegExp(DOMAIN_STREAMS_REGEX);
      expect(['community-1', 'collegium-plan-1', 'x$y'].every((s) => regex.test(s))).toBe(true);
      expect(['$all', '$$community-1', '$ce-community', `${INTERNAL_STREAM_PREFIX}idempotency-ab`].some((s) => regex.test(s))).toBe(false);
    });

    it('refuses stream ids that are system or bookkeeping streams', () => {
      expect(() => checkDomainStream('community-1')).not.toThrow();
      expect(() => checkDomainStream('$ce-community')).toThrow(RangeError);
      expect(() => checkDomainStream(`${INTERNAL_STREAM_PREFIX}event-1`)).toThrow(RangeError);
      expect(() => checkDomainStream('')).toThrow(RangeError);
    });
  });

  describe('positions and revisions', () => {
    it('takes the commit position as a Number, and fails instead of rounding beyond 2^53', () => {
      expect(toGlobalPosition({ commit: 1_234_567n, prepare: 1_234_567n })).toBe(1_234_567);
      expect(toGlobalPosition({ commit: BigInt(Number.MAX_SAFE_INTEGER), prepare: 0n })).toBe(Number.MAX_SAFE_INTEGER);
      expect(() => toGlobalPosition({ commit: BigInt(Number.MAX_SAFE_INTEGER) + 1n, prepare: 0n })).toThrow(RangeError);
    });

    it('says which server version is needed when a read carries no position', () => {
      expect(() => toGlobalPosition(undefined)).toThrow(/22\.6/);
      expect(() => toGlobalPosition({ commit: 0n, prepare: 0n })).toThrow(/22\.6/);
    });

    it('reads $all from the start for position 0, else from the event at that position', () => {
      expect(readPositionAfter(0)).toBe(START);
      expect(readPositionAfter(98_765)).toEqual({ commit: 98_765n, prepare: 98_765n });
    });

    it("maps expected revisions to the client's, and the actual revision back (-1: no stream)", () => {
      expect(toClientExpected('noStream')).toBe(NO_STREAM);
      expect(toClientExpected(0)).toBe(0n);
      expect(toClientExpected(41)).toBe(41n);
      expect(fromCurrentRevision(NO_STREAM)).toBe(-1);
      expect(fromCurrentRevision(7n)).toBe(7);
    });
  });

  describe('metadata envelope', () => {
    it('round-trips an event exactly, adding ESDB correlation fields to the stored metadata', () => {
      const event = newEvent({ metadata: { ...metadata, causationId: 'cause-1', idempotencyKey: 'key-1' } });
      const stored = throughTheServer(event, storedIdFor(event.eventId));

      expect(stored.metadata).toMatchObject({ schemaVersion: 2, recordedAt: event.recordedAt, $correlationId: 'correlation-1', $causationId: 'cause-1' });
      expect(stored.metadata).not.toHaveProperty('collegiumEventId');
      expect(fromStoredEvent(stored)).toEqual({ ...event, streamId: 'community-1', revision: 3, position: 4242 });
    });

    it('keeps metadata without optional fields free of them', () => {
      const event = newEvent();
      const recorded = fromStoredEvent(throughTheServer(event, event.eventId));
      expect(recorded.metadata).toStrictEqual(metadata);
    });

    it('carries the port id when the event is stored under another id (keyed appends, non-UUID ids)', () => {
      const keyed = newEvent();
      const storedId = keyedStoredId('request-1', 0);
      const stored = throughTheServer(keyed, storedId);
      expect(portEventIdOf(stored)).toBe(keyed.eventId);
      expect(fromStoredEvent(stored).eventId).toBe(keyed.eventId);

      const free = newEvent({ eventId: 'Event-7', data: 'just text' });
      const recorded = fromStoredEvent(throughTheServer(free, storedIdFor(free.eventId)));
      expect(recorded).toMatchObject({ eventId: 'Event-7', data: 'just text' });
      expect(recorded.metadata).toStrictEqual(metadata);
    });

    it('refuses an event without an envelope: it was not written by this adapter', () => {
      const foreign: StoredEvent = { id: 'a', streamId: 'community-1', revision: 0n, type: 'T', data: {}, metadata: undefined, position: { commit: 10n, prepare: 10n } };
      expect(() => fromStoredEvent(foreign)).toThrow(/envelope/);
      expect(() => fromStoredEvent({ ...foreign, metadata: { schemaVersion: '1' } })).toThrow(/envelope/);
    });
  });
});
