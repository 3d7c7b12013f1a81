/**
 * An in-process lease for tests of the leased projector, with levers a real adapter lacks:
 * another owner can take it at will and renewals can be made to hang.
 */
import type { LeaseHandle } from '../port';

export interface LeaseBoard {
  holder: string | null;
  expiresAt: number;
  /** While true, renew() never answers (a partitioned Redis). */
  hangRenewals: boolean;
  /** Calls of renew() by any owner. */
  renewals: number;
}

export const createLeaseBoard = (): LeaseBoard => ({ holder: null, expiresAt: 0, hangRenewals: false, renewals: 0 });

export const createMemoryLease = (board: LeaseBoard, owner: string, ttlMs: number, name = 'projector'): LeaseHandle => {
  const live = (): string | null => (board.holder !== null && board.expiresAt > Date.now() ? board.holder : null);
  const take = (): true => {
    board.holder = owner;
    board.expiresAt = Date.now() + ttlMs;
    return true;
  };
  return {
    name,
    owner,
    ttlMs,
    acquire: async () => (live() === null || live() === owner ? take() : false),
    renew: async () => {
      board.renewals++;
      if (board.hangRenewals) return new Promise<boolean>(() => undefined);
      return live() === owner ? take() : false;
    },
    release: async () => {
      if (live() === owner) board.holder = null;
    },
    holder: async () => live(),
    close: async () => undefined,
  };
};

/** Another instance takes the lease (as after this one's expired unnoticed). */
export const stealLease = (board: LeaseBoard, thief: string, ttlMs = 60_000): void => {
  board.holder = thief;
  board.expiresAt = Date.now() + ttlMs;
};
