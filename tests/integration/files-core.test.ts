import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files, userProducts } from '@/db/schema/gear';
import { products } from '@/db/schema/catalogue';
import { LocalStorage } from '@/lib/files/storage';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { fixture, upload } from '../helpers/upload';

let app: TestApp;
let owner: TestUser;
let other: TestUser;
let admin: TestUser;
let itemId: number;
const api = () => apiClient(app);

function listDir(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
const storedFiles = () => listDir(path.join(app.env.UPLOAD_PATH, 'store'));
const tempFiles = () => listDir(path.join(app.env.UPLOAD_PATH, 'tmp'));

beforeAll(async () => {
  app = await startTestApp({ MAX_FILE_SIZE: String(1024 * 1024) });
  [owner, other, admin] = await Promise.all([createUser(app), createUser(app), createUser(app, { role: 'admin' })]);
  const [product] = await app.db.insert(products).values({ name: 'Test Interface', warrantyMonths: 12 }).returning();
  const [item] = await app.db.insert(userProducts).values({ userId: owner.id, productId: product!.id }).returning();
  itemId = item!.id;
});
afterAll(() => app?.close());

describe('uploads', () => {
  it('POST /api/v1/user-products/:id/files – stores a PDF manual and describes it', async () => {
    const res = await upload(app, `/api/v1/user-products/${itemId}/files`, {
      token: owner.token,
      file: { name: 'manual.pdf', bytes: fixture('files/manual.pdf'), type: 'text/html' },
      fields: { type: 'manual' },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      user_id: owner.id,
      user_product_id: itemId,
      filename: 'manual.pdf',
      type: 'manual',
      mime_type: 'application/pdf',
      size: fixture('files/manual.pdf').length,
    });
    expect(res.body.data.url).toBe(`/api/v1/files/${res.body.data.id}/download`);
    const [row] = await app.db.select().from(files).where(eq(files.id, res.body.data.id));
    expect(row!.storageKey).not.toContain('manual');
    expect(existsSync(new LocalStorage().pathOf(row!.storageKey))).toBe(true);
  });

  it.each([
    ['files/script-renamed.pdf', 'a script named .pdf'],
    ['files/png-renamed.pdf', 'a PNG named .pdf'],
    ['files/page-renamed.png', 'HTML named .png'],
    ['files/xss.svg', 'an SVG with scripts'],
    ['audio/text-renamed.mp3', 'text named .mp3'],
  ])('415 UNSUPPORTED_MEDIA_TYPE for %s (%s), leaving nothing behind', async (name) => {
    const before = storedFiles().length;
    const res = await upload(app, '/api/v1/files', {
      token: owner.token,
      file: { name: path.basename(name), bytes: fixture(name), type: 'application/pdf' },
    });
    expect(res.status).toBe(415);
    expect(res.body.error_code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(storedFiles().length).toBe(before);
    expect(tempFiles()).toEqual([]);
  });

  it('400 for an empty file and for a form without a file', async () => {
    const empty = await upload(app, '/api/v1/files', { token: owner.token, file: { name: 'empty.txt', bytes: new Uint8Array() } });
    expect(empty.status).toBe(400);
    expect(empty.body.details).toEqual([{ field: 'file', message: 'empty file' }]);
    const none = await upload(app, '/api/v1/files', { token: owner.token, fields: { type: 'manual' } });
    expect(none.status).toBe(400);
    const json = await api().post('/api/v1/files', { file: 'x' }, { token: owner.token });
    expect(json.status).toBe(400);
  });

  it('413 FILE_TOO_LARGE while streaming, with no row or bytes left', async () => {
    const before = (await app.db.select().from(files)).length;
    const storedBefore = storedFiles().length;
    const big = new Uint8Array(3 * 1024 * 1024).fill(65); // text, 3 MB > 1 MB limit
    const res = await upload(app, '/api/v1/files', { token: owner.token, file: { name: 'big.txt', bytes: big } });
    expect(res.status).toBe(413);
    expect(res.body.error_code).toBe('FILE_TOO_LARGE');
    expect((await app.db.select().from(files)).length).toBe(before);
    expect(storedFiles().length).toBe(storedBefore);
    await new Promise((r) => setTimeout(r, 100));
    expect(tempFiles()).toEqual([]);
  });

  it('sanitizes a path-traversal filename and never uses it for storage', async () => {
    const res = await upload(app, '/api/v1/files', {
      token: owner.token,
      file: { name: '../../../etc/passwd.txt', bytes: new TextEncoder().encode('root:x:0:0') },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.filename).toBe('passwd.txt');
    expect(res.body.data.mime_type).toBe('text/plain');
    const download = await fetch(`${app.url}${res.body.data.url}`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="passwd.txt"; filename*=UTF-8''passwd.txt`);
  });
});

describe('downloads', () => {
  let fileId: number;
  const bytes = fixture('files/pixel.png');

  beforeAll(async () => {
    const res = await upload(app, '/api/v1/files', { token: owner.token, file: { name: 'pixel.png', bytes } });
    fileId = res.body.data.id;
  });

  const get = (headers: Record<string, string> = {}, token = owner.token) =>
    fetch(`${app.url}/api/v1/files/${fileId}/download`, { headers: { authorization: `Bearer ${token}`, ...headers } });

  it('GET /api/v1/files/:id/download – the bytes with safe headers', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="pixel.png"/);
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('serves byte ranges exactly, 416 past the end, 304 on a matching ETag', async () => {
    const partial = await get({ range: 'bytes=2-9' });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe(`bytes 2-9/${bytes.length}`);
    expect(Buffer.from(await partial.arrayBuffer())).toEqual(bytes.subarray(2, 10));
    const suffix = await get({ range: 'bytes=-4' });
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 4));
    const beyond = await get({ range: `bytes=${bytes.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    const etag = (await get()).headers.get('etag')!;
    expect((await get({ 'if-none-match': etag })).status).toBe(304);
    expect((await get({ range: 'bytes=0-1', 'if-range': '"stale"' })).status).toBe(200);
  });

  it('another user gets 404 on metadata, download and delete; an admin can read and delete', async () => {
    for (const res of [
      await api().get(`/api/v1/files/${fileId}`, { token: other.token }),
      await api().delete(`/api/v1/files/${fileId}`, { token: other.token }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error_code).toBe('FILE_NOT_FOUND');
    }
    expect((await get({}, other.token)).status).toBe(404);
    expect((await api().get(`/api/v1/files/${fileId}`, { token: admin.token })).status).toBe(200);
    expect((await get({}, admin.token)).status).toBe(200);
  });

  it('DELETE /api/v1/files/:id – removes the row and the stored bytes', async () => {
    const [row] = await app.db.select().from(files).where(eq(files.id, fileId));
    const stored = new LocalStorage().pathOf(row!.storageKey);
    expect(existsSync(stored)).toBe(true);
    expect((await api().delete(`/api/v1/files/${fileId}`, { token: owner.token })).status).toBe(200);
    expect(existsSync(stored)).toBe(false);
    expect((await api().get(`/api/v1/files/${fileId}`, { token: owner.token })).status).toBe(404);
  });
});
