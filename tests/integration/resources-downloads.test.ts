import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { fixture, upload } from '../helpers/upload';

let app: TestApp;
let owner: TestUser;
let fan: TestUser;
const api = () => apiClient(app);
const bytes = fixture('audio/phrase-4s.mp3');

async function share(title: string): Promise<{ id: number; url: string }> {
  const res = await upload(app, '/api/v1/resources', {
    token: owner.token,
    fields: { title, type: 'sample' },
    file: { name: 'Phrasé été.mp3', bytes },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.data;
}

const downloads = async (id: number) => (await api().get(`/api/v1/resources/${id}`, { token: owner.token })).body.data.downloads as number;

beforeAll(async () => {
  app = await startTestApp();
  [owner, fan] = await Promise.all([createUser(app), createUser(app)]);
});
afterAll(() => app?.close());

describe('GET /api/v1/resources/:id/download', () => {
  let id: number;
  let url: string;
  const get = (headers: Record<string, string> = {}, method = 'GET') =>
    fetch(`${app.url}${url}`, { method, headers: { authorization: `Bearer ${fan.token}`, ...headers } });

  beforeAll(async () => {
    ({ id, url } = await share('Phrase'));
  });

  it('serves the exact bytes as an attachment with safe headers, and counts the download', async () => {
    expect(url).toBe(`/api/v1/resources/${id}/download`);
    const res = await get();
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Phras_ _t_.mp3"; filename*=UTF-8''Phras%C3%A9%20%C3%A9t%C3%A9.mp3`,
    );
    expect(res.headers.get('etag')).toMatch(new RegExp(`^"r${id}-${bytes.length}-\\d+"$`));
    expect(await downloads(id)).toBe(1);
  });

  it('HEAD answers the headers without a body and does not count', async () => {
    const before = await downloads(id);
    const res = await get({}, 'HEAD');
    expect(res.status).toBe(200);
    // Next.js drops Content-Length from route handler answers (its FORBIDDEN_HEADERS), GET and HEAD alike.
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    expect(res.headers.get('etag')).toMatch(new RegExp(`^"r${id}-`));
    expect((await res.arrayBuffer()).byteLength).toBe(0);
    expect(await downloads(id)).toBe(before);
  });

  it('304 on a matching If-None-Match does not count', async () => {
    const etag = (await get({}, 'HEAD')).headers.get('etag')!;
    const before = await downloads(id);
    const res = await get({ 'if-none-match': etag });
    expect(res.status).toBe(304);
    expect(await downloads(id)).toBe(before);
    expect((await get({ 'if-none-match': `W/${etag}` })).status).toBe(304);
    expect(await downloads(id)).toBe(before);
  });

  it('a range from byte 0 counts; a range further in, a suffix range and a 416 do not', async () => {
    const start = await downloads(id);
    const head = await get({ range: 'bytes=0-99' });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-99/${bytes.length}`);
    expect(Buffer.from(await head.arrayBuffer())).toEqual(bytes.subarray(0, 100));
    expect(await downloads(id)).toBe(start + 1);

    const open = await get({ range: 'bytes=0-' });
    expect(open.status).toBe(206);
    expect(Buffer.from(await open.arrayBuffer())).toEqual(bytes);
    expect(await downloads(id)).toBe(start + 2);

    const middle = await get({ range: 'bytes=100-199' });
    expect(middle.status).toBe(206);
    expect(Buffer.from(await middle.arrayBuffer())).toEqual(bytes.subarray(100, 200));
    const rest = await get({ range: 'bytes=200-' });
    expect(Buffer.from(await rest.arrayBuffer())).toEqual(bytes.subarray(200));
    const suffix = await get({ range: 'bytes=-10' });
    expect(suffix.status).toBe(206);
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 10));
    const beyond = await get({ range: `bytes=${bytes.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    expect((await beyond.json()).error_code).toBe('RANGE_NOT_SATISFIABLE');
    expect(await downloads(id)).toBe(start + 2);
  });

  it('If-Range: a stale validator turns a mid-file range into a full (counted) download', async () => {
    const etag = (await get({}, 'HEAD')).headers.get('etag')!;
    const before = await downloads(id);
    const fresh = await get({ range: 'bytes=100-', 'if-range': etag });
    expect(fresh.status).toBe(206);
    await fresh.arrayBuffer();
    expect(await downloads(id)).toBe(before);
    const stale = await get({ range: 'bytes=100-', 'if-range': '"r0-0-0"' });
    expect(stale.status).toBe(200);
    expect(Buffer.from(await stale.arrayBuffer())).toEqual(bytes);
    expect(await downloads(id)).toBe(before + 1);
  });

  it('counts concurrent downloads exactly (one atomic UPDATE each)', async () => {
    const before = await downloads(id);
    const results = await Promise.all(Array.from({ length: 25 }, () => get().then(async (r) => [r.status, (await r.arrayBuffer()).byteLength])));
    expect(results).toEqual(Array.from({ length: 25 }, () => [200, bytes.length]));
    expect(await downloads(id)).toBe(before + 25);
  });

  it('the owner downloading counts too; the count shows in the list', async () => {
    const before = await downloads(id);
    const res = await fetch(`${app.url}${url}`, { headers: { authorization: `Bearer ${owner.token}` } });
    await res.arrayBuffer();
    const listed = await api().get(`/api/v1/resources?user_id=${owner.id}`, { token: fan.token });
    expect(listed.body.data.find((r: { id: number }) => r.id === id).downloads).toBe(before + 1);
  });

  it('an edit changes the ETag, so an old validator no longer matches', async () => {
    const etag = (await get({}, 'HEAD')).headers.get('etag')!;
    await new Promise((r) => setTimeout(r, 5));
    expect((await api().put(`/api/v1/resources/${id}`, { title: 'Phrase (edited)' }, { token: owner.token })).status).toBe(200);
    const res = await get({ 'if-none-match': etag });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(etag);
    await res.arrayBuffer();
  });

  it('a download does not change updated_at', async () => {
    const before = (await api().get(`/api/v1/resources/${id}`, { token: owner.token })).body.data.updated_at;
    await (await get()).arrayBuffer();
    expect((await api().get(`/api/v1/resources/${id}`, { token: owner.token })).body.data.updated_at).toBe(before);
  });

  it('401 anonymously, 400 for a bad id, 404 for a missing one', async () => {
    const anon = await fetch(`${app.url}${url}`);
    expect(anon.status).toBe(401);
    expect((await anon.json()).error_code).toBe('UNAUTHORIZED');
    expect((await api().get('/api/v1/resources/x/download', { token: fan.token })).status).toBe(400);
    const missing = await api().get('/api/v1/resources/99999/download', { token: fan.token });
    expect(missing.status).toBe(404);
    expect(missing.body.error_code).toBe('NOT_FOUND');
  });
});
