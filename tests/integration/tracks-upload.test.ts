import { readdirSync } from 'node:fs';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '@/lib/audio/wav';
import { tags, trackPeaks, tracks, trackTags } from '@/db/schema/tracks';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { fixture, upload } from '../helpers/upload';

let app: TestApp;
let owner: TestUser;
const api = () => apiClient(app);

/** Every file under a directory (recursively); [] when it does not exist. */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

const trackCount = async () => (await app.db.select({ n: count() }).from(tracks))[0]!.n;

beforeAll(async () => {
  app = await startTestApp();
  owner = await createUser(app);
});
afterAll(() => app?.close());

describe('POST /api/v1/tracks', () => {
  const formats: [string, string][] = [
    ['phrase-4s.wav', 'audio/wav'],
    ['phrase-4s.mp3', 'audio/mpeg'],
    ['phrase-4s.ogg', 'audio/ogg'],
    ['phrase-4s.opus', 'audio/'],
    ['phrase-4s.flac', 'audio/flac'],
    ['phrase-4s.m4a', 'audio/mp4'],
  ];

  it.each(formats)('accepts %s, reading duration and tags from the file', async (name, mime) => {
    const bytes = fixture(`audio/${name}`);
    const res = await upload(app, '/api/v1/tracks', {
      token: owner.token,
      fields: { title: '', artist: '', genre: '' },
      file: { name, bytes },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const t = res.body.data;
    expect(t.title).toBe('Fixture Phrase');
    expect(t.artist).toBe('Talas Test');
    expect(t.genre).toBe('Ambient');
    expect(t.duration).toBeGreaterThan(3.8);
    expect(t.duration).toBeLessThan(4.2);
    expect(t.mime_type.startsWith(mime)).toBe(true);
    expect(t.size).toBe(bytes.length);
    expect(t).toMatchObject({
      is_public: true,
      tags: [],
      plays: 0,
      likes: 0,
      liked_by_me: false,
      user: { id: owner.id, username: owner.username, avatar: null },
      file_url: `/api/v1/tracks/${t.id}/audio`,
      stream_url: `/api/v1/tracks/${t.id}/stream`,
      waveform_url: `/api/v1/tracks/${t.id}/waveform.svg`,
      peaks_url: `/api/v1/tracks/${t.id}/peaks`,
    });
    const [peaks] = await app.db.select().from(trackPeaks).where(eq(trackPeaks.trackId, t.id));
    expect(peaks!.peaks.length).toBe(2 * peaks!.length);
  });

  it('uses the form fields over the tags, and the alias /tracks/upload answers the same', async () => {
    const res = await upload(app, '/api/v1/tracks/upload', {
      token: owner.token,
      fields: { title: 'My Take', artist: 'Me', genre: 'Drone', description: 'late night', is_public: 'false' },
      file: { name: 'x.mp3', bytes: fixture('audio/phrase-4s.mp3') },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ title: 'My Take', artist: 'Me', genre: 'Drone', description: 'late night', is_public: false });
  });

  it('falls back to the file name and the username when the file has no tags', async () => {
    const samples = new Float32Array(8000).map((_, i) => Math.sin(i / 10) * 0.5);
    const res = await upload(app, '/api/v1/tracks', {
      token: owner.token,
      file: { name: 'quiet room.wav', bytes: encodeWav([samples], 8000) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({ title: 'quiet room', artist: owner.username, genre: null, mime_type: 'audio/wav' });
    expect(res.body.data.duration).toBeCloseTo(1, 2);
  });

  it('normalizes tags: trimmed, lower-cased, spaces collapsed, deduplicated, empties dropped, sorted', async () => {
    const res = await upload(app, '/api/v1/tracks', {
      token: owner.token,
      fields: { title: 'Tagged', tags: ' Ambient ,  Deep   House,ambient,, ,DRONE ' },
      file: { name: 'a.mp3', bytes: fixture('audio/phrase-4s.mp3') },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.tags).toEqual(['ambient', 'deep house', 'drone']);
    const again = await upload(app, '/api/v1/tracks', {
      token: owner.token,
      fields: { title: 'Tagged again', tags: 'drone' },
      file: { name: 'a.mp3', bytes: fixture('audio/phrase-4s.mp3') },
    });
    expect(again.body.data.tags).toEqual(['drone']);
    const rows = await app.db.select().from(tags).where(eq(tags.name, 'drone'));
    expect(rows).toHaveLength(1);
  });

  it('shares tag rows between concurrent uploads naming the same tags in any order', async () => {
    const lists = ['zeta, yotta, xeno', 'xeno, zeta, yotta', 'yotta, xeno, zeta', 'Zeta,XENO,yotta'];
    const results = await Promise.all(
      lists.map((t) => upload(app, '/api/v1/tracks', { token: owner.token, fields: { title: 'Race', tags: t }, file: { name: 'a.opus', bytes: fixture('audio/phrase-4s.opus') } })),
    );
    for (const res of results) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.data.tags).toEqual(['xeno', 'yotta', 'zeta']);
    }
    for (const name of ['xeno', 'yotta', 'zeta']) expect(await app.db.select().from(tags).where(eq(tags.name, name))).toHaveLength(1);
  });

  it('refuses bad tags and titles with 400, keeping nothing', async () => {
    const before = await trackCount();
    for (const fields of <Record<string, string>[]>[
      { title: 'x', tags: 'a'.repeat(41) },
      { title: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(',') },
      { title: 'x'.repeat(201) },
      { title: 'x', is_public: 'maybe' },
    ]) {
      const res = await upload(app, '/api/v1/tracks', { token: owner.token, fields, file: { name: 'a.mp3', bytes: fixture('audio/phrase-4s.mp3') } });
      expect(res.status).toBe(400);
      expect(res.body.error_code).toBe('INVALID_INPUT');
    }
    expect(await trackCount()).toBe(before);
    expect(filesUnder(path.join(app.env.UPLOAD_PATH, 'tmp'))).toEqual([]);
  });

  it.each([
    ['text-renamed.mp3', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['empty.wav', 400, 'INVALID_INPUT'],
    ['truncated.mp3', 400, 'INVALID_INPUT'],
  ])('refuses %s with %i and leaves nothing behind', async (name, status, code) => {
    const before = await trackCount();
    const stored = filesUnder(path.join(app.env.UPLOAD_PATH, 'store')).length;
    const res = await upload(app, '/api/v1/tracks', { token: owner.token, fields: { title: 'bad' }, file: { name, bytes: fixture(`audio/${name}`) } });
    expect(res.status).toBe(status);
    expect(res.body.error_code).toBe(code);
    expect(await trackCount()).toBe(before);
    expect(filesUnder(path.join(app.env.UPLOAD_PATH, 'store'))).toHaveLength(stored);
    expect(filesUnder(path.join(app.env.UPLOAD_PATH, 'tmp'))).toEqual([]);
  });

  it('needs a file and a signed-in user', async () => {
    expect((await upload(app, '/api/v1/tracks', { token: owner.token, fields: { title: 'x' } })).status).toBe(400);
    const anon = await upload(app, '/api/v1/tracks', { file: { name: 'a.mp3', bytes: fixture('audio/phrase-4s.mp3') } });
    expect(anon.status).toBe(401);
  });

  it('stores each upload once and links its tags inside the same transaction', async () => {
    const n = await trackCount();
    const links = (await app.db.select({ n: count() }).from(trackTags))[0]!.n;
    expect(n).toBeGreaterThan(0);
    expect(filesUnder(path.join(app.env.UPLOAD_PATH, 'store'))).toHaveLength(n);
    expect(links).toBeGreaterThan(0);
    expect((await api().get('/api/v1/tracks?limit=100', { token: owner.token })).body.pagination.total).toBe(n);
  });
});
