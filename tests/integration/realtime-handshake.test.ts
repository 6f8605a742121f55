import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { on } from '@/lib/realtime/on';
import { userRoom } from '@/lib/realtime/events';
import { signAccessToken } from '@/lib/auth/tokens';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { webSignIn } from '../helpers/web-session';

let app: TestApp;
let alice: TestUser;
const sockets: Socket[] = [];

function open(options: Parameters<typeof connect>[1] = {}): Socket {
  const socket = connect(app.url, { transports: ['websocket'], reconnection: false, forceNew: true, ...options });
  sockets.push(socket);
  return socket;
}

function outcome(socket: Socket): Promise<{ connected: true } | { connected: false; message: string; data: unknown }> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ connected: true }));
    socket.once('connect_error', (err: Error & { data?: unknown }) =>
      resolve({ connected: false, message: err.message, data: err.data }),
    );
  });
}

beforeAll(async () => {
  app = await startTestApp();
  alice = await createUser(app);
  // A test event, registered the way domain modules register theirs.
  app.io.on('connection', (socket) => {
    on(socket, 'test:echo', z.object({ text: z.string().min(1).max(10) }), (input, s) => ({
      text: input.text,
      user_id: s.data.user.id,
    }));
    on(socket, 'test:boom', z.object({}), () => {
      throw new Error('secret internals');
    });
  });
});

afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});
afterAll(() => app?.close());

describe('Socket.IO handshake', () => {
  it('accepts an access token in auth.token and joins the user room', async () => {
    const socket = open({ auth: { token: alice.token } });
    expect(await outcome(socket)).toEqual({ connected: true });
    const rooms = (await app.io.in(userRoom(alice.id)).fetchSockets()).map((s) => s.data.user.id);
    expect(rooms).toEqual([alice.id]);
  });

  it('accepts the token in an Authorization header', async () => {
    const socket = open({ extraHeaders: { authorization: `Bearer ${alice.token}` } });
    expect(await outcome(socket)).toEqual({ connected: true });
  });

  it('accepts the web session cookie', async () => {
    const cookie = await webSignIn(app, alice.email, alice.password);
    const socket = open({ extraHeaders: { cookie } });
    expect(await outcome(socket)).toEqual({ connected: true });
  });

  it('refuses a missing token with UNAUTHORIZED', async () => {
    const result = await outcome(open());
    expect(result).toMatchObject({ connected: false, message: 'UNAUTHORIZED' });
  });

  it('refuses a bad or expired token with UNAUTHORIZED', async () => {
    expect(await outcome(open({ auth: { token: 'not-a-jwt' } }))).toMatchObject({
      connected: false,
      message: 'UNAUTHORIZED',
    });
    const expired = await signAccessToken({
      userId: alice.id,
      username: alice.username,
      role: 'user',
      sessionId: 1,
      issuedAt: Math.floor(Date.now() / 1000) - 3600,
    });
    expect(await outcome(open({ auth: { token: expired.token } }))).toMatchObject({
      connected: false,
      message: 'UNAUTHORIZED',
      data: { code: 'TOKEN_EXPIRED' },
    });
  });

  it('refuses a token whose session was logged out', async () => {
    const bob = await createUser(app);
    await apiClient(app).post('/api/v1/auth/logout', {}, { token: bob.token });
    expect(await outcome(open({ auth: { token: bob.token } }))).toMatchObject({ connected: false, message: 'UNAUTHORIZED' });
  });

  it('disconnects live sockets of a user an admin bans, and refuses them after', async () => {
    const admin = await createUser(app, { role: 'admin' });
    const carol = await createUser(app);
    const socket = open({ auth: { token: carol.token } });
    await outcome(socket);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const res = await apiClient(app).put(`/api/v1/admin/users/${carol.id}`, { status: 'banned' }, { token: admin.token });
    expect(res.status).toBe(200);
    expect(await disconnected).toBe('io server disconnect');
    expect(await outcome(open({ auth: { token: carol.token } }))).toMatchObject({
      connected: false,
      message: 'ACCOUNT_DISABLED',
    });
  });
});

describe('validated, acknowledged handlers', () => {
  it('acks {success: true, data} for a valid payload', async () => {
    const socket = open({ auth: { token: alice.token } });
    await outcome(socket);
    const ack = await socket.emitWithAck('test:echo', { text: 'hi' });
    expect(ack).toEqual({ success: true, data: { text: 'hi', user_id: alice.id } });
  });

  it('acks INVALID_INPUT with details for a bad payload', async () => {
    const socket = open({ auth: { token: alice.token } });
    await outcome(socket);
    const ack = await socket.emitWithAck('test:echo', { text: '' });
    expect(ack).toMatchObject({ success: false, error_code: 'INVALID_INPUT', details: [{ field: 'text' }] });
  });

  it('acks INTERNAL_ERROR without internals when a handler throws', async () => {
    const socket = open({ auth: { token: alice.token } });
    await outcome(socket);
    const ack = await socket.emitWithAck('test:boom', {});
    expect(ack).toEqual({ success: false, error: expect.any(String), error_code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(ack)).not.toContain('secret internals');
  });

  it('closes a connection that sends a frame over 64 KB', async () => {
    const socket = open({ auth: { token: alice.token } });
    await outcome(socket);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('test:echo', { text: 'x'.repeat(70 * 1024) });
    expect(await closed).toBe('transport close');
  });
});
