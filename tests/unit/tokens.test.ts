import { createHmac, hkdfSync } from 'node:crypto';
import { decodeJwt, SignJWT, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
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

describe('access token checks refuse what jose would refuse', () => {
  // Tokens made with the very key the app derives, so only the checks after the signature can refuse them.
  const key = new Uint8Array(hkdfSync('sha256', 'k'.repeat(40), 'talas', 'access-token', 32));
  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({ sub: '7', user_id: 7, username: 'ava', role: 'user', sid: 3, iat: now(), exp: now() + 900 });
  const sign = (payload: JWTPayload, header: JWTHeaderParameters = { alg: 'HS256', typ: 'JWT' }) =>
    new SignJWT(payload).setProtectedHeader(header).sign(key);
  // jose refuses to make some hostile tokens at all: these are put together by hand.
  const signRaw = (header: object, payload: object) => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${part(header)}.${part(payload)}`;
    return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
  };

  it('accepts a token made with the same key (the check is not tied to how tokens are made)', async () => {
    await expect(verifyAccessToken(await sign(claims()))).resolves.toMatchObject({ user_id: 7, sid: 3, role: 'user' });
  });

  it.each([
    ['another algorithm', async () => sign(claims(), { alg: 'HS512' })],
    ['a critical header it does not understand', async () => signRaw({ alg: 'HS256', crit: ['x-talas'], 'x-talas': 1 }, claims())],
    ['a token not valid yet', async () => sign({ ...claims(), nbf: now() + 600 })],
    ['a subject that is not the user', async () => sign({ ...claims(), sub: '8' })],
    ['a role that does not exist', async () => sign({ ...claims(), role: 'root' })],
    ['missing claims', async () => sign({ sub: '7', user_id: 7 })],
    ['another secret', async () => new SignJWT(claims()).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32).fill(1))],
    ['two parts', async () => (await sign(claims())).split('.').slice(0, 2).join('.')],
    ['padding after the signature', async () => `${await sign(claims())}=`],
    ['an empty string', async () => ''],
  ])('refuses %s with UNAUTHORIZED', async (_what, make) => {
    await expect(verifyAccessToken(await make())).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('says TOKEN_EXPIRED from the second of expiry on', async () => {
    await expect(verifyAccessToken(await sign({ ...claims(), exp: now() }))).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
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

describe('checked tokens', () => {
  it('are remembered, yet expire on time and are forgotten when AUTH_SECRET changes', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { token } = await signAccessToken({ ...input, issuedAt: now - 900 + 2 });
    await expect(verifyAccessToken(token)).resolves.toMatchObject({ user_id: 7 });
    await expect(verifyAccessToken(token)).resolves.toMatchObject({ user_id: 7 });
    vi.useFakeTimers({ now: Date.now() + 3_000, toFake: ['Date'] });
    try {
      await expect(verifyAccessToken(token)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    } finally {
      vi.useRealTimers();
    }

    const fresh = await signAccessToken({ ...input, issuedAt: Math.floor(Date.now() / 1000) });
    await expect(verifyAccessToken(fresh.token)).resolves.toMatchObject({ user_id: 7 });
    setEnv(parseEnv({ DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'talas-tok-')), AUTH_SECRET: 'q'.repeat(40) }));
    await expect(verifyAccessToken(fresh.token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
