import type { RecordedEnvelope } from '@collegium/domain';
import { replay } from '../apply';
import { roster, rosterId, type RosterDoc } from './roster';

let position = 0;
const at = (type: string, data: Record<string, unknown>, recordedAt: string): RecordedEnvelope => ({
  eventId: `e${++position}`,
  streamId: 'x',
  revision: 0,
  position,
  type,
  schemaVersion: 1,
  data: { communityId: 'c', ...data },
  recordedAt,
  metadata: { actor: { id: 'a', role: 'teacher' }, tenant: { districtId: 'd' }, correlationId: 'c' },
});

describe('roster projection', () => {
  it('records each member\'s roles over time and their activity', () => {
    const events = [
      at('CommunityCreated', { foundingMembers: [{ memberId: 'm1', fullName: 'One' }, { memberId: 'm2', fullName: 'Two' }], order: { date: '2025-08-30' } }, '2025-08-30T09:00:00.000Z'),
      at('ChairAppointed', { memberId: 'm1', previousChairId: null, appointedOn: '2025-09-01' }, '2025-09-01T09:00:00.000Z'),
      at('SecretaryElected', { memberId: 'm2', previousSecretaryId: null, electedOn: '2025-10-09', schoolYear: '2025-2026' }, '2025-10-09T16:00:00.000Z'),
      at('MeetingHeld', { heldOn: '2025-10-09', attendeeIds: ['m1', 'm2'] }, '2025-10-09T15:00:00.000Z'),
      at('VoteCast', { voterId: 'm2' }, '2025-10-09T15:10:00.000Z'),
      at('ChairAppointed', { memberId: 'm2', previousChairId: 'm1', appointedOn: '2026-01-10' }, '2026-01-10T09:00:00.000Z'),
      at('CommunityContinued', { secretaryTermEnded: 'm2' }, '2026-09-01T09:00:00.000Z'),
      at('MemberRemoved', { memberId: 'm1' }, '2026-09-02T09:00:00.000Z'),
    ];
    const docs = replay(roster, events);
    const one = docs.get(`roster\u0000${rosterId('c', 'm1')}`) as RosterDoc;
    const two = docs.get(`roster\u0000${rosterId('c', 'm2')}`) as RosterDoc;
    expect(one.roles.map((r) => [r.role, r.from, r.to])).toEqual([
      ['member', '2025-08-30', '2026-09-02'],
      ['chair', '2025-09-01', '2026-01-10'],
    ]);
    expect(two.roles.map((r) => [r.role, r.from, r.to])).toEqual([
      ['member', '2025-08-30', null],
      ['secretary', '2025-10-09', '2026-09-01'],
      ['chair', '2026-01-10', null],
    ]);
    expect(two).toMatchObject({ fullName: 'Two', meetingsAttended: 1, votesCast: 1, lastActiveOn: '2025-10-09' });
    expect(one.roles[1]).toMatchObject({ startedBy: 'e2', endedBy: 'e6' });
  });

  it('ends every open term of the members named by a dissolution, on the order\'s date (003:1.5)', () => {
    const events = [
      at('CommunityCreated', { foundingMembers: [{ memberId: 'm1', fullName: 'One' }, { memberId: 'm2', fullName: 'Two' }], order: { date: '2025-08-30' } }, '2025-08-30T09:00:00.000Z'),
      at('ChairAppointed', { memberId: 'm1', previousChairId: null, appointedOn: '2025-09-01' }, '2025-09-01T09:00:00.000Z'),
      at('CommunityDissolved', { memberIds: ['m1', 'm2'], order: { number: '9', date: '2026-05-20' } }, '2026-05-21T09:00:00.000Z'),
    ];
    const docs = replay(roster, events);
    const one = docs.get(`roster\u0000${rosterId('c', 'm1')}`) as RosterDoc;
    const two = docs.get(`roster\u0000${rosterId('c', 'm2')}`) as RosterDoc;
    expect(one.roles.map((r) => [r.role, r.to, r.endedBy])).toEqual([
      ['member', '2026-05-20', 'e' + String(position)],
      ['chair', '2026-05-20', 'e' + String(position)],
    ]);
    expect(two.roles.every((r) => r.to === '2026-05-20')).toBe(true);
  });
});
