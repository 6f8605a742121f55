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

  it('GET /api/v1/health – 503 with the error envelope and details when the database is down', async () => {
    await app.handle.close();
    const res = await api.get('/api/v1/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      success: false,
      error_code: 'SERVICE_UNAVAILABLE',
      timestamp: expect.any(Number),
      data: { status: 'degraded', database: 'down', realtime: 'ok' },
    });
    // Liveness does not depend on the database.
    expect((await api.get('/health')).status).toBe(200);
  });
});
