/**
 * The meeting API over real HTTP against a real SQLite store, through a school year
 * 2025-2026: meetings held with their attendance, open votes carried by a majority of the
 * members present with the chair deciding a tie (000:8), a secretary elected by a carried
 * motion (000:6), minutes signed by the chair (003:3.4), and rejected commands that append
 * nothing.
 */
import { startHarness, type GraphQLResponse, type Harness } from '../testing/harness';

const CREATE = `mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { communityId } }`;
const APPOINT = `mutation($input: AppointChairInput!) { appointChair(input: $input) { revision } }`;
const ELECT = `mutation($input: ElectSecretaryInput!) { electSecretary(input: $input) { revision eventTypes } }`;
const COMMUNITY = `query($id: String!) { community(id: $id) { secretary { memberId schoolYear } } }`;
const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meetingId streamId revision eventTypes } }`;
const HOLD = `mutation($input: HoldMeetingInput!) { holdMeeting(input: $input) { revision eventTypes } }`;
const CANCEL = `mutation($input: CancelMeetingInput!) { cancelMeeting(input: $input) { revision eventTypes } }`;
const PROPOSE = `mutation($input: ProposeMotionInput!) { proposeMotion(input: $input) { motionId revision eventTypes } }`;
const VOTE = `mutation($input: CastVoteInput!) { castVote(input: $input) { revision eventTypes } }`;
const CLOSE = `mutation($input: CloseVoteInput!) { closeVote(input: $input) { revision eventTypes } }`;
const MINUTES = `mutation($input: RecordMinutesInput!) { recordMinutes(input: $input) { revision eventTypes } }`;
const MEETING = `query($id: String!, $asOf: String) {
  meeting(id: $id, asOf: $asOf) {
    meetingId communityId status title place scheduledFor heldOn attendeeIds quorumBase presidingChairId tieBreak cancellationReason revision
    agenda { itemId topic actions responsibleMemberIds expectedEvidence }
    motions {
      motionId text proposedBy status agendaItemId
      subject { kind candidateId planId }
      votes { memberId choice }
      outcome { carried votesFor votesAgainst abstentions notVoted quorumBase majorityNeeded reason rule }
    }
    minutes { questions { agendaItemId question summary } decisions { motionId text } recommendations signedBy recordedAt }
  }
}`;
const HISTORY = `query($s: String!) { history(streamId: $s) { type } }`;
const HEAD = `{ headPosition }`;

const member = (memberId: string, extra: Record<string, unknown> = {}) => ({
  memberId,
  fullName: `Teacher ${memberId}`,
  subject: 'mathematics',
  category: 'FIRST',
  yearsInSpecialty: 6,
  headOfInstitution: false,
  ...extra,
});

/** A simulated instant of the school year 2025-2026. */
const at = (iso: string) => ({ 'x-collegium-simulated-time': iso });

describe('meeting API (000:6, 000:7, 000:8, 000:9, 003:3.4)', () => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  let communityId: string;

  /** Sends a request that must succeed and returns its data. */
  const ok = async (query: string, input: Record<string, unknown>, who: string, when: string): Promise<Record<string, any>> => {
    const res = await h.request(query, { input }, tokens[who], at(when));
    if (res.errors) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return res.data!;
  };
  const head = async (): Promise<string> => (await h.request<{ headPosition: string }>(HEAD, {}, tokens['ch'])).data!.headPosition;
  const view = async (id: string, asOf?: string): Promise<Record<string, any>> =>
    (await h.request(MEETING, { id, asOf }, tokens['ch'])).data!.meeting;
  const streamLength = async (meetingId: string): Promise<number> =>
    ((await h.request(HISTORY, { s: `meeting-${meetingId}` }, tokens['ch'])).data!.history as unknown[]).length;

  /** Sends a request that must be refused, and checks that nothing was appended anywhere. */
  const refused = async (query: string, input: Record<string, unknown>, who: string, when: string): Promise<GraphQLResponse['errors']> => {
    const before = await head();
    const res = await h.request(query, { input }, tokens[who], at(when));
    expect(res.errors).toBeDefined();
    expect(await head()).toBe(before);
    return res.errors;
  };

  const schedule = async (who: string, when: string, input: Record<string, unknown>): Promise<string> =>
    (await ok(SCHEDULE, { communityId, title: 'Meeting of the PLC', agenda: [], ...input }, who, when)).scheduleMeeting.meetingId;
  const propose = async (meetingId: string, who: string, when: string, text: string, subject: Record<string, unknown> = { kind: 'DECISION' }): Promise<string> =>
    (await ok(PROPOSE, { meetingId, text, subject }, who, when)).proposeMotion.motionId;
  const votes = async (meetingId: string, motionId: string, when: string, ballot: Record<string, string>): Promise<void> => {
    for (const [who, choice] of Object.entries(ballot)) await ok(VOTE, { meetingId, motionId, choice }, who, when);
  };

  beforeAll(async () => {
    h = await startHarness({ simulatedClock: true });
    // The Belarus school PLC: its order issuer is the head of the district education department (000:6).
    tokens['head'] = await h.token('head-of-department', 'departmentHead', 'district-1');
    for (const id of ['ch', 't1', 't2', 't3', 't4', 't5', 't6']) tokens[id] = await h.token(id, 'teacher', 'district-1', 'school-1');
    const created = await ok(
      CREATE,
      {
        name: 'PLC of mathematics teachers',
        kind: 'BY_SCHOOL_PLC',
        schoolYear: '2025-2026',
        institutionId: 'school-1',
        subjects: ['mathematics'],
        foundingMembers: ['ch', 't1', 't2', 't3', 't4', 't5', 't6'].map((id) => member(id)),
        order: { number: '214', date: '2025-08-29' },
      },
      'head',
      '2025-08-29T09:00:00Z',
    );
    communityId = created.createCommunity.communityId;
    await ok(APPOINT, { communityId, memberId: 'ch', order: { number: '215', date: '2025-08-29' } }, 'head', '2025-08-29T09:05:00Z');
  });
  afterAll(() => h.close());

  describe('the first meeting of the year, presided by the chair', () => {
    let meetingId: string;
    let election: string;
    let silentChair: string;

    it('schedules a meeting with its agenda and holds it with the members present (000:7, 000:8)', async () => {
      const scheduled = await ok(
        SCHEDULE,
        {
          communityId,
          title: 'Organisational meeting',
          scheduledFor: '2025-09-12',
          place: 'room 204',
          agenda: [
            {
              topic: 'Election of the secretary for 2025-2026',
              actions: ['nominate candidates', 'open vote'],
              responsibleMemberIds: ['ch'],
              expectedEvidence: ['minutes'],
            },
            { topic: 'Work plan for the year', actions: ['discuss the draft'], responsibleMemberIds: ['ch', 't2'], expectedEvidence: ['draft plan'] },
          ],
        },
        'ch',
        '2025-09-05T10:00:00Z',
      );
      meetingId = scheduled.scheduleMeeting.meetingId;
      expect(scheduled.scheduleMeeting).toMatchObject({ streamId: `meeting-${meetingId}`, revision: 0, eventTypes: ['MeetingScheduled'] });

      const before = await view(meetingId);
      expect(before).toMatchObject({ status: 'SCHEDULED', communityId, scheduledFor: '2025-09-12', place: 'room 204', heldOn: null, attendeeIds: [], quorumBase: null });
      expect(before.agenda).toHaveLength(2);
      expect(before.agenda[0].itemId).toEqual(expect.any(String));
      expect(before.agenda[1]).toMatchObject({ topic: 'Work plan for the year', responsibleMemberIds: ['ch', 't2'] });

      await ok(HOLD, { meetingId, heldOn: '2025-09-12', attendeeIds: ['ch', 't1', 't2', 't3'] }, 'ch', '2025-09-12T15:00:00Z');
      expect(await view(meetingId)).toMatchObject({
        status: 'HELD',
        heldOn: '2025-09-12',
        attendeeIds: ['ch', 't1', 't2', 't3'],
        quorumBase: 4,
        presidingChairId: 'ch',
        tieBreak: 'CHAIR_DECIDES',
        revision: 1,
      });
    });

    it('carries a tie when the presiding chair votes for (000:8) and elects the secretary by it (000:6)', async () => {
      const agendaItem = (await view(meetingId)).agenda[0].itemId as string;
      election = (
        await ok(
          PROPOSE,
          { meetingId, text: 'Elect t1 secretary for 2025-2026', subject: { kind: 'ELECT_SECRETARY', candidateId: 't1' }, agendaItemId: agendaItem },
          't2',
          '2025-09-12T15:10:00Z',
        )
      ).proposeMotion.motionId;
      await votes(meetingId, election, '2025-09-12T15:15:00Z', { ch: 'FOR', t1: 'FOR', t2: 'AGAINST', t3: 'ABSTAIN' });

      // The open vote shows who voted what while it is open.
      const open = (await view(meetingId)).motions[0];
      expect(open).toMatchObject({ status: 'OPEN', proposedBy: 't2', agendaItemId: agendaItem, subject: { kind: 'ELECT_SECRETARY', candidateId: 't1', planId: null }, outcome: null });
      expect(open.votes).toEqual([
        { memberId: 'ch', choice: 'FOR' },
        { memberId: 't1', choice: 'FOR' },
        { memberId: 't2', choice: 'AGAINST' },
        { memberId: 't3', choice: 'ABSTAIN' },
      ]);

      // Electing before the vote is closed is refused: the vote is still open.
      const early = await refused(ELECT, { communityId, memberId: 't1', meetingId, motionId: election }, 'ch', '2025-09-12T15:16:00Z');
      expect(early?.[0]?.extensions?.code).toBe('INVALID_STATE');

      await ok(CLOSE, { meetingId, motionId: election }, 'ch', '2025-09-12T15:20:00Z');
      expect((await view(meetingId)).motions[0]).toMatchObject({
        status: 'CLOSED',
        outcome: { carried: true, votesFor: 2, votesAgainst: 1, abstentions: 1, notVoted: 0, quorumBase: 4, majorityNeeded: 3, reason: 'TIE_CHAIR_VOTED_FOR', rule: '000:8' },
      });

      const elected = await ok(ELECT, { communityId, memberId: 't1', meetingId, motionId: election }, 'ch', '2025-09-12T15:30:00Z');
      expect(elected.electSecretary.eventTypes).toEqual(['SecretaryElected']);
      expect((await h.request(COMMUNITY, { id: communityId }, tokens['ch'])).data!.community.secretary).toEqual({ memberId: 't1', schoolYear: '2025-2026' });
    });

    it('does not carry a tie when the chair does not vote, and says why (000:8)', async () => {
      silentChair = await propose(meetingId, 't3', '2025-09-12T15:40:00Z', 'Hold open lessons every month');
      await votes(meetingId, silentChair, '2025-09-12T15:45:00Z', { t1: 'FOR', t2: 'FOR', t3: 'AGAINST' });
      await ok(CLOSE, { meetingId, motionId: silentChair }, 'ch', '2025-09-12T15:50:00Z');
      expect((await view(meetingId)).motions[1].outcome).toEqual({
        carried: false,
        votesFor: 2,
        votesAgainst: 1,
        abstentions: 0,
        notVoted: 1,
        quorumBase: 4,
        majorityNeeded: 3,
        reason: 'TIE_CHAIR_DID_NOT_VOTE',
        rule: '000:8',
      });
    });

    it('takes votes only from members present, once each, and appends nothing otherwise (000:8)', async () => {
      const motionId = await propose(meetingId, 't1', '2025-09-12T16:00:00Z', 'Share materials in the school cloud');
      await ok(VOTE, { meetingId, motionId, choice: 'FOR' }, 't1', '2025-09-12T16:01:00Z');
      const length = await streamLength(meetingId);

      // t5 is a member but did not attend. The domain refuses it as FORBIDDEN naming 000:8.
      const outsider = await refused(VOTE, { meetingId, motionId, choice: 'FOR' }, 't5', '2025-09-12T16:02:00Z');
      expect(outsider?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: '000:8' });
      expect(outsider?.[0]?.message).toMatch(/t5 did not attend/);

      const twice = await refused(VOTE, { meetingId, motionId, choice: 'AGAINST' }, 't1', '2025-09-12T16:03:00Z');
      expect(twice?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: '000:8' });
      expect(twice?.[0]?.message).toMatch(/already voted/);

      // Only members present propose motions: t6 did not attend.
      const absentProposer = await refused(PROPOSE, { meetingId, text: 'x', subject: { kind: 'DECISION' } }, 't6', '2025-09-12T16:04:00Z');
      expect(absentProposer?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: '000:8' });

      // Only the presiding chair closes the vote (000:7).
      const notChair = await refused(CLOSE, { meetingId, motionId }, 't1', '2025-09-12T16:05:00Z');
      expect(notChair?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: '000:7' });

      expect(await streamLength(meetingId)).toBe(length);
      expect((await view(meetingId)).motions[2].votes).toEqual([{ memberId: 't1', choice: 'FOR' }]);
      await votes(meetingId, motionId, '2025-09-12T16:06:00Z', { ch: 'FOR', t2: 'FOR' });
      await ok(CLOSE, { meetingId, motionId }, 'ch', '2025-09-12T16:10:00Z');
      expect((await view(meetingId)).motions[2].outcome).toMatchObject({ carried: true, votesFor: 3, reason: 'MAJORITY_FOR' });
    });

    it('has the minutes signed by the chair only, citing only carried motions (000:9, 003:3.4)', async () => {
      const agenda = (await view(meetingId)).agenda as { itemId: string }[];
      const minutes = {
        meetingId,
        questions: [
          { agendaItemId: agenda[0]!.itemId, question: 'Election of the secretary', summary: 't1 was nominated and elected by open vote' },
          { question: 'Open lessons', summary: 'The proposal did not win a majority' },
        ],
        decisions: [{ motionId: election, text: 'Elect t1 secretary for 2025-2026' }],
        recommendations: ['Prepare the draft plan by 20 September'],
      };

      // The secretary prepares meetings but does not sign the minutes: the profile says the chair does.
      const bySecretary = await refused(MINUTES, minutes, 't1', '2025-09-13T09:00:00Z');
      expect(bySecretary?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: '000:9' });

      // A motion that was not carried is no decision of the meeting.
      const notCarried = await refused(
        MINUTES,
        { ...minutes, decisions: [{ motionId: silentChair, text: 'Hold open lessons every month' }] },
        'ch',
        '2025-09-13T09:05:00Z',
      );
      expect(notCarried?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: '000:8' });

      await ok(MINUTES, minutes, 'ch', '2025-09-13T09:10:00Z');
      const signed = await view(meetingId);
      expect(signed.minutes).toEqual({
        questions: [
          { agendaItemId: agenda[0]!.itemId, question: 'Election of the secretary', summary: 't1 was nominated and elected by open vote' },
          { agendaItemId: null, question: 'Open lessons', summary: 'The proposal did not win a majority' },
        ],
        decisions: [{ motionId: election, text: 'Elect t1 secretary for 2025-2026' }],
        recommendations: ['Prepare the draft plan by 20 September'],
        signedBy: 'ch',
        recordedAt: '2025-09-13T09:10:00.000Z',
      });

      // The meeting as it stood during the first vote: held, the election still open.
      const then = await view(meetingId, '2025-09-12T15:17:00Z');
      expect(then.minutes).toBeNull();
      expect(then.motions).toHaveLength(1);
      expect(then.motions[0]).toMatchObject({ status: 'OPEN', outcome: null });
      expect(then.revision).toBe(6);
    });
  });

  it('counts every member present in the base: 5 present, 2 for, 1 against, 2 silent → not carried (000:8)', async () => {
    // The chair is absent: the secretary prepares, holds and closes (000:7).
    const meetingId = await schedule('t1', '2025-11-07T10:00:00Z', { title: 'Lesson Study results', scheduledFor: '2025-11-14' });
    await ok(HOLD, { meetingId, heldOn: '2025-11-14', attendeeIds: ['t1', 't2', 't3', 't4', 't5'] }, 't1', '2025-11-14T15:00:00Z');
    const motionId = await propose(meetingId, 't4', '2025-11-14T15:10:00Z', 'Extend Lesson Study to grade 5');
    await votes(meetingId, motionId, '2025-11-14T15:15:00Z', { t1: 'FOR', t2: 'FOR', t3: 'AGAINST' });
    await ok(CLOSE, { meetingId, motionId }, 't1', '2025-11-14T15:30:00Z');
    const meeting = await view(meetingId);
    expect(meeting).toMatchObject({ quorumBase: 5, presidingChairId: null });
    expect(meeting.motions[0].outcome).toEqual({
      carried: false,
      votesFor: 2,
      votesAgainst: 1,
      abstentions: 0,
      notVoted: 2,
      quorumBase: 5,
      majorityNeeded: 3,
      reason: 'NO_MAJORITY',
      rule: '000:8',
    });
  });

  it('does not carry a tie when the chair is absent (000:8)', async () => {
    const meetingId = await schedule('t1', '2026-01-09T10:00:00Z', { title: 'Mid-year review', scheduledFor: '2026-01-16' });
    await ok(HOLD, { meetingId, heldOn: '2026-01-16', attendeeIds: ['t1', 't2', 't3', 't4'] }, 't1', '2026-01-16T15:00:00Z');
    const motionId = await propose(meetingId, 't2', '2026-01-16T15:10:00Z', 'Move the spring seminar to March');
    await votes(meetingId, motionId, '2026-01-16T15:15:00Z', { t1: 'FOR', t2: 'FOR', t3: 'AGAINST', t4: 'AGAINST' });
    await ok(CLOSE, { meetingId, motionId }, 't1', '2026-01-16T15:30:00Z');
    expect((await view(meetingId)).motions[0].outcome).toMatchObject({
      carried: false,
      votesFor: 2,
      votesAgainst: 2,
      quorumBase: 4,
      majorityNeeded: 3,
      reason: 'TIE_CHAIR_DID_NOT_VOTE',
    });
  });

  it('cancels a scheduled meeting, and refuses to cancel it twice', async () => {
    const meetingId = await schedule('ch', '2026-02-02T10:00:00Z', { title: 'Master class', scheduledFor: '2026-02-13' });
    const refusedByMember = await refused(CANCEL, { meetingId, reason: 'quarantine' }, 't3', '2026-02-10T08:00:00Z');
    expect(refusedByMember?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: '000:7' });
    expect((await ok(CANCEL, { meetingId, reason: 'Quarantine at school' }, 'ch', '2026-02-10T08:00:00Z')).cancelMeeting.eventTypes).toEqual(['MeetingCancelled']);
    expect(await view(meetingId)).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Quarantine at school' });
    const again = await refused(CANCEL, { meetingId, reason: 'again' }, 'ch', '2026-02-10T08:05:00Z');
    expect(again?.[0]?.extensions?.code).toBe('INVALID_STATE');
    const hold = await refused(HOLD, { meetingId, heldOn: '2026-02-10', attendeeIds: ['ch'] }, 'ch', '2026-02-10T09:00:00Z');
    expect(hold?.[0]?.extensions?.code).toBe('INVALID_STATE');
  });

  it('rejects malformed input of every mutation with BAD_USER_INPUT and appends nothing', async () => {
    const meetingId = await schedule('ch', '2026-03-02T10:00:00Z', { title: 'Spring meeting', scheduledFor: '2026-03-06' });
    await ok(HOLD, { meetingId, heldOn: '2026-03-06', attendeeIds: ['ch', 't1'] }, 'ch', '2026-03-06T15:00:00Z');
    const motionId = await propose(meetingId, 't1', '2026-03-06T15:05:00Z', 'Prepare a methodical recommendation');
    const when = '2026-03-06T15:10:00Z';
    const cases: [string, Record<string, unknown>][] = [
      [SCHEDULE, { communityId, title: 'x', scheduledFor: '06.03.2026', agenda: [] }],
      [SCHEDULE, { communityId, title: '', scheduledFor: '2026-03-20', agenda: [] }],
      [HOLD, { meetingId, heldOn: 'yesterday', attendeeIds: ['ch'] }],
      [CANCEL, { meetingId, reason: '' }],
      [PROPOSE, { meetingId, text: 'x', subject: { kind: 'VETO' } }],
      [PROPOSE, { meetingId, text: '', subject: { kind: 'DECISION' } }],
      [VOTE, { meetingId, motionId, choice: 'MAYBE' }],
      [VOTE, { meetingId: '', motionId, choice: 'FOR' }],
      [CLOSE, { meetingId, motionId: '' }],
      [MINUTES, { meetingId, questions: [] }],
    ];
    const length = await streamLength(meetingId);
    for (const [query, input] of cases) {
      const errors = await refused(query, input, 'ch', when);
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    // An election needs its candidate: the domain reports it as bad input too.
    const noCandidate = await refused(PROPOSE, { meetingId, text: 'Elect', subject: { kind: 'ELECT_SECRETARY' } }, 't1', when);
    expect(noCandidate?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await streamLength(meetingId)).toBe(length);
  });

  it('names the profile\'s minutes rule: a Kazakhstan microgroup\'s minutes are signed by its chair (003:3.4)', async () => {
    tokens['director'] = await h.token('director-7', 'director', 'district-1', 'school-7');
    for (const id of ['kz-a', 'kz-b', 'kz-c']) tokens[id] = await h.token(id, 'teacher', 'district-1', 'school-7');
    const kz = (
      await ok(
        CREATE,
        {
          name: 'Creative microgroup of physics teachers',
          kind: 'KZ_SCHOOL_PLC',
          schoolYear: '2025-2026',
          institutionId: 'school-7',
          subjects: ['physics'],
          foundingMembers: ['kz-a', 'kz-b', 'kz-c'].map((id) => member(id, { subject: 'physics' })),
          order: { number: '31', date: '2025-08-30' },
        },
        'director',
        '2025-08-30T09:00:00Z',
      )
    ).createCommunity.communityId;
    await ok(APPOINT, { communityId: kz, memberId: 'kz-a', order: { number: '32', date: '2025-08-30' } }, 'director', '2025-08-30T09:05:00Z');
    const meetingId = (await ok(SCHEDULE, { communityId: kz, title: 'First meeting', scheduledFor: '2025-09-10', agenda: [] }, 'kz-a', '2025-09-01T09:00:00Z'))
      .scheduleMeeting.meetingId;
    await ok(HOLD, { meetingId, heldOn: '2025-09-10', attendeeIds: ['kz-a', 'kz-b', 'kz-c'] }, 'kz-a', '2025-09-10T14:00:00Z');
    const minutes = { meetingId, questions: [{ question: 'Plan of meetings', summary: 'Agreed' }] };
    const byMember = await refused(MINUTES, minutes, 'kz-b', '2025-09-10T16:00:00Z');
    expect(byMember?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: '003:3.4' });
    await ok(MINUTES, minutes, 'kz-a', '2025-09-10T16:05:00Z');
    const read = await h.request(MEETING, { id: meetingId }, tokens['kz-a']);
    expect(read.data!.meeting.minutes.signedBy).toBe('kz-a');
    // Another school does not see the meeting at all.
    expect((await h.request(MEETING, { id: meetingId }, tokens['ch'])).data!.meeting).toBeNull();
  });
});
