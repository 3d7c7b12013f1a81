/**
 * A lease: at most one live owner of a name at a time, for a bounded time. The projector of
 * the production stack takes one so that only one of its instances projects; the others
 * stand by and take over when the holder stops renewing (it crashed, hung or lost its network).
 *
 * A lease is advisory: it avoids wasted work, not double application (see leased.ts).
 */
export interface Lease {
  /** What is leased, e.g. `projector`. */
  readonly name: string;
  /** This instance's id (COLLEGIUM_INSTANCE_ID); the lease is held by an owner, not a connection. */
  readonly owner: string;
  /** The lease expires this long after its last acquire or renewal unless renewed again. */
  readonly ttlMs: number;
  /** Takes the lease when it is free, expired or already ours (then it is extended). */
  acquire(): Promise<boolean>;
  /** Extends the lease only while we still hold it; false means it was lost (expired, or taken since). */
  renew(): Promise<boolean>;
  /** Gives the lease up at once when we hold it; never frees another owner's lease. */
  release(): Promise<void>;
  /** The current owner of an unexpired lease, or null. */
  holder(): Promise<string | null>;
}

/** A lease adapter with the connection it opened. */
export interface LeaseHandle extends Lease {
  /** Closes the adapter's own connection (without releasing the lease). */
  close(): Promise<void>;
}

export interface LeaseOptions {
  readonly name: string;
  readonly owner: string;
  readonly ttlMs: number;
}

/** Rejects options that would make a lease meaningless, naming the field. */
export const checkLeaseOptions = (options: LeaseOptions): void => {
  if (!options.name) throw new Error('A lease needs a name');
  if (!options.owner) throw new Error(`Lease ${options.name}: an owner id is needed`);
  if (!Number.isInteger(options.ttlMs) || options.ttlMs < 1) throw new Error(`Lease ${options.name}: ttlMs must be a positive integer (got ${options.ttlMs})`);
};
