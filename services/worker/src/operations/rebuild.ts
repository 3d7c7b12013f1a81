/** The rebuild job: rebuilds one projection (or all) into fresh generations and swaps them in, reporting progress. */
import type { EventStore } from '@collegium/eventstore';
import type { ReadStore } from '@collegium/readstore';
import type { JobContext } from '@collegium/queue';
import type { Projection } from '@collegium/projections';
import { rebuildAll, type RebuildProgress } from '@collegium/projector';
import type { OperationData } from '../jobs';

export interface RebuildDeps {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly projections: readonly Projection[];
}

export class UnknownProjectionError extends Error {
  override readonly name = 'UnknownProjectionError';
}

export const projectionsFor = (all: readonly Projection[], target: string): readonly Projection[] => {
  if (target === 'all') return all;
  const one = all.find((p) => p.name === target);
  if (!one) throw new UnknownProjectionError(`no projection named ${target}; known: ${all.map((p) => p.name).join(', ')}, all`);
  return [one];
};

const percentOf = (p: RebuildProgress): number => (p.head === 0 ? 100 : Math.min(99, Math.floor((p.checkpoint / p.head) * 100)));

export const rebuildJob =
  (deps: RebuildDeps) =>
  async (job: JobContext<OperationData>): Promise<{ projections: string[]; checkpoint: number }> => {
    const targets = projectionsFor(deps.projections, job.data.target);
    let reported = -1;
    const checkpoint = await rebuildAll(deps.store, deps.readStore, targets, (progress) => {
      const percent = percentOf(progress);
      // Progress is written to the queue: only when the whole percent moves.
      if (percent !== reported) {
        reported = percent;
        void job.reportProgress(percent);
      }
    });
    await job.reportProgress(100);
    return { projections: targets.map((p) => p.name), checkpoint };
  };
