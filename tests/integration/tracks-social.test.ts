import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackPlays, tracks } from '@/db/schema/tracks';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { fixture, upload } from '../helpers/upload';

let app: TestApp;
let owner: TestUser;
let fans: TestUser[];
const api = () => apiClient(app);

async function newTrack(): Promise<number> {
  const res = await upload(app, '/api/v1/tracks', {
    token: owner.token,
    fields: { title: 'Social' },
    file: { name: 'p.opus', bytes: fixture('audio/phrase-4s.opus') },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.data.id;
}

beforeAll(async () => {
  app = await startTestApp();
  owner = await createUser(app);
  fans = await Promise.all(Array.from({ length: 5 }, () => createUser(app)));
});
afterAll(() => app?.close());

describe('likes', () => {
  it('are idempotent both ways and show in liked_by_me', async () => {
    const id = await newTrack();
    const [fan] = fans;
    expect((await api().post(`/api/v1/tracks/${id}/like`, undefined, { token: fan!.token })).body.data).toEqual({ likes: 1, liked_by_me: true });
    expect((await api().post(`/api/v1/tracks/${id}/like`, undefined, { token: fan!.token })).body.data).toEqual({ likes: 1, liked_by_me: true });
    const seen = await api().get(`/api/v1/tracks/${id}`, { token: fan!.token });
    expect(seen.body.data).toMatchObject({ likes: 1, liked_by_me: true });
    expect((await api().get(`/api/v1/tracks/${id}`, { token: owner.token })).body.data.liked_by_me).toBe(false);
    const listed = await api().get('/api/v1/tracks', { token: fan!.token });
    expect(listed.body.data.find((x: any) => x.id === id).liked_by_me).toBe(true);
    expect((await api().delete(`/api/v1/tracks/${id}/like`, { token: fan!.token })).body.data).toEqual({ likes: 0, liked_by_me: false });
    expect((await api().delete(`/api/v1/tracks/${id}/like`, { token: fan!.token })).body.data).toEqual({ likes: 0, liked_by_me: false });
    expect((await api().post(`/api/v1/tracks/${id}/like`)).status).toBe(401);
    expect((await api().post('/api/v1/tracks/999999/like', undefined, { token: fan!.token })).status).toBe(404);
  });

  it('count every one of concurrent likes from different users', async () => {
    const id = await newTrack();
    const results = await Promise.all(fans.map((f) => api().post(`/api/v1/tracks/${id}/like`, undefined, { token: f.token })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const [row] = await app.db.select().from(tracks).where(eq(tracks.id, id));
    expect(row!.likes).toBe(5);
    expect((await api().get(`/api/v1/tracks/${id}`, { token: owner.token })).body.data.likes).toBe(5);
  });
});

describe('plays', () => {
  it('count at most once per listener per track per 30 s', async () => {
    const id = await newTrack();
    const [a, b] = fans;
    expect((await api().post(`/api/v1/tracks/${id}/play`, undefined, { token: a!.token })).body.data).toEqual({ plays: 1 });
    expect((await api().post(`/api/v1/tracks/${id}/play`, undefined, { token: a!.token })).body.data).toEqual({ plays: 1 });
    expect((await api().post(`/api/v1/tracks/${id}/play`, undefined, { token: b!.token })).body.data).toEqual({ plays: 2 });
    await app.db
      .update(trackPlays)
      .set({ playedAt: sql`${trackPlays.playedAt} - interval '31 seconds'` })
      .where(and(eq(trackPlays.trackId, id), eq(trackPlays.listener, `u:${a!.id}`)));
    expect((await api().post(`/api/v1/tracks/${id}/play`, undefined, { token: a!.token })).body.data).toEqual({ plays: 3 });
    expect((await api().post(`/api/v1/tracks/${id}/play`, undefined, { token: a!.token })).body.data).toEqual({ plays: 3 });
    const rows = await app.db.select().from(trackPlays).where(eq(trackPlays.trackId, id));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.userId !== null)).toBe(true);
    expect((await api().post(`/api/v1/tracks/${id}/play`)).status).toBe(401);
  });

  it('count once for concurrent plays from one listener', async () => {
    const id = await newTrack();
    const [, , c] = fans;
    const results = await Promise.all(Array.from({ length: 6 }, () => api().post(`/api/v1/tracks/${id}/play`, undefined, { token: c!.token })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const [row] = await app.db.select().from(tracks).where(eq(tracks.id, id));
    expect(row!.plays).toBe(1);
    expect(await app.db.select().from(trackPlays).where(eq(trackPlays.trackId, id))).toHaveLength(1);
  });
});
