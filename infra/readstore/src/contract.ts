/**
 * The one test suite every read store adapter runs (ARCHITECTURE rule 7). It assumes only
 * what the port promises, and that the store may hold other tests' projections: every test
 * registers projections under fresh names, and generation numbers are compared, never guessed.
 *
 * Call it from an `*.int.spec.ts`; it uses jest's globals and imports nothing at load time
 * beyond the port, so exporting it from the package index costs production code nothing.
 */
import { randomUUID } from 'node:crypto';
import { CheckpointMismatchError, type Document, type DocumentChange, type FindOptions, type Filter, type ProjectionSpec, type ReadStore, type StreamedCommit } from './port';

export interface ReadStoreFixture {
  readonly store: ReadStore;
  /** Opens the same storage again after `store.close()`: given only by durable adapters. */
  readonly reopen?: () => Promise<ReadStore>;
  readonly cleanup: () => Promise<void>;
}

/** A community dashboard: members (several indexes) and meetings (no index at all). */
const dashboard = (name: string, version = 1, extra: ProjectionSpec['collections'] = []): ProjectionSpec => ({
  name,
  version,
  collections: [{ name: 'members', indexes: [['cohort'], ['cohort', 'score'], ['joinedAt'], ['name']] }, { name: 'meetings', indexes: [] }, ...extra],
});

interface Member extends Document {
  readonly cohort: string;
  readonly score?: number | null;
  readonly joinedAt: string;
  readonly name: string;
  readonly active: boolean;
  readonly rank: number;
}

const COHORTS = ['alpha', 'beta', 'gamma'] as const;
/** Strings whose code-point order differs from JavaScript's UTF-16 order and from case-folded order. */
const NAMES = ['Zoë', 'adam', 'Émile', 'émile', '😀 smiley', 'ｆｕｌｌ', 'bea', 'Bea'] as const;

/** 90 members with ties on every field, missing and null scores, negative and fractional numbers. */
const members = (count = 90): Member[] =>
  Array.from({ length: count }, (_, i) => {
    const score = i % 10 === 0 ? undefined : i % 10 === 1 ? null : ((i * 37) % 23) - 7 + (i % 4) / 4;
    return {
      _id: `member-${String(i).padStart(3, '0')}`,
      cohort: COHORTS[i % 3] as string,
      ...(score === undefined ? {} : { score }),
      joinedAt: `2024-09-${String(1 + (i % 7)).padStart(2, '0')}`,
      name: NAMES[i % NAMES.length] as string,
      active: i % 4 !== 0,
      rank: (i * 7) % 12,
    };
  });

const upsert = (collection: string, doc: Document): DocumentChange => ({ collection, id: doc._id, doc });
const remove = (collection: string, id: string): DocumentChange => ({ collection, id, doc: null });

const ids = (docs: readonly Document[]): string[] => docs.map((doc) => doc._id);

const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
};

/** Reads every page of a query, `pageSize` at a time, continuing after the last document seen. */
const readPages = async (
  store: ReadStore,
  projection: string,
  filter: Filter,
  sort: NonNullable<FindOptions['sort']>,
  pageSize: number,
): Promise<Document[][]> => {
  const pages: Document[][] = [];
  let after: FindOptions['after'];
  for (;;) {
    const page = await store.find(projection, 'members', filter, { sort, limit: pageSize, ...(after ? { after } : {}) });
    if (page.length === 0) return pages;
    pages.push(page);
    const last = page[page.length - 1] as Document;
    after = { values: sort.map(({ field }) => last[field] ?? null), id: last._id };
  }
};

export function readStoreContract(name: string, create: () => Promise<ReadStoreFixture>): void {
  describe(`read store contract: ${name}`, () => {
    let fixture: ReadStoreFixture;
    let store: ReadStore;
    let projection: string;
    const opened: ReadStore[] = [];

    beforeEach(async () => {
      fixture = await create();
      store = fixture.store;
      opened.push(store);
      projection = `dashboard${randomUUID().slice(0, 8)}`;
    });

    afterEach(async () => {
      for (const each of opened.splice(0)) await each.close();
      await fixture.cleanup();
    });

    /** Registers the dashboard and commits `docs` as its first batch (checkpoint 0 → 10). */
    const seeded = async (docs: readonly Member[] = members()): Promise<number> => {
      const { activeGeneration } = await store.register(dashboard(projection));
      await store.commit(projection, activeGeneration, docs.map((doc) => upsert('members', doc)), 0, 10);
      return activeGeneration;
    };

    describe('register', () => {
      it('creates an empty first generation for a new projection', async () => {
        const status = await store.register(dashboard(projection));

        expect(status).toEqual({ name: projection, version: 1, activeGeneration: expect.any(Number), checkpoint: 0 });
        expect(await store.status(projection)).toEqual(status);
        expect(await store.checkpoint(projection, status.activeGeneration)).toBe(0);
        expect(await store.find(projection, 'members', {})).toEqual([]);
      });

      it('returns the stored status for a projection registered before, data untouched', async () => {
        const generation = await seeded();

        const again = await store.register(dashboard(projection));

        expect(again).toEqual({ name: projection, version: 1, activeGeneration: generation, checkpoint: 10 });
        expect(await store.count(projection, 'members', {})).toBe(90);
      });

      it('keeps serving the active generation and version when the version changes', async () => {
        const generation = await seeded();

        const status = await store.register(dashboard(projection, 2, [{ name: 'reports', indexes: [['period']] }]));

        expect(status).toEqual({ name: projection, version: 1, activeGeneration: generation, checkpoint: 10 });
        expect(await store.count(projection, 'members', {})).toBe(90);
      });

      it('knows no status of an unregistered projection and reads it as empty', async () => {
        expect(await store.status(projection)).toBeNull();
        expect(await store.get(projection, 'members', 'member-000')).toBeNull();
        expect(await store.getMany(projection, 'members', ['member-000'])).toEqual([]);
        expect(await store.find(projection, 'members', { cohort: 'alpha' })).toEqual([]);
        expect(await store.count(projection, 'members', {})).toBe(0);
      });

      it('rejects field names that are not plain identifiers', async () => {
        const bad = { name: projection, version: 1, collections: [{ name: 'members', indexes: [['profile.city']] }] };
        await expect(store.register(bad)).rejects.toThrow(/field name/);
        expect(await store.status(projection)).toBeNull();
      });
    });

    describe('commit', () => {
      it('applies upserts and deletes and moves the checkpoint', async () => {
        const generation = await seeded(members(3));

        await store.commit(
          projection,
          generation,
          [upsert('members', { ...members(3)[1], name: 'renamed' } as Member), remove('members', 'member-002'), upsert('meetings', { _id: 'meeting-1', topic: 'rubrics' })],
          10,
          14,
        );

        expect(await store.checkpoint(projection, generation)).toBe(14);
        expect((await store.status(projection))?.checkpoint).toBe(14);
        expect(ids(await store.find(projection, 'members', {}))).toEqual(['member-000', 'member-001']);
        expect(await store.get(projection, 'members', 'member-001')).toMatchObject({ name: 'renamed' });
        expect(await store.get(projection, 'members', 'member-002')).toBeNull();
        expect(await store.get(projection, 'meetings', 'meeting-1')).toEqual({ _id: 'meeting-1', topic: 'rubrics' });
      });

      it('replaces the whole document on upsert, and a later change in a batch wins', async () => {
        const { activeGeneration: generation } = await store.register(dashboard(projection));

        await store.commit(projection, generation, [upsert('meetings', { _id: 'm', a: 1, b: 2 }), upsert('meetings', { _id: 'm', a: 3 })], 0, 1);
        await store.commit(projection, generation, [upsert('meetings', { _id: 'n', a: 1 }), remove('meetings', 'n')], 1, 2);

        expect(await store.get(projection, 'meetings', 'm')).toEqual({ _id: 'm', a: 3 });
        expect(await store.get(projection, 'meetings', 'n')).toBeNull();
      });

      it('stores documents as JSON values, copied: later mutation of the caller objects changes nothing', async () => {
        const { activeGeneration: generation } = await store.register(dashboard(projection));
        const doc = { _id: 'x', nested: { list: [1, 'two', { three: true }], none: null }, text: 'Zoë 😀 "quoted" \\ back', big: 2 ** 52, tiny: -0.125 };

        await store.commit(projection, generation, [upsert('meetings', doc)], 0, 1);
        doc.nested.list.push(4);

        expect(await store.get(projection, 'meetings', 'x')).toEqual({ ...doc, nested: { list: [1, 'two', { three: true }], none: null } });
        const read = (await store.get(projection, 'meetings', 'x')) as unknown as { nested: { list: unknown[] } };
        read.nested.list.push(5);
        expect(await store.get(projection, 'meetings', 'x')).toMatchObject({ nested: { list: [1, 'two', { three: true }] } });
      });

      it('rejects a commit from a checkpoint that is not the stored one, changing nothing', async () => {
        const generation = await seeded(members(3));

        const error = await rejectionOf(store.commit(projection, generation, [remove('members', 'member-000'), upsert('meetings', { _id: 'late' })], 7, 12));

        expect(error).toBeInstanceOf(CheckpointMismatchError);
        expect(error).toMatchObject({ name: 'CheckpointMismatchError', projection, generation, expected: 7, actual: 10 });
        expect(await store.checkpoint(projection, generation)).toBe(10);
        expect(await store.get(projection, 'members', 'member-000')).not.toBeNull();
        expect(await store.get(projection, 'meetings', 'late')).toBeNull();
      });

      it('rejects a replayed batch', async () => {
        const generation = await seeded(members(3));
        const batch = [upsert('meetings', { _id: 'meeting-1', attendees: 1 })];
        await store.commit(projection, generation, batch, 10, 11);
        await store.commit(projection, generation, [upsert('meetings', { _id: 'meeting-1', attendees: 2 })], 11, 12);

        await expect(store.commit(projection, generation, batch, 10, 11)).rejects.toBeInstanceOf(CheckpointMismatchError);

        expect(await store.get(projection, 'meetings', 'meeting-1')).toEqual({ _id: 'meeting-1', attendees: 2 });
        expect(await store.checkpoint(projection, generation)).toBe(12);
      });

      it('writes nothing of a batch that fails part-way', async () => {
        const generation = await seeded(members(3));

        await expect(
          store.commit(projection, generation, [remove('members', 'member-000'), upsert('nowhere', { _id: 'lost' }), upsert('meetings', { _id: 'lost' })], 10, 13),
        ).rejects.toThrow(/nowhere/);

        expect(await store.checkpoint(projection, generation)).toBe(10);
        expect(await store.count(projection, 'members', {})).toBe(3);
        expect(await store.get(projection, 'meetings', 'lost')).toBeNull();
      });

      it('lets exactly one of two writers racing from the same checkpoint win', async () => {
        const generation = await seeded(members(3));

        const results = await Promise.allSettled([
          store.commit(projection, generation, [upsert('meetings', { _id: 'm', by: 'first' })], 10, 11),
          store.commit(projection, generation, [upsert('meetings', { _id: 'm', by: 'second' })], 10, 12),
        ]);

        const won = results.findIndex((result) => result.status === 'fulfilled');
        const lost = results.find((result) => result.status === 'rejected');
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(CheckpointMismatchError);
        expect(await store.checkpoint(projection, generation)).toBe(won === 0 ? 11 : 12);
        expect(await store.get(projection, 'meetings', 'm')).toEqual({ _id: 'm', by: won === 0 ? 'first' : 'second' });
      });

      it('rejects a change whose document carries another _id, and unknown generations', async () => {
        const { activeGeneration: generation } = await store.register(dashboard(projection));

        await expect(store.commit(projection, generation, [{ collection: 'meetings', id: 'a', doc: { _id: 'b' } }], 0, 1)).rejects.toThrow();
        await expect(store.commit(projection, generation + 100, [], 0, 1)).rejects.toThrow();
        await expect(store.checkpoint(projection, generation + 100)).rejects.toThrow();
        expect(await store.checkpoint(projection, generation)).toBe(0);
      });
    });

    describe('streamed commit', () => {
      /** Two projections registered fresh, both at checkpoint 0. */
      const twoTargets = async (): Promise<{ other: string; targets: { projection: string; generation: number }[] }> => {
        const other = `${projection}b`;
        const first = await store.register(dashboard(projection));
        const second = await store.register(dashboard(other));
        return { other, targets: [{ projection, generation: first.activeGeneration }, { projection: other, generation: second.activeGeneration }] };
      };

      it('lands every part of every target with the checkpoints, and shows nothing before', async () => {
        const { other, targets } = await twoTargets();
        const open = store.openCommit(targets, 0);
        open.write(projection, [upsert('meetings', { _id: 'm-1', topic: 'draft' }), upsert('members', members(1)[0] as Member)]);
        open.write(other, [upsert('meetings', { _id: 'm-9' })]);
        open.write(projection, [upsert('meetings', { _id: 'm-1', topic: 'final' }), upsert('meetings', { _id: 'm-2' }), remove('meetings', 'm-2')]);

        expect(await store.get(projection, 'meetings', 'm-1')).toBeNull();
        await open.commit(25);

        expect(await store.get(projection, 'meetings', 'm-1')).toEqual({ _id: 'm-1', topic: 'final' });
        expect(await store.get(projection, 'meetings', 'm-2')).toBeNull();
        expect(ids(await store.find(projection, 'members', {}))).toEqual(['member-000']);
        expect(await store.get(other, 'meetings', 'm-9')).toEqual({ _id: 'm-9' });
        expect(await store.status(projection)).toMatchObject({ checkpoint: 25 });
        expect(await store.status(other)).toMatchObject({ checkpoint: 25 });
      });

      it('stores a document handed over with its JSON like any other, found by its indexed fields', async () => {
        const { targets } = await twoTargets();
        const open = store.openCommit(targets, 0);
        const member = members(1)[0] as Member;
        open.write(projection, [{ ...upsert('members', member), json: JSON.stringify(member) }]);
        await open.commit(3);

        expect(await store.get(projection, 'members', member._id)).toEqual(member);
        expect(ids(await store.find(projection, 'members', { cohort: member.cohort }))).toEqual([member._id]);
      });

      it('moves the checkpoints even with nothing written, and takes parts of the next commit while one is open', async () => {
        const { other, targets } = await twoTargets();
        const first = store.openCommit(targets, 0);
        first.write(projection, [upsert('meetings', { _id: 'm', by: 'first' })]);
        const second = store.openCommit(targets, 5);
        second.write(projection, [upsert('meetings', { _id: 'm', by: 'second' })]);

        await first.commit(5);
        await second.commit(9);

        expect(await store.get(projection, 'meetings', 'm')).toEqual({ _id: 'm', by: 'second' });
        expect(await store.status(other)).toMatchObject({ checkpoint: 9 });
      });

      it('refuses the whole commit when a target checkpoint moved, naming that target', async () => {
        const { other, targets } = await twoTargets();
        await store.commit(other, targets[1]?.generation as number, [upsert('meetings', { _id: 'early' })], 0, 3);
        const open = store.openCommit(targets, 0);
        open.write(projection, [upsert('meetings', { _id: 'lost' })]);
        open.write(other, [remove('meetings', 'early')]);

        const error = await rejectionOf(open.commit(8));

        expect(error).toBeInstanceOf(CheckpointMismatchError);
        expect(error).toMatchObject({ projection: other, expected: 0, actual: 3 });
        expect(await store.get(projection, 'meetings', 'lost')).toBeNull();
        expect(await store.get(other, 'meetings', 'early')).toEqual({ _id: 'early' });
        expect(await store.status(projection)).toMatchObject({ checkpoint: 0 });
      });

      it.each([
        ['once aborted', async (doomed: StreamedCommit) => doomed.abort()],
        ['refused for a checkpoint that moves back', async (doomed: StreamedCommit) => expect(doomed.commit(-1)).rejects.toThrow(/forward/)],
      ])('writes nothing of a commit %s, which can no longer be used, and lets the next one through', async (_, end) => {
        const { targets } = await twoTargets();
        const doomed = store.openCommit(targets, 0);
        doomed.write(projection, [upsert('meetings', { _id: 'lost' })]);
        await end(doomed);
        expect(() => doomed.write(projection, [])).toThrow();

        const next = store.openCommit(targets, 0);
        next.write(projection, [upsert('meetings', { _id: 'kept' })]);
        await next.commit(4);

        expect(await store.get(projection, 'meetings', 'lost')).toBeNull();
        expect(await store.get(projection, 'meetings', 'kept')).toEqual({ _id: 'kept' });
        expect(await store.status(projection)).toMatchObject({ checkpoint: 4 });
      });

      it('rejects writes for a projection it was not opened for, and a second commit', async () => {
        const { targets } = await twoTargets();
        expect(() => store.openCommit([], 0)).toThrow();
        const open = store.openCommit(targets, 0);
        expect(() => open.write('elsewhere', [upsert('meetings', { _id: 'x' })])).toThrow(/elsewhere/);
        await open.commit(1);
        await expect(open.commit(2)).rejects.toThrow();
        expect(await store.status(projection)).toMatchObject({ checkpoint: 1 });
      });
    });

    describe('queries', () => {
      const all = members();
      const byId = (docs: readonly Member[]): string[] => ids(docs).sort();

      it('gets one document, or many in the order asked, skipping missing ids and repeats', async () => {
        await seeded();

        expect(await store.get(projection, 'members', 'member-004')).toEqual(all[4]);
        expect(await store.get(projection, 'members', 'nobody')).toBeNull();
        expect(await store.getMany(projection, 'members', ['member-009', 'nobody', 'member-002', 'member-009'])).toEqual([all[9], all[2]]);
        expect(await store.getMany(projection, 'members', [])).toEqual([]);
      });

      it.each<[string, Filter, (m: Member) => boolean]>([
        ['string equality (indexed)', { cohort: 'beta' }, (m) => m.cohort === 'beta'],
        ['number equality (not indexed)', { rank: 7 }, (m) => m.rank === 7],
        ['boolean equality', { active: false }, (m) => !m.active],
        ['null matches null and missing', { score: null }, (m) => m.score === null || m.score === undefined],
        ['a set of strings', { name: { in: ['Bea', 'émile', 'nobody'] } }, (m) => ['Bea', 'émile'].includes(m.name)],
        ['a set of numbers', { rank: { in: [0, 5, 11] } }, (m) => [0, 5, 11].includes(m.rank)],
        ['a set of booleans', { active: { in: [true] } }, (m) => m.active],
        ['an empty set', { cohort: { in: [] } }, () => false],
        ['a number range', { score: { gte: -2.5, lte: 4 } }, (m) => typeof m.score === 'number' && m.score >= -2.5 && m.score <= 4],
        ['an open range', { score: { gte: 10 } }, (m) => typeof m.score === 'number' && m.score >= 10],
        ['a string range', { joinedAt: { gte: '2024-09-03', lte: '2024-09-05' } }, (m) => m.joinedAt >= '2024-09-03' && m.joinedAt <= '2024-09-05'],
        ['a string is never a number', { rank: '7' }, () => false],
        ['several fields', { cohort: 'alpha', active: true, score: { lte: 0 } }, (m) => m.cohort === 'alpha' && m.active && typeof m.score === 'number' && m.score <= 0],
        ['nothing', {}, () => true],
      ])('finds and counts by %s', async (_, filter, predicate) => {
        await seeded();
        const expected = byId(all.filter(predicate));

        const found = await store.find(projection, 'members', filter);

        expect(ids(found)).toEqual(expected);
        expect(found).toEqual(expected.map((id) => all.find((m) => m._id === id)));
        expect(await store.count(projection, 'members', filter)).toBe(expected.length);
      });

      it('sorts numbers numerically with _id breaking ties, missing and null first ascending and last descending', async () => {
        await seeded();
        const scored = all.filter((m) => typeof m.score === 'number');
        const unscored = byId(all.filter((m) => typeof m.score !== 'number'));
        const ascending = [...scored].sort((a, b) => (a.score as number) - (b.score as number) || (a._id < b._id ? -1 : 1));
        const descending = [...scored].sort((a, b) => (b.score as number) - (a.score as number) || (a._id < b._id ? -1 : 1));

        expect(ids(await store.find(projection, 'members', {}, { sort: [{ field: 'score', direction: 'asc' }] }))).toEqual([...unscored, ...ids(ascending)]);
        expect(ids(await store.find(projection, 'members', {}, { sort: [{ field: 'score', direction: 'desc' }] }))).toEqual([...ids(descending), ...unscored]);
      });

      it('sorts strings by code point, as MongoDB and SQLite compare UTF-8', async () => {
        await seeded(members(NAMES.length));

        const found = await store.find(projection, 'members', {}, { sort: [{ field: 'name', direction: 'asc' }] });

        expect(found.map((m) => m['name'])).toEqual(['Bea', 'Zoë', 'adam', 'bea', 'Émile', 'émile', 'ｆｕｌｌ', '😀 smiley']);
      });

      it('sorts by several keys in mixed directions and limits', async () => {
        await seeded();
        const expected = [...all]
          .filter((m) => m.active)
          .sort((a, b) => (a.cohort < b.cohort ? 1 : a.cohort > b.cohort ? -1 : a.rank - b.rank || (a._id < b._id ? -1 : 1)));

        const found = await store.find(
          projection,
          'members',
          { active: true },
          { sort: [{ field: 'cohort', direction: 'desc' }, { field: 'rank', direction: 'asc' }], limit: 11 },
        );

        expect(ids(found)).toEqual(ids(expected.slice(0, 11)));
        expect(await store.find(projection, 'members', {}, { limit: 0 })).toEqual([]);
      });

      it.each<[string, Filter, NonNullable<FindOptions['sort']>]>([
        ['no sort', {}, []],
        ['an indexed string ascending', {}, [{ field: 'joinedAt', direction: 'asc' }]],
        ['an indexed string descending', {}, [{ field: 'joinedAt', direction: 'desc' }]],
        ['a number with nulls ascending', {}, [{ field: 'score', direction: 'asc' }]],
        ['a number with nulls descending', {}, [{ field: 'score', direction: 'desc' }]],
        ['a filter and a compound index', { cohort: 'gamma' }, [{ field: 'score', direction: 'desc' }]],
        ['mixed directions on plain fields', { active: true }, [{ field: 'rank', direction: 'desc' }, { field: 'name', direction: 'asc' }]],
        ['nullable key first, then another', {}, [{ field: 'score', direction: 'asc' }, { field: 'cohort', direction: 'desc' }]],
      ])('pages by keyset over %s, visiting every document exactly once', async (_, filter, sort) => {
        await seeded();
        const everything = ids(await store.find(projection, 'members', filter, { sort }));

        const pages = await readPages(store, projection, filter, sort, 7);

        expect(pages.slice(0, -1).every((page) => page.length === 7)).toBe(true);
        expect(pages.flatMap(ids)).toEqual(everything);
        expect(new Set(everything).size).toBe(await store.count(projection, 'members', filter));
      });

      it('rejects reads of a collection the projection does not declare', async () => {
        await seeded();
        await expect(store.find(projection, 'nowhere', {})).rejects.toThrow(/nowhere/);
        await expect(store.get(projection, 'nowhere', 'x')).rejects.toThrow(/nowhere/);
      });
    });

    describe('generations', () => {
      it('rebuilds into a new generation while queries read the active one, then swaps and drops the old', async () => {
        const old = await seeded(members(6));
        await store.commit(projection, old, [upsert('meetings', { _id: 'meeting-1', topic: 'old' })], 10, 11);
        const spec = dashboard(projection, 2, [{ name: 'reports', indexes: [['period']] }]);

        const next = await store.createGeneration(spec);
        expect(next).toBeGreaterThan(old);
        expect(await store.checkpoint(projection, next)).toBe(0);
        await store.commit(projection, next, [...members(2).map((m) => upsert('members', { ...m, cohort: 'rebuilt' })), upsert('reports', { _id: 'r-1', period: '2024-Q3' })], 0, 500);

        // The rebuild is visible to the projector, not to readers.
        expect(ids(await store.getManyIn(projection, next, 'members', ['member-000', 'member-005']))).toEqual(['member-000']);
        expect(await store.count(projection, 'members', {})).toBe(6);
        expect(await store.find(projection, 'members', { cohort: 'rebuilt' })).toEqual([]);
        expect(await store.status(projection)).toEqual({ name: projection, version: 1, activeGeneration: old, checkpoint: 11 });

        await store.activate(projection, next, 2);

        expect(await store.status(projection)).toEqual({ name: projection, version: 2, activeGeneration: next, checkpoint: 500 });
        expect(ids(await store.find(projection, 'members', { cohort: 'rebuilt' }))).toEqual(['member-000', 'member-001']);
        expect(await store.count(projection, 'members', {})).toBe(2);
        expect(await store.get(projection, 'meetings', 'meeting-1')).toBeNull();
        expect(ids(await store.find(projection, 'reports', { period: '2024-Q3' }))).toEqual(['r-1']);
        await expect(store.checkpoint(projection, old)).rejects.toThrow();
        await expect(store.getManyIn(projection, old, 'members', ['member-000'])).rejects.toThrow();
        await expect(store.commit(projection, old, [], 11, 12)).rejects.toThrow();
        expect(await store.register(spec)).toEqual({ name: projection, version: 2, activeGeneration: next, checkpoint: 500 });
      });

      it('numbers each new generation above every earlier one', async () => {
        const first = await seeded(members(1));
        const second = await store.createGeneration(dashboard(projection, 2));
        const third = await store.createGeneration(dashboard(projection, 3));
        await store.activate(projection, second, 2);

        const fourth = await store.createGeneration(dashboard(projection, 4));

        expect([first, second, third, fourth]).toEqual([...new Set([first, second, third, fourth])].sort((a, b) => a - b));
        expect(await store.checkpoint(projection, third)).toBe(0);
      });

      it('refuses a generation for an unregistered projection', async () => {
        await expect(store.createGeneration(dashboard(projection))).rejects.toThrow();
      });
    });

    describe('durability', () => {
      it('keeps documents, checkpoints and generations across reopening', async () => {
        if (!fixture.reopen) return;
        const old = await seeded(members(5));
        const next = await store.createGeneration(dashboard(projection, 2));
        await store.commit(projection, next, [upsert('members', members(1)[0] as Member)], 0, 40);
        await store.close();

        const reopened = await fixture.reopen();
        opened.push(reopened);

        expect(await reopened.status(projection)).toEqual({ name: projection, version: 1, activeGeneration: old, checkpoint: 10 });
        expect(await reopened.find(projection, 'members', { cohort: 'alpha' }, { sort: [{ field: 'score', direction: 'asc' }] })).toEqual(
          [members(5)[0], members(5)[3]],
        );
        expect(await reopened.checkpoint(projection, next)).toBe(40);
        await reopened.commit(projection, next, [], 40, 41);
        await reopened.activate(projection, next, 2);
        expect(await reopened.status(projection)).toEqual({ name: projection, version: 2, activeGeneration: next, checkpoint: 41 });
      });
    });
  });
}
