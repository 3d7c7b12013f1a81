import type { RuleId } from './rules';

/**
 * Typed domain errors. The gateway maps `code` to `extensions.code`; `rule` is the
 * DOMAIN.md rule id that was broken, when a regulation rule was.
 */
export type DomainErrorCode =
  /** A regulation rule of the community's profile was broken. */
  | 'RULE_VIOLATION'
  /** The stream is not in a state that allows the command (e.g. a vote on a closed motion). */
  | 'INVALID_STATE'
  /** The command refers to something that does not exist. */
  | 'NOT_FOUND'
  /** The actor may not issue this command. */
  | 'FORBIDDEN'
  /** The command's data is malformed in a way only the domain can see. */
  | 'BAD_USER_INPUT';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly rule?: RuleId,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export const ruleViolation = (rule: RuleId, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('RULE_VIOLATION', `${message} (rule ${rule})`, rule, details);

export const invalidState = (message: string): DomainError => new DomainError('INVALID_STATE', message);

export const notFound = (what: string, id: string): DomainError => new DomainError('NOT_FOUND', `${what} ${id} does not exist`);

export const forbidden = (message: string, rule?: RuleId): DomainError =>
  new DomainError('FORBIDDEN', rule ? `${message} (rule ${rule})` : message, rule);

export const badInput = (message: string): DomainError => new DomainError('BAD_USER_INPUT', message);

/** Throws `error` unless `condition` holds: keeps deciders a flat list of guards. */
export function ensure(condition: unknown, error: () => DomainError): asserts condition {
  if (!condition) throw error();
}
