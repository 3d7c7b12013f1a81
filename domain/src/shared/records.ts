/**
 * Records keyed by user data (member ids, task ids): an id such as `__proto__` must be a key
 * like any other, never a way to reach or replace Object.prototype.
 */

/** A record's own entry, if any. */
export const getOwn = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

/**
 * Sets a record's entry as an own property. Plain assignment is one only because no other
 * key of Object.prototype is an accessor: `__proto__` alone would set the prototype.
 */
export const setOwn = <T>(record: Record<string, T>, key: string, value: T): void => {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
};
