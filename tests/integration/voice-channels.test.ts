import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatRoomMembers, chatRooms } from '@/db/schema/chat';
import { users } from '@/db/schema/users';
import { voiceChannelMembers, voiceChannels, voiceParticipants } from '@/db/schema/voice';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let admin: TestUser;
const api = () => apiClient(app);

const channelKeys = ['chat_room', 'created_at', 'created_by', 'current_users', 'description', 'id', 'is_private', 'max_users', 'name', 'updated_at'];

async function create(user: TestUser, body: Record<string, unknown>) {
  const res = await api().post('/api/v1/channels', body, { token: user.token });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.data as { id: number; name: string; chat_room: string; is_private: boolean };
}

/** Seats a user directly (moving their seat), as a join would; the signalling tests cover joins themselves. */
async function seat(user: TestUser, channelId: number) {
  await app.db
    .insert(voiceParticipants)
    .values({ userId: user.id, channelId, socketId: `s-${user.id}`, instanceId: 'test' })
    .onConflictDoUpdate({ target: voiceParticipants.userId, set: { channelId } });
}

beforeAll(async () => {
  app = await startTestApp();
  [alice, bob, carol, admin] = await Promise.all([createUser(app), createUser(app), createUser(app), createUser(app, { role: 'admin' })]);
});
afterAll(() => app?.close());

describe('POST /api/v1/channels', () => {
  it('creates a channel owned by the caller, with defaults and a bound chat room', async () => {
    const res = await api().post('/api/v1/channels', { name: '  Jam room  ' }, { token: alice.token });
    expect(res.status).toBe(201);
    const c = res.body.data;
    expect(Object.keys(c).sort()).toEqual(channelKeys);
    expect(c).toMatchObject({ name: 'Jam room', description: null, max_users: 10, is_private: false, current_users: 0, created_by: alice.id });
    expect(c.chat_room).toMatch(/^jam-room-[0-9a-f]{6}$/);
    const room = await api().get(`/api/v1/chat/rooms/${c.chat_room}`, { token: bob.token });
    expect(room.status).toBe(200);
    expect(room.body.data.is_private).toBe(false);
    const members = await app.db.select().from(voiceChannelMembers).where(eq(voiceChannelMembers.channelId, c.id));
    expect(members.map((m) => m.userId)).toEqual([alice.id]);
  });

  it('makes a private channel a private room that only its members see', async () => {
    const c = await create(alice, { name: 'Mixing session', description: 'EP notes', max_users: 2, is_private: true });
    expect(c).toMatchObject({ is_private: true, max_users: 2 });
    expect((await api().get(`/api/v1/chat/rooms/${c.chat_room}`, { token: alice.token })).status).toBe(200);
    expectError(await api().get(`/api/v1/chat/rooms/${c.chat_room}`, { token: bob.token }), 404, 'ROOM_NOT_FOUND');
  });

  it('gives rooms readable names even for names without letters', async () => {
    const c = await create(alice, { name: 'Été ✨ 2024!' });
    expect(c.chat_room).toMatch(/^ete-2024-[0-9a-f]{6}$/);
    const symbols = await create(alice, { name: '✨✨' });
    expect(symbols.chat_room).toMatch(/^voice-[0-9a-f]{6}$/);
  });

  it('refuses bad input with field details and creates nothing', async () => {
    const before = await app.db.select().from(voiceChannels);
    for (const [body, fields] of [
      [{}, ['name']],
      [{ name: '   ' }, ['name']],
      [{ name: 'x'.repeat(101) }, ['name']],
      [{ name: 'ok', max_users: 1 }, ['max_users']],
      [{ name: 'ok', max_users: 51 }, ['max_users']],
      [{ name: 'ok', max_users: 2.5 }, ['max_users']],
      [{ name: 'ok', max_users: '10' }, ['max_users']],
      [{ name: 'ok', is_private: 'yes' }, ['is_private']],
      [{ name: 'ok', description: 'x'.repeat(1001) }, ['description']],
      [{ name: 'ok', owner: 3 }, ['_']],
    ] as const) {
      expectError(await api().post('/api/v1/channels', body, { token: alice.token }), 400, 'INVALID_INPUT', [...fields]);
    }
    expectError(await api().post('/api/v1/channels', undefined, { token: alice.token, raw: '{bad', headers: { 'content-type': 'application/json' } }), 400, 'INVALID_INPUT');
    expectError(await api().post('/api/v1/channels', { name: 'anon' }), 401, 'UNAUTHORIZED');
    expect(await app.db.select().from(voiceChannels)).toHaveLength(before.length);
  });
});

describe('GET /api/v1/channels and /channels/:id', () => {
  let busy: { id: number }, priv: { id: number }, bobPriv: { id: number };

  beforeAll(async () => {
    await create(bob, { name: 'Zebra lounge' });
    busy = await create(bob, { name: 'Zebra busy', max_users: 5 });
    priv = await create(bob, { name: 'Zebra private', is_private: true });
    bobPriv = await create(bob, { name: 'Zebra secret', is_private: true });
    await app.db.insert(voiceChannelMembers).values({ channelId: priv.id, userId: carol.id });
    await seat(alice, busy.id);
    await seat(carol, busy.id);
    await seat(bob, priv.id);
  });

  const names = async (user: TestUser, qs = '') =>
    (await api().get(`/api/v1/channels?name=zebra&${qs}`, { token: user.token })).body.data.map((c: { name: string }) => c.name);

  it('lists public channels and the private ones the caller belongs to, sorted by name, paginated', async () => {
    const res = await api().get('/api/v1/channels?name=zebra', { token: carol.token });
    expect(res.status).toBe(200);
    expect(res.body.pagination).toEqual({ page: 1, limit: 50, total: 3, pages: 1, has_next: false, has_previous: false });
    expect(res.body.data.map((c: { name: string }) => c.name)).toEqual(['Zebra busy', 'Zebra lounge', 'Zebra private']);
    expect(res.body.data[0].current_users).toBe(2);
    expect(await names(alice)).toEqual(['Zebra busy', 'Zebra lounge']);
    expect(await names(bob)).toEqual(['Zebra busy', 'Zebra lounge', 'Zebra private', 'Zebra secret']);
    const page = await api().get('/api/v1/channels?name=zebra&limit=1&page=2', { token: carol.token });
    expect(page.body.data.map((c: { name: string }) => c.name)).toEqual(['Zebra lounge']);
    expect(page.body.pagination).toMatchObject({ page: 2, limit: 1, total: 3, has_next: true, has_previous: true });
  });

  it('shows admins every private channel', async () => {
    expect(await names(admin)).toEqual(['Zebra busy', 'Zebra lounge', 'Zebra private', 'Zebra secret']);
    expect((await api().get(`/api/v1/channels/${bobPriv.id}`, { token: admin.token })).status).toBe(200);
  });

  it('filters by name ignoring case and accents, by occupancy and by privacy', async () => {
    expect(await names(carol, 'name=ZÉBRA%20L')).toEqual(['Zebra lounge']);
    expect(await names(carol, 'min_users=1')).toEqual(['Zebra busy', 'Zebra private']);
    expect(await names(carol, 'min_users=2')).toEqual(['Zebra busy']);
    expect(await names(carol, 'max_users=0')).toEqual(['Zebra lounge']);
    expect(await names(carol, 'min_users=1&max_users=1')).toEqual(['Zebra private']);
    expect(await names(carol, 'include_private=false')).toEqual(['Zebra busy', 'Zebra lounge']);
    const wild = await api().get('/api/v1/channels?name=%25', { token: carol.token });
    expect(wild.body.data).toEqual([]);
  });

  it('refuses bad filters', async () => {
    for (const [qs, field] of [
      ['min_users=-1', 'min_users'],
      ['max_users=51', 'max_users'],
      ['min_users=two', 'min_users'],
      ['min_users=3&max_users=1', 'min_users'],
      ['include_private=maybe', 'include_private'],
    ]) {
      expectError(await api().get(`/api/v1/channels?${qs}`, { token: carol.token }), 400, 'INVALID_INPUT', [field!]);
    }
  });

  it('answers one channel with its occupancy; another user\'s private channel is 404 like a missing one', async () => {
    const res = await api().get(`/api/v1/channels/${busy.id}`, { token: carol.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: busy.id, current_users: 2, max_users: 5 });
    expectError(await api().get(`/api/v1/channels/${bobPriv.id}`, { token: carol.token }), 404, 'CHANNEL_NOT_FOUND');
    expectError(await api().get('/api/v1/channels/999999', { token: carol.token }), 404, 'CHANNEL_NOT_FOUND');
    expectError(await api().get('/api/v1/channels/abc', { token: carol.token }), 400, 'INVALID_INPUT', ['id']);
  });
});

describe('PUT /api/v1/channels/:id', () => {
  it('lets the owner change fields, clears the description with null', async () => {
    const c = await create(alice, { name: 'Before', description: 'old' });
    const res = await api().put(`/api/v1/channels/${c.id}`, { name: 'After', description: null, max_users: 20 }, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: 'After', description: null, max_users: 20 });
    expect(Date.parse(res.body.data.updated_at)).toBeGreaterThanOrEqual(Date.parse(res.body.data.created_at));
  });

  it('lets an admin change any channel and refuses other users', async () => {
    const c = await create(alice, { name: 'Owned', is_private: true });
    expect((await api().put(`/api/v1/channels/${c.id}`, { name: 'By admin' }, { token: admin.token })).body.data.name).toBe('By admin');
    expectError(await api().put(`/api/v1/channels/${c.id}`, { name: 'x' }, { token: bob.token }), 404, 'CHANNEL_NOT_FOUND');
    await app.db.insert(voiceChannelMembers).values({ channelId: c.id, userId: bob.id });
    expectError(await api().put(`/api/v1/channels/${c.id}`, { name: 'x' }, { token: bob.token }), 403, 'PERMISSION_DENIED');
  });

  it('refuses max_users below the people in the channel now, and bad input', async () => {
    const c = await create(alice, { name: 'Crowded', max_users: 5 });
    await seat(bob, c.id);
    await seat(carol, c.id);
    await seat(admin, c.id);
    expectError(await api().put(`/api/v1/channels/${c.id}`, { max_users: 2 }, { token: alice.token }), 409, 'INVALID_STATE');
    expect((await api().put(`/api/v1/channels/${c.id}`, { max_users: 3 }, { token: alice.token })).status).toBe(200);
    expectError(await api().put(`/api/v1/channels/${c.id}`, {}, { token: alice.token }), 400, 'INVALID_INPUT');
    expectError(await api().put(`/api/v1/channels/${c.id}`, { max_users: 60 }, { token: alice.token }), 400, 'INVALID_INPUT', ['max_users']);
    expectError(await api().put(`/api/v1/channels/${c.id}`, { name: '' }, { token: alice.token }), 400, 'INVALID_INPUT', ['name']);
    const [row] = await app.db.select().from(voiceChannels).where(eq(voiceChannels.id, c.id));
    expect(row!.maxUsers).toBe(3);
    await app.db.delete(voiceParticipants).where(eq(voiceParticipants.channelId, c.id));
  });

  it('making a channel private keeps the people in it as members and makes its room private to members', async () => {
    const c = await create(alice, { name: 'Going private' });
    // carol chats in the public room without being in the call.
    expect((await api().post(`/api/v1/chat/rooms/${c.chat_room}/members`, { user_id: carol.id }, { token: carol.token })).status).toBe(200);
    await seat(bob, c.id);
    const res = await api().put(`/api/v1/channels/${c.id}`, { is_private: true }, { token: alice.token });
    expect(res.body.data.is_private).toBe(true);
    expect((await api().get(`/api/v1/channels/${c.id}`, { token: bob.token })).status).toBe(200);
    expectError(await api().get(`/api/v1/channels/${c.id}`, { token: carol.token }), 404, 'CHANNEL_NOT_FOUND');
    const [room] = await app.db.select().from(chatRooms).where(eq(chatRooms.name, c.chat_room));
    expect(room!.isPrivate).toBe(true);
    const roomMembers = await app.db.select().from(chatRoomMembers).where(eq(chatRoomMembers.roomId, room!.id));
    expect(roomMembers.map((m) => m.userId).sort()).toEqual([alice.id, bob.id].sort());
    expectError(await api().get(`/api/v1/chat/rooms/${c.chat_room}`, { token: carol.token }), 404, 'ROOM_NOT_FOUND');
    await app.db.delete(voiceParticipants).where(eq(voiceParticipants.channelId, c.id));
  });
});

describe('DELETE /api/v1/channels/:id', () => {
  it('deletes the channel, its seats and its chat room (owner or admin only)', async () => {
    const c = await create(alice, { name: 'Short lived' });
    await seat(bob, c.id);
    expectError(await api().delete(`/api/v1/channels/${c.id}`, { token: bob.token }), 403, 'PERMISSION_DENIED');
    const res = await api().delete(`/api/v1/channels/${c.id}`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: null });
    expectError(await api().get(`/api/v1/channels/${c.id}`, { token: alice.token }), 404, 'CHANNEL_NOT_FOUND');
    expect(await app.db.select().from(voiceParticipants).where(eq(voiceParticipants.channelId, c.id))).toEqual([]);
    expect(await app.db.select().from(chatRooms).where(eq(chatRooms.name, c.chat_room))).toEqual([]);
    expectError(await api().delete(`/api/v1/channels/${c.id}`, { token: alice.token }), 404, 'CHANNEL_NOT_FOUND');

    const other = await create(bob, { name: 'Admin removes', is_private: true });
    expectError(await api().delete(`/api/v1/channels/${other.id}`, { token: alice.token }), 404, 'CHANNEL_NOT_FOUND');
    expect((await api().delete(`/api/v1/channels/${other.id}`, { token: admin.token })).status).toBe(200);
  });
});

describe('/api/v1/channels/:id/members', () => {
  it('lists, adds and removes members of a private channel, keeping its chat room in step', async () => {
    const c = await create(alice, { name: 'Band', is_private: true });
    const added = await api().post(`/api/v1/channels/${c.id}/members`, { user_id: bob.id }, { token: alice.token });
    expect(added.status).toBe(201);
    expect(added.body.data).toMatchObject({ user_id: bob.id, username: bob.username, is_owner: false, avatar: null });
    // Idempotent, and any member may add others.
    expect((await api().post(`/api/v1/channels/${c.id}/members`, { user_id: bob.id }, { token: alice.token })).status).toBe(201);
    expect((await api().post(`/api/v1/channels/${c.id}/members`, { user_id: carol.id }, { token: bob.token })).status).toBe(201);
    const list = await api().get(`/api/v1/channels/${c.id}/members`, { token: carol.token });
    expect(list.body.data.map((m: { user_id: number; is_owner: boolean }) => [m.user_id, m.is_owner])).toEqual([
      [alice.id, true],
      [bob.id, false],
      [carol.id, false],
    ]);
    expect((await api().get(`/api/v1/chat/rooms/${c.chat_room}`, { token: carol.token })).status).toBe(200);

    // The room's members are the channel's: they change there, never through the room.
    const dave = await createUser(app);
    expectError(await api().post(`/api/v1/chat/rooms/${c.chat_room}/members`, { user_id: dave.id }, { token: alice.token }), 409, 'INVALID_STATE');
    expectError(await api().delete(`/api/v1/chat/rooms/${c.chat_room}/members/me`, { token: bob.token }), 409, 'INVALID_STATE');
    expectError(await api().get(`/api/v1/chat/rooms/${c.chat_room}`, { token: dave.token }), 404, 'ROOM_NOT_FOUND');
    expect((await api().get(`/api/v1/chat/rooms/${c.chat_room}`, { token: bob.token })).body.data.member_count).toBe(3);

    // A member removed while in the call is taken out of it.
    await seat(carol, c.id);
    expectError(await api().delete(`/api/v1/channels/${c.id}/members/${carol.id}`, { token: bob.token }), 403, 'PERMISSION_DENIED');
    expect((await api().delete(`/api/v1/channels/${c.id}/members/${carol.id}`, { token: alice.token })).status).toBe(200);
    expect(await app.db.select().from(voiceParticipants).where(eq(voiceParticipants.userId, carol.id))).toEqual([]);
    expectError(await api().get(`/api/v1/channels/${c.id}`, { token: carol.token }), 404, 'CHANNEL_NOT_FOUND');
    expectError(await api().get(`/api/v1/chat/rooms/${c.chat_room}`, { token: carol.token }), 404, 'ROOM_NOT_FOUND');

    // A member leaves by themself; the owner stays.
    expect((await api().delete(`/api/v1/channels/${c.id}/members/${bob.id}`, { token: bob.token })).status).toBe(200);
    expectError(await api().delete(`/api/v1/channels/${c.id}/members/${bob.id}`, { token: alice.token }), 404, 'NOT_FOUND');
    expectError(await api().delete(`/api/v1/channels/${c.id}/members/${alice.id}`, { token: alice.token }), 409, 'INVALID_STATE');
  });

  it('refuses outsiders, public channels, unknown or banned users and bad input', async () => {
    const c = await create(alice, { name: 'Closed', is_private: true });
    expectError(await api().post(`/api/v1/channels/${c.id}/members`, { user_id: bob.id }, { token: bob.token }), 404, 'CHANNEL_NOT_FOUND');
    expectError(await api().get(`/api/v1/channels/${c.id}/members`, { token: bob.token }), 404, 'CHANNEL_NOT_FOUND');
    expect((await api().post(`/api/v1/channels/${c.id}/members`, { user_id: bob.id }, { token: admin.token })).status).toBe(201);
    expectError(await api().post(`/api/v1/channels/${c.id}/members`, { user_id: 999999 }, { token: alice.token }), 404, 'USER_NOT_FOUND');
    const banned = await createUser(app);
    await app.db.update(users).set({ status: 'banned' }).where(eq(users.id, banned.id));
    expectError(await api().post(`/api/v1/channels/${c.id}/members`, { user_id: banned.id }, { token: alice.token }), 404, 'USER_NOT_FOUND');
    expectError(await api().post(`/api/v1/channels/${c.id}/members`, { user_id: 'bob' }, { token: alice.token }), 400, 'INVALID_INPUT', ['user_id']);
    expectError(await api().delete(`/api/v1/channels/${c.id}/members/x`, { token: alice.token }), 400, 'INVALID_INPUT', ['user_id']);
    const open = await create(alice, { name: 'Open' });
    expectError(await api().post(`/api/v1/channels/${open.id}/members`, { user_id: bob.id }, { token: alice.token }), 409, 'INVALID_STATE');
  });
});
