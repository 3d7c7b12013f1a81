import { StringBloom } from './bloom';

describe('StringBloom', () => {
  it('never forgets what was added', () => {
    const bloom = new StringBloom(1 << 16);
    const added = Array.from({ length: 2_000 }, (_, i) => `activity\u0000community-${i}:2025-2026`);
    added.forEach((s) => bloom.add(s));
    expect(added.every((s) => bloom.mightContain(s))).toBe(true);
  });

  it('says "certainly not" for nearly everything else', () => {
    const bloom = new StringBloom(1 << 20);
    for (let i = 0; i < 20_000; i++) bloom.add(`meetings\u0000meeting-${i}`);
    let falsePositives = 0;
    for (let i = 20_000; i < 120_000; i++) if (bloom.mightContain(`meetings\u0000meeting-${i}`)) falsePositives++;
    // 20k entries in 1 Mbit with 4 probes: expected ~0.24 %.
    expect(falsePositives / 100_000).toBeLessThan(0.01);
  });

  it('starts empty and refuses a size that is not a power of two', () => {
    expect(new StringBloom(1 << 10).mightContain('anything')).toBe(false);
    expect(() => new StringBloom(1000)).toThrow(RangeError);
  });
});
