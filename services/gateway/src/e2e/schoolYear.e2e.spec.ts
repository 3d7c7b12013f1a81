/**
 * End to end: the server started as `npm start` starts it (a separate process, SQLite
 * under a data folder), driven over HTTP through a Kazakh school PLC's year:
 * createCommunity → appointChair → draftPlan → meeting with a plan discussion and votes
 * → submitPlan → agreePlan → approvePlan → recordMinutes → submitReport → acceptReport,
 * with a rejected command and a retried idempotent one on the way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OrgRole } from '@collegium/domain';
import { signToken } from '../auth';
import { post, startServerProcess, type ServerProcess } from '../testing/process';

const SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123456789';
const DISTRICT = 'district-e2e';
const SCHOOL = 'school-7';
const MEMBERS = ['salo', 'kudabaeva', 'koveshnikova', 'shurykpaeva', 'mukhtar'];

describe('a school year over HTTP against the started server', () => {
  let server: ServerProcess;
  let dataDir: string;
  const tokens = new Map<string, string>();

  const token = async (id: string, role: OrgRole): Promise<string> => {
    const key = `${id}/${role}`;
    if (!tokens.has(key)) tokens.set(key, await signToken(SECRET, { actor: { id, role }, tenant: { districtId: DISTRICT, institutionId: SCHOOL } }));
    return tokens.get(key) as string;
  };

  /** Sends a mutation or query as `who` at the simulated instant `at`. */
  const send = async (who: [string, OrgRole], at: string, query: string, variables: Record<string, unknown> = {}) =>
    post(server.url, query, variables, { authorization: `Bearer ${await token(...who)}`, 'x-collegium-simulated-time': at });

  const mutate = async (who: [string, OrgRole], at: string, name: string, input: Record<string, unknown>) => {
    const inputType = `${name[0]?.toUpperCase()}${name.slice(1)}Input`;
    const body = await send(who, at, `mutation($input: ${inputType}!) { ${name}(input: $input) { streamId revision position duplicate eventTypes communityId meetingId motionId planId reportId } }`, { input });
    return body;
  };

  const ok = async (who: [string, OrgRole], at: string, name: string, input: Record<string, unknown>) => {
    const body = await mutate(who, at, name, input);
    if (body.errors) throw new Error(`${name} failed: ${JSON.stringify(body.errors)}`);
    return body.data[name] as Record<string, any>;
  };

  const head = async (): Promise<string> => (await send(['director', 'director'], '2026-06-01T00:00:00Z', '{ headPosition }')).data.headPosition;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'collegium-e2e-'));
    server = await startServerProcess({ COLLEGIUM_DATA_DIR: dataDir, COLLEGIUM_AUTH_SECRET: SECRET, COLLEGIUM_SIMULATED_CLOCK: 'true' });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves /healthz and refuses a request without a token', async () => {
    expect(await (await fetch(server.url.replace('/graphql', '/healthz'))).json()).toEqual({ status: 'ok' });
    const anonymous = await post(server.url, '{ headPosition }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('runs a community through its year, rejecting what the regulation forbids', async () => {
    const director: [string, OrgRole] = ['director', 'director'];
    const deputy: [string, OrgRole] = ['deputy', 'deputyDirector'];
    const chair: [string, OrgRole] = ['salo', 'teacher'];
    const teacher = (id: string): [string, OrgRole] => [id, 'teacher'];

    const { communityId } = await ok(director, '2025-08-30T09:00:00Z', 'createCommunity', {
      name: 'ПОС учителей естественно-математического цикла',
      kind: 'KZ_SCHOOL_PLC',
      schoolYear: '2025-2026',
      institutionId: SCHOOL,
      subjects: ['natural sciences'],
      foundingMembers: MEMBERS.map((id, i) => ({ memberId: id, fullName: id, subject: 'natural sciences', category: i < 3 ? 'FIRST' : 'SECOND', yearsInSpecialty: 10 - i })),
      order: { number: '45', date: '2025-08-30' },
    });
    await ok(director, '2025-09-01T09:00:00Z', 'appointChair', { communityId, memberId: 'salo', order: { number: '46', date: '2025-09-01' } });

    const { planId } = await ok(chair, '2025-09-10T09:00:00Z', 'draftPlan', {
      communityId,
      schoolYear: '2025-2026',
      theme: 'Повышение качества знаний обучающихся через профессиональное развитие учителей',
      goal: 'Внедрение новых педагогических технологий',
      tasks: [{ taskId: 't1', title: 'Lesson Study', activities: ['LS groups'], expectedResult: 'all members in LS', productForm: 'open lesson' }],
      successCriteria: [{ criterionId: 'c1', description: 'Knowledge quality', indicator: 'quality %', baseline: 64, target: 70, unit: '%', taskId: 't1' }],
    });

    const { meetingId } = await ok(chair, '2025-09-20T09:00:00Z', 'scheduleMeeting', {
      communityId,
      scheduledFor: '2025-10-08',
      title: 'Утверждение плана работы',
      agenda: [{ topic: 'План работы на 2025-2026', actions: ['Обсуждение'], responsibleMemberIds: ['salo'], expectedEvidence: ['протокол'] }],
    });
    const attendees = MEMBERS.slice(0, 4);
    await ok(chair, '2025-10-08T15:00:00Z', 'holdMeeting', { meetingId, heldOn: '2025-10-08', attendeeIds: attendees });
    const { motionId } = await ok(chair, '2025-10-08T15:05:00Z', 'proposeMotion', { meetingId, text: 'Одобрить план работы', subject: { kind: 'DISCUSS_PLAN', planId } });

    // A member who did not attend may not vote (000:8): a typed error, and nothing appended.
    const before = await head();
    const absent = await mutate(teacher('mukhtar'), '2025-10-08T15:06:00Z', 'castVote', { meetingId, motionId, choice: 'FOR' });
    expect(absent.errors?.[0]?.extensions).toMatchObject({ rule: '000:8' });
    expect(['RULE_VIOLATION', 'FORBIDDEN']).toContain(absent.errors?.[0]?.extensions?.code);
    expect(await head()).toBe(before);

    // A retried vote with the same idempotency key is the same vote.
    const first = await ok(teacher('kudabaeva'), '2025-10-08T15:07:00Z', 'castVote', { meetingId, motionId, choice: 'FOR', idempotencyKey: 'vote-kudabaeva-1' });
    const retried = await ok(teacher('kudabaeva'), '2025-10-08T15:07:30Z', 'castVote', { meetingId, motionId, choice: 'FOR', idempotencyKey: 'vote-kudabaeva-1' });
    expect(retried).toMatchObject({ duplicate: true, position: first.position, revision: first.revision });
    for (const id of ['salo', 'koveshnikova']) await ok(teacher(id), '2025-10-08T15:08:00Z', 'castVote', { meetingId, motionId, choice: 'FOR' });
    await ok(chair, '2025-10-08T15:10:00Z', 'closeVote', { meetingId, motionId });

    // The chain: discussed at the meeting → agreed by the deputy director → approved by the director (003:3.2).
    const early = await mutate(director, '2025-10-09T09:00:00Z', 'approvePlan', { planId });
    expect(early.errors?.[0]?.extensions?.code).toBe('INVALID_STATE'); // a draft that was never submitted
    await ok(chair, '2025-10-09T09:00:00Z', 'submitPlan', { planId, discussion: { meetingId, motionId } });
    const outOfOrder = await mutate(director, '2025-10-09T10:00:00Z', 'approvePlan', { planId });
    expect(outOfOrder.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: '003:3.2' });
    await ok(deputy, '2025-10-10T09:00:00Z', 'agreePlan', { planId });
    const approved = await ok(director, '2025-10-11T09:00:00Z', 'approvePlan', { planId });
    expect(approved.eventTypes).toEqual(['PlanApproved']);

    await ok(chair, '2025-10-08T18:00:00Z', 'recordMinutes', {
      meetingId,
      questions: [{ question: 'План работы', summary: 'Обсудили и одобрили план' }],
      decisions: [{ motionId, text: 'Одобрить план работы' }],
      recommendations: ['Вовлечь всех учителей в Lesson Study'],
    });

    const { reportId } = await ok(chair, '2026-05-28T09:00:00Z', 'submitReport', {
      communityId,
      kind: 'ANNUAL',
      schoolYear: '2025-2026',
      summary: 'Качество знаний выросло до 70 %',
      achievements: ['Lesson Study: 100 % членов ПОС'],
    });
    await ok(deputy, '2026-05-30T09:00:00Z', 'acceptReport', { reportId });

    const view = await send(
      director,
      '2026-06-01T00:00:00Z',
      `query($c: String!, $m: String!, $p: String!, $r: String!) {
        community(id: $c) { chair { memberId } members { memberId } }
        meeting(id: $m) { status quorumBase attendeeIds motions { outcome { carried votesFor quorumBase reason } } minutes { signedBy } }
        plan(id: $p) { status }
        report(id: $r) { status summary achievements submittedAs submittedBy }
      }`,
      { c: communityId, m: meetingId, p: planId, r: reportId },
    );
    expect(view.errors).toBeUndefined();
    expect(view.data.community.chair.memberId).toBe('salo');
    expect(view.data.meeting).toMatchObject({
      status: 'HELD',
      quorumBase: 4,
      motions: [{ outcome: { carried: true, votesFor: 3, quorumBase: 4, reason: 'MAJORITY_FOR' } }],
      minutes: { signedBy: 'salo' },
    });
    expect(view.data.plan.status).toBe('APPROVED');
    expect(view.data.report).toMatchObject({ status: 'ACCEPTED', submittedAs: 'CHAIR', submittedBy: 'salo', achievements: ['Lesson Study: 100 % членов ПОС'] });

    const history = await send(director, '2026-06-01T00:00:00Z', `query($s: String!) { history(streamId: $s) { type actor { id } } }`, { s: `meeting-${meetingId}` });
    expect(history.data.history.map((e: { type: string }) => e.type)).toEqual([
      'MeetingScheduled',
      'MeetingHeld',
      'MotionProposed',
      'VoteCast',
      'VoteCast',
      'VoteCast',
      'VoteClosed',
      'MinutesRecorded',
    ]);
  });
});
