import type { StatsReport } from '@/lib/voice/schemas';

/** The fields of getStats entries this client reads (RTCStats members are optional per type). */
export interface RtcStatsEntry {
  type: string;
  kind?: string;
  state?: string;
  nominated?: boolean;
  currentRoundTripTime?: number;
  roundTripTime?: number;
  jitter?: number;
  packetsSent?: number;
  packetsReceived?: number;
  packetsLost?: number;
  bytesSent?: number;
  bytesReceived?: number;
  jitterBufferDelay?: number;
  jitterBufferEmittedCount?: number;
}

/** One peer connection, summarized: what the diagnostics panel shows and `voice:stats` reports. */
export interface PeerStats {
  userId: number;
  rttMs: number | null;
  jitterMs: number | null;
  packetsSent: number;
  packetsReceived: number;
  packetsLost: number;
  bytesSent: number;
  bytesReceived: number;
  /** Mean time a received sample waited in the jitter buffer. */
  jitterBufferMs: number | null;
}

const sum = (entries: RtcStatsEntry[], key: keyof RtcStatsEntry) => entries.reduce((n, e) => n + (Number(e[key]) || 0), 0);
const round = (v: number) => Math.round(v * 10) / 10;

export function summarizePeer(userId: number, entries: RtcStatsEntry[]): PeerStats {
  const audio = (e: RtcStatsEntry) => e.kind === undefined || e.kind === 'audio';
  const inbound = entries.filter((e) => e.type === 'inbound-rtp' && audio(e));
  const outbound = entries.filter((e) => e.type === 'outbound-rtp' && audio(e));
  const remoteInbound = entries.filter((e) => e.type === 'remote-inbound-rtp' && audio(e));
  const pair = entries.find((e) => e.type === 'candidate-pair' && e.state === 'succeeded' && e.nominated);
  // RTCP's round trip is the media path's; the candidate pair's (STUN) is there before any RTCP arrives.
  const rttS = remoteInbound.find((e) => typeof e.roundTripTime === 'number')?.roundTripTime ?? pair?.currentRoundTripTime;
  const jitter = inbound.find((e) => typeof e.jitter === 'number')?.jitter;
  const emitted = sum(inbound, 'jitterBufferEmittedCount');
  return {
    userId,
    rttMs: typeof rttS === 'number' ? round(rttS * 1000) : null,
    jitterMs: typeof jitter === 'number' ? round(jitter * 1000) : null,
    packetsSent: sum(outbound, 'packetsSent'),
    packetsReceived: sum(inbound, 'packetsReceived'),
    packetsLost: sum(inbound, 'packetsLost'),
    bytesSent: sum(outbound, 'bytesSent'),
    bytesReceived: sum(inbound, 'bytesReceived'),
    jitterBufferMs: emitted > 0 ? round((sum(inbound, 'jitterBufferDelay') / emitted) * 1000) : null,
  };
}

const mean = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? round(known.reduce((a, b) => a + b, 0) / known.length) : undefined;
};

/** The `voice:stats` report over every peer: counters summed (cumulative), rtt and jitter averaged. */
export function statsReportOf(peers: PeerStats[]): StatsReport {
  return {
    ...(mean(peers.map((p) => p.rttMs)) !== undefined ? { rtt_ms: mean(peers.map((p) => p.rttMs)) } : {}),
    ...(mean(peers.map((p) => p.jitterMs)) !== undefined ? { jitter_ms: mean(peers.map((p) => p.jitterMs)) } : {}),
    packets_sent: peers.reduce((n, p) => n + p.packetsSent, 0),
    packets_received: peers.reduce((n, p) => n + p.packetsReceived, 0),
    packets_lost: peers.reduce((n, p) => n + p.packetsLost, 0),
    bytes_sent: peers.reduce((n, p) => n + p.bytesSent, 0),
    bytes_received: peers.reduce((n, p) => n + p.bytesReceived, 0),
    peers: peers.map((p) => ({
      user_id: p.userId,
      ...(p.rttMs !== null ? { rtt_ms: p.rttMs } : {}),
      ...(p.jitterMs !== null ? { jitter_ms: p.jitterMs } : {}),
      packets_received: p.packetsReceived,
      packets_lost: p.packetsLost,
    })),
  };
}
