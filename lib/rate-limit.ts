import type { RedisClient } from './redis';

export interface Window {
  count: number;
  /** Epoch milliseconds when the window ends. */
  resetAt: number;
}

/** Fixed-window counters: in memory for one process, in Redis when instances must agree. */
export interface CounterStore {
  peek(key: string): Promise<Window | null>;
  increment(key: string, windowMs: number): Promise<Window>;
  reset(key: string): Promise<void>;
}

export class MemoryCounterStore implements CounterStore {
  private readonly windows = new Map<string, Window>();
  private lastSweep = Date.now();

  async peek(key: string): Promise<Window | null> {
    const w = this.windows.get(key);
    if (!w || w.resetAt <= Date.now()) return null;
    return { ...w };
  }

  async increment(key: string, windowMs: number): Promise<Window> {
    const now = Date.now();
    this.sweep(now);
    const current = this.windows.get(key);
    const next =
      current && current.resetAt > now
        ? { count: current.count + 1, resetAt: current.resetAt }
        : { count: 1, resetAt: now + windowMs };
    this.windows.set(key, next);
    return { ...next };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  /** Drops ended windows now and then so an attack on many keys cannot grow the map forever. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}

export class RedisCounterStore implements CounterStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix = 'talas:rl:',
  ) {}

  async peek(key: string): Promise<Window | null> {
    const k = this.prefix + key;
    const [count, ttl] = await this.client.multi().get(k).pTTL(k).exec();
    if (count === null || count === undefined || Number(ttl) <= 0) return null;
    return { count: Number(count), resetAt: Date.now() + Number(ttl) };
  }

  async increment(key: string, windowMs: number): Promise<Window> {
    const k = this.prefix + key;
    // NX: only the first hit of a window sets its end.
    const [count, , ttl] = await this.client
      .multi()
      .incr(k)
      .pExpire(k, windowMs, 'NX')
      .pTTL(k)
      .exec();
    return { count: Number(count), resetAt: Date.now() + Math.max(Number(ttl), 0) };
  }

  async reset(key: string): Promise<void> {
    await this.client.del(this.prefix + key);
  }
}
