import { describe, expect, it } from 'vitest';
import { keyLabel, parseSettings, defaultSettings } from '@/components/voice/settings';
import { statsReportOf, summarizePeer } from '@/components/voice/stats';
import { statsEvent } from '@/lib/voice/schemas';

const entries = [
  { type: 'outbound-rtp', kind: 'audio', packetsSent: 500, bytesSent: 40_000 },
  { type: 'inbound-rtp', kind: 'audio', packetsReceived: 480, packetsLost: 3, bytesReceived: 38_000, jitter: 0.0042, audioLevel: 0.25, totalAudioEnergy: 1.5, jitterBufferDelay: 9.6, jitterBufferEmittedCount: 480 },
  { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.0123 },
  { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.002 },
  { type: 'inbound-rtp', kind: 'video', packetsReceived: 9999 },
];

describe('getStats summaries', () => {
  it('reads one peer connection: audio counters, RTCP round trip, jitter, level and jitter-buffer delay', () => {
    expect(summarizePeer(7, entries)).toEqual({
      userId: 7,
      rttMs: 12.3,
      jitterMs: 4.2,
      packetsSent: 500,
      packetsReceived: 480,
      packetsLost: 3,
      bytesSent: 40_000,
      bytesReceived: 38_000,
      jitterBufferMs: 20,
    });
  });

  it('falls back to the candidate pair round trip before RTCP reports one, and null without either', () => {
    expect(summarizePeer(7, entries.filter((e) => e.type !== 'remote-inbound-rtp')).rttMs).toBe(2);
    expect(summarizePeer(7, []).rttMs).toBeNull();
  });

  it('builds a voice:stats report the server accepts: summed counters, averaged rtt and jitter', () => {
    const report = statsReportOf([summarizePeer(7, entries), { ...summarizePeer(8, entries), rttMs: 20.3, jitterMs: null }]);
    expect(report).toMatchObject({ rtt_ms: 16.3, jitter_ms: 4.2, packets_sent: 1000, packets_lost: 6, bytes_received: 76_000 });
    expect(report.peers).toEqual([
      { user_id: 7, rtt_ms: 12.3, jitter_ms: 4.2, packets_received: 480, packets_lost: 3 },
      { user_id: 8, rtt_ms: 20.3, packets_received: 480, packets_lost: 3 },
    ]);
    expect(statsEvent.safeParse(report).success).toBe(true);
    expect(statsEvent.safeParse(statsReportOf([])).success).toBe(true);
  });
});

describe('voice settings', () => {
  it('keeps valid stored values and drops anything else', () => {
    expect(parseSettings(JSON.stringify({ deviceId: 'abc', mode: 'push-to-talk', pttKey: 'KeyT', musicMode: true, volumes: { 3: 1.5, x: 1, 4: 9 } }))).toEqual({
      deviceId: 'abc',
      mode: 'push-to-talk',
      pttKey: 'KeyT',
      musicMode: true,
      volumes: { 3: 1.5 },
    });
    expect(parseSettings('{not json')).toEqual(defaultSettings);
    expect(parseSettings(JSON.stringify({ mode: 'shout', pttKey: '<script>' }))).toEqual(defaultSettings);
  });

  it('names push-to-talk keys readably', () => {
    expect(keyLabel('KeyT')).toBe('T');
    expect(keyLabel('Digit5')).toBe('5');
    expect(keyLabel('ControlLeft')).toBe('Left Ctrl');
    expect(keyLabel('Space')).toBe('Space');
    expect(keyLabel('ArrowUp')).toBe('Arrow Up');
  });
});
