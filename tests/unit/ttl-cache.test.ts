import { afterEach, describe, expect, it, vi } from 'vitest';
import { scopeOf, sharedCache, TtlCache } from '@/lib/cache/ttl-cache';

afterEach(() => vi.useRealTimers());

describe('TtlCache', () => {
  it('answers from the cache until the entry expires, then loads again', async () => {
    vi.useFakeTimers();
    const cache = new TtlCache<string, number>(1_000, 10);
    let loads = 0;
    const loader = async () => ++loads;
    expect(await cache.load('a', loader)).toBe(1);
    expect(await cache.load('a', loader)).toBe(1);
    vi.advanceTimersByTime(1_001);
    expect(await cache.load('a', loader)).toBe(2);
  });

  it('never keeps "not found", so a new row shows at once', async () => {
    const cache = new TtlCache<string, number>(60_000, 10);
    expect(await cache.load('a', async () => undefined)).toBeUndefined();
    expect(await cache.load('a', async () => 7)).toBe(7);
  });

  it('drops a load that was under way when the cache was cleared (it may have read the old row)', async () => {
    const cache = new TtlCache<string, string>(60_000, 10);
    let finish!: (v: string) => void;
    const slow = cache.load('a', () => new Promise<string>((r) => (finish = r)));
    cache.clear();
    finish('old');
    expect(await slow).toBe('old');
    expect(await cache.load('a', async () => 'new')).toBe('new');
  });

  it('holds at most maxEntries, dropping the oldest', async () => {
    const cache = new TtlCache<number, number>(60_000, 2);
    for (const k of [1, 2, 3]) await cache.load(k, async () => k);
    expect(cache.size).toBe(2);
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(3)).toBe(3);
  });
});

describe('sharedCache and scopeOf', () => {
  it('give one cache per name to the whole process, and one stable number per database', () => {
    expect(sharedCache('t', 1, 1)).toBe(sharedCache('t', 1, 1));
    const a = {};
    const b = {};
    expect(scopeOf(a)).toBe(scopeOf(a));
    expect(scopeOf(a)).not.toBe(scopeOf(b));
  });
});
