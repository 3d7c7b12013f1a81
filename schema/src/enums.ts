/**
 * GraphQL enums for the domain's string unions. Names are the GraphQL convention
 * (UPPER_CASE); values are the domain's own strings, so resolvers pass them through.
 */
import { registerEnumType } from 'type-graphql';
import { BUILT_IN_PROFILES, ORG_ROLES } from '@collegium/domain';

const toEnumKey = (value: string): string => value.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/-/g, '_').toUpperCase();

/** Builds `{ FIRST_CATEGORY: 'firstCategory', … }` from a list of domain values. */
export const enumOf = <V extends string>(values: readonly V[]): Record<string, V> =>
  Object.fromEntries(values.map((v) => [toEnumKey(v), v])) as Record<string, V>;

export const CommunityKind = enumOf(BUILT_IN_PROFILES.map((p) => p.id));
registerEnumType(CommunityKind, {
  name: 'CommunityKind',
  description: `The kind of community; each is a built-in regulation profile: ${BUILT_IN_PROFILES.map((p) => `${p.id} — ${p.title} (seed ${p.seed})`).join('; ')}.`,
});

export const QualificationCategory = enumOf(['none', 'second', 'first', 'highest'] as const);
registerEnumType(QualificationCategory, { name: 'QualificationCategory', description: 'Teacher qualification category, ascending.' });

export const OrgRoleEnum = enumOf(ORG_ROLES);
registerEnumType(OrgRoleEnum, { name: 'OrgRole' });
