import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { categories, products } from '@/db/schema/catalogue';
import { files, resources } from '@/db/schema/gear';
import { users } from '@/db/schema/users';
import type { AuthedCtx } from '@/lib/context';
import { searchQuery } from '@/lib/search/schemas';
import { checkSearchExtensions, searchAll } from '@/lib/search/service';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';
import { insertTrack, type TrackValues } from '../helpers/tracks';

let app: TestApp;
let api: ReturnType<typeof apiClient>;
let me: TestUser;
let other: TestUser;
let seq = 0;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
  [me, other] = await Promise.all([createUser(app), createUser(app)]);
});
afterAll(() => app?.close());

const hex = (n: number) => n.toString(16).padStart(64, '0');

const addTrack = (owner: TestUser, values: Omit<TrackValues, 'duration'>) => insertTrack(app.db, owner, { ...values, duration: 12.5 });

async function addProduct(values: { name: string; brand?: string; model?: string; archived?: boolean; categoryId?: number }) {
  const [row] = await app.db
    .insert(products)
    .values({
      name: values.name,
      brand: values.brand ?? null,
      model: values.model ?? null,
      categoryId: values.categoryId ?? null,
      price: '499.90',
      status: values.archived ? 'archived' : 'active',
    })
    .returning();
  return row!;
}

async function addResource(owner: TestUser, values: { title: string; description?: string; isPublic?: boolean; tags?: string[] }) {
  const n = ++seq;
  const [row] = await app.db
    .insert(resources)
    .values({
      userId: owner.id,
      title: values.title,
      description: values.description ?? null,
      type: 'sample',
      tags: values.tags ?? [],
      isPublic: values.isPublic ?? true,
      filename: `r${n}.wav`,
      mimeType: 'audio/wav',
      size: 10,
      storageKey: `resources/search-${n}`,
    })
    .returning();
  return row!;
}

async function addFile(owner: TestUser, filename: string) {
  const n = ++seq;
  const [row] = await app.db
    .insert(files)
    .values({
      userId: owner.id,
      filename,
      type: 'manual',
      mimeType: 'application/pdf',
      size: 10,
      storageKey: `files/search-${n}`,
      sha256: hex(n),
    })
    .returning();
  return row!;
}

const search = (query: string, user: TestUser = me) => api.get(`/api/v1/search?${query}`, { token: user.token });

async function found(query: string, user: TestUser = me) {
  const res = await search(query, user);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as Record<'users' | 'products' | 'files' | 'tracks' | 'resources' | 'listings', any[]>;
}

const titles = (items: { title: string }[]) => items.map((i) => i.title);

describe('GET /api/v1/search', () => {
  it('GET /api/v1/search – 401 without a token', async () => {
    expectError(await api.get('/api/v1/search?q=synth'), 401, 'UNAUTHORIZED');
  });

  it('GET /api/v1/search – answers every type, listings always empty, items with their small shapes', async () => {
    const [cat] = await app.db.insert(categories).values({ name: 'Orgues Shape' }).returning();
    const product = await addProduct({ name: 'Shapewell Organ', brand: 'Hammond', model: 'B3', categoryId: cat!.id });
    const track = await addTrack(me, { title: 'Shapewell Theme', artist: 'Shape Ensemble', genre: 'ambient' });
    const resource = await addResource(me, { title: 'Shapewell Samples', tags: ['organ', 'vintage'] });
    const file = await addFile(me, 'shapewell-manual.pdf');
    await app.db.update(users).set({ firstName: 'Shapewell', lastName: 'Dupré' }).where(eq(users.id, me.id));

    const data = await found('q=shapewell');
    expect(Object.keys(data).sort()).toEqual(['files', 'listings', 'products', 'resources', 'tracks', 'users']);
    expect(data.listings).toEqual([]);
    expect(data.users).toEqual([{ id: me.id, username: me.username, first_name: 'Shapewell', last_name: 'Dupré', avatar: null }]);
    expect(data.products).toEqual([
      { id: product.id, name: 'Shapewell Organ', brand: 'Hammond', model: 'B3', category_name: 'Orgues Shape', price: 499.9 },
    ]);
    expect(data.tracks).toEqual([
      { id: track.id, title: 'Shapewell Theme', artist: 'Shape Ensemble', genre: 'ambient', duration: 12.5, user: { id: me.id, username: me.username } },
    ]);
    expect(data.resources).toEqual([
      { id: resource.id, title: 'Shapewell Samples', type: 'sample', tags: ['organ', 'vintage'], url: `/api/v1/resources/${resource.id}/download` },
    ]);
    expect(data.files).toEqual([
      { id: file.id, filename: 'shapewell-manual.pdf', type: 'manual', mime_type: 'application/pdf', url: `/api/v1/files/${file.id}/download` },
    ]);
  });

  it('GET /api/v1/search – ignores accents both ways and case', async () => {
    await addProduct({ name: 'Électronique Modulaire', brand: 'Ondes' });
    await addTrack(me, { title: 'electronique nocturne' });
    await addResource(other, { title: 'Pack ÉLECTRONIQUE' });

    const plain = await found('q=electronique');
    expect(plain.products.map((p) => p.name)).toEqual(['Électronique Modulaire']);
    expect(titles(plain.tracks)).toEqual(['electronique nocturne']);
    expect(titles(plain.resources)).toEqual(['Pack ÉLECTRONIQUE']);

    const accented = await found(`q=${encodeURIComponent('Électronique')}`);
    expect(titles(accented.tracks)).toEqual(['electronique nocturne']);
    expect(accented.products.map((p) => p.name)).toEqual(['Électronique Modulaire']);

    const shouting = await found('q=ELECTRONIQUE%20MODULAIRE');
    expect(shouting.products.map((p) => p.name)).toEqual(['Électronique Modulaire']);
  });

  it('GET /api/v1/search – matches word prefixes and close spellings', async () => {
    await addProduct({ name: 'Minimoog Synthesizer', brand: 'Moog', model: 'Model D' });
    await addTrack(other, { title: 'Synthesizer Dreams', artist: 'Kraftwerk Fans' });
    await addFile(me, 'synthesizer_service_manual.pdf');

    const prefix = await found('q=synt');
    expect(titles(prefix.tracks)).toEqual(['Synthesizer Dreams']);
    expect(prefix.products.map((p) => p.name)).toEqual(['Minimoog Synthesizer']);
    expect(prefix.files.map((f) => f.filename)).toEqual(['synthesizer_service_manual.pdf']);

    // Several words: each is a prefix, all are required.
    expect(titles((await found('q=synt%20dre')).tracks)).toEqual(['Synthesizer Dreams']);
    expect((await found('q=synt%20zzzz')).tracks).toEqual([]);

    const typo = await found('q=sinthesizer');
    expect(titles(typo.tracks)).toEqual(['Synthesizer Dreams']);
    expect(typo.products.map((p) => p.name)).toEqual(['Minimoog Synthesizer']);
    expect(typo.files.map((f) => f.filename)).toEqual(['synthesizer_service_manual.pdf']);
  });

  it('GET /api/v1/search – ranks an exact title above a prefix and a partial match', async () => {
    // Inserted worst first, so id order would be wrong.
    await addTrack(me, { title: 'Night of the Quokka' });
    await addTrack(me, { title: 'Quokka Rhapsody Extended' });
    await addTrack(me, { title: 'Quokka' });
    expect(titles((await found('q=quokka&type=tracks')).tracks)).toEqual([
      'Quokka',
      'Quokka Rhapsody Extended',
      'Night of the Quokka',
    ]);
  });

  it('GET /api/v1/search – never shows banned users, archived products, or other people\'s files and private items', async () => {
    const banned = await createUser(app, { username: `zanzibarban${Date.now() % 100000}` });
    await app.db.update(users).set({ status: 'banned' }).where(eq(users.id, banned.id));
    const visibleUser = await createUser(app, { username: `zanzibarok${Date.now() % 100000}` });
    await addProduct({ name: 'Zanzibar Archived', archived: true });
    await addProduct({ name: 'Zanzibar Live' });
    await addTrack(other, { title: 'Zanzibar Secret', isPublic: false });
    await addTrack(other, { title: 'Zanzibar Public' });
    await addTrack(me, { title: 'Zanzibar Mine Private', isPublic: false });
    await addResource(other, { title: 'Zanzibar Hidden Resource', isPublic: false });
    await addResource(other, { title: 'Zanzibar Shared Resource' });
    await addResource(me, { title: 'Zanzibar My Resource', isPublic: false });
    await addFile(other, 'zanzibar-theirs.pdf');
    await addFile(me, 'zanzibar-mine.pdf');

    const mine = await found('q=zanzibar&limit=20');
    expect(mine.users.map((u) => u.username)).toEqual([visibleUser.username]);
    expect(mine.products.map((p) => p.name)).toEqual(['Zanzibar Live']);
    expect(titles(mine.tracks).sort()).toEqual(['Zanzibar Mine Private', 'Zanzibar Public']);
    expect(titles(mine.resources).sort()).toEqual(['Zanzibar My Resource', 'Zanzibar Shared Resource']);
    expect(mine.files.map((f) => f.filename)).toEqual(['zanzibar-mine.pdf']);

    const theirs = await found('q=zanzibar&limit=20', other);
    expect(titles(theirs.tracks).sort()).toEqual(['Zanzibar Public', 'Zanzibar Secret']);
    expect(titles(theirs.resources).sort()).toEqual(['Zanzibar Hidden Resource', 'Zanzibar Shared Resource']);
    expect(theirs.files.map((f) => f.filename)).toEqual(['zanzibar-theirs.pdf']);

    // A typo-tolerant match obeys the same rules.
    const typo = await found('q=zanzibat&limit=20');
    expect(titles(typo.tracks)).not.toContain('Zanzibar Secret');
    expect(typo.files.map((f) => f.filename)).not.toContain('zanzibar-theirs.pdf');
  });

  it('GET /api/v1/search – type filters the answer and keeps every key; an unknown type is 400', async () => {
    await addTrack(me, { title: 'Filterfish Song' });
    await addProduct({ name: 'Filterfish Pedal' });
    const data = await found('q=filterfish&type=tracks,%20USERS');
    expect(titles(data.tracks)).toEqual(['Filterfish Song']);
    expect(data.products).toEqual([]);
    expect(Object.keys(data).sort()).toEqual(['files', 'listings', 'products', 'resources', 'tracks', 'users']);
    expect((await found('q=filterfish&type=listings')).listings).toEqual([]);
    expectError(await search('q=filterfish&type=tracks,gadgets'), 400, 'INVALID_INPUT', ['type']);
  });

  it('GET /api/v1/search – limit defaults to 5 per type and is clamped to 1–20', async () => {
    for (let i = 0; i < 24; i++) await addTrack(me, { title: `Clampwave ${i}` });
    expect((await found('q=clampwave')).tracks).toHaveLength(5);
    expect((await found('q=clampwave&limit=100')).tracks).toHaveLength(20);
    expect((await found('q=clampwave&limit=0')).tracks).toHaveLength(1);
    expect((await found('q=clampwave&limit=7')).tracks).toHaveLength(7);
    expectError(await search('q=clampwave&limit=abc'), 400, 'INVALID_INPUT', ['limit']);
  });

  it('GET /api/v1/search – hostile input is refused or harmless, never a 500', async () => {
    await addTrack(me, { title: 'Hostile Harbor' });
    const harmless = [
      "'",
      "hostile'",
      'hostile & | ! : * ( )',
      '&|!:*()hostile',
      "hostile'); drop table users; --",
      'host%',
      'hostile\\',
      'hostile <-> harbor',
      'ʼn ½ ⑴ ː hostile',
      '   hostile   ',
    ];
    for (const q of harmless) {
      const res = await search(`q=${encodeURIComponent(q)}`);
      expect([200, 400], `${q}: ${JSON.stringify(res.body)}`).toContain(res.status);
      if (res.status === 400) expect(res.body.error_code).toBe('INVALID_INPUT');
    }
    expect(titles((await found(`q=${encodeURIComponent("hostile & | ! : * ( )")}`)).tracks)).toEqual(['Hostile Harbor']);
    expect(titles((await found(`q=${encodeURIComponent("hostile'); drop table users; --")}`)).tracks)).toEqual([]);
    // LIKE wildcards are not wildcards: `%_` alone has nothing to search.
    for (const q of ['%_', '%', '_', "'", '&|!:*()', '...', '  ']) {
      expectError(await search(`q=${encodeURIComponent(q)}`), 400, 'INVALID_INPUT', ['q']);
    }
    expectError(await search(`q=${'a'.repeat(101)}`), 400, 'INVALID_INPUT', ['q']);
    expectError(await search('type=tracks'), 400, 'INVALID_INPUT', ['q']);
    // 100 characters of words is fine.
    expect((await search(`q=${encodeURIComponent('hostile '.repeat(12).slice(0, 100))}`)).status).toBe(200);
  });
});

describe('search extensions', () => {
  it('checkSearchExtensions – both extensions answer on the test database', async () => {
    const warnings: string[] = [];
    const caps = await checkSearchExtensions(app.db, (_m, ext) => warnings.push(ext));
    expect(caps).toEqual({ trgm: true, unaccent: true, missing: [] });
    expect(warnings).toEqual([]);
  });

  it('checkSearchExtensions – names each missing extension, warning once per process', async () => {
    const bare = await PGlite.create();
    try {
      const db = drizzle(bare) as unknown as Database;
      const warnings: string[] = [];
      const warn = (message: string, ext: string) => warnings.push(`${ext}: ${message}`);
      const caps = await checkSearchExtensions(db, warn);
      expect(caps).toEqual({ trgm: false, unaccent: false, missing: ['pg_trgm', 'unaccent'] });
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toMatch(/^pg_trgm: .*pg_trgm.*typo/);
      expect(warnings[1]).toMatch(/^unaccent: .*unaccent.*accents/);
      await checkSearchExtensions(db, warn);
      expect(warnings).toHaveLength(2);
    } finally {
      await bare.close();
    }
  }, 120_000); // a new PGlite runs initdb: seconds, a minute on a busy machine

  it('searchAll – without the extensions, still finds prefixes and substrings, without folding typed accents or typos', async () => {
    await addTrack(me, { title: 'Degradé Lagoon' });
    const [row] = await app.db.select().from(users).where(eq(users.id, me.id));
    const ctx = { db: app.db, user: { ...row!, sessionId: 0, familyId: '', via: 'bearer' } } as unknown as AuthedCtx;
    const none = { trgm: false, unaccent: false, missing: ['pg_trgm', 'unaccent'] as ('pg_trgm' | 'unaccent')[] };
    const run = (q: string) => searchAll(ctx, searchQuery.parse({ q, type: 'tracks' }), none);
    expect(titles((await run('lago')).tracks)).toEqual(['Degradé Lagoon']);
    // Substrings of names stand in for close spellings.
    expect(titles((await run('AGOON')).tracks)).toEqual(['Degradé Lagoon']);
    // Documents were folded when stored; only the accents typed in q stay.
    expect(titles((await run('degrade')).tracks)).toEqual(['Degradé Lagoon']);
    expect((await run('dégradé')).tracks).toEqual([]);
    expect((await run('lagon')).tracks).toEqual([]);
    // With them, both work.
    const full = (q: string) => searchAll(ctx, searchQuery.parse({ q, type: 'tracks' }));
    expect(titles((await full('dégradé')).tracks)).toEqual(['Degradé Lagoon']);
    expect(titles((await full('lagon')).tracks)).toEqual(['Degradé Lagoon']);
  });
});
