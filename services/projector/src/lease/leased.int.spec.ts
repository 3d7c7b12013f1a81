/**
 * The leased projector over memory stores and a lease the test controls: it projects only
 * while it holds the lease, stops at once when a renewal fails or hangs past the TTL, stands
 * by to take the lease again, and releases it when stopped.
 */
import { PROJECTIONS } from '@collegium/projections';
import { createMemoryEventStore, type EventStore } from '@collegium/eventstore';
import { createMemoryReadStore, type ReadStore } from '@collegium/readstore';
import { generateLog } from '../../../../projections/src/testing/generator';
import { startLeasedProjector, type LeasedProjector, type TermEnd } from '../leased';
import { appendLog } from '../testing/seed';
import { createLeaseBoard, createMemoryLease, stealLease, type LeaseBoard } from './testing/memoryLease';

const TTL = 300;
const LOG = [...generateLog({ seed: 3, institutions: 2, communitiesPerInstitution: 2, districtCommunities: 1, schoolYears: ['2025-2026'] })];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The lowest checkpoint over the projections, as the read store has it. */
const storedPosition = async (readStore: ReadStore): Promise<number> => {
  const statuses = await Promise.all(PROJECTIONS.map((p) => readStore.status(p.name)));
  return Math.min(...statuses.map((s) => s?.checkpoint ?? 0));
};

const eventually = async (check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(10);
  }
};

describe('leased projector', () => {
  let store: EventStore;
  let readStore: ReadStore;
  let board: LeaseBoard;
  let projector: LeasedProjector | null;
  let changes: Array<[boolean, TermEnd | undefined]>;
  let errors: unknown[];

  const start = (): Promise<LeasedProjector> =>
    startLeasedProjector({
      store,
      readStore,
      projections: PROJECTIONS,
      idleMs: 10,
      lease: createMemoryLease(board, 'me', TTL),
      onLeaseChange: (held, reason) => changes.push([held, reason]),
      onError: (_, error) => errors.push(error),
    });

  beforeEach(async () => {
    store = createMemoryEventStore();
    readStore = createMemoryReadStore();
    board = createLeaseBoard();
    changes = [];
    errors = [];
    projector = null;
    await appendLog(store, LOG.slice(0, 200));
  });

  afterEach(async () => {
    await projector?.stop();
    await Promise.all([readStore.close(), store.close()]);
  });

  it('waits while another instance holds the lease, then takes it and projects', async () => {
    stealLease(board, 'other', 400);
    projector = await start();
    await sleep(250);
    expect(projector.held()).toBe(false);
    expect(await storedPosition(readStore)).toBe(0);
    expect(await projector.waitUntilHeld(1_000)).toBe(true);
    await eventually(async () => (await storedPosition(readStore)) === 200, 2_000);
    expect(board.holder).toBe('me');
  });

  it('keeps the lease by renewing it past its TTL', async () => {
    projector = await start();
    await projector.waitUntilHeld(1_000);
    await sleep(TTL * 3);
    expect(projector.held()).toBe(true);
    expect(board.renewals).toBeGreaterThanOrEqual(5);
    expect(changes).toEqual([[true, undefined]]);
  });

  it('stops projecting as soon as a renewal finds the lease taken, and stands by', async () => {
    projector = await start();
    await projector.waitUntilHeld(1_000);
    await eventually(async () => (await storedPosition(readStore)) === 200, 2_000);
    stealLease(board, 'other');
    await eventually(() => !projector?.held(), TTL);
    expect(changes).toEqual([
      [true, undefined],
      [false, 'lost'],
    ]);
    await appendLog(store, LOG.slice(200));
    await sleep(300);
    expect(await storedPosition(readStore)).toBe(200);
    expect(projector.position()).toBeNull();
    expect(board.holder).toBe('other');
  });

  it('counts a renewal that does not answer before the TTL as lost', async () => {
    projector = await start();
    await projector.waitUntilHeld(1_000);
    const heldSince = Date.now();
    board.hangRenewals = true;
    await eventually(() => !projector?.held(), TTL * 2);
    // Not before the lease could have expired, and not much later either.
    expect(Date.now() - heldSince).toBeLessThanOrEqual(TTL + 300);
    expect(changes.at(-1)).toEqual([false, 'lost']);
  });

  it('takes the lease again once it is free after losing it', async () => {
    projector = await start();
    await projector.waitUntilHeld(1_000);
    stealLease(board, 'other', 200);
    await eventually(() => !projector?.held(), TTL);
    await appendLog(store, LOG.slice(200));
    expect(await projector.waitUntilHeld(1_500)).toBe(true);
    await eventually(async () => (await storedPosition(readStore)) === LOG.length, 2_000);
  });

  it('renews on time while catching up a backlog whose store calls never wait', async () => {
    // Memory stores answer every call at once, as SQLite does: without a turn of the event loop per batch the renewal would starve.
    const backlog = [...generateLog({ seed: 11, institutions: 4, communitiesPerInstitution: 3, districtCommunities: 2, schoolYears: ['2025-2026', '2026-2027'] })];
    store = createMemoryEventStore();
    await appendLog(store, backlog);
    const started = Date.now();
    projector = await startLeasedProjector({
      store,
      readStore,
      projections: PROJECTIONS,
      batchSize: 1,
      lease: createMemoryLease(board, 'me', TTL),
      onLeaseChange: (held, reason) => changes.push([held, reason]),
    });
    await eventually(async () => (await storedPosition(readStore)) === backlog.length, 20_000);
    const catchUpMs = Date.now() - started;
    expect(changes).toEqual([[true, undefined]]);
    // Only meaningful when the catch-up outlasted the TTL.
    expect(catchUpMs).toBeGreaterThan(TTL);
    expect(board.renewals).toBeGreaterThanOrEqual(Math.floor(catchUpMs / (TTL / 3)) - 2);
  });

  it('releases the lease when stopped, so a standby need not wait for the TTL', async () => {
    projector = await start();
    await projector.waitUntilHeld(1_000);
    await projector.stop();
    expect(board.holder).toBeNull();
    expect(changes).toEqual([
      [true, undefined],
      [false, 'stopped'],
    ]);
    expect(errors).toEqual([]);
  });
});
