// Call quality from clients' WebRTC statistics: a simplified ITU-T G.107 E-model per participant, and the
// channel aggregate of `audio/stats`. Pure functions; the service stores and broadcasts their results.
import type { AudioStatsOut, ParticipantQualityOut, QualityLevel, StatsReport } from './schemas';

/** Opus at 20 ms frames: one frame of packetization plus the encoder's 6.5 ms look-ahead. */
export const OPUS_CODEC_DELAY_MS = 26.5;
/** G.107's R for default values (R0 − Is), before delay and equipment impairments. */
const R_BASE = 93.2;
/**
 * Opus is not in G.113's tables. We treat it as a codec with no impairment of its own (Ie = 0) and good
 * loss concealment: Bpl = 20, between G.711 with PLC (25.1) and codecs with weaker concealment.
 */
const OPUS_IE = 0;
const OPUS_BPL = 20;
/** A participant's report counts for the channel while it is younger than this. */
export const STATS_TTL_MS = 15_000;

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** One-way mouth-to-ear delay: half the round trip, a jitter buffer of twice the jitter, and the codec. */
export function effectiveLatencyMs(rttMs: number, jitterMs: number): number {
  return rttMs / 2 + 2 * jitterMs + OPUS_CODEC_DELAY_MS;
}

/** Id, the delay impairment (Cole & Rosenbluth's fit of G.107): gentle up to 177.3 ms, steep beyond. */
export function delayImpairment(delayMs: number): number {
  return 0.024 * delayMs + (delayMs > 177.3 ? 0.11 * (delayMs - 177.3) : 0);
}

/** Ie,eff for random packet loss (G.107): Ie + (95 − Ie) · Ppl / (Ppl + Bpl), with Ppl in percent. */
export function lossImpairment(lossRate: number): number {
  const ppl = Math.min(Math.max(lossRate, 0), 1) * 100;
  return OPUS_IE + ((95 - OPUS_IE) * ppl) / (ppl + OPUS_BPL);
}

/** The transmission rating R, 0–100. */
export function rFactor(rttMs: number, jitterMs: number, lossRate: number): number {
  const r = R_BASE - delayImpairment(effectiveLatencyMs(rttMs, jitterMs)) - lossImpairment(lossRate);
  return Math.min(Math.max(r, 0), 100);
}

/** G.107's conversion of R to a mean opinion score, 1–4.5. */
export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
}

export function qualityLevel(mos: number): QualityLevel {
  if (mos >= 4.0) return 'excellent';
  if (mos >= 3.6) return 'good';
  return 'poor';
}

/** MOS from current rtt, jitter and loss rate (0–1), to two decimals. */
export function estimateMos(rttMs: number, jitterMs: number, lossRate: number): number {
  return round(mosFromR(rFactor(rttMs, jitterMs, lossRate)));
}

/**
 * Loss over the interval since the previous report, from cumulative counters. When the counters went
 * back (the client rebuilt its peer connections) or nothing arrived in between, the cumulative rate.
 */
export function intervalLossRate(
  previous: Pick<StatsReport, 'packets_received' | 'packets_lost'> | null,
  current: Pick<StatsReport, 'packets_received' | 'packets_lost'>,
): number {
  if (previous && current.packets_received >= previous.packets_received && current.packets_lost >= previous.packets_lost) {
    const received = current.packets_received - previous.packets_received;
    const lost = current.packets_lost - previous.packets_lost;
    if (received + lost > 0) return lost / (received + lost);
  }
  const total = current.packets_received + current.packets_lost;
  return total > 0 ? current.packets_lost / total : 0;
}

/** What a seat keeps of its latest report (voice_participants.stats). */
export interface StoredStats {
  report: StatsReport;
  packet_loss_rate: number;
  mos: number | null;
  quality: QualityLevel | null;
  reported_at: string;
}

/** Scores a new report against the seat's previous one. */
export function scoreReport(previous: StoredStats | null, report: StatsReport, now: Date): StoredStats {
  const lossRate = round(intervalLossRate(previous?.report ?? null, report), 4);
  const mos = report.rtt_ms === undefined ? null : estimateMos(report.rtt_ms, report.jitter_ms ?? 0, lossRate);
  return {
    report,
    packet_loss_rate: lossRate,
    mos,
    quality: mos === null ? null : qualityLevel(mos),
    reported_at: now.toISOString(),
  };
}

export function isFresh(stats: StoredStats | null, now: Date): stats is StoredStats {
  return !!stats && now.getTime() - Date.parse(stats.reported_at) < STATS_TTL_MS;
}

export function toParticipantQuality(user: { id: number; username: string }, stats: StoredStats): ParticipantQualityOut {
  const r = stats.report;
  return {
    user_id: user.id,
    username: user.username,
    mos: stats.mos,
    quality: stats.quality,
    rtt_ms: r.rtt_ms ?? null,
    jitter_ms: r.jitter_ms ?? null,
    packet_loss_rate: stats.packet_loss_rate,
    packets_sent: r.packets_sent,
    packets_received: r.packets_received,
    packets_lost: r.packets_lost,
    bytes_sent: r.bytes_sent,
    bytes_received: r.bytes_received,
    peers: (r.peers ?? []).map((p) => ({
      user_id: p.user_id,
      rtt_ms: p.rtt_ms ?? null,
      jitter_ms: p.jitter_ms ?? null,
      packets_received: p.packets_received ?? null,
      packets_lost: p.packets_lost ?? null,
    })),
    reported_at: stats.reported_at,
  };
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const maybeRound = (value: number | null, digits = 2) => (value === null ? null : round(value, digits));

/** The channel's numbers from its participants' fresh reports; stale or missing reports count for nothing. */
export function aggregateStats(
  participants: { id: number; username: string; stats: StoredStats | null }[],
  now: Date,
): AudioStatsOut {
  const fresh = participants.flatMap((p) => (isFresh(p.stats, now) ? [toParticipantQuality(p, p.stats)] : []));
  const rtts = fresh.flatMap((p) => (p.rtt_ms === null ? [] : [p.rtt_ms / 2]));
  const jitters = fresh.flatMap((p) => (p.jitter_ms === null ? [] : [p.jitter_ms]));
  const scores = fresh.flatMap((p) => (p.mos === null ? [] : [p.mos]));
  const score = maybeRound(mean(scores));
  return {
    packets_sent: fresh.reduce((n, p) => n + p.packets_sent, 0),
    packets_received: fresh.reduce((n, p) => n + p.packets_received, 0),
    bytes_transferred: fresh.reduce((n, p) => n + p.bytes_sent + p.bytes_received, 0),
    average_latency_ms: maybeRound(mean(rtts), 1),
    packet_loss_rate: maybeRound(mean(fresh.map((p) => p.packet_loss_rate)), 4),
    jitter_ms: maybeRound(mean(jitters), 1),
    audio_quality_score: score,
    quality: score === null ? null : qualityLevel(score),
    reporting_participants: fresh.length,
    participants: fresh,
  };
}
