import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSettings } from '@/db/schema/voice';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { socketClient } from '../helpers/realtime';
import { startTestApp, type TestApp } from '../helpers/server';

const ENV_ICE = [{ urls: 'stun:stun.env.invalid:3478' }];

let app: TestApp;
let user: TestUser;
let admin: TestUser;
const api = () => apiClient(app);

const defaults = {
  sample_rate: 48000,
  channels: 1,
  bit_depth: 16,
  buffer_size: 256,
  latency_target_ms: 50,
  codec: 'opus',
  bitrate_kbps: 32,
  dtx: true,
  music_mode: { channels: 2, bitrate_kbps: 128, dtx: false },
  ice_servers: ENV_ICE,
  is_default: true,
  updated_at: null,
};

beforeAll(async () => {
  app = await startTestApp({ ICE_SERVERS: JSON.stringify(ENV_ICE) });
  [user, admin] = await Promise.all([createUser(app), createUser(app, { role: 'admin' })]);
});
afterAll(() => app?.close());

describe('GET /api/v1/audio/config', () => {
  it('answers the defaults, with the ICE servers of ICE_SERVERS, to any signed-in user', async () => {
    const res = await api().get('/api/v1/audio/config', { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(defaults);
    expectError(await api().get('/api/v1/audio/config'), 401, 'UNAUTHORIZED');
  });
});

describe('PUT /api/v1/admin/audio/config and POST /api/v1/admin/audio/config/reset', () => {
  it('changes only the fields given, music mode field by field, and keeps earlier changes', async () => {
    const turn = { urls: ['turn:turn.example.test:3478?transport=udp'], username: 'talas', credential: 's3cret' };
    let res = await api().put('/api/v1/admin/audio/config', { sample_rate: 44100, music_mode: { bitrate_kbps: 256 } }, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ sample_rate: 44100, music_mode: { channels: 2, bitrate_kbps: 256, dtx: false }, is_default: false, ice_servers: ENV_ICE });
    expect(Date.parse(res.body.data.updated_at)).not.toBeNaN();
    res = await api().put('/api/v1/admin/audio/config', { ice_servers: [turn], latency_target_ms: 30, music_mode: { dtx: true } }, { token: admin.token });
    expect(res.body.data).toMatchObject({
      sample_rate: 44100,
      latency_target_ms: 30,
      ice_servers: [turn],
      music_mode: { channels: 2, bitrate_kbps: 256, dtx: true },
    });
    expect((await api().get('/api/v1/audio/config', { token: user.token })).body.data).toEqual(res.body.data);

    // Calls joined afterwards get the new ICE servers.
    const owner = await api().post('/api/v1/channels', { name: 'Config' }, { token: user.token });
    const socket = await socketClient(app.url, user.token);
    const ack = await socket.emitWithAck('voice:join', { channel_id: owner.body.data.id });
    socket.disconnect();
    expect(ack.data.ice_servers).toEqual([turn]);

    res = await api().post('/api/v1/admin/audio/config/reset', undefined, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(defaults);
    expect(await app.db.select().from(appSettings)).toEqual([]);
  });

  it('refuses invalid values with field details and changes nothing', async () => {
    await api().put('/api/v1/admin/audio/config', { bit_depth: 24 }, { token: admin.token });
    for (const [body, field] of [
      [{ sample_rate: 12345 }, 'sample_rate'],
      [{ channels: 3 }, 'channels'],
      [{ bit_depth: 8 }, 'bit_depth'],
      [{ buffer_size: 300 }, 'buffer_size'],
      [{ latency_target_ms: 5 }, 'latency_target_ms'],
      [{ latency_target_ms: 'low' }, 'latency_target_ms'],
      [{ codec: 'aac' }, 'codec'],
      [{ bitrate_kbps: 1000 }, 'bitrate_kbps'],
      [{ music_mode: { channels: 0 } }, 'music_mode.channels'],
      [{ music_mode: { reverb: true } }, 'music_mode'],
      [{ ice_servers: [{ urls: 'http://stun.example.test' }] }, 'ice_servers.0.urls'],
      [{ ice_servers: [{ urls: 'turn:turn.example.test' }] }, 'ice_servers.0.credential'],
      [{ ice_servers: 'stun:x' }, 'ice_servers'],
      [{ volume: 11 }, '_'],
      [{}, '_'],
    ] as const) {
      const res = await api().put('/api/v1/admin/audio/config', body, { token: admin.token });
      expectError(res, 400, 'INVALID_INPUT');
      expect(res.body.details.map((d: { field: string }) => d.field), JSON.stringify(body)).toContain(field);
    }
    const res = await api().get('/api/v1/audio/config', { token: user.token });
    expect(res.body.data).toEqual({ ...defaults, bit_depth: 24, is_default: false, updated_at: expect.any(String) });
    await api().post('/api/v1/admin/audio/config/reset', undefined, { token: admin.token });
  });

  it('is for admins only', async () => {
    const mod = await createUser(app, { role: 'moderator' });
    expectError(await api().put('/api/v1/admin/audio/config', { sample_rate: 44100 }, { token: user.token }), 403, 'PERMISSION_DENIED');
    expectError(await api().put('/api/v1/admin/audio/config', { sample_rate: 44100 }, { token: mod.token }), 403, 'PERMISSION_DENIED');
    expectError(await api().post('/api/v1/admin/audio/config/reset', undefined, { token: user.token }), 403, 'PERMISSION_DENIED');
    expectError(await api().put('/api/v1/admin/audio/config', { sample_rate: 44100 }), 401, 'UNAUTHORIZED');
    expect((await api().get('/api/v1/audio/config', { token: user.token })).body.data.is_default).toBe(true);
  });
});
