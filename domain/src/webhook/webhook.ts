/**
 * The webhook stream (`webhook-<webhookId>`): a third-party school system's subscription to
 * events of its tenant. Registering, removing and asking to redeliver are events, so the
 * job subscription starts every delivery from the log (no dual writes) and auditors can
 * see who subscribed to what, when.
 */
import { badInput, ensure, forbidden, invalidState } from '../shared/errors';
import { assertNever, event, type Command, type Decider, type DomainEvent, type OrgRole, type Tenant } from '../shared/message';

/** Who may subscribe a tenant's events to an outside system: its administrators. */
export const WEBHOOK_ADMIN_ROLES: readonly OrgRole[] = ['districtAdmin', 'departmentHead', 'methodCentreDirector', 'director', 'kindergartenHead', 'system'];

/** An event type name, or `*` for every event of the tenant. */
const EVENT_TYPE_PATTERN = /^(\*|[A-Z][A-Za-z0-9]{0,79})$/;
const MAX_EVENT_TYPES = 100;

export interface RegisterWebhookData {
  readonly webhookId: string;
  /** Where deliveries are POSTed: an absolute http(s) URL. */
  readonly url: string;
  readonly eventTypes: readonly string[];
  /** The shared HMAC secret, sealed by the application layer: the log never holds it in clear. */
  readonly sealedSecret: string;
  readonly description?: string | undefined;
}

export interface RemoveWebhookData {
  readonly webhookId: string;
}

export interface RequestWebhookRedeliveryData {
  readonly webhookId: string;
  /** The delivery (job id) being redelivered, for the audit trail. */
  readonly deliveryId: string;
  /** The event to deliver again. */
  readonly eventId: string;
}

export type RegisterWebhook = Command<'RegisterWebhook', RegisterWebhookData>;
export type RemoveWebhook = Command<'RemoveWebhook', RemoveWebhookData>;
export type RequestWebhookRedelivery = Command<'RequestWebhookRedelivery', RequestWebhookRedeliveryData>;
export type WebhookCommand = RegisterWebhook | RemoveWebhook | RequestWebhookRedelivery;

export interface WebhookRegisteredData extends RegisterWebhookData {
  /** The tenant whose events are delivered: the registering actor's own. */
  readonly scope: Tenant;
  readonly registeredAt: string;
  readonly registeredBy: string;
}

export type WebhookRegistered = DomainEvent<'WebhookRegistered', WebhookRegisteredData>;
export type WebhookRemoved = DomainEvent<'WebhookRemoved', { readonly webhookId: string; readonly removedAt: string; readonly removedBy: string }>;
export type WebhookRedeliveryRequested = DomainEvent<
  'WebhookRedeliveryRequested',
  RequestWebhookRedeliveryData & { readonly requestedAt: string; readonly requestedBy: string }
>;
export type WebhookEvent = WebhookRegistered | WebhookRemoved | WebhookRedeliveryRequested;

export type WebhookState =
  | { readonly status: 'none' }
  | { readonly status: 'active' | 'removed'; readonly webhookId: string; readonly scope: Tenant; readonly url: string; readonly eventTypes: readonly string[] };

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
};

const ensureAdmin = (role: OrgRole): void =>
  ensure(WEBHOOK_ADMIN_ROLES.includes(role), () => forbidden(`a ${role} may not manage webhooks; administrators of the tenant may`));

const registerWebhook = (command: RegisterWebhook, state: WebhookState): readonly WebhookEvent[] => {
  const { data, metadata } = command;
  ensureAdmin(metadata.actor.role);
  ensure(state.status === 'none', () => invalidState(`webhook ${data.webhookId} exists already`));
  ensure(isHttpUrl(data.url), () => badInput('url must be an absolute http(s) URL without credentials'));
  ensure(data.eventTypes.length > 0 && data.eventTypes.length <= MAX_EVENT_TYPES, () => badInput(`eventTypes must list 1 to ${MAX_EVENT_TYPES} event types`));
  const bad = data.eventTypes.find((type) => !EVENT_TYPE_PATTERN.test(type));
  ensure(bad === undefined, () => badInput(`eventTypes: ${JSON.stringify(bad)} is not an event type name (e.g. MeetingHeld) or *`));
  return [
    event('WebhookRegistered', {
      ...data,
      eventTypes: [...new Set(data.eventTypes)],
      scope: metadata.tenant,
      registeredAt: metadata.now,
      registeredBy: metadata.actor.id,
    }),
  ];
};

const ensureActive = (state: WebhookState, webhookId: string): void =>
  ensure(state.status === 'active', () => invalidState(state.status === 'none' ? `webhook ${webhookId} does not exist` : `webhook ${webhookId} was removed`));

const removeWebhook = (command: RemoveWebhook, state: WebhookState): readonly WebhookEvent[] => {
  ensureAdmin(command.metadata.actor.role);
  ensureActive(state, command.data.webhookId);
  return [event('WebhookRemoved', { webhookId: command.data.webhookId, removedAt: command.metadata.now, removedBy: command.metadata.actor.id })];
};

const requestRedelivery = (command: RequestWebhookRedelivery, state: WebhookState): readonly WebhookEvent[] => {
  ensureAdmin(command.metadata.actor.role);
  ensureActive(state, command.data.webhookId);
  return [event('WebhookRedeliveryRequested', { ...command.data, requestedAt: command.metadata.now, requestedBy: command.metadata.actor.id })];
};

export const decideWebhook = (command: WebhookCommand, state: WebhookState): readonly WebhookEvent[] => {
  switch (command.type) {
    case 'RegisterWebhook':
      return registerWebhook(command, state);
    case 'RemoveWebhook':
      return removeWebhook(command, state);
    case 'RequestWebhookRedelivery':
      return requestRedelivery(command, state);
    default:
      return assertNever(command);
  }
};

export const evolveWebhook = (state: WebhookState, e: WebhookEvent): WebhookState => {
  switch (e.type) {
    case 'WebhookRegistered':
      return { status: 'active', webhookId: e.data.webhookId, scope: e.data.scope, url: e.data.url, eventTypes: e.data.eventTypes };
    case 'WebhookRemoved':
      return state.status === 'none' ? state : { ...state, status: 'removed' };
    case 'WebhookRedeliveryRequested':
      return state;
    default:
      return assertNever(e);
  }
};

export const webhookDecider: Decider<WebhookCommand, WebhookEvent, WebhookState> = {
  initialState: () => ({ status: 'none' }),
  decide: decideWebhook,
  evolve: evolveWebhook,
};

/** Webhook management events carry sealed secrets and concern no outside system: never delivered. */
const isDeliverable = (type: string): boolean => !type.startsWith('Webhook');

/** Whether an event of `tenant` of this type goes to a webhook with this scope and these types. */
export const webhookMatches = (
  webhook: { readonly scope: Tenant; readonly eventTypes: readonly string[] },
  type: string,
  tenant: Tenant,
): boolean =>
  isDeliverable(type) &&
  webhook.scope.districtId === tenant.districtId &&
  (webhook.scope.institutionId === undefined || webhook.scope.institutionId === tenant.institutionId) &&
  (webhook.eventTypes.includes('*') || webhook.eventTypes.includes(type));
