// npm run bench – speed targets measured, not asserted in tests. Needs `npm run build` first.
// Starts the production server (dist/server.mjs) on a fresh embedded database in its own process and a
// bare node:http server answering the same JSON, then loads both from this process (loopback only,
// bounded in time) and prints the ratios. Later domains add their benchmarks here.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format, load } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = 16;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The production server as `npm start` runs it, logging at its default level (info). */
async function startApp(): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = spawn('node', ['dist/server.mjs'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'talas-bench-')),
      SEED_DEMO: 'false',
      AUTH_SECRET: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      // BENCH_DATABASE_URL measures the same paths on PostgreSQL (a fresh, empty database).
      DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return { child, url };
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start within 60 s');
}

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

async function json(url: string, init: RequestInit) {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  return (await res.json()) as { data: Record<string, unknown> };
}

const app = await startApp();
try {
  // The baseline runs in this process's event loop alongside the load generator, as a bare server
  // would: it flatters the baseline slightly, never the app.
  const baseline = await startBaseline();
  const bare = await load(`${baseline.url}/`, { seconds: SECONDS, concurrency: CONCURRENCY });
  baseline.close();

  await json(`${app.url}/api/v1/auth/register`, {
    method: 'POST',
    body: JSON.stringify({ username: 'bench', email: 'bench@example.test', password: 'bench password' }),
  });
  const login = await json(`${app.url}/api/v1/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: 'bench@example.test', password: 'bench password' }),
  });
  const token = login.data.access_token as string;

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

  console.log(`\nHTTP (${CONCURRENCY} concurrent clients, ${SECONDS} s each, loopback, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`);
  console.log(format('bare node:http JSON (baseline)', bare));
  console.log(format('GET /api/v1/health (db ping)', health));
  console.log(format('GET /api/v1/auth/me (JWT + user)', me));
  console.log(format('POST /api/v1/auth/login (argon2id)', loginLoad));
  console.log('\nratios to the bare baseline (STACK-NOTES floor for a trivial Next handler: ~0.05)');
  console.log(`  health ${(health.rps / bare.rps).toFixed(3)}   auth/me ${(me.rps / bare.rps).toFixed(3)}`);
} finally {
  app.child.kill('SIGTERM');
}
