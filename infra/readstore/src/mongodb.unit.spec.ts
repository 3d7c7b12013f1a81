/**
 * The pure parts of the MongoDB adapter: names, stored documents, query translation, indexes,
 * write models. No server here: whether MongoDB answers these queries as the contract expects
 * is proved only by `mongodb.int.spec.ts` against a real server (MONGODB_URL).
 */
import { compareValues } from './memory';
import {
  collectionNameOf,
  collectionPrefixOf,
  commitModeOf,
  conditionToQuery,
  effectiveSortKeys,
  filterToQuery,
  findToMongo,
  fromStoredDocument,
  generationOfCollectionName,
  indexSpecsOf,
  keysetToQuery,
  latestChanges,
  namePart,
  POSITION_FIELD,
  sortToMongo,
  toStoredDocument,
  writeModelOf,
  checkDatabaseName,
  type KeysetKey,
} from './mongodb';
import type { Document, FindOptions } from './port';

describe('collection names', () => {
  it('keeps plain names readable: rm.<projection>.<generation>.<collection>', () => {
    expect(collectionNameOf('dashboard', 3, 'members')).toBe('rm.dashboard.3.members');
    expect(collectionNameOf('community-stats', 1, 'by_cohort')).toBe('rm.community-stats.1.by_cohort');
  });

  it('replaces characters MongoDB names cannot hold or give a meaning to, keeping names apart by a hash', () => {
    const dotted = collectionNameOf('a.b', 1, 'x$y');
    const spaced = collectionNameOf('a b', 1, 'x$y');

    expect(dotted).toMatch(/^rm\.a_b_[0-9a-f]{8}\.1\.x_y_[0-9a-f]{8}$/);
    expect(spaced).not.toBe(dotted);
    expect(collectionNameOf('a_b', 1, 'x')).toBe('rm.a_b.1.x');
  });

  it('shortens long parts so the namespace stays inside MongoDB limits, still unique', () => {
    const long = 'p'.repeat(300);
    const name = collectionNameOf(long, Number.MAX_SAFE_INTEGER, `${long}!`);

    expect(name.length).toBeLessThanOrEqual(3 + 48 + 1 + 16 + 1 + 48 + 2);
    expect(namePart(long)).not.toBe(namePart(`${long}x`));
    expect(namePart(long).length).toBe(48);
  });

  it('reads the generation back from a name, and only from names of that projection', () => {
    expect(generationOfCollectionName('dashboard', collectionNameOf('dashboard', 12, 'members'))).toBe(12);
    expect(generationOfCollectionName('dash', collectionNameOf('dashboard', 12, 'members'))).toBeNull();
    expect(generationOfCollectionName('dashboard', 'projections')).toBeNull();
    expect(collectionPrefixOf('dashboard')).toBe('rm.dashboard.');
  });

  it('checks database names against MongoDB rules', () => {
    expect(() => checkDatabaseName('collegium_test-1')).not.toThrow();
    for (const bad of ['', 'a.b', 'a/b', 'a b', 'a$b', 'x'.repeat(64)]) expect(() => checkDatabaseName(bad)).toThrow(/database name/);
  });
});

describe('stored documents', () => {
  it('stores a JSON copy, as the other adapters do: later mutation, undefined and Dates behave alike', () => {
    const doc = { _id: 'x', list: [1, 2], gone: undefined, at: new Date('2024-09-01T10:00:00.000Z'), nan: Number.NaN };

    const stored = toStoredDocument(doc, null);
    doc.list.push(3);

    expect(stored).toEqual({ _id: 'x', list: [1, 2], at: '2024-09-01T10:00:00.000Z', nan: null });
    expect('gone' in stored).toBe(false);
  });

  it('records the writing position in the hidden field in idempotent mode, and strips it on read', () => {
    const stored = toStoredDocument({ _id: 'x', a: 1 }, 42);

    expect(stored).toEqual({ _id: 'x', a: 1, [POSITION_FIELD]: 42 });
    expect(fromStoredDocument(stored)).toEqual({ _id: 'x', a: 1 });
    expect(fromStoredDocument({ _id: 'y', b: null })).toEqual({ _id: 'y', b: null });
  });

  it('refuses a document that carries the hidden field', () => {
    expect(() => toStoredDocument({ _id: 'x', [POSITION_FIELD]: 1 }, null)).toThrow(/reserved/);
  });
});

describe('filters', () => {
  const notArray = { $not: { $type: 'array' } };

  it('compares with strict types and never inside arrays', () => {
    expect(conditionToQuery('beta')).toEqual({ $eq: 'beta', ...notArray });
    expect(conditionToQuery(7)).toEqual({ $eq: 7, ...notArray });
    expect(conditionToQuery(false)).toEqual({ $eq: false, ...notArray });
  });

  it('matches null and missing with null', () => {
    expect(conditionToQuery(null)).toEqual({ $eq: null, ...notArray });
  });

  it('translates sets and ranges, open or closed, and drops a range without bounds', () => {
    expect(conditionToQuery({ in: ['a', 1, true] })).toEqual({ $in: ['a', 1, true], ...notArray });
    expect(conditionToQuery({ in: [] })).toEqual({ $in: [], ...notArray });
    expect(conditionToQuery({ gte: -2.5, lte: 4 })).toEqual({ $gte: -2.5, $lte: 4, ...notArray });
    expect(conditionToQuery({ gte: '2024-09-03' })).toEqual({ $gte: '2024-09-03', ...notArray });
    expect(conditionToQuery({})).toBeNull();
  });

  it('combines fields into one query', () => {
    expect(filterToQuery({ cohort: 'alpha', score: { lte: 0 }, any: {} })).toEqual({
      cohort: { $eq: 'alpha', ...notArray },
      score: { $lte: 0, ...notArray },
    });
    expect(filterToQuery({})).toEqual({});
  });
});

describe('sort and keyset pagination', () => {
  it('always ends with _id ascending, each field once, in the order asked', () => {
    const keys = effectiveSortKeys({ sort: [{ field: 'score', direction: 'desc' }, { field: 'cohort', direction: 'asc' }] });

    expect(keys.map(({ field, direction }) => [field, direction])).toEqual([['score', 'desc'], ['cohort', 'asc'], ['_id', 'asc']]);
    expect(Object.entries(sortToMongo(keys))).toEqual([['score', -1], ['cohort', 1], ['_id', 1]]);
    expect(sortToMongo(effectiveSortKeys({}))).toEqual({ _id: 1 });
  });

  it('keeps a requested _id direction and a field named twice sorts by its first mention', () => {
    const keys = effectiveSortKeys({ sort: [{ field: '_id', direction: 'desc' }] });
    expect(sortToMongo(keys)).toEqual({ _id: -1 });

    const twice = effectiveSortKeys({ sort: [{ field: 'a', direction: 'asc' }, { field: 'a', direction: 'desc' }], after: { values: [1, 2], id: 'x' } });
    expect(twice).toEqual([{ field: 'a', direction: 'asc', value: 1 }, { field: '_id', direction: 'asc', value: 'x' }]);
  });

  it('takes the position from after, missing values as null, and refuses values that are not scalars', () => {
    expect(effectiveSortKeys({ sort: [{ field: 'score', direction: 'asc' }], after: { values: [undefined], id: 'm-1' } })).toEqual([
      { field: 'score', direction: 'asc', value: null },
      { field: '_id', direction: 'asc', value: 'm-1' },
    ]);
    expect(() => effectiveSortKeys({ sort: [{ field: 'tags', direction: 'asc' }], after: { values: [['a']], id: 'm-1' } })).toThrow(/Cannot compare/);
  });

  it('continues after the id alone without a sort', () => {
    expect(keysetToQuery([{ field: '_id', direction: 'asc', value: 'm-7' }])).toEqual({ _id: { $gt: 'm-7' } });
  });

  it('bounds the first key for the index scan and lists every way to be after the position', () => {
    const keys: KeysetKey[] = [
      { field: 'joinedAt', direction: 'asc', value: '2024-09-03' },
      { field: '_id', direction: 'asc', value: 'm-7' },
    ];

    expect(keysetToQuery(keys)).toEqual({
      $and: [
        { joinedAt: { $gte: '2024-09-03' } },
        { $or: [{ joinedAt: { $gt: '2024-09-03' } }, { $and: [{ joinedAt: '2024-09-03' }, { _id: { $gt: 'm-7' } }] }] },
      ],
    });
  });

  it('puts null last descending: after a value come smaller values and nulls; after null only nulls', () => {
    const after = (value: number | null): KeysetKey[] => [
      { field: 'score', direction: 'desc', value },
      { field: '_id', direction: 'asc', value: 'm-7' },
    ];

    expect(keysetToQuery(after(3))).toEqual({
      $and: [
        { score: { $not: { $gt: 3 } } },
        { $or: [{ $or: [{ score: { $lt: 3 } }, { score: null }] }, { $and: [{ score: 3 }, { _id: { $gt: 'm-7' } }] }] },
      ],
    });
    expect(keysetToQuery(after(null))).toEqual({ $and: [{ score: null }, { _id: { $gt: 'm-7' } }] });
  });

  it('puts null first ascending: after null come all values', () => {
    expect(
      keysetToQuery([
        { field: 'score', direction: 'asc', value: null },
        { field: '_id', direction: 'asc', value: 'm-7' },
      ]),
    ).toEqual({ $or: [{ score: { $ne: null } }, { $and: [{ score: null }, { _id: { $gt: 'm-7' } }] }] });
  });

  it('combines filter, keyset, sort and limit', () => {
    const found = findToMongo({ cohort: 'gamma' }, { sort: [{ field: 'score', direction: 'desc' }], limit: 7, after: { values: [null], id: 'm-1' } });

    expect(found).toEqual({
      query: { $and: [{ cohort: { $eq: 'gamma', $not: { $type: 'array' } } }, { $and: [{ score: null }, { _id: { $gt: 'm-1' } }] }] },
      sort: { score: -1, _id: 1 },
      limit: 7,
    });
    expect(findToMongo({}, {})).toEqual({ query: {}, sort: { _id: 1 } });
    expect(findToMongo({}, { limit: 0 }).limit).toBe(0);
  });

  /**
   * Checks the boolean structure of the keyset translation, not MongoDB: the generated query
   * is evaluated by MongoDB's documented rules for the few operators it uses (null equals null
   * or missing; $gt/$lt compare within one type; $ne/$not negate) and the sort by the memory
   * adapter's order. Paging must then visit every document once, in sort order.
   */
  describe('visits every document exactly once, by the documented operator rules', () => {
    type Doc = Record<string, unknown>;
    const sameType = (a: unknown, b: unknown): boolean => a !== null && a !== undefined && typeof a === typeof b;
    const isOperatorObject = (value: unknown): value is Record<string, unknown> =>
      typeof value === 'object' && value !== null && Object.keys(value).every((key) => key.startsWith('$'));
    const equals = (value: unknown, operand: unknown): boolean => (operand === null ? value === null || value === undefined : value === operand);
    const matchesCondition = (value: unknown, condition: unknown): boolean => {
      if (!isOperatorObject(condition)) return equals(value, condition);
      return Object.entries(condition).every(([operator, operand]) => {
        switch (operator) {
          case '$eq':
            return equals(value, operand);
          case '$ne':
            return !equals(value, operand);
          case '$gt':
            return sameType(value, operand) && compareValues(value, operand) > 0;
          case '$gte':
            return sameType(value, operand) && compareValues(value, operand) >= 0;
          case '$lt':
            return sameType(value, operand) && compareValues(value, operand) < 0;
          case '$not':
            return !matchesCondition(value, operand);
          default:
            throw new Error(`operator ${operator} is not modelled here`);
        }
      });
    };
    const matches = (doc: Doc, query: Doc): boolean =>
      Object.entries(query).every(([key, condition]) => {
        if (key === '$and') return (condition as Doc[]).every((part) => matches(doc, part));
        if (key === '$or') return (condition as Doc[]).some((part) => matches(doc, part));
        return matchesCondition(doc[key], condition);
      });

    const docs: Document[] = Array.from({ length: 40 }, (_, i) => ({
      _id: `m-${String(i).padStart(2, '0')}`,
      ...(i % 5 === 0 ? {} : { score: i % 5 === 1 ? null : (i * 7) % 9 }),
      name: ['Zoë', 'adam', 'Émile', '😀', 'bea'][i % 5] as string,
      rank: i % 4,
    }));

    it.each<[string, NonNullable<FindOptions['sort']>]>([
      ['no sort', []],
      ['nullable number ascending', [{ field: 'score', direction: 'asc' }]],
      ['nullable number descending', [{ field: 'score', direction: 'desc' }]],
      ['strings by code point', [{ field: 'name', direction: 'asc' }]],
      ['mixed directions with a nullable key', [{ field: 'score', direction: 'desc' }, { field: 'rank', direction: 'asc' }, { field: 'name', direction: 'desc' }]],
    ])('%s', (_, sort) => {
      const keys = effectiveSortKeys({ sort });
      const order = (a: Doc, b: Doc): number => {
        for (const { field, direction } of keys) {
          const compared = compareValues(a[field], b[field]);
          if (compared !== 0) return direction === 'asc' ? compared : -compared;
        }
        return 0;
      };
      const sorted = [...docs].sort(order);

      const visited: Document[] = [];
      let after: FindOptions['after'];
      for (let page = 0; page < 20; page++) {
        const { query, limit } = findToMongo({}, { sort, limit: 6, ...(after ? { after } : {}) });
        const found = sorted.filter((doc) => matches(doc, query)).slice(0, limit);
        if (found.length === 0) break;
        visited.push(...found);
        const last = found[found.length - 1] as Document;
        after = { values: sort.map(({ field }) => last[field] ?? null), id: last._id };
      }

      expect(visited.map((doc) => doc._id)).toEqual(sorted.map((doc) => doc._id));
    });
  });
});

describe('indexes', () => {
  it('ends every index in _id, skips _id alone and indexes with the same keys', () => {
    expect(indexSpecsOf({ name: 'members', indexes: [['cohort'], ['cohort', 'score'], ['cohort', '_id'], ['_id'], ['joinedAt']] })).toEqual([
      { name: 'ix0', key: { cohort: 1, _id: 1 } },
      { name: 'ix1', key: { cohort: 1, score: 1, _id: 1 } },
      { name: 'ix4', key: { joinedAt: 1, _id: 1 } },
    ]);
    expect(indexSpecsOf({ name: 'meetings', indexes: [] })).toEqual([]);
  });

  it('keeps the fields of a compound index in the order given', () => {
    const [spec] = indexSpecsOf({ name: 'sessions', indexes: [['startsAt', 'communityId']] });
    expect(Object.keys(spec?.key ?? {})).toEqual(['startsAt', 'communityId', '_id']);
  });
});

describe('writes', () => {
  it('keeps the last change of each document in a batch', () => {
    const changes = latestChanges([
      { collection: 'meetings', id: 'm', doc: { _id: 'm', a: 1 } },
      { collection: 'members', id: 'm', doc: { _id: 'm', b: 1 } },
      { collection: 'meetings', id: 'm', doc: { _id: 'm', a: 3 } },
      { collection: 'meetings', id: 'n', doc: { _id: 'n' } },
      { collection: 'meetings', id: 'n', doc: null },
    ]);

    expect(changes).toEqual([
      { collection: 'members', id: 'm', doc: { _id: 'm', b: 1 } },
      { collection: 'meetings', id: 'm', doc: { _id: 'm', a: 3 } },
      { collection: 'meetings', id: 'n', doc: null },
    ]);
  });

  it('replaces or deletes by id inside a transaction', () => {
    expect(writeModelOf({ collection: 'c', id: 'x', doc: { _id: 'x', a: 1 } }, null)).toEqual({
      replaceOne: { filter: { _id: 'x' }, replacement: { _id: 'x', a: 1 }, upsert: true },
    });
    expect(writeModelOf({ collection: 'c', id: 'x', doc: null }, null)).toEqual({ deleteOne: { filter: { _id: 'x' } } });
  });

  it('applies a change only over a document written by an older position in idempotent mode', () => {
    expect(writeModelOf({ collection: 'c', id: 'x', doc: { _id: 'x', path: '$notAFieldPath' } }, 12)).toEqual({
      updateOne: {
        filter: { _id: 'x' },
        update: [
          {
            $replaceWith: {
              $cond: {
                if: { $lt: [{ $ifNull: [`$${POSITION_FIELD}`, -1] }, 12] },
                then: { $literal: { _id: 'x', path: '$notAFieldPath', [POSITION_FIELD]: 12 } },
                else: '$$ROOT',
              },
            },
          },
        ],
        upsert: true,
      },
    });
    expect(writeModelOf({ collection: 'c', id: 'x', doc: null }, 12)).toEqual({
      deleteOne: { filter: { _id: 'x', [POSITION_FIELD]: { $not: { $gte: 12 } } } },
    });
  });
});

describe('commit mode', () => {
  it('uses transactions on a replica set member or mongos, positions on a standalone server', () => {
    expect(commitModeOf({ isWritablePrimary: true, setName: 'rs0' })).toBe('transaction');
    expect(commitModeOf({ isWritablePrimary: true, msg: 'isdbgrid' })).toBe('transaction');
    expect(commitModeOf({ isWritablePrimary: true, maxWireVersion: 21 })).toBe('idempotent');
  });
});
