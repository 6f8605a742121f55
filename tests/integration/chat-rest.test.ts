import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatConversations, chatMessages } from '@/db/schema/chat';
import { users } from '@/db/schema/users';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let ava: TestUser;
let leo: TestUser;
let mia: TestUser;
let mod: TestUser;
const api = () => apiClient(app);
let n = 0;
const roomName = (prefix = 'room') => `${prefix}-${process.pid}-${++n}`;

async function newRoom(owner: TestUser, body: Record<string, unknown> = {}) {
  const res = await api().post('/api/v1/chat/rooms', { name: roomName(), ...body }, { token: owner.token });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.data;
}

async function say(user: TestUser, room: string, content: string, client_id?: string) {
  return api().post(`/api/v1/chat/rooms/${room}/messages`, { content, ...(client_id ? { client_id } : {}) }, { token: user.token });
}

beforeAll(async () => {
  app = await startTestApp();
  [ava, leo, mia, mod] = await Promise.all([createUser(app), createUser(app), createUser(app), createUser(app, { role: 'moderator' })]);
});
afterAll(() => app?.close());

describe('rooms', () => {
  it('POST /api/v1/chat/rooms – creates a room with its creator as member', async () => {
    const name = roomName('gear');
    const res = await api().post('/api/v1/chat/rooms', { name, description: 'Pedals and amps' }, { token: ava.token });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      id: expect.any(Number),
      name,
      description: 'Pedals and amps',
      is_private: false,
      member_count: 1,
      created_by: ava.id,
      created_at: expect.stringMatching(/Z$/),
      is_member: true,
      unread_count: 0,
      last_activity: res.body.data.created_at,
    });
  });

  it('POST /api/v1/chat/rooms – 409 ROOM_EXISTS on a taken name, public or private', async () => {
    const room = await newRoom(ava, { is_private: true });
    expectError(await api().post('/api/v1/chat/rooms', { name: room.name }, { token: leo.token }), 409, 'ROOM_EXISTS');
  });

  it('POST /api/v1/chat/rooms – 400 on bad names and fields, and nothing is created', async () => {
    for (const name of ['A-upper', '-dash', 'x', 'a'.repeat(101), 'has space', 'émoji']) {
      expectError(await api().post('/api/v1/chat/rooms', { name }, { token: ava.token }), 400, 'INVALID_INPUT', ['name']);
    }
    expectError(await api().post('/api/v1/chat/rooms', { name: roomName(), is_private: 'yes' }, { token: ava.token }), 400, 'INVALID_INPUT', ['is_private']);
    expectError(await api().post('/api/v1/chat/rooms', { name: roomName(), extra: 1 }, { token: ava.token }), 400, 'INVALID_INPUT');
    expectError(await api().post('/api/v1/chat/rooms', { name: roomName() }), 401, 'UNAUTHORIZED');
  });

  it('GET /api/v1/chat/rooms – public rooms and only the private rooms the caller is in', async () => {
    const pub = await newRoom(ava);
    const priv = await newRoom(ava, { is_private: true });
    const ofAva = await api().get('/api/v1/chat/rooms?limit=100', { token: ava.token });
    const ofLeo = await api().get('/api/v1/chat/rooms?limit=100', { token: leo.token });
    expect(ofAva.body.data.map((r: any) => r.name)).toEqual(expect.arrayContaining([pub.name, priv.name]));
    expect(ofLeo.body.data.map((r: any) => r.name)).toContain(pub.name);
    expect(ofLeo.body.data.map((r: any) => r.name)).not.toContain(priv.name);
    expect(ofLeo.body.pagination).toMatchObject({ page: 1, limit: 100 });
    const mine = await api().get(`/api/v1/chat/rooms?member=true&q=${pub.name}`, { token: leo.token });
    expect(mine.body.data).toEqual([]);
    const joinable = await api().get(`/api/v1/chat/rooms?member=false&q=${pub.name}`, { token: leo.token });
    expect(joinable.body.data.map((r: any) => r.name)).toEqual([pub.name]);
  });

  it('GET /api/v1/chat/rooms/:room – 404 ROOM_NOT_FOUND for a private room of others, even for a moderator', async () => {
    const priv = await newRoom(ava, { is_private: true });
    expect((await api().get(`/api/v1/chat/rooms/${priv.name}`, { token: ava.token })).body.data.name).toBe(priv.name);
    const missing = await api().get('/api/v1/chat/rooms/no-such-room', { token: leo.token });
    expectError(missing, 404, 'ROOM_NOT_FOUND');
    for (const user of [leo, mod]) {
      const hidden = await api().get(`/api/v1/chat/rooms/${priv.name}`, { token: user.token });
      expectError(hidden, 404, 'ROOM_NOT_FOUND');
      expect(hidden.body.error).toBe(missing.body.error);
      expectError(await api().get(`/api/v1/chat/rooms/${priv.name}/messages`, { token: user.token }), 404, 'ROOM_NOT_FOUND');
      expectError(await say(user, priv.name, 'let me in'), 404, 'ROOM_NOT_FOUND');
      expectError(await api().post(`/api/v1/chat/rooms/${priv.name}/members`, { user_id: user.id }, { token: user.token }), 404, 'ROOM_NOT_FOUND');
    }
    expectError(await api().get('/api/v1/chat/rooms/Bad%20Name', { token: leo.token }), 400, 'INVALID_INPUT', ['room']);
  });

  it('POST /api/v1/chat/rooms/:room/members – members invite; the invitee then sees the private room', async () => {
    const priv = await newRoom(ava, { is_private: true });
    const res = await api().post(`/api/v1/chat/rooms/${priv.name}/members`, { user_id: leo.id }, { token: ava.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: priv.name, member_count: 2 });
    expect((await api().post(`/api/v1/chat/rooms/${priv.name}/members`, { user_id: leo.id }, { token: ava.token })).body.data.member_count).toBe(2);
    expect((await api().get(`/api/v1/chat/rooms/${priv.name}`, { token: leo.token })).body.data).toMatchObject({ is_member: true });
    // Now a member, leo may invite too.
    expect((await api().post(`/api/v1/chat/rooms/${priv.name}/members`, { user_id: mia.id }, { token: leo.token })).body.data.member_count).toBe(3);
    expectError(await api().post(`/api/v1/chat/rooms/${priv.name}/members`, { user_id: 999999 }, { token: ava.token }), 404, 'USER_NOT_FOUND');
    expectError(await api().post(`/api/v1/chat/rooms/${priv.name}/members`, { user_id: 'x' }, { token: ava.token }), 400, 'INVALID_INPUT', ['user_id']);
  });

  it('POST /api/v1/chat/rooms/:room/members – non-members join public rooms themselves but cannot invite', async () => {
    const pub = await newRoom(ava);
    expectError(await api().post(`/api/v1/chat/rooms/${pub.name}/members`, { user_id: mia.id }, { token: leo.token }), 403, 'PERMISSION_DENIED');
    const joined = await api().post(`/api/v1/chat/rooms/${pub.name}/members`, { user_id: leo.id }, { token: leo.token });
    expect(joined.body.data).toMatchObject({ is_member: true, member_count: 2 });
  });

  it('POST /api/v1/chat/rooms/:room/members – a banned user cannot be invited', async () => {
    const pub = await newRoom(ava);
    const banned = await createUser(app);
    await app.db.update(users).set({ status: 'banned' }).where(eq(users.id, banned.id));
    expectError(await api().post(`/api/v1/chat/rooms/${pub.name}/members`, { user_id: banned.id }, { token: ava.token }), 404, 'USER_NOT_FOUND');
  });

  it('DELETE /api/v1/chat/rooms/:room/members/me – leaves; a private room then disappears for the leaver', async () => {
    const priv = await newRoom(ava, { is_private: true });
    await api().post(`/api/v1/chat/rooms/${priv.name}/members`, { user_id: leo.id }, { token: ava.token });
    const res = await api().delete(`/api/v1/chat/rooms/${priv.name}/members/me`, { token: leo.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: null });
    expectError(await api().get(`/api/v1/chat/rooms/${priv.name}`, { token: leo.token }), 404, 'ROOM_NOT_FOUND');
    expectError(await api().delete(`/api/v1/chat/rooms/${priv.name}/members/me`, { token: leo.token }), 404, 'ROOM_NOT_FOUND');
    expect((await api().get(`/api/v1/chat/rooms/${priv.name}`, { token: ava.token })).body.data.member_count).toBe(1);
  });
});

describe('room messages', () => {
  it('POST /api/v1/chat/rooms/:room/messages – stores plain text and answers the message', async () => {
    const room = await newRoom(ava);
    const res = await say(ava, room.name, '  <b>hi</b> & welcome  ');
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      id: expect.any(Number),
      room: room.name,
      from_user: ava.id,
      from: ava.id,
      username: ava.username,
      avatar: null,
      content: '<b>hi</b> & welcome',
      timestamp: expect.stringMatching(/Z$/),
      edited_at: null,
      deleted: false,
    });
    const history = await api().get(`/api/v1/chat/rooms/${room.name}/messages`, { token: leo.token });
    expect(history.body.data).toEqual([res.body.data]);
  });

  it('POST /api/v1/chat/rooms/:room/messages – 400 on empty, blank or over-4000-character content; nothing stored', async () => {
    const room = await newRoom(ava);
    for (const content of ['', '   ', 'x'.repeat(4001), 42, null]) {
      expectError(await say(ava, room.name, content as string), 400, 'INVALID_INPUT', ['content']);
    }
    expect((await say(ava, room.name, 'x'.repeat(4000))).status).toBe(201);
    const history = await api().get(`/api/v1/chat/rooms/${room.name}/messages`, { token: ava.token });
    expect(history.body.data).toHaveLength(1);
    expectError(await api().call('POST', `/api/v1/chat/rooms/${room.name}/messages`, undefined, { token: ava.token, raw: '{bad', headers: { 'content-type': 'application/json' } }), 400, 'INVALID_INPUT');
  });

  it('POST /api/v1/chat/rooms/:room/messages – a retried client_id answers the stored message, no duplicate', async () => {
    const room = await newRoom(ava);
    const first = await say(ava, room.name, 'once', 'c-1');
    const again = await say(ava, room.name, 'once', 'c-1');
    expect(again.body.data).toEqual(first.body.data);
    expect(first.body.data.client_id).toBe('c-1');
    const both = await Promise.all([say(ava, room.name, 'race', 'c-2'), say(ava, room.name, 'race', 'c-2')]);
    expect(both[0].body.data.id).toBe(both[1].body.data.id);
    const history = await api().get(`/api/v1/chat/rooms/${room.name}/messages`, { token: ava.token });
    expect(history.body.data.map((m: any) => m.content)).toEqual(['once', 'race']);
    // Another user may use the same client_id; the same user may not reuse it elsewhere.
    expect((await say(leo, room.name, 'mine', 'c-1')).status).toBe(201);
    const other = await newRoom(ava);
    expectError(await say(ava, other.name, 'elsewhere', 'c-1'), 409, 'CONFLICT');
  });

  it('sending to a public room makes the sender a member', async () => {
    const room = await newRoom(ava);
    await say(leo, room.name, 'hello');
    expect((await api().get(`/api/v1/chat/rooms/${room.name}`, { token: leo.token })).body.data).toMatchObject({ is_member: true, member_count: 2 });
  });

  it('GET /api/v1/chat/rooms/:room/messages – pages by id (before) and by cursor (since), oldest first', async () => {
    const room = await newRoom(ava);
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push((await say(ava, room.name, `m${i}`)).body.data.id);
    const get = async (q: string) => (await api().get(`/api/v1/chat/rooms/${room.name}/messages?${q}`, { token: leo.token })).body.data.map((m: any) => m.content);
    expect(await get('limit=3')).toEqual(['m4', 'm5', 'm6']);
    expect(await get(`limit=3&before=${ids[4]}`)).toEqual(['m1', 'm2', 'm3']);
    expect(await get(`limit=3&before=${ids[1]}`)).toEqual(['m0']);
    expect(await get(`limit=3&since=${ids[1]}`)).toEqual(['m2', 'm3', 'm4']);
    expect(await get(`limit=3&after=${ids[4]}`)).toEqual(['m5', 'm6']);
    expect(await get(`since=${ids[6]}`)).toEqual([]);
    expect(await get('limit=100000')).toHaveLength(7); // clamped, not refused
    const [row] = await app.db.select().from(chatMessages).where(eq(chatMessages.id, ids[3]!));
    await app.db.update(chatMessages).set({ createdAt: new Date(row!.createdAt.getTime() + 60_000) }).where(eq(chatMessages.id, ids[5]!));
    await app.db.update(chatMessages).set({ createdAt: new Date(row!.createdAt.getTime() + 60_000) }).where(eq(chatMessages.id, ids[6]!));
    expect(await get(`limit=50&before=${new Date(row!.createdAt.getTime() + 30_000).toISOString()}`)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expectError(await api().get(`/api/v1/chat/rooms/${room.name}/messages?before=yesterday`, { token: leo.token }), 400, 'INVALID_INPUT', ['before']);
    expectError(await api().get(`/api/v1/chat/rooms/${room.name}/messages?before=3&since=1`, { token: leo.token }), 400, 'INVALID_INPUT', ['before']);
  });

  it('GET /api/v1/chat/rooms/:room/messages – paging backwards stays exact while messages arrive', async () => {
    const room = await newRoom(ava);
    for (let i = 0; i < 10; i++) await say(ava, room.name, `old${i}`);
    const seen: string[] = [];
    let page = (await api().get(`/api/v1/chat/rooms/${room.name}/messages?limit=4`, { token: leo.token })).body.data;
    const writers = Promise.all(Array.from({ length: 10 }, (_, i) => say(leo, room.name, `new${i}`)));
    while (page.length > 0) {
      seen.unshift(...page.map((m: any) => m.content));
      page = (await api().get(`/api/v1/chat/rooms/${room.name}/messages?limit=4&before=${page[0].id}`, { token: leo.token })).body.data;
    }
    await writers;
    expect(seen.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `old${i}`));
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('edit and delete', () => {
  it('PATCH /api/v1/chat/messages/:id – the author edits; others get 403, outsiders 404', async () => {
    const priv = await newRoom(ava, { is_private: true });
    await api().post(`/api/v1/chat/rooms/${priv.name}/members`, { user_id: leo.id }, { token: ava.token });
    const msg = (await say(ava, priv.name, 'tpyo')).body.data;
    const res = await api().patch(`/api/v1/chat/messages/${msg.id}`, { content: 'typo fixed' }, { token: ava.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: msg.id, content: 'typo fixed', edited_at: expect.stringMatching(/Z$/) });
    expectError(await api().patch(`/api/v1/chat/messages/${msg.id}`, { content: 'mine now' }, { token: leo.token }), 403, 'PERMISSION_DENIED');
    expectError(await api().patch(`/api/v1/chat/messages/${msg.id}`, { content: 'mine now' }, { token: mia.token }), 404, 'NOT_FOUND');
    expectError(await api().patch(`/api/v1/chat/messages/${msg.id}`, { content: '' }, { token: ava.token }), 400, 'INVALID_INPUT', ['content']);
    expectError(await api().patch('/api/v1/chat/messages/999999', { content: 'x' }, { token: ava.token }), 404, 'NOT_FOUND');
  });

  it('DELETE /api/v1/chat/messages/:id – a soft delete that keeps the message in history, blank', async () => {
    const room = await newRoom(ava);
    const a = (await say(ava, room.name, 'first')).body.data;
    const b = (await say(ava, room.name, 'oops')).body.data;
    const c = (await say(ava, room.name, 'third')).body.data;
    expectError(await api().delete(`/api/v1/chat/messages/${b.id}`, { token: leo.token }), 403, 'PERMISSION_DENIED');
    const res = await api().delete(`/api/v1/chat/messages/${b.id}`, { token: ava.token });
    expect(res.body.data).toMatchObject({ id: b.id, deleted: true, content: '' });
    expect((await api().delete(`/api/v1/chat/messages/${b.id}`, { token: ava.token })).body.data).toMatchObject({ deleted: true });
    const history = (await api().get(`/api/v1/chat/rooms/${room.name}/messages`, { token: leo.token })).body.data;
    expect(history.map((m: any) => [m.id, m.content, m.deleted])).toEqual([
      [a.id, 'first', false],
      [b.id, '', true],
      [c.id, 'third', false],
    ]);
    const [row] = await app.db.select().from(chatMessages).where(eq(chatMessages.id, b.id));
    expect(row).toMatchObject({ content: '', deletedBy: ava.id });
    expectError(await api().patch(`/api/v1/chat/messages/${b.id}`, { content: 'back' }, { token: ava.token }), 409, 'INVALID_STATE');
  });

  it('DELETE /api/v1/chat/messages/:id – moderators delete room messages, not DMs they cannot see', async () => {
    const room = await newRoom(ava);
    const msg = (await say(leo, room.name, 'spam')).body.data;
    expect((await api().delete(`/api/v1/chat/messages/${msg.id}`, { token: mod.token })).body.data).toMatchObject({ deleted: true });
    const dm = (await api().post(`/api/v1/chat/dm/${mia.id}`, { content: 'private' }, { token: leo.token })).body.data;
    expectError(await api().delete(`/api/v1/chat/messages/${dm.id}`, { token: mod.token }), 404, 'NOT_FOUND');
    expectError(await api().delete(`/api/v1/chat/messages/${dm.id}`, { token: mia.token }), 403, 'PERMISSION_DENIED');
  });
});

describe('direct messages', () => {
  it('POST /api/v1/chat/dm/:user_id – stores the DM and the conversation in step', async () => {
    const [a, b] = await Promise.all([createUser(app), createUser(app)]);
    const res = await api().post(`/api/v1/chat/dm/${b.id}`, { content: 'hey there' }, { token: a.token });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      id: expect.any(Number),
      from_user: a.id,
      to_user: b.id,
      from: a.id,
      to: b.id,
      username: a.username,
      avatar: null,
      content: 'hey there',
      timestamp: expect.stringMatching(/Z$/),
      edited_at: null,
      read_at: null,
      deleted: false,
    });
    const [conv] = await app.db.select().from(chatConversations).where(eq(chatConversations.lastMessageId, res.body.data.id));
    expect(conv).toMatchObject({ userLow: Math.min(a.id, b.id), userHigh: Math.max(a.id, b.id) });
  });

  it('POST /api/v1/chat/dm/:user_id – 400 to yourself, 404 USER_NOT_FOUND to a missing or banned user', async () => {
    expectError(await api().post(`/api/v1/chat/dm/${ava.id}`, { content: 'me' }, { token: ava.token }), 400, 'INVALID_INPUT', ['user_id']);
    expectError(await api().post('/api/v1/chat/dm/999999', { content: 'hello?' }, { token: ava.token }), 404, 'USER_NOT_FOUND');
    const banned = await createUser(app);
    await app.db.update(users).set({ status: 'banned' }).where(eq(users.id, banned.id));
    expectError(await api().post(`/api/v1/chat/dm/${banned.id}`, { content: 'hello?' }, { token: ava.token }), 404, 'USER_NOT_FOUND');
    expectError(await api().get(`/api/v1/chat/dm/${banned.id}`, { token: ava.token }), 404, 'USER_NOT_FOUND');
    expectError(await api().post('/api/v1/chat/dm/abc', { content: 'x' }, { token: ava.token }), 400, 'INVALID_INPUT', ['user_id']);
  });

  it('GET /api/v1/chat/dm/:user_id – both directions, oldest first, only between the two users', async () => {
    const [a, b, c] = await Promise.all([createUser(app), createUser(app), createUser(app)]);
    await api().post(`/api/v1/chat/dm/${b.id}`, { content: 'a→b 1' }, { token: a.token });
    await api().post(`/api/v1/chat/dm/${a.id}`, { content: 'b→a' }, { token: b.token });
    await api().post(`/api/v1/chat/dm/${c.id}`, { content: 'a→c' }, { token: a.token });
    await api().post(`/api/v1/chat/dm/${b.id}`, { content: 'a→b 2' }, { token: a.token });
    const ofA = (await api().get(`/api/v1/chat/dm/${b.id}`, { token: a.token })).body.data.map((m: any) => m.content);
    const ofB = (await api().get(`/api/v1/chat/dm/${a.id}`, { token: b.token })).body.data.map((m: any) => m.content);
    expect(ofA).toEqual(['a→b 1', 'b→a', 'a→b 2']);
    expect(ofB).toEqual(ofA);
    expect((await api().get(`/api/v1/chat/dm/${b.id}?limit=2`, { token: a.token })).body.data.map((m: any) => m.content)).toEqual(['b→a', 'a→b 2']);
    // A third user sees none of it: their conversation with a holds only a→c.
    expect((await api().get(`/api/v1/chat/dm/${a.id}`, { token: c.token })).body.data.map((m: any) => m.content)).toEqual(['a→c']);
  });

  it('POST /api/v1/chat/dm/:user_id/read and GET /api/v1/chat/conversations – unread counts, last message, latest first', async () => {
    const [a, b, c] = await Promise.all([createUser(app), createUser(app), createUser(app)]);
    await api().post(`/api/v1/chat/dm/${a.id}`, { content: 'from b 1' }, { token: b.token });
    const b2 = (await api().post(`/api/v1/chat/dm/${a.id}`, { content: 'from b 2' }, { token: b.token })).body.data;
    await api().post(`/api/v1/chat/dm/${a.id}`, { content: 'from c' }, { token: c.token });
    let list = (await api().get('/api/v1/chat/conversations', { token: a.token })).body;
    expect(list.pagination).toMatchObject({ total: 2 });
    expect(list.data.map((x: any) => [x.user_id, x.unread_count])).toEqual([
      [c.id, 1],
      [b.id, 2],
    ]);
    expect(list.data[1]).toEqual({
      user_id: b.id,
      username: b.username,
      first_name: null,
      last_name: null,
      avatar: null,
      last_message: expect.objectContaining({ id: b2.id, content: 'from b 2', from_user: b.id, to_user: a.id }),
      last_activity: expect.stringMatching(/Z$/),
      unread_count: 2,
      is_online: false,
      last_seen: null,
    });

    const partial = await api().post(`/api/v1/chat/dm/${b.id}/read`, { up_to: b2.id - 1 }, { token: a.token });
    expect(partial.body.data).toEqual({ up_to: b2.id - 1, unread_count: 1 });
    const all = await api().post(`/api/v1/chat/dm/${b.id}/read`, undefined, { token: a.token });
    expect(all.body.data).toEqual({ up_to: b2.id, unread_count: 0 });
    const history = (await api().get(`/api/v1/chat/dm/${a.id}`, { token: b.token })).body.data;
    expect(history.every((m: any) => typeof m.read_at === 'string')).toBe(true);

    await api().post(`/api/v1/chat/dm/${b.id}`, { content: 'reply' }, { token: a.token });
    list = (await api().get('/api/v1/chat/conversations', { token: a.token })).body;
    expect(list.data.map((x: any) => [x.user_id, x.unread_count, x.last_message.content])).toEqual([
      [b.id, 0, 'reply'],
      [c.id, 1, 'from c'],
    ]);
    expectError(await api().post(`/api/v1/chat/dm/${b.id}/read`, { up_to: 'x' }, { token: a.token }), 400, 'INVALID_INPUT', ['up_to']);
  });

  it('GET /api/v1/chat/conversations – leaves out banned users and shows deleted last messages blank', async () => {
    const [a, b, c] = await Promise.all([createUser(app), createUser(app), createUser(app)]);
    const m = (await api().post(`/api/v1/chat/dm/${b.id}`, { content: 'regret' }, { token: a.token })).body.data;
    await api().delete(`/api/v1/chat/messages/${m.id}`, { token: a.token });
    await api().post(`/api/v1/chat/dm/${c.id}`, { content: 'hi' }, { token: a.token });
    await app.db.update(users).set({ status: 'banned' }).where(eq(users.id, c.id));
    const list = (await api().get('/api/v1/chat/conversations', { token: a.token })).body.data;
    expect(list).toHaveLength(1);
    expect(list[0].last_message).toMatchObject({ id: m.id, content: '', deleted: true });
    // DMs are private: the recipient cannot edit, a stranger cannot see.
    expectError(await api().patch(`/api/v1/chat/messages/${m.id}`, { content: 'x' }, { token: b.token }), 403, 'PERMISSION_DENIED');
  });
});

describe('room read state', () => {
  it('POST /api/v1/chat/rooms/:room/read – unread counts count others’ messages after the mark', async () => {
    const room = await newRoom(ava);
    await api().post(`/api/v1/chat/rooms/${room.name}/members`, { user_id: leo.id }, { token: leo.token });
    await say(ava, room.name, 'one');
    const two = (await say(ava, room.name, 'two')).body.data;
    await say(leo, room.name, 'mine does not count');
    const get = async () => (await api().get(`/api/v1/chat/rooms/${room.name}`, { token: leo.token })).body.data.unread_count;
    // Leo's own message moved his mark past ava's.
    expect(await get()).toBe(0);
    await say(ava, room.name, 'three');
    await say(ava, room.name, 'four');
    expect(await get()).toBe(2);
    expect((await api().post(`/api/v1/chat/rooms/${room.name}/read`, {}, { token: leo.token })).body.data).toEqual({ up_to: expect.any(Number), unread_count: 0 });
    // The mark never moves back.
    expect((await api().post(`/api/v1/chat/rooms/${room.name}/read`, { up_to: two.id }, { token: leo.token })).body.data.unread_count).toBe(0);
    expect((await api().get(`/api/v1/chat/rooms/${room.name}`, { token: ava.token })).body.data.unread_count).toBe(0);
    expectError(await api().post(`/api/v1/chat/rooms/${room.name}/read`, {}, { token: mia.token }), 403, 'PERMISSION_DENIED');
  });

  it('a new member starts with nothing unread', async () => {
    const room = await newRoom(ava);
    await say(ava, room.name, 'before you came');
    const joined = await api().post(`/api/v1/chat/rooms/${room.name}/members`, { user_id: mia.id }, { token: mia.token });
    expect(joined.body.data.unread_count).toBe(0);
  });
});

describe('OpenAPI', () => {
  it('documents every chat endpoint', async () => {
    const doc = (await api().get('/api/v1/openapi.json')).body;
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/chat'));
    expect(paths.sort()).toEqual(
      [
        '/api/v1/chat/conversations',
        '/api/v1/chat/dm/{user_id}',
        '/api/v1/chat/dm/{user_id}/read',
        '/api/v1/chat/messages/{id}',
        '/api/v1/chat/rooms',
        '/api/v1/chat/rooms/{room}',
        '/api/v1/chat/rooms/{room}/members',
        '/api/v1/chat/rooms/{room}/members/me',
        '/api/v1/chat/rooms/{room}/messages',
        '/api/v1/chat/rooms/{room}/read',
      ].sort(),
    );
  });
});
