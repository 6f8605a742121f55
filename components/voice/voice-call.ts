import type { Socket } from 'socket.io-client';
import type { Ack, ServerToClientEvents } from '@/lib/realtime/events';
import type { LeaveReason, VoiceClientEvents, VoiceJoinResult } from '@/lib/voice/events';
import type { AudioConfigOut, QualityLevel } from '@/lib/voice/schemas';
import { AudioEngine, meterLevel, micConstraints } from './audio-engine';
import { Peer, type SignalOut } from './peer';
import { opusParamsFor, type SendProfile } from './sdp';
import { statsReportOf, summarizePeer, type PeerStats, type RtcStatsEntry } from './stats';
import { loadSettings, saveSettings, type VoiceSettings } from './settings';

export type VoiceSocket = Socket<ServerToClientEvents, VoiceClientEvents>;

export interface Participant {
  userId: number;
  username: string;
  muted: boolean;
  deafened: boolean;
  speaking: boolean;
  quality: QualityLevel | null;
  mos: number | null;
  /** 0–2 (1 = as sent); only for others. */
  volume: number;
  /** The peer connection's state; null for yourself. */
  connection: RTCPeerConnectionState | null;
}

export interface PeerDiagnostics extends PeerStats {
  username: string;
  connection: RTCPeerConnectionState;
  ice: RTCIceConnectionState;
  /** How often the connection had to be negotiated again because it did not come up. */
  setupRetries: number;
  /** The Opus fmtp this client encodes with toward that peer. */
  sendingOpus: Record<string, string>;
  /** The latest level of that peer's audio arriving in the graph, 0–1 (0 while they are silent or muted). */
  audioLevel: number;
  /** Cumulative energy of that peer's audio: it grows while there is sound, and stands still in silence. */
  audioEnergy: number;
}

export interface CallState {
  status: 'idle' | 'joining' | 'connected' | 'reconnecting';
  channelId: number | null;
  /** Why the last join failed or the call ended, for the page to show. */
  notice: { tone: 'error' | 'info'; text: string } | null;
  participants: Participant[];
  muted: boolean;
  deafened: boolean;
  musicMode: boolean;
  /** Push-to-talk key held now. */
  talking: boolean;
  micLevel: number;
  loopback: boolean;
  devices: MediaDeviceInfo[];
  settings: VoiceSettings;
  diagnostics: PeerDiagnostics[];
}

const JOIN_TIMEOUT_MS = 10_000;
const STATS_EVERY_MS = 2_000;
const LEVEL_EVERY_MS = 80;
/** A level above this is speech; speaking holds this long after it drops, so rings do not flicker. */
const SPEAKING_LEVEL = 0.06;
const SPEAKING_HOLD_MS = 350;
/** `speaking` goes out at most this often (the server allows a few state events a second). */
const SPEAKING_SEND_EVERY_MS = 500;
/** Below this RMS (-60 dBFS) arriving audio counts as silence, so decoder noise adds no energy. */
const SILENCE_RMS = 0.001;

const outMessages: Partial<Record<LeaveReason, string>> = {
  moved: 'You joined this channel from another tab or device, so this one left.',
  removed: 'You were removed from this private channel.',
  channel_deleted: 'This channel was deleted.',
  timeout: 'The connection to the voice server was lost. Join again to continue.',
};

function joinErrorText(ack: Extract<Ack, { success: false }>): string {
  if (ack.error_code === 'CHANNEL_FULL') return 'This channel is full. Try again when someone leaves.';
  if (ack.error_code === 'CHANNEL_NOT_FOUND') return 'This channel no longer exists.';
  if (ack.error_code === 'PERMISSION_DENIED') return 'This channel is private: only its members can join.';
  return ack.error;
}

function micErrorText(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError') return 'Talas may not use your microphone. Allow it in the browser’s site settings, then join again.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No microphone was found. Plug one in or pick another in the settings.';
  return 'Your microphone could not be opened.';
}

const isEditable = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * A voice call in one channel: the seat (over Socket.IO), a full mesh of peer connections, the
 * microphone and the audio graph. The page reads its state through `subscribe`/`getState`.
 */
export class VoiceCall {
  private state: CallState;
  private readonly listeners = new Set<() => void>();
  private readonly socket: VoiceSocket;
  private readonly me: { id: number; username: string };
  private config: AudioConfigOut | null = null;
  private iceServers: RTCIceServer[] = [];
  private audio: AudioEngine | null = null;
  private mic: MediaStream | null = null;
  private readonly peers = new Map<number, Peer>();
  private timers: ReturnType<typeof setInterval>[] = [];
  /** The channel's events that arrived while our join was in flight, replayed once seated. */
  private early: (() => void)[] = [];
  private speakingSince = 0;
  private localSpeaking = false;
  private lastSpeakingSent = 0;
  private speakingSendTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly remoteHeard = new Map<number, number>();
  /**
   * What arrives from each peer, measured in the audio graph: Chrome's inbound-rtp audioLevel and
   * totalAudioEnergy are taken after the playing element's volume, which is 0 here (see AudioEngine).
   */
  private readonly remoteAudio = new Map<number, { level: number; energy: number }>();
  private readonly unbind: (() => void)[] = [];

  constructor(socket: VoiceSocket, me: { id: number; username: string }) {
    this.socket = socket;
    this.me = me;
    const settings = loadSettings();
    this.state = {
      status: 'idle',
      channelId: null,
      notice: null,
      participants: [],
      muted: false,
      deafened: false,
      musicMode: settings.musicMode,
      talking: false,
      micLevel: 0,
      loopback: false,
      devices: [],
      settings,
      diagnostics: [],
    };
  }

  /** Starts listening to the socket, keys and network; `stop` undoes it (and leaves the channel). */
  start(): void {
    this.bindSocket();
    this.bindWindow();
  }

  // ---- store

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = () => this.state;

  private set(patch: Partial<CallState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private patchParticipant(userId: number, patch: Partial<Participant>): void {
    this.set({ participants: this.state.participants.map((p) => (p.userId === userId ? { ...p, ...patch } : p)) });
  }

  // ---- joining and leaving

  async join(channelId: number, config: AudioConfigOut): Promise<void> {
    if (this.state.status !== 'idle') await this.leave();
    this.config = config;
    this.set({ status: 'joining', channelId, notice: null });
    try {
      await this.openMicrophone();
    } catch (err) {
      this.teardown();
      this.set({ status: 'idle', channelId: null, notice: { tone: 'error', text: micErrorText(err) } });
      return;
    }
    await this.takeSeat(channelId);
  }

  private async takeSeat(channelId: number): Promise<void> {
    let ack: Ack<VoiceJoinResult>;
    try {
      ack = await this.socket.timeout(JOIN_TIMEOUT_MS).emitWithAck('voice:join', { channel_id: channelId });
    } catch {
      ack = { success: false, error: 'The voice server did not answer. Try again.', error_code: 'TIMEOUT' };
    }
    if (this.state.channelId !== channelId) return; // left while joining
    if (!ack.success) {
      this.teardown();
      this.set({ status: 'idle', channelId: null, participants: [], notice: { tone: 'error', text: joinErrorText(ack) } });
      return;
    }
    this.iceServers = ack.data.ice_servers as RTCIceServer[];
    const known = new Map(this.state.participants.map((p) => [p.userId, p]));
    this.set({
      status: 'connected',
      participants: ack.data.participants.map((p) => this.participantOf(p, known.get(p.user_id))),
    });
    // In arrival order, before our own offers: an early offer finds its peer ready to answer.
    for (const run of this.early.splice(0)) run();
    for (const p of ack.data.participants) if (p.user_id !== this.me.id) this.peerFor(p.user_id);
    this.sendState({ muted: this.state.muted || this.state.deafened, deafened: this.state.deafened });
    this.startTimers();
    this.audio?.cue('join');
  }

  async leave(): Promise<void> {
    const channelId = this.state.channelId;
    if (channelId === null) return;
    this.set({ channelId: null });
    this.socket.emit('voice:leave', { channel_id: channelId });
    this.teardown();
    this.set({ status: 'idle', participants: [], diagnostics: [], loopback: false, talking: false });
  }

  stop(): void {
    void this.leave();
    for (const off of this.unbind.splice(0)) off();
  }

  private teardown(): void {
    this.early = [];
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    clearTimeout(this.speakingSendTimer);
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.remoteHeard.clear();
    this.remoteAudio.clear();
    for (const track of this.mic?.getTracks() ?? []) track.stop();
    this.mic = null;
    this.audio?.close();
    this.audio = null;
    this.localSpeaking = false;
  }

  private participantOf(p: { user_id: number; username: string; muted: boolean; deafened: boolean }, known?: Participant): Participant {
    return {
      userId: p.user_id,
      username: p.username,
      muted: p.muted,
      deafened: p.deafened,
      speaking: known?.speaking ?? false,
      quality: known?.quality ?? null,
      mos: known?.mos ?? null,
      volume: this.state.settings.volumes[p.user_id] ?? 1,
      connection: p.user_id === this.me.id ? null : (known?.connection ?? 'new'),
    };
  }

  // ---- microphone

  private sendProfile(): SendProfile {
    const config = this.config;
    if (this.state.musicMode) {
      return { stereo: (config?.music_mode.channels ?? 2) === 2, bitrateKbps: config?.music_mode.bitrate_kbps ?? 128, dtx: config?.music_mode.dtx ?? false };
    }
    return { stereo: false, bitrateKbps: config?.bitrate_kbps ?? 32, dtx: config?.dtx ?? true };
  }

  private async openMicrophone(): Promise<void> {
    const { deviceId } = this.state.settings;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia(micConstraints(deviceId, this.state.musicMode));
    } catch (err) {
      // A remembered device that is gone: fall back to the default one.
      if (!deviceId || !(err instanceof DOMException) || err.name !== 'OverconstrainedError') throw err;
      stream = await navigator.mediaDevices.getUserMedia(micConstraints(null, this.state.musicMode));
    }
    const previous = this.mic;
    this.mic = stream;
    this.applyTrackEnabled();
    this.audio ??= new AudioEngine();
    await this.audio.resume();
    this.audio.setMicrophone(stream);
    this.audio.setDeafened(this.state.deafened);
    this.audio.setLoopback(this.state.loopback);
    const track = stream.getAudioTracks()[0]!;
    // Hot swap: the senders take the new track without renegotiating.
    await Promise.all([...this.peers.values()].map((peer) => peer.sender?.replaceTrack(track)));
    for (const t of previous?.getTracks() ?? []) t.stop();
    await this.refreshDevices();
  }

  async refreshDevices(): Promise<void> {
    const devices = await navigator.mediaDevices.enumerateDevices();
    this.set({ devices: devices.filter((d) => d.kind === 'audioinput') });
  }

  async selectDevice(deviceId: string | null): Promise<void> {
    this.updateSettings({ deviceId });
    if (this.mic) await this.openMicrophone().catch((err: unknown) => this.set({ notice: { tone: 'error', text: micErrorText(err) } }));
  }

  /** Music mode on or off, live: a new track with other processing, then a new offer per peer for the new fmtp. */
  async setMusicMode(on: boolean): Promise<void> {
    this.updateSettings({ musicMode: on });
    this.set({ musicMode: on });
    if (!this.mic) return;
    try {
      await this.openMicrophone();
    } catch (err) {
      this.set({ notice: { tone: 'error', text: micErrorText(err) } });
      return;
    }
    for (const peer of this.peers.values()) peer.renegotiate();
  }

  // ---- controls

  setMuted(muted: boolean): void {
    this.set({ muted });
    this.applyTrackEnabled();
    this.sendState({ muted: muted || this.state.deafened });
  }

  setDeafened(deafened: boolean): void {
    this.set({ deafened });
    this.audio?.setDeafened(deafened);
    this.applyTrackEnabled();
    this.sendState({ muted: this.state.muted || deafened, deafened });
  }

  setVolume(userId: number, volume: number): void {
    this.audio?.setVolume(userId, volume);
    this.patchParticipant(userId, { volume });
    this.updateSettings({ volumes: { ...this.state.settings.volumes, [userId]: volume } });
  }

  setLoopback(on: boolean): void {
    this.audio?.setLoopback(on);
    this.set({ loopback: on });
  }

  updateSettings(patch: Partial<VoiceSettings>): void {
    const settings = { ...this.state.settings, ...patch };
    saveSettings(settings);
    this.set({ settings });
    if (patch.mode !== undefined) this.applyTrackEnabled();
  }

  private transmitting(): boolean {
    const { muted, deafened, talking, settings } = this.state;
    return !muted && !deafened && (settings.mode === 'voice-activity' || talking);
  }

  private applyTrackEnabled(): void {
    const on = this.transmitting();
    for (const track of this.mic?.getAudioTracks() ?? []) track.enabled = on;
  }

  private sendState(state: { muted?: boolean; deafened?: boolean; speaking?: boolean }): void {
    if (this.state.status !== 'connected') return;
    this.socket.emit('voice:state', state);
  }

  // ---- peers

  /** The peer connection to `userId`; `initiator` when they just joined us, so we make the first offer. */
  private peerFor(userId: number, initiator = false): Peer {
    const existing = this.peers.get(userId);
    if (existing) return existing;
    const peer = new Peer({
      userId,
      polite: this.me.id < userId,
      initiator,
      iceServers: this.iceServers,
      microphone: () => ({ track: this.mic!.getAudioTracks()[0]!, stream: this.mic! }),
      sendParams: () => opusParamsFor(this.sendProfile()),
      maxBitrate: () => this.sendProfile().bitrateKbps * 1000,
      send: (signal: SignalOut) => this.socket.emit('voice:signal', { to: userId, ...signal }),
      onTrack: (stream) => this.audio?.addRemote(userId, stream, this.state.settings.volumes[userId] ?? 1),
      onStateChange: () => this.patchParticipant(userId, { connection: peer.pc.connectionState }),
    });
    this.peers.set(userId, peer);
    return peer;
  }

  private dropPeer(userId: number): void {
    this.peers.get(userId)?.close();
    this.peers.delete(userId);
    this.audio?.removeRemote(userId);
    this.remoteHeard.delete(userId);
    this.remoteAudio.delete(userId);
  }

  private bindSocket(): void {
    const s = this.socket;
    const listen = <E extends keyof ServerToClientEvents>(event: E, fn: ServerToClientEvents[E]) => {
      s.on(event, fn as never);
      this.unbind.push(() => s.off(event, fn as never));
    };
    // The channel's events can arrive before our join's ack (someone's offer to us, someone joining
    // right after us), on a first join or a rejoin after a reconnect: they are kept and replayed once
    // we are seated, not dropped (a dropped offer left both sides waiting for an answer).
    type VoiceEvent = 'voice:user-joined' | 'voice:user-left' | 'voice:signal' | 'voice:state' | 'voice:quality';
    const on = <E extends VoiceEvent>(event: E, fn: (payload: Parameters<ServerToClientEvents[E]>[0]) => void) =>
      listen(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => {
        const seating = this.state.status === 'joining' || this.state.status === 'reconnecting';
        if (seating && payload.channel_id === this.state.channelId) this.early.push(() => fn(payload));
        else fn(payload);
      }) as ServerToClientEvents[E]);
    const mine = (channelId: number) => this.state.status === 'connected' && channelId === this.state.channelId;

    on('voice:user-joined', (p) => {
      if (!mine(p.channel_id) || p.user_id === this.me.id) return;
      const others = this.state.participants.filter((x) => x.userId !== p.user_id);
      const known = this.state.participants.find((x) => x.userId === p.user_id);
      // A reconnecting peer rejoins with a new connection: start fresh.
      this.dropPeer(p.user_id);
      this.set({ participants: [...others, this.participantOf(p, known)] });
      this.peerFor(p.user_id, true);
      this.audio?.cue('join');
    });
    on('voice:user-left', ({ channel_id, user_id, reason }) => {
      if (!mine(channel_id)) return;
      if (user_id === this.me.id) {
        if (reason === 'disconnected' || reason === 'left') return; // a stale notice about an earlier connection
        this.teardown();
        this.set({ status: 'idle', channelId: null, participants: [], diagnostics: [], notice: { tone: 'info', text: outMessages[reason] ?? 'You left the channel.' } });
        return;
      }
      this.dropPeer(user_id);
      this.set({ participants: this.state.participants.filter((p) => p.userId !== user_id) });
      this.audio?.cue('leave');
    });
    on('voice:signal', ({ channel_id, from, description, candidate }) => {
      if (!mine(channel_id) || !this.mic) return;
      void this.peerFor(from).handleSignal({
        ...(description ? { description: { type: description.type, sdp: description.sdp ?? '' } } : {}),
        ...(candidate ? { candidate } : {}),
      });
    });
    on('voice:state', ({ channel_id, user_id, muted, deafened }) => {
      if (mine(channel_id)) this.patchParticipant(user_id, { muted, deafened });
    });
    on('voice:quality', ({ channel_id, user_id, quality, mos }) => {
      if (mine(channel_id)) this.patchParticipant(user_id, { quality, mos });
    });
    // The server frees a dropped connection's seat: after a reconnect, take it again.
    const onDisconnect = () => {
      if (this.state.status === 'connected') this.set({ status: 'reconnecting' });
    };
    const onConnect = () => {
      const channelId = this.state.channelId;
      if (this.state.status !== 'reconnecting' || channelId === null) return;
      for (const id of [...this.peers.keys()]) this.dropPeer(id);
      void this.takeSeat(channelId);
    };
    s.on('disconnect', onDisconnect);
    s.io.on('reconnect', onConnect);
    this.unbind.push(() => s.off('disconnect', onDisconnect), () => s.io.off('reconnect', onConnect));
  }

  private bindWindow(): void {
    const restartAll = () => {
      for (const peer of this.peers.values()) peer.restartIce();
    };
    const connection = (navigator as Navigator & { connection?: EventTarget }).connection;
    const onKey = (e: KeyboardEvent) => {
      if (this.state.settings.mode !== 'push-to-talk' || e.code !== this.state.settings.pttKey || e.repeat) return;
      if (e.type === 'keydown' && isEditable(e.target)) return;
      const talking = e.type === 'keydown';
      if (talking === this.state.talking) return;
      this.set({ talking });
      this.applyTrackEnabled();
    };
    const release = () => {
      if (!this.state.talking) return;
      this.set({ talking: false });
      this.applyTrackEnabled();
    };
    const onDevices = () => void this.refreshDevices();
    window.addEventListener('online', restartAll);
    connection?.addEventListener('change', restartAll);
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKey);
    window.addEventListener('blur', release);
    navigator.mediaDevices?.addEventListener('devicechange', onDevices);
    this.unbind.push(() => {
      window.removeEventListener('online', restartAll);
      connection?.removeEventListener('change', restartAll);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKey);
      window.removeEventListener('blur', release);
      navigator.mediaDevices?.removeEventListener('devicechange', onDevices);
    });
  }

  // ---- levels and stats

  private startTimers(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [setInterval(() => this.sampleLevels(), LEVEL_EVERY_MS), setInterval(() => void this.collectStats(), STATS_EVERY_MS)];
  }

  private sampleLevels(): void {
    const audio = this.audio;
    if (!audio) return;
    const now = Date.now();
    const micLevel = audio.micLevel();
    if (this.transmitting() && micLevel > SPEAKING_LEVEL) this.speakingSince = now;
    const speaking = now - this.speakingSince < SPEAKING_HOLD_MS;
    if (speaking !== this.localSpeaking) {
      this.localSpeaking = speaking;
      this.scheduleSpeakingSend();
    }
    let changed = false;
    const participants = this.state.participants.map((p) => {
      let isSpeaking: boolean;
      if (p.userId === this.me.id) isSpeaking = speaking;
      else {
        const rms = audio.remoteRms(p.userId);
        const heard = this.remoteAudio.get(p.userId) ?? { level: 0, energy: 0 };
        // Energy as totalAudioEnergy defines it: level squared times the time it lasted.
        this.remoteAudio.set(p.userId, { level: meterLevel(rms), energy: heard.energy + (rms > SILENCE_RMS ? rms * rms * (LEVEL_EVERY_MS / 1000) : 0) });
        if (meterLevel(rms) > SPEAKING_LEVEL) this.remoteHeard.set(p.userId, now);
        isSpeaking = now - (this.remoteHeard.get(p.userId) ?? 0) < SPEAKING_HOLD_MS;
      }
      if (isSpeaking === p.speaking) return p;
      changed = true;
      return { ...p, speaking: isSpeaking };
    });
    this.set({ micLevel, ...(changed ? { participants } : {}) });
  }

  /** Sends the latest speaking flag, at most once per interval (a trailing send carries the last change). */
  private scheduleSpeakingSend(): void {
    if (this.speakingSendTimer) return;
    const wait = Math.max(0, this.lastSpeakingSent + SPEAKING_SEND_EVERY_MS - Date.now());
    this.speakingSendTimer = setTimeout(() => {
      this.speakingSendTimer = undefined;
      this.lastSpeakingSent = Date.now();
      this.sendState({ speaking: this.localSpeaking });
    }, wait);
  }

  private async collectStats(): Promise<void> {
    const peers = [...this.peers.values()];
    if (!peers.length) {
      this.set({ diagnostics: [] });
      return;
    }
    const diagnostics = await Promise.all(
      peers.map(async (peer): Promise<PeerDiagnostics> => {
        const report = await peer.pc.getStats();
        const stats = summarizePeer(peer.userId, [...report.values()] as RtcStatsEntry[]);
        return {
          ...stats,
          username: this.state.participants.find((p) => p.userId === peer.userId)?.username ?? `#${peer.userId}`,
          connection: peer.pc.connectionState,
          ice: peer.pc.iceConnectionState,
          setupRetries: peer.setupRetries,
          sendingOpus: peer.sendingOpusParams(),
          audioLevel: this.remoteAudio.get(peer.userId)?.level ?? 0,
          audioEnergy: this.remoteAudio.get(peer.userId)?.energy ?? 0,
        };
      }),
    );
    if (this.state.status !== 'connected') return;
    this.set({ diagnostics });
    this.socket.emit('voice:stats', statsReportOf(diagnostics));
  }
}
