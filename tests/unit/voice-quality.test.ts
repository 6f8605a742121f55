import { describe, expect, it } from 'vitest';
import {
  aggregateStats,
  delayImpairment,
  effectiveLatencyMs,
  estimateMos,
  intervalLossRate,
  lossImpairment,
  mosFromR,
  qualityLevel,
  rFactor,
  scoreReport,
  STATS_TTL_MS,
  type StoredStats,
} from '@/lib/voice/quality';
import type { StatsReport } from '@/lib/voice/schemas';

const report = (over: Partial<StatsReport> = {}): StatsReport => ({
  rtt_ms: 40,
  jitter_ms: 5,
  packets_sent: 1000,
  packets_received: 1000,
  packets_lost: 0,
  bytes_sent: 100_000,
  bytes_received: 120_000,
  ...over,
});

describe('E-model MOS (simplified ITU-T G.107)', () => {
  it('adds half the round trip, twice the jitter and the Opus codec delay', () => {
    expect(effectiveLatencyMs(0, 0)).toBe(26.5);
    expect(effectiveLatencyMs(100, 10)).toBe(50 + 20 + 26.5);
  });

  it('impairs delay gently up to 177.3 ms and steeply beyond', () => {
    expect(delayImpairment(100)).toBeCloseTo(2.4, 10);
    expect(delayImpairment(177.3)).toBeCloseTo(4.2552, 10);
    expect(delayImpairment(277.3)).toBeCloseTo(0.024 * 277.3 + 11, 10);
  });

  it('impairs loss with Ie = 0 and Bpl = 20, saturating at 95', () => {
    expect(lossImpairment(0)).toBe(0);
    expect(lossImpairment(0.01)).toBeCloseTo((95 * 1) / 21, 10);
    expect(lossImpairment(0.2)).toBeCloseTo(47.5, 10);
    expect(lossImpairment(1)).toBeCloseTo((95 * 100) / 120, 10);
    expect(lossImpairment(2)).toBe(lossImpairment(1));
  });

  it('maps R to MOS with the G.107 curve, clamped to 1–4.5', () => {
    expect(mosFromR(-5)).toBe(1);
    expect(mosFromR(0)).toBe(1);
    expect(mosFromR(100)).toBe(4.5);
    expect(mosFromR(93.2)).toBeCloseTo(1 + 0.035 * 93.2 + 93.2 * 33.2 * 6.8 * 7e-6, 10);
    expect(mosFromR(50)).toBeCloseTo(1 + 1.75 - 50 * 10 * 50 * 7e-6, 10);
  });

  it('gives a clean local call an excellent score and a bad network a poor one', () => {
    expect(rFactor(0, 0, 0)).toBeCloseTo(93.2 - 0.024 * 26.5, 10);
    expect(estimateMos(0, 0, 0)).toBe(4.4);
    expect(estimateMos(100, 10, 0.01)).toBe(4.24);
    expect(estimateMos(300, 30, 0.03)).toBe(3.53);
    expect(estimateMos(2000, 500, 0.5)).toBe(1);
    expect(estimateMos(20, 2, 0)).toBeGreaterThan(estimateMos(200, 2, 0));
    expect(estimateMos(20, 2, 0)).toBeGreaterThan(estimateMos(20, 2, 0.05));
  });

  it('names the levels at 4.0 and 3.6', () => {
    expect(qualityLevel(4.4)).toBe('excellent');
    expect(qualityLevel(4.0)).toBe('excellent');
    expect(qualityLevel(3.99)).toBe('good');
    expect(qualityLevel(3.6)).toBe('good');
    expect(qualityLevel(3.59)).toBe('poor');
  });
});

describe('interval loss from cumulative counters', () => {
  it('measures loss since the previous report', () => {
    const prev = { packets_received: 1000, packets_lost: 10 };
    expect(intervalLossRate(prev, { packets_received: 1090, packets_lost: 20 })).toBeCloseTo(0.1, 10);
  });

  it('falls back to the cumulative rate without a usable previous report', () => {
    expect(intervalLossRate(null, { packets_received: 990, packets_lost: 10 })).toBeCloseTo(0.01, 10);
    // Counters went back: the client rebuilt its peer connections.
    expect(intervalLossRate({ packets_received: 5000, packets_lost: 50 }, { packets_received: 95, packets_lost: 5 })).toBeCloseTo(0.05, 10);
    // Nothing arrived in between.
    expect(intervalLossRate({ packets_received: 100, packets_lost: 0 }, { packets_received: 100, packets_lost: 0 })).toBe(0);
    expect(intervalLossRate(null, { packets_received: 0, packets_lost: 0 })).toBe(0);
  });
});

describe('scoring and aggregating reports', () => {
  const now = new Date('2024-01-15T10:30:00.000Z');

  it('scores a report; without rtt there is no MOS yet', () => {
    const scored = scoreReport(null, report({ packets_received: 980, packets_lost: 20 }), now);
    expect(scored).toMatchObject({ packet_loss_rate: 0.02, quality: 'excellent', reported_at: now.toISOString() });
    expect(scored.mos).toBe(estimateMos(40, 5, 0.02));
    expect(scoreReport(null, report({ rtt_ms: undefined }), now)).toMatchObject({ mos: null, quality: null });
  });

  it('sums counters and averages the rest over fresh reports only', () => {
    const fresh = (over: Partial<StatsReport>, ageMs = 0): StoredStats =>
      scoreReport(null, report(over), new Date(now.getTime() - ageMs));
    const stats = aggregateStats(
      [
        { id: 1, username: 'a', stats: fresh({ rtt_ms: 40, jitter_ms: 4, packets_received: 900, packets_lost: 100 }) },
        { id: 2, username: 'b', stats: fresh({ rtt_ms: 80, jitter_ms: 8, packets_received: 1000, packets_lost: 0 }) },
        { id: 3, username: 'c', stats: fresh({ rtt_ms: 10 }, STATS_TTL_MS + 1) },
        { id: 4, username: 'd', stats: null },
      ],
      now,
    );
    expect(stats).toMatchObject({
      packets_sent: 2000,
      packets_received: 1900,
      bytes_transferred: 2 * 220_000,
      average_latency_ms: 30,
      packet_loss_rate: 0.05,
      jitter_ms: 6,
      reporting_participants: 2,
    });
    const mosA = estimateMos(40, 4, 0.1);
    const mosB = estimateMos(80, 8, 0);
    expect(stats.audio_quality_score).toBe(Math.round(((mosA + mosB) / 2) * 100) / 100);
    expect(stats.quality).toBe(qualityLevel(stats.audio_quality_score!));
    expect(stats.participants.map((p) => p.user_id)).toEqual([1, 2]);
    expect(stats.participants[0]).toMatchObject({ username: 'a', rtt_ms: 40, jitter_ms: 4, packet_loss_rate: 0.1, peers: [] });
  });

  it('answers zeros and nulls for a channel without reports', () => {
    expect(aggregateStats([{ id: 1, username: 'a', stats: null }], now)).toEqual({
      packets_sent: 0,
      packets_received: 0,
      bytes_transferred: 0,
      average_latency_ms: null,
      packet_loss_rate: null,
      jitter_ms: null,
      audio_quality_score: null,
      quality: null,
      reporting_participants: 0,
      participants: [],
    });
  });
});
