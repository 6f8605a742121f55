import type { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema/users';
import type { AuthedCtx } from '@/lib/context';
import { searchStatement } from '@/lib/search/service';
import { createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let me: TestUser;
let ctx: AuthedCtx;

beforeAll(async () => {
  app = await startTestApp();
  me = await createUser(app);
  const [row] = await app.db.select().from(users).where(eq(users.id, me.id));
  ctx = { db: app.db, user: { ...row!, sessionId: 0, familyId: '', via: 'bearer' } } as unknown as AuthedCtx;
  // Enough rows that statistics exist; the plans are then checked with sequential scans disabled.
  await app.db.execute(sql`insert into products (name, brand) select 'Product ' || i, 'Brand ' || (i % 7) from generate_series(1, 300) i`);
  await app.db.execute(sql`insert into tracks (user_id, title, artist, duration, mime_type, size, storage_key, sha256)
    select ${me.id}::int, 'Track ' || i, 'Artist', 1, 'audio/wav', 1, 'k' || i, md5(i::text) || md5(i::text) from generate_series(1, 300) i`);
  await app.db.execute(sql`insert into resources (user_id, title, filename, mime_type, size, storage_key)
    select ${me.id}::int, 'Resource ' || i, 'r.wav', 'audio/wav', 1, 'r' || i from generate_series(1, 300) i`);
  await app.db.execute(sql`analyze`);
});
afterAll(() => app?.close());

/** EXPLAIN of a statement inside a transaction where sequential scans are off. */
async function plan(statement: { sql: string; params: unknown[] }): Promise<string> {
  const text = `explain ${statement.sql}`;
  if (app.handle.driver === 'pglite') {
    const client = (app.db as unknown as { $client: PGlite }).$client;
    return client.transaction(async (tx) => {
      await tx.query('set local enable_seqscan = off');
      const res = await tx.query<Record<string, string>>(text, statement.params as unknown[]);
      return res.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  }
  const client = (app.db as unknown as { $client: Sql }).$client;
  const rows = (await client.begin(async (tx) => {
    await tx.unsafe('set local enable_seqscan = off');
    return tx.unsafe(text, statement.params as never[]);
  })) as unknown as Record<string, string>[];
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('search indexes (db/migrations/0005_search.sql)', () => {
  for (const table of ['users', 'products', 'tracks', 'resources'] as const) {
    it(`GET /api/v1/search – the ${table} query can use both GIN indexes (its expressions match the migration's)`, async () => {
      const text = await plan(await searchStatement(ctx, table, 'Synt ÉLEC'));
      expect(text).toContain(`${table}_search_fts_idx`);
      expect(text).toContain(`${table}_search_fold_trgm_idx`);
    });
  }

  it('GET /api/v1/search – the files query matches its GIN indexes too', async () => {
    const statement = await searchStatement(ctx, 'files', 'manual');
    // The owner condition is usually the better index for files; without it the search indexes must serve.
    const withoutOwner = { ...statement, sql: statement.sql.replace(/"files"\."user_id" = (\$\d+)/, '$1::int is not null') };
    expect(withoutOwner.sql).not.toBe(statement.sql);
    const text = await plan(withoutOwner);
    expect(text).toContain('files_search_fts_idx');
    expect(text).toContain('files_search_fold_trgm_idx');
  });
});
