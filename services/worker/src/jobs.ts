/** The names of the jobs the worker runs, shared by the dispatcher, the handlers and the API. */
export const JOBS = {
  deliverWebhook: 'webhook.deliver',
  checkCompliance: 'compliance.check',
  rebuild: 'operation.rebuild',
  export: 'operation.export',
} as const;

export interface DeliverWebhookData {
  readonly webhookId: string;
  readonly eventId: string;
}

export interface OperationData {
  readonly operationId: string;
  readonly target: string;
  readonly requestedBy: string;
  readonly districtId: string;
}

export interface RetryPolicy {
  /** Attempts of one delivery before it is dead-lettered. */
  readonly attempts: number;
  /** First retry delay; each next one doubles. */
  readonly backoffMs: number;
}

/** Job ids for an operation, so the API can find an operation's job from its id. */
export const operationJobId = (operationId: string): string => `op.${operationId}`;
