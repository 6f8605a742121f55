// Streaming suite: GET /api/v1/tracks/:id/audio vs nginx (sendfile) serving the same bytes, side by side:
// same client, same concurrency, same duration. (a) whole file with `Range: bytes=0-` in MB/s,
// (b) seeks: 64 KiB ranges at random offsets in req/s. Targets (issue 4): ≥ 0.7× and ≥ 0.4× nginx.
// Each measurement runs in ROUNDS short slices that alternate between the servers, so a load that
// drifts (the machine is shared) weighs on every side alike; each server's CPU time per request is
// read from /proc as well, which contention does not distort the way it distorts throughput.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { synthesizeWav } from '../lib/audio/synth';
import { type LoadResult, load } from './load';
import { benchUser, freePort, startApp, type SuiteResult } from './util';

const SECONDS = Number(process.env.BENCH_STREAM_SECONDS ?? 6);
const ROUNDS = Math.max(1, Number(process.env.BENCH_STREAM_ROUNDS ?? 3));
const CONCURRENCY = 8;
const SEEK_BYTES = 64 * 1024;

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux; NaN elsewhere). On a
 * shared machine, CPU per request says what a server costs even when its throughput is squeezed.
 */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/** Several runs of one load as one: totals, and percentiles over all their latencies. */
function mergeLoads(runs: LoadResult[]): LoadResult {
  const seconds = runs.reduce((t, r) => t + (r.rps > 0 ? r.requests / r.rps : 0), 0);
  const latencies = runs.flatMap((r) => r.latencies ?? []).sort((a, b) => a - b);
  const at = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]! : NaN);
  const requests = runs.reduce((t, r) => t + r.requests, 0);
  const bytes = runs.reduce((t, r) => t + r.bytes, 0);
  return {
    requests,
    errors: runs.reduce((t, r) => t + r.errors, 0),
    rps: seconds > 0 ? requests / seconds : 0,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    bytes,
    mbps: seconds > 0 ? bytes / 1e6 / seconds : 0,
    latencies,
  };
}

function hasNginx(): boolean {
  return spawnSync('nginx', ['-v'], { stdio: 'ignore' }).status === 0;
}

/** nginx from Debian when missing: installed only when running as root (said so), else skipped. */
function ensureNginx(notes: string[]): boolean {
  if (hasNginx()) return true;
  if (process.getuid?.() !== 0) {
    notes.push('nginx is missing: install it (`sudo apt-get install -y nginx`) to run this suite; skipped');
    return false;
  }
  console.log('nginx is missing; running as root, installing it: apt-get install -y nginx');
  let r = spawnSync('apt-get', ['install', '-y', 'nginx'], { stdio: 'ignore', timeout: 180_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore', timeout: 120_000 });
    r = spawnSync('apt-get', ['install', '-y', 'nginx'], { stdio: 'ignore', timeout: 180_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!hasNginx()) notes.push('nginx could not be installed (apt-get install -y nginx failed); skipped');
  return hasNginx();
}

/**
 * One nginx process, two servers over the same root: `sendfile on; tcp_nopush on;` (the configuration
 * the issue names) and the same with `tcp_nopush off`. With a keep-alive client, tcp_nopush (TCP_CORK)
 * holds the tail of a small range until the peer's delayed ACK (~40 ms per request), so seeks are
 * compared against whichever nginx is faster: the ratio is never flattered by a stalled baseline.
 */
async function startNginx(
  dir: string,
  root: string,
): Promise<{ child: ChildProcess; url: string; urlNoPush: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const portNoPush = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${dir}/tmp-body;
  proxy_temp_path ${dir}/tmp-proxy;
  fastcgi_temp_path ${dir}/tmp-fastcgi;
  uwsgi_temp_path ${dir}/tmp-uwsgi;
  scgi_temp_path ${dir}/tmp-scgi;
  types { audio/wav wav; }
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
  server {
    listen 127.0.0.1:${portNoPush};
    tcp_nopush off;
    root ${root};
  }
}
`,
  );
  const child = spawn('nginx', ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}); see ${dir}/error.log`);
    const ok = await fetch(`${url}/track.wav`, { method: 'HEAD' }).then((r) => r.ok, () => false);
    if (ok) return { child, url, urlNoPush: `http://127.0.0.1:${portNoPush}`, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error('nginx did not start within 5 s');
}

interface Side {
  name: string;
  url: string;
  headers: Record<string, string> | (() => Record<string, string>);
  /** The server process, for its CPU time. */
  pid: number | undefined;
}

interface Measured {
  load: LoadResult;
  /** Server CPU milliseconds per request. */
  cpuMs: number;
}

/** SECONDS of load on each side, in ROUNDS slices taken in turn (the order reversed every other round). */
async function sideBySide(sides: Side[]): Promise<Measured[]> {
  const runs = sides.map(() => ({ loads: [] as LoadResult[], cpu: 0 }));
  for (let round = 0; round < ROUNDS; round++) {
    const order = sides.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const side = sides[i]!;
      const cpu0 = cpuSeconds(side.pid);
      runs[i]!.loads.push(await load(side.url, { seconds: SECONDS / ROUNDS, concurrency: CONCURRENCY, headers: side.headers }));
      runs[i]!.cpu += cpuSeconds(side.pid) - cpu0;
    }
  }
  return runs.map(({ loads, cpu }) => {
    const merged = mergeLoads(loads);
    return { load: merged, cpuMs: (cpu * 1000) / Math.max(1, merged.requests) };
  });
}

const row = (name: string, { load: r, cpuMs }: Measured) =>
  `${name.padEnd(40)} ${r.mbps.toFixed(0).padStart(6)} MB/s ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50
    .toFixed(1)
    .padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   server CPU ${Number.isNaN(cpuMs) ? '   n/a' : cpuMs.toFixed(2).padStart(6)} ms/req   errors ${r.errors}`;

export async function runStreaming(): Promise<SuiteResult> {
  const notes: string[] = [];
  if (!ensureNginx(notes)) return { lines: ['streaming: skipped'], checks: [], notes };

  const dir = mkdtempSync(path.join(os.tmpdir(), 'talas-bench-nginx-'));
  const root = path.join(dir, 'www');
  mkdirSync(root);
  chmodSync(dir, 0o755);
  const app = await startApp({ databaseUrl: process.env.BENCH_DATABASE_URL });
  let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
  try {
    const { token } = await benchUser(app.url);
    const auth = { authorization: `Bearer ${token}` };

    // ~20 MB of 16-bit stereo 44.1 kHz WAV, uploaded through the real API.
    const wav = synthesizeWav({ seconds: 115, voice: 'drone', seed: 'bench', sampleRate: 44100 });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(wav)], { type: 'audio/wav' }), 'bench.wav');
    form.append('title', 'Bench drone');
    const up = await fetch(`${app.url}/api/v1/tracks`, { method: 'POST', headers: auth, body: form });
    const upBody = (await up.json()) as { data?: { id: number } };
    if (!up.ok || !upBody.data) throw new Error(`upload failed (${up.status}): ${JSON.stringify(upBody).slice(0, 300)}`);
    const audioUrl = `${app.url}/api/v1/tracks/${upBody.data.id}/audio`;

    // nginx serves the very bytes the app stores: downloaded once through the API.
    const stored = Buffer.from(await (await fetch(audioUrl, { headers: auth })).arrayBuffer());
    if (stored.length < 1_000_000) throw new Error(`downloaded track is only ${stored.length} bytes`);
    writeFileSync(path.join(root, 'track.wav'), stored);
    chmodSync(root, 0o755);
    nginx = await startNginx(dir, root);
    const nginxUrl = `${nginx.url}/track.wav`;
    const nginxNoPushUrl = `${nginx.urlNoPush}/track.wav`;
    const size = stored.length;
    const seekHeaders = (extra: Record<string, string>) => () => {
      const start = Math.floor(Math.random() * (size - SEEK_BYTES));
      return { ...extra, range: `bytes=${start}-${start + SEEK_BYTES - 1}` };
    };
    // A probe of what each side answers (status, Content-Length) for the report.
    const probe = async (url: string, headers: Record<string, string>) => {
      const r = await fetch(url, { headers: { ...headers, range: 'bytes=0-' } });
      await r.arrayBuffer();
      return `${r.status} content-length=${r.headers.get('content-length') ?? 'none'} transfer-encoding=${r.headers.get('transfer-encoding') ?? 'none'}`;
    };
    notes.push(`app   Range: bytes=0- → ${await probe(audioUrl, auth)}`);
    notes.push(`nginx Range: bytes=0- → ${await probe(nginxUrl, {})}`);

    // Warm-up of both paths: the app's first few hundred requests run cold (JIT, and PGlite's WASM
    // tiering up) at two to three times the steady cost, which is not what a running server pays.
    await load(audioUrl, { seconds: 1, concurrency: CONCURRENCY, headers: { ...auth, range: 'bytes=0-' } });
    await load(nginxUrl, { seconds: 1, concurrency: CONCURRENCY, headers: { range: 'bytes=0-' } });
    await load(audioUrl, { seconds: 3, concurrency: CONCURRENCY, headers: seekHeaders(auth) });
    await load(nginxUrl, { seconds: 1, concurrency: CONCURRENCY, headers: seekHeaders({}) });
    const appPid = app.child.pid;
    const nginxPid = nginx.child.pid;
    const full = { range: 'bytes=0-' };
    const [nginxFull, nginxFullNoPush, appFull] = await sideBySide([
      { name: 'nginx', url: nginxUrl, headers: full, pid: nginxPid },
      { name: 'nginx nopush off', url: nginxNoPushUrl, headers: full, pid: nginxPid },
      { name: 'app', url: audioUrl, headers: { ...auth, ...full }, pid: appPid },
    ]);
    const [nginxSeek, nginxSeekNoPush, appSeek] = await sideBySide([
      { name: 'nginx', url: nginxUrl, headers: seekHeaders({}), pid: nginxPid },
      { name: 'nginx nopush off', url: nginxNoPushUrl, headers: seekHeaders({}), pid: nginxPid },
      { name: 'app', url: audioUrl, headers: seekHeaders(auth), pid: appPid },
    ]);
    const bestFull = Math.max(nginxFull!.load.mbps, nginxFullNoPush!.load.mbps);
    const bestSeek = Math.max(nginxSeek!.load.rps, nginxSeekNoPush!.load.rps);
    const engine = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite';

    return {
      lines: [
        `Range streaming of a ${(size / 1e6).toFixed(1)} MB WAV (${CONCURRENCY} concurrent clients, ${SECONDS} s each in ${ROUNDS} alternating slices, loopback, same client; app on ${engine})`,
        row('nginx sendfile+nopush, Range: bytes=0-', nginxFull!),
        row('nginx sendfile, nopush off, bytes=0-', nginxFullNoPush!),
        row('app /tracks/:id/audio, Range: bytes=0-', appFull!),
        row('nginx sendfile+nopush, 64 KiB seeks', nginxSeek!),
        row('nginx sendfile, nopush off, 64 KiB seeks', nginxSeekNoPush!),
        row('app /tracks/:id/audio, 64 KiB seeks', appSeek!),
      ],
      checks: [
        { name: 'full-file throughput app / best nginx', value: appFull!.load.mbps / bestFull, target: 0.7, higherIsBetter: true },
        { name: 'seek request rate app / best nginx', value: appSeek!.load.rps / bestSeek, target: 0.4, higherIsBetter: true },
        // nginx with tcp_nopush stalls small answers on delayed ACKs: a reference, not the target's nginx.
        { name: 'seek request rate app / nginx tcp_nopush on', value: appSeek!.load.rps / nginxSeek!.load.rps, target: 0.4, higherIsBetter: true, info: true },
      ],
      notes,
    };
  } finally {
    await nginx?.stop();
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
