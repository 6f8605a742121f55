// Streaming suite: GET /api/v1/tracks/:id/audio vs nginx (sendfile) serving the same bytes, side by side:
// same client, same concurrency, same duration. (a) whole file with `Range: bytes=0-` in MB/s,
// (b) seeks: 64 KiB ranges at random offsets in req/s. Targets (issue 4): ≥ 0.7× and ≥ 0.4× nginx.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { synthesizeWav } from '../lib/audio/synth';
import { type LoadResult, load } from './load';
import { benchUser, freePort, startApp, type SuiteResult } from './util';

const SECONDS = Number(process.env.BENCH_STREAM_SECONDS ?? 6);
const CONCURRENCY = 8;
const SEEK_BYTES = 64 * 1024;

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

const row = (name: string, r: LoadResult) =>
  `${name.padEnd(40)} ${r.mbps.toFixed(0).padStart(6)} MB/s ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50
    .toFixed(1)
    .padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   errors ${r.errors}`;

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

    const opts = { seconds: SECONDS, concurrency: CONCURRENCY };
    await load(audioUrl, { seconds: 1, concurrency: CONCURRENCY, headers: { ...auth, range: 'bytes=0-' } }); // warm-up
    await load(nginxUrl, { seconds: 1, concurrency: CONCURRENCY, headers: { range: 'bytes=0-' } });
    const nginxFull = await load(nginxUrl, { ...opts, headers: { range: 'bytes=0-' } });
    const nginxFullNoPush = await load(nginxNoPushUrl, { ...opts, headers: { range: 'bytes=0-' } });
    const appFull = await load(audioUrl, { ...opts, headers: { ...auth, range: 'bytes=0-' } });
    const nginxSeek = await load(nginxUrl, { ...opts, headers: seekHeaders({}) });
    const nginxSeekNoPush = await load(nginxNoPushUrl, { ...opts, headers: seekHeaders({}) });
    const appSeek = await load(audioUrl, { ...opts, headers: seekHeaders(auth) });
    const bestFull = Math.max(nginxFull.mbps, nginxFullNoPush.mbps);
    const bestSeek = Math.max(nginxSeek.rps, nginxSeekNoPush.rps);

    return {
      lines: [
        `Range streaming of a ${(size / 1e6).toFixed(1)} MB WAV (${CONCURRENCY} concurrent clients, ${SECONDS} s each, loopback, same client)`,
        row('nginx sendfile+nopush, Range: bytes=0-', nginxFull),
        row('nginx sendfile, nopush off, bytes=0-', nginxFullNoPush),
        row('app /tracks/:id/audio, Range: bytes=0-', appFull),
        row('nginx sendfile+nopush, 64 KiB seeks', nginxSeek),
        row('nginx sendfile, nopush off, 64 KiB seeks', nginxSeekNoPush),
        row('app /tracks/:id/audio, 64 KiB seeks', appSeek),
      ],
      checks: [
        { name: 'full-file throughput app / best nginx', value: appFull.mbps / bestFull, target: 0.7, higherIsBetter: true },
        { name: 'seek request rate app / best nginx', value: appSeek.rps / bestSeek, target: 0.4, higherIsBetter: true },
        { name: 'seek request rate app / nginx tcp_nopush on', value: appSeek.rps / nginxSeek.rps, target: 0.4, higherIsBetter: true },
      ],
      notes,
    };
  } finally {
    await nginx?.stop();
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
