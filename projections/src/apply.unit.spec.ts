import type { RecordedEnvelope } from '@collegium/domain';
import { evolveBatch, replay, runsOfBatch } from './apply';
import { PROJECTIONS } from './index';
import { slot, type Projection, type ReadDoc } from './projection';
import { generateLog } from './testing/generator';

const log: RecordedEnvelope[] = [...generateLog({ seed: 7, institutions: 2, communitiesPerInstitution: 3, districtCommunities: 1, schoolYears: ['2024-2025', '2025-2026'] })];

/** Freezes a document to its leaves: a fold that changes a document it was given then throws. */
const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

/** The reference: `evolve`, one event at a time in log order, every result frozen. */
const eventByEvent = (projection: Projection, events: readonly RecordedEnvelope[]): Map<string, ReadDoc> => {
  const docs = new Map<string, ReadDoc | null>();
  for (const event of events.filter((e) => projection.eventTypes.has(e.type))) {
    for (const key of projection.keys(event)) docs.set(slot(key), deepFreeze(projection.evolve(docs.get(slot(key)) ?? null, event, key)));
  }
  return new Map([...docs].filter((entry): entry is [string, ReadDoc] => entry[1] !== null));
};

/** Batches of `size` events, each folded document by document; documents frozen between batches. */
const inBatches = (projection: Projection, events: readonly RecordedEnvelope[], size: number): Map<string, ReadDoc> => {
  const working = new Map<string, ReadDoc | null>();
  for (let i = 0; i < events.length; i += size) {
    evolveBatch(projection, runsOfBatch(projection, events.slice(i, i + size)), working);
    for (const doc of working.values()) deepFreeze(doc);
  }
  return new Map([...working].filter((entry): entry is [string, ReadDoc] => entry[1] !== null));
};

/** Documents as stored: JSON text, so field order counts too. */
const asStored = (docs: Map<string, ReadDoc>): Record<string, string> => Object.fromEntries([...docs].map(([s, doc]) => [s, JSON.stringify(doc)]));

describe('folding a batch document by document', () => {
  it('meets runs of many events per document in the generated log', () => {
    expect(log.length).toBeGreaterThan(1_000);
    for (const projection of PROJECTIONS) {
      const longest = Math.max(...[...runsOfBatch(projection, log.slice(0, 500)).values()].map((run) => run.events.length));
      expect({ projection: projection.name, longest: longest >= 5 }).toEqual({ projection: projection.name, longest: true });
    }
  });

  describe.each(PROJECTIONS.map((p) => [p.name, p] as const))('%s', (_name, projection) => {
    it('equals evolving event by event, whatever the batch size, and never changes a document it was given', () => {
      const reference = asStored(eventByEvent(projection, log));
      expect(Object.keys(reference).length).toBeGreaterThan(0);
      for (const size of [1, 7, 500, log.length]) expect(asStored(inBatches(projection, log, size))).toEqual(reference);
    });

    it('replays to the same documents', () => {
      expect(asStored(replay(projection, log))).toEqual(asStored(eventByEvent(projection, log)));
    });
  });

  it('keeps a document untouched by the batch out of its changes', () => {
    const [first, ...rest] = PROJECTIONS;
    expect(rest.length).toBeGreaterThan(0);
    const projection = first as Projection;
    const working = new Map<string, ReadDoc | null>([[slot({ collection: 'elsewhere', id: 'x' }), { _id: 'x' }]]);
    const changes = evolveBatch(projection, runsOfBatch(projection, log.slice(0, 50)), working);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.some((c) => c.key.collection === 'elsewhere')).toBe(false);
  });
});
