import path from 'node:path';
import { openDatabase, type Database, type DatabaseHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { ensureAdmin } from './bootstrap/admin';
import { seedDemo } from './bootstrap/seed';
import { env } from './env';
import { log } from './log';

const globalForDb = globalThis as unknown as { __talasDb?: Promise<DatabaseHandle> };

/**
 * Opens the database once per process (PGlite under DATA_DIR, or PostgreSQL with DATABASE_URL),
 * applies migrations, creates the configured admin and seeds demo data. Shared through globalThis:
 * server.ts and Next's bundles must use the one instance (two PGlite instances corrupt a directory).
 */
export function databaseHandle(): Promise<DatabaseHandle> {
  globalForDb.__talasDb ??= initialize().catch((err: unknown) => {
    globalForDb.__talasDb = undefined;
    throw err;
  });
  return globalForDb.__talasDb;
}

export async function database(): Promise<Database> {
  return (await databaseHandle()).db;
}

async function initialize(): Promise<DatabaseHandle> {
  const config = env();
  const handle = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: path.join(config.DATA_DIR, 'pglite'),
  });
  log().info({ driver: handle.driver }, 'database opened');
  await runMigrations(handle);
  await ensureAdmin(handle.db);
  if (config.SEED_DEMO) await seedDemo(handle.db);
  return handle;
}

/** Tests install a database they built (from a template) instead of the configured one. */
export function installDatabase(handle: DatabaseHandle | undefined): void {
  globalForDb.__talasDb = handle ? Promise.resolve(handle) : undefined;
}

/** Closes the database, letting PGlite checkpoint. */
export async function closeDatabase(): Promise<void> {
  const pending = globalForDb.__talasDb;
  globalForDb.__talasDb = undefined;
  if (pending) await (await pending.catch(() => undefined))?.close();
}
