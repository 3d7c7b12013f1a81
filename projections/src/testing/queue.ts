/**
 * A priority queue of timed actions (a binary heap): the simulation of one community runs
 * its actions in time order, so every stream's events are appended chronologically even
 * though the scenario schedules follow-ups (a completion weeks after an assignment) out of order.
 */
export type Action = (at: number) => void;

interface Entry {
  readonly at: number;
  /** Insertion order breaks ties, so equal times run in a deterministic order. */
  readonly seq: number;
  readonly run: Action;
}

const before = (a: Entry, b: Entry): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export class ActionQueue {
  private readonly heap: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  schedule(at: number, run: Action): void {
    this.heap.push({ at, seq: this.seq++, run });
    this.siftUp(this.heap.length - 1);
  }

  /** The time of the next action, or Infinity when none is left. */
  nextAt(): number {
    return this.heap[0]?.at ?? Infinity;
  }

  pop(): Entry | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.swapIfBefore(i, parent)) return;
      i = parent;
    }
  }

  private siftDown(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.heap.length && before(this.at(left), this.at(smallest))) smallest = left;
      if (right < this.heap.length && before(this.at(right), this.at(smallest))) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private at(i: number): Entry {
    const entry = this.heap[i];
    if (entry === undefined) throw new Error(`ActionQueue: no entry at ${i}`);
    return entry;
  }

  private swapIfBefore(child: number, parent: number): boolean {
    if (!before(this.at(child), this.at(parent))) return false;
    this.swap(child, parent);
    return true;
  }

  private swap(i: number, j: number): void {
    const a = this.at(i);
    this.heap[i] = this.at(j);
    this.heap[j] = a;
  }
}
