import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedAudioUrl } from '@/lib/tracks/stream-url';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { fixture, upload } from '../helpers/upload';

let app: TestApp;
let owner: TestUser;
let fan: TestUser;
let pub: number;
let priv: number;
const api = () => apiClient(app);
const bytes = fixture('audio/phrase-4s.mp3');
const size = bytes.length;

beforeAll(async () => {
  app = await startTestApp();
  [owner, fan] = await Promise.all([createUser(app), createUser(app)]);
  const up = async (is_public: string) => {
    const res = await upload(app, '/api/v1/tracks', { token: owner.token, fields: { title: 'Phrase', is_public }, file: { name: 'p.mp3', bytes } });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body.data.id as number;
  };
  pub = await up('true');
  priv = await up('false');
});
afterAll(() => app?.close());

const audio = (id: number, headers: Record<string, string> = {}, token = fan.token, method = 'GET') =>
  fetch(`${app.url}/api/v1/tracks/${id}/audio`, { method, headers: { authorization: `Bearer ${token}`, ...headers } });
const body = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('GET /api/v1/tracks/:id/audio', () => {
  it('serves the exact bytes inline with validators and a private cache policy', async () => {
    const res = await audio(pub);
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual(bytes);
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="Phrase\.mp3"/);
    expect(res.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(res.headers.get('last-modified')).toBeTruthy();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await audio(pub, { range: 'bytes=0-99' }, fan.token, 'HEAD');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-99/${size}`);
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    expect((await body(res)).length).toBe(0);
  });

  it('answers byte-exact ranges: first 100, open-ended, suffix', async () => {
    const r1 = await audio(pub, { range: 'bytes=0-99' });
    expect(r1.status).toBe(206);
    expect(r1.headers.get('content-range')).toBe(`bytes 0-99/${size}`);
    expect(await body(r1)).toEqual(bytes.subarray(0, 100));
    const r2 = await audio(pub, { range: `bytes=${size - 1000}-` });
    expect(r2.status).toBe(206);
    expect(r2.headers.get('content-range')).toBe(`bytes ${size - 1000}-${size - 1}/${size}`);
    expect(await body(r2)).toEqual(bytes.subarray(size - 1000));
    const r3 = await audio(pub, { range: 'bytes=-500' });
    expect(r3.status).toBe(206);
    expect(r3.headers.get('content-range')).toBe(`bytes ${size - 500}-${size - 1}/${size}`);
    expect(await body(r3)).toEqual(bytes.subarray(size - 500));
    const mid = await audio(pub, { range: 'bytes=1000-1999' });
    expect(await body(mid)).toEqual(bytes.subarray(1000, 2000));
  });

  it('answers 416 with Content-Range bytes */size for an unsatisfiable range', async () => {
    const res = await audio(pub, { range: `bytes=${size}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${size}`);
    expect((await res.json()).error_code).toBe('RANGE_NOT_SATISFIABLE');
  });

  it('honours If-None-Match (304) and If-Range (a stale validator gets the whole file)', async () => {
    const etag = (await audio(pub)).headers.get('etag')!;
    const r304 = await audio(pub, { 'if-none-match': etag });
    expect(r304.status).toBe(304);
    const fresh = await audio(pub, { range: 'bytes=0-9', 'if-range': etag });
    expect(fresh.status).toBe(206);
    expect(await body(fresh)).toEqual(bytes.subarray(0, 10));
    const stale = await audio(pub, { range: 'bytes=0-9', 'if-range': '"0000000000"' });
    expect(stale.status).toBe(200);
    expect(await body(stale)).toEqual(bytes);
  });

  it('needs a credential, and hides private tracks from others', async () => {
    const anon = await fetch(`${app.url}/api/v1/tracks/${pub}/audio`);
    expect(anon.status).toBe(401);
    expect((await audio(priv)).status).toBe(404);
    const own = await audio(priv, {}, owner.token);
    expect(own.status).toBe(200);
    expect(await body(own)).toEqual(bytes);
  });
});

describe('signed stream URLs', () => {
  it('GET /stream answers a signed URL that works without any header', async () => {
    const res = await api().get(`/api/v1/tracks/${pub}/stream`, { token: fan.token });
    expect(res.status).toBe(200);
    const { url, expires_in, websocket_url } = res.body.data;
    expect(expires_in).toBe(3600);
    expect(websocket_url).toMatch(/^wss?:\/\//);
    expect(url).toMatch(new RegExp(`^/api/v1/tracks/${pub}/audio\\?u=${fan.id}&expires=\\d+&token=[A-Za-z0-9_-]+$`));
    const expires = Number(new URL(url, app.url).searchParams.get('expires'));
    expect(expires - Date.now() / 1000).toBeGreaterThan(3590);
    const plain = await fetch(app.url + url);
    expect(plain.status).toBe(200);
    expect(await body(plain)).toEqual(bytes);
    const ranged = await fetch(app.url + url, { headers: { range: 'bytes=0-99' } });
    expect(ranged.status).toBe(206);
    expect(await body(ranged)).toEqual(bytes.subarray(0, 100));
    expect((await api().get(`/api/v1/tracks/${priv}/stream`, { token: fan.token })).status).toBe(404);
  });

  it('refuses any tampering with 401 UNAUTHORIZED and an expired link with 401 TOKEN_EXPIRED', async () => {
    const { url } = (await api().get(`/api/v1/tracks/${pub}/stream`, { token: fan.token })).body.data;
    const u = new URL(url, app.url);
    const variant = (change: (p: URLSearchParams) => void, pathname = u.pathname) => {
      const p = new URLSearchParams(u.searchParams);
      change(p);
      return `${app.url}${pathname}?${p}`;
    };
    const token = u.searchParams.get('token')!;
    const tampered = [
      variant((p) => p.set('token', (token[0] === 'A' ? 'B' : 'A') + token.slice(1))),
      variant((p) => p.set('expires', String(Number(p.get('expires')) + 60))),
      variant((p) => p.set('u', String(owner.id))),
      variant((p) => p.delete('token')),
      variant(() => {}, `/api/v1/tracks/${priv}/audio`),
      variant((p) => p.set('expires', 'soon')),
    ];
    for (const href of tampered) {
      const res = await fetch(href);
      expect(res.status, href).toBe(401);
      expect((await res.json()).error_code).toBe('UNAUTHORIZED');
    }
    const past = Math.floor(Date.now() / 1000) - 10;
    const expired = await fetch(app.url + signedAudioUrl(pub, fan.id, past));
    expect(expired.status).toBe(401);
    expect((await expired.json()).error_code).toBe('TOKEN_EXPIRED');
  });

  it("works for a private track only while its signer may still see it", async () => {
    const { url } = (await api().get(`/api/v1/tracks/${priv}/stream`, { token: owner.token })).body.data;
    expect((await fetch(app.url + url)).status).toBe(200);
    // A link signed for someone who cannot see the track is no key to it.
    const forged = await fetch(app.url + signedAudioUrl(priv, fan.id, Math.floor(Date.now() / 1000) + 600));
    expect(forged.status).toBe(404);
    const fanUrl = (await api().get(`/api/v1/tracks/${pub}/stream`, { token: fan.token })).body.data.url;
    await api().put(`/api/v1/tracks/${pub}`, { is_public: false }, { token: owner.token });
    expect((await fetch(app.url + fanUrl)).status).toBe(404);
    await api().put(`/api/v1/tracks/${pub}`, { is_public: true }, { token: owner.token });
    expect((await fetch(app.url + fanUrl)).status).toBe(200);
  });
});

describe('peaks and waveform', () => {
  it('serves peaks as min/max pairs in [-1, 1] with a private cache and an ETag', async () => {
    const res = await api().get(`/api/v1/tracks/${pub}/peaks`, { token: fan.token });
    expect(res.status).toBe(200);
    const { length, sample_rate, peaks } = res.body.data;
    expect(length).toBeGreaterThan(100);
    expect(sample_rate).toBeGreaterThan(0);
    expect(peaks).toHaveLength(2 * length);
    expect(peaks.every((v: number) => v >= -1 && v <= 1)).toBe(true);
    expect(Math.max(...peaks.map(Math.abs))).toBeCloseTo(1, 1);
    expect(res.headers.get('cache-control')).toBe('private, max-age=3600');
    const etag = res.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await api().get(`/api/v1/tracks/${pub}/peaks`, { token: fan.token, headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await api().get(`/api/v1/tracks/${pub}/peaks`)).status).toBe(401);
  });

  it('draws the waveform as a safe SVG', async () => {
    const res = await fetch(`${app.url}/api/v1/tracks/${pub}/waveform.svg?color=%23ff0000&width=400&height=60`, {
      headers: { authorization: `Bearer ${fan.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const svg = await res.text();
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 400 60"/);
    expect(svg).toContain('fill="#ff0000"');
    const bad = await fetch(`${app.url}/api/v1/tracks/${pub}/waveform.svg?color=${encodeURIComponent('red"/><script>')}`, {
      headers: { authorization: `Bearer ${fan.token}` },
    });
    expect(bad.status).toBe(400);
  });
});
