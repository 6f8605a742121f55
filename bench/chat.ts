// Chat suite (issue 5): one room, 1,000 connected Socket.IO clients, 20 messages/s sent through the app
// (stored, then broadcast), side by side with a bare `ws` server broadcasting the same payloads to the same
// number of clients. Measures server CPU per broadcast and p50/p99 delivery latency (targets: CPU ≤ 1.3×,
// p99 ≤ 2× the bare server), then heap per idle connection with 10,000 connections (target ≤ 12 KB), next
// to a bare Socket.IO server with the app's options (the library's floor) and the bare ws server.
// Every server runs in its own process with --inspect, so CPU (process.cpuUsage) and heap (after a full
// GC) are read from inside them, not estimated from outside.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { io as connect, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { benchUser, freePort, json, startApp, type App, type SuiteResult } from './util';

const CLIENTS = Number(process.env.BENCH_CHAT_CLIENTS ?? 1000);
const IDLE_CLIENTS = Number(process.env.BENCH_CHAT_IDLE_CLIENTS ?? 10_000);
const RATE = 20; // messages per second, all senders together
const SENDERS = 20; // each sends one message a second: well under the per-socket rate limit
const WARMUP_S = 3;
const SECONDS = Number(process.env.BENCH_CHAT_SECONDS ?? 10);
const CONNECT_BATCH = 100;
// After the last send, wait while deliveries still progress (a loaded machine drains slowly), bounded.
const DRAIN_STALL_MS = 5_000;
const DRAIN_MAX_MS = 60_000;
// What --inspect prints on stderr; a server's other stderr lines (errors) still show.
const INSPECTOR_NOISE = /^(Debugger listening on |Debugger attached\.|Debugger ending on |For help, see: https:\/\/nodejs\.org|Waiting for the debugger to disconnect)/;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// ---- The V8 inspector of a server process: CPU time and post-GC heap, read from inside it.

class Inspector {
  private nextId = 1;
  private pending = new Map<number, (result: unknown) => void>();
  private constructor(private socket: WebSocket) {
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { id?: number; result?: unknown };
      if (msg.id !== undefined) this.pending.get(msg.id)?.(msg.result);
    });
  }

  static async open(port: number): Promise<Inspector> {
    for (let i = 0; i < 100; i++) {
      const targets = await fetch(`http://127.0.0.1:${port}/json/list`).then(
        (r) => r.json() as Promise<{ webSocketDebuggerUrl: string }[]>,
        () => [],
      );
      if (targets[0]) {
        const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
        await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
        return new Inspector(socket);
      }
      await sleep(100);
    }
    throw new Error(`no inspector on port ${port}`);
  }

  private send(method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  async evaluate<T>(expression: string): Promise<T> {
    const result = (await this.send('Runtime.evaluate', { expression, returnByValue: true })) as { result: { value: T } };
    return result.result.value;
  }

  /** Microseconds of CPU (user + system) the process has used. */
  cpuMicros(): Promise<number> {
    return this.evaluate<number>('(() => { const u = process.cpuUsage(); return u.user + u.system; })()');
  }

  /** A CPU profile of what runs until the returned stop (BENCH_CHAT_PROFILE_DIR: where to look deeper). */
  async profile(): Promise<() => Promise<object>> {
    await this.send('Profiler.enable');
    await this.send('Profiler.start');
    return async () => ((await this.send('Profiler.stop')) as { profile: object }).profile;
  }

  /** Heap in use after two full collections. */
  async heapAfterGc(): Promise<number> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
    return this.evaluate<number>('process.memoryUsage().heapUsed');
  }

  close() {
    this.socket.close();
  }
}

async function startAppWithInspector(): Promise<{ app: App; inspector: Inspector }> {
  const port = await freePort();
  const saved = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${saved ?? ''} --inspect=127.0.0.1:${port}`.trim();
  try {
    const app = await startApp({ databaseUrl: process.env.BENCH_DATABASE_URL, stderrFilter: INSPECTOR_NOISE });
    return { app, inspector: await Inspector.open(port) };
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
}

interface Baseline {
  child: ChildProcess;
  port: number;
  inspector: Inspector;
  stop: () => Promise<void>;
}

/** A bare server script (bench/chat-*.mjs) in its own process; it prints `{"port": …}` when listening. */
async function startBaseline(script: string, env: Record<string, string> = {}): Promise<Baseline> {
  const inspectPort = await freePort();
  const child = spawn('node', [`--inspect=127.0.0.1:${inspectPort}`, script], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (!INSPECTOR_NOISE.test(line)) process.stderr.write(`${line}\n`);
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve((JSON.parse(String(chunk).split('\n')[0]!) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
  });
  const inspector = await Inspector.open(inspectPort);
  return {
    child,
    port,
    inspector,
    stop: async () => {
      inspector.close();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// ---- Clients: the same interface over Socket.IO (the app) and bare ws (the baseline).

interface BenchClient {
  send(content: string, clientId: string): void;
  onMessage(fn: (clientId: string) => void): void;
  close(): void;
}

async function inBatches<T>(count: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += CONNECT_BATCH) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(CONNECT_BATCH, count - i) }, (_, j) => make(i + j)))));
  }
  return out;
}

function socketIoClient(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    // A generous connect timeout: thousands of handshakes queue up on a busy machine.
    const socket = connect(url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true, timeout: 60_000 });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function appClient(url: string, token: string, room: string): Promise<BenchClient> {
  const socket = await socketIoClient(url, token);
  const ack = (await socket.timeout(10_000).emitWithAck('join', { room })) as { success: boolean; error?: string };
  if (!ack.success) throw new Error(`join failed: ${ack.error}`);
  return {
    send: (content, clientId) => {
      socket.emit('message', { room, content, client_id: clientId }, (res: { success: boolean; error?: string }) => {
        if (!res.success) console.error(`send refused: ${res.error}`);
      });
    },
    onMessage: (fn) => socket.on('message', (m: { client_id?: string }) => m.client_id && fn(m.client_id)),
    close: () => socket.close(),
  };
}

async function wsClient(url: string, room: string): Promise<BenchClient> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return {
    send: (content, clientId) => socket.send(JSON.stringify({ type: 'message', room, content, client_id: clientId })),
    onMessage: (fn) =>
      socket.on('message', (raw) => {
        const frame = JSON.parse(String(raw)) as { data?: { client_id?: string } };
        if (frame.data?.client_id) fn(frame.data.client_id);
      }),
    close: () => socket.close(),
  };
}

interface BroadcastResult {
  sent: number;
  deliveries: number;
  expected: number;
  cpuMsPerBroadcast: number;
  p50: number;
  p99: number;
}

/** Warm up, then send RATE messages/s for SECONDS, round-robin over the first SENDERS clients. */
async function broadcast(clients: BenchClient[], inspector: Inspector, label: string): Promise<BroadcastResult> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let deliveries = 0;
  let measuring = false;
  for (const client of clients) {
    client.onMessage((clientId) => {
      const t = sentAt.get(clientId);
      if (t === undefined) return;
      deliveries++;
      latencies.push(performance.now() - t);
    });
  }
  let seq = 0;
  const sendOne = () => {
    const id = `${label}-${seq}`;
    const sender = clients[seq % SENDERS]!;
    seq++;
    if (measuring) sentAt.set(id, performance.now());
    sender.send(`benchmark message ${id}: a line of chat about gain staging and room tone`, id);
  };

  // Paced by the clock, not by setInterval drift: message n goes at start + n / RATE.
  const run = async (seconds: number) => {
    const start = performance.now();
    const total = seconds * RATE;
    for (let n = 0; n < total; n++) {
      const due = start + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      sendOne();
    }
  };
  await run(WARMUP_S);
  await sleep(500);
  measuring = true;
  const profileDir = process.env.BENCH_CHAT_PROFILE_DIR;
  const stopProfile = profileDir ? await inspector.profile() : undefined;
  const cpu0 = await inspector.cpuMicros();
  await run(SECONDS);
  const expected = SECONDS * RATE * clients.length;
  const drainStart = performance.now();
  let progressAt = drainStart;
  for (let seen = deliveries; deliveries < expected; ) {
    const now = performance.now();
    if (now - progressAt > DRAIN_STALL_MS || now - drainStart > DRAIN_MAX_MS) break;
    await sleep(100);
    if (deliveries > seen) [seen, progressAt] = [deliveries, performance.now()];
  }
  const cpu1 = await inspector.cpuMicros();
  if (stopProfile) {
    mkdirSync(profileDir!, { recursive: true });
    writeFileSync(path.join(profileDir!, `chat-${label}.cpuprofile`), JSON.stringify(await stopProfile()));
  }
  latencies.sort((a, b) => a - b);
  const sent = SECONDS * RATE;
  return {
    sent,
    deliveries,
    expected,
    // The drain wait adds only the delivering still owed, so dividing by the messages sent is fair to both.
    cpuMsPerBroadcast: (cpu1 - cpu0) / 1000 / sent,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

function line(label: string, r: BroadcastResult): string {
  return `  ${label.padEnd(34)} cpu ${r.cpuMsPerBroadcast.toFixed(2).padStart(6)} ms/broadcast   p50 ${r.p50.toFixed(1).padStart(7)} ms   p99 ${r.p99.toFixed(1).padStart(7)} ms   delivered ${r.deliveries}/${r.expected}`;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(5)} KB`;

interface IdleResult {
  perConnection: number;
  connected: number;
}

async function idleHeap(open: (i: number) => Promise<{ close: () => void }>, inspector: Inspector, count: number): Promise<IdleResult> {
  // A few connections first, so lazily created state (modules, caches, pools) is not charged to the rest.
  const warm = await inBatches(20, open);
  for (const c of warm) c.close();
  await sleep(1000);
  const before = await inspector.heapAfterGc();
  const conns = await inBatches(count, open);
  await sleep(2000);
  const after = await inspector.heapAfterGc();
  for (const c of conns) c.close();
  return { perConnection: (after - before) / conns.length, connected: conns.length };
}

/** Runs `measure` against a bare server script, then stops it. */
async function withBaseline<T>(script: string, measure: (b: Baseline) => Promise<T>, env?: Record<string, string>): Promise<T> {
  const baseline = await startBaseline(script, env);
  try {
    return await measure(baseline);
  } finally {
    await baseline.stop();
  }
}

export async function runChat(): Promise<SuiteResult> {
  const lines: string[] = [];
  const notes: string[] = [];
  const room = 'bench-room';
  const load = os.loadavg()[0]!;
  const cores = os.availableParallelism();
  if (load > cores) notes.push(`load average ${load.toFixed(1)} on ${cores} cores at the start: CPU and latency ratios are rough`);

  // 1) The app: Socket.IO, messages stored then broadcast.
  let appResult: BroadcastResult;
  {
    const { app, inspector } = await startAppWithInspector();
    try {
      const { token } = await benchUser(app.url);
      const created = await json(`${app.url}/api/v1/chat/rooms`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: room, is_private: false }),
      });
      if (!created.data) throw new Error(`room not created: ${JSON.stringify(created)}`);
      const clients = await inBatches(CLIENTS, () => appClient(app.url, token, room));
      appResult = await broadcast(clients, inspector, 'app');
      for (const c of clients) c.close();
    } finally {
      inspector.close();
      await app.stop();
    }
  }

  // 2) The bare ws server, same clients, same payloads, same pace.
  const wsResult = await withBaseline('bench/chat-ws-baseline.mjs', async ({ port, inspector }) => {
    const clients = await inBatches(CLIENTS, () => wsClient(`ws://127.0.0.1:${port}`, room));
    const result = await broadcast(clients, inspector, 'ws');
    for (const c of clients) c.close();
    return result;
  });

  // 3) The library's floor: bare Socket.IO with the app's options, broadcasting at once (no storage).
  const floorResult = await withBaseline(
    'bench/chat-socketio-floor.mjs',
    async ({ port, inspector }) => {
      const clients = await inBatches(CLIENTS, () => appClient(`http://127.0.0.1:${port}`, 'x'.repeat(300), room));
      const result = await broadcast(clients, inspector, 'floor');
      for (const c of clients) c.close();
      return result;
    },
    { FLOOR_BROADCAST: '1' },
  );

  lines.push(
    `one room, ${CLIENTS} clients, ${RATE} messages/s for ${SECONDS} s (after ${WARMUP_S} s warm-up), ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`,
    line('app (Socket.IO, stored first)', appResult),
    line('bare Socket.IO broadcast (floor)', floorResult),
    line('bare ws broadcast (baseline)', wsResult),
  );
  for (const [label, r] of [['app', appResult], ['bare Socket.IO', floorResult], ['bare ws', wsResult]] as const) {
    if (r.deliveries < r.expected) notes.push(`${label} delivered ${r.deliveries} of ${r.expected} messages before the drain wait ended`);
  }

  // 4) Heap per idle connection: a fresh app with authenticated sockets doing nothing, then the same
  // Socket.IO clients on a bare Socket.IO server (the library's share), then plain ws clients on bare ws.
  let idle: IdleResult;
  {
    const { app, inspector } = await startAppWithInspector();
    try {
      const { token } = await benchUser(app.url);
      idle = await idleHeap(() => socketIoClient(app.url, token), inspector, IDLE_CLIENTS);
    } finally {
      inspector.close();
      await app.stop();
    }
  }
  // A token as long as the app's, so the handshakes weigh the same.
  const floorToken = 'x'.repeat(300);
  const floor = await withBaseline('bench/chat-socketio-floor.mjs', ({ port, inspector }) =>
    idleHeap(() => socketIoClient(`http://127.0.0.1:${port}`, floorToken), inspector, IDLE_CLIENTS),
  );
  const wsIdle = await withBaseline('bench/chat-ws-baseline.mjs', ({ port, inspector }) =>
    idleHeap(() => wsClient(`ws://127.0.0.1:${port}`, room), inspector, IDLE_CLIENTS),
  );
  lines.push(
    `heap per idle connection (after a full GC, ${IDLE_CLIENTS} connections each)`,
    `  app (Socket.IO, authenticated)     ${kb(idle.perConnection)}   ${kb(idle.perConnection - floor.perConnection)} above the floor`,
    `  bare Socket.IO (floor)             ${kb(floor.perConnection)}   same transport options, no app code`,
    `  bare ws                            ${kb(wsIdle.perConnection)}`,
  );

  return {
    lines,
    notes,
    checks: [
      { name: 'server CPU per broadcast, app / bare ws', value: appResult.cpuMsPerBroadcast / wsResult.cpuMsPerBroadcast, target: 1.3, higherIsBetter: false },
      { name: 'p99 delivery latency, app / bare ws', value: appResult.p99 / wsResult.p99, target: 2, higherIsBetter: false },
      { name: 'bare Socket.IO (floor) CPU / bare ws', value: floorResult.cpuMsPerBroadcast / wsResult.cpuMsPerBroadcast, target: 1.3, higherIsBetter: false, info: true },
      { name: 'app CPU / bare Socket.IO (floor)', value: appResult.cpuMsPerBroadcast / floorResult.cpuMsPerBroadcast, target: 1.3, higherIsBetter: false, info: true },
      { name: 'heap per idle connection (KB)', value: idle.perConnection / 1024, target: 12, higherIsBetter: false, unit: ' KB' },
      { name: 'bare Socket.IO (floor), heap per idle conn', value: floor.perConnection / 1024, target: 12, higherIsBetter: false, unit: ' KB', info: true },
    ],
  };
}
