import { decideAfter, expectDomainError, expectRuleViolation, stateAfter } from '../testing';
import type { Actor } from '../shared/message';
import { planDecider } from './decider';
import {
  at,
  belarusAwaitingAgreement,
  deputy,
  director,
  districtAwaitingApproval,
  districtTenant,
  kazakhstanAwaitingAgreement,
  methodist,
  planAgreed,
  planDrafted,
  profileOf,
  rumcDirector,
} from './fixtures';
import type { AgreePlan } from './types';

const agree = (actor: Actor, comment?: string): AgreePlan => ({
  type: 'AgreePlan',
  data: { planId: 'plan-1', ...(comment === undefined ? {} : { comment }) },
  metadata: at('2025-09-08T08:00:00.000Z', actor, actor.role === 'methodist' || actor.role === 'methodCentreDirector' ? { tenant: districtTenant } : {}),
});

describe('AgreePlan', () => {
  it('the RUMC methodist agrees the discussed plan (000:7)', () => {
    const events = decideAfter(planDecider, belarusAwaitingAgreement(), agree(methodist, 'agreed without remarks'));

    expect(events).toEqual([
      {
        type: 'PlanAgreed',
        schemaVersion: 1,
        data: {
          planId: 'plan-1',
          communityId: 'community-1',
          step: 1,
          agreedBy: 'methodist-1',
          agreedByRole: 'methodist',
          comment: 'agreed without remarks',
          rule: '000:7',
          agreedAt: '2025-09-08T08:00:00.000Z',
        },
      },
    ]);
    const state = stateAfter(planDecider, [...belarusAwaitingAgreement(), ...events]);
    expect(state.status === 'submitted' && state.currentStep).toBe(2);
  });

  it('the deputy director agrees the plan considered at a meeting (003:3.2)', () => {
    expect(decideAfter(planDecider, kazakhstanAwaitingAgreement(), agree(deputy))).toEqual([
      expect.objectContaining({ type: 'PlanAgreed', data: expect.objectContaining({ step: 1, agreedBy: 'deputy-1', rule: '003:3.2' }) }),
    ]);
  });

  it('the director may not agree in place of the deputy director (003:3.2)', () => {
    expectRuleViolation(() => decideAfter(planDecider, kazakhstanAwaitingAgreement(), agree(director)), '003:3.2');
  });

  it('the RUMC director may not agree in place of the methodist (000:7)', () => {
    expectRuleViolation(() => decideAfter(planDecider, belarusAwaitingAgreement(), agree(rumcDirector)), '000:7');
  });

  it('an agreed plan awaits approval, not a second agreement (000:7)', () => {
    const agreed = [...belarusAwaitingAgreement(), planAgreed(methodist, 1, '000:7')];
    expectRuleViolation(() => decideAfter(planDecider, agreed, agree(methodist)), '000:7');
  });

  it('a chain without an agree step has nothing to agree (004:4.7)', () => {
    expectRuleViolation(() => decideAfter(planDecider, districtAwaitingApproval(), agree(methodist)), '004:4.7');
  });

  it('a draft is not agreed before it is submitted', () => {
    expectDomainError(() => decideAfter(planDecider, [planDrafted(profileOf('by-school-plc'))], agree(methodist)), 'INVALID_STATE');
  });

  it("another district's methodist is refused", () => {
    const command = { ...agree(methodist), metadata: at('2025-09-08T08:00:00.000Z', methodist, { tenant: { districtId: 'district-2' } }) };
    expectDomainError(() => decideAfter(planDecider, belarusAwaitingAgreement(), command), 'FORBIDDEN');
  });

  it("another school's deputy director is refused", () => {
    const command = { ...agree(deputy), metadata: at('2025-09-08T08:00:00.000Z', deputy, { tenant: { districtId: 'district-1', institutionId: 'school-2' } }) };
    expectDomainError(() => decideAfter(planDecider, kazakhstanAwaitingAgreement(), command), 'FORBIDDEN');
  });

  it('a blank comment is bad input', () => {
    expectDomainError(() => decideAfter(planDecider, belarusAwaitingAgreement(), agree(methodist, ' ')), 'BAD_USER_INPUT');
  });
});
