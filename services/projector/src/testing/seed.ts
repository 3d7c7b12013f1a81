/**
 * Writes a generated log into an event store the way the gateway would: consecutive
 * events of one stream in one append, each with the stream's expected revision.
 */
import type { RecordedEnvelope } from '@collegium/domain';
import type { EventStore, NewEvent } from '@collegium/eventstore';

const toNew = (e: RecordedEnvelope): NewEvent => ({
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: e.data,
  metadata: e.metadata,
  recordedAt: e.recordedAt,
});

export const appendLog = async (store: EventStore, events: Iterable<RecordedEnvelope>, maxBatch = 500): Promise<number> => {
  let count = 0;
  let batch: RecordedEnvelope[] = [];
  const flush = async (): Promise<void> => {
    const first = batch[0];
    if (!first) return;
    await store.append(first.streamId, batch.map(toNew), first.revision === 0 ? 'noStream' : first.revision - 1);
    count += batch.length;
    batch = [];
  };
  for (const e of events) {
    const last = batch[batch.length - 1];
    if (last && (last.streamId !== e.streamId || batch.length >= maxBatch)) await flush();
    batch.push(e);
  }
  await flush();
  return count;
};
