import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appMeta } from '@/db/schema/meta';
import { userProducts } from '@/db/schema/gear';
import { tracks } from '@/db/schema/tracks';
import { users } from '@/db/schema/users';
import { DEMO_PASSWORD, seedDemo } from '@/lib/bootstrap/seed';
import { apiClient } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await seedDemo(app.db);
});
afterAll(() => app?.close());

const total = async (table: typeof users | typeof userProducts | typeof tracks | typeof appMeta) =>
  (await app.db.select({ n: count() }).from(table))[0]!.n;

describe('demo seed', () => {
  it('creates demo accounts that sign in with the documented password', async () => {
    const res = await apiClient(app).post('/api/v1/auth/login', { email: 'ava@demo.talas.app', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.data.user.username).toBe('ava');
  });

  it('gives demo users gear whose warranties are expiring soon and still active', async () => {
    const login = await apiClient(app).post('/api/v1/auth/login', { email: 'ava@demo.talas.app', password: DEMO_PASSWORD });
    const token = login.body.data.access_token;
    const mine = await apiClient(app).get('/api/v1/user-products', { token });
    expect(mine.body.data.length).toBeGreaterThanOrEqual(3);
    const expiring = await apiClient(app).get('/api/v1/user-products/warranty?filter=expiring', { token });
    const active = await apiClient(app).get('/api/v1/user-products/warranty?filter=active', { token });
    expect(expiring.body.data.length).toBeGreaterThanOrEqual(1);
    expect(active.body.data.length).toBeGreaterThan(expiring.body.data.length);
  });

  it('gives demo users synthesized tracks with waveforms, like real uploads', async () => {
    const login = await apiClient(app).post('/api/v1/auth/login', { email: 'ava@demo.talas.app', password: DEMO_PASSWORD });
    const token = login.body.data.access_token;
    const list = await apiClient(app).get('/api/v1/tracks?limit=50', { token });
    expect(list.body.data.length).toBeGreaterThanOrEqual(5);
    const track = list.body.data.find((t: { title: string }) => t.title === 'Tape Delay Sunrise');
    expect(track).toMatchObject({ genre: 'Ambient', mime_type: 'audio/wav', is_public: true, tags: ['ambient', 'morning', 'pads'] });
    expect(track.duration).toBeCloseTo(48, 0);
    const peaks = await apiClient(app).get(`/api/v1/tracks/${track.id}/peaks`, { token });
    expect(peaks.body.data.peaks.length).toBe(2 * peaks.body.data.length);
    const audio = await fetch(`${app.url}/api/v1/tracks/${track.id}/audio`, { headers: { authorization: `Bearer ${token}`, range: 'bytes=0-3' } });
    expect(Buffer.from(await audio.arrayBuffer()).toString('latin1')).toBe('RIFF');
  });

  it('is idempotent: a second run adds nothing', async () => {
    const before = [await total(users), await total(userProducts), await total(tracks), await total(appMeta)];
    await seedDemo(app.db);
    expect([await total(users), await total(userProducts), await total(tracks), await total(appMeta)]).toEqual(before);
  });
});
