import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalDocuments, resources } from '@/db/schema/gear';
import { createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { upload } from '../helpers/upload';

const MAX_FILE = 64 * 1024;
const MAX_DOC = 128 * 1024;

let app: TestApp;
let user: TestUser;
let admin: TestUser;

function listDir(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
const storedFiles = () => listDir(path.join(app.env.UPLOAD_PATH, 'store'));
const tempFiles = () => listDir(path.join(app.env.UPLOAD_PATH, 'tmp'));
const counts = async () => ({
  resources: (await app.db.select({ id: resources.id }).from(resources)).length,
  documents: (await app.db.select({ id: internalDocuments.id }).from(internalDocuments)).length,
  stored: storedFiles().length,
});
const textOf = (size: number) => new Uint8Array(size).fill(0x61); // "aaaa…": plain text

/**
 * A multipart upload whose body is a stream of unknown length (chunked): the server cannot refuse
 * it from Content-Length and must cut it off while reading.
 */
async function streamUpload(route: string, token: string, fields: Record<string, string>, size: number) {
  const boundary = `----talas${Date.now().toString(16)}`;
  const enc = new TextEncoder();
  const head = enc.encode(
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  const chunk = textOf(16 * 1024);
  let sent = 0;
  let phase: 'head' | 'body' | 'tail' | 'done' = 'head';
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (phase === 'head') {
        controller.enqueue(head);
        phase = 'body';
      } else if (phase === 'body') {
        const n = Math.min(chunk.length, size - sent);
        controller.enqueue(chunk.subarray(0, n));
        sent += n;
        if (sent >= size) phase = 'tail';
      } else if (phase === 'tail') {
        controller.enqueue(tail);
        phase = 'done';
      } else {
        controller.close();
      }
    },
  });
  const res = await fetch(app.url + route, {
    method: 'POST',
    body,
    duplex: 'half',
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
  } as RequestInit);
  return { status: res.status, headers: res.headers, body: await res.json() };
}

beforeAll(async () => {
  app = await startTestApp({ MAX_FILE_SIZE: String(MAX_FILE), MAX_INTERNAL_DOC_SIZE: String(MAX_DOC) });
  [user, admin] = await Promise.all([createUser(app), createUser(app, { role: 'admin' })]);
});
afterAll(() => app?.close());

describe('POST /api/v1/resources – MAX_FILE_SIZE', () => {
  it('accepts a file of exactly the limit', async () => {
    const res = await upload(app, '/api/v1/resources', { token: user.token, fields: { title: 'At the limit' }, file: { name: 'a.txt', bytes: textOf(MAX_FILE) } });
    expect(res.status).toBe(201);
    expect(res.body.data.size).toBe(MAX_FILE);
  });

  it.each([
    ['one byte over (cut off while streaming)', MAX_FILE + 1],
    ['far over (refused from Content-Length)', 1024 * 1024],
  ])('413 FILE_TOO_LARGE %s, leaving no row and no bytes', async (_label, size) => {
    const before = await counts();
    const res = await upload(app, '/api/v1/resources', { token: user.token, fields: { title: 'Too big' }, file: { name: 'big.txt', bytes: textOf(size) } });
    expect(res.status).toBe(413);
    expect(res.body.error_code).toBe('FILE_TOO_LARGE');
    expect(res.body.error).toBe('The file is larger than the 64 KB limit');
    // The rest of the body was never read: the connection is not reused.
    expect(res.headers.get('connection')).toBe('close');
    expect(await counts()).toEqual(before);
    expect(tempFiles()).toEqual([]);
  });

  it('413 for a chunked upload of unknown length, cut off while reading', async () => {
    const before = await counts();
    const res = await streamUpload('/api/v1/resources', user.token, { title: 'Streamed' }, 4 * MAX_FILE);
    expect(res.status).toBe(413);
    expect(res.body.error_code).toBe('FILE_TOO_LARGE');
    expect(res.headers.get('connection')).toBe('close');
    expect(await counts()).toEqual(before);
    expect(tempFiles()).toEqual([]);
  });

  it('a chunked upload under the limit is stored', async () => {
    const res = await streamUpload('/api/v1/resources', user.token, { title: 'Streamed small', tags: 'a,b' }, MAX_FILE - 10);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ size: MAX_FILE - 10, tags: ['a', 'b'], mime_type: 'text/plain' });
  });
});

describe('POST /api/v1/resources/internal – MAX_INTERNAL_DOC_SIZE', () => {
  it('its own limit: a document larger than MAX_FILE_SIZE but within MAX_INTERNAL_DOC_SIZE is accepted', async () => {
    const res = await upload(app, '/api/v1/resources/internal', { token: admin.token, fields: { title: 'Big manual' }, file: { name: 'manual.txt', bytes: textOf(MAX_DOC) } });
    expect(res.status).toBe(201);
    expect(res.body.data.size).toBe(MAX_DOC);
  });

  it.each([
    ['one byte over (cut off while streaming)', MAX_DOC + 1],
    ['far over (refused from Content-Length)', 2 * 1024 * 1024],
  ])('413 FILE_TOO_LARGE %s, leaving no row and no bytes', async (_label, size) => {
    const before = await counts();
    const res = await upload(app, '/api/v1/resources/internal', { token: admin.token, fields: { title: 'Too big' }, file: { name: 'big.txt', bytes: textOf(size) } });
    expect(res.status).toBe(413);
    expect(res.body.error_code).toBe('FILE_TOO_LARGE');
    expect(res.body.error).toBe('The file is larger than the 128 KB limit');
    expect(await counts()).toEqual(before);
    expect(tempFiles()).toEqual([]);
  });

  it('413 for a chunked document of unknown length', async () => {
    const before = await counts();
    const res = await streamUpload('/api/v1/resources/internal', admin.token, { title: 'Streamed' }, 3 * MAX_DOC);
    expect(res.status).toBe(413);
    expect(await counts()).toEqual(before);
    expect(tempFiles()).toEqual([]);
  });

  it('a user is refused with 403 before any byte is stored, whatever the size', async () => {
    const before = await counts();
    const res = await upload(app, '/api/v1/resources/internal', { token: user.token, fields: { title: 'x' }, file: { name: 'big.txt', bytes: textOf(MAX_DOC + 1) } });
    expect(res.status).toBe(403);
    expect(await counts()).toEqual(before);
    expect(tempFiles()).toEqual([]);
  });
});
