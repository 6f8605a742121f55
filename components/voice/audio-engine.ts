/** What getUserMedia asks for: voice processing on for talking, off (and stereo) for instruments. */
export function micConstraints(deviceId: string | null, musicMode: boolean): MediaStreamConstraints {
  const processing = !musicMode;
  return {
    audio: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      echoCancellation: processing,
      noiseSuppression: processing,
      autoGainControl: processing,
      channelCount: musicMode ? { ideal: 2 } : { ideal: 1 },
      sampleRate: { ideal: 48_000 },
    },
    video: false,
  };
}

interface RemoteNodes {
  /**
   * Chrome decodes a remote WebRTC stream (and feeds WebAudio) only while a media element plays it.
   * The element is muted so the graph below is the one path to the speakers; Chrome then reports the
   * inbound-rtp audioLevel after that zero volume, so the call measures what it hears in the graph.
   */
  element: HTMLAudioElement;
  source: MediaStreamAudioSourceNode;
  analyser: AnalyserNode;
  gain: GainNode;
}

/** Root mean square of an analyser's current window, 0–1 of full scale. */
function rmsOf(analyser: AnalyserNode, buffer: Float32Array<ArrayBuffer>): number {
  analyser.getFloatTimeDomainData(buffer);
  let sum = 0;
  for (const v of buffer) sum += v * v;
  return Math.sqrt(sum / buffer.length);
}

/** An RMS as a meter level, scaled so speech sits around 0.3–0.8. */
export const meterLevel = (rms: number) => Math.min(1, rms * 4);

/** How long "test my mic" delays your voice, so you hear it as others do rather than over yourself. */
const LOOPBACK_DELAY_S = 0.4;

/**
 * The call's audio graph. Each remote stream plays through its own gain (per-person volume) into a
 * master gain (deafen); analysers on every stream drive the speaking rings and the mic meter. The
 * microphone track itself goes to the peer connections untouched, for the lowest latency.
 */
export class AudioEngine {
  readonly ctx: AudioContext;
  private readonly master: GainNode;
  private local: { source: MediaStreamAudioSourceNode; analyser: AnalyserNode } | null = null;
  private readonly loopDelay: DelayNode;
  private readonly loopGain: GainNode;
  private readonly remotes = new Map<number, RemoteNodes>();
  private readonly buffer = new Float32Array(1024);

  constructor() {
    this.ctx = new AudioContext({ latencyHint: 'interactive', sampleRate: 48_000 });
    this.master = this.ctx.createGain();
    this.master.connect(this.ctx.destination);
    this.loopDelay = this.ctx.createDelay(1);
    this.loopDelay.delayTime.value = LOOPBACK_DELAY_S;
    this.loopGain = this.ctx.createGain();
    this.loopGain.gain.value = 0;
    this.loopDelay.connect(this.loopGain).connect(this.ctx.destination);
  }

  resume(): Promise<void> {
    return this.ctx.state === 'suspended' ? this.ctx.resume() : Promise.resolve();
  }

  setMicrophone(stream: MediaStream): void {
    this.local?.source.disconnect();
    const source = this.ctx.createMediaStreamSource(stream);
    const analyser = this.ctx.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    source.connect(this.loopDelay);
    this.local = { source, analyser };
  }

  setLoopback(on: boolean): void {
    this.loopGain.gain.setTargetAtTime(on ? 1 : 0, this.ctx.currentTime, 0.02);
  }

  micLevel(): number {
    return this.local ? meterLevel(rmsOf(this.local.analyser, this.buffer)) : 0;
  }

  addRemote(userId: number, stream: MediaStream, volume: number): void {
    this.removeRemote(userId);
    const element = new Audio();
    element.muted = true;
    element.srcObject = stream;
    void element.play().catch(() => undefined);
    const source = this.ctx.createMediaStreamSource(stream);
    const analyser = this.ctx.createAnalyser();
    analyser.fftSize = 1024;
    const gain = this.ctx.createGain();
    gain.gain.value = volume;
    source.connect(analyser);
    source.connect(gain).connect(this.master);
    this.remotes.set(userId, { element, source, analyser, gain });
  }

  removeRemote(userId: number): void {
    const nodes = this.remotes.get(userId);
    if (!nodes) return;
    nodes.source.disconnect();
    nodes.gain.disconnect();
    nodes.element.srcObject = null;
    this.remotes.delete(userId);
  }

  /** The RMS of what arrives from someone, before their volume and deafen. */
  remoteRms(userId: number): number {
    const nodes = this.remotes.get(userId);
    return nodes ? rmsOf(nodes.analyser, this.buffer) : 0;
  }

  setVolume(userId: number, volume: number): void {
    this.remotes.get(userId)?.gain.gain.setTargetAtTime(volume, this.ctx.currentTime, 0.02);
  }

  setDeafened(deafened: boolean): void {
    this.master.gain.setTargetAtTime(deafened ? 0 : 1, this.ctx.currentTime, 0.02);
  }

  /** A short two-note chime: rising when someone joins, falling when someone leaves. */
  cue(kind: 'join' | 'leave'): void {
    const notes = kind === 'join' ? [587.33, 880] : [880, 587.33];
    const start = this.ctx.currentTime + 0.01;
    notes.forEach((frequency, i) => {
      const osc = this.ctx.createOscillator();
      const env = this.ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      const t = start + i * 0.09;
      env.gain.setValueAtTime(0, t);
      env.gain.linearRampToValueAtTime(0.08, t + 0.01);
      env.gain.exponentialRampToValueAtTime(0.0001, t + 0.16);
      osc.connect(env).connect(this.master);
      osc.start(t);
      osc.stop(t + 0.18);
    });
  }

  close(): void {
    for (const id of [...this.remotes.keys()]) this.removeRemote(id);
    this.local?.source.disconnect();
    void this.ctx.close();
  }
}
