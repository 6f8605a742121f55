import { readdirSync } from 'node:fs';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracks } from '@/db/schema/tracks';
import { createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { fixture, upload } from '../helpers/upload';

let app: TestApp;
let owner: TestUser;

const filesUnder = (dir: string) => {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  } catch {
    return [];
  }
};

beforeAll(async () => {
  app = await startTestApp({ MAX_TRACK_SIZE: String(64 * 1024) });
  owner = await createUser(app);
});
afterAll(() => app?.close());

describe('MAX_TRACK_SIZE', () => {
  it('refuses a larger file with 413 and keeps nothing', async () => {
    const bytes = fixture('audio/phrase-4s.wav');
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const res = await upload(app, '/api/v1/tracks', { token: owner.token, fields: { title: 'big' }, file: { name: 'big.wav', bytes } });
    expect(res.status).toBe(413);
    expect(res.body.error_code).toBe('FILE_TOO_LARGE');
    expect((await app.db.select({ n: count() }).from(tracks))[0]!.n).toBe(0);
    expect(filesUnder(path.join(app.env.UPLOAD_PATH, 'store'))).toEqual([]);
    expect(filesUnder(path.join(app.env.UPLOAD_PATH, 'tmp'))).toEqual([]);
  });

  it('accepts a file under the limit', async () => {
    const bytes = fixture('audio/phrase-4s.opus');
    expect(bytes.length).toBeLessThan(64 * 1024);
    const res = await upload(app, '/api/v1/tracks', { token: owner.token, file: { name: 'small.opus', bytes } });
    expect(res.status).toBe(201);
  });
});
