/**
 * The delivery job: POSTs one event to one webhook, signed. A non-2xx answer or a network
 * error fails the attempt; the queue retries with exponential backoff and, after the last
 * attempt, keeps the job on the dead-letter list until someone asks for a redelivery.
 */
import type { EventStore, RecordedEvent } from '@collegium/eventstore';
import type { ReadStore } from '@collegium/readstore';
import type { JobContext } from '@collegium/queue';
import { DISPATCH } from '../dispatch/dispatcher';
import type { WebhookDoc } from '../dispatch/plan';
import type { DeliverWebhookData } from '../jobs';
import { unsealSecret } from './secrets';
import { SIGNATURE_HEADER, signPayload } from './signature';

export interface DeliveryDeps {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly authSecret: string;
  readonly now: () => Date;
  readonly timeoutMs?: number;
}

/** The body receivers get: the event as recorded, with its place in the log. */
export const deliveryBody = (e: RecordedEvent, deliveryId: string): string =>
  JSON.stringify({
    deliveryId,
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    streamId: e.streamId,
    revision: e.revision,
    position: e.position,
    recordedAt: e.recordedAt,
    tenant: e.metadata.tenant,
    actor: e.metadata.actor,
    data: e.data,
  });

export class DeliveryFailedError extends Error {
  override readonly name = 'DeliveryFailedError';
}

export const deliverWebhook =
  (deps: DeliveryDeps) =>
  async (job: JobContext<DeliverWebhookData>): Promise<{ status: number } | { skipped: string }> => {
    const webhook = (await deps.readStore.get(DISPATCH.name, 'webhooks', job.data.webhookId)) as WebhookDoc | null;
    // A webhook removed after the event was dispatched gets nothing more.
    if (!webhook || webhook.status !== 'active') return { skipped: 'webhook removed' };
    const [event] = await deps.store.readEvents([job.data.eventId]);
    if (!event) throw new DeliveryFailedError(`event ${job.data.eventId} is not in the log`);
    const body = deliveryBody(event, job.id);
    const signature = signPayload(unsealSecret(deps.authSecret, webhook.sealedSecret), body, Math.floor(deps.now().getTime() / 1000));
    let response: Response;
    try {
      response = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Collegium-Webhooks/1',
          [SIGNATURE_HEADER]: signature,
          'x-collegium-event': event.type,
          'x-collegium-delivery': job.id,
          'x-collegium-attempt': String(job.attempt),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new DeliveryFailedError(`POST ${webhook.url} failed: ${(error as Error).message}`);
    }
    await response.body?.cancel();
    if (response.status < 200 || response.status >= 300) throw new DeliveryFailedError(`POST ${webhook.url} answered HTTP ${response.status}`);
    return { status: response.status };
  };
