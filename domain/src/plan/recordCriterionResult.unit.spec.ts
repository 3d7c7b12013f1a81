import { decideAfter, expectDomainError, stateAfter } from '../testing';
import type { Actor } from '../shared/message';
import { criterionStanding } from './criteria';
import { planDecider } from './decider';
import { at, belarusApproved, belarusAwaitingAgreement, CHAIR, community, content, profileOf } from './fixtures';
import type { CriterionResult, RecordCriterionResult, SuccessCriterion } from './types';

const chair: Actor = { id: CHAIR, role: 'teacher' };
const facts = community(profileOf('by-school-plc'));

const recordResult = (data: Partial<RecordCriterionResult['data']> = {}, actor: Actor = chair, now = '2026-05-25T10:00:00.000Z'): RecordCriterionResult => ({
  type: 'RecordCriterionResult',
  data: { planId: 'plan-1', criterionId: 'c-2', value: 68, measuredOn: '2026-05-20', community: facts, ...data },
  metadata: at(now, actor),
});

describe('RecordCriterionResult', () => {
  it('records a measured value of an approved plan\'s criterion, by the chair (000:7)', () => {
    const events = decideAfter(planDecider, belarusApproved(), recordResult({ note: 'end-of-year test' }));
    expect(events).toEqual([
      {
        type: 'CriterionResultRecorded',
        schemaVersion: 1,
        data: {
          planId: 'plan-1',
          communityId: 'community-1',
          criterionId: 'c-2',
          value: 68,
          measuredOn: '2026-05-20',
          note: 'end-of-year test',
          target: 70,
          baseline: 64,
          met: false,
          rule: '000:7',
          recordedBy: CHAIR,
          recordedAt: '2026-05-25T10:00:00.000Z',
        },
      },
    ]);
    const state = stateAfter(planDecider, [...belarusApproved(), ...events]);
    expect(state.status === 'approved' && state.results).toEqual([
      { criterionId: 'c-2', value: 68, measuredOn: '2026-05-20', note: 'end-of-year test', recordedBy: CHAIR, recordedAt: '2026-05-25T10:00:00.000Z' },
    ]);
  });

  it('measures only an approved plan: its targets may still change before', () => {
    expectDomainError(() => decideAfter(planDecider, belarusAwaitingAgreement(), recordResult()), 'INVALID_STATE');
    expectDomainError(() => decideAfter(planDecider, [], recordResult()), 'INVALID_STATE');
  });

  it('is the current chair\'s to record (000:7)', () => {
    expectDomainError(() => decideAfter(planDecider, belarusApproved(), recordResult({}, { id: 'teacher-secretary', role: 'teacher' })), 'FORBIDDEN');
    const newChair = community(profileOf('by-school-plc'), { chairId: 'teacher-new-chair' });
    expect(decideAfter(planDecider, belarusApproved(), recordResult({ community: newChair }, { id: 'teacher-new-chair', role: 'teacher' }))).toHaveLength(1);
    const other = community(profileOf('by-school-plc'), { communityId: 'community-2' });
    expectDomainError(() => decideAfter(planDecider, belarusApproved(), recordResult({ community: other })), 'BAD_USER_INPUT');
  });

  it('refuses an unknown criterion, a value that is not a number, and a date that is not a past day', () => {
    expectDomainError(() => decideAfter(planDecider, belarusApproved(), recordResult({ criterionId: 'c-9' })), 'NOT_FOUND');
    expectDomainError(() => decideAfter(planDecider, belarusApproved(), recordResult({ value: Number.NaN })), 'BAD_USER_INPUT');
    expectDomainError(() => decideAfter(planDecider, belarusApproved(), recordResult({ measuredOn: '2026-13-01' })), 'BAD_USER_INPUT');
    expectDomainError(() => decideAfter(planDecider, belarusApproved(), recordResult({ measuredOn: '2026-05-26' })), 'BAD_USER_INPUT');
    expectDomainError(() => decideAfter(planDecider, belarusApproved(), recordResult({ note: ' ' })), 'BAD_USER_INPUT');
  });
});

describe('criterionStanding', () => {
  const result = (criterionId: string, value: number, measuredOn: string, recordedAt = `${measuredOn}T12:00:00.000Z`): CriterionResult => ({
    criterionId,
    value,
    measuredOn,
    recordedBy: CHAIR,
    recordedAt,
  });
  const quality = content.successCriteria.find((c) => c.criterionId === 'c-2') as SuccessCriterion;

  it('has nothing to say before a measurement', () => {
    expect(criterionStanding(quality, [result('c-1', 50, '2026-01-10')])).toEqual({ latest: null, progress: null, met: null });
  });

  it('measures the way from the baseline to the target by the latest value measured', () => {
    // Baseline 64, target 70 (003 plan: knowledge quality +6 % → 70 %).
    const results = [result('c-2', 69, '2026-03-01'), result('c-2', 67, '2026-01-15', '2026-04-01T00:00:00.000Z')];
    expect(criterionStanding(quality, results)).toEqual({ latest: results[0], progress: 5 / 6, met: false });
    expect(criterionStanding(quality, [...results, result('c-2', 71, '2026-05-20')])).toMatchObject({ progress: 7 / 6, met: true });
    // Two on one day: the later recorded counts.
    const sameDay = [result('c-2', 70, '2026-05-20', '2026-05-20T09:00:00.000Z'), result('c-2', 66, '2026-05-20', '2026-05-20T10:00:00.000Z')];
    expect(criterionStanding(quality, sameDay)).toMatchObject({ progress: 2 / 6, met: false });
  });

  it('reads a target below its baseline as a fall to reach, and one without a baseline as a level from zero', () => {
    const failing: SuccessCriterion = { criterionId: 'f', description: 'fewer pupils failing', indicator: 'failing', baseline: 12, target: 5, unit: '%' };
    expect(criterionStanding(failing, [result('f', 8, '2026-05-01')])).toEqual({ latest: result('f', 8, '2026-05-01'), progress: 4 / 7, met: false });
    expect(criterionStanding(failing, [result('f', 5, '2026-05-01')])).toMatchObject({ progress: 1, met: true });
    const lessons: SuccessCriterion = { criterionId: 'l', description: 'open lessons', indicator: 'open lessons', target: 4, unit: 'lessons' };
    expect(criterionStanding(lessons, [result('l', 3, '2026-05-01')])).toMatchObject({ progress: 0.75, met: false });
  });
});
