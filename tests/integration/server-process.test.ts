import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_AUTH_SECRET } from '../helpers/env';
import { fixture } from '../helpers/upload';

// These tests start the real server process (dist/server.mjs, as `npm start` does) or `next start`.
const root = path.resolve(import.meta.dirname, '../..');
const phrase = fixture('audio/phrase-4s.mp3');
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

function start(command: string[], env: Record<string, string>, ready = /listening on http:\/\/localhost:(\d+)/): Promise<Started> {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 45_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: `http://localhost:${match[1]}`, output: () => out, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

const tmpData = () => mkdtempSync(path.join(os.tmpdir(), 'talas-proc-'));

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

// Each test starts one or two real processes (a start may take up to 45 s on a loaded machine, seeding
// included): the suite's 30 s default is for in-process tests.
describe('server.ts process', { timeout: 120_000 }, () => {
  it('refuses to start on a bad variable, naming it', async () => {
    const child = spawn('node', ['dist/server.mjs'], {
      cwd: root,
      env: { ...process.env, PORT: 'eighty', DATA_DIR: tmpData() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(out).toContain('PORT');
  });

  it('starts on an empty data directory, generates AUTH_SECRET, creates the admin, seeds, and drains on SIGTERM', async () => {
    const dataDir = tmpData();
    const env = { PORT: '0', DATA_DIR: dataDir, ADMIN_EMAIL: 'boss@example.test', ADMIN_PASSWORD: 'boss password 1', SEED_DEMO: 'true' };
    const server = await start(['node', 'dist/server.mjs'], env);
    expect(server.output()).toContain('AUTH_SECRET not set');
    expect(existsSync(path.join(dataDir, 'auth-secret'))).toBe(true);

    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'boss@example.test', password: 'boss password 1' }),
    });
    const body = (await login.json()) as { data: { access_token: string; user: { role: string } } };
    expect(body.data.user.role).toBe('super_admin');
    const demo = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ava@demo.talas.app', password: 'talas-demo' }),
    });
    expect(demo.status).toBe(200);

    // Track audio is answered by server.ts itself, before Next: byte ranges with their Content-Length
    // (which Next would drop), signed URLs, and the JSON envelope for errors.
    const ava = { authorization: `Bearer ${((await demo.json()) as { data: { access_token: string } }).data.access_token}` };
    const list = (await (await fetch(`${server.url}/api/v1/tracks?limit=1`, { headers: ava })).json()) as { data: { id: number; size: number }[] };
    const track = list.data[0]!;
    const ranged = await fetch(`${server.url}/api/v1/tracks/${track.id}/audio`, { headers: { ...ava, range: 'bytes=100-1099' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-length')).toBe('1000');
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-1099/${track.size}`);
    expect(ranged.headers.get('x-request-id')).toBeTruthy();
    expect((await ranged.arrayBuffer()).byteLength).toBe(1000);
    const stream = (await (await fetch(`${server.url}/api/v1/tracks/${track.id}/stream`, { headers: ava })).json()) as { data: { url: string } };
    const signed = await fetch(server.url + stream.data.url, { method: 'HEAD' });
    expect(signed.status).toBe(200);
    expect(signed.headers.get('content-length')).toBe(String(track.size));
    const anonymous = await fetch(`${server.url}/api/v1/tracks/${track.id}/audio`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error_code: string }).error_code).toBe('UNAUTHORIZED');
    expect(server.output()).toMatch(new RegExp(`"path":"/api/v1/tracks/${track.id}/audio","status":206`));

    // A live socket is closed by the shutdown, and the process exits cleanly.
    const socket = connect(server.url, { auth: { token: body.data.access_token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    server.child.kill('SIGTERM');
    expect(await disconnected).toBeTruthy();
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('bye');

    // The data survived: a second start on the same directory keeps the accounts and the secret.
    const again = await start(['node', 'dist/server.mjs'], env);
    expect(again.output()).not.toContain('AUTH_SECRET not set');
    expect(again.output()).not.toContain('demo data seeded');
    const relogin = await fetch(`${again.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${body.data.access_token}` } });
    expect(relogin.status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('REALTIME_ONLY serves Socket.IO and /health without the web app', async () => {
    const server = await start(['node', 'dist/server.mjs'], { PORT: '0', DATA_DIR: tmpData(), REALTIME_ONLY: 'true', AUTH_SECRET: TEST_AUTH_SECRET });
    expect(server.output()).toContain('realtime-only');
    expect(await (await fetch(`${server.url}/health`)).text()).toBe('OK');
    expect((await fetch(`${server.url}/`)).status).toBe(404);
    const socket = connect(server.url, { transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('UNAUTHORIZED');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('the same build serves pages and route handlers under plain `next start`', async () => {
    const server = await start(
      ['node', 'node_modules/next/dist/bin/next', 'start', '-p', '0'],
      { DATA_DIR: tmpData(), AUTH_SECRET: TEST_AUTH_SECRET, SEED_DEMO: 'false' },
      /Local:\s+http:\/\/localhost:(\d+)/,
    );
    const health = await fetch(`${server.url}/api/v1/health`);
    const body = (await health.json()) as { data: { database: string; realtime: string } };
    // No Socket.IO in this process and no Redis: the web app works, realtime is reported down.
    expect(health.status).toBe(200);
    expect(body.data).toMatchObject({ database: 'ok', realtime: 'down' });
    const register = await fetch(`${server.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'plainstart', email: 'plain@example.test', password: 'password123' }),
    });
    expect(register.status).toBe(201);
    // Track audio through Next's route handler (no server.ts here): the same bytes and ranges.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'plain@example.test', password: 'password123' }),
    });
    const { access_token: token } = ((await login.json()) as { data: { access_token: string } }).data;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(phrase)], { type: 'audio/mpeg' }), 'phrase.mp3');
    form.append('title', 'Plain');
    const uploaded = await fetch(`${server.url}/api/v1/tracks`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(uploaded.status).toBe(201);
    const trackId = ((await uploaded.json()) as { data: { id: number } }).data.id;
    const ranged = await fetch(`${server.url}/api/v1/tracks/${trackId}/audio`, { headers: { authorization: `Bearer ${token}`, range: 'bytes=100-1099' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-1099/${phrase.length}`);
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(phrase.subarray(100, 1100));
    const page = await fetch(`${server.url}/sign-in`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain('nonce-');
    server.child.kill('SIGTERM');
  });
});
