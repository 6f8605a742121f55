import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
});
afterAll(() => app?.close());

describe('health', () => {
  it('GET /health – plain text OK', async () => {
    const res = await api.get('/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.body).toBe('OK');
  });

  it('GET /api/v1/health – database and realtime ok', async () => {
    const res = await api.get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({
      success: true,
      data: { status: 'ok', database: 'ok', realtime: 'ok', uptime_seconds: expect.any(Number), version: expect.any(String) },
    });
  });
});
