import { opusParamsOf, PACKET_MS, setOpusParams, setPacketTime, type OpusParams } from './sdp';

export interface SignalOut {
  description?: { type: RTCSdpType; sdp: string };
  candidate?: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null; usernameFragment?: string | null };
}

export interface PeerOptions {
  userId: number;
  /** The polite peer yields on glare (rolls back its own offer); exactly one side of each pair is. */
  polite: boolean;
  iceServers: RTCIceServer[];
  track: MediaStreamTrack;
  stream: MediaStream;
  /** How this client sends: applied to each remote description, whose fmtp the encoder follows. */
  sendParams: () => OpusParams;
  maxBitrate: () => number;
  send: (signal: SignalOut) => void;
  onTrack: (stream: MediaStream) => void;
  onStateChange: () => void;
}

/** A network drop shorter than this heals by itself; longer, the peer restarts ICE. */
const DISCONNECTED_GRACE_MS = 2_000;

/**
 * One RTCPeerConnection of the mesh, negotiated with the perfect negotiation pattern: either side may
 * offer at any time (a renegotiation, an ICE restart), and on glare the polite side rolls back and takes
 * the other's offer while the impolite side ignores it, so two offers crossing can never deadlock.
 */
export class Peer {
  readonly userId: number;
  readonly pc: RTCPeerConnection;
  private readonly options: PeerOptions;
  private makingOffer = false;
  private ignoreOffer = false;
  /** Signals are applied one at a time, in arrival order. */
  private queue: Promise<void> = Promise.resolve();
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(options: PeerOptions) {
    this.options = options;
    this.userId = options.userId;
    this.pc = new RTCPeerConnection({ iceServers: options.iceServers });
    const transceiver = this.pc.addTransceiver(options.track, { direction: 'sendrecv', streams: [options.stream] });
    const opus = RTCRtpReceiver.getCapabilities('audio')?.codecs.filter((c) => /opus/i.test(c.mimeType)) ?? [];
    if (opus.length) transceiver.setCodecPreferences(opus);

    this.pc.onnegotiationneeded = () => void this.offer();
    this.pc.onicecandidate = ({ candidate }) => {
      if (!candidate) return;
      const c = candidate.toJSON();
      options.send({
        candidate: { candidate: c.candidate ?? '', sdpMid: c.sdpMid ?? null, sdpMLineIndex: c.sdpMLineIndex ?? null, usernameFragment: c.usernameFragment ?? null },
      });
    };
    this.pc.ontrack = ({ streams, track }) => options.onTrack(streams[0] ?? new MediaStream([track]));
    this.pc.oniceconnectionstatechange = () => {
      const state = this.pc.iceConnectionState;
      clearTimeout(this.graceTimer);
      if (state === 'failed') this.restartIce();
      else if (state === 'disconnected') this.graceTimer = setTimeout(() => this.restartIce(), DISCONNECTED_GRACE_MS);
      options.onStateChange();
    };
    this.pc.onconnectionstatechange = () => options.onStateChange();
  }

  get sender(): RTCRtpSender | undefined {
    return this.pc.getSenders().find((s) => s.track?.kind === 'audio' || s.track === null);
  }

  /** Sends a fresh offer: after a change of send profile, so the new fmtp is negotiated. */
  renegotiate(): void {
    void this.offer();
  }

  restartIce(): void {
    if (this.closed) return;
    this.pc.restartIce();
  }

  private async offer(): Promise<void> {
    if (this.closed) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const local = this.pc.localDescription;
      if (local) this.options.send({ description: { type: local.type, sdp: local.sdp } });
    } catch (err) {
      console.warn('voice: offer failed', err);
    } finally {
      this.makingOffer = false;
    }
  }

  handleSignal(signal: SignalOut): Promise<void> {
    this.queue = this.queue.then(() => this.apply(signal)).catch((err: unknown) => console.warn('voice: signal failed', err));
    return this.queue;
  }

  private async apply({ description, candidate }: SignalOut): Promise<void> {
    if (this.closed) return;
    if (description) {
      const collision = description.type === 'offer' && (this.makingOffer || this.pc.signalingState !== 'stable');
      this.ignoreOffer = !this.options.polite && collision;
      if (this.ignoreOffer) return;
      if (collision) await this.pc.setLocalDescription({ type: 'rollback' });
      const sdp = setPacketTime(setOpusParams(description.sdp, this.options.sendParams()), PACKET_MS);
      await this.pc.setRemoteDescription({ type: description.type, sdp });
      await this.applyBitrate();
      if (description.type === 'offer') {
        await this.pc.setLocalDescription();
        const local = this.pc.localDescription;
        if (local) this.options.send({ description: { type: local.type, sdp: local.sdp } });
      }
    } else if (candidate) {
      try {
        await this.pc.addIceCandidate(candidate);
      } catch (err) {
        // Candidates of an offer we ignored on glare fail to apply: expected.
        if (!this.ignoreOffer) throw err;
      }
    }
  }

  private async applyBitrate(): Promise<void> {
    const sender = this.sender;
    if (!sender) return;
    const params = sender.getParameters();
    if (!params.encodings?.length) return;
    for (const encoding of params.encodings) encoding.maxBitrate = this.options.maxBitrate();
    await sender.setParameters(params);
  }

  /** The Opus parameters this client sends with (the applied remote description's fmtp). */
  sendingOpusParams(): Record<string, string> {
    return opusParamsOf(this.pc.remoteDescription?.sdp ?? '');
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.graceTimer);
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.oniceconnectionstatechange = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }
}
