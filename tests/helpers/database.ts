import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@/db/client';

/** Made once per run by tests/setup/integration-global.ts. */
const templateInfo = () => ({
  pgliteDump: inject('pgliteTemplate'),
  postgresUrl: process.env.TEST_DATABASE_URL,
  postgresTemplate: inject('postgresTemplate'),
});

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh, migrated database for one test file: a copy of the template made once per run, on PGlite
 * (from a dump) or on PostgreSQL (CREATE DATABASE … TEMPLATE) when TEST_DATABASE_URL is set.
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { engine: string }> {
  const info = templateInfo();
  if (info.postgresUrl && info.postgresTemplate) {
    const name = `talas_t_${randomBytes(6).toString('hex')}`;
    const admin = postgres(info.postgresUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${info.postgresTemplate}"`);
    await admin.end();
    const handle = await openDatabase({ databaseUrl: withDatabase(info.postgresUrl, name), maxConnections: 5 });
    return {
      ...handle,
      engine: 'postgres',
      close: async () => {
        await handle.close();
        const dropper = postgres(info.postgresUrl!, { max: 1, onnotice: () => {} });
        await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
        await dropper.end();
      },
    };
  }
  if (!info.pgliteDump) throw new Error('No test database template: run through vitest (integration project)');
  const dump = new Blob([readFileSync(info.pgliteDump)]);
  const handle = await openDatabase({ pgliteDir: 'memory://', pgliteDump: dump });
  return { ...handle, engine: 'pglite' };
}
