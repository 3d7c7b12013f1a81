/**
 * Every error a client sees has `extensions.code`. Domain errors keep their message and
 * name the broken rule; anything unexpected is logged and masked.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '@collegium/domain';
import { ConflictError } from './application/execute';
import { AuthError } from './auth';

/** Codes whose messages are safe to show as they are. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'CONSISTENCY_TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export interface Logger {
  error(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
}

export const notFoundError = (what: string, id: string): GraphQLError =>
  new GraphQLError(`${what} ${id} does not exist`, { extensions: { code: 'NOT_FOUND' } });

interface ValidationFailure {
  readonly property?: string;
  readonly constraints?: Record<string, string>;
  readonly children?: readonly ValidationFailure[];
}

/** Flattens class-validator's tree into `{ field: 'order.date', messages: [...] }` entries. */
const summarizeValidation = (failures: readonly ValidationFailure[], prefix = ''): { field: string; messages: string[] }[] =>
  failures.flatMap((f) => {
    const field = prefix ? `${prefix}.${f.property ?? ''}` : (f.property ?? '');
    const own = f.constraints ? [{ field, messages: Object.values(f.constraints) }] : [];
    return [...own, ...summarizeValidation(f.children ?? [], field)];
  });

export const makeFormatError =
  (logger: Logger) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      return {
        ...base,
        message: original.message,
        extensions: { code: original.code, ...(original.rule ? { rule: original.rule } : {}), ...(original.details ? { details: original.details } : {}) },
      };
    }
    if (original instanceof ConflictError) return { ...base, message: original.message, extensions: { code: 'CONFLICT' } };
    if (original instanceof AuthError) return { ...base, message: `Unauthenticated: ${original.message}`, extensions: { code: 'UNAUTHENTICATED' } };
    const code = formatted.extensions?.['code'];
    const validationErrors = formatted.extensions?.['validationErrors'];
    if (code === 'BAD_USER_INPUT' && Array.isArray(validationErrors)) {
      // class-validator reports echo the whole input back; clients need the field and the constraint.
      return { ...base, message: formatted.message, extensions: { code, validationErrors: summarizeValidation(validationErrors) } };
    }
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error('unexpected error', original instanceof Error ? original.stack ?? original.message : original);
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };

export { GraphQLError };
