import { readStoreContract } from './contract';
import { compareStrings, createMemoryReadStore } from './memory';

readStoreContract('memory', async () => ({ store: createMemoryReadStore(), cleanup: async () => undefined }));

describe('memory read store', () => {
  it('orders strings by code point, not by UTF-16 unit', () => {
    const sorted = ['😀', '\uff41', 'z', 'é', 'A', 'ab', 'a'].sort(compareStrings);
    expect(sorted).toEqual(['A', 'a', 'ab', 'z', 'é', '\uff41', '😀']);
  });

  it('refuses calls once closed', async () => {
    const store = createMemoryReadStore();
    await store.close();
    await expect(store.status('any')).rejects.toThrow(/closed/);
  });
});
