import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatMessages } from '@/db/schema/chat';
import { users } from '@/db/schema/users';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { nextEvent, recorder, settle, socketClient } from '../helpers/realtime';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let ava: TestUser;
let leo: TestUser;
let mia: TestUser;
const sockets: Socket[] = [];
const api = () => apiClient(app);
let n = 0;

async function open(user: TestUser, options: Parameters<typeof socketClient>[2] = {}): Promise<Socket> {
  const socket = await socketClient(app.url, user.token, options);
  sockets.push(socket);
  return socket;
}

async function newRoom(owner: TestUser, members: TestUser[] = [], isPrivate = false): Promise<string> {
  const name = `sock-${process.pid}-${++n}`;
  const res = await api().post('/api/v1/chat/rooms', { name, is_private: isPrivate }, { token: owner.token });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  for (const m of members) await api().post(`/api/v1/chat/rooms/${name}/members`, { user_id: m.id }, { token: owner.token });
  return name;
}

beforeAll(async () => {
  // Presence changes at once here (no grace), so tests need not wait.
  app = await startTestApp({}, { presence: { graceMs: 0 } });
  [ava, leo, mia] = await Promise.all([createUser(app), createUser(app), createUser(app)]);
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});
afterAll(() => app?.close());

describe('join and message', () => {
  it('join acks the room and emits joined; the message is stored before its ack, which carries the id', async () => {
    const room = await newRoom(ava);
    const a = await open(ava);
    const joined = nextEvent(a, 'joined');
    const ack = await a.emitWithAck('join', { room });
    expect(ack).toMatchObject({ success: true, data: { name: room, is_member: true } });
    expect(await joined).toEqual({ room, status: 'ok' });

    const sent = await a.emitWithAck('message', { room, content: 'stored first', client_id: 'opt-1' });
    expect(sent).toEqual({
      success: true,
      data: expect.objectContaining({ id: expect.any(Number), room, from: ava.id, from_user: ava.id, username: ava.username, content: 'stored first', client_id: 'opt-1' }),
    });
    // The ack came after the commit: the row is there the moment we look.
    const [row] = await app.db.select().from(chatMessages).where(eq(chatMessages.id, sent.data.id));
    expect(row).toMatchObject({ content: 'stored first', userId: ava.id });
  });

  it('delivers to everyone who joined the room, sender included, exactly once', async () => {
    const room = await newRoom(ava);
    const [a, b, c] = [await open(ava), await open(leo), await open(mia)];
    await a.emitWithAck('join', { room });
    await b.emitWithAck('join', { room });
    const rb = recorder(b, ['message']);
    const ra = recorder(a, ['message']);
    const rc = recorder(c, ['message']);
    const ack = await a.emitWithAck('message', { room, content: 'hello room' });
    const got = await rb.waitFor('message', (m) => m.id === ack.data.id);
    expect(got).toEqual(expect.objectContaining({ id: ack.data.id, room, from: ava.id, username: ava.username, avatar: null, content: 'hello room', timestamp: ack.data.timestamp }));
    await ra.waitFor('message', (m) => m.id === ack.data.id);
    await settle(b);
    await settle(c);
    expect(rb.of('message')).toHaveLength(1);
    expect(rc.of('message')).toHaveLength(0); // mia never joined
  });

  it('a message sent over REST reaches sockets in the room', async () => {
    const room = await newRoom(ava);
    const b = await open(leo);
    await b.emitWithAck('join', { room });
    const got = nextEvent(b, 'message');
    const res = await api().post(`/api/v1/chat/rooms/${room}/messages`, { content: 'via http' }, { token: ava.token });
    expect(await got).toEqual(expect.objectContaining({ id: res.body.data.id, content: 'via http' }));
  });

  it('a retried client_id acks the same stored message and is not broadcast again', async () => {
    const room = await newRoom(ava);
    const [a, b] = [await open(ava), await open(leo)];
    await b.emitWithAck('join', { room });
    const rb = recorder(b, ['message']);
    const first = await a.emitWithAck('message', { room, content: 'retry me', client_id: 'r-1' });
    const second = await a.emitWithAck('message', { room, content: 'retry me', client_id: 'r-1' });
    expect(second).toEqual(first);
    await rb.waitFor('message', (m) => m.id === first.data.id);
    await settle(b);
    expect(rb.of('message')).toHaveLength(1);
    const rows = await app.db.select().from(chatMessages).where(and(eq(chatMessages.userId, ava.id), eq(chatMessages.clientId, 'r-1')));
    expect(rows).toHaveLength(1);
  });

  it('refuses bad payloads with INVALID_INPUT and stores nothing', async () => {
    const room = await newRoom(ava);
    const a = await open(ava);
    for (const payload of [{ room, content: '' }, { room, content: 'x'.repeat(4001) }, { room }, { room: 'Bad Room', content: 'x' }, 'nope']) {
      const ack = await a.emitWithAck('message', payload);
      expect(ack).toMatchObject({ success: false, error_code: 'INVALID_INPUT' });
    }
    const history = await a.emitWithAck('room_history', { room, limit: 10 });
    expect(history).toEqual({ success: true, data: { room, messages: [] } });
    expect(await a.emitWithAck('join', { room: 'no-such-room' })).toMatchObject({ success: false, error_code: 'ROOM_NOT_FOUND' });
  });

  it('leave stops live delivery for that socket', async () => {
    const room = await newRoom(ava);
    const b = await open(leo);
    await b.emitWithAck('join', { room });
    expect(await b.emitWithAck('leave', { room })).toEqual({ success: true, data: { room, status: 'ok' } });
    const rb = recorder(b, ['message']);
    await api().post(`/api/v1/chat/rooms/${room}/messages`, { content: 'not for you' }, { token: ava.token });
    await settle(b);
    expect(rb.of('message')).toHaveLength(0);
  });
});

describe('private rooms', () => {
  it('non-members cannot join, read or send; an invited member follows the room at once', async () => {
    const room = await newRoom(ava, [], true);
    const c = await open(mia);
    expect(await c.emitWithAck('join', { room })).toMatchObject({ success: false, error_code: 'ROOM_NOT_FOUND' });
    expect(await c.emitWithAck('room_history', { room, limit: 5 })).toMatchObject({ success: false, error_code: 'ROOM_NOT_FOUND' });
    expect(await c.emitWithAck('message', { room, content: 'hi' })).toMatchObject({ success: false, error_code: 'ROOM_NOT_FOUND' });
    expect(await c.emitWithAck('typing', { room })).toMatchObject({ success: false, error_code: 'ROOM_NOT_FOUND' });
    const rc = recorder(c, ['message', 'member_joined']);
    await api().post(`/api/v1/chat/rooms/${room}/messages`, { content: 'secret' }, { token: ava.token });

    await api().post(`/api/v1/chat/rooms/${room}/members`, { user_id: mia.id }, { token: ava.token });
    await rc.waitFor('member_joined', (p) => p.room === room && p.user_id === mia.id);
    const after = await api().post(`/api/v1/chat/rooms/${room}/messages`, { content: 'welcome' }, { token: ava.token });
    await rc.waitFor('message', (m) => m.id === after.body.data.id);
    expect(rc.of('message').map((m) => m.content)).toEqual(['welcome']);

    // Leaving over REST stops the live events on every tab.
    await api().delete(`/api/v1/chat/rooms/${room}/members/me`, { token: mia.token });
    await api().post(`/api/v1/chat/rooms/${room}/messages`, { content: 'gone' }, { token: ava.token });
    await settle(c);
    expect(rc.of('message').map((m) => m.content)).toEqual(['welcome']);
  });
});

describe('direct messages', () => {
  it('go to every tab of both users and never to a third user', async () => {
    const [a1, a2, b1, c1] = [await open(ava), await open(ava), await open(leo), await open(mia)];
    const recs = [a1, a2, b1, c1].map((s) => recorder(s, ['dm']));
    const ack = await a1.emitWithAck('dm', { to: leo.id, content: 'psst', client_id: 'dm-1' });
    expect(ack.data).toEqual(expect.objectContaining({ from: ava.id, to: leo.id, from_user: ava.id, to_user: leo.id, username: ava.username, content: 'psst', client_id: 'dm-1' }));
    for (const r of recs.slice(0, 3)) expect(await r.waitFor('dm', (m) => m.id === ack.data.id)).toMatchObject({ content: 'psst' });
    await settle(c1);
    expect(recs[3]!.of('dm')).toHaveLength(0);
    expect(await c1.emitWithAck('dm_history', { with: ava.id, limit: 50 })).toEqual({ success: true, data: { with: ava.id, messages: [] } });
    expect(await c1.emitWithAck('delete', { id: ack.data.id })).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
    const history = await b1.emitWithAck('dm_history', { with: ava.id, limit: 50 });
    expect(history.data.messages.map((m: any) => m.id)).toContain(ack.data.id);
  });

  it('refuses a DM to yourself and to missing users', async () => {
    const a = await open(ava);
    expect(await a.emitWithAck('dm', { to: ava.id, content: 'me' })).toMatchObject({ success: false, error_code: 'INVALID_INPUT' });
    expect(await a.emitWithAck('dm', { to: 999999, content: 'x' })).toMatchObject({ success: false, error_code: 'USER_NOT_FOUND' });
  });

  it('read receipts: the sender gets read {by, with, up_to}', async () => {
    const [x, y] = await Promise.all([createUser(app), createUser(app)]);
    const [sx, sy] = [await open(x), await open(y)];
    const m = await sx.emitWithAck('dm', { to: y.id, content: 'did you read this?' });
    const receipt = nextEvent(sx, 'read');
    expect(await sy.emitWithAck('read', { with: x.id })).toEqual({ success: true, data: { up_to: m.data.id, unread_count: 0 } });
    expect(await receipt).toEqual({ by: y.id, with: x.id, up_to: m.data.id });
  });
});

describe('typing', () => {
  it('reaches the room (not the typist’s tabs) and the DM partner, throttled', async () => {
    const room = await newRoom(ava, [leo]);
    const [a, a2, b] = [await open(ava), await open(ava), await open(leo)];
    for (const s of [a, a2, b]) await s.emitWithAck('join', { room });
    const rb = recorder(b, ['typing']);
    const ra2 = recorder(a2, ['typing']);
    expect(await a.emitWithAck('typing', { room })).toEqual({ success: true, data: null });
    expect(await rb.waitFor('typing')).toEqual({ room, from: ava.id, username: ava.username });
    await a.emitWithAck('typing', { room }); // within the interval: dropped
    await a.emitWithAck('typing', { to: leo.id });
    expect(await rb.waitFor('typing', (p) => p.room === undefined)).toEqual({ from: ava.id, username: ava.username });
    await settle(b);
    await settle(a2);
    expect(rb.of('typing')).toHaveLength(2);
    expect(ra2.of('typing')).toHaveLength(0);
  });
});

describe('edit and delete over sockets', () => {
  it('message_updated and message_deleted reach the room', async () => {
    const room = await newRoom(ava);
    const [a, b] = [await open(ava), await open(leo)];
    await b.emitWithAck('join', { room });
    const m = await a.emitWithAck('message', { room, content: 'draft' });
    const updated = nextEvent(b, 'message_updated');
    expect(await a.emitWithAck('edit', { id: m.data.id, content: 'final' })).toMatchObject({ success: true, data: { content: 'final' } });
    expect(await updated).toMatchObject({ id: m.data.id, content: 'final', edited_at: expect.any(String) });
    const deleted = nextEvent(b, 'message_deleted');
    await api().delete(`/api/v1/chat/messages/${m.data.id}`, { token: ava.token });
    expect(await deleted).toMatchObject({ id: m.data.id, deleted: true, content: '' });
  });
});

describe('presence', () => {
  it('online with the first socket, offline with last_seen after the last, only to users who share a room or conversation', async () => {
    const [x, friend, stranger] = await Promise.all([createUser(app), createUser(app), createUser(app)]);
    await api().post(`/api/v1/chat/dm/${x.id}`, { content: 'hi' }, { token: friend.token });
    const [sf, ss] = [await open(friend), await open(stranger)];
    const rf = recorder(sf, ['presence']);
    const rs = recorder(ss, ['presence']);

    const x1 = await open(x);
    expect(await rf.waitFor('presence', (p) => p.user_id === x.id)).toEqual({ user_id: x.id, is_online: true, last_seen: null });
    const x2 = await open(x);
    let list = (await api().get('/api/v1/chat/conversations', { token: friend.token })).body.data;
    expect(list.find((c: any) => c.user_id === x.id)).toMatchObject({ is_online: true });

    x1.disconnect();
    await settle(x2);
    x2.disconnect();
    const offline = await rf.waitFor('presence', (p) => p.user_id === x.id && !p.is_online);
    expect(offline).toEqual({ user_id: x.id, is_online: false, last_seen: expect.stringMatching(/Z$/) });
    expect(rf.of('presence').filter((p) => p.user_id === x.id)).toHaveLength(2); // the second tab changed nothing

    const [row] = await app.db.select({ lastSeenAt: users.lastSeenAt }).from(users).where(eq(users.id, x.id));
    expect(row!.lastSeenAt!.toISOString()).toBe(offline.last_seen);
    list = (await api().get('/api/v1/chat/conversations', { token: friend.token })).body.data;
    expect(list.find((c: any) => c.user_id === x.id)).toMatchObject({ is_online: false, last_seen: offline.last_seen });
    await settle(ss);
    expect(rs.of('presence')).toEqual([]);
  });
});

describe('limits', () => {
  it('rate-limits sends per socket with an error event and a failed ack, without disconnecting', async () => {
    const room = await newRoom(ava);
    const a = await open(ava);
    const errors = recorder(a, ['error']);
    const acks: any[] = [];
    for (let i = 0; i < 12; i++) acks.push(await a.emitWithAck('message', { room, content: `burst ${i}` }));
    expect(acks.slice(0, 10).every((x) => x.success)).toBe(true);
    expect(acks.slice(10)).toEqual([
      expect.objectContaining({ success: false, error_code: 'RATE_LIMITED' }),
      expect.objectContaining({ success: false, error_code: 'RATE_LIMITED' }),
    ]);
    expect(errors.of('error')).toEqual([
      { message: expect.any(String), code: 'RATE_LIMITED' },
      { message: expect.any(String), code: 'RATE_LIMITED' },
    ]);
    expect(a.connected).toBe(true);
    const stored = await a.emitWithAck('room_history', { room, limit: 50 });
    expect(stored.data.messages).toHaveLength(10);
    // Another socket has its own budget.
    const a2 = await open(ava);
    expect(await a2.emitWithAck('message', { room, content: 'other tab' })).toMatchObject({ success: true });
  });

  it('closes a connection that sends a frame over 64 KB', async () => {
    const a = await open(ava);
    const closed = nextEvent(a, 'disconnect');
    a.emit('message', { room: 'general', content: 'x'.repeat(70 * 1024) });
    expect(await closed).toBe('transport close');
  });
});

describe('recovery', () => {
  it('a dropped socket resumes its rooms and gets what it missed, once', async () => {
    const room = await newRoom(ava);
    const b = await open(leo, { reconnection: true, reconnectionDelay: 50, reconnectionDelayMax: 100 });
    await b.emitWithAck('join', { room });
    const rb = recorder(b, ['message']);
    await api().post(`/api/v1/chat/rooms/${room}/messages`, { content: 'before' }, { token: ava.token });
    await rb.waitFor('message', (m) => m.content === 'before');

    const reconnected = nextEvent(b, 'connect');
    const dropped = nextEvent(b, 'disconnect');
    b.io.engine.close();
    await dropped;
    const missed: number[] = [];
    for (const content of ['while away 1', 'while away 2']) {
      missed.push((await api().post(`/api/v1/chat/rooms/${room}/messages`, { content }, { token: ava.token })).body.data.id);
    }
    await reconnected;
    expect(b.recovered).toBe(true);
    await rb.waitFor('message', (m) => m.id === missed[1]);
    const after = (await api().post(`/api/v1/chat/rooms/${room}/messages`, { content: 'after' }, { token: ava.token })).body.data.id;
    await rb.waitFor('message', (m) => m.id === after);
    await settle(b);
    expect(rb.of('message').map((m) => m.content)).toEqual(['before', 'while away 1', 'while away 2', 'after']);
  });

  it('the since cursor fills a longer gap, without duplicates', async () => {
    const room = await newRoom(ava);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await api().post(`/api/v1/chat/rooms/${room}/messages`, { content: `m${i}` }, { token: ava.token })).body.data.id);
    const b = await open(leo);
    const gap = await b.emitWithAck('room_history', { room, since: ids[1], limit: 2 });
    expect(gap.data.messages.map((m: any) => m.content)).toEqual(['m2', 'm3']);
    const rest = await b.emitWithAck('room_history', { room, since: gap.data.messages[1].id, limit: 2 });
    expect(rest.data.messages.map((m: any) => m.content)).toEqual(['m4']);
  });
});
