import { decideAfter, expectDomainError, metadata } from '../testing';
import { operationDecider, type RequestOperation } from './operation';

const request = (kind: 'rebuild' | 'export', role: Parameters<typeof metadata>[0] = {}): RequestOperation => ({
  type: 'RequestOperation',
  metadata: metadata(role),
  data: { operationId: 'op-1', kind, target: kind === 'rebuild' ? 'all' : 'community-1' },
});

describe('operation stream', () => {
  it('lets a district administrator request a rebuild, and a department head an export', () => {
    expect(decideAfter(operationDecider, [], request('rebuild', { actor: { id: 'a', role: 'districtAdmin' } }))[0]?.data).toMatchObject({ kind: 'rebuild', requestedBy: 'a' });
    expect(decideAfter(operationDecider, [], request('export', { actor: { id: 'h', role: 'departmentHead' } }))[0]?.data).toMatchObject({ kind: 'export', target: 'community-1' });
  });

  it('refuses a teacher, and a second request with the same id', () => {
    expectDomainError(() => decideAfter(operationDecider, [], request('rebuild')), 'FORBIDDEN');
    expectDomainError(() => decideAfter(operationDecider, [], request('export')), 'FORBIDDEN');
    const admin = request('rebuild', { actor: { id: 'a', role: 'districtAdmin' } });
    expectDomainError(() => decideAfter(operationDecider, [...decideAfter(operationDecider, [], admin)], admin), 'INVALID_STATE');
  });
});
