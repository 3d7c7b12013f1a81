/**
 * The operation stream (`operation-<operationId>`): a request for a long-running job — a
 * rebuild of read models, an export of a community's history. The request is an event, so
 * the job subscription starts the job from the log and the audit trail shows who asked.
 * Progress and results live with the job, not in the log.
 */
import { badInput, ensure, forbidden, invalidState } from '../shared/errors';
import { assertNever, event, type Command, type Decider, type DomainEvent, type OrgRole } from '../shared/message';

export const OPERATION_KINDS = ['rebuild', 'export'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** Rebuilds touch every tenant's read models: only district administrators and the system. */
const ALLOWED: Readonly<Record<OperationKind, readonly OrgRole[]>> = {
  rebuild: ['districtAdmin', 'system'],
  export: ['districtAdmin', 'departmentHead', 'methodCentreDirector', 'methodist', 'director', 'kindergartenHead', 'deputyDirector', 'system'],
};

export interface RequestOperationData {
  readonly operationId: string;
  readonly kind: OperationKind;
  /** A projection name (or `all`) for a rebuild; a community id for an export. */
  readonly target: string;
}

export type RequestOperation = Command<'RequestOperation', RequestOperationData>;
export type OperationRequested = DomainEvent<'OperationRequested', RequestOperationData & { readonly requestedAt: string; readonly requestedBy: string }>;

export type OperationState = { readonly status: 'none' } | { readonly status: 'requested'; readonly kind: OperationKind; readonly target: string };

const requestOperation = (command: RequestOperation, state: OperationState): readonly OperationRequested[] => {
  const { data, metadata } = command;
  ensure(OPERATION_KINDS.includes(data.kind), () => badInput(`kind must be one of ${OPERATION_KINDS.join(', ')}`));
  ensure(ALLOWED[data.kind].includes(metadata.actor.role), () => forbidden(`a ${metadata.actor.role} may not request a ${data.kind}`));
  ensure(data.target.length > 0, () => badInput('target is required'));
  ensure(state.status === 'none', () => invalidState(`operation ${data.operationId} was requested already`));
  return [event('OperationRequested', { ...data, requestedAt: metadata.now, requestedBy: metadata.actor.id })];
};

export const operationDecider: Decider<RequestOperation, OperationRequested, OperationState> = {
  initialState: () => ({ status: 'none' }),
  decide: (command, state) => {
    switch (command.type) {
      case 'RequestOperation':
        return requestOperation(command, state);
      default:
        return assertNever(command.type);
    }
  },
  evolve: (_state, e) => ({ status: 'requested', kind: e.data.kind, target: e.data.target }),
};
