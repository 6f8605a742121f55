import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEnv, setEnv } from '@/lib/env';
import { hashRefreshToken, newRefreshToken, signAccessToken, successorRefreshToken, verifyAccessToken } from '@/lib/auth/tokens';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

beforeAll(() => {
  setEnv(parseEnv({ DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'talas-tok-')), AUTH_SECRET: 'k'.repeat(40) }));
});

const input = { userId: 7, username: 'ava', role: 'user' as const, sessionId: 3 };

describe('access tokens', () => {
  it('carry the contract claims and verify', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { token, expiresAt } = await signAccessToken({ ...input, issuedAt: now });
    expect(expiresAt).toBe(now + 900);
    expect(decodeJwt(token)).toEqual({ sub: '7', user_id: 7, username: 'ava', role: 'user', sid: 3, iat: now, exp: now + 900 });
    await expect(verifyAccessToken(token)).resolves.toMatchObject({ user_id: 7, sid: 3 });
  });

  it('are deterministic for the same claims and issue time', async () => {
    const a = await signAccessToken({ ...input, issuedAt: 1_700_000_000 });
    const b = await signAccessToken({ ...input, issuedAt: 1_700_000_000 });
    expect(a.token).toBe(b.token);
  });

  it('expired → TOKEN_EXPIRED; tampered or alg none → UNAUTHORIZED', async () => {
    const old = await signAccessToken({ ...input, issuedAt: Math.floor(Date.now() / 1000) - 3600 });
    await expect(verifyAccessToken(old.token)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    const good = await signAccessToken({ ...input, issuedAt: Math.floor(Date.now() / 1000) });
    const [h, , s] = good.token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(good.token), role: 'super_admin' })).toString('base64url');
    await expect(verifyAccessToken(`${h}.${forged}.${s}`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await expect(verifyAccessToken(`${none}.${good.token.split('.')[1]}.`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('refresh tokens', () => {
  it('are random, hashed with SHA-256, and have a keyed successor', () => {
    const a = newRefreshToken();
    expect(a).not.toBe(newRefreshToken());
    expect(hashRefreshToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(successorRefreshToken(a)).toBe(successorRefreshToken(a));
    expect(successorRefreshToken(a)).not.toBe(successorRefreshToken(newRefreshToken()));
    expect(successorRefreshToken(a)).not.toBe(a);
  });
});
