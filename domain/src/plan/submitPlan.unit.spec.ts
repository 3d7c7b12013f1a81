import { decideAfter, expectDomainError, expectRuleViolation, stateAfter } from '../testing';
import type { MotionFacts } from '../shared/facts';
import { planDecider } from './decider';
import {
  CHAIR,
  at,
  belarusAwaitingAgreement,
  deputy,
  discussion,
  districtAwaitingApproval,
  kazakhstanAwaitingAgreement,
  planDrafted,
  planReturned,
  planRevised,
  profileOf,
} from './fixtures';
import type { PlanEvent, SubmitPlan } from './types';

const belarus = profileOf('by-school-plc');
const kazakhstan = profileOf('kz-school-plc');
const district = profileOf('district-community');

const submit = (motion?: MotionFacts, meta = at('2025-09-05T08:00:00.000Z')): SubmitPlan => ({
  type: 'SubmitPlan',
  data: { planId: 'plan-1', ...(motion === undefined ? {} : { discussion: motion }) },
  metadata: meta,
});

describe('SubmitPlan', () => {
  it('a plan discussed at a meeting is submitted, completing the discuss step (000:7)', () => {
    const events = decideAfter(planDecider, [planDrafted(belarus)], submit(discussion()));

    expect(events).toEqual([
      {
        type: 'PlanSubmitted',
        schemaVersion: 1,
        data: {
          planId: 'plan-1',
          communityId: 'community-1',
          submission: 1,
          discussion: { meetingId: 'meeting-1', motionId: 'motion-1', heldOn: '2025-09-04' },
          submittedBy: CHAIR,
          submittedAt: '2025-09-05T08:00:00.000Z',
        },
      },
      {
        type: 'PlanDiscussed',
        schemaVersion: 1,
        data: {
          planId: 'plan-1',
          communityId: 'community-1',
          step: 0,
          meetingId: 'meeting-1',
          motionId: 'motion-1',
          heldOn: '2025-09-04',
          rule: '000:7',
          discussedAt: '2025-09-05T08:00:00.000Z',
        },
      },
    ]);
    const state = stateAfter(planDecider, [planDrafted(belarus), ...events]);
    expect(state.status === 'submitted' && state.currentStep).toBe(1);
  });

  it('a plan not discussed at a meeting cannot be submitted (000:7)', () => {
    expectRuleViolation(() => decideAfter(planDecider, [planDrafted(belarus)], submit()), '000:7');
  });

  it('a plan must be considered at a meeting before the deputy director agrees it (003:3.2)', () => {
    expectRuleViolation(() => decideAfter(planDecider, [planDrafted(kazakhstan)], submit()), '003:3.2');
    expect(decideAfter(planDecider, [planDrafted(kazakhstan)], submit(discussion())).map((e) => e.type)).toEqual([
      'PlanSubmitted',
      'PlanDiscussed',
    ]);
  });

  it.each<[string, Partial<MotionFacts>]>([
    ['a motion still open', { carried: null }],
    ['a motion that was not carried', { carried: false }],
    ['a motion about another plan', { subject: { kind: 'discussPlan', planId: 'plan-2' } }],
    ['a motion about something else', { subject: { kind: 'decision' } }],
    ['a motion of another community', { communityId: 'community-2' }],
  ])('%s does not complete the discuss step (003:3.2)', (_, overrides) => {
    expectRuleViolation(() => decideAfter(planDecider, [planDrafted(kazakhstan)], submit(discussion(overrides))), '003:3.2');
  });

  it('a discussion of the version before a revision does not count for the revision (000:7)', () => {
    const given: PlanEvent[] = [planDrafted(belarus), planRevised(1, { revisedAt: '2025-09-20T08:00:00.000Z' })];

    expectRuleViolation(() => decideAfter(planDecider, given, submit(discussion({ heldOn: '2025-09-04' }))), '000:7');
    expect(decideAfter(planDecider, given, submit(discussion({ heldOn: '2025-09-22' }))).map((e) => e.type)).toEqual([
      'PlanSubmitted',
      'PlanDiscussed',
    ]);
  });

  it('where the chain has no discuss step the plan is submitted straight to the approver (004:4.7)', () => {
    const events = decideAfter(planDecider, [planDrafted(district)], submit());

    expect(events).toEqual([expect.objectContaining({ type: 'PlanSubmitted', data: expect.objectContaining({ discussion: null, submission: 1 }) })]);
    const state = stateAfter(planDecider, [planDrafted(district), ...events]);
    expect(state.status === 'submitted' && state.currentStep).toBe(0);
  });

  it('an optional discussion is recorded with the submission but completes no step (004:4.7)', () => {
    const events = decideAfter(planDecider, [planDrafted(district)], submit(discussion()));

    expect(events.map((e) => e.type)).toEqual(['PlanSubmitted']);
    expect(events[0]?.type === 'PlanSubmitted' && events[0].data.discussion).toEqual({ meetingId: 'meeting-1', motionId: 'motion-1', heldOn: '2025-09-04' });
  });

  it('an optional discussion that is not about this plan is bad input', () => {
    expectDomainError(() => decideAfter(planDecider, [planDrafted(district)], submit(discussion({ carried: false }))), 'BAD_USER_INPUT');
  });

  it('only the chair submits the plan (000:7)', () => {
    const error = expectDomainError(
      () => decideAfter(planDecider, [planDrafted(belarus)], submit(discussion(), at('2025-09-05T08:00:00.000Z', { id: 'teacher-2', role: 'teacher' }))),
      'FORBIDDEN',
    );
    expect(error.rule).toBe('000:7');
  });

  it('a returned plan is revised before it is resubmitted, and the chain starts again (003:3.2)', () => {
    const returned = [...kazakhstanAwaitingAgreement(), planReturned(deputy, 1, '003:3.2')];
    expectDomainError(() => decideAfter(planDecider, returned, submit(discussion())), 'INVALID_STATE');

    const revised = [...returned, planRevised(1, { revisedAt: '2025-09-12T08:00:00.000Z' })];
    const events = decideAfter(planDecider, revised, submit(discussion({ motionId: 'motion-2', heldOn: '2025-09-14' }), at('2025-09-15T08:00:00.000Z')));

    expect(events.map((e) => [e.type, e.type === 'PlanSubmitted' ? e.data.submission : e.data])).toEqual([
      ['PlanSubmitted', 2],
      ['PlanDiscussed', expect.objectContaining({ step: 0, motionId: 'motion-2' })],
    ]);
    const state = stateAfter(planDecider, [...revised, ...events]);
    expect(state.status === 'submitted' && { step: state.currentStep, history: state.history.map((h) => h.by) }).toEqual({
      step: 1,
      history: ['motion-2'],
    });
  });

  it('a plan is submitted once', () => {
    expectDomainError(() => decideAfter(planDecider, belarusAwaitingAgreement(), submit(discussion())), 'INVALID_STATE');
    expectDomainError(() => decideAfter(planDecider, districtAwaitingApproval(), submit()), 'INVALID_STATE');
  });

  it('a plan that was never drafted cannot be submitted', () => {
    expectDomainError(() => decideAfter(planDecider, [], submit(discussion())), 'INVALID_STATE');
  });

  it('a plan of another district is refused', () => {
    expectDomainError(
      () => decideAfter(planDecider, [planDrafted(district)], submit(undefined, at('2025-09-05T08:00:00.000Z', undefined, { tenant: { districtId: 'district-2' } }))),
      'FORBIDDEN',
    );
  });
});
