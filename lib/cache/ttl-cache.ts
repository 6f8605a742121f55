/**
 * A small in-process cache of rows that hot paths read on every request (the caller's session, the
 * track a player seeks in). Entries live `ttlMs`, which bounds how stale another instance can be; this
 * instance's own writes call `clear()`, so here a change shows at once.
 *
 * A load that started before a `clear()` does not store its (possibly stale) answer: each clear starts a
 * new generation, and `load` only keeps what it read within one.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > Date.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** The cached value, else the loader's; `undefined` (not found) is never cached, so new rows show at once. */
  async load(key: K, loader: () => Promise<V | undefined>): Promise<V | undefined> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const generation = this.generation;
    const value = await loader();
    if (value !== undefined && generation === this.generation) this.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

const registry = globalThis as unknown as { __talasCaches?: Map<string, TtlCache<unknown, unknown>> };

/**
 * One cache per name for the whole process: Next's bundle and server.ts's bundle each hold their own
 * copy of this module, and a write through one must clear what the other reads.
 */
export function sharedCache<K, V>(name: string, ttlMs: number, maxEntries: number): TtlCache<K, V> {
  registry.__talasCaches ??= new Map();
  let cache = registry.__talasCaches.get(name);
  if (!cache) registry.__talasCaches.set(name, (cache = new TtlCache<unknown, unknown>(ttlMs, maxEntries)));
  return cache as TtlCache<K, V>;
}

const scopes = globalThis as unknown as { __talasCacheScopes?: { ids: WeakMap<object, number>; next: number } };

/**
 * A number naming a database in cache keys: a process holds one database, but tests open several,
 * whose row ids overlap. (Clearing is per cache, for all of them: writes are rare.)
 */
export function scopeOf(db: object): number {
  const registry = (scopes.__talasCacheScopes ??= { ids: new WeakMap(), next: 1 });
  let scope = registry.ids.get(db);
  if (scope === undefined) registry.ids.set(db, (scope = registry.next++));
  return scope;
}
