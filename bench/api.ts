// API suite: the production server vs a bare node:http server answering the same JSON.
import { createServer } from 'node:http';
import { format, load } from './load';
import { benchUser, startApp, type SuiteResult } from './util';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONCURRENCY = 16;

function startBaseline(): Promise<{ close: () => void; url: string }> {
  const body = JSON.stringify({ success: true, data: { status: 'ok', database: 'ok', realtime: 'ok', uptime_seconds: 1, version: '0.1.0' } });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() }),
    ),
  );
}

export async function runApi(): Promise<SuiteResult> {
  // BENCH_DATABASE_URL measures the same paths on PostgreSQL (a fresh, empty database).
  const app = await startApp({ databaseUrl: process.env.BENCH_DATABASE_URL });
  try {
    // The baseline runs in this process's event loop alongside the load generator: it flatters the
    // baseline slightly, never the app.
    const baseline = await startBaseline();
    const bare = await load(`${baseline.url}/`, { seconds: SECONDS, concurrency: CONCURRENCY });
    baseline.close();

    const { token } = await benchUser(app.url);
    await load(`${app.url}/api/v1/health`, { seconds: 2, concurrency: CONCURRENCY }); // warm-up
    const health = await load(`${app.url}/api/v1/health`, { seconds: SECONDS, concurrency: CONCURRENCY });
    const me = await load(`${app.url}/api/v1/auth/me`, {
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      headers: { authorization: `Bearer ${token}` },
    });
    const loginLoad = await load(`${app.url}/api/v1/auth/login`, {
      seconds: SECONDS,
      concurrency: 4,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.test', password: 'bench password' }),
    });
    return {
      lines: [
        `HTTP (${CONCURRENCY} concurrent clients, ${SECONDS} s each, loopback, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`,
        format('bare node:http JSON (baseline)', bare),
        format('GET /api/v1/health (db ping)', health),
        format('GET /api/v1/auth/me (JWT + user)', me),
        format('POST /api/v1/auth/login (argon2id)', loginLoad),
      ],
      // STACK-NOTES floor for a trivial Next handler against a bare server: ~0.05.
      checks: [
        { name: 'health / bare (STACK-NOTES floor)', value: health.rps / bare.rps, target: 0.05, higherIsBetter: true, info: true },
        { name: 'auth/me / bare (STACK-NOTES floor)', value: me.rps / bare.rps, target: 0.05, higherIsBetter: true, info: true },
      ],
    };
  } finally {
    await app.stop();
  }
}
