// npm run db:seed – creates the ADMIN_EMAIL admin and the demo data (idempotent), whatever SEED_DEMO says.
import { closeDatabase, database } from '@/lib/database';
import { seedDemo } from '@/lib/bootstrap/seed';
import { env, EnvError } from '@/lib/env';

try {
  env();
  await seedDemo(await database());
  await closeDatabase();
  console.log('demo data in place');
} catch (err) {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
}
