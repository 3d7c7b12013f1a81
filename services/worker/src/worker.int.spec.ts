/**
 * Jobs started from events, end to end over real HTTP: a gateway with the worker in-process
 * on the embedded SQLite queue, and a real HTTP receiver on 127.0.0.1 standing in for a
 * school system. Deliveries are signed, retried with backoff, dead-lettered and redelivered
 * on request; a replay of the log enqueues nothing twice; scheduled compliance checks record
 * breaches once; exports and rebuilds report progress.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createMemoryReadStore } from '@collegium/readstore';
import { startRedis, type TestRedis } from '@collegium/queue/src/testing/redis';
import { startHarness, type Harness } from '@collegium/gateway/src/testing/harness';
import { startDispatcher } from './dispatch/dispatcher';
import { verifySignature } from './webhooks/signature';
import { JOBS } from './jobs';

interface Received {
  readonly path: string;
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

const REGISTER = `mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) { webhookId position eventTypes } }`;
const REDELIVER = `mutation($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { eventTypes } }`;
const WEBHOOKS = `{ webhooks { id url eventTypes districtId institutionId status } }`;
const DELIVERIES = `query($id: ID!, $state: JobState) { webhookDeliveries(webhookId: $id, state: $state) { id eventId state attemptsMade failedReason } }`;
const CREATE = `mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { communityId position } }`;
const APPOINT = `mutation($input: AppointChairInput!) { appointChair(input: $input) { position } }`;
const REQUEST = `mutation($input: RequestOperationInput!) { requestOperation(input: $input) { operationId } }`;
const OPERATION = `query($id: ID!) { operation(id: $id) { kind target state progress result failedReason requestedBy } }`;
const HEAD = `{ headPosition }`;
const SECRET = 'receiver-secret-0123456789';

const member = (memberId: string) => ({ memberId, fullName: `Teacher ${memberId}`, subject: 'mathematics', category: 'FIRST', yearsInSpecialty: 6, headOfInstitution: false });

const until = async <T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const QUEUES = [
  ['the embedded SQLite queue', false],
  ['BullMQ on a real redis-server', true],
] as const;

const createInput = (name: string) => ({
  name,
  kind: 'BY_SCHOOL_PLC',
  schoolYear: '2025-2026',
  institutionId: 'school-1',
  subjects: ['mathematics'],
  foundingMembers: ['ch', 't1', 't2'].map(member),
  order: { number: '214', date: '2025-08-29' },
});

describe.each(QUEUES)('jobs started from events on %s (webhooks, checks, operations)', (_queue, onRedis) => {
  let h: Harness;
  let redis: TestRedis | null = null;
  let receiver: Server;
  let base: string;
  const received: Received[] = [];
  /** Paths that answer 500 for now. */
  const failing = new Set<string>();
  const tokens: Record<string, string> = {};
  let communityId: string;
  let goodHook: string;
  let badHook: string;

  const ok = async (query: string, variables: Record<string, unknown>, who: string): Promise<Record<string, any>> => {
    const res = await h.request(query, variables, tokens[who], { 'x-collegium-simulated-time': '2025-08-29T09:00:00Z' });
    if (res.errors) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return res.data!;
  };
  const at = (path: string): Received[] => received.filter((r) => r.path === path);

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '/', body, headers: req.headers });
        res.statusCode = failing.has(req.url ?? '/') ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    // 15 November 2025: the first quarter (to 31 October) ended without a meeting.
    redis = onRedis ? await startRedis() : null;
    h = await startHarness({
      simulatedClock: true,
      worker: { attempts: 3, backoffMs: 40, now: () => new Date('2025-11-15T06:00:00Z'), ...(redis ? { redisUrl: redis.url } : {}) },
    });
    tokens['head'] = await h.token('head-of-department', 'departmentHead', 'district-1');
    tokens['admin'] = await h.token('district-admin', 'districtAdmin', 'district-1');
    tokens['other'] = await h.token('other-head', 'departmentHead', 'district-2');
    tokens['teacher'] = await h.token('ch', 'teacher', 'district-1', 'school-1');

    goodHook = (await ok(REGISTER, { input: { url: `${base}/good`, eventTypes: ['CommunityCreated', 'ChairAppointed'], secret: SECRET } }, 'head')).registerWebhook.webhookId;
    failing.add('/bad');
    badHook = (await ok(REGISTER, { input: { url: `${base}/bad`, eventTypes: ['ChairAppointed'], secret: SECRET } }, 'head')).registerWebhook.webhookId;
    const created = await ok(CREATE, { input: createInput('PLC of mathematics teachers') }, 'head');
    communityId = created.createCommunity.communityId;
    await ok(APPOINT, { input: { communityId, memberId: 'ch', order: { number: '215', date: '2025-08-29' } } }, 'head');
  });

  afterAll(async () => {
    await h.close();
    await redis?.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('delivers each subscribed event once, signed with the subscription\'s secret', async () => {
    const deliveries = await until(async () => (at('/good').length >= 2 ? at('/good') : null));
    const bodies = deliveries.map((d) => JSON.parse(d.body) as { type: string; tenant: { districtId: string }; data: { communityId?: string } });
    expect(bodies.map((b) => b.type)).toEqual(['CommunityCreated', 'ChairAppointed']);
    expect(bodies[0]?.tenant.districtId).toBe('district-1');
    for (const d of deliveries) {
      const header = String(d.headers['x-collegium-signature']);
      const t = Number(/t=(\d+)/.exec(header)?.[1]);
      expect(verifySignature(SECRET, d.body, header, t)).toBe(true);
      expect(verifySignature('another-secret-000000', d.body, header, t)).toBe(false);
      expect(verifySignature(SECRET, d.body.replace('district-1', 'district-9'), header, t)).toBe(false);
    }
    const listed = await until(async () => {
      const list = (await ok(DELIVERIES, { id: goodHook, state: 'COMPLETED' }, 'head')).webhookDeliveries as unknown[];
      return list.length === 2 ? list : null;
    });
    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ state: 'COMPLETED', attemptsMade: 1 })]));
  });

  it('retries a failing receiver (backoff: see the queue contract), then keeps the delivery as a dead letter', async () => {
    const dead = await until(async () => {
      const list = (await ok(DELIVERIES, { id: badHook, state: 'FAILED' }, 'head')).webhookDeliveries as { id: string; attemptsMade: number; failedReason: string }[];
      return list.length === 1 ? list[0] : null;
    });
    expect(dead).toMatchObject({ attemptsMade: 3, failedReason: expect.stringMatching(/HTTP 500/) });
    const attempts = at('/bad');
    expect(attempts.map((a) => a.headers['x-collegium-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(attempts.map((a) => JSON.parse(a.body).eventId)).size).toBe(1);
  });

  it('redelivers a dead letter on request, once the receiver is fixed', async () => {
    const [dead] = (await ok(DELIVERIES, { id: badHook, state: 'FAILED' }, 'head')).webhookDeliveries as { id: string; eventId: string }[];
    failing.delete('/bad');
    const before = at('/bad').length;
    const res = await ok(REDELIVER, { input: { deliveryId: dead!.id } }, 'head');
    expect(res.redeliverWebhook.eventTypes).toEqual(['WebhookRedeliveryRequested']);
    await until(async () => at('/bad').length > before);
    const redelivered = JSON.parse(at('/bad').at(-1)!.body) as { eventId: string; deliveryId: string };
    expect(redelivered.eventId).toBe(dead!.eventId);
    expect(redelivered.deliveryId).not.toBe(dead!.id);
  });

  it('enqueues nothing twice when the log is dispatched again from the start', async () => {
    const head = Number((await ok(HEAD, {}, 'head')).headPosition);
    await until(async () => (h.worker!.dispatcher!.position() >= head ? true : null));
    const countBefore = at('/good').length;
    // A second dispatcher with an empty checkpoint: what a crash before the commit would replay.
    const replay = await startDispatcher({ store: h.store, readStore: createMemoryReadStore(), queue: h.queue!, policy: { attempts: 3, backoffMs: 40 }, idleMs: 20 });
    await until(async () => (replay.position() >= head ? true : null));
    await replay.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(at('/good').length).toBe(countBefore);
    const perEvent = new Map<string, number>();
    for (const r of at('/good')) perEvent.set(JSON.parse(r.body).eventId, (perEvent.get(JSON.parse(r.body).eventId) ?? 0) + 1);
    expect([...perEvent.values()].every((n) => n === 1)).toBe(true);
  });

  it('shows a tenant only its own webhooks, and refuses bad registrations without appending', async () => {
    expect((await ok(WEBHOOKS, {}, 'other')).webhooks).toEqual([]);
    expect(((await ok(WEBHOOKS, {}, 'head')).webhooks as { id: string }[]).map((w) => w.id).sort()).toEqual([goodHook, badHook].sort());
    expect((await h.request(DELIVERIES, { id: goodHook }, tokens['other'])).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const head = (await ok(HEAD, {}, 'head')).headPosition;
    const badUrl = await h.request(REGISTER, { input: { url: 'not-a-url', eventTypes: ['MeetingHeld'], secret: SECRET } }, tokens['head']);
    expect(badUrl.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const shortSecret = await h.request(REGISTER, { input: { url: `${base}/x`, eventTypes: ['MeetingHeld'], secret: 'short' } }, tokens['head']);
    expect(shortSecret.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const teacher = await h.request(REGISTER, { input: { url: `${base}/x`, eventTypes: ['MeetingHeld'], secret: SECRET } }, tokens['teacher']);
    expect(teacher.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await ok(HEAD, {}, 'head')).headPosition).toBe(head);
  });

  it('records a missed meeting cadence once, however often the check runs (000:8)', async () => {
    const head = Number((await ok(HEAD, {}, 'head')).headPosition);
    await until(async () => ((await h.readStore.status('compliance'))!.checkpoint >= head && (await h.readStore.status('streamViews'))!.checkpoint >= head ? true : null));
    const runCheck = async (id: string): Promise<unknown> => {
      await h.queue!.enqueue([{ id, name: JOBS.checkCompliance, data: {} }]);
      return until(async () => {
        const job = await h.queue!.get(id);
        return job?.state === 'completed' ? job.result : job?.state === 'failed' ? Promise.reject(new Error(job.failedReason)) : null;
      });
    };
    expect(await runCheck('check-1')).toEqual({ communities: 1, recorded: 1 });
    const breaches = await h.store.readStream(`compliance-${communityId}`);
    expect(breaches.map((e) => e.type)).toEqual(['ComplianceBreachRecorded']);
    expect(breaches[0]?.data).toMatchObject({ kind: 'meetingCadenceMissed', rule: '000:8', communityId, detectedAt: '2025-11-15T06:00:00.000Z' });
    expect(breaches[0]?.metadata.actor).toEqual({ id: 'compliance-checks', role: 'system' });
    expect(await runCheck('check-2')).toEqual({ communities: 1, recorded: 0 });
    expect(await h.store.readStream(`compliance-${communityId}`)).toHaveLength(1);
  });

  it('exports a community\'s history and rebuilds a projection, with progress, on request', async () => {
    const exportId = (await ok(REQUEST, { input: { kind: 'EXPORT', target: communityId } }, 'head')).requestOperation.operationId;
    const exported = await until(async () => {
      const op = (await ok(OPERATION, { id: exportId }, 'head')).operation;
      return op?.state === 'COMPLETED' ? op : null;
    });
    expect(exported).toMatchObject({ kind: 'export', target: communityId, progress: 100, requestedBy: 'head-of-department' });
    const { file, events } = JSON.parse(exported.result) as { file: string; events: number };
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines).toHaveLength(events);
    expect(lines.map((l) => l.type)).toEqual(expect.arrayContaining(['CommunityCreated', 'ChairAppointed', 'ComplianceBreachRecorded']));
    expect(lines.map((l) => l.type)).not.toContain('WebhookRegistered');

    expect((await h.request(REQUEST, { input: { kind: 'REBUILD', target: 'all' } }, tokens['head'])).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await h.request(REQUEST, { input: { kind: 'REBUILD', target: 'nonsense' } }, tokens['admin'])).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const generation = (await h.readStore.status('compliance'))!.activeGeneration;
    const rebuildId = (await ok(REQUEST, { input: { kind: 'REBUILD', target: 'compliance' } }, 'admin')).requestOperation.operationId;
    const rebuilt = await until(async () => {
      const op = (await ok(OPERATION, { id: rebuildId }, 'admin')).operation;
      return op?.state === 'COMPLETED' ? op : null;
    });
    expect(JSON.parse(rebuilt.result)).toMatchObject({ projections: ['compliance'] });
    expect((await h.readStore.status('compliance'))!.activeGeneration).toBeGreaterThan(generation);
    expect((await ok(OPERATION, { id: exportId }, 'other')).operation).toBeNull();
  });

  // Only the Redis queue has a server to restart; the SQLite queue's crash safety is its own suite's.
  if (onRedis) it('loses nothing and delivers nothing twice when Redis restarts in the middle of a flow', async () => {
    const before = at('/good').length;
    // Events appended while Redis goes down and comes back: the dispatcher retries its batch.
    const restarting = redis!.restart();
    const created = await ok(CREATE, { input: createInput('PLC created while Redis restarts') }, 'head');
    await restarting;
    const second = await ok(CREATE, { input: createInput('PLC created after the restart') }, 'head');
    const delivered = await until(async () => (at('/good').length >= before + 2 ? at('/good').slice(before) : null), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(at('/good').length).toBe(before + 2);
    expect(delivered.map((d) => JSON.parse(d.body).data.communityId).sort()).toEqual([created.createCommunity.communityId, second.createCommunity.communityId].sort());
  }, 30_000);
});
