import type { RecordedEnvelope } from '@collegium/domain';
import { replay } from '../apply';
import { generateLog } from '../testing/generator';
import { activity, activityId, type ActivityDoc } from './activity';

let position = 0;
const recorded = (type: string, data: Record<string, unknown>, recordedAt = '2025-10-10T10:00:00.000Z'): RecordedEnvelope => ({
  eventId: `e${++position}`,
  streamId: `s-${position}`,
  revision: 0,
  position,
  type,
  schemaVersion: 1,
  data,
  recordedAt,
  metadata: { actor: { id: 'a', role: 'teacher' }, tenant: { districtId: 'd' }, correlationId: 'c' },
});

describe('activity projection', () => {
  it('files each fact under its community and the month of its business date', () => {
    const events = [
      recorded('MeetingHeld', { communityId: 'c1', meetingId: 'm', heldOn: '2025-10-09', attendeeIds: ['t1', 't2'] }),
      recorded('VoteCast', { communityId: 'c1', meetingId: 'm', motionId: 'x', voterId: 't1', choice: 'for' }, '2025-10-09T15:00:00.000Z'),
      // Assigned in one school year, due in the next: it counts where it falls due.
      recorded('TaskAssigned', { communityId: 'c1', taskId: 'k', ownerId: 't2', dueOn: '2026-09-20' }, '2026-05-20T10:00:00.000Z'),
      recorded('TaskCompleted', { communityId: 'c1', taskId: 'k', ownerId: 't2', dueOn: '2026-09-20', completedOn: '2026-09-25', onTime: false }),
      recorded('ProductRegistered', { communityId: 'c1', productId: 'p', kind: 'openLesson', producedOn: '2025-12-01', authorIds: ['t3'] }),
      recorded('ProductDemandRecorded', { communityId: 'c1', productId: 'p', byCommunityId: 'c2', kind: 'adopted' }, '2026-01-15T10:00:00.000Z'),
      recorded('CommunityCreated', { communityId: 'c1' }),
    ];
    const docs = replay(activity, events);
    const doc = (month: string): ActivityDoc => docs.get(`activity\u0000${activityId('c1', month)}`) as ActivityDoc;
    expect(doc('2025-10').activities.map((a) => `${a.memberId}:${a.kind}:${a.on}`)).toEqual(['t1:attended:2025-10-09', 't2:attended:2025-10-09', 't1:voted:2025-10-09']);
    expect(doc('2025-10')).toMatchObject({ communityId: 'c1', schoolYear: '2025-2026', month: '2025-10' });
    expect(doc('2025-12').activities.map((a) => `${a.memberId}:${a.kind}:${a.on}`)).toEqual(['t3:authoredProduct:2025-12-01']);
    expect(doc('2026-01').demand).toEqual([{ productId: 'p', byCommunityId: 'c2', kind: 'adopted', on: '2026-01-15', eventId: 'e6' }]);
    // Assigned in May of one school year, due in September of the next: filed where it falls due.
    expect(doc('2026-09')).toMatchObject({ schoolYear: '2026-2027' });
    expect(doc('2026-09').tasks['k']).toMatchObject({ dueOn: '2026-09-20', completedOn: '2026-09-25', onTime: false, assignedEventId: 'e3', completedEventId: 'e4' });
    expect(doc('2026-09').activities).toEqual([{ memberId: 't2', kind: 'completedTask', on: '2026-09-25', eventId: 'e4' }]);
    expect(docs.size).toBe(4);
  });

  it('files a task completed in another month than it fell due in twice: the fact where it fell due, the activity where it was done', () => {
    const events = [
      recorded('TaskAssigned', { communityId: 'c1', taskId: 'k', ownerId: 't2', dueOn: '2025-11-30' }, '2025-11-01T10:00:00.000Z'),
      recorded('TaskCompleted', { communityId: 'c1', taskId: 'k', ownerId: 't2', dueOn: '2025-11-30', completedOn: '2025-12-03', onTime: false }),
    ];
    const docs = replay(activity, events);
    const doc = (month: string): ActivityDoc => docs.get(`activity\u0000${activityId('c1', month)}`) as ActivityDoc;
    expect(docs.size).toBe(2);
    expect(doc('2025-11').tasks['k']).toMatchObject({ completedOn: '2025-12-03', onTime: false, completedEventId: events[1]?.eventId });
    expect(doc('2025-11').activities).toEqual([]);
    expect(doc('2025-12').tasks).toEqual({});
    expect(doc('2025-12').activities).toEqual([{ memberId: 't2', kind: 'completedTask', on: '2025-12-03', eventId: events[1]?.eventId }]);
  });

  it("keeps every fact of a generated district in its document's month, which dashboards rely on to read only a period's months", () => {
    const log = [...generateLog({ seed: 11, institutions: 2, communitiesPerInstitution: 3, districtCommunities: 1, schoolYears: ['2024-2025', '2025-2026'] })];
    const docs = [...replay(activity, log).values()] as ActivityDoc[];
    const misplaced: string[] = [];
    let facts = 0;
    const check = (doc: ActivityDoc, date: string, what: string): void => {
      facts += 1;
      if (date.slice(0, 7) !== doc.month) misplaced.push(`${doc._id}: ${what} on ${date}`);
    };
    for (const doc of docs) {
      doc.activities.forEach((a) => check(doc, a.on, a.kind));
      Object.values(doc.tasks).forEach((t) => check(doc, t.dueOn, 'task due'));
      doc.products.forEach((p) => check(doc, p.producedOn, 'product'));
      doc.demand.forEach((d) => check(doc, d.on, 'demand'));
    }
    expect(misplaced).toEqual([]);
    expect(facts).toBeGreaterThan(1_000);
    // The case above occurs in the generated log too, so this is not vacuous for it.
    const completedElsewhere = docs.flatMap((doc) => Object.values(doc.tasks)).filter((t) => t.completedOn !== null && t.completedOn.slice(0, 7) !== t.dueOn.slice(0, 7));
    expect(completedElsewhere.length).toBeGreaterThan(0);
  });
});
