/**
 * The job subscription: reads the log from its own checkpoint, enqueues the jobs each event
 * starts, then moves the checkpoint together with the webhook registry's changes (one read
 * store commit). Enqueue happens first, so a crash between the two replays the batch and
 * the queue drops the repeated job ids: nothing lost, nothing run twice. Several workers may
 * run a dispatcher; the commit's expected checkpoint lets one win a batch, the others reload.
 */
import { CheckpointMismatchError, type ProjectionSpec, type ReadStore } from '@collegium/readstore';
import type { EventStore } from '@collegium/eventstore';
import type { JobQueue } from '@collegium/queue';
import type { RetryPolicy } from '../jobs';
import { planBatch, type Registry, type WebhookDoc } from './plan';

export const DISPATCH: ProjectionSpec = {
  name: 'jobDispatch',
  version: 1,
  collections: [{ name: 'webhooks', indexes: [['districtId'], ['districtId', 'institutionId']] }],
};

export interface DispatcherOptions {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly queue: JobQueue;
  readonly policy: RetryPolicy;
  readonly batchSize?: number;
  /** How long to sleep when the log has nothing new (appends in this process wake it at once). */
  readonly idleMs?: number;
  readonly onError?: (error: unknown) => void;
}

export interface RunningDispatcher {
  /** The position up to which every event's jobs are enqueued. */
  position(): number;
  /** Resolves once the dispatcher has passed `position` (false after `timeoutMs`). */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

interface Cursor {
  readonly generation: number;
  readonly checkpoint: number;
  readonly registry: Registry;
}

const loadCursor = async (readStore: ReadStore): Promise<Cursor> => {
  const { activeGeneration } = await readStore.register(DISPATCH);
  const docs = (await readStore.find(DISPATCH.name, 'webhooks', {}, { limit: 1_000_000 })) as WebhookDoc[];
  return {
    generation: activeGeneration,
    checkpoint: await readStore.checkpoint(DISPATCH.name, activeGeneration),
    registry: new Map(docs.map((d) => [d._id, d])),
  };
};

/** One batch: plan, enqueue, commit. Returns the cursor after it, or null when the log had nothing new. */
const dispatchBatch = async (options: DispatcherOptions, cursor: Cursor): Promise<Cursor | null> => {
  const batch = await options.store.readAll(cursor.checkpoint, options.batchSize ?? 500);
  const last = batch[batch.length - 1];
  if (!last) return null;
  const plan = planBatch(cursor.registry, batch, options.policy);
  if (plan.jobs.length > 0) await options.queue.enqueue(plan.jobs);
  const changes = plan.changed.map((doc) => ({ collection: 'webhooks', id: doc._id, doc }));
  await options.readStore.commit(DISPATCH.name, cursor.generation, changes, cursor.checkpoint, last.position);
  return { generation: cursor.generation, checkpoint: last.position, registry: plan.registry };
};

export const startDispatcher = async (options: DispatcherOptions): Promise<RunningDispatcher> => {
  let cursor = await loadCursor(options.readStore);
  let stopped = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  const signal = options.store.subscribe(await options.store.headPosition(), async () => wake?.());

  const loop = async (): Promise<void> => {
    while (!stopped) {
      try {
        const next = await dispatchBatch(options, cursor);
        if (next) {
          cursor = next;
          continue;
        }
      } catch (error) {
        // Another dispatcher committed this batch first: take its checkpoint and registry.
        if (error instanceof CheckpointMismatchError) cursor = await loadCursor(options.readStore);
        else options.onError?.(error);
      }
      await sleep(options.idleMs ?? 200);
    }
  };
  const running = loop();

  return {
    position: () => cursor.checkpoint,
    async waitFor(position, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (cursor.checkpoint < position) {
        if (Date.now() > deadline) return false;
        wake?.();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return true;
    },
    async stop() {
      stopped = true;
      wake?.();
      await signal.close();
      await running;
    },
  };
};
