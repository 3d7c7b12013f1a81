/** Every document of every projection, for comparing two read stores. */
import type { Projection } from '@collegium/projections';
import type { ReadStore } from '@collegium/readstore';

export const dumpReadModels = async (readStore: ReadStore, projections: readonly Projection[]): Promise<Record<string, unknown[]>> => {
  const dump: Record<string, unknown[]> = {};
  for (const p of projections) {
    for (const c of p.collections) {
      const docs = await readStore.find(p.name, c.name, {}, { limit: 1_000_000 });
      dump[`${p.name}/${c.name}`] = [...docs].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
    }
  }
  return dump;
};
