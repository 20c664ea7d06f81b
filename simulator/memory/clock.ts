// The in-memory engine's agenda: what happens next, in time order. A workflow that wants to look
// again at `at` is woken then; a scenario step happens at its instant. Ties keep insertion order, so
// a day's events keep their order in the file and a timer set earlier fires first.
export interface TAgendaItem<T> {
  at: number;
  seq: number;
  item: T;
}

/** A binary heap on (at, seq): O(log n) per wake-up, so 1,000 two-year lifecycles stay cheap. */
export class Agenda<T> {
  private heap: TAgendaItem<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, item: T): void {
    this.heap.push({ at, seq: this.seq++, item });
    this.up(this.heap.length - 1);
  }

  peek(): TAgendaItem<T> | undefined {
    return this.heap[0];
  }

  pop(): TAgendaItem<T> | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top && last && this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    [this.heap[a], this.heap[b]] = [this.heap[b]!, this.heap[a]!];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.heap.length && this.less(l, m)) m = l;
      if (r < this.heap.length && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
