import { decideAfter, expectDomainError, metadata } from '../testing';
import { webhookDecider, webhookMatches, type RegisterWebhook, type WebhookEvent } from './webhook';

const admin = metadata({ actor: { id: 'head-1', role: 'departmentHead' }, tenant: { districtId: 'district-1' } });
const register = (overrides: Partial<RegisterWebhook['data']> = {}, meta = admin): RegisterWebhook => ({
  type: 'RegisterWebhook',
  metadata: meta,
  data: { webhookId: 'wh-1', url: 'https://sis.example.org/hooks/collegium', eventTypes: ['MeetingHeld', 'TaskCompleted'], sealedSecret: 'sealed', ...overrides },
});
const registered = (): WebhookEvent[] => [...decideAfter(webhookDecider, [], register())];

describe('webhook stream', () => {
  it('registers a subscription scoped to the actor\'s tenant', () => {
    expect(registered()).toEqual([
      {
        type: 'WebhookRegistered',
        schemaVersion: 1,
        data: expect.objectContaining({ webhookId: 'wh-1', scope: { districtId: 'district-1' }, registeredBy: 'head-1', eventTypes: ['MeetingHeld', 'TaskCompleted'] }),
      },
    ]);
  });

  it('refuses a teacher, a bad URL, no event types and a malformed type name', () => {
    expectDomainError(() => decideAfter(webhookDecider, [], register({}, metadata())), 'FORBIDDEN');
    expectDomainError(() => decideAfter(webhookDecider, [], register({ url: 'ftp://x.org' })), 'BAD_USER_INPUT');
    expectDomainError(() => decideAfter(webhookDecider, [], register({ url: 'https://user:pw@x.org' })), 'BAD_USER_INPUT');
    expectDomainError(() => decideAfter(webhookDecider, [], register({ eventTypes: [] })), 'BAD_USER_INPUT');
    expectDomainError(() => decideAfter(webhookDecider, [], register({ eventTypes: ['meeting held'] })), 'BAD_USER_INPUT');
    expectDomainError(() => decideAfter(webhookDecider, registered(), register()), 'INVALID_STATE');
  });

  it('removes once, and takes redelivery requests only while active', () => {
    const removed = decideAfter(webhookDecider, registered(), { type: 'RemoveWebhook', metadata: admin, data: { webhookId: 'wh-1' } });
    expect(removed.map((e) => e.type)).toEqual(['WebhookRemoved']);
    const redeliver = { type: 'RequestWebhookRedelivery' as const, metadata: admin, data: { webhookId: 'wh-1', deliveryId: 'wh.wh-1.e1', eventId: 'e1' } };
    expect(decideAfter(webhookDecider, registered(), redeliver).map((e) => e.type)).toEqual(['WebhookRedeliveryRequested']);
    expectDomainError(() => decideAfter(webhookDecider, [...registered(), ...removed], redeliver), 'INVALID_STATE');
    expectDomainError(() => decideAfter(webhookDecider, [...registered(), ...removed], { type: 'RemoveWebhook', metadata: admin, data: { webhookId: 'wh-1' } }), 'INVALID_STATE');
  });

  it('matches events of its tenant and types, and never its own management events', () => {
    const district = { scope: { districtId: 'd1' }, eventTypes: ['*'] };
    const school = { scope: { districtId: 'd1', institutionId: 's1' }, eventTypes: ['MeetingHeld'] };
    expect(webhookMatches(district, 'MeetingHeld', { districtId: 'd1', institutionId: 's2' })).toBe(true);
    expect(webhookMatches(district, 'MeetingHeld', { districtId: 'd2' })).toBe(false);
    expect(webhookMatches(district, 'WebhookRegistered', { districtId: 'd1' })).toBe(false);
    expect(webhookMatches(school, 'MeetingHeld', { districtId: 'd1', institutionId: 's1' })).toBe(true);
    expect(webhookMatches(school, 'MeetingHeld', { districtId: 'd1', institutionId: 's2' })).toBe(false);
    expect(webhookMatches(school, 'TaskCompleted', { districtId: 'd1', institutionId: 's1' })).toBe(false);
  });
});
