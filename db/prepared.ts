import type { Database } from './client';

/**
 * Statements built once per database handle (drizzle's `.prepare()` with placeholders): a hot path then
 * only binds its values, instead of building the SQL text anew on every call. A transaction is its own
 * handle and gets its own.
 */
export function preparedPerDatabase<T>(build: (db: Database) => T): (db: Database) => T {
  const built = new WeakMap<Database, T>();
  return (db) => {
    let statements = built.get(db);
    if (!statements) built.set(db, (statements = build(db)));
    return statements;
  };
}
