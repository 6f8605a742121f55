// Voice in the browser (issue 6): a measured mouth-to-ear estimate over loopback in headless Chromium.
// Two RTCPeerConnections in one page send the fake microphone to each other with the app's voice-mode
// Opus settings (the same SDP munging as the client, components/voice/sdp.ts); after the call settles,
// the estimate adds what getStats measures on each hop:
//   codec      Opus frame (the sender waits for a full one; timed from the packet rate) + its 6.5 ms look-ahead
//            + sender pacing (outbound-rtp totalPacketSendDelay / packetsSent)
//   network    remote-inbound-rtp roundTripTime / 2 (the candidate pair's RTT until RTCP has one)
//   jitter     inbound-rtp jitterBufferDelay / jitterBufferEmittedCount
//   playout    media-playout totalPlayoutDelay / totalSamplesCount (Chromium's audio output path)
// Target: the configured latency_target_ms (GET /api/v1/audio/config, 50 ms by default).
import { chromium } from '@playwright/test';
import { opusParamsFor, PACKET_MS, setOpusParams, setPacketTime } from '../components/voice/sdp';
import { chromiumArgs } from '../playwright.config';
import { benchUser, json, startApp, type SuiteResult } from './util';

const SETTLE_MS = Number(process.env.BENCH_VOICE_BROWSER_SECONDS ?? 10) * 1000;
/** Browsers' default packet time, if the packet rate cannot be read. */
const OPUS_FRAME_MS = 20;
const OPUS_LOOKAHEAD_MS = 6.5;

interface Hops {
  pacingMs: number | null;
  rttMs: number | null;
  jitterBufferMs: number | null;
  playoutMs: number | null;
  bytesReceived: number;
}

export async function runVoiceBrowser(): Promise<SuiteResult> {
  const app = await startApp();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const { token } = await benchUser(app.url);
    const config = (await json(`${app.url}/api/v1/audio/config`, { headers: { authorization: `Bearer ${token}` } })).data as {
      latency_target_ms: number;
      bitrate_kbps: number;
      dtx: boolean;
    };
    // DTX off: the packet rate then gives the frame length the sender really uses (with DTX, silences
    // send almost nothing). DTX changes what is sent in silence, not how long a spoken frame takes.
    const profile = opusParamsFor({ stereo: false, bitrateKbps: config.bitrate_kbps, dtx: false });

    const page = await browser.newPage();
    // tsx (esbuild, keepNames) wraps the named functions of the evaluated code in its `__name` helper,
    // which the page does not have.
    await page.addInitScript('globalThis.__name = (target) => target;');
    // A page of the app's origin: getUserMedia needs a secure context, which loopback is.
    await page.goto(`${app.url}/health`);
    const offer = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true }, video: false });
      const a = new RTCPeerConnection();
      const b = new RTCPeerConnection();
      a.onicecandidate = (e) => e.candidate && void b.addIceCandidate(e.candidate);
      b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate);
      b.ontrack = (e) => {
        // Played out, so the receiver's playout path (and its stats) run as in a call.
        const audio = new Audio();
        audio.srcObject = e.streams[0] ?? new MediaStream([e.track]);
        void audio.play();
      };
      a.addTrack(mic.getAudioTracks()[0]!, mic);
      w.a = a;
      w.b = b;
      const o = await a.createOffer();
      return o.sdp!;
    });
    // Each side applies the other's description with the voice-mode fmtp, as the app's client does.
    const answer = await page.evaluate(
      async ({ offerSdp, munged }) => {
        const w = window as unknown as { a: RTCPeerConnection; b: RTCPeerConnection };
        await w.a.setLocalDescription({ type: 'offer', sdp: offerSdp });
        await w.b.setRemoteDescription({ type: 'offer', sdp: munged });
        const ans = await w.b.createAnswer();
        await w.b.setLocalDescription(ans);
        return ans.sdp!;
      },
      { offerSdp: offer, munged: setPacketTime(setOpusParams(offer, profile), PACKET_MS) },
    );
    await page.evaluate(async (sdp) => {
      const w = window as unknown as { a: RTCPeerConnection };
      await w.a.setRemoteDescription({ type: 'answer', sdp });
    }, setPacketTime(setOpusParams(answer, profile), PACKET_MS));

    await page.waitForTimeout(SETTLE_MS);
    const packetsSent = () =>
      page.evaluate(async () => {
        const stats = [...(await (window as unknown as { a: RTCPeerConnection }).a.getStats()).values()] as Record<string, unknown>[];
        return { packets: Number(stats.find((s) => s.type === 'outbound-rtp')?.packetsSent ?? 0), at: performance.now() };
      });
    const first = await packetsSent();
    await page.waitForTimeout(2_000);
    const second = await packetsSent();
    const frameMs = second.packets > first.packets ? (second.at - first.at) / (second.packets - first.packets) : OPUS_FRAME_MS;
    const hops = await page.evaluate(async (): Promise<Hops> => {
      const w = window as unknown as { a: RTCPeerConnection; b: RTCPeerConnection };
      const of = async (pc: RTCPeerConnection) => [...(await pc.getStats()).values()] as Record<string, number | string | boolean>[];
      const [sent, received] = await Promise.all([of(w.a), of(w.b)]);
      const find = (list: typeof sent, type: string) => list.find((s) => s.type === type);
      const outbound = find(sent, 'outbound-rtp');
      const remoteInbound = find(sent, 'remote-inbound-rtp');
      const pair = sent.find((s) => s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated);
      const inbound = find(received, 'inbound-rtp');
      const playout = find(received, 'media-playout');
      const ratio = (n: unknown, d: unknown) => (typeof n === 'number' && typeof d === 'number' && d > 0 ? (n / d) * 1000 : null);
      const rttS = typeof remoteInbound?.roundTripTime === 'number' ? remoteInbound.roundTripTime : pair?.currentRoundTripTime;
      return {
        pacingMs: ratio(outbound?.totalPacketSendDelay, outbound?.packetsSent),
        rttMs: typeof rttS === 'number' ? rttS * 1000 : null,
        jitterBufferMs: ratio(inbound?.jitterBufferDelay, inbound?.jitterBufferEmittedCount),
        playoutMs: ratio(playout?.totalPlayoutDelay, playout?.totalSamplesCount),
        bytesReceived: typeof inbound?.bytesReceived === 'number' ? inbound.bytesReceived : 0,
      };
    });
    if (hops.bytesReceived === 0) throw new Error('no audio reached the receiving peer');

    const codecMs = frameMs + OPUS_LOOKAHEAD_MS + (hops.pacingMs ?? 0);
    const networkMs = (hops.rttMs ?? 0) / 2;
    const jitterMs = hops.jitterBufferMs ?? 0;
    const playoutMs = hops.playoutMs ?? 0;
    const total = codecMs + networkMs + jitterMs + playoutMs;
    const f = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(1)} ms`);
    const notes = [`voice mode, ${config.bitrate_kbps} kbps, ${PACKET_MS} ms packets asked (a=ptime), DTX off to time frames; ${SETTLE_MS / 1000} s of audio before reading stats`];
    if (hops.playoutMs === null) notes.push('this Chromium reports no media-playout stats: playout delay counted as 0');
    if (hops.rttMs === null) notes.push('no RTT yet: network counted as 0');
    return {
      lines: [
        'loopback mouth-to-ear estimate (headless Chromium, two peer connections)',
        `  codec (frame ${f(frameMs)} + look-ahead + pacing ${f(hops.pacingMs)})`.padEnd(52) + f(codecMs),
        `  network (RTT ${f(hops.rttMs)} / 2)`.padEnd(52) + f(networkMs),
        '  jitter buffer'.padEnd(52) + f(hops.jitterBufferMs),
        '  playout'.padEnd(52) + f(hops.playoutMs),
        '  total'.padEnd(52) + f(total),
      ],
      checks: [{ name: 'mouth-to-ear estimate, loopback', value: total, target: config.latency_target_ms, higherIsBetter: false, unit: ' ms' }],
      notes,
    };
  } finally {
    await browser.close();
    await app.stop();
  }
}
