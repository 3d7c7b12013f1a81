/**
 * Given/when/then helpers for deciders: given events → when command → then events or a
 * typed error. Test set-up is built from events, never from hand-made state.
 */
import { DomainError, type DomainErrorCode } from '../shared/errors';
import type { Command, CommandMetadata, Decider, DomainEvent } from '../shared/message';
import type { RuleId } from '../shared/rules';

export const metadata = (overrides: Partial<CommandMetadata> = {}): CommandMetadata => ({
  actor: { id: 'teacher-chair', role: 'teacher' },
  tenant: { districtId: 'district-1', institutionId: 'school-1' },
  now: '2025-10-15T09:00:00.000Z',
  correlationId: 'correlation-1',
  ...overrides,
});

/** Folds `given` and decides `command`: the events the decider would append. */
export const decideAfter = <C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  given: readonly E[],
  command: C,
): readonly E[] => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));

export const stateAfter = <C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, given: readonly E[]): S =>
  given.reduce(decider.evolve, decider.initialState());

/** Runs `act` and returns the DomainError it throws; fails the test if it throws nothing else. */
export const domainErrorOf = (act: () => unknown): DomainError => {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but the command was accepted');
};

/** Asserts `act` breaks `rule` (code RULE_VIOLATION). */
export const expectRuleViolation = (act: () => unknown, rule: RuleId): DomainError => {
  const error = domainErrorOf(act);
  expect({ code: error.code, rule: error.rule }).toEqual({ code: 'RULE_VIOLATION', rule });
  return error;
};

export const expectDomainError = (act: () => unknown, code: DomainErrorCode): DomainError => {
  const error = domainErrorOf(act);
  expect(error.code).toBe(code);
  return error;
};
