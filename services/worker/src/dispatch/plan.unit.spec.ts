import type { RecordedEvent } from '@collegium/eventstore';
import { planBatch } from './plan';

const policy = { attempts: 5, backoffMs: 1000 };
let position = 0;
const recorded = (type: string, data: unknown, tenant = { districtId: 'd1', institutionId: 's1' }): RecordedEvent => ({
  eventId: `e${++position}`,
  type,
  schemaVersion: 1,
  data,
  metadata: { actor: { id: 'a', role: 'teacher' }, tenant, correlationId: 'c' },
  recordedAt: '2025-10-01T09:00:00.000Z',
  streamId: `s-${position}`,
  revision: 0,
  position,
});
const registered = (webhookId: string, eventTypes: string[], scope: { districtId: string; institutionId?: string } = { districtId: 'd1' }) =>
  recorded('WebhookRegistered', { webhookId, url: `https://x.org/${webhookId}`, eventTypes, sealedSecret: 's', scope, registeredAt: 't', registeredBy: 'h' });

describe('planning the jobs of a batch', () => {
  it('starts deliveries only for webhooks registered before the event, with ids derived from both', () => {
    const before = recorded('MeetingHeld', {});
    const hook = registered('w1', ['MeetingHeld']);
    const after = recorded('MeetingHeld', {});
    const plan = planBatch(new Map(), [before, hook, after], policy);
    expect(plan.jobs).toEqual([{ id: `wh.w1.${after.eventId}`, name: 'webhook.deliver', data: { webhookId: 'w1', eventId: after.eventId }, attempts: 5, backoffMs: 1000 }]);
    expect(plan.changed.map((d) => d._id)).toEqual(['w1']);
  });

  it('plans the same jobs when the batch is replayed: the queue then drops them by id', () => {
    const events = [registered('w2', ['*']), recorded('TaskCompleted', {}), recorded('ProductRegistered', {})];
    expect(planBatch(new Map(), events, policy).jobs).toEqual(planBatch(new Map(), events, policy).jobs);
  });

  it('stops after a removal, and honours tenant and institution scope', () => {
    const first = planBatch(new Map(), [registered('w3', ['*'], { districtId: 'd1', institutionId: 's1' })], policy);
    const other = recorded('MeetingHeld', {}, { districtId: 'd1', institutionId: 's2' });
    const own = recorded('MeetingHeld', {}, { districtId: 'd1', institutionId: 's1' });
    expect(planBatch(first.registry, [other, own], policy).jobs.map((j) => j.data)).toEqual([{ webhookId: 'w3', eventId: own.eventId }]);
    const removed = planBatch(first.registry, [recorded('WebhookRemoved', { webhookId: 'w3' }), own], policy);
    expect(removed.jobs).toEqual([]);
    expect(removed.changed[0]?.status).toBe('removed');
  });

  it('starts a redelivery and an operation from their request events', () => {
    const { registry } = planBatch(new Map(), [registered('w4', ['MeetingHeld'])], policy);
    const redelivery = recorded('WebhookRedeliveryRequested', { webhookId: 'w4', eventId: 'e-old', deliveryId: 'wh.w4.e-old' });
    const operation = recorded('OperationRequested', { operationId: 'op1', kind: 'export', target: 'c1', requestedBy: 'h' });
    expect(planBatch(registry, [redelivery, operation], policy).jobs).toEqual([
      expect.objectContaining({ id: `whr.${redelivery.eventId}`, name: 'webhook.deliver', data: { webhookId: 'w4', eventId: 'e-old' } }),
      { id: 'op.op1', name: 'operation.export', data: { operationId: 'op1', target: 'c1', requestedBy: 'h', districtId: 'd1' }, attempts: 1 },
    ]);
  });
});
