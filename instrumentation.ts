// Under plain `next start` (no server.ts), open and migrate the database at boot rather than on the
// first request. Under server.ts the database is already open and this is a no-op.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { databaseHandle } = await import('./lib/database');
  const { log } = await import('./lib/log');
  await databaseHandle().catch((err: unknown) => log().error({ err }, 'database not ready at start'));
}
