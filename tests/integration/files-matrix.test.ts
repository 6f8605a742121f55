import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '@/db/schema/catalogue';
import { files, userProducts } from '@/db/schema/gear';
import { setEnv } from '@/lib/env';
import { LocalStorage, storageFor, uploadStorage } from '@/lib/files/storage';
import { apiClient, createUser, type ApiResponse, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { fixture, upload } from '../helpers/upload';

/**
 * What files-core.test.ts leaves out: the authorization matrix on every files verb, listing,
 * every audio format, odd bodies, memory use of a large streamed upload, the size cut-off, Range
 * edge cases and download headers, and what can be checked of the UploadThing backend offline.
 */

let app: TestApp;
let owner: TestUser;
let other: TestUser;
let moderator: TestUser;
let admin: TestUser;
let ownerItem: number;
const api = () => apiClient(app);
const MB = 1024 * 1024;

function listDir(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
const storedFiles = () => listDir(path.join(app.env.UPLOAD_PATH, 'store'));
const tempFiles = () => listDir(path.join(app.env.UPLOAD_PATH, 'tmp'));
const fileRows = async () => (await app.db.select({ id: files.id }).from(files)).length;

/** The error body without its timestamp, to compare two answers. */
function errorShape(res: ApiResponse) {
  const { timestamp, ...rest } = res.body as { timestamp: number };
  expect(typeof timestamp).toBe('number');
  return rest;
}

async function uploadOk(user: TestUser, name: string, bytes: Uint8Array, fields: Record<string, string> = {}, route = '/api/v1/files') {
  const res = await upload(app, route, { token: user.token, file: { name, bytes }, fields });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: number; url: string; mime_type: string; type: string; size: number; filename: string };
}

async function gearItem(user: TestUser): Promise<number> {
  const [product] = await app.db.insert(products).values({ name: `Product ${Math.random()}`, warrantyMonths: 12 }).returning();
  const [item] = await app.db.insert(userProducts).values({ userId: user.id, productId: product!.id }).returning();
  return item!.id;
}

/**
 * A multipart upload built by hand and sent as a stream of unknown length (chunked), so neither
 * side holds the file: `size` bytes of ASCII text (sniffed as text/plain) generated chunk by chunk,
 * hashed as they go.
 */
function streamedTextUpload(size: number, filename = 'big.txt') {
  const boundary = `----talas${Date.now().toString(16)}`;
  const enc = new TextEncoder();
  const head = enc.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nother\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  const hash = createHash('sha256');
  const CHUNK = 64 * 1024;
  let sent = 0;
  let n = 0;
  let phase: 'head' | 'body' | 'tail' | 'done' = 'head';
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (phase === 'head') {
        controller.enqueue(head);
        phase = 'body';
      } else if (phase === 'body') {
        const len = Math.min(CHUNK, size - sent);
        // A fresh chunk each time, each one different, so the hash covers real varying content.
        const chunk = Buffer.alloc(len, `chunk ${n++} of a long text; `);
        hash.update(chunk);
        controller.enqueue(chunk);
        sent += len;
        if (sent >= size) phase = 'tail';
      } else if (phase === 'tail') {
        controller.enqueue(tail);
        phase = 'done';
      } else {
        controller.close();
      }
    },
  });
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body,
    digest: () => hash.digest('hex'),
  };
}

beforeAll(async () => {
  app = await startTestApp();
  [owner, other, moderator, admin] = await Promise.all([
    createUser(app),
    createUser(app),
    createUser(app, { role: 'moderator' }),
    createUser(app, { role: 'admin' }),
  ]);
  ownerItem = await gearItem(owner);
});
afterAll(() => app?.close());

describe('authorization matrix on /files/:id', () => {
  type Actor = 'owner' | 'other' | 'moderator' | 'admin' | 'anonymous';
  const tokenOf = (a: Actor) => (a === 'anonymous' ? undefined : { owner, other, moderator, admin }[a].token);
  const expected: Record<Actor, number> = { owner: 200, other: 404, moderator: 404, admin: 200, anonymous: 401 };
  const missingId = 2_000_000_000;

  describe.each(Object.keys(expected) as Actor[])('as %s', (actor) => {
    let fileId: number;
    let stored: string;
    const bytes = fixture('files/manual.pdf');
    beforeAll(async () => {
      const data = await uploadOk(owner, 'manual.pdf', bytes, { type: 'manual' }, `/api/v1/user-products/${ownerItem}/files`);
      fileId = data.id;
      const [row] = await app.db.select().from(files).where(eq(files.id, fileId));
      stored = new LocalStorage().pathOf(row!.storageKey);
    });

    const check = async (res: ApiResponse, missing: () => Promise<ApiResponse>) => {
      expect(res.status).toBe(expected[actor]);
      if (expected[actor] === 404) {
        expect(res.body.error_code).toBe('FILE_NOT_FOUND');
        // Indistinguishable from an id that does not exist.
        expect(errorShape(res)).toEqual(errorShape(await missing()));
      }
      if (expected[actor] === 401) expect(res.body.error_code).toBe('UNAUTHORIZED');
    };

    it(`GET /api/v1/files/:id – ${expected[actor]}`, async () => {
      const res = await api().get(`/api/v1/files/${fileId}`, { token: tokenOf(actor) });
      await check(res, () => api().get(`/api/v1/files/${missingId}`, { token: tokenOf(actor) }));
      if (res.status === 200) expect(res.body.data).toMatchObject({ id: fileId, user_id: owner.id, user_product_id: ownerItem });
    });

    it(`GET /api/v1/files/:id/download – ${expected[actor]}`, async () => {
      const res = await api().get(`/api/v1/files/${fileId}/download`, { token: tokenOf(actor) });
      await check(res, () => api().get(`/api/v1/files/${missingId}/download`, { token: tokenOf(actor) }));
      if (res.status === 200) expect((res.body as string).startsWith('%PDF-')).toBe(true);
    });

    it(`GET /api/v1/files – lists the file only for its owner`, async () => {
      const res = await api().get('/api/v1/files?limit=100', { token: tokenOf(actor) });
      if (actor === 'anonymous') return expect(res.status).toBe(401);
      expect(res.status).toBe(200);
      expect(res.body.data.some((f: { id: number }) => f.id === fileId)).toBe(actor === 'owner');
      for (const f of res.body.data) expect(f.user_id).toBe({ owner, other, moderator, admin }[actor].id);
    });

    it(`DELETE /api/v1/files/:id – ${expected[actor]}`, async () => {
      const res = await api().delete(`/api/v1/files/${fileId}`, { token: tokenOf(actor) });
      await check(res, () => api().delete(`/api/v1/files/${missingId}`, { token: tokenOf(actor) }));
      const rows = await app.db.select().from(files).where(eq(files.id, fileId));
      expect(rows.length).toBe(res.status === 200 ? 0 : 1);
      expect(existsSync(stored)).toBe(res.status !== 200);
    });

    it(`GET /api/v1/user-products/:id/files – ${actor === 'owner' ? 200 : actor === 'anonymous' ? 401 : 404} (admins too: the caller's own gear)`, async () => {
      const res = await api().get(`/api/v1/user-products/${ownerItem}/files`, { token: tokenOf(actor) });
      if (actor === 'owner') {
        expect(res.status).toBe(200);
        expect(res.body.data.every((f: { user_product_id: number }) => f.user_product_id === ownerItem)).toBe(true);
      } else if (actor === 'anonymous') {
        expect(res.status).toBe(401);
      } else {
        expect(res.status).toBe(404);
        expect(errorShape(res)).toEqual(errorShape(await api().get(`/api/v1/user-products/${missingId}/files`, { token: tokenOf(actor) })));
      }
    });

    it(`POST /api/v1/user-products/:id/files – ${actor === 'owner' ? 201 : actor === 'anonymous' ? 401 : 404}, nothing stored for others`, async () => {
      const rows = await fileRows();
      const storedBefore = storedFiles().length;
      const res = await upload(app, `/api/v1/user-products/${ownerItem}/files`, {
        token: tokenOf(actor),
        file: { name: 'invoice.pdf', bytes },
        fields: { type: 'invoice' },
      });
      if (actor === 'owner') {
        expect(res.status).toBe(201);
        expect(res.body.data).toMatchObject({ user_id: owner.id, user_product_id: ownerItem, type: 'invoice' });
        return;
      }
      expect(res.status).toBe(actor === 'anonymous' ? 401 : 404);
      if (actor !== 'anonymous') {
        const missing = await upload(app, `/api/v1/user-products/${missingId}/files`, { token: tokenOf(actor), file: { name: 'invoice.pdf', bytes } });
        expect(errorShape(res)).toEqual(errorShape(missing));
      }
      expect(await fileRows()).toBe(rows);
      expect(storedFiles().length).toBe(storedBefore);
      expect(tempFiles()).toEqual([]);
    });
  });

  it('POST /api/v1/files – 401 anonymously, nothing stored', async () => {
    const rows = await fileRows();
    const res = await upload(app, '/api/v1/files', { file: { name: 'manual.pdf', bytes: fixture('files/manual.pdf') } });
    expect(res.status).toBe(401);
    expect(await fileRows()).toBe(rows);
  });

  it("an admin's view of another user's file does not make it the admin's", async () => {
    const data = await uploadOk(other, 'pixel.png', fixture('files/pixel.png'));
    const res = await api().get(`/api/v1/files/${data.id}`, { token: admin.token });
    expect(res.body.data.user_id).toBe(other.id);
  });
});

describe('GET /api/v1/files', () => {
  let lister: TestUser;
  const ids: number[] = [];

  beforeAll(async () => {
    lister = await createUser(app);
    const item = await gearItem(lister);
    // Oldest first: manual, invoice, invoice, image, audio (type inferred), loose document.
    ids.push((await uploadOk(lister, 'a.pdf', fixture('files/manual.pdf'), { type: 'manual' }, `/api/v1/user-products/${item}/files`)).id);
    ids.push((await uploadOk(lister, 'b.pdf', fixture('files/manual.pdf'), { type: 'invoice' })).id);
    ids.push((await uploadOk(lister, 'c.txt', new TextEncoder().encode('receipt'), { type: 'invoice' })).id);
    ids.push((await uploadOk(lister, 'd.png', fixture('files/pixel.png'))).id);
    ids.push((await uploadOk(lister, 'e.mp3', fixture('audio/phrase-4s.mp3'))).id);
    ids.push((await uploadOk(lister, 'f.txt', new TextEncoder().encode('notes'))).id);
    // Someone else's files never show up.
    await uploadOk(other, 'x.pdf', fixture('files/manual.pdf'), { type: 'invoice' });
  });

  const list = (query = '') => api().get(`/api/v1/files${query}`, { token: lister.token });
  const idsOf = (res: ApiResponse) => res.body.data.map((f: { id: number }) => f.id);

  it('the caller\'s files only, newest first, paginated', async () => {
    const all = await list();
    expect(idsOf(all)).toEqual([...ids].reverse());
    expect(all.body.pagination).toEqual({ page: 1, limit: 20, total: 6, pages: 1, has_next: false, has_previous: false });
    const p1 = await list('?limit=4');
    expect(idsOf(p1)).toEqual([...ids].reverse().slice(0, 4));
    expect(p1.body.pagination).toEqual({ page: 1, limit: 4, total: 6, pages: 2, has_next: true, has_previous: false });
    const p2 = await list('?limit=4&page=2');
    expect(idsOf(p2)).toEqual([ids[1], ids[0]]);
    expect(p2.body.pagination).toEqual({ page: 2, limit: 4, total: 6, pages: 2, has_next: false, has_previous: true });
    const beyond = await list('?limit=4&page=9');
    expect(idsOf(beyond)).toEqual([]);
    expect(beyond.body.pagination).toMatchObject({ page: 9, total: 6, has_next: false, has_previous: true });
    expect((await list('?limit=500')).body.pagination.limit).toBe(100);
    expect((await list('?limit=0')).body.pagination.limit).toBe(1);
  });

  it('type filters, including the types inferred from the bytes', async () => {
    expect(idsOf(await list('?type=invoice'))).toEqual([ids[2], ids[1]]);
    expect(idsOf(await list('?type=manual'))).toEqual([ids[0]]);
    expect(idsOf(await list('?type=image'))).toEqual([ids[3]]);
    expect(idsOf(await list('?type=document'))).toEqual([ids[5]]);
    expect(idsOf(await list('?type=other'))).toEqual([ids[4]]);
    expect(idsOf(await list('?type=warranty'))).toEqual([]);
    const paged = await list('?type=invoice&limit=1&page=2');
    expect(idsOf(paged)).toEqual([ids[1]]);
    expect(paged.body.pagination).toMatchObject({ total: 2, pages: 2 });
  });

  it('400 for an unknown type or a bad page', async () => {
    for (const q of ['?type=video', '?page=abc', '?limit=x']) {
      const res = await list(q);
      expect(res.status).toBe(400);
      expect(res.body.error_code).toBe('INVALID_INPUT');
    }
  });
});

describe('audio uploads', () => {
  it.each([
    ['phrase-4s.mp3', 'audio/mpeg'],
    ['phrase-4s.wav', 'audio/wav'],
    ['phrase-4s.ogg', 'audio/ogg'],
    ['phrase-4s.opus', 'audio/opus'],
    ['phrase-4s.flac', 'audio/flac'],
    ['phrase-4s.m4a', 'audio/mp4'],
  ])('POST /api/v1/files – %s is stored as %s and served back byte for byte', async (name, mime) => {
    const bytes = fixture(`audio/${name}`);
    const data = await uploadOk(owner, name, bytes);
    expect(data).toMatchObject({ mime_type: mime, type: 'other', size: bytes.length, filename: name });
    const res = await fetch(`${app.url}${data.url}`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(res.headers.get('content-type')).toBe(mime);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it('truncated.mp3 is accepted as audio/mpeg and kept byte-exact: a file store sniffs the type, it does not decode', async () => {
    // Its header is a valid MPEG frame; only a player would notice the missing body. Gear documents
    // are kept as given (a partial recording is still the user's file); tracks, which are decoded, are another matter.
    const bytes = fixture('audio/truncated.mp3');
    const data = await uploadOk(owner, 'truncated.mp3', bytes);
    expect(data).toMatchObject({ mime_type: 'audio/mpeg', size: bytes.length });
    const res = await fetch(`${app.url}${data.url}`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it('empty.wav (0 bytes) is 400 INVALID_INPUT "empty file", with nothing left behind', async () => {
    const rows = await fileRows();
    const stored = storedFiles().length;
    const res = await upload(app, '/api/v1/files', { token: owner.token, file: { name: 'empty.wav', bytes: fixture('audio/empty.wav') } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error_code: 'INVALID_INPUT', error: 'The file is empty', details: [{ field: 'file', message: 'empty file' }] });
    expect(await fileRows()).toBe(rows);
    expect(storedFiles().length).toBe(stored);
    expect(tempFiles()).toEqual([]);
  });

  it('a renamed audio file is refused: a WAV named .mp3 and an MP3 named .pdf', async () => {
    const wav = await upload(app, '/api/v1/files', { token: owner.token, file: { name: 'song.mp3', bytes: fixture('audio/phrase-4s.wav') } });
    expect(wav.status).toBe(415);
    const mp3 = await upload(app, '/api/v1/files', { token: owner.token, file: { name: 'manual.pdf', bytes: fixture('audio/phrase-4s.mp3') } });
    expect(mp3.status).toBe(415);
  });
});

describe('odd multipart bodies', () => {
  const send = (body: string, contentType: string) =>
    fetch(`${app.url}/api/v1/files`, { method: 'POST', body, headers: { authorization: `Bearer ${owner.token}`, 'content-type': contentType } });

  it('a 0-byte file part is 400 "empty file"', async () => {
    const b = 'zero';
    const res = await send(
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="zero.pdf"\r\nContent-Type: application/pdf\r\n\r\n\r\n--${b}--\r\n`,
      `multipart/form-data; boundary=${b}`,
    );
    expect(res.status).toBe(400);
    expect((await res.json()).details).toEqual([{ field: 'file', message: 'empty file' }]);
  });

  it('a file part without a filename is a text field, not a file: 400 "required"', async () => {
    const b = 'nofilename';
    const res = await send(`--${b}\r\nContent-Disposition: form-data; name="file"\r\n\r\n%PDF-1.4\r\n--${b}--\r\n`, `multipart/form-data; boundary=${b}`);
    expect(res.status).toBe(400);
    expect((await res.json()).details).toEqual([{ field: 'file', message: 'required' }]);
  });

  it('a 0-byte body, a body without parts, a truncated body and a missing boundary are 400', async () => {
    for (const [body, type] of [
      ['', 'multipart/form-data; boundary=x'],
      ['--x--\r\n', 'multipart/form-data; boundary=x'],
      ['--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello', 'multipart/form-data; boundary=x'],
      ['hello', 'multipart/form-data'],
      ['hello', 'text/plain'],
    ]) {
      const res = await send(body!, type!);
      expect(res.status, `${JSON.stringify(body)} as ${type}`).toBe(400);
      expect((await res.json()).error_code).toBe('INVALID_INPUT');
    }
    expect(tempFiles()).toEqual([]);
  });

  it('a second file in the form is ignored; the first is stored', async () => {
    const b = 'two';
    const res = await send(
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="one.txt"\r\n\r\nfirst\r\n` +
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="two.txt"\r\n\r\nsecond\r\n--${b}--\r\n`,
      `multipart/form-data; boundary=${b}`,
    );
    expect(res.status).toBe(201);
    const data = (await res.json()).data;
    expect(data).toMatchObject({ filename: 'one.txt', size: 5 });
    expect(tempFiles()).toEqual([]);
  });
});

// These guard proxy.ts skipping multipart requests: Next.js clones the body of every request its
// proxy matches, holding it in memory (twice) and cutting it at 10 MB, which would turn these
// uploads into 400 "Malformed multipart body" and the memory check into a 100 MB jump.
describe('size limits and memory', () => {
  it('a 10 MB + 1 byte upload is cut off with 413 (default MAX_FILE_SIZE), leaving no row and nothing under store or tmp', async () => {
    expect(app.env.MAX_FILE_SIZE).toBe(10 * MB);
    const rows = await fileRows();
    const stored = storedFiles();
    const res = await upload(app, '/api/v1/files', { token: owner.token, file: { name: 'big.txt', bytes: new Uint8Array(10 * MB + 1).fill(0x62) } });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error_code: 'FILE_TOO_LARGE', error: 'The file is larger than the 10 MB limit' });
    expect(await fileRows()).toBe(rows);
    expect(storedFiles()).toEqual(stored);
    expect(tempFiles()).toEqual([]);
  });

  it('exactly 10 MB is accepted', async () => {
    const data = await uploadOk(owner, 'ten.txt', new Uint8Array(10 * MB).fill(0x62));
    expect(data.size).toBe(10 * MB);
    await api().delete(`/api/v1/files/${data.id}`, { token: owner.token });
  });

  describe('with MAX_FILE_SIZE = 60 MB', () => {
    beforeAll(() => setEnv({ ...app.env, MAX_FILE_SIZE: 60 * MB }));
    afterAll(() => setEnv(app.env));

    it('a ~50 MB streamed upload is stored with the right sha256 while the server never holds it in memory', { timeout: 180_000 }, async () => {
      // Warm the upload path (modules, pools) so its one-time cost does not count as growth.
      const warm = streamedTextUpload(256 * 1024);
      const warmRes = await fetch(`${app.url}/api/v1/files`, {
        method: 'POST',
        body: warm.body,
        duplex: 'half',
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': warm.contentType },
      } as RequestInit);
      expect(warmRes.status).toBe(201);

      const size = 50 * MB + 12345;
      const upload50 = streamedTextUpload(size);
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      let res: Response;
      try {
        res = await fetch(`${app.url}/api/v1/files`, {
          method: 'POST',
          body: upload50.body,
          duplex: 'half',
          headers: { authorization: `Bearer ${owner.token}`, 'content-type': upload50.contentType },
        } as RequestInit);
      } finally {
        clearInterval(sampler);
      }
      const after = process.memoryUsage().rss;
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(201);
      expect(body.data).toMatchObject({ size, mime_type: 'text/plain', filename: 'big.txt' });
      const growth = (after - before) / MB;
      const peakGrowth = (peak - before) / MB;
      expect(growth, `RSS grew by ${growth.toFixed(1)} MB`).toBeLessThan(30);
      expect(peakGrowth, `RSS peaked ${peakGrowth.toFixed(1)} MB above the start`).toBeLessThan(30);

      const digest = upload50.digest();
      const [row] = await app.db.select().from(files).where(eq(files.id, body.data.id));
      expect(row!.sha256).toBe(digest);
      // Read it back as a stream too: the stored bytes hash the same.
      const download = await fetch(`${app.url}${body.data.url}`, { headers: { authorization: `Bearer ${owner.token}` } });
      const hash = createHash('sha256');
      let received = 0;
      for await (const chunk of download.body as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        received += chunk.length;
      }
      expect(received).toBe(size);
      expect(hash.digest('hex')).toBe(digest);
      expect(tempFiles()).toEqual([]);
      await api().delete(`/api/v1/files/${body.data.id}`, { token: owner.token });
    });

    it('a streamed upload over 60 MB is cut off with 413, leaving nothing', { timeout: 180_000 }, async () => {
      const rows = await fileRows();
      const stored = storedFiles();
      const big = streamedTextUpload(60 * MB + 1);
      const res = await fetch(`${app.url}/api/v1/files`, {
        method: 'POST',
        body: big.body,
        duplex: 'half',
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': big.contentType },
      } as RequestInit);
      expect(res.status).toBe(413);
      expect((await res.json()).error_code).toBe('FILE_TOO_LARGE');
      expect(await fileRows()).toBe(rows);
      expect(storedFiles()).toEqual(stored);
      expect(tempFiles()).toEqual([]);
    });
  });
});

describe('downloads: Range edge cases and headers', () => {
  let url: string;
  let bytes: Buffer;
  let etag: string;
  const get = (headers: Record<string, string> = {}, method = 'GET') =>
    fetch(`${app.url}${url}`, { method, headers: { authorization: `Bearer ${owner.token}`, ...headers } });
  const bodyOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

  beforeAll(async () => {
    bytes = fixture('files/manual.pdf');
    url = (await uploadOk(owner, 'Reçu été.pdf', bytes, { type: 'invoice' })).url;
    etag = (await get({}, 'HEAD')).headers.get('etag')!;
  });

  it('a UTF-8 name in Content-Disposition (RFC 6266 with an ASCII fallback), nosniff, the sniffed type', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Re_u _t_.pdf"; filename*=UTF-8''Re%C3%A7u%20%C3%A9t%C3%A9.pdf`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('last-modified')).toMatch(/GMT$/);
    expect(await bodyOf(res)).toEqual(bytes);
  });

  it('bytes=0-0 is the first byte', async () => {
    const res = await get({ range: 'bytes=0-0' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-0/${bytes.length}`);
    expect(await bodyOf(res)).toEqual(bytes.subarray(0, 1));
  });

  it('bytes=-1 is the last byte', async () => {
    const res = await get({ range: 'bytes=-1' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${bytes.length - 1}-${bytes.length - 1}/${bytes.length}`);
    expect(await bodyOf(res)).toEqual(bytes.subarray(bytes.length - 1));
  });

  it('an open-ended range runs to the end; an end past the size is clamped; a suffix longer than the file is all of it', async () => {
    const open = await get({ range: 'bytes=10-' });
    expect(open.status).toBe(206);
    expect(open.headers.get('content-range')).toBe(`bytes 10-${bytes.length - 1}/${bytes.length}`);
    expect(await bodyOf(open)).toEqual(bytes.subarray(10));
    const clamped = await get({ range: `bytes=5-${bytes.length + 100}` });
    expect(clamped.headers.get('content-range')).toBe(`bytes 5-${bytes.length - 1}/${bytes.length}`);
    expect(await bodyOf(clamped)).toEqual(bytes.subarray(5));
    const whole = await get({ range: `bytes=-${bytes.length * 2}` });
    expect(whole.status).toBe(206);
    expect(await bodyOf(whole)).toEqual(bytes);
  });

  it('bytes=0- with a matching If-Range is 206; with a mismatched one, 200 and the whole file', async () => {
    const matching = await get({ range: 'bytes=0-', 'if-range': etag });
    expect(matching.status).toBe(206);
    expect(matching.headers.get('content-range')).toBe(`bytes 0-${bytes.length - 1}/${bytes.length}`);
    expect(await bodyOf(matching)).toEqual(bytes);
    const mismatched = await get({ range: 'bytes=0-', 'if-range': '"0123456789abcdef0123456789abcdef"' });
    expect(mismatched.status).toBe(200);
    expect(mismatched.headers.get('content-range')).toBeNull();
    expect(await bodyOf(mismatched)).toEqual(bytes);
    const weak = await get({ range: 'bytes=0-3', 'if-range': `W/${etag}` });
    expect(weak.status).toBe(200);
    await weak.arrayBuffer();
  });

  it('unsatisfiable, malformed and multiple ranges', async () => {
    const past = await get({ range: `bytes=${bytes.length}-${bytes.length + 5}` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    expect((await past.json()).error_code).toBe('RANGE_NOT_SATISFIABLE');
    const zeroSuffix = await get({ range: 'bytes=-0' });
    expect(zeroSuffix.status).toBe(416);
    await zeroSuffix.arrayBuffer();
    // Ignored, as RFC 9110 allows: the whole file.
    for (const range of ['bytes=5-2', 'items=0-1', 'bytes=0-1,3-4', 'bytes=abc']) {
      const res = await get({ range });
      expect(res.status, range).toBe(200);
      expect(await bodyOf(res)).toEqual(bytes);
    }
  });

  it('HEAD answers the headers a GET would, without a body; with a range, 206 headers', async () => {
    const head = await get({}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(head.headers.get('content-type')).toBe('application/pdf');
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    expect(head.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const ranged = await get({ range: 'bytes=0-9' }, 'HEAD');
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-9/${bytes.length}`);
    expect((await ranged.arrayBuffer()).byteLength).toBe(0);
    const anonymous = await fetch(`${app.url}${url}`, { method: 'HEAD' });
    expect(anonymous.status).toBe(401);
  });

  it('If-None-Match: 304 without a body, also in a list or as *', async () => {
    for (const value of [etag, `"nope", ${etag}`, '*']) {
      const res = await get({ 'if-none-match': value });
      expect(res.status, value).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect((await res.arrayBuffer()).byteLength).toBe(0);
    }
    expect((await get({ 'if-none-match': '"other"' })).status).toBe(200);
  });
});

describe('UploadThing backend, without the hosted service', () => {
  // A syntactically valid token (base64 JSON {apiKey: sk_…, appId, regions}) for an app that does not exist.
  const token = Buffer.from(JSON.stringify({ apiKey: 'sk_test_talas_0123456789abcdef', appId: 'talastestapp', regions: ['sea1'] })).toString('base64');
  let localFile: { id: number; url: string };
  const bytes = fixture('files/pixel.png');

  // The SDK reads its own UPLOADTHING_* variables: point every host it could call at a closed port on
  // this machine, so the test never sends traffic off the machine.
  const sdkHosts = { UPLOADTHING_INGEST_URL: 'http://127.0.0.1:9', UPLOADTHING_API_URL: 'http://127.0.0.1:9', UPLOADTHING_UFS_HOST: '127.0.0.1:9' };
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    localFile = await uploadOk(owner, 'before.png', bytes);
    // Without a token, rows stored in UploadThing cannot be read, and say so.
    expect(() => storageFor('uploadthing')).toThrow('UPLOADTHING_TOKEN is not set');
    for (const [k, v] of Object.entries(sdkHosts)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    setEnv({ ...app.env, UPLOADTHING_TOKEN: token });
  });
  afterAll(() => {
    setEnv(app.env);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('new uploads go to UploadThing once UPLOADTHING_TOKEN is set; local disk otherwise', () => {
    expect(uploadStorage().name).toBe('uploadthing');
    expect(storageFor('uploadthing').name).toBe('uploadthing');
    setEnv(app.env);
    expect(uploadStorage().name).toBe('local');
    setEnv({ ...app.env, UPLOADTHING_TOKEN: token });
  });

  it('rows stored locally before the switch are still read from local disk', async () => {
    const [row] = await app.db.select().from(files).where(eq(files.id, localFile.id));
    expect(row!.storage).toBe('local');
    expect(storageFor('local').name).toBe('local');
    const res = await fetch(`${app.url}${localFile.url}`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    const ranged = await fetch(`${app.url}${localFile.url}`, { headers: { authorization: `Bearer ${owner.token}`, range: 'bytes=1-3' } });
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(bytes.subarray(1, 4));
  });

  it('an upload the backend cannot complete answers 500 and leaves no row and no temporary file', async () => {
    // The SDK really tries, against a closed local port: the upload fails, and nothing may be left behind.
    const rows = await fileRows();
    const stored = storedFiles();
    const res = await upload(app, '/api/v1/files', { token: owner.token, file: { name: 'after.png', bytes } });
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ error_code: 'INTERNAL_ERROR', error: 'Something went wrong on our side' });
    expect(await fileRows()).toBe(rows);
    expect(storedFiles()).toEqual(stored);
    expect(tempFiles()).toEqual([]);
  }, 60_000);

  it('deleting a local row removes its local bytes', async () => {
    const [row] = await app.db.select().from(files).where(eq(files.id, localFile.id));
    const stored = new LocalStorage().pathOf(row!.storageKey);
    expect(existsSync(stored)).toBe(true);
    expect((await api().delete(`/api/v1/files/${localFile.id}`, { token: owner.token })).status).toBe(200);
    expect(existsSync(stored)).toBe(false);
  });
});
