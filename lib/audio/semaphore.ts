/** A counting semaphore: at most `limit` holders at once, the rest served first come, first served. */
export class Semaphore {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('Semaphore limit must be a positive integer');
  }

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with a release function once a slot is free; call it exactly once (extra calls are ignored). */
  async acquire(): Promise<() => void> {
    if (this.running < this.limit) {
      this.running++;
    } else {
      // The releasing holder hands its slot over directly, so `running` never dips and no one jumps the queue.
      await new Promise<void>((resolve) => this.queue.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    };
  }
}
