/**
 * The projector of the production stack, run by several instances of which only the holder
 * of a lease projects: it waits for the lease, projects while it renews it, and stops
 * projecting the moment a renewal says the lease was lost (then stands by again).
 *
 * Safety does not rest on the lease. Every batch is committed together with its checkpoint,
 * naming the checkpoint it started from (`ReadStore.commit(…, from, to)`); the store refuses
 * the commit with CheckpointMismatchError, changing nothing, when the stored checkpoint moved
 * meanwhile. Checked in the adapters: SQLite reads and compares the checkpoint inside BEGIN
 * IMMEDIATE, i.e. under the write lock (infra/readstore/src/sqlite.ts `commitAllInTransaction`);
 * memory compares before applying (memory.ts `commit`); the shared contract, which every
 * adapter (MongoDB too) must pass, has two writers race from one checkpoint and exactly one
 * win. So an instance that still projects after its lease expired (paused by GC, a slow disk,
 * a partition) cannot apply a batch twice; at worst its commits are refused. The lease only
 * keeps the standbys from doing that wasted work. What the checkpoint does not order is which
 * rebuilt generation `activate` swaps in when two instances rebuild at once after a version
 * change: each generation is still exactly-once, and the lease keeps that race rare.
 */
import type { ReadStore, StreamedCommit } from '@collegium/readstore';
import type { Lease } from './lease/port';
import { startProjector, type ProjectorOptions, type RunningProjector } from './runner';

export interface LeasedProjectorOptions extends ProjectorOptions {
  readonly lease: Lease;
  /** How often the holder renews (default a third of the TTL: two renewals may fail before it expires). */
  readonly renewEveryMs?: number;
  /** How often a standby tries to take the lease (default: renewEveryMs). */
  readonly acquireEveryMs?: number;
  /** Told each time this instance starts or stops holding the lease, and why it stopped. */
  readonly onLeaseChange?: (held: boolean, reason?: TermEnd) => void;
}

export interface LeasedProjector {
  /** Whether this instance holds the lease and projects. */
  held(): boolean;
  /** The projector's position while projecting; null while standing by. */
  position(): number | null;
  /** Resolves true once this instance holds the lease, false after `timeoutMs`. */
  waitUntilHeld(timeoutMs: number): Promise<boolean>;
  /** Stops projecting, then releases the lease so a standby takes over without waiting for the TTL. */
  stop(): Promise<void>;
}

/** Refuses the writes of an instance whose term ended; thrown out of the projector's batch loop. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

/** Lets the event loop turn once: timers that are due (the renewal) run before the caller goes on. */
const yieldToTimers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The read store as one term sees it: once the term is over its writes are refused before they
 * reach the store. The projector's catch-up runs batch after batch until the head without a
 * stop check, so this is what makes "stop projecting" immediate with a backlog.
 *
 * Each write (a commit, a streamed commit's end, an activation) first yields to the event loop. With the SQLite adapters every step of a batch is
 * synchronous and each `await` resolves at once, so a catch-up over a backlog never gives the
 * timers a turn: the renewal would fire only after the whole backlog, long after the lease
 * expired (seen in the failover test). One turn per batch keeps renewals on time.
 */
const gatedReadStore = (readStore: ReadStore, term: { readonly over: boolean }, lease: Lease): ReadStore => {
  const refuseAfterTerm =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await yieldToTimers();
      if (term.over) throw new LeaseLostError(`Lease ${lease.name}: ${lease.owner}'s term is over`);
      return write(...args);
    };
  // A proxy rather than a spread: an adapter may keep its methods on a prototype.
  return new Proxy(readStore, {
    get: (target, property) => {
      if (property === 'commit') return refuseAfterTerm(target.commit.bind(target));
      if (property === 'activate') return refuseAfterTerm(target.activate.bind(target));
      if (property === 'openCommit') {
        return (...args: Parameters<ReadStore['openCommit']>): StreamedCommit => {
          const open = target.openCommit(...args);
          return { write: open.write.bind(open), abort: open.abort.bind(open), commit: refuseAfterTerm(open.commit.bind(open)) };
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
};

type RenewOutcome = 'renewed' | 'lost' | 'unknown';

/** Why a term of holding the lease ended: lost (renewal refused or too late), stopped, or the projector failed. */
export type TermEnd = 'lost' | 'stopped' | 'failed';

/** A sleep that `wake` ends early (on stop). */
const napper = () => {
  const wakers = new Set<() => void>();
  return {
    nap: (ms: number): Promise<void> =>
      new Promise((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          wakers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        wakers.add(done);
      }),
    wake: (): void => [...wakers].forEach((done) => done()),
  };
};

/**
 * One renewal, given up after `deadlineMs`: an answer that arrives after the lease would have
 * expired cannot be trusted, so a timeout counts as lost. An error (Redis briefly unreachable)
 * is 'unknown': the caller may try again while the lease is still valid.
 */
const renewWithin = (lease: Lease, deadlineMs: number): Promise<RenewOutcome> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve('lost'), Math.max(0, deadlineMs));
    lease.renew().then(
      (ok) => {
        clearTimeout(timer);
        resolve(ok ? 'renewed' : 'lost');
      },
      () => {
        clearTimeout(timer);
        resolve('unknown');
      },
    );
  });

export const startLeasedProjector = async (options: LeasedProjectorOptions): Promise<LeasedProjector> => {
  const { lease } = options;
  const renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(lease.ttlMs / 3));
  const acquireEveryMs = options.acquireEveryMs ?? renewEveryMs;
  if (renewEveryMs >= lease.ttlMs) throw new Error(`renewEveryMs (${renewEveryMs}) must be shorter than the lease TTL (${lease.ttlMs})`);
  const report = (error: unknown): void => options.onError?.('lease', error);
  const { nap, wake } = napper();
  let stopping = false;
  let projector: RunningProjector | null = null;
  let holding = false;

  const setHeld = (held: boolean, reason?: TermEnd): void => {
    if (held === holding) return;
    holding = held;
    options.onLeaseChange?.(held, reason);
  };

  /** The time the lease is known valid until, or null when it was not taken. Measured from before the request, so it errs early. */
  const tryAcquire = async (): Promise<number | null> => {
    const sentAt = Date.now();
    try {
      return (await lease.acquire()) ? sentAt + lease.ttlMs : null;
    } catch (error) {
      report(error);
      return null;
    }
  };

  const endTerm = <E extends TermEnd>(term: { over: boolean }, end: E): E => {
    term.over = true;
    return end;
  };

  /** Renews until the lease is lost, the instance stops, or `term.over` is set; then the term is over. */
  const keepRenewing = async (validUntil: number, term: { over: boolean }): Promise<'lost' | 'stopped'> => {
    for (;;) {
      await nap(Math.min(renewEveryMs, Math.max(0, validUntil - Date.now())));
      if (stopping || term.over) return endTerm(term, 'stopped');
      const sentAt = Date.now();
      const remaining = validUntil - sentAt;
      if (remaining <= 0) return endTerm(term, 'lost');
      const outcome = await renewWithin(lease, remaining);
      if (outcome === 'lost') return endTerm(term, 'lost');
      if (outcome === 'renewed') validUntil = sentAt + lease.ttlMs;
    }
  };

  /** Projects while the lease holds; returns once it is lost or the instance stops. */
  const serveTerm = async (validUntil: number): Promise<TermEnd> => {
    setHeld(true);
    const term = { over: false };
    // Renewal starts before the projector: its start may rebuild a projection, which can outlast the TTL.
    const renewal = keepRenewing(validUntil, term);
    let started: RunningProjector | null = null;
    let end: TermEnd = 'failed';
    const onError = (projection: string, error: unknown): void => {
      if (!(error instanceof LeaseLostError)) options.onError?.(projection, error);
    };
    try {
      started = await startProjector({ ...options, readStore: gatedReadStore(options.readStore, term, lease), onError });
      projector = started;
      end = await renewal;
    } catch (error) {
      // The start (a rebuild) was cut short by the end of the term, or failed on its own.
      const cutShort = error instanceof LeaseLostError;
      term.over = true;
      wake();
      const renewalEnd = await renewal;
      if (cutShort) {
        end = renewalEnd;
      } else {
        report(error);
        // Let another instance try: this one may be the problem (a full disk, a bad deployment).
        await lease.release().catch(report);
      }
    } finally {
      projector = null;
      // Stopping waits for the batch in flight; its commit is safe either way (see the header).
      await started?.stop().catch(report);
      setHeld(false, end);
    }
    return end;
  };

  const run = async (): Promise<void> => {
    while (!stopping) {
      const validUntil = await tryAcquire();
      // After a failed or lost term too: give the others a turn rather than spin.
      if (validUntil === null || stopping || (await serveTerm(validUntil)) !== 'stopped') await nap(acquireEveryMs);
    }
  };

  const loop = run();

  return {
    held: () => holding,
    position: () => projector?.position() ?? null,
    async waitUntilHeld(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!holding || !projector) {
        if (Date.now() > deadline || stopping) return false;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return true;
    },
    async stop() {
      if (stopping) return loop;
      stopping = true;
      wake();
      await loop;
      // Released even when not held: release only deletes a lease that names us.
      await lease.release().catch(report);
    },
  };
};
