import type { Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { bridgeClient, bridgeHandshake, bridgeUrl, nextEvent, recorder, socketClient, type BridgeClient } from '../helpers/realtime';
import { startTestApp, type TestApp } from '../helpers/server';
import { webSignIn } from '../helpers/web-session';

let app: TestApp;
let ava: TestUser;
let leo: TestUser;
let mia: TestUser;
const open: { close(): void }[] = [];
const api = () => apiClient(app);
let n = 0;

async function bridge(user: TestUser): Promise<BridgeClient> {
  const client = await bridgeClient(app.url, user.token);
  open.push(client);
  return client;
}

async function socket(user: TestUser): Promise<Socket> {
  const s = await socketClient(app.url, user.token);
  open.push({ close: () => s.disconnect() });
  return s;
}

async function newRoom(owner: TestUser, isPrivate = false): Promise<string> {
  const name = `ws-${process.pid}-${++n}`;
  await api().post('/api/v1/chat/rooms', { name, is_private: isPrivate }, { token: owner.token });
  return name;
}

beforeAll(async () => {
  app = await startTestApp({}, { presence: { graceMs: 0 }, bridge: { heartbeatMs: 2_000 } });
  [ava, leo, mia] = await Promise.all([createUser(app), createUser(app), createUser(app)]);
});
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});
afterAll(() => app?.close());

describe('GET /ws/chat handshake', () => {
  it('accepts ?token= and the session cookie; refuses none, a bad token, and a cross-site cookie', async () => {
    expect(await bridgeHandshake(bridgeUrl(app.url, ava.token))).toEqual({ open: true });
    const cookie = await webSignIn(app, ava.email, ava.password);
    expect(await bridgeHandshake(bridgeUrl(app.url), { cookie })).toEqual({ open: true });
    const none = await bridgeHandshake(bridgeUrl(app.url));
    expect(none).toMatchObject({ open: false, status: 401 });
    expect(JSON.parse((none as { body: string }).body)).toMatchObject({ success: false, error_code: 'UNAUTHORIZED' });
    expect(await bridgeHandshake(bridgeUrl(app.url, 'not-a-jwt'))).toMatchObject({ open: false, status: 401 });
    expect(await bridgeHandshake(bridgeUrl(app.url), { cookie, origin: 'https://evil.example' })).toMatchObject({ open: false, status: 403 });
  });
});

describe('frames', () => {
  it('join → joined; message from the bridge reaches Socket.IO clients, and theirs reach the bridge', async () => {
    const room = await newRoom(ava);
    const w = await bridge(ava);
    const s = await socket(leo);
    await s.emitWithAck('join', { room });
    w.send({ type: 'join', room });
    expect(await w.next('joined')).toEqual({ room, status: 'ok' });

    const fromBridge = nextEvent(s, 'message');
    w.send({ type: 'message', room, content: 'from plain ws', client_id: 'w-1' });
    const got = await fromBridge;
    expect(got).toMatchObject({ room, from: ava.id, content: 'from plain ws', client_id: 'w-1' });
    // The bridge client sees its own message come back from the room, once.
    expect(await w.next('message', (m) => m.id === got.id)).toMatchObject({ content: 'from plain ws' });

    const ack = await s.emitWithAck('message', { room, content: 'from socket.io' });
    expect(await w.next('message', (m) => m.id === ack.data.id)).toMatchObject({ from: leo.id, username: leo.username, content: 'from socket.io' });
    const rest = await api().post(`/api/v1/chat/rooms/${room}/messages`, { content: 'from http' }, { token: mia.token });
    await w.next('message', (m) => m.id === rest.body.data.id);
    expect(w.frames.filter((f) => f.type === 'message' && f.data.id === got.id)).toHaveLength(1);
  });

  it('dm both ways, room_history and dm_history → history', async () => {
    const room = await newRoom(ava);
    const w = await bridge(ava);
    const s = await socket(leo);
    const toSocket = nextEvent(s, 'dm');
    w.send({ type: 'dm', to: leo.id, content: 'hello from ws' });
    const dm = await toSocket;
    expect(dm).toMatchObject({ from: ava.id, to: leo.id, content: 'hello from ws' });
    expect(await w.next('dm', (m) => m.id === dm.id)).toMatchObject({ content: 'hello from ws' });
    const back = await s.emitWithAck('dm', { to: ava.id, content: 'reply from socket.io' });
    expect(await w.next('dm', (m) => m.id === back.data.id)).toMatchObject({ from: leo.id });

    w.send({ type: 'dm_history', with: leo.id, limit: 10 });
    const dmHistory = await w.next('history', (h) => h.with === leo.id);
    expect(dmHistory.messages.map((m: any) => m.content)).toEqual(['hello from ws', 'reply from socket.io']);

    await api().post(`/api/v1/chat/rooms/${room}/messages`, { content: 'one' }, { token: leo.token });
    w.send({ type: 'room_history', room, limit: 10 });
    const roomHistory = await w.next('history', (h) => h.room === room);
    expect(roomHistory.messages.map((m: any) => m.content)).toEqual(['one']);
  });

  it('answers bad JSON, unknown types, bad payloads and refusals with error frames, and stays open', async () => {
    const priv = await newRoom(mia, true);
    const w = await bridge(ava);
    w.ws.send('{not json');
    expect(await w.next('error')).toMatchObject({ code: 'INVALID_INPUT' });
    w.send({ type: 'launch_missiles' });
    expect(await w.next('error', (e) => /launch_missiles/.test(e.message))).toMatchObject({ code: 'INVALID_INPUT' });
    w.send({ type: 'message', room: priv, content: '' });
    expect(await w.next('error', (e) => e.event === 'message')).toMatchObject({ code: 'INVALID_INPUT', details: [{ field: 'content' }] });
    w.send({ type: 'join', room: priv });
    expect(await w.next('error', (e) => e.event === 'join')).toMatchObject({ code: 'ROOM_NOT_FOUND' });
    w.send({ type: 'message', room: priv, content: 'let me in', client_id: 'x-1' });
    expect(await w.next('error', (e) => e.client_id === 'x-1')).toMatchObject({ code: 'ROOM_NOT_FOUND', event: 'message' });
    w.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await w.next('error', (e) => /JSON/.test(e.message));
    expect(w.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('rate-limits sends like Socket.IO, with one RATE_LIMITED error frame per refused message', async () => {
    const room = await newRoom(ava);
    const w = await bridge(ava);
    w.send({ type: 'join', room });
    await w.next('joined');
    for (let i = 0; i < 11; i++) w.send({ type: 'message', room, content: `m${i}` });
    expect(await w.next('error')).toMatchObject({ code: 'RATE_LIMITED' });
    // Frames are taken in order: the first ten are stored (and come back from the room), the eleventh is not.
    for (let i = 0; i < 10; i++) await w.next('message', (m) => m.content === `m${i}`);
    w.send({ type: 'room_history', room, limit: 50 });
    const history = await w.next('history');
    expect(history.messages.map((m: any) => m.content).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`).sort());
    expect(w.frames.filter((f) => f.type === 'error')).toHaveLength(1);
  });

  it('closes the connection on a frame over 64 KB', async () => {
    const w = await bridge(ava);
    const closed = new Promise<number>((resolve) => w.ws.once('close', (code) => resolve(code)));
    w.send({ type: 'message', room: 'general', content: 'x'.repeat(70 * 1024) });
    expect(await closed).toBe(1009);
  });

  it('drops a connection that stops answering pings', async () => {
    const silent = new WebSocket(bridgeUrl(app.url, ava.token), { autoPong: false });
    open.push(silent);
    await new Promise((resolve) => silent.once('open', resolve));
    const closed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve) => silent.once('ping', () => resolve()));
    expect(await closed).toBe(1006); // terminated at the next heartbeat, without a closing handshake
  });

  it('pings on its heartbeat, counts towards presence, and is closed by a ban', async () => {
    const [x, friend, admin] = await Promise.all([createUser(app), createUser(app), createUser(app, { role: 'admin' })]);
    await api().post(`/api/v1/chat/dm/${x.id}`, { content: 'hi' }, { token: friend.token });
    const sf = await socket(friend);
    const presence = recorder(sf, ['presence']);
    const w = await bridge(x);
    await presence.waitFor('presence', (p) => p.user_id === x.id && p.is_online);
    await new Promise<void>((resolve) => w.ws.once('ping', () => resolve()));
    const closed = new Promise<number>((resolve) => w.ws.once('close', (code) => resolve(code)));
    await api().put(`/api/v1/admin/users/${x.id}`, { status: 'banned' }, { token: admin.token });
    expect(await closed).toBe(1008);
    expect(await presence.waitFor('presence', (p) => p.user_id === x.id && !p.is_online)).toMatchObject({ last_seen: expect.any(String) });
  });
});
