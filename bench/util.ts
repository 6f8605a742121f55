// Shared helpers for the bench suites: free ports, the production server in its own process, a bench user.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface SuiteResult {
  /** Printed table lines. */
  lines: string[];
  /** Ratios against the issue targets. */
  /** Ratios against targets; `info` ones (not issue targets) print without ✓/✗. */
  checks: { name: string; value: number; target: number; higherIsBetter: boolean; unit?: string; info?: boolean }[];
  notes?: string[];
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface App {
  child: ChildProcess;
  url: string;
  dataDir: string;
  stop: () => Promise<void>;
}

/** The production server as `npm start` runs it (dist/server.mjs) on a fresh DATA_DIR, or on `dataDir`. */
export async function startApp(
  /** stderrFilter: the server's stderr lines to drop (say, what --inspect prints); the rest still show. */
  options: { databaseUrl?: string; dataDir?: string; stderrFilter?: RegExp } = {},
): Promise<App> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'talas-bench-'));
  // BENCH_SERVER: another bundle of server.ts, for engineers benchmarking their own build side by side.
  // BENCH_SERVER_PROFILE_DIR: a CPU profile of each app server's whole run (written when it stops).
  const profileDir = process.env.BENCH_SERVER_PROFILE_DIR;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn('node', [...profile, process.env.BENCH_SERVER ?? 'dist/server.mjs'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '8',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      AUTH_SECRET: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      DATABASE_URL: options.databaseUrl ?? '',
    },
    stdio: ['ignore', 'ignore', options.stderrFilter ? 'pipe' : 'inherit'],
  });
  const { stderrFilter } = options;
  if (stderrFilter) {
    createInterface({ input: child.stderr! }).on('line', (line) => {
      if (!stderrFilter.test(line)) process.stderr.write(`${line}\n`);
    });
  }
  /** Stops the server and removes its DATA_DIR. */
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  // Bounded, yet long enough for a fresh database's migrations on a machine busy with other work.
  for (let i = 0; i < 360; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return { child, url, dataDir, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error('server did not start within 180 s');
}

export async function json(url: string, init: RequestInit) {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  return (await res.json()) as { data: Record<string, unknown> };
}

/** Registers and logs in a bench user; returns its access token and id. */
export async function benchUser(appUrl: string): Promise<{ token: string; userId: number }> {
  await json(`${appUrl}/api/v1/auth/register`, {
    method: 'POST',
    body: JSON.stringify({ username: 'bench', email: 'bench@example.test', password: 'bench password' }),
  });
  const login = await json(`${appUrl}/api/v1/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: 'bench@example.test', password: 'bench password' }),
  });
  const token = login.data.access_token as string;
  if (!token) throw new Error(`login failed: ${JSON.stringify(login)}`);
  const me = await json(`${appUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  const user = (me.data.user ?? me.data) as { id: number };
  return { token, userId: Number(user.id) };
}
