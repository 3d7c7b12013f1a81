/**
 * Guards for the report stream's input. The decider validates its own data because the
 * domain may be driven by transports other than GraphQL.
 */
import { badInput, ensure, forbidden } from '../shared/errors';
import type { CommandMetadata } from '../shared/message';
import type { ReportRecord } from './types';

export const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

export const requireText = (value: unknown, field: string): void =>
  ensure(!isBlank(value), () => badInput(`${field} must not be empty`));

export const requireTexts = (values: readonly unknown[] | undefined, field: string, min = 0): void => {
  ensure(Array.isArray(values), () => badInput(`${field} must be a list`));
  ensure(values.length >= min, () => badInput(`${field} needs at least ${min} item(s)`));
  values.forEach((v, i) => requireText(v, `${field}[${i}]`));
};

/**
 * Tenant isolation: nobody acts on another district's report, and an institution's staff
 * act only on their own institution's reports (district staff act on all of their district).
 */
export const ensureSameTenant = (metadata: CommandMetadata, owner: Pick<ReportRecord, 'districtId' | 'institutionId'>): void => {
  const { tenant } = metadata;
  ensure(tenant.districtId === owner.districtId, () => forbidden('the report belongs to another district'));
  if (tenant.institutionId !== undefined && owner.institutionId !== undefined) {
    ensure(tenant.institutionId === owner.institutionId, () => forbidden('the report belongs to another institution'));
  }
};
