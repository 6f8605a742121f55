// The PGlite statement cache (db/pglite-statements.ts), on a real embedded database whatever
// TEST_DATABASE_URL says: it only exists for PGlite.
import type { PGlite } from '@electric-sql/pglite';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type DatabaseHandle } from '@/db/client';
import { GENERIC_PLAN, STATEMENT_CACHE_SIZE } from '@/db/pglite-statements';

const notes = pgTable('cache_notes', {
  id: integer('id').primaryKey(),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

let handle: DatabaseHandle;
const raw = () => (handle.db as unknown as { $client: PGlite }).$client;

/** The session's named statements with their text, and how they were planned. */
async function preparedStatements() {
  const result = await raw().exec(
    'select name, statement, generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements',
  );
  return result[0]!.rows as { name: string; statement: string; generic: number; custom: number }[];
}

beforeAll(async () => {
  handle = await openDatabase({ pgliteDir: 'memory://' });
  await handle.db.execute(sql`create table cache_notes (id integer primary key, body text not null, created_at timestamptz not null default now())`);
}, 60_000);
afterAll(() => handle?.close());

describe('PGlite statement cache', () => {
  it('parses a statement once and answers as PGlite does, rows and types alike', async () => {
    await handle.db.insert(notes).values([
      { id: 1, body: 'one' },
      { id: 2, body: 'two' },
    ]);
    const byId = (id: number) => handle.db.select().from(notes).where(sql`${notes.id} = ${id}`);
    const [first] = await byId(1);
    const [second] = await byId(2);
    expect(first).toMatchObject({ id: 1, body: 'one', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/) });
    expect(second).toMatchObject({ id: 2, body: 'two' });
    const mine = (await preparedStatements()).filter((s) => s.statement.includes('from "cache_notes" where'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.name).toMatch(/^talas_\d+$/);
    // db.execute (object rows) and null parameters go the same way.
    const rows = rowsOf<{ id: number; missing: string | null }>(
      await handle.db.execute(sql`select id, ${null}::text as missing from cache_notes where id = ${2}`),
    );
    expect(rows).toEqual([{ id: 2, missing: null }]);
  });

  it('leaves DDL and session commands to PGlite', async () => {
    await handle.db.execute(sql`create index cache_notes_body_idx on cache_notes (body)`);
    await handle.db.execute(sql`set work_mem = '8MB'`);
    const texts = (await preparedStatements()).map((s) => s.statement);
    expect(texts.some((t) => /create index|set work_mem/i.test(t))).toBe(false);
  });

  it('reports a failing statement with its error code, and the session goes on', async () => {
    const err = await handle.db
      .insert(notes)
      .values({ id: 1, body: 'again' })
      .then(() => undefined, (e: unknown) => e as { cause?: { code?: string; query?: string } });
    expect(err?.cause?.code).toBe('23505');
    expect(err?.cause?.query).toContain('insert into "cache_notes"');
    expect(await handle.db.$count(notes)).toBe(2);
  });

  it('runs a transaction\'s statements inside it, and keeps everyone else\'s out of it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const didInsert = new Promise<void>((resolve) => (inserted = resolve));
    const tx = handle.db
      .transaction(async (t) => {
        await t.insert(notes).values({ id: 10, body: 'uncommitted' });
        // The transaction's own (cached) read sees its row.
        expect(await t.$count(notes)).toBe(3);
        inserted();
        await held;
        t.rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof TransactionRollbackError)) throw e;
      });
    await didInsert;
    // A statement from outside waits for the transaction instead of running in it.
    const outside = handle.db.$count(notes);
    await new Promise((r) => setTimeout(r, 50));
    release();
    await tx;
    expect(await outside).toBe(2);
  });

  it(`closes the least recently used statement beyond ${STATEMENT_CACHE_SIZE}`, async () => {
    for (let i = 0; i < STATEMENT_CACHE_SIZE + 10; i++) {
      await handle.db.execute(sql.raw(`select ${i} as n from cache_notes where id = 1`));
    }
    // Used again: the first of them was closed, so it is prepared anew (and stays one statement).
    await handle.db.execute(sql.raw('select 0 as n from cache_notes where id = 1'));
    const statements = await preparedStatements();
    expect(statements.length).toBeLessThanOrEqual(STATEMENT_CACHE_SIZE);
    expect(statements.filter((s) => s.statement === 'select 0 as n from cache_notes where id = 1')).toHaveLength(1);
    expect(statements.some((s) => s.statement === 'select 5 as n from cache_notes where id = 1')).toBe(false);
  });

  it('plans a marked statement once, generically, and leaves the session in its own plan mode', async () => {
    const marked = (id: number) => handle.db.execute(sql`select body from cache_notes ${sql.raw(GENERIC_PLAN)} where id = ${id}`);
    for (const id of [1, 2, 1, 2, 1, 2, 1]) await marked(id);
    expect(rowsOf<{ body: string }>(await marked(2))).toEqual([{ body: 'two' }]);
    const [statement] = (await preparedStatements()).filter((s) => s.statement.includes(GENERIC_PLAN));
    expect(statement).toMatchObject({ generic: 8, custom: 0 });
    const [mode] = (await raw().exec('show plan_cache_mode'))[0]!.rows as { plan_cache_mode: string }[];
    expect(mode!.plan_cache_mode).toBe('auto');
    // An unmarked statement keeps PostgreSQL's choice: custom plans first.
    await handle.db.execute(sql`select body from cache_notes where id = ${1} and body <> ${'x'}`);
    const [plain] = (await preparedStatements()).filter((s) => s.statement.includes("body <> $2"));
    expect(plain).toMatchObject({ generic: 0, custom: 1 });
  });
});
