import { existsSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracks } from '@/db/schema/tracks';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { fixture, upload } from '../helpers/upload';

let app: TestApp;
let alice: TestUser;
let bob: TestUser;
let mod: TestUser;
let admin: TestUser;
const api = () => apiClient(app);
const mp3 = fixture('audio/phrase-4s.mp3');

async function post(user: TestUser, fields: Record<string, string>) {
  const res = await upload(app, '/api/v1/tracks', { token: user.token, fields, file: { name: 'p.mp3', bytes: mp3 } });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.data as { id: number; title: string };
}

const t: Record<string, { id: number }> = {};

beforeAll(async () => {
  app = await startTestApp();
  [alice, bob, mod, admin] = await Promise.all([
    createUser(app),
    createUser(app),
    createUser(app, { role: 'moderator' }),
    createUser(app, { role: 'admin' }),
  ]);
  // Sequential, so created_at order is known.
  t.eteA = await post(alice, { title: 'Été électrique', artist: 'Zoé', genre: 'Electronic', tags: 'synth, night' });
  t.rainA = await post(alice, { title: 'Rain 100%_done', artist: 'Alice', genre: 'ambient', tags: 'night' });
  t.privA = await post(alice, { title: 'Secret sketch', genre: 'Ambient', tags: 'night', is_public: 'false' });
  t.bobPub = await post(bob, { title: 'Bass line', artist: 'Bob', genre: 'Techno', description: 'Une ÉTUDE rythmique' });
  t.bobPriv = await post(bob, { title: 'Bob private', genre: 'Ambient', tags: 'night', is_public: 'false' });
  await app.db.update(tracks).set({ plays: 7, likes: 1 }).where(eq(tracks.id, t.rainA!.id));
  await app.db.update(tracks).set({ plays: 3, likes: 9 }).where(eq(tracks.id, t.bobPub!.id));
});
afterAll(() => app?.close());

const ids = (res: { body: { data: { id: number }[] } }) => res.body.data.map((x) => x.id);

describe('GET /api/v1/tracks', () => {
  it('lists public tracks plus the caller\'s own private ones, newest first', async () => {
    const res = await api().get('/api/v1/tracks', { token: alice.token });
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([t.privA, t.rainA, t.eteA, t.bobPub].map((x) => x!.id).sort((a, b) => b - a));
    expect(ids(res)).not.toContain(t.bobPriv!.id);
    expect(res.body.data.find((x: any) => x.id === t.eteA!.id).tags).toEqual(['night', 'synth']);
    const bobs = await api().get('/api/v1/tracks', { token: bob.token });
    expect(ids(bobs)).toContain(t.bobPriv!.id);
    expect(ids(bobs)).not.toContain(t.privA!.id);
    expect((await api().get('/api/v1/tracks')).status).toBe(401);
  });

  it('no role sees another user\'s private track', async () => {
    for (const u of [mod, admin]) {
      const res = await api().get('/api/v1/tracks?limit=100', { token: u.token });
      expect(ids(res)).not.toContain(t.privA!.id);
      expect(ids(res)).not.toContain(t.bobPriv!.id);
    }
  });

  it('filters by tag, user_id, genre (any case) and q (case, accents, tags, punctuation ignored)', async () => {
    const get = async (qs: string, who = alice) => ids(await api().get(`/api/v1/tracks?${qs}`, { token: who.token })).sort();
    const sorted = (...xs: { id: number }[]) => xs.map((x) => x.id).sort();
    expect(await get('tag=NIGHT')).toEqual(sorted(t.eteA!, t.rainA!, t.privA!));
    expect(await get('tag=night', bob)).toEqual(sorted(t.eteA!, t.rainA!, t.bobPriv!));
    expect(await get(`user_id=${bob.id}`)).toEqual(sorted(t.bobPub!));
    expect(await get('genre=AMBIENT')).toEqual(sorted(t.rainA!, t.privA!));
    expect(await get('q=ete%20ELECTRIQUE')).toEqual(sorted(t.eteA!));
    expect(await get('q=zoe')).toEqual(sorted(t.eteA!));
    expect(await get('q=etude')).toEqual(sorted(t.bobPub!));
    expect(await get('q=100%25_')).toEqual(sorted(t.rainA!));
    expect(await get('q=synth')).toEqual(sorted(t.eteA!));
    // Punctuation is not searchable: q=% filters nothing, like an empty q.
    expect(await get('q=%25')).toEqual(sorted(t.eteA!, t.rainA!, t.privA!, t.bobPub!));
    expect(await get('q=_')).toEqual(sorted(t.eteA!, t.rainA!, t.privA!, t.bobPub!));
    expect(await get('q=private', bob)).toEqual(sorted(t.bobPriv!));
    expect(await get('q=private')).toEqual([]);
  });

  it('sorts by plays, likes and title, and paginates', async () => {
    const first = async (sort: string) => ids(await api().get(`/api/v1/tracks?sort=${sort}`, { token: alice.token }))[0];
    expect(await first('-plays')).toBe(t.rainA!.id);
    expect(await first('-likes')).toBe(t.bobPub!.id);
    const byTitle = await api().get('/api/v1/tracks?sort=title', { token: alice.token });
    expect(byTitle.body.data.map((x: any) => x.title)).toEqual(['Bass line', 'Été électrique', 'Rain 100%_done', 'Secret sketch']);
    expect((await api().get('/api/v1/tracks?sort=nope', { token: alice.token })).status).toBe(400);
    const p1 = await api().get('/api/v1/tracks?limit=3&page=1', { token: alice.token });
    const p2 = await api().get('/api/v1/tracks?limit=3&page=2', { token: alice.token });
    expect(p1.body.pagination).toEqual({ page: 1, limit: 3, total: 4, pages: 2, has_next: true, has_previous: false });
    expect(p2.body.data).toHaveLength(1);
    expect(new Set([...ids(p1), ...ids(p2)]).size).toBe(4);
  });
});

describe('privacy on every read path', () => {
  it('answers 404 TRACK_NOT_FOUND for another user\'s private track everywhere', async () => {
    const id = t.bobPriv!.id;
    for (const u of [alice, mod, admin]) {
      for (const [method, p] of [
        ['GET', ''],
        ['GET', '/audio'],
        ['GET', '/peaks'],
        ['GET', '/waveform.svg'],
        ['GET', '/stream'],
        ['POST', '/like'],
        ['DELETE', '/like'],
        ['POST', '/play'],
        ['PUT', ''],
      ] as const) {
        const res = await api().call(method, `/api/v1/tracks/${id}${p}`, method === 'PUT' ? { title: 'x' } : undefined, { token: u.token });
        expect(res.status, `${method} ${p}`).toBe(404);
        expect(res.body.error_code).toBe('TRACK_NOT_FOUND');
      }
    }
    expect((await api().get('/api/v1/tracks/999999', { token: alice.token })).body.error_code).toBe('TRACK_NOT_FOUND');
    const own = await api().get(`/api/v1/tracks/${id}`, { token: bob.token });
    expect(own.status).toBe(200);
    expect(own.body.data.is_public).toBe(false);
  });
});

describe('PUT and DELETE /api/v1/tracks/:id', () => {
  it('lets the owner edit, normalizing tags, and refuses others with 403 or 401', async () => {
    const track = await post(alice, { title: 'Editable', tags: 'a,b' });
    const url = `/api/v1/tracks/${track.id}`;
    const res = await api().put(url, { title: ' Edited ', genre: 'Dub', tags: [' Deep  Dub ', 'dub, DUB'], description: 'x' }, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ title: 'Edited', genre: 'Dub', tags: ['deep dub', 'dub'], description: 'x' });
    const cleared = await api().put(url, { description: null, genre: '', tags: '' }, { token: alice.token });
    expect(cleared.body.data).toMatchObject({ description: null, genre: null, tags: [] });
    for (const u of [bob, mod, admin]) {
      const r = await api().put(url, { title: 'Hijack' }, { token: u.token });
      expect(r.status).toBe(403);
      expect(r.body.error_code).toBe('PERMISSION_DENIED');
    }
    expect((await api().put(url, { title: 'x' })).status).toBe(401);
    expect((await api().put(url, {}, { token: alice.token })).status).toBe(400);
    expect((await api().put(url, { title: 'x', nope: 1 }, { token: alice.token })).status).toBe(400);
    expect((await api().get(url, { token: bob.token })).body.data.title).toBe('Edited');
  });

  it('hides a track made private from others at once, its audio included (between two seeks)', async () => {
    const track = await post(alice, { title: 'Soon private' });
    const seek = () => fetch(`${app.url}/api/v1/tracks/${track.id}/audio`, { headers: { authorization: `Bearer ${bob.token}`, range: 'bytes=0-9' } });
    expect((await api().get(`/api/v1/tracks/${track.id}`, { token: bob.token })).status).toBe(200);
    expect((await seek()).status).toBe(206);
    await api().put(`/api/v1/tracks/${track.id}`, { is_public: false }, { token: alice.token });
    expect((await api().get(`/api/v1/tracks/${track.id}`, { token: bob.token })).status).toBe(404);
    expect((await seek()).status).toBe(404);
    await api().put(`/api/v1/tracks/${track.id}`, { is_public: true }, { token: alice.token });
    expect((await seek()).status).toBe(206);
  });

  it('deletes for the owner, a moderator or an admin, with the stored bytes; 403 for a plain user', async () => {
    const storedPath = async (id: number) => {
      const [row] = await app.db.select().from(tracks).where(eq(tracks.id, id));
      return path.join(app.env.UPLOAD_PATH, 'store', row!.storageKey);
    };
    for (const who of [alice, mod, admin]) {
      const track = await post(alice, { title: 'Doomed' });
      const file = await storedPath(track.id);
      expect(existsSync(file)).toBe(true);
      const audio = () => fetch(`${app.url}/api/v1/tracks/${track.id}/audio`, { headers: { authorization: `Bearer ${alice.token}`, range: 'bytes=0-9' } });
      expect((await audio()).status).toBe(206);
      expect((await api().delete(`/api/v1/tracks/${track.id}`)).status).toBe(401);
      expect((await api().delete(`/api/v1/tracks/${track.id}`, { token: bob.token })).status).toBe(403);
      const res = await api().delete(`/api/v1/tracks/${track.id}`, { token: who.token });
      expect(res.status).toBe(200);
      expect(existsSync(file)).toBe(false);
      expect((await api().get(`/api/v1/tracks/${track.id}`, { token: alice.token })).status).toBe(404);
      expect((await audio()).status).toBe(404);
      expect((await api().delete(`/api/v1/tracks/${track.id}`, { token: who.token })).status).toBe(404);
    }
    // A moderator cannot see, so cannot delete, another user's private track.
    expect((await api().delete(`/api/v1/tracks/${t.privA!.id}`, { token: mod.token })).status).toBe(404);
  });
});
