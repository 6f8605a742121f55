import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '@/db/schema/catalogue';
import { files, userProducts, type FileType } from '@/db/schema/gear';
import { storageFor } from '@/lib/files/storage';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError, withoutTimestamp } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;
let owner: TestUser;
let other: TestUser;
let admin: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
  [owner, other, admin] = await Promise.all([createUser(app), createUser(app), createUser(app, { role: 'admin' })]);
});
afterAll(() => app?.close());

const MISSING_ID = 2_147_483_647;
let seq = 0;

async function addItem(user: TestUser) {
  const n = ++seq;
  const [p] = await app.db.insert(products).values({ name: `OP-${n}`, brand: 'Teenage Engineering' }).returning();
  const res = await api.post('/api/v1/user-products', { product_id: p!.id }, { token: user.token });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.data as { id: number };
}

async function attach(user: TestUser, userProductId: number | null, type: FileType = 'manual') {
  const n = ++seq;
  const [row] = await app.db
    .insert(files)
    .values({
      userId: user.id,
      userProductId,
      filename: `manual-${n}.pdf`,
      type,
      mimeType: 'application/pdf',
      size: 2048,
      storageKey: `test/missing-${n}`,
      sha256: 'b'.repeat(64),
    })
    .returning();
  return row!;
}

const itemRow = async (id: number) => (await app.db.select().from(userProducts).where(eq(userProducts.id, id)))[0];
const fileRows = async (userProductId: number) =>
  app.db.select().from(files).where(eq(files.userProductId, userProductId));
const del = (id: number, user: TestUser, query = '') =>
  api.delete(`/api/v1/user-products/${id}${query}`, { token: user.token });

describe('DELETE /api/v1/user-products/:id', () => {
  it('DELETE /api/v1/user-products/:id – 200 removes an item without files; then 404 on GET and DELETE', async () => {
    const item = await addItem(owner);
    const res = await del(item.id, owner);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: null });
    expect(await itemRow(item.id)).toBeUndefined();
    expectError(await api.get(`/api/v1/user-products/${item.id}`, { token: owner.token }), 404, 'NOT_FOUND');
    expectError(await del(item.id, owner), 404, 'NOT_FOUND');
  });

  it('DELETE /api/v1/user-products/:id – 404 NOT_FOUND for a missing id', async () => {
    expectError(await del(MISSING_ID, owner), 404, 'NOT_FOUND');
  });

  it('DELETE /api/v1/user-products/:id – 409 HAS_DEPENDENTS while files are attached, naming the count and ?force=true', async () => {
    const item = await addItem(owner);
    await attach(owner, item.id, 'manual');
    await attach(owner, item.id, 'image');
    await attach(owner, item.id, 'invoice');
    const res = await del(item.id, owner);
    expectError(res, 409, 'HAS_DEPENDENTS');
    expect(res.body.error).toMatch(/3 files/);
    expect(res.body.error).toContain('?force=true');
    expectError(await del(item.id, owner, '?force=false'), 409, 'HAS_DEPENDENTS');
    expect(await itemRow(item.id)).toBeDefined();
    expect(await fileRows(item.id)).toHaveLength(3);
  });

  it('DELETE /api/v1/user-products/:id – one attached file is named in the singular', async () => {
    const item = await addItem(owner);
    await attach(owner, item.id);
    const res = await del(item.id, owner);
    expectError(res, 409, 'HAS_DEPENDENTS');
    expect(res.body.error).toMatch(/\b1 file is\b/);
  });

  it('DELETE /api/v1/user-products/:id – files elsewhere (loose or on another item) do not block', async () => {
    const item = await addItem(owner);
    const sibling = await addItem(owner);
    await attach(owner, null);
    await attach(owner, sibling.id);
    expect((await del(item.id, owner)).status).toBe(200);
    expect(await fileRows(sibling.id)).toHaveLength(1);
  });

  it.each(['yes', 'TRUE', '2', ''])('DELETE /api/v1/user-products/:id?force=%s – 400 INVALID_INPUT on force', async (value) => {
    const item = await addItem(owner);
    expectError(await del(item.id, owner, `?force=${value}`), 400, 'INVALID_INPUT', ['force']);
    expect(await itemRow(item.id)).toBeDefined();
  });

  it('DELETE /api/v1/user-products/:id?force=true – deletes the attached files, then the item', async () => {
    const item = await addItem(owner);
    const sibling = await addItem(owner);
    const attached = [];
    for (const type of ['manual', 'warranty', 'image'] as const) attached.push(await attach(owner, item.id, type));
    const loose = await attach(owner, null);
    const onSibling = await attach(owner, sibling.id);
    const res = await del(item.id, owner, '?force=true');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: null });
    expect(await itemRow(item.id)).toBeUndefined();
    const ids = [...attached, loose, onSibling].map((f) => f.id);
    const left = await app.db.select({ id: files.id }).from(files).where(inArray(files.id, ids));
    expect(left.map((f) => f.id).sort()).toEqual([loose.id, onSibling.id].sort());
    expectError(await api.get(`/api/v1/user-products/${item.id}`, { token: owner.token }), 404, 'NOT_FOUND');
  });

  it('DELETE /api/v1/user-products/:id?force=true – an uploaded file goes with its row and its stored bytes', async () => {
    const item = await addItem(owner);
    const form = new FormData();
    form.append('type', 'manual');
    form.append('file', new Blob(['Power on, then press PLAY.\n'], { type: 'text/plain' }), 'manual.txt');
    const uploaded = await fetch(`${app.url}/api/v1/user-products/${item.id}/files`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${owner.token}` },
    });
    const body = await uploaded.json();
    expect(uploaded.status, JSON.stringify(body)).toBe(201);
    const fileId = body.data.id as number;
    const [row] = await app.db.select().from(files).where(eq(files.id, fileId));
    const storage = storageFor(row!.storage);
    await expect(storage.read(row!.storageKey).then((s) => s.cancel())).resolves.toBeUndefined();
    const counts = await api.get(`/api/v1/user-products/${item.id}`, { token: owner.token });
    expect(counts.body.data).toMatchObject({ files_count: 1, docs_count: 1 });

    expectError(await del(item.id, owner), 409, 'HAS_DEPENDENTS');
    expect((await del(item.id, owner, '?force=true')).status).toBe(200);
    expect(await itemRow(item.id)).toBeUndefined();
    expect(await app.db.select().from(files).where(eq(files.id, fileId))).toEqual([]);
    await expect(storage.read(row!.storageKey)).rejects.toThrow();
    expect((await api.get(`/api/v1/files/${fileId}`, { token: owner.token })).status).toBe(404);
  });

  it('DELETE /api/v1/user-products/:id?force=true – an item without files is simply deleted', async () => {
    const item = await addItem(owner);
    expect((await del(item.id, owner, '?force=true')).status).toBe(200);
    expect(await itemRow(item.id)).toBeUndefined();
  });

  it("DELETE /api/v1/user-products/:id?force=true – another user's or an admin's force is 404 like a missing id; files and item stay", async () => {
    const item = await addItem(owner);
    await attach(owner, item.id);
    const missing = await del(MISSING_ID, other, '?force=true');
    for (const caller of [other, admin]) {
      const res = await del(item.id, caller, '?force=true');
      expectError(res, 404, 'NOT_FOUND');
      expect(withoutTimestamp(res.body)).toEqual(withoutTimestamp(missing.body));
    }
    expect(await itemRow(item.id)).toBeDefined();
    expect(await fileRows(item.id)).toHaveLength(1);
  });

  it("DELETE /api/v1/user-products/:id – another user's item with files is 404, not 409 (nothing leaks)", async () => {
    const item = await addItem(owner);
    await attach(owner, item.id);
    expectError(await del(item.id, other), 404, 'NOT_FOUND');
  });
});
