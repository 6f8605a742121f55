import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tags, tracks, trackTags } from '@/db/schema/tracks';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;
let member: TestUser;
let moderator: TestUser;
let seq = 0;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
  [member, moderator] = await Promise.all([createUser(app), createUser(app, { role: 'moderator' })]);
});
afterAll(() => app?.close());

async function addTrack(tagIds: number[], isPublic = true): Promise<number> {
  const n = ++seq;
  const [row] = await app.db
    .insert(tracks)
    .values({
      userId: member.id,
      title: `Tagged ${n}`,
      artist: 'Tester',
      duration: 3,
      mimeType: 'audio/wav',
      size: 100,
      storageKey: `tracks/tags-${n}`,
      sha256: n.toString(16).padStart(64, '0'),
      isPublic,
    })
    .returning({ id: tracks.id });
  if (tagIds.length > 0) await app.db.insert(trackTags).values(tagIds.map((tagId) => ({ trackId: row!.id, tagId })));
  return row!.id;
}

async function addTags(...names: string[]): Promise<Record<string, number>> {
  const rows = await app.db.insert(tags).values(names.map((name) => ({ name }))).returning();
  return Object.fromEntries(rows.map((r) => [r.name, r.id]));
}

// One data set for the whole file: list and search read it, merge uses its own tags.
let ids: Record<string, number>;
beforeAll(async () => {
  ids = await addTags('ambient', 'techno', 'house', 'acid house', 'acid', 'unused', 'ac_dc', 'zzz-lonely');
  await addTrack([ids.techno!, ids.house!, ids.ambient!]);
  await addTrack([ids.techno!, ids.house!]);
  await addTrack([ids.techno!, ids.acid!], false);
  await addTrack([ids['acid house']!]);
  await addTrack([ids.ambient!]);
});

describe('GET /api/v1/tags', () => {
  it('GET /api/v1/tags – 401 without a token', async () => {
    expectError(await api.get('/api/v1/tags'), 401, 'UNAUTHORIZED');
  });

  it('GET /api/v1/tags – counts usage from tracks, most used first, then by name, paginated', async () => {
    const res = await api.get('/api/v1/tags?limit=100', { token: member.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mine = res.body.data.filter((t: { name: string }) => t.name in ids);
    expect(mine).toEqual([
      { id: ids.techno, name: 'techno', usage_count: 3 },
      { id: ids.ambient, name: 'ambient', usage_count: 2 },
      { id: ids.house, name: 'house', usage_count: 2 },
      { id: ids.acid, name: 'acid', usage_count: 1 },
      { id: ids['acid house'], name: 'acid house', usage_count: 1 },
      { id: ids.ac_dc, name: 'ac_dc', usage_count: 0 },
      { id: ids.unused, name: 'unused', usage_count: 0 },
      { id: ids['zzz-lonely'], name: 'zzz-lonely', usage_count: 0 },
    ]);
    expect(res.body.pagination).toMatchObject({ page: 1, limit: 100, has_previous: false });

    const page2 = await api.get('/api/v1/tags?limit=2&page=2', { token: member.token });
    expect(page2.status).toBe(200);
    expect(page2.body.data.map((t: { name: string }) => t.name)).toEqual(['house', 'acid']);
    expect(page2.body.pagination).toMatchObject({ page: 2, limit: 2, has_next: true, has_previous: true });
    expect((await api.get('/api/v1/tags?limit=500', { token: member.token })).body.pagination.limit).toBe(100);
  });
});

describe('GET /api/v1/tags/search', () => {
  const names = async (query: string) => {
    const res = await api.get(`/api/v1/tags/search?${query}`, { token: member.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data.map((t: { name: string }) => t.name);
  };

  it('GET /api/v1/tags/search – prefix match, normalized like tags, exact name first then most used', async () => {
    expect(await names('q=ac')).toEqual(['acid', 'acid house', 'ac_dc']);
    expect(await names(`q=${encodeURIComponent('  ACID ')}`)).toEqual(['acid', 'acid house']);
    expect(await names(`q=${encodeURIComponent('acid   h')}`)).toEqual(['acid house']);
    expect(await names('q=tech')).toEqual(['techno']);
    expect(await names('q=nothing-here')).toEqual([]);
    const one = await api.get('/api/v1/tags/search?q=techno', { token: member.token });
    expect(one.body.data).toEqual([{ id: ids.techno, name: 'techno', usage_count: 3 }]);
  });

  it('GET /api/v1/tags/search – % and _ are literal; limit defaults to 10 and is clamped', async () => {
    expect(await names('q=%25')).toEqual([]);
    expect(await names('q=ac_')).toEqual(['ac_dc']);
    expect(await names('q=a&limit=1')).toEqual(['ambient']);
    expect(await names('q=a&limit=0')).toHaveLength(1);
    const many = await addTags(...Array.from({ length: 12 }, (_, i) => `lim${String(i).padStart(2, '0')}`));
    expect(Object.keys(many)).toHaveLength(12);
    expect(await names('q=lim')).toHaveLength(10);
    expect(await names('q=lim&limit=1000')).toHaveLength(12);
  });

  it('GET /api/v1/tags/search – q is required and at most 40 characters once normalized', async () => {
    expectError(await api.get('/api/v1/tags/search', { token: member.token }), 400, 'INVALID_INPUT', ['q']);
    expectError(await api.get('/api/v1/tags/search?q=%20%20', { token: member.token }), 400, 'INVALID_INPUT', ['q']);
    expectError(await api.get(`/api/v1/tags/search?q=${'x'.repeat(41)}`, { token: member.token }), 400, 'INVALID_INPUT', ['q']);
  });
});

describe('POST /api/v1/tags/merge', () => {
  it('POST /api/v1/tags/merge – moves every track to the target once, deletes the source, answers the new count', async () => {
    const t = await addTags('hip hop', 'hiphop', 'merge-other');
    const both = await addTrack([t['hip hop']!, t.hiphop!]);
    const onlyFrom = await addTrack([t['hip hop']!, t['merge-other']!]);
    const onlyInto = await addTrack([t.hiphop!], false);

    const res = await api.post('/api/v1/tags/merge', { from: t['hip hop'], into: t.hiphop }, { token: moderator.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toEqual({ id: t.hiphop, name: 'hiphop', usage_count: 3 });

    expect(await app.db.select().from(tags).where(eq(tags.id, t['hip hop']!))).toEqual([]);
    const links = await app.db
      .select({ trackId: trackTags.trackId, tagId: trackTags.tagId })
      .from(trackTags)
      .where(inArray(trackTags.trackId, [both, onlyFrom, onlyInto]));
    expect(links.sort((a, b) => a.trackId - b.trackId || a.tagId - b.tagId)).toEqual(
      [
        { trackId: both, tagId: t.hiphop },
        { trackId: onlyFrom, tagId: t.hiphop },
        { trackId: onlyFrom, tagId: t['merge-other'] },
        { trackId: onlyInto, tagId: t.hiphop },
      ].sort((a, b) => a.trackId - b.trackId || a.tagId! - b.tagId!),
    );
    // The merged tag is gone from the list too.
    const list = await api.get('/api/v1/tags?limit=100', { token: member.token });
    expect(list.body.data.map((x: { name: string }) => x.name)).not.toContain('hip hop');
  });

  it('POST /api/v1/tags/merge – 403 for a user, 401 without a token', async () => {
    const t = await addTags('perm-a', 'perm-b');
    expectError(await api.post('/api/v1/tags/merge', { from: t['perm-a'], into: t['perm-b'] }, { token: member.token }), 403, 'PERMISSION_DENIED');
    expectError(await api.post('/api/v1/tags/merge', { from: t['perm-a'], into: t['perm-b'] }), 401, 'UNAUTHORIZED');
    expect(await app.db.select().from(tags).where(eq(tags.id, t['perm-a']!))).toHaveLength(1);
  });

  it('POST /api/v1/tags/merge – 400 when from equals into or ids are missing, 404 for an unknown tag', async () => {
    const t = await addTags('same-a', 'same-b');
    const token = moderator.token;
    expectError(await api.post('/api/v1/tags/merge', { from: t['same-a'], into: t['same-a'] }, { token }), 400, 'INVALID_INPUT', ['into']);
    expectError(await api.post('/api/v1/tags/merge', { from: t['same-a'] }, { token }), 400, 'INVALID_INPUT', ['into']);
    expectError(await api.post('/api/v1/tags/merge', { from: 'abc', into: t['same-b'] }, { token }), 400, 'INVALID_INPUT', ['from']);
    expectError(await api.post('/api/v1/tags/merge', { from: 999999, into: t['same-b'] }, { token }), 404, 'NOT_FOUND');
    expectError(await api.post('/api/v1/tags/merge', { from: t['same-a'], into: 999999 }, { token }), 404, 'NOT_FOUND');
    // Nothing changed.
    expect(await app.db.select().from(tags).where(inArray(tags.id, [t['same-a']!, t['same-b']!]))).toHaveLength(2);
  });
});
