// npm run db:migrate – applies committed migrations to the configured database (PGlite under
// DATA_DIR, or DATABASE_URL), as the server does at start. Do not run it while the server is using
// the same PGlite directory: only one process may open it.
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { env, EnvError } from '@/lib/env';

try {
  const config = env();
  const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: path.join(config.DATA_DIR, 'pglite') });
  await runMigrations(handle);
  await handle.close();
  console.log(`migrations applied (${handle.driver})`);
} catch (err) {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
}
