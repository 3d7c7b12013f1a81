/**
 * Connection cursors: the order a page was read in, and the sort value and id of its last
 * item. A cursor is refused under another order, where it would skip or repeat items.
 * Cursors made before connections could be ordered (`[value, id]`) stand for the default one.
 */
import { GraphQLError } from 'graphql';
import type { ConnectionOrder } from '@collegium/schema';
import type { FindOptions } from '@collegium/readstore';

const notACursor = (): GraphQLError => new GraphQLError('after is not a cursor of this connection', { extensions: { code: 'BAD_USER_INPUT' } });

/** A missing field sorts as null (the read stores order missing and null alike). */
export const encodeCursor = (order: ConnectionOrder, value: unknown, id: string): string =>
  Buffer.from(JSON.stringify([order.field, order.direction, value ?? null, id])).toString('base64url');

/** Where the page after `cursor` starts, in `order`; `fallback` is the order of cursors without one. */
export const decodeCursor = (cursor: string, order: ConnectionOrder, fallback: ConnectionOrder): NonNullable<FindOptions['after']> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw notACursor();
  }
  if (!Array.isArray(parsed) || (parsed.length !== 2 && parsed.length !== 4)) throw notACursor();
  const [field, direction, value, id] = parsed.length === 2 ? [fallback.field, fallback.direction, parsed[0], parsed[1]] : (parsed as unknown[]);
  if (typeof id !== 'string') throw notACursor();
  if (field !== order.field || direction !== order.direction) {
    throw new GraphQLError(`after is a cursor of another order (${String(field)} ${String(direction)}); ask again without it`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return { values: [value], id };
};

/** The read-store sort of an order (the stores add the id as the last key). */
export const sortOf = (order: ConnectionOrder): NonNullable<FindOptions['sort']> => [{ field: order.field, direction: order.direction }];
