/**
 * Kept dashboards over a real SQLite read store: after the district works, each period's
 * dashboard catches up to what a fresh computation gives, and the periods read the changed
 * documents once between them, not once each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECTIONS } from '@collegium/projections';
import { createSqliteEventStore, type EventStore, type RecordedEvent } from '@collegium/eventstore';
import { createSqliteReadStore, type ReadStore } from '@collegium/readstore';
import { catchUp, rebuildAll } from '@collegium/projector';
import type { Dashboard } from '@collegium/schema';
import { generateLog } from '../../../../projections/src/testing/generator';
import { appendLog } from '../../../projector/src/testing/seed';
import { buildDashboard, type Scope } from './dashboards';

const DISTRICT = 'district-kept';
const SCOPE: Scope = { kind: 'DISTRICT', id: DISTRICT, districtId: DISTRICT, calendarOf: null, communities: { districtId: DISTRICT } };
const TERMS = ['Q1', 'Q3', null];

/**
 * A read store that counts the queries asking for documents changed since a position, and
 * the reads of communities' activity (by month) and compliance documents.
 */
const countingChangeReads = (readStore: ReadStore): { readStore: ReadStore; reads: () => number; shareReads: () => number } => {
  let reads = 0;
  let shareReads = 0;
  return {
    readStore: {
      ...readStore,
      find: (projection, collection, filter, options) => {
        if ('position' in filter) reads += 1;
        if ('month' in filter) shareReads += 1;
        return readStore.find(projection, collection, filter, options);
      },
      getMany: (projection, collection, ids) => {
        if (projection === 'compliance') shareReads += 1;
        return readStore.getMany(projection, collection, ids);
      },
    },
    reads: () => reads,
    shareReads: () => shareReads,
  };
};

/** The figures a view shows: counts, not the order of evidence lists. */
const figuresOf = (d: Dashboard) => ({
  communities: d.communities,
  position: d.position,
  current: [d.current.activeParticipants.count, d.current.activeParticipants.evidence.count, d.current.taskCompletion.due, d.current.taskCompletion.completedOnTime, d.current.productDiversity.products],
  previous: [d.previous.activeParticipants.count, d.previous.taskCompletion.due, d.previous.productDiversity.demand],
  compliance: [d.compliance.fullyCompliant, d.compliance.averageScore],
  plan: [d.current.planExecution.planTasksDue, d.current.planExecution.criteriaMeasured, d.current.planExecution.criteriaMet],
});

describe('kept dashboards', () => {
  let dir: string;
  let store: EventStore;
  let readStore: ReadStore;
  let held: RecordedEvent[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-kept-'));
    store = createSqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    readStore = createSqliteReadStore({ file: path.join(dir, 'read.sqlite') });
    const log = [...generateLog({ seed: 9, districtId: DISTRICT, institutions: 2, communitiesPerInstitution: 3, districtCommunities: 0, schoolYears: ['2025-2026'] })];
    // The last school days' events are held back, to be appended once the dashboards are kept.
    const cut = log.length - 60;
    await appendLog(store, log.slice(0, cut));
    held = log.slice(cut) as RecordedEvent[];
    await rebuildAll(store, readStore, PROJECTIONS);
  });
  afterAll(async () => {
    await readStore.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('catch up with the district as a fresh computation sees it, reading the changes once for every period', async () => {
    const counted = countingChangeReads(readStore);
    const before = [];
    for (const term of TERMS) before.push(figuresOf(await buildDashboard(counted.readStore, SCOPE, '2025-2026', term)));
    expect(counted.reads()).toBe(0);

    await appendLog(store, held);
    for (const projection of PROJECTIONS) await catchUp(store, readStore, projection, (await readStore.status(projection.name))!.activeGeneration);
    const after = [];
    const sharesBefore = counted.shareReads();
    for (const term of TERMS) after.push(figuresOf(await buildDashboard(counted.readStore, SCOPE, '2025-2026', term)));
    // Four collections asked once, for the three periods together; and the communities whose
    // figures changed reloaded once for all three: their activity of two school years, their
    // compliance (each period read its own months and compliance before: 9 reads).
    expect(counted.reads()).toBe(4);
    expect(counted.shareReads() - sharesBefore).toBe(2);

    // Another wrapper of the same store keeps nothing yet: it computes from scratch.
    const fresh = countingChangeReads(readStore);
    const computed = [];
    for (const term of TERMS) computed.push(figuresOf(await buildDashboard(fresh.readStore, SCOPE, '2025-2026', term)));
    expect(fresh.reads()).toBe(0);
    expect(after).toEqual(computed);
    // The held events changed figures, not only the position.
    const withoutPosition = (views: ReturnType<typeof figuresOf>[]) => views.map(({ position: _position, ...figures }) => figures);
    expect(withoutPosition(after)).not.toEqual(withoutPosition(before));
  });
});
