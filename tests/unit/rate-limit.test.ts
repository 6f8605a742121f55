import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCounterStore, RedisCounterStore, type CounterStore } from '@/lib/rate-limit';
import { connectRedis, type RedisClient } from '@/lib/redis';

let redis: RedisClient;
beforeAll(async () => {
  redis = await connectRedis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
});
afterAll(() => redis?.close());

const stores: [string, () => CounterStore][] = [
  ['memory', () => new MemoryCounterStore()],
  ['redis', () => new RedisCounterStore(redis, `talas:test:${randomUUID()}:`)],
];

describe.each(stores)('%s counter store', (_name, make) => {
  it('counts hits within a window and keeps its end', async () => {
    const store = make();
    const first = await store.increment('k', 60_000);
    const second = await store.increment('k', 60_000);
    expect(first.count).toBe(1);
    expect(second.count).toBe(2);
    expect(Math.abs(second.resetAt - first.resetAt)).toBeLessThan(50);
    expect(await store.peek('k')).toMatchObject({ count: 2 });
  });

  it('starts a new window once the old one ends', async () => {
    const store = make();
    await store.increment('w', 100);
    await store.increment('w', 100);
    await new Promise((r) => setTimeout(r, 150));
    expect(await store.peek('w')).toBeNull();
    expect((await store.increment('w', 100)).count).toBe(1);
  });

  it('resets a key and keeps keys apart', async () => {
    const store = make();
    await store.increment('a', 60_000);
    await store.increment('b', 60_000);
    await store.reset('a');
    expect(await store.peek('a')).toBeNull();
    expect(await store.peek('b')).toMatchObject({ count: 1 });
  });
});

describe('redis counter store', () => {
  it('is shared by two instances (two servers see one count)', async () => {
    const prefix = `talas:test:${randomUUID()}:`;
    const other = await connectRedis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      await new RedisCounterStore(redis, prefix).increment('shared', 60_000);
      await new RedisCounterStore(other, prefix).increment('shared', 60_000);
      expect(await new RedisCounterStore(redis, prefix).peek('shared')).toMatchObject({ count: 2 });
    } finally {
      await other.close();
    }
  });
});
