import { CheckpointMismatchError, type Document, type ReadStore } from '../port';

interface Counter extends Document {
  readonly value: number;
  readonly by: readonly string[];
}

/**
 * One increment of the shared counter, retried on a checkpoint conflict with freshly read
 * state: what a projector does when another instance got there first. Returns the conflicts met.
 */
export const incrementCounter = async (store: ReadStore, projection: string, label: string): Promise<number> => {
  for (let conflicts = 0; ; conflicts++) {
    const status = await store.status(projection);
    if (!status) throw new Error(`${projection} is not registered`);
    const [current] = await store.getManyIn(projection, status.activeGeneration, 'counters', ['shared']);
    const counter = (current as Counter | undefined) ?? { _id: 'shared', value: 0, by: [] };
    const next: Counter = { _id: 'shared', value: counter.value + 1, by: [...counter.by, label] };
    try {
      await store.commit(projection, status.activeGeneration, [{ collection: 'counters', id: 'shared', doc: next }], status.checkpoint, status.checkpoint + 1);
      return conflicts;
    } catch (error) {
      if (!(error instanceof CheckpointMismatchError)) throw error;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
};
