import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalDocuments } from '@/db/schema/gear';
import { LocalStorage } from '@/lib/files/storage';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { fixture, upload } from '../helpers/upload';

let app: TestApp;
let user: TestUser;
let moderator: TestUser;
let admin: TestUser;
const api = () => apiClient(app);

function listDir(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
const storedFiles = () => listDir(path.join(app.env.UPLOAD_PATH, 'store'));
const tempFiles = () => listDir(path.join(app.env.UPLOAD_PATH, 'tmp'));
const rowCount = async () => (await app.db.select({ id: internalDocuments.id }).from(internalDocuments)).length;

function publish(as: TestUser | undefined, fields: Record<string, string>, name = 'manual.pdf', bytes: Uint8Array = fixture('files/manual.pdf')) {
  return upload(app, '/api/v1/resources/internal', { token: as?.token, fields, file: { name, bytes } });
}

beforeAll(async () => {
  app = await startTestApp();
  [user, moderator, admin] = await Promise.all([
    createUser(app),
    createUser(app, { role: 'moderator' }),
    createUser(app, { role: 'admin' }),
  ]);
});
afterAll(() => app?.close());

describe('POST /api/v1/resources/internal', () => {
  it('201 – an admin publishes a document', async () => {
    const res = await publish(admin, { title: ' Studio handbook ', description: 'House rules' });
    expect(res.status).toBe(201);
    const data = res.body.data;
    expect(data).toEqual({
      id: expect.any(Number),
      title: 'Studio handbook',
      description: 'House rules',
      filename: 'manual.pdf',
      mime_type: 'application/pdf',
      size: fixture('files/manual.pdf').length,
      download_url: `/api/v1/resources/internal/${data.id}/download`,
      created_at: expect.any(String),
    });
    const [row] = await app.db.select().from(internalDocuments).where(eq(internalDocuments.id, data.id));
    expect(row!.uploadedBy).toBe(admin.id);
    expect(existsSync(new LocalStorage().pathOf(row!.storageKey))).toBe(true);
  });

  it('accepts images and text, with an optional description', async () => {
    const png = await publish(admin, { title: 'Wiring diagram' }, 'diagram.png', fixture('files/pixel.png'));
    expect(png.status).toBe(201);
    expect(png.body.data).toMatchObject({ mime_type: 'image/png', description: null });
    const txt = await publish(admin, { title: 'Changelog' }, 'CHANGES.md', new TextEncoder().encode('# 1.0\n- first\n'));
    expect(txt.body.data.mime_type).toBe('text/plain');
  });

  it.each([
    ['audio/phrase-4s.mp3', 'audio is not documentation'],
    ['files/script-renamed.pdf', 'a script named .pdf'],
    ['files/png-renamed.pdf', 'a PNG named .pdf'],
    ['files/page-renamed.png', 'HTML named .png'],
    ['files/xss.svg', 'an SVG carrying scripts'],
  ])('415 for %s (%s), with no row or bytes left', async (name) => {
    const rows = await rowCount();
    const stored = storedFiles().length;
    const res = await publish(admin, { title: 'Nope' }, path.basename(name), fixture(name));
    expect(res.status).toBe(415);
    expect(res.body.error_code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await rowCount()).toBe(rows);
    expect(storedFiles().length).toBe(stored);
    expect(tempFiles()).toEqual([]);
  });

  it.each([
    [{}, 'title'],
    [{ title: ' ' }, 'title'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ title: 'ok', description: 'd'.repeat(5001) }, 'description'],
  ])('400 INVALID_INPUT for fields %j, with no row or bytes left', async (fields, field) => {
    const rows = await rowCount();
    const stored = storedFiles().length;
    const res = await publish(admin, fields);
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await rowCount()).toBe(rows);
    expect(storedFiles().length).toBe(stored);
    expect(tempFiles()).toEqual([]);
  });

  it('400 for an empty file or no file', async () => {
    expect((await publish(admin, { title: 'Empty' }, 'empty.txt', new Uint8Array())).status).toBe(400);
    const none = await upload(app, '/api/v1/resources/internal', { token: admin.token, fields: { title: 'None' } });
    expect(none.status).toBe(400);
  });

  it('403 PERMISSION_DENIED for a user and a moderator, 401 anonymously; nothing stored', async () => {
    const rows = await rowCount();
    const stored = storedFiles().length;
    for (const [as, status, code] of [
      [user, 403, 'PERMISSION_DENIED'],
      [moderator, 403, 'PERMISSION_DENIED'],
      [undefined, 401, 'UNAUTHORIZED'],
    ] as const) {
      const res = await publish(as, { title: 'Sneaky' });
      expect(res.status).toBe(status);
      expect(res.body.error_code).toBe(code);
    }
    expect(await rowCount()).toBe(rows);
    expect(storedFiles().length).toBe(stored);
    expect(tempFiles()).toEqual([]);
  });
});

describe('GET /api/v1/resources/internal', () => {
  it('every signed-in user reads the whole list, newest first', async () => {
    const a = await publish(admin, { title: 'First' });
    const b = await publish(admin, { title: 'Second' });
    for (const as of [user, moderator, admin]) {
      const res = await api().get('/api/v1/resources/internal', { token: as.token });
      expect(res.status).toBe(200);
      expect(res.body.pagination).toBeUndefined();
      const ids = res.body.data.map((d: { id: number }) => d.id);
      expect(ids.slice(0, 2)).toEqual([b.body.data.id, a.body.data.id]);
      expect(ids).toHaveLength(await rowCount());
      expect(res.body.data[0]).toEqual(b.body.data);
    }
  });

  it('405 METHOD_NOT_ALLOWED for PUT and DELETE on the list, not the /resources/{id} routes', async () => {
    for (const res of [
      await api().put('/api/v1/resources/internal', { title: 'x' }, { token: admin.token }),
      await api().delete('/api/v1/resources/internal', { token: admin.token }),
    ]) {
      expect(res.status).toBe(405);
      expect(res.body.error_code).toBe('METHOD_NOT_ALLOWED');
      expect(res.headers.get('allow')!.split(', ').sort()).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST']);
    }
  });

  it('401 anonymously', async () => {
    const res = await api().get('/api/v1/resources/internal');
    expect(res.status).toBe(401);
    expect(res.body.error_code).toBe('UNAUTHORIZED');
  });
});

describe('GET /api/v1/resources/internal/:id and its download', () => {
  let doc: { id: number; download_url: string };
  const bytes = fixture('files/manual.pdf');
  beforeAll(async () => {
    doc = (await publish(admin, { title: 'Guide' }, 'Guide été.pdf', bytes)).body.data;
  });
  const get = (headers: Record<string, string> = {}, token: string | null = user.token, method = 'GET') =>
    fetch(`${app.url}${doc.download_url}`, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

  it('metadata for any signed-in user; 404 for a missing id; 401 anonymously', async () => {
    const res = await api().get(`/api/v1/resources/internal/${doc.id}`, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(doc);
    const missing = await api().get('/api/v1/resources/internal/999999', { token: user.token });
    expect(missing.status).toBe(404);
    expect(missing.body.error_code).toBe('NOT_FOUND');
    expect((await api().get(`/api/v1/resources/internal/${doc.id}`)).status).toBe(401);
    expect((await api().get('/api/v1/resources/internal/abc', { token: user.token })).status).toBe(400);
  });

  it('the bytes as an attachment, with Range, ETag and HEAD', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Guide _t_.pdf"; filename*=UTF-8''Guide%20%C3%A9t%C3%A9.pdf`);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(new RegExp(`^"d${doc.id}-${bytes.length}-\\d+"$`));
    expect((await get({ 'if-none-match': etag })).status).toBe(304);
    const part = await get({ range: 'bytes=0-4' });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).toString()).toBe('%PDF-');
    const head = await get({}, user.token, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    expect((await get({ range: `bytes=${bytes.length + 10}-` })).status).toBe(416);
  });

  it('401 anonymously, 404 for a missing id', async () => {
    expect((await get({}, null)).status).toBe(401);
    const missing = await api().get('/api/v1/resources/internal/999999/download', { token: user.token });
    expect(missing.status).toBe(404);
  });
});

describe('DELETE /api/v1/resources/internal/:id', () => {
  it('403 for a user and a moderator, 401 anonymously; the document stays', async () => {
    const doc = (await publish(admin, { title: 'Keep' })).body.data;
    expect((await api().delete(`/api/v1/resources/internal/${doc.id}`, { token: user.token })).status).toBe(403);
    expect((await api().delete(`/api/v1/resources/internal/${doc.id}`, { token: moderator.token })).status).toBe(403);
    expect((await api().delete(`/api/v1/resources/internal/${doc.id}`)).status).toBe(401);
    expect((await api().get(`/api/v1/resources/internal/${doc.id}`, { token: user.token })).status).toBe(200);
  });

  it('an admin removes the row and the stored bytes; 404 after', async () => {
    const doc = (await publish(admin, { title: 'Gone' })).body.data;
    const [row] = await app.db.select().from(internalDocuments).where(eq(internalDocuments.id, doc.id));
    const stored = new LocalStorage().pathOf(row!.storageKey);
    expect(existsSync(stored)).toBe(true);
    const res = await api().delete(`/api/v1/resources/internal/${doc.id}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(existsSync(stored)).toBe(false);
    expect((await api().get(`/api/v1/resources/internal/${doc.id}`, { token: user.token })).status).toBe(404);
    expect((await api().get(doc.download_url, { token: user.token })).status).toBe(404);
    expect((await api().delete(`/api/v1/resources/internal/${doc.id}`, { token: admin.token })).status).toBe(404);
  });
});
