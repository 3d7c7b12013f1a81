/**
 * `npm run demo`: a realistic school year written through the public HTTP API, then what
 * a client sees. Starts its own server (embedded store in ./data/demo, simulated clock so
 * each command lands on its day of the year) and stops it at the end.
 *
 * 1. Seed 003's natural-science PLC (Kazakhstan): its theme, tasks and success criteria,
 *    four meetings (October, January, March, May) with their agenda, two Lesson Study
 *    groups and a mentoring pair, the plan's chain and the annual report.
 * 2. A seed-004 district community of school heads: its plan is due by 15 September
 *    (004:4.7) and is approved on the 18th — the deadline is recorded as missed.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { OrgRole } from '@collegium/domain';
import { signToken } from '../services/gateway/src/auth';
import { post, startServerProcess, type ServerProcess } from '../services/gateway/src/testing/process';

const SECRET = 'demo-secret-demo-secret-demo-secret-0123456789';
const DATA_DIR = path.resolve(__dirname, '../data/demo');
const DISTRICT = 'district-akmola-1';
const SCHOOL = 'school-sh-12';

type Who = readonly [id: string, role: OrgRole, institutionId?: string];

const TEACHERS = [
  { memberId: 'salo', fullName: 'Сало Е.А.', category: 'FIRST', yearsInSpecialty: 18 },
  { memberId: 'kudabaeva', fullName: 'Кудабаева Г.Т.', category: 'FIRST', yearsInSpecialty: 12 },
  { memberId: 'biryukova', fullName: 'Бирюкова Т.С.', category: 'SECOND', yearsInSpecialty: 9 },
  { memberId: 'koveshnikova', fullName: 'Ковешникова Н.В.', category: 'SECOND', yearsInSpecialty: 7 },
  { memberId: 'shurykpaeva', fullName: 'Шурыкпаева Г.Ж.', category: 'FIRST', yearsInSpecialty: 11 },
  { memberId: 'mukhtar', fullName: 'Мухтар Н.', category: 'NONE', yearsInSpecialty: 1 },
  { memberId: 'manarbek', fullName: 'Манарбек Г.', category: 'SECOND', yearsInSpecialty: 4 },
];

const director: Who = ['director-12', 'director', SCHOOL];
const deputy: Who = ['deputy-12', 'deputyDirector', SCHOOL];
const chair: Who = ['salo', 'teacher', SCHOOL];
const teacher = (id: string): Who => [id, 'teacher', SCHOOL];

let server: ServerProcess;
const tokens = new Map<string, Promise<string>>();
const tokenOf = (who: Who): Promise<string> => {
  const key = who.join('/');
  if (!tokens.has(key)) tokens.set(key, signToken(SECRET, { actor: { id: who[0], role: who[1] }, tenant: { districtId: DISTRICT, institutionId: who[2] } }));
  return tokens.get(key) as Promise<string>;
};

const gql = async (who: Who, at: string, query: string, variables: Record<string, unknown> = {}) => {
  const body = await post(server.url, query, variables, { authorization: `Bearer ${await tokenOf(who)}`, 'x-collegium-simulated-time': at });
  if (body.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors, null, 1)}`);
  return body.data as Record<string, any>;
};

/** Sends one command; the input type is the mutation's name with `Input`. */
const command = async (who: Who, at: string, name: string, input: Record<string, unknown>): Promise<Record<string, any>> => {
  const type = `${name[0]?.toUpperCase()}${name.slice(1)}Input`;
  const data = await gql(who, at, `mutation($i: ${type}!) { ${name}(input: $i) { communityId meetingId motionId planId reportId taskId productId position } }`, { i: input });
  return data[name] as Record<string, any>;
};

/** A held meeting: scheduled, held with attendance, each motion voted and closed, minutes signed by the chair. */
const meeting = async (
  communityId: string,
  day: string,
  title: string,
  agenda: { topic: string; actions: string[]; responsibleMemberIds: string[]; expectedEvidence: string[] }[],
  attendees: string[],
  motions: { text: string; subject?: Record<string, unknown>; against?: string[] }[],
): Promise<{ meetingId: string; motionIds: string[] }> => {
  const { meetingId } = await command(chair, `${day}T08:00:00Z`, 'scheduleMeeting', { communityId, scheduledFor: day, title, agenda });
  await command(chair, `${day}T15:00:00Z`, 'holdMeeting', { meetingId, heldOn: day, attendeeIds: attendees });
  const motionIds: string[] = [];
  for (const [i, m] of motions.entries()) {
    const hour = 15 + i;
    const { motionId } = await command(chair, `${day}T${hour}:10:00Z`, 'proposeMotion', { meetingId, text: m.text, subject: m.subject ?? { kind: 'DECISION' } });
    for (const voter of attendees) {
      await command(teacher(voter), `${day}T${hour}:20:00Z`, 'castVote', { meetingId, motionId, choice: m.against?.includes(voter) ? 'AGAINST' : 'FOR' });
    }
    await command(chair, `${day}T${hour}:30:00Z`, 'closeVote', { meetingId, motionId });
    motionIds.push(motionId);
  }
  await command(chair, `${day}T17:00:00Z`, 'recordMinutes', {
    meetingId,
    questions: agenda.map((a) => ({ question: a.topic, summary: a.actions.join('; ') })),
    decisions: motions.map((m, i) => ({ motionId: motionIds[i], text: m.text })),
    recommendations: ['Продолжить взаимопосещение уроков'],
  });
  return { meetingId, motionIds };
};

const naturalSciencePlc = async (): Promise<Record<string, string>> => {
  const { communityId } = await command(director, '2025-08-29T09:00:00Z', 'createCommunity', {
    name: 'ПОС учителей естественно-математического цикла',
    kind: 'KZ_SCHOOL_PLC',
    schoolYear: '2025-2026',
    institutionId: SCHOOL,
    subjects: ['естественно-математический цикл'],
    foundingMembers: TEACHERS.map((t) => ({ ...t, subject: 'естественно-математический цикл', headOfInstitution: false })),
    order: { number: '112', date: '2025-08-29' },
    idempotencyKey: 'order-112',
  });
  await command(director, '2025-09-01T09:00:00Z', 'appointChair', { communityId, memberId: 'salo', order: { number: '118', date: '2025-09-01' } });

  const { planId } = await command(chair, '2025-09-15T09:00:00Z', 'draftPlan', {
    communityId,
    schoolYear: '2025-2026',
    theme: 'Повышение качества знаний обучающихся через профессиональное развитие учителей ПОС ЕМЦ в условиях перехода на обновлённое содержание образования',
    goal: 'Внедрение новых педагогических технологий; непрерывное совершенствование квалификации педагогических кадров',
    priorities: ['Повышение качества знаний обучающихся', 'Развитие профессиональной компетентности учителей'],
    tasks: [
      { taskId: 'methods', title: 'Современные педагогические подходы', activities: ['взаимопосещение уроков'], expectedResult: '100% учителей повышают уровень преподавания', productForm: 'открытый урок' },
      { taskId: 'quality', title: 'Качество знаний', activities: ['мониторинг по четвертям'], expectedResult: 'качество знаний 70%', productForm: 'аналитическая справка' },
      { taskId: 'ict', title: 'Компьютерные технологии', activities: ['Bilim land', 'образовательные порталы'], expectedResult: '50% внедряют ИКТ', productForm: 'презентация' },
      { taskId: 'lesson-study', title: 'Lesson Study', activities: ['LS 1 — модератор Сало Е.А.', 'LS 2 — модератор Шурыкпаева Г.Ж.'], expectedResult: '100% учителей в LS', productForm: 'Lesson Study' },
      { taskId: 'mentoring', title: 'Менторинг', activities: ['Шурыкпаева Г.Ж. — ментор Мухтар Н.'], expectedResult: '13% через менторинг', productForm: 'план наставничества' },
    ],
    successCriteria: [
      { criterionId: 'quality', description: 'Качество знаний по предметам ЕМЦ +6%', indicator: 'качество знаний', baseline: 64, target: 70, unit: '%', taskId: 'quality' },
      { criterionId: 'ls', description: 'Учителя ПОС вовлечены в LS', indicator: 'доля учителей в LS', baseline: 0, target: 100, unit: '%', taskId: 'lesson-study' },
      { criterionId: 'ict', description: 'Учителя внедряют ИКТ', indicator: 'доля учителей', baseline: 25, target: 50, unit: '%', taskId: 'ict' },
      { criterionId: 'mentoring', description: 'Повышение компетентности через менторинг', indicator: 'доля учителей', baseline: 0, target: 13, unit: '%', taskId: 'mentoring' },
    ],
  });

  const members = TEACHERS.map((t) => t.memberId);
  const october = await meeting(
    communityId,
    '2025-10-09',
    'Утверждение плана работы на 2025-2026 учебный год',
    [
      { topic: 'Анализ работы ПОС ЕМЦ за 2024-2025 учебный год', actions: ['Анализ работы'], responsibleMemberIds: ['salo'], expectedEvidence: ['анализ работы'] },
      { topic: 'Нормативно-правовая база', actions: ['Инструктивно-методическое письмо'], responsibleMemberIds: ['salo', 'shurykpaeva'], expectedEvidence: ['выписка из нормативных документов', 'протокол'] },
      { topic: 'Менторинг', actions: ['План по наставничеству'], responsibleMemberIds: ['shurykpaeva'], expectedEvidence: ['план по наставничеству', 'отчёты подопечных и наставников'] },
    ],
    members.filter((m) => m !== 'manarbek'),
    [
      { text: 'Одобрить план работы ПОС ЕМЦ на 2025-2026 учебный год', subject: { kind: 'DISCUSS_PLAN', planId } },
      { text: 'Организовать две группы Lesson Study', subject: { kind: 'DECISION' } },
    ],
  );
  await command(chair, '2025-10-10T09:00:00Z', 'submitPlan', { planId, discussion: { meetingId: october.meetingId, motionId: october.motionIds[0] } });
  await command(deputy, '2025-10-13T09:00:00Z', 'agreePlan', { planId, comment: 'Согласовано' });
  await command(director, '2025-10-14T09:00:00Z', 'approvePlan', { planId });

  const lsDecision = { decision: { meetingId: october.meetingId, motionId: october.motionIds[1] } };
  const ls1 = await command(chair, '2025-10-10T10:00:00Z', 'assignTask', { communityId, title: 'LS 1: исследовательский урок (Кудабаева, Бирюкова, Ковешникова)', ownerId: 'salo', dueOn: '2025-12-20', origin: lsDecision });
  const ls2 = await command(chair, '2025-10-10T10:00:00Z', 'assignTask', { communityId, title: 'LS 2: исследовательский урок (Мухтар, Манарбек)', ownerId: 'shurykpaeva', dueOn: '2025-12-20', origin: lsDecision });
  const mentoring = await command(chair, '2025-10-10T10:00:00Z', 'assignTask', {
    communityId,
    title: 'План наставничества: Шурыкпаева Г.Ж. — ментор Мухтар Н.',
    ownerId: 'shurykpaeva',
    dueOn: '2025-10-31',
    origin: { planTask: { planId, planTaskId: 'mentoring' } },
  });
  const { productId: mentoringPlan } = await command(teacher('shurykpaeva'), '2025-10-28T09:00:00Z', 'registerProduct', {
    communityId, kind: 'MENTORING_PLAN', title: 'План работы по наставничеству', authorIds: ['shurykpaeva', 'mukhtar'], producedOn: '2025-10-28', planTaskId: 'mentoring',
  });
  await command(teacher('shurykpaeva'), '2025-10-29T09:00:00Z', 'completeTask', { taskId: mentoring.taskId, completedOn: '2025-10-29', productIds: [mentoringPlan] });
  const { productId: ls1Lesson } = await command(chair, '2025-12-12T09:00:00Z', 'registerProduct', {
    communityId, kind: 'LESSON_STUDY', title: 'LS 1: исследовательский урок по математике', authorIds: ['salo', 'kudabaeva', 'biryukova', 'koveshnikova'], producedOn: '2025-12-12',
  });
  await command(chair, '2025-12-15T09:00:00Z', 'completeTask', { taskId: ls1.taskId, completedOn: '2025-12-15', productIds: [ls1Lesson] });
  await command(teacher('shurykpaeva'), '2026-01-12T09:00:00Z', 'completeTask', { taskId: ls2.taskId, completedOn: '2026-01-12', evidence: 'Урок проведён после каникул' });

  const january = await meeting(
    communityId,
    '2026-01-22',
    'Обновление содержания, форм и методов обучения как условие повышения качества образования',
    [
      { topic: 'Трансляция опыта', actions: ['Мастер-класс'], responsibleMemberIds: ['kudabaeva'], expectedEvidence: ['презентация', 'доклад'] },
      { topic: 'Работа с обучающимися низкой и высокой мотивацией', actions: ['Обмен опытом'], responsibleMemberIds: ['koveshnikova'], expectedEvidence: ['план работы'] },
    ],
    members,
    [{ text: 'Провести мастер-класс для учителей школы', against: ['manarbek'] }],
  );
  const { productId: masterClass } = await command(teacher('kudabaeva'), '2026-02-05T09:00:00Z', 'registerProduct', {
    communityId, kind: 'MASTER_CLASS', title: 'Мастер-класс «Критериальное оценивание на уроках физики»', authorIds: ['kudabaeva', 'shurykpaeva'], producedOn: '2026-02-05', meetingId: january.meetingId,
  });
  const mc = await command(chair, '2026-01-23T09:00:00Z', 'assignTask', { communityId, title: 'Мастер-класс для учителей школы', ownerId: 'kudabaeva', dueOn: '2026-02-10', origin: { decision: { meetingId: january.meetingId, motionId: january.motionIds[0] } } });
  await command(teacher('kudabaeva'), '2026-02-06T09:00:00Z', 'completeTask', { taskId: mc.taskId, completedOn: '2026-02-06', productIds: [masterClass] });

  const march = await meeting(
    communityId,
    '2026-03-12',
    'Мониторинг качества знаний за III четверть',
    [{ topic: 'Мониторинг качества знаний и успеваемости', actions: ['Анализ результатов СОР и СОЧ'], responsibleMemberIds: ['salo'], expectedEvidence: ['аналитическая справка'] }],
    members.filter((m) => m !== 'mukhtar'),
    [{ text: 'Принять меры по повышению качества знаний по физике', against: ['biryukova', 'manarbek', 'koveshnikova'] }],
  );
  await meeting(
    communityId,
    '2026-05-21',
    'Итоги работы ПОС за 2025-2026 учебный год',
    [{ topic: 'Творческий отчёт учителей', actions: ['Отчёты учителей'], responsibleMemberIds: members, expectedEvidence: ['творческий отчёт'] }],
    members,
    [{ text: 'Признать работу ПОС удовлетворительной' }],
  );

  const { reportId } = await command(chair, '2026-05-25T09:00:00Z', 'submitReport', {
    communityId,
    kind: 'ANNUAL',
    schoolYear: '2025-2026',
    summary: 'Качество знаний по предметам ЕМЦ составило 70%; все учителя вовлечены в Lesson Study',
    achievements: ['2 группы Lesson Study', 'Мастер-класс для учителей школы', 'План наставничества выполнен'],
  });
  await command(deputy, '2026-05-27T09:00:00Z', 'acceptReport', { reportId, comment: 'Принят' });
  return { communityId, planId, reportId, meetingId: october.meetingId, marchMeetingId: march.meetingId, productId: masterClass };
};

const districtCommunity = async (): Promise<Record<string, string>> => {
  const departmentHead: Who = ['department-head', 'departmentHead'];
  const methodCentre: Who = ['rimk-director', 'methodCentreDirector'];
  const head: Who = ['head-sh-3', 'teacher', 'school-sh-3'];
  const { communityId } = await command(departmentHead, '2025-08-25T09:00:00Z', 'createCommunity', {
    name: 'Районное профессиональное сообщество руководителей школ',
    kind: 'DISTRICT_COMMUNITY',
    schoolYear: '2025-2026',
    subjects: ['управление'],
    foundingMembers: [
      { memberId: 'head-sh-3', fullName: 'Директор СШ №3', subject: 'управление', category: 'HIGHEST', yearsInSpecialty: 20, headOfInstitution: true },
      { memberId: 'head-sh-12', fullName: 'Директор СШ №12', subject: 'управление', category: 'FIRST', yearsInSpecialty: 8, headOfInstitution: true },
      { memberId: 'deputy-sh-5', fullName: 'Заместитель директора СШ №5', subject: 'управление', category: 'SECOND', yearsInSpecialty: 2, headOfInstitution: false },
    ],
    order: { number: '301-о', date: '2025-08-25' },
  });
  await command(departmentHead, '2025-08-26T09:00:00Z', 'appointChair', { communityId, memberId: 'head-sh-3', order: { number: '305-о', date: '2025-08-26' } });
  const { planId } = await command(head, '2025-09-05T09:00:00Z', 'draftPlan', {
    communityId,
    schoolYear: '2025-2026',
    theme: 'Управление качеством образования в школах района',
    goal: 'Обмен управленческими практиками',
    tasks: [{ taskId: 'seminars', title: 'Выездные семинары', activities: ['семинар в каждом полугодии'], expectedResult: '2 семинара', productForm: 'методические рекомендации' }],
    successCriteria: [{ criterionId: 'seminars', description: 'Проведены выездные семинары', indicator: 'семинары', target: 2, unit: 'шт.', taskId: 'seminars' }],
  });
  await command(head, '2025-09-10T09:00:00Z', 'submitPlan', { planId });
  await command(methodCentre, '2025-09-18T09:00:00Z', 'approvePlan', { planId, comment: 'Утверждён с опозданием' });
  return { communityId, planId };
};

const main = async (): Promise<void> => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  server = await startServerProcess({ COLLEGIUM_DATA_DIR: DATA_DIR, COLLEGIUM_AUTH_SECRET: SECRET, COLLEGIUM_SIMULATED_CLOCK: 'true' });
  console.log(`server: ${server.url} (data: ${DATA_DIR})\n`);
  try {
    const started = Date.now();
    const plc = await naturalSciencePlc();
    const district = await districtCommunity();
    const asOfNow = '2026-06-01T00:00:00Z';
    const { headPosition } = await gql(director, asOfNow, '{ headPosition }');
    console.log(`wrote ${headPosition} events through the API in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

    const view = await gql(
      director,
      asOfNow,
      `query($c: String!, $p: String!, $r: String!, $m: String!) {
        community(id: $c) { name status schoolYear profile { id version } chair { memberId } members { memberId fullName category } }
        plan(id: $p) { status approvedAt deadline { on rule } onTime approvalChain { kind state rule doneBy doneAt } }
        meeting(id: $m) { title heldOn quorumBase attendeeIds motions { text outcome { carried votesFor votesAgainst quorumBase reason rule } } minutes { signedBy } }
        report(id: $r) { status kind schoolYear }
      }`,
      { c: plc.communityId, p: plc.planId, r: plc.reportId, m: plc.meetingId },
    );
    console.log('Natural-science PLC (seed 003), as the director sees it:');
    console.log(JSON.stringify(view, null, 2));

    const tie = await gql(director, asOfNow, `query($m: String!) { meeting(id: $m) { title quorumBase tieBreak motions { text votes { memberId choice } outcome { carried votesFor votesAgainst reason rule } } } }`, { m: plc.marchMeetingId });
    console.log('\nThe March meeting: 6 present, 3 for and 3 against — a tie the chair\'s vote decides (000:8):');
    console.log(JSON.stringify(tie.meeting, null, 2));

    const early = await gql(director, asOfNow, `query($c: String!) { community(id: $c, asOf: "2025-08-31T00:00:00Z") { chair { memberId } } }`, { c: plc.communityId });
    console.log(`\nThe same community as of 31 August 2025 (before the chair's order): ${JSON.stringify(early.community)}`);

    const districtView = await gql(['department-head', 'departmentHead'], asOfNow, `query($p: String!) { plan(id: $p) { status approvedAt deadline { on rule } onTime } }`, { p: district.planId });
    console.log(`\nDistrict community (seed 004): plan ${JSON.stringify(districtView.plan)} — due by 15 September (004:4.7), approved on the 18th.`);

    const history = await gql(director, asOfNow, `query($s: String!) { history(streamId: $s) { revision type recordedAt actor { id role } } }`, { s: `meeting-${plc.meetingId}` });
    console.log('\nAudit trail of the October meeting:');
    for (const e of history.history as { revision: number; type: string; recordedAt: string; actor: { id: string; role: string } }[]) {
      console.log(`  #${e.revision} ${e.recordedAt} ${e.type.padEnd(18)} by ${e.actor.id} (${e.actor.role})`);
    }
  } finally {
    await server.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  void server?.stop();
  process.exit(1);
});
