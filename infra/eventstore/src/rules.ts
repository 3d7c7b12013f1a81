/**
 * Checks every adapter applies the same way before it touches storage, so the adapters
 * differ only in how they store, never in what they accept.
 */
import { WrongExpectedRevisionError, type ExpectedRevision, type NewEvent, type StreamId } from './port';

/** `Date#toISOString()` form with a four-digit year: the only form whose strings sort by time. */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The instant in `Date#toISOString()` form. "As of" reads compare `recordedAt` as text, which
 * is only correct when every instant has this one form ('…T09:00:00Z' and '…T12:00:00+03:00'
 * name the same instant but sort differently).
 */
export const canonicalInstant = (value: string, what: string): string => {
  if (CANONICAL_INSTANT.test(value)) return value;
  const time = Date.parse(value);
  const canonical = Number.isNaN(time) ? '' : new Date(time).toISOString();
  if (!CANONICAL_INSTANT.test(canonical)) throw new RangeError(`${what} is not an ISO instant between years 0000 and 9999: ${value}`);
  return canonical;
};

export const isExpectedRevision = (expected: unknown): expected is ExpectedRevision =>
  expected === 'any' || expected === 'noStream' || (Number.isSafeInteger(expected) && (expected as number) >= 0);

/**
 * Validates an append's arguments and returns the events with `recordedAt` in canonical form
 * (the same array when nothing needed rewriting, which is the usual case).
 */
export const prepareAppend = (streamId: StreamId, events: readonly NewEvent[], expected: ExpectedRevision): readonly NewEvent[] => {
  if (typeof streamId !== 'string' || streamId === '') throw new RangeError('A stream id must be a non-empty string');
  // An empty append would record an idempotency key and return revisions that name no event.
  if (events.length === 0) throw new Error(`Stream ${streamId}: an append needs at least one event`);
  if (!isExpectedRevision(expected)) throw new RangeError(`Stream ${streamId}: ${String(expected)} is not an expected revision`);
  let prepared: NewEvent[] | undefined;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as NewEvent;
    if (typeof event.eventId !== 'string' || event.eventId === '') throw new RangeError(`Stream ${streamId}: an event id must be a non-empty string`);
    if (typeof event.type !== 'string' || event.type === '') throw new RangeError(`Stream ${streamId}: an event type must be a non-empty string`);
    const recordedAt = canonicalInstant(event.recordedAt, `Event ${event.eventId}: recordedAt`);
    if (recordedAt !== event.recordedAt) {
      prepared ??= events.slice();
      prepared[i] = { ...event, recordedAt };
    }
  }
  return prepared ?? events;
};

/** Throws when the stream's last revision (`actual`, -1 for no stream) is not what the caller expected. */
export const checkExpectedRevision = (streamId: StreamId, expected: ExpectedRevision, actual: number): void => {
  const matches = expected === 'any' || (expected === 'noStream' ? actual === -1 : expected === actual);
  if (!matches) throw new WrongExpectedRevisionError(streamId, expected, actual);
};

export const checkReadAll = (after: number, limit: number): void => {
  if (!Number.isSafeInteger(after) || after < 0) throw new RangeError(`readAll: ${after} is not a global position`);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`readAll: limit must be a positive integer, got ${limit}`);
};
