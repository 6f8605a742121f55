import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { durationMs, EnvError, parseEnv } from '@/lib/env';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'talas-env-'));
const secret = 'x'.repeat(40);

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    const dir = tmp();
    const env = parseEnv({ DATA_DIR: dir, AUTH_SECRET: secret });
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: dir,
      JWT_EXPIRY: '15m',
      REFRESH_EXPIRY: '30d',
      UPLOAD_PATH: path.join(dir, 'uploads'),
      MAX_FILE_SIZE: 10_485_760,
      CORS_ALLOWED_ORIGINS: [],
      LOG_LEVEL: 'info',
      SEED_DEMO: true,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('turns demo seeding off by default with DATABASE_URL', () => {
    const env = parseEnv({ DATA_DIR: tmp(), AUTH_SECRET: secret, DATABASE_URL: 'postgres://u@h/db' });
    expect(env.SEED_DEMO).toBe(false);
    expect(parseEnv({ DATA_DIR: tmp(), AUTH_SECRET: secret, DATABASE_URL: 'postgres://u@h/db', SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'http://x'],
    ['JWT_EXPIRY', '15 minutes'],
    ['MAX_FILE_SIZE', '-1'],
    ['LOG_LEVEL', 'loud'],
    ['CORS_ALLOWED_ORIGINS', 'not a url'],
    ['ADMIN_EMAIL', 'nope'],
    ['AUTH_SECRET', 'short'],
    ['SEED_DEMO', 'maybe'],
  ])('refuses a bad %s with a message naming it', (name, value) => {
    expect(() => parseEnv({ DATA_DIR: tmp(), AUTH_SECRET: secret, [name]: value })).toThrowError(EnvError);
    expect(() => parseEnv({ DATA_DIR: tmp(), AUTH_SECRET: secret, [name]: value })).toThrowError(name);
  });

  it('generates AUTH_SECRET once, keeps it in DATA_DIR with mode 600, and reuses it', () => {
    const dir = tmp();
    const first = parseEnv({ DATA_DIR: dir });
    expect(first.generatedAuthSecret).toBe(true);
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, 'auth-secret');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.AUTH_SECRET);
    const second = parseEnv({ DATA_DIR: dir });
    expect(second.generatedAuthSecret).toBe(false);
    expect(second.AUTH_SECRET).toBe(first.AUTH_SECRET);
  });

  it('requires AUTH_SECRET in production with DATABASE_URL', () => {
    expect(() =>
      parseEnv({ DATA_DIR: tmp(), NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db' }),
    ).toThrowError(/AUTH_SECRET/);
  });

  it('parses allowed CORS origins, trimming trailing slashes', () => {
    const env = parseEnv({ DATA_DIR: tmp(), AUTH_SECRET: secret, CORS_ALLOWED_ORIGINS: 'https://a.example/, http://localhost:5173' });
    expect(env.CORS_ALLOWED_ORIGINS).toEqual(['https://a.example', 'http://localhost:5173']);
  });
});

describe('durationMs', () => {
  it.each([
    ['500ms', 500],
    ['15s', 15_000],
    ['15m', 900_000],
    ['12h', 43_200_000],
    ['30d', 2_592_000_000],
  ])('%s is %d ms', (value, ms) => expect(durationMs(value)).toBe(ms));

  it('refuses garbage', () => expect(() => durationMs('soon')).toThrow());
});
