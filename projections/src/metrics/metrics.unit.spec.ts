import {
  ACTIVE_PARTICIPANT,
  activeParticipants,
  evaluate,
  evaluateWithPrevious,
  planExecution,
  previousPeriod,
  productDiversity,
  resolvePeriod,
  taskCompletion,
  type Evaluation,
} from './metrics';
import { EvaluationRollup, mergeEvaluations } from './rollup';
import { activity, type ActivityDoc } from '../activity/activity';
import { replay } from '../apply';
import { generateLog } from '../testing/generator';

const doc = (communityId: string, schoolYear: string, extra: Partial<ActivityDoc> = {}): ActivityDoc => ({
  _id: `${communityId}:${schoolYear}`,
  communityId,
  schoolYear,
  // Facts of any month: the metrics read them by date, whichever document holds them.
  month: `${schoolYear.slice(0, 4)}-09`,
  activities: [],
  tasks: {},
  products: [],
  demand: [],
  ...extra,
});

const year = resolvePeriod('2025-2026', null);
const q2 = resolvePeriod('2025-2026', 'Q2');

describe('evaluation metrics (002:6.1)', () => {
  it('counts a teacher active in two communities once, within the period only', () => {
    const a = doc('a', '2025-2026', {
      activities: [
        { memberId: 't1', kind: 'attended', on: '2025-10-10', eventId: 'e1' },
        { memberId: 't2', kind: 'voted', on: '2025-11-20', eventId: 'e2' },
      ],
    });
    const b = doc('b', '2025-2026', { activities: [{ memberId: 't1', kind: 'authoredProduct', on: '2025-11-25', eventId: 'e3' }] });
    expect(activeParticipants([a, b], year)).toEqual({ count: 2, memberIds: ['t1', 't2'], evidence: ['e1', 'e2', 'e3'] });
    expect(activeParticipants([a, b], q2)).toMatchObject({ count: 2, evidence: ['e2', 'e3'] });
    expect(ACTIVE_PARTICIPANT.version).toBe(1);
  });

  it('measures growth against the previous period of the same kind, across the year boundary', () => {
    expect(previousPeriod(resolvePeriod('2025-2026', 'Q1')).key).toBe('2024-2025/Q4');
    expect(previousPeriod(resolvePeriod('2025-2026', 'H2')).key).toBe('2025-2026/H1');
    expect(previousPeriod(year).key).toBe('2024-2025');
    const before = doc('a', '2024-2025', { activities: [{ memberId: 't1', kind: 'attended', on: '2025-03-01', eventId: 'p1' }] });
    const now = doc('a', '2025-2026', {
      activities: ['t1', 't2', 't3'].map((memberId, i) => ({ memberId, kind: 'attended' as const, on: '2025-10-01', eventId: `n${i}` })),
    });
    const result = evaluateWithPrevious([before, now], year, previousPeriod(year));
    expect(result.activeParticipantGrowth).toEqual({ absolute: 2, relative: 2 });
    expect(evaluateWithPrevious([now], year, previousPeriod(year)).activeParticipantGrowth.relative).toBeNull();
  });

  it('counts plan tasks due and done, and each criterion measured once by its latest value in the period', () => {
    const criterion = (criterionId: string, value: number, on: string, met: boolean, eventId: string) => ({ planId: 'p', criterionId, value, target: 70, met, on, eventId });
    const task = (taskId: string, dueOn: string, fromPlan: boolean, done: boolean) => ({
      taskId,
      ownerId: 'o',
      dueOn,
      assignedEventId: `a-${taskId}`,
      completedOn: done ? dueOn : null,
      onTime: done ? true : null,
      completedEventId: done ? `c-${taskId}` : null,
      fromPlan,
    });
    const a = doc('a', '2025-2026', {
      tasks: { t1: task('t1', '2025-11-10', true, true), t2: task('t2', '2025-12-01', true, false), t3: task('t3', '2025-11-10', false, true) },
      criteria: [
        criterion('c1', 67, '2025-10-05', false, 'm1'),
        criterion('c2', 70, '2025-12-20', true, 'm2'),
        // Two measurements of c1 in Q2: the later measured counts.
        criterion('c1', 71, '2025-12-20', true, 'm3'),
        criterion('c1', 69, '2025-11-15', false, 'm4'),
      ],
    });
    // Before version 5 documents had neither `criteria` nor `fromPlan`: nothing of the plan.
    const old = doc('b', '2025-2026', { tasks: { t9: { taskId: 't9', ownerId: 'o', dueOn: '2025-11-10', assignedEventId: 'a9', completedOn: null, onTime: null, completedEventId: null } } });
    expect(planExecution([a, old], q2)).toEqual({ planTasksDue: 2, planTasksCompleted: 1, criteriaMeasured: 2, criteriaMet: 2, evidence: ['a-t1', 'c-t1', 'a-t2', 'm2', 'm3'] });
    expect(planExecution([a], resolvePeriod('2025-2026', 'Q1'))).toMatchObject({ planTasksDue: 0, criteriaMeasured: 1, criteriaMet: 0, evidence: ['m1'] });
  });

  it('finds the generated district\'s plans carried out: criteria measured, most met, plan tasks due and done', () => {
    const log = generateLog({ seed: 5, institutions: 2, communitiesPerInstitution: 3, districtCommunities: 1, schoolYears: ['2025-2026'] });
    const docs = [...replay(activity, [...log]).values()] as ActivityDoc[];
    const result = planExecution(docs, year);
    expect(result.criteriaMeasured).toBeGreaterThan(0);
    expect(result.criteriaMet).toBeGreaterThan(0);
    expect(result.criteriaMet).toBeLessThan(result.criteriaMeasured);
    expect(result.planTasksDue).toBeGreaterThan(0);
    expect(result.planTasksCompleted).toBeGreaterThan(0);
    // Before the year's end, only the half-way measurements: none met.
    expect(planExecution(docs, resolvePeriod('2025-2026', 'Q2'))).toMatchObject({ criteriaMet: 0 });
  });

  it('splits tasks due in the period into on time, late and open', () => {
    const tasks: ActivityDoc['tasks'] = {
      t1: { taskId: 't1', ownerId: 'x', dueOn: '2025-11-15', assignedEventId: 'a1', completedOn: '2025-11-10', onTime: true, completedEventId: 'c1' },
      t2: { taskId: 't2', ownerId: 'x', dueOn: '2025-12-01', assignedEventId: 'a2', completedOn: '2025-12-05', onTime: false, completedEventId: 'c2' },
      t3: { taskId: 't3', ownerId: 'y', dueOn: '2025-12-10', assignedEventId: 'a3', completedOn: null, onTime: null, completedEventId: null },
      t4: { taskId: 't4', ownerId: 'y', dueOn: '2026-03-10', assignedEventId: 'a4', completedOn: null, onTime: null, completedEventId: null },
    };
    expect(taskCompletion([doc('a', '2025-2026', { tasks })], q2)).toEqual({
      due: 3,
      completedOnTime: 1,
      completedLate: 1,
      open: 1,
      completionRate: 2 / 3,
      onTimeRate: 1 / 3,
      evidence: ['a1', 'c1', 'a2', 'c2', 'a3'],
    });
    expect(taskCompletion([doc('a', '2025-2026')], q2).completionRate).toBeNull();
  });

  it('counts distinct kinds of products and the demand for them', () => {
    const d = doc('a', '2025-2026', {
      products: [
        { productId: 'p1', kind: 'masterClass', producedOn: '2025-11-20', authorIds: ['t1'], eventId: 'r1' },
        { productId: 'p2', kind: 'masterClass', producedOn: '2025-12-01', authorIds: ['t2'], eventId: 'r2' },
        { productId: 'p3', kind: 'publication', producedOn: '2026-02-01', authorIds: ['t2'], eventId: 'r3' },
      ],
      demand: [{ productId: 'p1', byCommunityId: 'b', kind: 'adopted', on: '2025-12-10', eventId: 'd1' }],
    });
    expect(productDiversity([d], q2)).toEqual({ products: 2, distinctKinds: 1, kinds: ['masterClass'], demand: 1, evidence: ['r1', 'r2', 'd1'] });
    expect(productDiversity([d], year)).toMatchObject({ products: 3, distinctKinds: 2, kinds: ['masterClass', 'publication'] });
  });

  describe('merging communities\' evaluations', () => {
    const log = [...generateLog({ seed: 5, institutions: 2, communitiesPerInstitution: 4, districtCommunities: 1, schoolYears: ['2024-2025', '2025-2026'] })];
    const docs = [...replay(activity, log).values()] as ActivityDoc[];
    const communities = [...new Set(docs.map((d) => d.communityId))].sort();
    // In the communities' order, as a dashboard merges them.
    const byCommunity = communities.flatMap((id) => docs.filter((d) => d.communityId === id));
    const periods = ['Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2', null].map((term) => resolvePeriod('2025-2026', term));

    it('gives what evaluating all their documents at once gives, for every period', () => {
      expect(communities.length).toBe(9);
      for (const period of periods) {
        const parts = communities.map((id) => evaluate(docs.filter((d) => d.communityId === id), period));
        expect(mergeEvaluations(parts, period)).toEqual(evaluate(byCommunity, period));
      }
    });

    it('counts a teacher active in two communities once', () => {
      const part = (communityId: string, memberId: string, eventId: string): Evaluation =>
        evaluate([doc(communityId, '2025-2026', { activities: [{ memberId, kind: 'attended', on: '2025-10-10', eventId }] })], year);
      const merged = mergeEvaluations([part('a', 't1', 'e1'), part('b', 't1', 'e2'), part('c', 't2', 'e3')], year);
      expect(merged.activeParticipants).toEqual({ count: 2, memberIds: ['t1', 't2'], evidence: ['e1', 'e2', 'e3'] });
    });

    it('keeps the sum as communities change, come and go; lists as they stood when read', () => {
      const period = periods[1] as (typeof periods)[number];
      const own = (id: string, upTo: number) => evaluate(docs.filter((d) => d.communityId === id && (d.position ?? 0) <= upTo), period);
      const positions = docs.map((d) => d.position ?? 0).sort((a, b) => a - b);
      const rollup = new EvaluationRollup();
      const halfway = positions[Math.floor(positions.length / 2)] as number;
      for (const id of communities) rollup.set(id, own(id, halfway));
      const early = rollup.evaluation(period);
      const earlyCounts = early.evidenceCounts;
      // Every community moves on to the end of the log, one after another, and one leaves.
      for (const id of communities) rollup.set(id, own(id, Number.MAX_SAFE_INTEGER));
      rollup.set(communities[0] as string, null);
      const now = rollup.evaluation(period);
      const expected = mergeEvaluations(
        communities.slice(1).map((id) => own(id, Number.MAX_SAFE_INTEGER)),
        period,
      );
      expect({ ...now.activeParticipants }).toEqual(expected.activeParticipants);
      expect({ ...now.taskCompletion }).toEqual(expected.taskCompletion);
      expect({ ...now.productDiversity }).toEqual(expected.productDiversity);
      expect({ ...now.planExecution }).toEqual(expected.planExecution);
      expect(now.evidenceCounts).toEqual({
        activeParticipants: expected.activeParticipants.evidence.length,
        taskCompletion: expected.taskCompletion.evidence.length,
        productDiversity: expected.productDiversity.evidence.length,
        planExecution: expected.planExecution.evidence.length,
      });
      // Read only now: the lists of the halfway rollup, not of the parts since.
      const halfwayParts = communities.map((id) => own(id, halfway));
      expect(early.activeParticipants.evidence).toEqual(mergeEvaluations(halfwayParts, period).activeParticipants.evidence);
      expect(early.activeParticipants.evidence).toHaveLength(earlyCounts.activeParticipants);
      expect(earlyCounts.activeParticipants).toBeLessThan(now.evidenceCounts.activeParticipants);
    });

    it('of no communities is empty, with no rates', () => {
      const merged = mergeEvaluations([], q2);
      expect(merged).toEqual(evaluate([], q2));
      expect(merged.taskCompletion.completionRate).toBeNull();
    });
  });
});
