import type { RecordedEnvelope } from '@collegium/domain';
import { replay } from '../apply';
import { generateLog } from '../testing/generator';
import { STREAM_VIEWS, streamViews, type StreamViewDoc } from './streamViews';

const log: RecordedEnvelope[] = [...generateLog({ seed: 11, institutions: 1, communitiesPerInstitution: 2, districtCommunities: 1, schoolYears: ['2025-2026'] })];
const docs = replay(streamViews, log);
const typeOf = (streamId: string): string => streamId.slice(0, streamId.indexOf('-'));
const idOf = (streamId: string): string => streamId.slice(streamId.indexOf('-') + 1);

describe('stream views', () => {
  it('keeps one document per stream, at the stream\'s last revision and position', () => {
    const last = new Map<string, RecordedEnvelope>();
    for (const e of log) last.set(e.streamId, e);
    const viewed = [...last.values()].filter((e) => STREAM_VIEWS[typeOf(e.streamId)]);
    expect(viewed.length).toBeGreaterThan(10);
    expect(docs.size).toBe(viewed.length);
    for (const e of viewed) {
      const doc = docs.get(`${STREAM_VIEWS[typeOf(e.streamId)]!.collection}\u0000${idOf(e.streamId)}`) as StreamViewDoc;
      expect({ stream: e.streamId, revision: doc.revision, position: doc.position, updatedAt: doc.updatedAt }).toEqual({
        stream: e.streamId,
        revision: e.revision,
        position: e.position,
        updatedAt: e.recordedAt,
      });
    }
  });

  it('folds each stream with its own decider: the state the deciders see', () => {
    for (const [slot, doc] of docs) {
      const collection = slot.slice(0, slot.indexOf('\u0000'));
      const [type, view] = Object.entries(STREAM_VIEWS).find(([, v]) => v.collection === collection)!;
      const events = log.filter((e) => e.streamId === `${type}-${doc._id}`);
      expect((doc as StreamViewDoc).state).toEqual(events.reduce((s, e) => view.evolve(s, e), view.initial()));
    }
  });

  it('lifts the fields lists filter on: task owner, due date and lateness', () => {
    const tasks = [...docs.values()].filter((d) => d._id && (d as StreamViewDoc).state && typeof (d as any).dueOn === 'string') as (StreamViewDoc & { ownerId: string; dueOn: string; onTime: boolean | null })[];
    expect(tasks.length).toBeGreaterThan(0);
    for (const t of tasks) {
      const completed = log.find((e) => e.type === 'TaskCompleted' && e.streamId === `task-${t._id}`);
      expect(t.onTime).toBe(completed ? (completed.data as { onTime: boolean }).onTime : null);
      expect(t.status).toBe(completed ? 'done' : 'open');
    }
  });

  it('ignores streams it has no view for', () => {
    const foreign: RecordedEnvelope = { ...(log[0] as RecordedEnvelope), streamId: 'webhook-w1', type: 'WebhookRegistered', position: 1e9 };
    expect(streamViews.keys(foreign)).toEqual([]);
  });
});
