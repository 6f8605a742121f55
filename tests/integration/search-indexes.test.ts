import { rowsOf } from '@/db/client';
import { eq, sql, TransactionRollbackError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema/users';
import type { AuthedCtx } from '@/lib/context';
import { explainSearch } from '@/lib/search/service';
import { createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let me: TestUser;
let other: TestUser;
let ctx: AuthedCtx;

beforeAll(async () => {
  app = await startTestApp();
  [me, other] = await Promise.all([createUser(app), createUser(app)]);
  const [row] = await app.db.select().from(users).where(eq(users.id, me.id));
  ctx = { db: app.db, user: { ...row!, sessionId: 0, familyId: '', via: 'bearer' } } as unknown as AuthedCtx;
  // Someone else's public rows: statistics, and enough rows that reading every visible one costs more
  // than the search indexes.
  const n = 1000;
  await app.db.execute(sql`insert into products (name, brand) select 'Product ' || i, 'Brand ' || (i % 7) from generate_series(1, ${n}::int) i`);
  await app.db.execute(sql`insert into tracks (user_id, title, artist, duration, mime_type, size, storage_key, sha256)
    select ${other.id}::int, 'Track ' || i, 'Artist', 1, 'audio/wav', 1, 'k' || i, md5(i::text) || md5(i::text) from generate_series(1, ${n}::int) i`);
  await app.db.execute(sql`insert into resources (user_id, title, filename, mime_type, size, storage_key)
    select ${other.id}::int, 'Resource ' || i, 'r.wav', 'audio/wav', 1, 'r' || i from generate_series(1, ${n}::int) i`);
  await app.db.execute(sql`insert into files (user_id, filename, mime_type, size, storage_key, sha256)
    select case when i <= 50 then ${me.id}::int else ${other.id}::int end, 'manual-' || i || '.pdf', 'application/pdf', 1,
      'f' || i, md5(i::text) || md5(i::text) from generate_series(1, ${n}::int) i`);
  await app.db.execute(sql`analyze`);
}, 120_000);
afterAll(() => app?.close());

/**
 * The plan with sequential scans priced out and the table's other indexes dropped (inside a transaction
 * that is rolled back). On tables this small the planner rightly prefers reading every visible row
 * through the visibility indexes, and which one it picks depends on the sampled statistics; without them
 * the plan shows what the search indexes serve (every expression matches its index), as at 100k rows
 * (`npm run bench -- search` prints those plans).
 */
async function explainWithIndexes(type: Parameters<typeof explainSearch>[1], q: string, options?: { analyze?: boolean }) {
  let plan = '';
  await app.db
    .transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const competing = await tx.execute(sql`
        select c.relname as name from pg_index i
          join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
        where t.relname = ${type} and not i.indisprimary
          and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
          and c.relname not like ${`${type}\_search\_%`}`);
      for (const { name } of rowsOf<{ name: string }>(competing)) await tx.execute(sql.raw(`drop index "${name}"`));
      plan = await explainSearch({ ...ctx, db: tx }, type, q, options);
      tx.rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof TransactionRollbackError)) throw err;
    });
  return plan;
}

// Every tier of each statement (db/migrations/0008_search_documents.sql): "starts with", the ts_filter
// tiers, the whole vector, close spellings.
const tierIndexes = {
  users: ['users_search_title_idx', 'users_search_tsv_idx', 'users_search_text_trgm_idx'],
  products: ['products_search_title_idx', 'products_search_tsv_a_idx', 'products_search_tsv_idx', 'products_search_text_trgm_idx'],
  tracks: ['tracks_search_title_idx', 'tracks_search_tsv_a_idx', 'tracks_search_tsv_ab_idx', 'tracks_search_tsv_idx', 'tracks_search_text_trgm_idx'],
  resources: [
    'resources_search_title_idx',
    'resources_search_tsv_a_idx',
    'resources_search_tsv_ab_idx',
    'resources_search_tsv_idx',
    'resources_search_text_trgm_idx',
  ],
};

describe('search plans (db/migrations/0008_search_documents.sql)', () => {
  for (const [type, indexes] of Object.entries(tierIndexes)) {
    it(`GET /api/v1/search – every tier of the ${type} statement can be served by its index`, async () => {
      const plan = await explainWithIndexes(type as keyof typeof tierIndexes, 'Synt ÉLEC');
      for (const index of indexes) expect(plan, plan).toContain(index);
      expect(plan).not.toMatch(/Seq Scan/);
      // Stored documents: nothing is folded per row.
      expect(plan).not.toMatch(/unaccent/);
    });
  }

  it("GET /api/v1/search – the files statement reads only the caller's files, through the owner index", async () => {
    const plan = await app.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return explainSearch({ ...ctx, db: tx }, 'files', 'manual');
    });
    expect(plan).toContain('files_user_idx');
    expect(plan).not.toMatch(/Seq Scan|unaccent/);
  });

  it('GET /api/v1/search – a common word stops early: later tiers are skipped once the first fill the limit', async () => {
    const plan = await explainWithIndexes('tracks', 'track', { analyze: true });
    // 1000 titles start with "track": the first tier fills the limit, no later tier reads a row.
    expect(plan).toMatch(/Index Only Scan using tracks_search_title_idx[^\n]*actual/);
    const laterScans = plan.split('\n').filter((line) => /(Seq Scan|Bitmap Heap Scan) on tracks /.test(line));
    expect(laterScans.length).toBeGreaterThan(0);
    for (const line of laterScans) expect(line).toContain('never executed');
  });

  it('GET /api/v1/search – a word that starts no word of the table skips the full-text tiers (0009 search words)', async () => {
    const plan = await explainWithIndexes('tracks', 'track zzqxv', { analyze: true });
    const fullText = plan.split('\n').filter((line) => /Bitmap Index Scan on tracks_search_tsv/.test(line));
    expect(fullText.length, plan).toBe(3);
    for (const line of fullText) expect(line).toContain('never executed');
    // Close spellings are still looked for.
    expect(plan).toMatch(/Bitmap Index Scan on tracks_search_text_trgm_idx \(actual/);
    // Both words known: the tiers run.
    const known = await explainWithIndexes('tracks', 'track artist', { analyze: true });
    expect(known).toMatch(/Bitmap Index Scan on tracks_search_tsv_a_idx \(actual/);
  });
});
