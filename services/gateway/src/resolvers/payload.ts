/**
 * Turns a command outcome into the mutation payload. Ids are read from the events
 * themselves, so a retried request (idempotency key) reports the ids the first one made.
 */
import type { CommandPayload } from '@collegium/schema';
import type { CommandOutcome } from '../application/execute';

const ID_FIELDS = ['communityId', 'memberId', 'meetingId', 'motionId', 'planId', 'reportId', 'taskId', 'productId', 'webhookId', 'operationId'] as const;

/** A top-level id field, or one inside a nested `member` (MemberEnrolled carries the member whole). */
const idIn = (data: Record<string, unknown>, field: string): unknown => {
  const member = data['member'] as Record<string, unknown> | undefined;
  return data[field] ?? member?.[field];
};

const firstString = (events: CommandOutcome['events'], field: string): string | undefined => {
  for (const e of events) {
    const value = idIn((e.data ?? {}) as Record<string, unknown>, field);
    if (typeof value === 'string') return value;
  }
  return undefined;
};

export const toPayload = (outcome: CommandOutcome): CommandPayload => {
  const payload: CommandPayload = {
    streamId: outcome.streamId,
    revision: outcome.revision,
    position: String(outcome.position),
    duplicate: outcome.duplicate,
    eventTypes: outcome.events.map((e) => e.type),
    eventIds: outcome.events.map((e) => e.eventId),
  };
  for (const field of ID_FIELDS) {
    const value = firstString(outcome.events, field);
    if (value !== undefined) payload[field] = value;
  }
  return payload;
};
