import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { DatabaseHandle } from './client';

/** Resolved from the working directory: Next bundles this file elsewhere, the app runs from its root. */
export function migrationsFolder(): string {
  return path.resolve(process.cwd(), 'db/migrations');
}

// Any constant shared by every instance: two instances starting together must not migrate at once.
const MIGRATION_LOCK = 7_305_122_001;

export async function runMigrations(handle: DatabaseHandle, folder = migrationsFolder()): Promise<void> {
  if (handle.driver === 'pglite') {
    // drizzle's migrator is typed per driver; the handle's db is the PGlite one here.
    await migratePglite(handle.db as never, { migrationsFolder: folder });
    return;
  }
  // Hold a session-level lock on one reserved connection for the whole run.
  await withSessionLock(handle, () => migratePostgres(handle.db as never, { migrationsFolder: folder }));
}

async function withSessionLock(handle: DatabaseHandle, fn: () => Promise<void>): Promise<void> {
  const client = (handle.db as unknown as { $client: import('postgres').Sql }).$client;
  const reserved = await client.reserve();
  try {
    await reserved`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await fn();
  } finally {
    await reserved`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    reserved.release();
  }
}
