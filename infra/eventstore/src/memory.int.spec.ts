import { eventStoreContract } from './contract';
import { createMemoryEventStore } from './memory';

eventStoreContract('memory', async () => ({ store: createMemoryEventStore(), cleanup: async () => undefined }));

describe('memory event store', () => {
  it('starts empty at position 0', async () => {
    const store = createMemoryEventStore();
    expect(await store.headPosition()).toBe(0);
    expect(await store.readAll(0, 10)).toEqual([]);
    await store.close();
  });
});
