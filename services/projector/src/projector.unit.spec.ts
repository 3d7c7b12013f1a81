/** Which projections the live projector moves together, and how far. */
import { nextGroup } from './projector';

describe('nextGroup', () => {
  it('takes the lanes furthest behind, up to the next lane ahead of them', () => {
    expect(nextGroup([700, 300, 300, 900], new Set())).toEqual({ lanes: [1, 2], from: 300, until: 700 });
  });

  it('takes every lane, without bound, once all stand together', () => {
    expect(nextGroup([500, 500, 500], new Set())).toEqual({ lanes: [0, 1, 2], from: 500, until: Number.POSITIVE_INFINITY });
  });

  it('passes over lanes that failed in this catch-up', () => {
    expect(nextGroup([100, 300, 300], new Set([0]))).toEqual({ lanes: [1, 2], from: 300, until: Number.POSITIVE_INFINITY });
    expect(nextGroup([100, 300], new Set([0, 1]))).toBeNull();
  });
});
