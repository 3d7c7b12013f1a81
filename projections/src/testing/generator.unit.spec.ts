import {
  communityDecider,
  meetingDecider,
  planDecider,
  productDecider,
  reportDecider,
  taskDecider,
  type Decider,
  type RecordedEnvelope,
  type VoteClosedData,
} from '@collegium/domain';
import { countEvents, generateLog, type GenerateLogOptions } from './generator';

/** The small district of the brief: 2 institutions × 3 communities + 1 district community, two years. */
const SMALL: GenerateLogOptions = {
  seed: 42,
  institutions: 2,
  communitiesPerInstitution: 3,
  districtCommunities: 1,
  schoolYears: ['2025-2026', '2026-2027'],
};

const EVENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  community: [
    'CommunityCreated',
    'CommunityReorganized',
    'CommunityContinued',
    'CommunityDissolved',
    'MemberEnrolled',
    'MemberRemoved',
    'ChairAppointed',
    'SecretaryElected',
    'ExpertEvaluationRecorded',
  ],
  meeting: ['MeetingScheduled', 'MeetingHeld', 'MeetingCancelled', 'MotionProposed', 'VoteCast', 'VoteClosed', 'MinutesRecorded'],
  plan: ['PlanDrafted', 'PlanRevised', 'PlanSubmitted', 'PlanDiscussed', 'PlanAgreed', 'PlanApproved', 'PlanReturned', 'CriterionResultRecorded'],
  task: ['TaskAssigned', 'TaskCompleted', 'TaskReviewed'],
  product: ['ProductRegistered', 'ProductDemandRecorded'],
  report: ['ReportSubmitted', 'ReportAccepted', 'ReportReturned'],
};

// The log's events are the deciders' own; the envelope erases their types, so folding casts back.
const DECIDERS: Readonly<Record<string, Decider<never, never, { status: string }>>> = {
  community: communityDecider as unknown as Decider<never, never, { status: string }>,
  meeting: meetingDecider as unknown as Decider<never, never, { status: string }>,
  plan: planDecider as unknown as Decider<never, never, { status: string }>,
  task: taskDecider as unknown as Decider<never, never, { status: string }>,
  product: productDecider as unknown as Decider<never, never, { status: string }>,
  report: reportDecider as unknown as Decider<never, never, { status: string }>,
};

const streamTypeOf = (streamId: string): string => streamId.slice(0, streamId.indexOf('-'));

const byStream = (log: readonly RecordedEnvelope[]): Map<string, RecordedEnvelope[]> => {
  const streams = new Map<string, RecordedEnvelope[]>();
  for (const e of log) {
    const events = streams.get(e.streamId) ?? [];
    events.push(e);
    streams.set(e.streamId, events);
  }
  return streams;
};

describe('generateLog', () => {
  const small = [...generateLog(SMALL)];

  it('is deterministic: the same seed gives the identical log, another seed another one', () => {
    expect([...generateLog(SMALL)]).toEqual(small);
    const other = [...generateLog({ ...SMALL, seed: 43 })];
    expect(other.map((e) => e.eventId)).not.toEqual(small.map((e) => e.eventId));
  });

  it('is valid: positions 1…n, contiguous revisions, unique ids, every stream folds with its decider', () => {
    expect(small.map((e) => e.position)).toEqual(small.map((_, i) => i + 1));
    expect(new Set(small.map((e) => e.eventId)).size).toBe(small.length);
    for (const [streamId, events] of byStream(small)) {
      const decider = DECIDERS[streamTypeOf(streamId)];
      expect(decider).toBeDefined();
      if (decider === undefined) continue;
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
      // Time never runs backwards within a stream.
      expect(events.map((e) => e.recordedAt)).toEqual([...events.map((e) => e.recordedAt)].sort());
      const state = events.reduce((s, e) => decider.evolve(s, e as never), decider.initialState());
      expect(state.status).not.toBe('none');
    }
  });

  it('stamps every event with its command metadata', () => {
    for (const e of small) {
      expect(e.metadata.tenant.districtId).toBe('district-1');
      expect(e.metadata.correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(e.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it('is realistic: a small district shows every event type of all six streams', () => {
    const seen = new Set(small.map((e) => `${streamTypeOf(e.streamId)}:${e.type}`));
    const missing = Object.entries(EVENT_TYPES).flatMap(([stream, types]) => types.filter((t) => !seen.has(`${stream}:${t}`)).map((t) => `${stream}:${t}`));
    expect(missing).toEqual([]);
  });

  it('is realistic: most motions carry, some do not', () => {
    const outcomes = small.filter((e) => e.type === 'VoteClosed').map((e) => (e.data as VoteClosedData).outcome.carried);
    const notCarried = outcomes.filter((carried) => !carried).length;
    expect(notCarried).toBeGreaterThan(0);
    expect(notCarried).toBeLessThan(outcomes.length / 2);
  });

  it('is realistic: some meetings lack minutes, and district plans are approved on time and late', () => {
    const held = small.filter((e) => e.type === 'MeetingHeld').length;
    const minutes = small.filter((e) => e.type === 'MinutesRecorded').length;
    expect(minutes).toBeLessThan(held);
    expect(minutes).toBeGreaterThan(held * 0.7);
    const district = [...generateLog({ seed: 5, institutions: 0, communitiesPerInstitution: 0, districtCommunities: 8 })];
    const onTime = district.filter((e) => e.type === 'PlanApproved').map((e) => (e.data as { onTime: boolean }).onTime);
    expect(onTime).toContain(true);
    expect(onTime).toContain(false);
  });

  it('countEvents counts what generateLog yields', () => {
    expect(countEvents(SMALL)).toBe(small.length);
  });

  it('generates about 100,000 events fast enough for a million-event benchmark', () => {
    const options: GenerateLogOptions = {
      seed: 1,
      institutions: 60,
      communitiesPerInstitution: 6,
      districtCommunities: 6,
      schoolYears: ['2025-2026', '2026-2027', '2027-2028'],
    };
    const started = process.hrtime.bigint();
    const count = countEvents(options);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`generateLog: ${count} events in ${ms.toFixed(0)} ms (${Math.round((count / ms) * 1000)} events/s)`);
    expect(count).toBeGreaterThan(90_000);
  });
});
