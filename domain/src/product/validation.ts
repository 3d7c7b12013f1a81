/** Input guards of the product commands: deciders validate their own data. */
import { isIsoDate } from '../shared/calendar';
import { badInput, ensure } from '../shared/errors';

export const requireText = (value: string | undefined, field: string): string => {
  ensure(typeof value === 'string' && value.trim() !== '', () => badInput(`${field} must not be empty`));
  return value.trim();
};

/** Optional text: absent stays absent, present must say something. */
export const optionalText = (value: string | undefined, field: string): string | undefined =>
  value === undefined || value === null ? undefined : requireText(value, field);

export const requireDate = (value: string | undefined, field: string): string => {
  ensure(typeof value === 'string' && isIsoDate(value), () => badInput(`${field} must be a date YYYY-MM-DD, got ${String(value)}`));
  return value;
};

export const requireOneOf = <T extends string>(value: string, allowed: readonly T[], field: string): T => {
  const found = allowed.find((a) => a === value);
  ensure(found !== undefined, () => badInput(`${field} must be one of ${allowed.join(', ')}, got ${String(value)}`));
  return found;
};

const WEB_URL = /^https?:\/\/[^\s/?#]+\.[^\s/?#]+[^\s]*$/i;

export const optionalUrl = (value: string | undefined): string | undefined => {
  const url = optionalText(value, 'url');
  ensure(url === undefined || WEB_URL.test(url), () => badInput(`url must be an http(s) address, got ${String(url)}`));
  return url;
};

/** Omits `undefined` fields so events carry only what was said. */
export const defined = <T extends Record<string, unknown>>(fields: T): Partial<T> =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
