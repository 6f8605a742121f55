// Voice suite (issue 6): signalling relay latency on the production server while pairs of Socket.IO
// clients join voice channels at 50 joins/s. Each pair has its own two-seat channel; once both are seated
// they negotiate as browsers do (offer, answer, four trickled ICE candidates each way), then leave, and
// the pair queues to join again. Relay latency is the time from `voice:signal` sent by one client to
// its receipt by the other (both clients live in this process, so one clock). Target: p95 ≤ 20 ms.
// The server runs on the embedded PGlite (BENCH_DATABASE_URL: PostgreSQL). The mouth-to-ear measurement
// in Chromium belongs with the voice UI.
import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import { json, startApp, type SuiteResult } from './util';

const JOINS_PER_SECOND = 50;
const SECONDS = Number(process.env.BENCH_VOICE_SECONDS ?? 20);
const WARMUP_S = 3;
// Each socket joins and leaves once per round of all pairs: 80 pairs at 50 joins/s is one join and one
// leave every 3.2 s, within the per-connection budget of 10 seat events per 10 s.
const PAIRS = Number(process.env.BENCH_VOICE_PAIRS ?? 80);
const CANDIDATES = 4;
const TARGET_MS = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Client {
  id: number;
  token: string;
  socket: Socket;
}

/** Registers, signs in and connects `n` users (a few at a time: password hashing is the slow part). */
async function clients(appUrl: string, n: number): Promise<Client[]> {
  const out: Client[] = [];
  for (let from = 0; from < n; from += 8) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(8, n - from) }, async (_, k) => {
        const i = from + k;
        const email = `voice${i}@bench.test`;
        const password = 'bench password';
        await json(`${appUrl}/api/v1/auth/register`, { method: 'POST', body: JSON.stringify({ username: `voice${i}`, email, password }) });
        const login = await json(`${appUrl}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify({ email, password }) });
        const token = login.data.access_token as string;
        const id = Number((login.data.user as { id: number }).id);
        const socket = connect(appUrl, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
        return { id, socket, token };
      }),
    );
    out.push(...batch);
  }
  return out;
}

export async function runVoice(): Promise<SuiteResult> {
  const app = await startApp({ databaseUrl: process.env.BENCH_DATABASE_URL });
  const all: Client[] = [];
  try {
    const users = await clients(app.url, PAIRS * 2);
    all.push(...users);
    const channels: number[] = [];
    for (let p = 0; p < PAIRS; p++) {
      const res = await json(`${app.url}/api/v1/channels`, {
        method: 'POST',
        headers: { authorization: `Bearer ${users[0]!.token}` },
        body: JSON.stringify({ name: `Bench pair ${p}`, max_users: 2 }),
      });
      channels.push(Number(res.data.id));
    }

    const sentAt = new Map<string, number>();
    const relay: number[] = [];
    const joinAcks: number[] = [];
    let measuring = false;
    let failures = 0;
    const failureCodes = new Map<string, number>();
    const fail = (code: string) => {
      failures++;
      failureCodes.set(code, (failureCodes.get(code) ?? 0) + 1);
    };
    let seq = 0;
    const signal = (from: Client, to: Client, payload: { description?: object; candidate?: object }, tag: string) => {
      sentAt.set(tag, performance.now());
      from.socket.emit('voice:signal', { to: to.id, ...payload }, (ack: { success: boolean; error_code?: string }) => {
        if (!ack.success) fail(ack.error_code ?? 'signal');
      });
    };
    // Every receipt is timed against its send; the receiver answers an offer, and trickles candidates.
    const pairOf = new Map<number, { a: Client; b: Client; received: number; done: () => void }>();
    for (const c of users) {
      c.socket.on('voice:signal', (msg: { from: number; description?: { type: string; sdp: string }; candidate?: { candidate: string } }) => {
        const tag = msg.description ? /s=(\S+)/.exec(msg.description.sdp)?.[1] : msg.candidate?.candidate.split(' ')[0]?.slice('candidate:'.length);
        const t0 = tag ? sentAt.get(tag) : undefined;
        if (tag && t0 !== undefined) {
          sentAt.delete(tag);
          if (measuring) relay.push(performance.now() - t0);
        }
        const pair = pairOf.get(c.id);
        if (!pair) return;
        const peer = c === pair.a ? pair.b : pair.a;
        if (msg.description?.type === 'offer') {
          const t = `a${++seq}`;
          signal(c, peer, { description: { type: 'answer', sdp: `v=0\r\ns=${t}\r\n` } }, t);
        }
        if (msg.description) {
          for (let k = 0; k < CANDIDATES; k++) {
            const t = `${c.id}x${++seq}`;
            signal(c, peer, { candidate: { candidate: `candidate:${t} 1 udp 2122260223 10.0.0.${k + 1} ${40000 + k} typ host`, sdpMid: '0', sdpMLineIndex: 0 } }, t);
          }
        }
        // Offer + answer + candidates both ways: 2 + 2 × CANDIDATES receipts end the negotiation.
        if (++pair.received === 2 + 2 * CANDIDATES) pair.done();
      });
    }

    const join = async (c: Client, channelId: number) => {
      const t0 = performance.now();
      const ack = await c.socket.emitWithAck('voice:join', { channel_id: channelId });
      if (measuring) joinAcks.push(performance.now() - t0);
      if (!ack.success) fail(ack.error_code);
      return ack.success as boolean;
    };

    // The schedule: one join every 20 ms, taken from the queue of pairs ready to go again.
    const queue: number[] = Array.from({ length: PAIRS }, (_, p) => p);
    let joins = 0;
    let missed = 0;
    const started = performance.now();
    const end = started + (SECONDS + WARMUP_S) * 1000;
    const running: Promise<void>[] = [];
    let pending: { p: number; first: Promise<boolean> } | undefined;
    for (let slot = 0; ; slot++) {
      const at = started + (slot * 1000) / JOINS_PER_SECOND;
      if (at > end) break;
      await sleep(Math.max(0, at - performance.now()));
      measuring = performance.now() - started > WARMUP_S * 1000;
      if (pending) {
        // The pair's second member joins, then offers.
        const { p, first } = pending;
        pending = undefined;
        const [a, b] = [users[2 * p]!, users[2 * p + 1]!];
        joins++;
        running.push(
          (async () => {
            const ok = (await first) && (await join(b, channels[p]!));
            if (ok) {
              const negotiated = new Promise<void>((resolve) => pairOf.set(a.id, { a, b, received: 0, done: resolve }));
              pairOf.set(b.id, pairOf.get(a.id)!);
              const t = `o${++seq}`;
              signal(b, a, { description: { type: 'offer', sdp: `v=0\r\ns=${t}\r\n` } }, t);
              await Promise.race([negotiated, sleep(5000)]);
              pairOf.delete(a.id);
              pairOf.delete(b.id);
            }
            await Promise.all([a.socket.emitWithAck('voice:leave', {}), b.socket.emitWithAck('voice:leave', {})]);
            queue.push(p);
          })(),
        );
        continue;
      }
      const p = queue.shift();
      if (p === undefined) {
        missed++;
        continue;
      }
      joins++;
      pending = { p, first: join(users[2 * p]!, channels[p]!) };
    }
    const elapsed = (performance.now() - started) / 1000;
    // A first member who joined in the last slot leaves without a partner.
    if (pending) {
      const { p, first } = pending;
      running.push(first.then(async () => void (await users[2 * p]!.socket.emitWithAck('voice:leave', {}))));
    }
    await Promise.all(running);

    relay.sort((x, y) => x - y);
    joinAcks.sort((x, y) => x - y);
    const p95 = percentile(relay, 95);
    const row = (label: string, xs: number[]) =>
      `  ${label.padEnd(34)} n=${String(xs.length).padStart(6)}  p50 ${percentile(xs, 50).toFixed(2).padStart(7)} ms  p95 ${percentile(xs, 95).toFixed(2).padStart(7)} ms  p99 ${percentile(xs, 99).toFixed(2).padStart(7)} ms  max ${(xs.at(-1) ?? NaN).toFixed(2).padStart(7)} ms`;
    return {
      lines: [
        `Voice signalling (${PAIRS} pairs, ${JOINS_PER_SECOND} joins/s scheduled for ${SECONDS} s after ${WARMUP_S} s warm-up, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`,
        `  joins: ${joins} in ${elapsed.toFixed(1)} s (${(joins / elapsed).toFixed(1)}/s), ${missed} slots without a ready pair, ${failures} failed acks${failures ? ` (${[...failureCodes].map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`,
        row('signal relay (send → receipt)', relay),
        row('voice:join ack', joinAcks),
      ],
      checks: [
        { name: 'signal relay p95 at 50 joins/s', value: p95, target: TARGET_MS, higherIsBetter: false, unit: ' ms' },
      ],
    };
  } finally {
    for (const c of all) c.socket.disconnect();
    await app.stop();
  }
}
