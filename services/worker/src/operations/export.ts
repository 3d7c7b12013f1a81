/**
 * The export job: a community's whole history — every event of its own stream and of the
 * streams that belong to it (meetings, plans, tasks, products, reports, compliance) — as
 * NDJSON in log order, for auditors and for moving a community between systems. Only
 * events of the requester's district are written, whatever the target.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { EventStore, RecordedEvent } from '@collegium/eventstore';
import type { JobContext } from '@collegium/queue';
import type { OperationData } from '../jobs';

export interface ExportDeps {
  readonly store: EventStore;
  /** Folder the files go to (the data folder's `exports/` in the embedded default). */
  readonly exportDir: string;
  readonly pageSize?: number;
}

/** Whether an event belongs to the community, growing the set of its streams as they appear. */
export const belongsTo = (communityId: string, streams: Set<string>, e: RecordedEvent): boolean => {
  if (streams.has(e.streamId)) return true;
  const data = e.data as { communityId?: unknown } | null;
  if (e.streamId === `community-${communityId}` || data?.communityId === communityId) {
    streams.add(e.streamId);
    return true;
  }
  return false;
};

export const exportJob =
  (deps: ExportDeps) =>
  async (job: JobContext<OperationData>): Promise<{ file: string; events: number }> => {
    mkdirSync(deps.exportDir, { recursive: true });
    const file = path.join(deps.exportDir, `${job.data.operationId}.ndjson`);
    const out = createWriteStream(file, { encoding: 'utf8' });
    const head = await deps.store.headPosition();
    const streams = new Set<string>();
    let events = 0;
    for (let after = 0; after < head; ) {
      const page = await deps.store.readAll(after, deps.pageSize ?? 5_000);
      if (page.length === 0) break;
      for (const e of page) {
        if (e.position > head) break;
        if (e.metadata.tenant.districtId === job.data.districtId && belongsTo(job.data.target, streams, e)) {
          events++;
          if (!out.write(`${JSON.stringify(e)}\n`)) await once(out, 'drain');
        }
      }
      after = (page[page.length - 1] as RecordedEvent).position;
      await job.reportProgress(Math.min(99, Math.floor((after / head) * 100)));
    }
    out.end();
    await once(out, 'finish');
    await job.reportProgress(100);
    return { file, events };
  };
