import { opusParamsOf, PACKET_MS, setOpusParams, setPacketTime, type OpusParams } from './sdp';

export interface SignalOut {
  description?: { type: RTCSdpType; sdp: string };
  candidate?: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null; usernameFragment?: string | null };
}

export interface PeerOptions {
  userId: number;
  /** The polite peer yields on glare (rolls back its own offer); exactly one side of each pair is. */
  polite: boolean;
  /**
   * Whether this side makes the first offer. Only one side of a pair does (the one already seated offers
   * to the newcomer): two first offers crossing made Chromium roll back an offer whose ICE gathering had
   * not begun, and that side then never gathered a candidate, leaving the call at "new" for good.
   */
  initiator: boolean;
  iceServers: RTCIceServer[];
  /** The microphone as it is now (it changes on a device switch or a music-mode toggle). */
  microphone: () => { track: MediaStreamTrack; stream: MediaStream };
  /** How this client sends: applied to each remote description, whose fmtp the encoder follows. */
  sendParams: () => OpusParams;
  maxBitrate: () => number;
  send: (signal: SignalOut) => void;
  onTrack: (stream: MediaStream) => void;
  onStateChange: () => void;
}

/** A network drop shorter than this heals by itself; longer, the peer restarts ICE. */
const DISCONNECTED_GRACE_MS = 2_000;
/** A connection not up this long after the peer was made (or last retried) is negotiated again. */
const SETUP_WATCHDOG_MS = 10_000;

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
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  /** How often the setup watchdog had to step in: 0 on a healthy setup. */
  setupRetries = 0;

  constructor(options: PeerOptions) {
    this.options = options;
    this.userId = options.userId;
    this.pc = new RTCPeerConnection({ iceServers: options.iceServers });
    // The answerer's microphone goes on the transceiver the first offer creates (see attachMicrophone).
    if (options.initiator) this.addMicrophone();
    this.armWatchdog();

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
    this.pc.onconnectionstatechange = () => {
      if (this.pc.connectionState === 'connected') clearTimeout(this.watchdog);
      options.onStateChange();
    };
  }

  private addMicrophone(): void {
    const { track, stream } = this.options.microphone();
    preferOpus(this.pc.addTransceiver(track, { direction: 'sendrecv', streams: [stream] }));
  }

  /** The answerer sends on the audio m-line of the first offer, rather than adding a second one. */
  private async attachMicrophone(): Promise<void> {
    const [transceiver] = this.pc.getTransceivers();
    if (!transceiver || transceiver.direction === 'sendrecv') return;
    const { track, stream } = this.options.microphone();
    transceiver.direction = 'sendrecv';
    transceiver.sender.setStreams(stream);
    preferOpus(transceiver);
    await transceiver.sender.replaceTrack(track);
  }

  /**
   * A safety net for a call that does not come up (a lost signal, a browser quirk). The initiator
   * restarts ICE, offering again if its offer was never answered; an answerer that never got an offer
   * makes one itself, after twice the wait so that the initiator's retry comes first.
   */
  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    const wait = this.options.initiator ? SETUP_WATCHDOG_MS : 2 * SETUP_WATCHDOG_MS;
    this.watchdog = setTimeout(() => {
      if (this.closed || this.pc.connectionState === 'connected') return;
      this.setupRetries++;
      if (this.pc.getTransceivers().length === 0) this.addMicrophone();
      else if (this.options.initiator) {
        this.pc.restartIce();
        // In "stable" the restart fires negotiationneeded; an unanswered offer is replaced here.
        if (this.pc.signalingState === 'have-local-offer') void this.offer();
      }
      this.armWatchdog();
    }, wait);
  }

  get sender(): RTCRtpSender | undefined {
    return this.pc.getSenders().find((s) => s.track?.kind === 'audio' || s.track === null);
  }

  /** Sends a fresh offer: after a change of send profile, so the new fmtp is negotiated. */
  renegotiate(): void {
    // Before the first offer has arrived there is nothing to renegotiate: the answer will carry the new profile.
    if (this.pc.getTransceivers().length) void this.offer();
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
      if (description.type === 'offer') await this.attachMicrophone();
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
    clearTimeout(this.watchdog);
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.oniceconnectionstatechange = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }
}

function preferOpus(transceiver: RTCRtpTransceiver): void {
  const opus = RTCRtpReceiver.getCapabilities('audio')?.codecs.filter((c) => /opus/i.test(c.mimeType)) ?? [];
  if (opus.length) transceiver.setCodecPreferences(opus);
}
