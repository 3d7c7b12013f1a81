/**
 * A Bloom filter over strings: answers "maybe added" or "certainly not added" in a fixed
 * amount of memory. A rebuild writes into a fresh generation that only it writes to, so a
 * document it never evicted from its cache cannot be in the store: it records evictions
 * here and skips the read for every other document it has not seen (most of them: a
 * rebuild mostly creates documents). A false "maybe" only costs that read.
 */
export class StringBloom {
  private readonly bits: Uint32Array;

  /** `bits`: a power of two. The default (8 Mbit, 1 MB) keeps false positives near 1 in 10,000 up to ~250k entries. */
  constructor(
    private readonly size = 1 << 23,
    private readonly hashes = 4,
  ) {
    if (size <= 0 || (size & (size - 1)) !== 0) throw new RangeError(`StringBloom size must be a power of two, not ${size}`);
    this.bits = new Uint32Array(Math.max(1, size >>> 5));
  }

  add(value: string): void {
    const [h1, h2] = hashPair(value);
    for (let i = 0; i < this.hashes; i++) {
      const bit = (h1 + Math.imul(i, h2)) & (this.size - 1);
      this.bits[bit >>> 5] = (this.bits[bit >>> 5] as number) | (1 << (bit & 31));
    }
  }

  mightContain(value: string): boolean {
    const [h1, h2] = hashPair(value);
    for (let i = 0; i < this.hashes; i++) {
      const bit = (h1 + Math.imul(i, h2)) & (this.size - 1);
      if (((this.bits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two independent 32-bit hashes (FNV-1a and a multiply-xorshift), for double hashing. */
const hashPair = (value: string): [number, number] => {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // Odd, so the probes of one value never collapse onto a single bit.
  return [a >>> 0, (b | 1) >>> 0];
};
