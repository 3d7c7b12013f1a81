import { expectDomainError, stateAfter } from '../testing';
import { communityDecider } from './decide';
import { toCommunityFacts } from './communityFacts';
import { aMember, belarus, chairAppointed, continued, created, district, enrolled, secretaryElected } from './community.fixtures';

describe('toCommunityFacts', () => {
  it('tells other streams the profile, year, host, chair, secretary and members', () => {
    const given = [created(belarus), enrolled(aMember('t4')), chairAppointed('t1'), secretaryElected('t2')];
    const state = stateAfter(communityDecider, given);
    expect(toCommunityFacts(state)).toEqual({
      communityId: 'community-1',
      status: 'active',
      profile: belarus,
      schoolYear: '2025-2026',
      districtId: 'district-1',
      institutionId: 'school-1',
      chairId: 't1',
      secretaryId: 't2',
      members: [aMember('t1'), aMember('t2'), aMember('t3'), aMember('t4')],
    });
  });

  it('has no institution for a district-hosted community (004:1.2)', () => {
    expect(toCommunityFacts(stateAfter(communityDecider, [created(district)])).institutionId).toBeUndefined();
  });

  it('names no secretary once the school year of the term has passed (000:6)', () => {
    const state = stateAfter(communityDecider, [created(belarus), secretaryElected('t2'), continued()]);
    expect(toCommunityFacts(state).secretaryId).toBeNull();
  });

  it('throws NOT_FOUND for a community that does not exist', () => {
    const error = expectDomainError(() => toCommunityFacts(communityDecider.initialState(), 'community-9'), 'NOT_FOUND');
    expect(error.message).toContain('community-9');
  });
});
