import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

/**
 * PGlite with a statement cache, as postgres.js keeps one per PostgreSQL connection: each statement
 * drizzle sends (same text, parameters apart) is parsed once as a named prepared statement, then only
 * bound and executed, in one call into the engine instead of six. Parsing and planning in WebAssembly
 * is a large part of a query's cost (a search statement: 4–8 ms of 15–25), so the embedded database
 * answers much faster; once PostgreSQL's plan cache settles on a generic plan, planning goes too.
 *
 * Only DML (select, insert, update, delete, with) is cached: DDL and session commands (migrations,
 * BEGIN, SET) keep PGlite's own path. The pinned PGlite's lock methods (`_runExclusive*`, declared in
 * its typings) keep a cached statement from running inside someone else's transaction, as PGlite's
 * own `query` does.
 */

/**
 * Marks a statement (anywhere in its text, as an SQL comment) to run with a generic plan on PGlite, planned
 * once for every parameter value. For statements whose best plan does not depend on the values (search: its
 * tiers read the same indexes whatever the words) that saves the replanning PostgreSQL otherwise keeps
 * doing when a custom plan looks cheaper: 4–6 ms a search in WebAssembly. PostgreSQL proper ignores it.
 */
export const GENERIC_PLAN = '/* talas:generic-plan */';

/** Enough for every statement the app sends; the least recently used one is closed beyond it. */
export const STATEMENT_CACHE_SIZE = 256;

const CACHEABLE = /^\s*(select|insert|update|delete|with)\b/i;

interface Prepared {
  name: string;
  /** Parameter type OIDs, to serialize values as PGlite's own query does. */
  types: number[];
}

interface Locks {
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  serializers: Record<number, (value: unknown) => string>;
  parsers: Record<number, (value: string, typeId?: number) => unknown>;
}

const serialize = protocol.serialize;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The cache of one PGlite instance; every method runs under the instance's query lock. */
class StatementCache {
  private readonly statements = new Map<string, Prepared>();
  private counter = 0;

  constructor(private readonly pg: PGlite & Locks) {}

  /** `session`: outside any transaction, where a SET takes effect (and is undone) at once. */
  async run<T>(text: string, params: unknown[], options: QueryOptions | undefined, session = false): Promise<Results<T>> {
    if (!session || !text.includes(GENERIC_PLAN)) return this.execute<T>(text, params, options);
    await this.exec(serialize.query('SET plan_cache_mode = force_generic_plan'), text, []);
    try {
      return await this.execute<T>(text, params, options);
    } finally {
      await this.exec(serialize.query('RESET plan_cache_mode'), text, []);
    }
  }

  private async execute<T>(text: string, params: unknown[], options: QueryOptions | undefined): Promise<Results<T>> {
    const statement = await this.prepared(text, options);
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const type = statement.types[i]!;
      const serializer = options?.serializers?.[type] ?? this.pg.serializers[type];
      return serializer ? serializer(value) : String(value);
    });
    const messages = await this.exec(
      concat([serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
      text,
      params,
    );
    return parse.parseResults(messages, this.pg.parsers, options)[0] as Results<T>;
  }

  private async prepared(text: string, options: QueryOptions | undefined): Promise<Prepared> {
    const known = this.statements.get(text);
    if (known) {
      // Most recently used last, so the first entry is the one to close.
      this.statements.delete(text);
      this.statements.set(text, known);
      return known;
    }
    if (this.statements.size >= STATEMENT_CACHE_SIZE) {
      const [oldestText, oldest] = this.statements.entries().next().value!;
      this.statements.delete(oldestText);
      await this.exec(concat([serialize.close({ type: 'S', name: oldest.name }), serialize.sync()]), text, []);
    }
    const name = `talas_${++this.counter}`;
    const messages = await this.exec(
      concat([serialize.parse({ name, text, types: options?.paramTypes }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      text,
      [],
    );
    const prepared = { name, types: parse.parseDescribeStatementResults(messages) };
    this.statements.set(text, prepared);
    return prepared;
  }

  /** Sends protocol messages ending in Sync (so an error leaves the session ready for the next). */
  private async exec(message: Uint8Array, text: string, params: unknown[]) {
    try {
      return await this.pg.execProtocolStream(message, { syncToFs: false });
    } catch (err) {
      // As PGlite's own query does: say which statement failed.
      if (err && typeof err === 'object') Object.assign(err, { query: text, params });
      throw err;
    }
  }
}

const caches = new WeakMap<PGlite, StatementCache>();

function cacheOf(pg: PGlite): StatementCache {
  let cache = caches.get(pg);
  if (!cache) {
    cache = new StatementCache(pg as PGlite & Locks);
    caches.set(pg, cache);
  }
  return cache;
}

function cacheable(text: string, options: QueryOptions | undefined): boolean {
  return CACHEABLE.test(text) && !options?.blob;
}

/** A transaction's `query` through the cache: the transaction already holds the instance's transaction lock. */
function cachedTransaction(pg: PGlite, tx: Transaction): Transaction {
  const locks = pg as PGlite & Locks;
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === 'query') {
        return <T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> =>
          cacheable(text, options)
            ? locks._runExclusiveQuery(() => cacheOf(pg).run<T>(text, params, options))
            : target.query<T>(text, params, options);
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

/**
 * The PGlite instance with `query` and `transaction` going through the statement cache; everything else
 * (close, dumpDataDir, exec…) is the instance's own.
 */
export function withStatementCache(pg: PGlite): PGlite {
  const locks = pg as PGlite & Locks;
  return new Proxy(pg, {
    get(target, prop) {
      if (prop === 'query') {
        return async <T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> => {
          if (!cacheable(text, options)) return target.query<T>(text, params, options);
          const result = await locks._runExclusiveTransaction(() =>
            locks._runExclusiveQuery(() => cacheOf(target).run<T>(text, params, options, true)),
          );
          // PGlite persists after every statement outside a transaction; so does the cache.
          await target.syncToFs();
          return result;
        };
      }
      if (prop === 'transaction') {
        return <T>(callback: (tx: Transaction) => Promise<T>) => target.transaction((tx) => callback(cachedTransaction(target, tx)));
      }
      const value = Reflect.get(target, prop, target);
      // PGlite keeps its state in private fields: its methods must run on the instance, not the proxy.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
