import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { withDatabase } from '../helpers/database';

const root = path.resolve(import.meta.dirname, '../..');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The integration suite drives the real Next.js build: rebuild when a source is newer than it. */
function ensureBuild(): void {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  const buildId = path.join(root, distDir, 'BUILD_ID');
  const sources = ['app', 'lib', 'db', 'components'].map((d) => newestSource(path.join(root, d)));
  sources.push(...['proxy.ts', 'next.config.mjs', 'instrumentation.ts'].map((f) => statSync(path.join(root, f)).mtimeMs));
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...sources)) return;
  console.log(`[integration] building the app into ${distDir} …`);
  execSync('npx next build', { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate?: string;
    postgresTemplate?: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.SKIP_BUILD !== 'true') {
    ensureBuild();
    execSync('node scripts/build-server.mjs', { cwd: root, stdio: 'inherit' });
  }
  const tmp = path.join(root, '.tmp');
  mkdirSync(tmp, { recursive: true });

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `talas_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${template}"`);
    const handle = await openDatabase({ databaseUrl: withDatabase(url, template), maxConnections: 2 });
    await runMigrations(handle);
    await handle.close();
    project.provide('postgresTemplate', template);
    return async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).catch(() => {});
      await admin.end();
    };
  }

  const handle = await openDatabase({ pgliteDir: 'memory://' });
  await runMigrations(handle);
  const dump = await (handle as unknown as { db: { $client: import('@electric-sql/pglite').PGlite } }).db.$client.dumpDataDir('gzip');
  await handle.close();
  const file = path.join(tmp, `pglite-template-${process.pid}.tgz`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => rmSync(file, { force: true });
}
