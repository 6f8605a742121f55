import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';
import { iceServersSchema } from '@/lib/voice/ice-servers';

const base = () => ({ DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'talas-env-')), AUTH_SECRET: 'x'.repeat(40) });

describe('ICE_SERVERS', () => {
  it('defaults to no servers, never to public ones', () => {
    expect(parseEnv(base()).ICE_SERVERS).toEqual([]);
    expect(parseEnv({ ...base(), ICE_SERVERS: '' }).ICE_SERVERS).toEqual([]);
  });

  it('takes a JSON array of RTCIceServer with TURN credentials', () => {
    const servers = [
      { urls: 'stun:stun.example.test:3478' },
      { urls: ['turn:turn.example.test:3478?transport=udp', 'turns:turn.example.test:5349'], username: 'u', credential: 'p' },
    ];
    expect(parseEnv({ ...base(), ICE_SERVERS: JSON.stringify(servers) }).ICE_SERVERS).toEqual(servers);
  });

  it.each([
    ['not JSON', 'ICE_SERVERS: must be a JSON array'],
    ['{"urls":"stun:x"}', 'ICE_SERVERS'],
    ['[{"urls":"http://x"}]', 'ICE_SERVERS.0.urls'],
    ['[{"urls":"turn:x"}]', 'ICE_SERVERS.0.credential: TURN servers need username and credential'],
    ['[{"urls":"stun:x","extra":1}]', 'ICE_SERVERS.0'],
  ])('refuses %s, naming the variable and never echoing its value', (value, message) => {
    const attempt = () => parseEnv({ ...base(), ICE_SERVERS: value });
    expect(attempt).toThrow(EnvError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (err) {
      expect((err as Error).message).not.toContain('"urls"');
    }
  });

  it('keeps the list short enough for a browser configuration', () => {
    expect(iceServersSchema.safeParse(Array.from({ length: 21 }, () => ({ urls: 'stun:x' }))).success).toBe(false);
    expect(iceServersSchema.safeParse([{ urls: [] }]).success).toBe(false);
  });
});
