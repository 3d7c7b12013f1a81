import { evictBeyondBudget, type Keeping } from './dashboards';

const keeping = (weights: Record<string, number | undefined>): Keeping => ({
  dashboards: new Map(Object.keys(weights).map((key) => [key, Promise.resolve(key)])),
  weights: new Map(Object.entries(weights).flatMap(([key, weight]) => (weight === undefined ? [] : [[key, weight] as const]))),
});

describe('kept dashboards', () => {
  it('forget the least recently viewed until the rest fit the budget', () => {
    const k = keeping({ a: 40, b: 30, c: 20, d: 10 });
    evictBeyondBudget(k, 35);
    expect([...k.dashboards.keys()]).toEqual(['c', 'd']);
    expect([...k.weights.keys()]).toEqual(['c', 'd']);
  });

  it('keep everything within the budget, and one still computing weighs nothing yet', () => {
    const k = keeping({ a: 10, b: undefined, c: 20 });
    evictBeyondBudget(k, 30);
    expect([...k.dashboards.keys()]).toEqual(['a', 'b', 'c']);
  });

  it('always keep the newest, however heavy', () => {
    const k = keeping({ a: 10, b: 500 });
    evictBeyondBudget(k, 100);
    expect([...k.dashboards.keys()]).toEqual(['b']);
  });
});
