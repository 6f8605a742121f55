import { rowsOf } from '@/db/client';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tags } from '@/db/schema/tracks';
import { CANDIDATES_PER_TIER } from '@/lib/search/service';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { insertTrack, type TrackValues } from '../helpers/tracks';

let app: TestApp;
let api: ReturnType<typeof apiClient>;
let me: TestUser;
let other: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
  [me, other] = await Promise.all([createUser(app), createUser(app)]);
});
afterAll(() => app?.close());

const addTrack = (owner: TestUser, values: TrackValues) => insertTrack(app.db, owner, values);

async function searchTracks(q: string, user: TestUser = me, limit = 20) {
  const res = await api.get(`/api/v1/search?q=${encodeURIComponent(q)}&type=tracks&limit=${limit}`, { token: user.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.tracks as { id: number; title: string }[];
}

async function listTracks(q: string, user: TestUser = me) {
  const res = await api.get(`/api/v1/tracks?q=${encodeURIComponent(q)}&limit=100`, { token: user.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as { id: number; title: string }[];
}

const idsOf = (items: { id: number }[]) => items.map((i) => i.id).sort((a, b) => a - b);

describe('one rule for what a track search matches', () => {
  it('GET /api/v1/search and GET /api/v1/tracks?q= – both match title, artist, genre, tags and description', async () => {
    const matching = [
      await addTrack(me, { title: 'Quillon Dawn' }),
      await addTrack(me, { title: 'Untitled 1', artist: 'The Quillons' }),
      await addTrack(other, { title: 'Untitled 2', genre: 'Quillon' }),
      await addTrack(other, { title: 'Untitled 3', tags: ['quillon', 'field'] }),
      await addTrack(me, { title: 'Untitled 4', description: 'Recorded with a QUILLÓN at dawn' }),
      await addTrack(me, { title: 'Untitled 5', tags: ['quillon'], isPublic: false }),
    ];
    await addTrack(other, { title: 'Their private quillon', isPublic: false });
    await addTrack(me, { title: 'Unrelated', description: 'nothing to see' });

    const expected = idsOf(matching);
    expect(idsOf(await searchTracks('quillon'))).toEqual(expected);
    expect(idsOf(await listTracks('quillon'))).toEqual(expected);
    // Prefixes, accents and every word required, in both.
    expect(idsOf(await searchTracks('QUILL'))).toEqual(expected);
    expect(idsOf(await listTracks('quill'))).toEqual(expected);
    expect(idsOf(await searchTracks('quillón dawn'))).toEqual(idsOf([matching[0]!, matching[4]!]));
    expect(idsOf(await listTracks('quillon dawn'))).toEqual(idsOf([matching[0]!, matching[4]!]));
    expect(idsOf(await listTracks('quillon field'))).toEqual(idsOf([matching[3]!]));
  });

  it('GET /api/v1/tracks?q= – close spellings of names match, of descriptions not; a q without letters filters nothing', async () => {
    const named = await addTrack(me, { title: 'Marimbula Nights' });
    await addTrack(me, { title: 'Prose', description: 'a marimbula solo' });
    expect(idsOf(await listTracks('marimbulla'))).toEqual([named.id]);
    expect(idsOf(await searchTracks('marimbulla'))).toEqual([named.id]);
    const all = await api.get('/api/v1/tracks?limit=100', { token: me.token });
    expect(idsOf(await listTracks('%_ !'))).toEqual(idsOf(all.body.data));
  });

  it('GET /api/v1/search – ranks title start, then title or artist, then genre and tags, then description, then close spellings', async () => {
    // Inserted worst first, so id order alone would be wrong.
    const typo = await addTrack(me, { title: 'Avireo Song' });
    const description = await addTrack(me, { title: 'Marsh Walk', description: 'Field recording of a vireo' });
    const genre = await addTrack(me, { title: 'Birdsong', genre: 'vireo' });
    const tag = await addTrack(me, { title: 'Canopy', tags: ['vireo'] });
    const artist = await addTrack(me, { title: 'Morning Chorus', artist: 'Vireo' });
    const titleWord = await addTrack(me, { title: 'Song of the Vireo' });
    const prefix = await addTrack(me, { title: 'Vireo Morning' });
    const exact = await addTrack(me, { title: 'Vireo' });

    const ranked = [exact, prefix, artist, titleWord, genre, tag, description, typo].map((t) => t.title);
    expect((await searchTracks('vireo')).map((t) => t.title)).toEqual(ranked);
    expect((await searchTracks('vireo', me, 3)).map((t) => t.title)).toEqual(ranked.slice(0, 3));
    // The list matches the same tracks, in its own order.
    expect(idsOf(await listTracks('vireo'))).toEqual(idsOf([typo, description, genre, tag, artist, titleWord, prefix, exact]));
  });

  it('GET /api/v1/search – ranking only the first matches of each tier never drops a better hit', async () => {
    const many = CANDIDATES_PER_TIER + 50;
    // Many description-only and tag matches first (lower ids), the best matches last.
    await app.db.execute(sql`insert into tracks (user_id, title, artist, description, duration, mime_type, size, storage_key, sha256)
      select ${me.id}::int, 'Marsh ' || i, 'Various', 'a plover in the marsh', 1, 'audio/wav', 1, 'plover-d' || i, md5('d' || i) || md5('d' || i)
      from generate_series(1, ${many}::int) i`);
    const tagged = await app.db.execute<{ id: number }>(sql`insert into tracks (user_id, title, artist, duration, mime_type, size, storage_key, sha256)
      select ${me.id}::int, 'Shore ' || i, 'Various', 1, 'audio/wav', 1, 'plover-t' || i, md5('t' || i) || md5('t' || i)
      from generate_series(1, ${many}::int) i returning id`);
    const taggedIds = new Set(rowsOf<{ id: number }>(tagged).map((r) => r.id));
    const [plover] = await app.db.insert(tags).values({ name: 'plover' }).returning();
    await app.db.execute(sql`insert into track_tags (track_id, tag_id) select id, ${plover!.id}::int from tracks where storage_key like 'plover-t%'`);
    const titled = await addTrack(me, { title: 'Night Plover' });
    const exact = await addTrack(me, { title: 'Plover' });

    const top = await searchTracks('plover', me, 20);
    expect(top.slice(0, 2).map((t) => t.id)).toEqual([exact.id, titled.id]);
    // The rest are tag matches, ranked above the description-only ones.
    expect(top.slice(2).every((t) => taggedIds.has(t.id))).toBe(true);
    expect(top).toHaveLength(20);
    expect(await listTracks('plover')).toHaveLength(100);
  });

  it('GET /api/v1/search – edits, tag changes and tag merges are searchable at once', async () => {
    const moderator = await createUser(app, { role: 'moderator' });
    const track = await addTrack(me, { title: 'Sketch', tags: ['oldtagzx'] });
    expect(idsOf(await searchTracks('oldtagzx'))).toEqual([track.id]);

    const put = await api.put(`/api/v1/tracks/${track.id}`, { tags: ['newtagzx'], description: 'a kalimba loop' }, { token: me.token });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(await searchTracks('oldtagzx')).toEqual([]);
    expect(idsOf(await searchTracks('newtagzx'))).toEqual([track.id]);
    expect(idsOf(await searchTracks('kalimba'))).toEqual([track.id]);

    const [from] = await app.db.select().from(tags).where(eq(tags.name, 'newtagzx'));
    const into = await addTrack(other, { title: 'Other sketch', tags: ['mergedtagzx'] });
    const [intoTag] = await app.db.select().from(tags).where(eq(tags.name, 'mergedtagzx'));
    const merged = await api.post('/api/v1/tags/merge', { from: from!.id, into: intoTag!.id }, { token: moderator.token });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(await searchTracks('newtagzx')).toEqual([]);
    expect(idsOf(await searchTracks('mergedtagzx'))).toEqual(idsOf([track, into]));

    // A renamed tag (no endpoint renames one today, the database keeps it right anyway).
    await app.db.update(tags).set({ name: 'renamedtagzx' }).where(eq(tags.id, intoTag!.id));
    expect(idsOf(await searchTracks('renamedtagzx'))).toEqual(idsOf([track, into]));

    // Every new word is in the table's search words (0009), so the full-text tiers are not skipped for it.
    const known = await app.db.execute(
      sql`select word from search_words where source = 'tracks' and word in ('kalimba', 'newtagzx', 'renamedtagzx', 'sketch') order by word`,
    );
    expect(rowsOf<{ word: string }>(known).map((r) => r.word)).toEqual(['kalimba', 'newtagzx', 'renamedtagzx', 'sketch']);
  });
});
