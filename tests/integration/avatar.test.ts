import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema/users';
import { LocalStorage } from '@/lib/files/storage';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { fixture, upload } from '../helpers/upload';

/** 2×2 images encoded by libvips (sharp) and checked to decode: a baseline JPEG and a lossless WebP. */
const JPEG = Buffer.from(
  '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABgf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCXAUUYf//Z',
  'base64',
);
const WEBP = Buffer.from('UklGRh4AAABXRUJQVlA4TBEAAAAvAUAAAAdQszJ3pv+BiOh/AAA=', 'base64');
/** The classic 1×1 transparent GIF: a valid image, but not an accepted avatar format. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const PNG = fixture('files/pixel.png');
const MB = 1024 * 1024;

let app: TestApp;
let viewer: TestUser;
const api = () => apiClient(app);

function listDir(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
const tempFiles = () => listDir(path.join(app.env.UPLOAD_PATH, 'tmp'));
const avatarFiles = (userId: number) => listDir(path.join(app.env.UPLOAD_PATH, 'store', 'avatars', String(userId)));

const setAvatar = (user: TestUser | undefined, name: string, bytes: Uint8Array) =>
  upload(app, '/api/v1/users/me/avatar', { token: user?.token, file: { name, bytes } });

async function storedObject(userId: number) {
  const [row] = await app.db.select({ object: users.avatarObject, avatar: users.avatar }).from(users).where(eq(users.id, userId));
  return row!;
}

const fetchAvatar = (url: string, token?: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${url}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

beforeAll(async () => {
  app = await startTestApp();
  viewer = await createUser(app);
});
afterAll(() => app?.close());

describe('POST /api/v1/users/me/avatar', () => {
  it.each([
    ['me.png', 'image/png', PNG],
    ['me.jpg', 'image/jpeg', JPEG],
    ['me.webp', 'image/webp', WEBP],
  ])('%s: answers the new avatar URL, shown in the profile and served as %s', async (name, mime, bytes) => {
    const user = await createUser(app);
    const res = await setAvatar(user, name, bytes);
    expect(res.status).toBe(200);
    const url = res.body.data.avatar as string;
    expect(url).toMatch(new RegExp(`^/api/v1/users/${user.id}/avatar\\?v=[0-9a-f]{12}$`));
    expect((await api().get('/api/v1/users/me', { token: user.token })).body.data.avatar).toBe(url);
    expect((await api().get(`/api/v1/users/${user.id}`, { token: viewer.token })).body.data.avatar).toBe(url);

    const image = await fetchAvatar(url, viewer.token);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(Buffer.from(bytes));
    expect(image.headers.get('content-type')).toBe(mime);
    expect(image.headers.get('content-disposition')).toMatch(/^inline; filename="avatar-\d+"/);
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('cache-control')).toBe('private, max-age=86400');
    const etag = image.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect((await fetchAvatar(url, viewer.token, { 'if-none-match': etag })).status).toBe(304);
    // The owner sees it too, and the unversioned path serves the same image.
    const own = await fetchAvatar(`/api/v1/users/${user.id}/avatar`, user.token);
    expect(Buffer.from(await own.arrayBuffer())).toEqual(Buffer.from(bytes));
  });

  it('the avatar image is for signed-in users: 401 anonymously', async () => {
    const user = await createUser(app);
    const url = (await setAvatar(user, 'me.png', PNG)).body.data.avatar;
    const res = await fetchAvatar(url);
    expect(res.status).toBe(401);
    expect((await res.json()).error_code).toBe('UNAUTHORIZED');
  });

  it('replacing the avatar removes the previous stored bytes and changes the URL', async () => {
    const user = await createUser(app);
    const first = (await setAvatar(user, 'one.png', PNG)).body.data.avatar;
    const before = await storedObject(user.id);
    const firstPath = new LocalStorage().pathOf(before.object!.key);
    expect(existsSync(firstPath)).toBe(true);
    expect(before.object).toMatchObject({ storage: 'local', mimeType: 'image/png', size: PNG.length });

    const second = (await setAvatar(user, 'two.jpg', JPEG)).body.data.avatar;
    expect(second).not.toBe(first);
    const after = await storedObject(user.id);
    expect(after.avatar).toBe(second);
    expect(existsSync(firstPath)).toBe(false);
    expect(existsSync(new LocalStorage().pathOf(after.object!.key))).toBe(true);
    expect(avatarFiles(user.id)).toHaveLength(1);
    // Even the old URL now serves the current image (the version is only for caches).
    const res = await fetchAvatar(first, viewer.token);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    await res.arrayBuffer();

    // The same image again still leaves exactly one stored copy.
    await setAvatar(user, 'two.jpg', JPEG);
    expect(avatarFiles(user.id)).toHaveLength(1);
  });

  it.each([
    ['one byte over 5 MB, cut off while streaming', 5 * MB + 1],
    ['8 MB, refused from Content-Length', 8 * MB],
  ])('413 FILE_TOO_LARGE for %s; the current avatar stays and nothing is left behind', async (_label, size) => {
    const user = await createUser(app);
    const current = (await setAvatar(user, 'me.png', PNG)).body.data.avatar;
    const big = Buffer.alloc(size);
    PNG.copy(big); // a PNG signature, so only the size is wrong
    const res = await setAvatar(user, 'big.png', big);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error_code: 'FILE_TOO_LARGE', error: 'The file is larger than the 5 MB limit' });
    expect((await storedObject(user.id)).avatar).toBe(current);
    expect(avatarFiles(user.id)).toHaveLength(1);
    expect(tempFiles()).toEqual([]);
  });

  it.each([
    ['manual.pdf', 'a PDF', fixture('files/manual.pdf')],
    ['xss.svg', 'an SVG carrying scripts', fixture('files/xss.svg')],
    ['pixel.gif', 'a GIF, not an avatar format', GIF],
    ['notes.txt', 'plain text', new TextEncoder().encode('hello')],
    ['page-renamed.png', 'HTML named .png', fixture('files/page-renamed.png')],
    ['photo.jpg', 'a PNG named .jpg', PNG],
  ])('415 UNSUPPORTED_MEDIA_TYPE for %s (%s); the current avatar stays', async (name, _label, bytes) => {
    const user = await createUser(app);
    const current = (await setAvatar(user, 'me.webp', WEBP)).body.data.avatar;
    const res = await setAvatar(user, name, bytes);
    expect(res.status).toBe(415);
    expect(res.body.error_code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await storedObject(user.id)).avatar).toBe(current);
    expect(avatarFiles(user.id)).toHaveLength(1);
    expect(tempFiles()).toEqual([]);
  });

  it('400 for an empty file or no file; 401 anonymously', async () => {
    const user = await createUser(app);
    const empty = await setAvatar(user, 'me.png', new Uint8Array());
    expect(empty.status).toBe(400);
    expect(empty.body.details).toEqual([{ field: 'file', message: 'empty file' }]);
    const none = await upload(app, '/api/v1/users/me/avatar', { token: user.token, fields: { note: 'no file' } });
    expect(none.status).toBe(400);
    const anonymous = await setAvatar(undefined, 'me.png', PNG);
    expect(anonymous.status).toBe(401);
    expect((await storedObject(user.id)).avatar).toBeNull();
  });
});

describe('GET /api/v1/users/:id/avatar', () => {
  it('404 for a user without an avatar and for an unknown user; 400 for a bad id', async () => {
    const user = await createUser(app);
    const none = await api().get(`/api/v1/users/${user.id}/avatar`, { token: viewer.token });
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ error_code: 'NOT_FOUND', error: 'Avatar not found' });
    expect((await api().get('/api/v1/users/999999/avatar', { token: viewer.token })).status).toBe(404);
    expect((await api().get('/api/v1/users/abc/avatar', { token: viewer.token })).status).toBe(400);
  });

  it("404 for a banned user's avatar", async () => {
    const user = await createUser(app);
    const url = (await setAvatar(user, 'me.png', PNG)).body.data.avatar;
    await app.db.update(users).set({ status: 'banned' }).where(eq(users.id, user.id));
    expect((await fetchAvatar(url, viewer.token)).status).toBe(404);
  });
});
