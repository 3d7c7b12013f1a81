import { stateAfter } from '../testing';
import { communityDecider } from './decide';
import { aMember, chairAppointed, continued, created, dissolved, enrolled, russia } from './community.fixtures';

describe('evolveCommunity', () => {
  it('ignores events that do not fit the state instead of throwing', () => {
    expect(stateAfter(communityDecider, [enrolled(aMember('t4')), chairAppointed('t4')])).toEqual({ status: 'none' });
    const afterDissolution = stateAfter(communityDecider, [created(russia), dissolved(), enrolled(aMember('t4')), continued()]);
    expect(afterDissolution).toMatchObject({ status: 'dissolved', schoolYear: '2025-2026' });
    expect(afterDissolution.status === 'dissolved' && Object.keys(afterDissolution.members)).toEqual(['t1', 't2', 't3']);
  });

  it('does not recreate an existing community', () => {
    const state = stateAfter(communityDecider, [created(russia), created(russia, { name: 'Other' })]);
    expect(state).toMatchObject({ status: 'active', name: 'Mathematics teachers' });
  });

  it('dates a founding membership by the creation order and a later one by its own', () => {
    const state = stateAfter(communityDecider, [created(russia), enrolled(aMember('t4'))]);
    const enrolledOn = state.status === 'active' && [state.members.t1?.enrolledOn, state.members.t4?.enrolledOn];
    expect(enrolledOn).toEqual(['2025-08-29', '2025-09-10']);
  });
});
