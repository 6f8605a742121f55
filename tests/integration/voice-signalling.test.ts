import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { voiceChannels, voiceParticipants } from '@/db/schema/voice';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { nextEvent, recorder, socketClient } from '../helpers/realtime';
import { startTestApp, type TestApp } from '../helpers/server';

const ICE = [{ urls: 'stun:stun.test.invalid:3478' }, { urls: 'turn:turn.test.invalid:3478', username: 'u', credential: 'secret' }];

let app: TestApp;
let ava: TestUser;
let leo: TestUser;
let mia: TestUser;
let sam: TestUser;
let admin: TestUser;
const sockets: Socket[] = [];
const api = () => apiClient(app);

async function open(user: TestUser, options: Parameters<typeof socketClient>[2] = {}): Promise<Socket> {
  const socket = await socketClient(app.url, user.token, options);
  sockets.push(socket);
  return socket;
}

async function channel(owner: TestUser, body: Record<string, unknown> = {}): Promise<number> {
  const res = await api().post('/api/v1/channels', { name: 'Signal test', ...body }, { token: owner.token });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.data.id;
}

const join = (socket: Socket, channelId: number) => socket.emitWithAck('voice:join', { channel_id: channelId });

async function joined(socket: Socket, channelId: number) {
  const ack = await join(socket, channelId);
  if (!ack.success) throw new Error(JSON.stringify(ack));
  return ack.data;
}

/** A round trip through the server: whatever it sent this socket before has arrived by then. */
const settle = (socket: Socket) => socket.emitWithAck('voice:unwatch', {});

const seatOf = async (userId: number) => (await app.db.select().from(voiceParticipants).where(eq(voiceParticipants.userId, userId)))[0];

beforeAll(async () => {
  app = await startTestApp({ ICE_SERVERS: JSON.stringify(ICE) });
  [ava, leo, mia, sam, admin] = await Promise.all([createUser(app), createUser(app), createUser(app), createUser(app), createUser(app, { role: 'admin' })]);
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});
afterAll(() => app?.close());

describe('voice:join', () => {
  it('seats the caller and answers everyone seated, itself included, with the ICE servers', async () => {
    const id = await channel(ava);
    const a = await open(ava);
    const first = await join(a, id);
    expect(first).toEqual({
      success: true,
      data: { channel_id: id, participants: [{ user_id: ava.id, username: ava.username, muted: false, deafened: false }], ice_servers: ICE },
    });
    const l = await open(leo);
    const seen = nextEvent(a, 'voice:user-joined');
    const second = await joined(l, id);
    expect(second.participants.map((p: { user_id: number }) => p.user_id)).toEqual([ava.id, leo.id]);
    expect(await seen).toEqual({ channel_id: id, user_id: leo.id, username: leo.username, muted: false, deafened: false });
    expect(await seatOf(leo.id)).toMatchObject({ channelId: id, socketId: l.id });
    const res = await api().get(`/api/v1/channels/${id}`, { token: ava.token });
    expect(res.body.data.current_users).toBe(2);
  });

  it('does not tell the joiner about itself, and joining again from the same socket changes nothing', async () => {
    const id = await channel(ava);
    const a = await open(ava);
    const rec = recorder(a, ['voice:user-joined', 'voice:user-left']);
    await joined(a, id);
    await a.emitWithAck('voice:state', { muted: true });
    const again = await joined(a, id);
    expect(again.participants).toEqual([{ user_id: ava.id, username: ava.username, muted: true, deafened: false }]);
    await settle(a);
    expect(rec.of('voice:user-joined')).toEqual([]);
    expect(rec.of('voice:user-left')).toEqual([]);
  });

  it('refuses missing and invisible channels, non-members of private ones, and bad payloads', async () => {
    const a = await open(ava);
    expect(await join(a, 999999)).toMatchObject({ success: false, error_code: 'CHANNEL_NOT_FOUND' });
    const hidden = await channel(leo, { is_private: true });
    expect(await join(a, hidden)).toMatchObject({ success: false, error_code: 'CHANNEL_NOT_FOUND' });
    const boss = await open(admin);
    expect(await join(boss, hidden)).toMatchObject({ success: false, error_code: 'PERMISSION_DENIED' });
    for (const payload of [{}, { channel_id: 'x' }, { channel_id: -1 }, { channel_id: 1, extra: true }, null]) {
      expect(await a.emitWithAck('voice:join', payload)).toMatchObject({ success: false, error_code: 'INVALID_INPUT' });
    }
    await api().post(`/api/v1/channels/${hidden}/members`, { user_id: ava.id }, { token: leo.token });
    expect(await join(a, hidden)).toMatchObject({ success: true });
  });

  it('answers CHANNEL_FULL when every seat is taken by others', async () => {
    const id = await channel(ava, { max_users: 2 });
    await joined(await open(ava), id);
    await joined(await open(leo), id);
    const m = await open(mia);
    expect(await join(m, id)).toMatchObject({ success: false, error_code: 'CHANNEL_FULL', error: expect.any(String) });
    expect(await seatOf(mia.id)).toBeUndefined();
  });

  it('gives the last seat to exactly one of two users racing for it, every time', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await channel(ava, { max_users: 2 });
      await joined(await open(ava), id);
      const [l, m] = await Promise.all([open(leo), open(mia)]);
      const acks = await Promise.all([join(l, id), join(m, id)]);
      const outcomes = acks.map((a) => (a.success ? 'seated' : a.error_code)).sort();
      expect(outcomes).toEqual(['CHANNEL_FULL', 'seated']);
      const seats = await app.db.select().from(voiceParticipants).where(eq(voiceParticipants.channelId, id));
      expect(seats).toHaveLength(2);
      for (const s of sockets.splice(0)) s.disconnect();
    }
  });

  it('counts joins and marks the session start when the channel fills from empty', async () => {
    const id = await channel(ava);
    const a = await open(ava);
    await joined(a, id);
    const l = await open(leo);
    await joined(l, id);
    await joined(await open(leo), id); // leo's second tab takes over his seat: not a new connection
    const [row] = await app.db.select().from(voiceChannels).where(eq(voiceChannels.id, id));
    expect(row!.totalConnections).toBe(2);
    expect(row!.occupiedSince).toBeInstanceOf(Date);
  });
});

describe('one seat per account', () => {
  it('a second tab takes the seat: the first tab is told it moved, the others see it leave and come back', async () => {
    const id = await channel(ava);
    const other = await open(leo);
    await joined(other, id);
    const tab1 = await open(ava);
    await joined(tab1, id);
    const tab1Events = recorder(tab1, ['voice:user-left', 'voice:user-joined']);
    const otherEvents = recorder(other, ['voice:user-left', 'voice:user-joined']);
    const tab2 = await open(ava);
    const ack = await joined(tab2, id);
    expect(ack.participants.map((p: { user_id: number }) => p.user_id)).toEqual([leo.id, ava.id]);

    expect(await tab1Events.waitFor('voice:user-left')).toEqual({ channel_id: id, user_id: ava.id, reason: 'moved' });
    expect(await otherEvents.waitFor('voice:user-left')).toEqual({ channel_id: id, user_id: ava.id, reason: 'moved' });
    expect(await otherEvents.waitFor('voice:user-joined')).toMatchObject({ channel_id: id, user_id: ava.id });
    expect(await seatOf(ava.id)).toMatchObject({ channelId: id, socketId: tab2.id });
    const seats = await app.db.select().from(voiceParticipants).where(eq(voiceParticipants.channelId, id));
    expect(seats).toHaveLength(2);

    // The old tab no longer hears the channel, and its disconnect does not free the seat.
    const oldHeard = recorder(tab1, ['voice:state']);
    await other.emitWithAck('voice:state', { speaking: true });
    await settle(tab1);
    expect(oldHeard.of('voice:state')).toEqual([]);
    const tab1Id = tab1.id!;
    tab1.disconnect();
    while (app.io.of('/').sockets.has(tab1Id)) await new Promise((r) => setTimeout(r, 10));
    expect(await seatOf(ava.id)).toMatchObject({ socketId: tab2.id });
    await tab2.emitWithAck('voice:leave', {});
    await otherEvents.waitFor('voice:user-left', (p) => p.reason === 'left');
    expect(otherEvents.of('voice:user-left').map((p) => p.reason)).toEqual(['moved', 'left']);
  });

  it('a second tab in another channel takes the seat there; the first channel sees the user move away', async () => {
    const first = await channel(ava);
    const second = await channel(ava);
    const watcher = await open(leo);
    await joined(watcher, first);
    const tab1 = await open(ava);
    await joined(tab1, first);
    const moved = nextEvent(tab1, 'voice:user-left');
    const seen = nextEvent(watcher, 'voice:user-left');
    await joined(await open(ava), second);
    expect(await moved).toEqual({ channel_id: first, user_id: ava.id, reason: 'moved' });
    expect(await seen).toEqual({ channel_id: first, user_id: ava.id, reason: 'moved' });
    expect(await seatOf(ava.id)).toMatchObject({ channelId: second });
  });

  it('joining another channel from the same socket leaves the first one', async () => {
    const first = await channel(ava);
    const second = await channel(ava);
    const watcher = await open(leo);
    await joined(watcher, first);
    const a = await open(ava);
    await joined(a, first);
    const mine = recorder(a, ['voice:user-left']);
    const seen = nextEvent(watcher, 'voice:user-left');
    await joined(a, second);
    expect(await seen).toEqual({ channel_id: first, user_id: ava.id, reason: 'left' });
    await settle(a);
    expect(mine.of('voice:user-left')).toEqual([]);
    expect(await seatOf(ava.id)).toMatchObject({ channelId: second, socketId: a.id });
  });
});

describe('voice:signal', () => {
  it('relays offers, answers and candidates between members of a channel, to the seated socket only, with from', async () => {
    const id = await channel(ava);
    const a = await open(ava);
    const l = await open(leo);
    const lOtherTab = await open(leo);
    await joined(a, id);
    await joined(l, id);
    const quiet = recorder(lOtherTab, ['voice:signal']);
    const description = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
    const got = nextEvent(l, 'voice:signal');
    expect(await a.emitWithAck('voice:signal', { to: leo.id, description })).toEqual({ success: true, data: null });
    expect(await got).toEqual({ channel_id: id, from: ava.id, description });

    const candidate = { candidate: 'candidate:1 1 udp 2122260223 192.168.1.2 54321 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'abcd' };
    const back = nextEvent(a, 'voice:signal');
    expect(await l.emitWithAck('voice:signal', { to: ava.id, candidate })).toMatchObject({ success: true });
    expect(await back).toEqual({ channel_id: id, from: leo.id, candidate });
    const end = nextEvent(a, 'voice:signal');
    await l.emitWithAck('voice:signal', { to: ava.id, candidate: { candidate: '' } });
    expect(await end).toEqual({ channel_id: id, from: leo.id, candidate: { candidate: '' } });

    await settle(lOtherTab);
    expect(quiet.of('voice:signal')).toEqual([]);
  });

  it('refuses a sender who is not seated, a target in another channel or nowhere, and a tab that lost the seat', async () => {
    const id = await channel(ava);
    const elsewhere = await channel(ava);
    const a = await open(ava);
    const l = await open(leo);
    const m = await open(mia);
    await joined(a, id);
    await joined(l, id);
    const offer = { type: 'offer', sdp: 'v=0\r\n' };
    const quiet = [recorder(a, ['voice:signal']), recorder(l, ['voice:signal'])];

    expect(await m.emitWithAck('voice:signal', { to: ava.id, description: offer })).toMatchObject({ success: false, error_code: 'PERMISSION_DENIED' });
    expect(await a.emitWithAck('voice:signal', { to: mia.id, description: offer })).toMatchObject({ success: false, error_code: 'PERMISSION_DENIED' });
    await joined(m, elsewhere);
    expect(await a.emitWithAck('voice:signal', { to: mia.id, description: offer })).toMatchObject({ success: false, error_code: 'PERMISSION_DENIED' });
    expect(await m.emitWithAck('voice:signal', { to: ava.id, description: offer })).toMatchObject({ success: false, error_code: 'PERMISSION_DENIED' });
    const avaTab2 = await open(ava);
    await joined(avaTab2, id);
    expect(await a.emitWithAck('voice:signal', { to: leo.id, description: offer })).toMatchObject({ success: false, error_code: 'PERMISSION_DENIED' });
    await settle(l);
    for (const r of quiet) expect(r.of('voice:signal')).toEqual([]);
  });

  it('validates the signal', async () => {
    const id = await channel(ava);
    const a = await open(ava);
    const l = await open(leo);
    await joined(a, id);
    await joined(l, id);
    const offer = { type: 'offer', sdp: 'v=0\r\n' };
    const candidate = { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host' };
    for (const [payload, field] of [
      [{ to: ava.id, description: offer }, 'to'],
      [{ to: leo.id }, 'description'],
      [{ to: leo.id, description: offer, candidate }, 'description'],
      [{ to: leo.id, description: { type: 'hello', sdp: 'x' } }, 'description.type'],
      [{ to: leo.id, description: { type: 'offer', sdp: '' } }, 'description.sdp'],
      [{ to: leo.id, description: { type: 'offer', sdp: 'x'.repeat(60_001) } }, 'description.sdp'],
      [{ to: leo.id, candidate: { candidate: 'not a candidate' } }, 'candidate.candidate'],
      [{ to: leo.id, candidate: { candidate: 'candidate:x', sdpMLineIndex: -1 } }, 'candidate.sdpMLineIndex'],
      [{ to: 'leo', description: offer }, 'to'],
    ] as const) {
      const ack = await a.emitWithAck('voice:signal', payload);
      expect(ack, JSON.stringify(payload).slice(0, 80)).toMatchObject({ success: false, error_code: 'INVALID_INPUT' });
      expect(ack.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    // A rollback carries no SDP.
    expect(await a.emitWithAck('voice:signal', { to: leo.id, description: { type: 'rollback' } })).toMatchObject({ success: true });
  });

  it('refuses a flood with RATE_LIMITED instead of relaying it', async () => {
    const id = await channel(ava);
    const a = await open(ava);
    const l = await open(leo);
    await joined(a, id);
    await joined(l, id);
    const heard = recorder(l, ['voice:signal']);
    const candidate = { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host' };
    const acks = await Promise.all(Array.from({ length: 1000 }, () => a.emitWithAck('voice:signal', { to: leo.id, candidate })));
    const relayed = acks.filter((x) => x.success).length;
    expect(new Set(acks.filter((x) => !x.success).map((x) => x.error_code))).toEqual(new Set(['RATE_LIMITED']));
    expect(relayed).toBeLessThan(1000);
    await settle(l);
    expect(heard.of('voice:signal')).toHaveLength(relayed);
  });
});

describe('voice:state', () => {
  it('broadcasts mute, deafen and speaking to the others and keeps mute and deafen for later joiners', async () => {
    const id = await channel(ava);
    const a = await open(ava);
    const l = await open(leo);
    await joined(a, id);
    await joined(l, id);
    const mine = recorder(a, ['voice:state']);
    const seen = nextEvent(l, 'voice:state');
    expect(await a.emitWithAck('voice:state', { muted: true, speaking: false })).toEqual({ success: true, data: { muted: true, deafened: false } });
    expect(await seen).toEqual({ channel_id: id, user_id: ava.id, muted: true, deafened: false, speaking: false });
    const speaking = nextEvent(l, 'voice:state');
    await a.emitWithAck('voice:state', { speaking: true });
    expect(await speaking).toEqual({ channel_id: id, user_id: ava.id, muted: true, deafened: false, speaking: true });
    const deaf = nextEvent(l, 'voice:state');
    await a.emitWithAck('voice:state', { deafened: true });
    expect(await deaf).toEqual({ channel_id: id, user_id: ava.id, muted: true, deafened: true });
    await settle(a);
    expect(mine.of('voice:state')).toEqual([]);

    const later = await joined(await open(mia), id);
    expect(later.participants.find((p: { user_id: number }) => p.user_id === ava.id)).toMatchObject({ muted: true, deafened: true });
  });

  it('refuses a socket without a seat and bad payloads', async () => {
    const m = await open(mia);
    expect(await m.emitWithAck('voice:state', { muted: true })).toMatchObject({ success: false, error_code: 'PERMISSION_DENIED' });
    for (const payload of [{}, { muted: 'yes' }, { volume: 3 }]) {
      expect(await m.emitWithAck('voice:state', payload)).toMatchObject({ success: false, error_code: 'INVALID_INPUT' });
    }
  });
});

describe('leaving', () => {
  it('voice:leave frees the seat and tells the others', async () => {
    const id = await channel(ava);
    const a = await open(ava);
    const l = await open(leo);
    await joined(a, id);
    await joined(l, id);
    const seen = nextEvent(l, 'voice:user-left');
    expect(await a.emitWithAck('voice:leave', {})).toEqual({ success: true, data: { channel_id: id } });
    expect(await seen).toEqual({ channel_id: id, user_id: ava.id, reason: 'left' });
    expect(await seatOf(ava.id)).toBeUndefined();
    expect(await a.emitWithAck('voice:leave', {})).toEqual({ success: true, data: { channel_id: null } });
    // Leaving a channel one is not in leaves the current one alone.
    await joined(a, id);
    expect(await a.emitWithAck('voice:leave', { channel_id: id + 1000 })).toEqual({ success: true, data: { channel_id: null } });
    expect(await seatOf(ava.id)).toMatchObject({ channelId: id });
  });

  it('disconnecting leaves: the others see it and the seat is free for someone else', async () => {
    const id = await channel(ava, { max_users: 2 });
    const a = await open(ava);
    const l = await open(leo);
    await joined(a, id);
    await joined(l, id);
    const m = await open(mia);
    expect(await join(m, id)).toMatchObject({ error_code: 'CHANNEL_FULL' });
    const seen = nextEvent(l, 'voice:user-left');
    a.disconnect();
    expect(await seen).toEqual({ channel_id: id, user_id: ava.id, reason: 'disconnected' });
    expect(await join(m, id)).toMatchObject({ success: true });
  });

  it('a connection that drops and resumes has lost its seat and stops hearing the channel until it joins again', async () => {
    const id = await channel(ava);
    const a = await open(ava, { reconnection: true, reconnectionDelay: 50, reconnectionDelayMax: 50 });
    const l = await open(leo);
    await joined(a, id);
    await joined(l, id);
    const seen = nextEvent(l, 'voice:user-left');
    const back = nextEvent(a, 'connect');
    a.io.engine.close();
    expect(await seen).toEqual({ channel_id: id, user_id: ava.id, reason: 'disconnected' });
    await back;
    expect(a.recovered).toBe(true);
    const heard = recorder(a, ['voice:state']);
    await l.emitWithAck('voice:state', { muted: true });
    await settle(a);
    expect(heard.of('voice:state')).toEqual([]);
    const rejoined = nextEvent(l, 'voice:user-joined');
    await joined(a, id);
    expect(await rejoined).toMatchObject({ user_id: ava.id });
  });

  it('deleting a channel takes everyone out of it', async () => {
    const id = await channel(ava);
    const a = await open(ava);
    const l = await open(leo);
    await joined(a, id);
    await joined(l, id);
    const outA = recorder(a, ['voice:user-left']);
    const outL = recorder(l, ['voice:user-left']);
    expect((await api().delete(`/api/v1/channels/${id}`, { token: ava.token })).status).toBe(200);
    for (const r of [outA, outL]) {
      await r.waitFor('voice:user-left', (p) => p.user_id === ava.id);
      await r.waitFor('voice:user-left', (p) => p.user_id === leo.id);
      expect(r.of('voice:user-left').every((p) => p.reason === 'channel_deleted' && p.channel_id === id)).toBe(true);
    }
    expect(await seatOf(ava.id)).toBeUndefined();
  });

  it('removing a member of a private channel takes them out of it', async () => {
    const id = await channel(ava, { is_private: true });
    await api().post(`/api/v1/channels/${id}/members`, { user_id: sam.id }, { token: ava.token });
    const a = await open(ava);
    const s = await open(sam);
    await joined(a, id);
    await joined(s, id);
    const out = nextEvent(s, 'voice:user-left');
    const seen = nextEvent(a, 'voice:user-left');
    expect((await api().delete(`/api/v1/channels/${id}/members/${sam.id}`, { token: ava.token })).status).toBe(200);
    expect(await out).toEqual({ channel_id: id, user_id: sam.id, reason: 'removed' });
    expect(await seen).toEqual({ channel_id: id, user_id: sam.id, reason: 'removed' });
    expect(await seatOf(sam.id)).toBeUndefined();
    // The removed member no longer hears the private channel.
    const heard = recorder(s, ['voice:state']);
    await a.emitWithAck('voice:state', { muted: true });
    await settle(s);
    expect(heard.of('voice:state')).toEqual([]);
    expect(await join(s, id)).toMatchObject({ error_code: 'CHANNEL_NOT_FOUND' });
  });

  it('a removed member who is not in the call is told too, on every tab, and nobody else is', async () => {
    const id = await channel(ava, { is_private: true });
    await api().post(`/api/v1/channels/${id}/members`, { user_id: sam.id }, { token: ava.token });
    const [tab1, tab2, owner] = [await open(sam), await open(sam), await open(ava)];
    const others = recorder(owner, ['voice:user-left']);
    const told = [nextEvent(tab1, 'voice:user-left'), nextEvent(tab2, 'voice:user-left')];
    expect((await api().delete(`/api/v1/channels/${id}/members/${sam.id}`, { token: ava.token })).status).toBe(200);
    for (const event of told) expect(await event).toEqual({ channel_id: id, user_id: sam.id, reason: 'removed' });
    await settle(owner);
    expect(others.of('voice:user-left')).toEqual([]);
  });
});

describe('occupancy', () => {
  it('tells watchers of the lobby how many people are in public channels, and members about private ones', async () => {
    const pub = await channel(ava);
    const priv = await channel(ava, { is_private: true });
    const watcher = await open(mia);
    expect(await watcher.emitWithAck('voice:watch', {})).toEqual({ success: true, data: null });
    const owner = await open(ava);
    const seen = nextEvent(watcher, 'voice:occupancy', (p) => p.channel_id === pub);
    await joined(await open(leo), pub);
    expect(await seen).toEqual({ channel_id: pub, current_users: 1 });
    const privSeen = nextEvent(owner, 'voice:occupancy', (p) => p.channel_id === priv);
    const heard = recorder(watcher, ['voice:occupancy']);
    await joined(owner, priv);
    expect(await privSeen).toEqual({ channel_id: priv, current_users: 1 });
    await settle(watcher);
    expect(heard.of('voice:occupancy').filter((p) => p.channel_id === priv)).toEqual([]);
  });

  it('limits joins and leaves per connection', async () => {
    const id = await channel(ava);
    const a = await open(ava);
    const acks = [];
    for (let i = 0; i < 12; i++) acks.push(await a.emitWithAck(i % 2 ? 'voice:leave' : 'voice:join', i % 2 ? {} : { channel_id: id }));
    expect(acks.filter((x) => !x.success).map((x) => x.error_code)).toContain('RATE_LIMITED');
  });
});
