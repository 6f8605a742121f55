import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '@/db/schema/gear';
import { LocalStorage } from '@/lib/files/storage';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { fixture, upload } from '../helpers/upload';

let app: TestApp;
let alice: TestUser;
let bob: TestUser;
const api = () => apiClient(app);
const text = (s: string) => new TextEncoder().encode(s);

function listDir(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
const storedFiles = () => listDir(path.join(app.env.UPLOAD_PATH, 'store'));
const tempFiles = () => listDir(path.join(app.env.UPLOAD_PATH, 'tmp'));
const rowCount = async () => (await app.db.select({ id: resources.id }).from(resources)).length;

/** A real ZIP archive holding one stored (uncompressed) entry, as a zipped preset would be. */
function zipOf(name: string, content: Uint8Array): Uint8Array {
  const nameBytes = Buffer.from(name);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const localSize = local.length + nameBytes.length + content.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(localSize, 16);
  return Buffer.concat([local, nameBytes, content, central, nameBytes, end]);
}

interface ShareInput {
  title?: string;
  description?: string;
  type?: string;
  tags?: string;
  is_public?: string;
  name?: string;
  bytes?: Uint8Array;
}

function share(user: TestUser | undefined, input: ShareInput = {}) {
  const fields: Record<string, string> = {};
  for (const key of ['title', 'description', 'type', 'tags', 'is_public'] as const) {
    if (input[key] !== undefined) fields[key] = input[key]!;
  }
  if (!('title' in input)) fields.title = 'Untitled';
  return upload(app, '/api/v1/resources', {
    token: user?.token,
    fields,
    file: { name: input.name ?? 'notes.txt', bytes: input.bytes ?? text('some notes') },
  });
}

async function shareOk(user: TestUser, input: ShareInput = {}) {
  const res = await share(user, input);
  if (res.status !== 201) throw new Error(`share failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

beforeAll(async () => {
  app = await startTestApp();
  [alice, bob] = await Promise.all([createUser(app), createUser(app)]);
});
afterAll(() => app?.close());

describe('POST /api/v1/resources', () => {
  it('201 – shares a file, describing it with its owner and its download URL', async () => {
    const res = await share(alice, {
      title: '  Drum kit  ',
      description: 'Dry kicks and snares',
      type: 'sample',
      tags: 'drums, kicks',
      name: 'kit.wav',
      bytes: fixture('audio/phrase-4s.wav'),
    });
    expect(res.status).toBe(201);
    const data = res.body.data;
    expect(data).toEqual({
      id: expect.any(Number),
      title: 'Drum kit',
      description: 'Dry kicks and snares',
      type: 'sample',
      tags: ['drums', 'kicks'],
      user: { id: alice.id, username: alice.username },
      downloads: 0,
      is_public: true,
      filename: 'kit.wav',
      mime_type: 'audio/wav',
      size: fixture('audio/phrase-4s.wav').length,
      url: `/api/v1/resources/${data.id}/download`,
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      updated_at: data.created_at,
    });
    const [row] = await app.db.select().from(resources).where(eq(resources.id, data.id));
    expect(row!.storage).toBe('local');
    expect(row!.storageKey).not.toContain('kit');
    expect(existsSync(new LocalStorage().pathOf(row!.storageKey))).toBe(true);
  });

  it('defaults: type other, no tags, public, no description', async () => {
    const data = await shareOk(alice, { title: 'Defaults' });
    expect(data).toMatchObject({ type: 'other', tags: [], is_public: true, description: null, mime_type: 'text/plain' });
  });

  it('is_public=false makes it private; an empty description is null', async () => {
    const data = await shareOk(alice, { title: 'Mine', is_public: 'false', description: '   ' });
    expect(data.is_public).toBe(false);
    expect(data.description).toBeNull();
    expect((await shareOk(alice, { is_public: 'true' })).is_public).toBe(true);
  });

  it('normalizes tags: trimmed, lower-cased, deduplicated, empty ones dropped', async () => {
    const data = await shareOk(alice, { tags: ' Lo-Fi ,drums,,DRUMS, lo-fi ,  , Tape   Hiss,Électro' });
    expect(data.tags).toEqual(['lo-fi', 'drums', 'tape hiss', 'électro']);
    expect((await shareOk(alice, { tags: ' , ,' })).tags).toEqual([]);
  });

  it('accepts 20 tags of 40 characters; 400 for 21 tags or a 41-character tag, leaving nothing behind', async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(40, 'x'));
    expect((await shareOk(alice, { tags: twenty.join(',') })).tags).toEqual(twenty);
    // Duplicates do not count against the limit.
    expect((await shareOk(alice, { tags: [...twenty, ...twenty.map((t) => t.toUpperCase())].join(',') })).tags).toHaveLength(20);

    const rows = await rowCount();
    const stored = storedFiles().length;
    const tooMany = await share(alice, { tags: [...twenty, 'one-more'].join(',') });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error_code).toBe('INVALID_INPUT');
    expect(tooMany.body.details).toEqual([{ field: 'tags', message: 'at most 20 tags' }]);
    const tooLong = await share(alice, { tags: `ok, ${'y'.repeat(41)}` });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details).toEqual([{ field: 'tags.1', message: 'each tag is at most 40 characters' }]);
    expect(await rowCount()).toBe(rows);
    expect(storedFiles().length).toBe(stored);
    expect(tempFiles()).toEqual([]);
  });

  it.each([
    [{ title: undefined }, 'title'],
    [{ title: '   ' }, 'title'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ type: 'video' }, 'type'],
    [{ is_public: 'maybe' }, 'is_public'],
    [{ description: 'd'.repeat(5001) }, 'description'],
  ] as [ShareInput, string][])('400 INVALID_INPUT for bad fields %j, with no row or bytes left', async (input, field) => {
    const rows = await rowCount();
    const stored = storedFiles().length;
    const res = await share(alice, input);
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe('INVALID_INPUT');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await rowCount()).toBe(rows);
    expect(storedFiles().length).toBe(stored);
    expect(tempFiles()).toEqual([]);
  });

  it('accepts a 200-character title', async () => {
    expect((await shareOk(alice, { title: 't'.repeat(200) })).title).toHaveLength(200);
  });

  it.each([
    ['audio/phrase-4s.mp3', 'audio/mpeg'],
    ['audio/phrase-4s.flac', 'audio/flac'],
    ['files/manual.pdf', 'application/pdf'],
    ['files/pixel.png', 'image/png'],
  ])('sniffs %s as %s whatever the client declares', async (name, mime) => {
    const res = await upload(app, '/api/v1/resources', {
      token: alice.token,
      fields: { title: name },
      file: { name: path.basename(name), bytes: fixture(name), type: 'text/html' },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.mime_type).toBe(mime);
  });

  it('accepts a zipped preset as application/zip', async () => {
    const zip = zipOf('patch.fxp', text('preset bank v1'));
    const data = await shareOk(alice, { title: 'Bass patches', type: 'preset', name: 'patches.zip', bytes: zip });
    expect(data).toMatchObject({ type: 'preset', mime_type: 'application/zip', filename: 'patches.zip', size: zip.length });
  });

  it.each([
    ['files/script-renamed.pdf', 'a PHP script named .pdf'],
    ['files/png-renamed.pdf', 'a PNG named .pdf'],
    ['files/page-renamed.png', 'HTML named .png'],
    ['files/xss.svg', 'an SVG carrying scripts'],
    ['audio/text-renamed.mp3', 'text named .mp3'],
  ])('415 UNSUPPORTED_MEDIA_TYPE for %s (%s), leaving no row or bytes', async (name) => {
    const rows = await rowCount();
    const stored = storedFiles().length;
    const res = await upload(app, '/api/v1/resources', {
      token: alice.token,
      fields: { title: 'Sneaky' },
      file: { name: path.basename(name), bytes: fixture(name), type: 'application/pdf' },
    });
    expect(res.status).toBe(415);
    expect(res.body.error_code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await rowCount()).toBe(rows);
    expect(storedFiles().length).toBe(stored);
    expect(tempFiles()).toEqual([]);
  });

  it('400 for an empty file, a form without a file, and a JSON body', async () => {
    const empty = await share(alice, { name: 'empty.wav', bytes: fixture('audio/empty.wav') });
    expect(empty.status).toBe(400);
    expect(empty.body.details).toEqual([{ field: 'file', message: 'empty file' }]);
    const none = await upload(app, '/api/v1/resources', { token: alice.token, fields: { title: 'No file' } });
    expect(none.status).toBe(400);
    expect(none.body.details).toEqual([{ field: 'file', message: 'required' }]);
    const json = await api().post('/api/v1/resources', { title: 'x' }, { token: alice.token });
    expect(json.status).toBe(400);
    expect(json.body.error_code).toBe('INVALID_INPUT');
  });

  it('sanitizes a path-traversal filename', async () => {
    const data = await shareOk(alice, { name: '..\\..\\boot/../../etc/shadow.txt' });
    expect(data.filename).toBe('shadow.txt');
  });

  it('401 UNAUTHORIZED anonymously', async () => {
    const res = await share(undefined);
    expect(res.status).toBe(401);
    expect(res.body.error_code).toBe('UNAUTHORIZED');
  });
});

describe('GET /api/v1/resources', () => {
  let carol: TestUser;
  let dave: TestUser;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    [carol, dave] = await Promise.all([createUser(app), createUser(app)]);
    // Created one after the other so "newest first" is well defined.
    ids.synth = (await shareOk(carol, { title: 'Échantillons ÉLECTRONIQUES', description: 'Modular synth loops', type: 'sample', tags: 'Synth, Modular' })).id;
    ids.guide = (await shareOk(carol, { title: 'Mixing guide', description: 'Notes on crème brûlée compression', type: 'document', tags: 'mixing' })).id;
    ids.secret = (await shareOk(carol, { title: 'Private synth stems', type: 'project', tags: 'synth', is_public: 'false' })).id;
    ids.daveSynth = (await shareOk(dave, { title: 'Synth pads 100%', type: 'preset', tags: 'synth,pads' })).id;
    ids.dPrivate = (await shareOk(dave, { title: 'Dave private notes', is_public: 'false', tags: 'synth' })).id;
  });

  const list = (query: string, user: TestUser) => api().get(`/api/v1/resources?${query}`, { token: user.token });
  const idsOf = (res: { body: { data: { id: number }[] } }) => res.body.data.map((r) => r.id);

  it('lists public resources and the caller\'s own private ones, newest first, with owners', async () => {
    const res = await list(`user_id=${carol.id}`, carol);
    expect(res.status).toBe(200);
    expect(idsOf(res)).toEqual([ids.secret, ids.guide, ids.synth]);
    expect(res.body.data[0]).toMatchObject({ user: { id: carol.id, username: carol.username }, is_public: false, url: `/api/v1/resources/${ids.secret}/download` });
    expect(res.body.pagination).toEqual({ page: 1, limit: 20, total: 3, pages: 1, has_next: false, has_previous: false });
  });

  it("never shows another user's private resource", async () => {
    const asDave = await list(`user_id=${carol.id}`, dave);
    expect(idsOf(asDave)).toEqual([ids.guide, ids.synth]);
    const all = idsOf(await list('limit=100', dave));
    expect(all).not.toContain(ids.secret);
    expect(all).toContain(ids.dPrivate);
    expect(idsOf(await list('limit=100', carol))).not.toContain(ids.dPrivate);
  });

  it('q matches title and description ignoring case and accents, every word', async () => {
    expect(idsOf(await list('q=electronique', dave))).toEqual([ids.synth]);
    expect(idsOf(await list('q=%C3%A9lectroniques', dave))).toEqual([ids.synth]);
    expect(idsOf(await list('q=CREME%20brulee', dave))).toEqual([ids.guide]);
    expect(idsOf(await list('q=modular%20loops', dave))).toEqual([ids.synth]);
    expect(idsOf(await list('q=modular%20guide', dave))).toEqual([]);
    expect(idsOf(await list(`q=synth&user_id=${carol.id}`, carol))).toEqual([ids.secret, ids.synth]);
    // LIKE wildcards are taken literally.
    expect(idsOf(await list('q=100%25', dave))).toEqual([ids.daveSynth]);
    expect(idsOf(await list('q=_', dave))).toEqual([]);
  });

  it('tag is exact after normalization', async () => {
    expect(idsOf(await list('tag=synth', carol))).toEqual([ids.daveSynth, ids.secret, ids.synth]);
    expect(idsOf(await list('tag=%20SYNTH%20', dave))).toEqual([ids.dPrivate, ids.daveSynth, ids.synth]);
    expect(idsOf(await list('tag=synt', dave))).toEqual([]);
    expect(idsOf(await list('tag=pads', carol))).toEqual([ids.daveSynth]);
  });

  it('type and user_id filter, and combine with the others', async () => {
    expect(idsOf(await list('type=document', dave))).toEqual([ids.guide]);
    expect(idsOf(await list(`type=preset&user_id=${dave.id}`, carol))).toEqual([ids.daveSynth]);
    expect(idsOf(await list(`type=project&user_id=${carol.id}`, dave))).toEqual([]);
    expect(idsOf(await list(`tag=synth&type=sample&q=loops`, dave))).toEqual([ids.synth]);
  });

  it('paginates with a clamped limit', async () => {
    const first = await list(`user_id=${carol.id}&limit=2`, carol);
    expect(idsOf(first)).toEqual([ids.secret, ids.guide]);
    expect(first.body.pagination).toEqual({ page: 1, limit: 2, total: 3, pages: 2, has_next: true, has_previous: false });
    const second = await list(`user_id=${carol.id}&limit=2&page=2`, carol);
    expect(idsOf(second)).toEqual([ids.synth]);
    expect(second.body.pagination).toMatchObject({ page: 2, has_next: false, has_previous: true });
    expect((await list('limit=1000', carol)).body.pagination.limit).toBe(100);
  });

  it.each(['type=video', 'user_id=abc', 'user_id=0', 'page=x', `q=${'q'.repeat(201)}`])('400 INVALID_INPUT for %s', async (query) => {
    const res = await list(query, carol);
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe('INVALID_INPUT');
  });

  it('401 anonymously', async () => {
    const res = await api().get('/api/v1/resources');
    expect(res.status).toBe(401);
    expect(res.body.error_code).toBe('UNAUTHORIZED');
  });
});

describe('PUT /api/v1/resources/:id', () => {
  it('edits title, description, type, tags (list or comma string) and visibility', async () => {
    const created = await shareOk(bob, { title: 'Old', tags: 'a', description: 'old' });
    const res = await api().put(
      `/api/v1/resources/${created.id}`,
      { title: ' New title ', description: 'fresh', type: 'project', tags: [' Ambient', 'ambient', 'Field, Recording', ''], is_public: false },
      { token: bob.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: created.id,
      title: 'New title',
      description: 'fresh',
      type: 'project',
      tags: ['ambient', 'field', 'recording'],
      is_public: false,
      user: { id: bob.id, username: bob.username },
      filename: created.filename,
      created_at: created.created_at,
    });
    expect(Date.parse(res.body.data.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));
    const comma = await api().put(`/api/v1/resources/${created.id}`, { tags: 'X, y ,x', description: null }, { token: bob.token });
    expect(comma.body.data).toMatchObject({ tags: ['x', 'y'], description: null, title: 'New title', is_public: false });
    const cleared = await api().put(`/api/v1/resources/${created.id}`, { tags: [] }, { token: bob.token });
    expect(cleared.body.data.tags).toEqual([]);
    expect((await api().get(`/api/v1/resources/${created.id}`, { token: bob.token })).body.data).toEqual(cleared.body.data);
  });

  it.each([
    [{}, '_'],
    [{ title: '' }, 'title'],
    [{ type: 'video' }, 'type'],
    [{ is_public: 'false' }, 'is_public'],
    [{ tags: 5 }, 'tags'],
    [{ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
    [{ tags: ['z'.repeat(41)] }, 'tags.0'],
    [{ user_id: 1 }, '_'],
  ])('400 INVALID_INPUT for %j', async (body, field) => {
    const created = await shareOk(bob);
    const res = await api().put(`/api/v1/resources/${created.id}`, body, { token: bob.token });
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe('INVALID_INPUT');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('400 for malformed JSON and a bad id; 404 for a missing id', async () => {
    expect((await api().put('/api/v1/resources/1', undefined, { token: bob.token, raw: '{', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await api().put('/api/v1/resources/abc', { title: 'x' }, { token: bob.token })).status).toBe(400);
    const missing = await api().put('/api/v1/resources/999999', { title: 'x' }, { token: bob.token });
    expect(missing.status).toBe(404);
    expect(missing.body.error_code).toBe('NOT_FOUND');
  });
});

describe('DELETE /api/v1/resources/:id', () => {
  it('removes the row and the stored bytes; the id is gone after', async () => {
    const created = await shareOk(bob);
    const [row] = await app.db.select().from(resources).where(eq(resources.id, created.id));
    const stored = new LocalStorage().pathOf(row!.storageKey);
    expect(existsSync(stored)).toBe(true);
    const res = await api().delete(`/api/v1/resources/${created.id}`, { token: bob.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: null });
    expect(existsSync(stored)).toBe(false);
    expect(await app.db.select().from(resources).where(eq(resources.id, created.id))).toEqual([]);
    for (const r of [
      await api().get(`/api/v1/resources/${created.id}`, { token: bob.token }),
      await api().delete(`/api/v1/resources/${created.id}`, { token: bob.token }),
      await api().get(`/api/v1/resources/${created.id}/download`, { token: bob.token }),
    ]) {
      expect(r.status).toBe(404);
    }
  });
});

describe('GET /api/v1/resources/:id', () => {
  it('answers the same item as the list', async () => {
    const created = await shareOk(bob, { title: 'Same', tags: 'one' });
    const one = await api().get(`/api/v1/resources/${created.id}`, { token: alice.token });
    expect(one.status).toBe(200);
    expect(one.body.data).toEqual(created);
    const listed = await api().get(`/api/v1/resources?user_id=${bob.id}&q=same`, { token: alice.token });
    expect(listed.body.data).toEqual([created]);
  });

  it('400 for a non-numeric id, 404 for a missing one', async () => {
    expect((await api().get('/api/v1/resources/12abc', { token: alice.token })).status).toBe(400);
    const missing = await api().get('/api/v1/resources/2147483647', { token: alice.token });
    expect(missing.status).toBe(404);
    expect(missing.body.error_code).toBe('NOT_FOUND');
  });
});
