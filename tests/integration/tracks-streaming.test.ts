import { rmSync, truncateSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import path from 'node:path';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracks } from '@/db/schema/tracks';
import { synthesizeWav } from '@/lib/audio/synth';
import { createLogger } from '@/lib/log';
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

// server.ts answers audio before Next (lib/http/fast-path.ts); `next start` deployments use the route
// handler. Both must behave alike, so the contract runs through each. Next drops Content-Length.
const pipelines = [
  { pipeline: 'server.ts fast path', fast: true },
  { pipeline: 'Next route handler', fast: false },
];
let fast = true;
const expectLength = (res: Response, length: number) => {
  if (fast) expect(res.headers.get('content-length')).toBe(String(length));
};

describe.each(pipelines)('GET /api/v1/tracks/:id/audio – $pipeline', (p) => {
  beforeAll(() => {
    fast = p.fast;
    app.useFastPath(p.fast);
  });
  afterAll(() => app.useFastPath(true));

  it('serves the exact bytes inline with validators and a private cache policy', async () => {
    const res = await audio(pub);
    expect(res.status).toBe(200);
    expectLength(res, size);
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
    expectLength(res, 100);
    expect((await body(res)).length).toBe(0);
  });

  it('answers byte-exact ranges: first 100, open-ended, suffix', async () => {
    const r1 = await audio(pub, { range: 'bytes=0-99' });
    expect(r1.status).toBe(206);
    expect(r1.headers.get('content-range')).toBe(`bytes 0-99/${size}`);
    expectLength(r1, 100);
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
    // An HTTP date: the range applies while the file is no newer than it.
    const lastModified = (await audio(pub, {}, fan.token, 'HEAD')).headers.get('last-modified')!;
    const dated = await audio(pub, { range: 'bytes=10-19', 'if-range': lastModified });
    expect(dated.status).toBe(206);
    expect(await body(dated)).toEqual(bytes.subarray(10, 20));
    const older = await audio(pub, { range: 'bytes=10-19', 'if-range': new Date(Date.parse(lastModified) - 3600_000).toUTCString() });
    expect(older.status).toBe(200);
    expect(await body(older)).toEqual(bytes);
  });

  it('needs a credential, and hides private tracks from others', async () => {
    const anon = await fetch(`${app.url}/api/v1/tracks/${pub}/audio`);
    expect(anon.status).toBe(401);
    expect((await anon.json()).error_code).toBe('UNAUTHORIZED');
    const hidden = await audio(priv);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ success: false, error_code: 'TRACK_NOT_FOUND' });
    const missing = await audio(priv + 1000);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error_code).toBe('TRACK_NOT_FOUND');
    const own = await audio(priv, {}, owner.token);
    expect(own.status).toBe(200);
    expect(await body(own)).toEqual(bytes);
  });
});

describe.each(pipelines)('signed stream URLs – $pipeline', (p) => {
  beforeAll(() => {
    fast = p.fast;
    app.useFastPath(p.fast);
  });
  afterAll(() => app.useFastPath(true));

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

  it('stops working the moment its signer is suspended, and works again once they are back', async () => {
    const listener = await createUser(app);
    const admin = await createUser(app, { role: 'admin' });
    const { url } = (await api().get(`/api/v1/tracks/${pub}/stream`, { token: listener.token })).body.data;
    expect((await fetch(app.url + url)).status).toBe(200);
    await api().put(`/api/v1/admin/users/${listener.id}`, { status: 'suspended' }, { token: admin.token });
    const refused = await fetch(app.url + url);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error_code).toBe('UNAUTHORIZED');
    await api().put(`/api/v1/admin/users/${listener.id}`, { status: 'active' }, { token: admin.token });
    expect((await fetch(app.url + url)).status).toBe(200);
  });
});

describe('the fast path in front of Next (server.ts)', () => {
  /**
   * What may differ without meaning anything: per-request values, framing, and Next's compression of
   * JSON envelopes (fetch decodes it; a 100-byte error gains nothing from gzip).
   */
  const incidental = new Set(['date', 'x-request-id', 'vary', 'transfer-encoding', 'content-length', 'content-encoding', 'connection', 'keep-alive']);
  const snapshot = async (res: Response) => ({
    status: res.status,
    headers: Object.fromEntries([...res.headers].filter(([k]) => !incidental.has(k))),
    vary: (res.headers.get('vary') ?? '').split(',').map((v) => v.trim()).filter((v) => v === 'Origin'),
    body: (await body(res)).toString('base64'),
  });
  const both = async (path: string, init: RequestInit = {}) => {
    const run = async (on: boolean) => {
      app.useFastPath(on);
      return fetch(app.url + path, init);
    };
    try {
      return { fast: await run(true), next: await run(false) };
    } finally {
      app.useFastPath(true);
    }
  };

  it('answers Range requests itself, with Content-Length, where Next would stream them chunked', async () => {
    const { fast: f, next: n } = await both(`/api/v1/tracks/${pub}/audio`, { headers: { authorization: `Bearer ${fan.token}`, range: 'bytes=0-49999' } });
    expect(f.status).toBe(206);
    expect(f.headers.get('content-length')).toBe('50000');
    expect(f.headers.get('transfer-encoding')).toBeNull();
    expect(f.headers.get('vary')).toBeNull();
    expect(await body(f)).toEqual(bytes.subarray(0, 50000));
    // Proof that the other pipeline really is Next's: its router's Vary, and no length.
    expect(n.status).toBe(206);
    expect(n.headers.get('vary')).toContain('rsc');
    expect(n.headers.get('content-length')).toBeNull();
    expect(await body(n)).toEqual(bytes.subarray(0, 50000));
  });

  it('answers exactly like the Next route handler: status, headers and body, success or error', async () => {
    const { url: signed } = (await api().get(`/api/v1/tracks/${pub}/stream`, { token: fan.token })).body.data;
    const etag = (await audio(pub, {}, fan.token, 'HEAD')).headers.get('etag')!;
    const bearer = { authorization: `Bearer ${fan.token}` };
    const cases: [string, RequestInit][] = [
      [`/api/v1/tracks/${pub}/audio`, { headers: bearer }],
      [`/api/v1/tracks/${pub}/audio`, { headers: { ...bearer, range: 'bytes=100-4099' } }],
      [`/api/v1/tracks/${pub}/audio`, { headers: { ...bearer, range: 'bytes=-10' } }],
      [`/api/v1/tracks/${pub}/audio`, { headers: { ...bearer, range: 'bytes=0-9,20-29' } }],
      [`/api/v1/tracks/${pub}/audio`, { headers: { ...bearer, range: `bytes=${size}-` } }],
      [`/api/v1/tracks/${pub}/audio`, { headers: { ...bearer, 'if-none-match': etag } }],
      [`/api/v1/tracks/${pub}/audio`, { headers: { ...bearer, range: 'bytes=0-9', 'if-range': '"stale"' } }],
      [`/api/v1/tracks/${pub}/audio`, { method: 'HEAD', headers: { ...bearer, range: 'bytes=5-' } }],
      [`/api/v1/tracks/${pub}/audio`, { headers: { ...bearer, origin: 'http://elsewhere.test', range: 'bytes=0-1' } }],
      [`/api/v1/tracks/${pub}/audio`, {}],
      [`/api/v1/tracks/${pub}/audio`, { headers: { authorization: 'Bearer not-a-token' } }],
      [`/api/v1/tracks/${pub}/audio`, { headers: { authorization: 'Basic abc' } }],
      [`/api/v1/tracks/${priv}/audio`, { headers: bearer }],
      [`/api/v1/tracks/abc/audio`, { headers: bearer }],
      [`/api/v1/tracks/${pub}/audio?token=forged&expires=1&u=1`, {}],
      [signed, { headers: { range: 'bytes=7-77' } }],
      [signed.replace(/token=./, 'token=_'), {}],
      [`/api/v1/files/999999/download`, { headers: bearer }],
      [`/api/v1/resources/999999/download`, { headers: bearer }],
      [`/api/v1/resources/internal/999999/download`, { headers: bearer }],
      [`/api/v1/users/${owner.id}/avatar`, { headers: bearer }],
    ];
    for (const [path, init] of cases) {
      const { fast: f, next: n } = await both(path, init);
      const label = `${init.method ?? 'GET'} ${path} ${JSON.stringify(init.headers ?? {})}`;
      const [fs, ns] = [await snapshot(f), await snapshot(n)];
      // The JSON envelopes carry a timestamp (seconds): compare them without it.
      for (const s of [fs, ns]) {
        if (s.headers['content-type']?.startsWith('application/json')) {
          const parsed = JSON.parse(Buffer.from(s.body, 'base64').toString());
          delete parsed.timestamp;
          s.body = JSON.stringify(parsed);
        }
      }
      expect(fs, label).toEqual(ns);
    }
  });

  it('carries the API headers the proxy adds: security headers, CSP, request id, CORS', async () => {
    const res = await audio(pub, { range: 'bytes=0-1', 'x-request-id': 'client-chosen-id-123' });
    expect(res.headers.get('x-request-id')).toBe('client-chosen-id-123');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    expect((await audio(pub, { range: 'bytes=0-1', 'x-request-id': 'bad id!' })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs each answer like the route wrapper does, under the id it sends back', async () => {
    const lines: Record<string, unknown>[] = [];
    const holder = globalThis as unknown as { __talasLog?: Logger };
    const previous = holder.__talasLog;
    holder.__talasLog = createLogger('info', new Writable({ write: (c, _e, done) => (lines.push(JSON.parse(String(c))), done()) }));
    try {
      const res = await audio(pub, { range: 'bytes=0-9' });
      await body(res);
      const id = res.headers.get('x-request-id');
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: 'request', requestId: id, method: 'GET', path: `/api/v1/tracks/${pub}/audio`, status: 206, userId: fan.id }),
      );
    } finally {
      holder.__talasLog = previous;
    }
  });

  it('streams a multi-megabyte file byte-exact, whole and in ranges across read chunks', async () => {
    const big = synthesizeWav({ seconds: 14, voice: 'drone', seed: 'fast-path', sampleRate: 44100 });
    const res = await upload(app, '/api/v1/tracks', { token: owner.token, fields: { title: 'Big' }, file: { name: 'big.wav', bytes: big } });
    expect(res.status).toBe(201);
    const id = res.body.data.id as number;
    const whole = await audio(id);
    expect(whole.headers.get('content-length')).toBe(String(big.length));
    expect((await body(whole)).equals(big)).toBe(true);
    for (const [start, end] of [[0, big.length - 1], [524_000, 1_049_999], [1_000_000, 2_200_000], [1, 2], [big.length - 700_000, big.length - 1]] as const) {
      const r = await audio(id, { range: `bytes=${start}-${end}` });
      expect(r.status).toBe(206);
      expect(r.headers.get('content-length')).toBe(String(end - start + 1));
      expect((await body(r)).equals(big.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
    }

    // A client that leaves mid-file is routine: the next request is served as usual.
    await new Promise<void>((resolve, reject) => {
      const req = httpGet(`${app.url}/api/v1/tracks/${id}/audio`, { headers: { authorization: `Bearer ${fan.token}` } }, (r) => {
        r.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    });
    const after = await audio(id, { range: 'bytes=0-99' });
    expect(await body(after)).toEqual(big.subarray(0, 100));
  });

  it('a stored file missing or shorter than its row: a 500 envelope before any byte, a cut connection after; never a crash', async () => {
    const storedPath = async (id: number) => {
      const [row] = await app.db.select({ key: tracks.storageKey }).from(tracks).where(eq(tracks.id, id));
      return path.join(app.env.UPLOAD_PATH, 'store', row!.key);
    };
    const small = (await upload(app, '/api/v1/tracks', { token: owner.token, fields: { title: 'Doomed' }, file: { name: 'd.mp3', bytes } })).body.data.id as number;
    truncateSync(await storedPath(small), 1000);
    const short = await audio(small);
    expect(short.status).toBe(500);
    expect(await short.json()).toMatchObject({ success: false, error_code: 'INTERNAL_ERROR' });
    expect(short.headers.get('x-request-id')).toBeTruthy();
    rmSync(await storedPath(small));
    const gone = await audio(small, { range: 'bytes=0-9' });
    expect(gone.status).toBe(500);
    expect((await gone.json()).error_code).toBe('INTERNAL_ERROR');

    // Past the first read (1 MiB) the headers are out: the connection is cut, not finished short.
    const big = synthesizeWav({ seconds: 8, voice: 'drone', seed: 'cut', sampleRate: 44100 });
    const large = (await upload(app, '/api/v1/tracks', { token: owner.token, fields: { title: 'Cut' }, file: { name: 'c.wav', bytes: big } })).body.data.id as number;
    truncateSync(await storedPath(large), 1_100_000);
    const cut = await audio(large);
    expect(cut.status).toBe(200);
    expect(cut.headers.get('content-length')).toBe(String(big.length));
    await expect(cut.arrayBuffer()).rejects.toThrow();

    expect((await audio(pub, { range: 'bytes=0-9' })).status).toBe(206);
  });

  it('leaves to Next what Next routes elsewhere: a trailing slash, /users/me/avatar, other methods', async () => {
    const slash = await fetch(`${app.url}/api/v1/tracks/${pub}/audio/`, { redirect: 'manual', headers: { authorization: `Bearer ${fan.token}` } });
    expect(slash.status).toBe(308);
    const me = await fetch(`${app.url}/api/v1/users/me/avatar`, { headers: { authorization: `Bearer ${fan.token}` } });
    expect(me.status).toBe(405);
    const post = await fetch(`${app.url}/api/v1/tracks/${pub}/audio`, { method: 'POST', headers: { authorization: `Bearer ${fan.token}` } });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
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
