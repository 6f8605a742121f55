import { encodeWav } from './wav';

/**
 * A small deterministic synthesizer for the demo seed: real, varied audio generated at seed time,
 * so the demo has tracks to play, decode and draw without shipping audio files.
 * Wavetable oscillators, a few drum sounds and an echo; everything is rendered note by note into
 * float buffers, then normalized and written as a 16-bit stereo WAV.
 */

export type SynthVoice = 'ambient' | 'techno' | 'lofi' | 'drone' | 'chiptune';
export const synthVoices: readonly SynthVoice[] = ['ambient', 'techno', 'lofi', 'drone', 'chiptune'];

export interface SynthOptions {
  /** Length in seconds (up to 600). */
  seconds: number;
  sampleRate?: number;
  voice: SynthVoice;
  /** Same seed, same voice, same length: byte-identical output. */
  seed: number | string;
}

/** A 16-bit PCM stereo WAV of `seconds` of music in the given voice. */
export function synthesizeWav(options: SynthOptions): Buffer {
  const { seconds, voice, seed } = options;
  const sampleRate = options.sampleRate ?? 44100;
  if (!(seconds > 0 && seconds <= 600)) throw new RangeError('seconds must be in (0, 600]');
  if (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 192000) {
    throw new RangeError('sampleRate must be an integer from 8000 to 192000');
  }
  if (!synthVoices.includes(voice)) throw new RangeError(`Unknown voice ${String(voice)}`);
  const mix = new Mix(Math.round(seconds * sampleRate), sampleRate, seedOf(seed));
  compose[voice](mix);
  mix.master();
  return encodeWav([mix.left, mix.right], sampleRate);
}

// --- randomness -----------------------------------------------------------------------------------

/** FNV-1a of a string seed, or the number itself: the PRNG wants 32 bits. */
function seedOf(seed: number | string): number {
  if (typeof seed === 'number') return seed >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for music; Math.random would not be reproducible. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --- wavetables -----------------------------------------------------------------------------------

const TABLE_SIZE = 4096;
const MASK = TABLE_SIZE - 1;

/** One cycle from a sum of harmonics, normalized to peak 1: band-limited enough for these voices. */
function additive(harmonics: number[]): Float32Array {
  const t = new Float32Array(TABLE_SIZE);
  let peak = 0;
  for (let i = 0; i < TABLE_SIZE; i++) {
    let v = 0;
    harmonics.forEach((amp, h) => (v += amp * Math.sin((2 * Math.PI * (h + 1) * i) / TABLE_SIZE)));
    t[i] = v;
    peak = Math.max(peak, Math.abs(v));
  }
  return t.map((v) => v / peak);
}

function pulse(duty: number): Float32Array {
  return Float32Array.from({ length: TABLE_SIZE }, (_, i) => (i < duty * TABLE_SIZE ? 0.8 : -0.8));
}

const tables = {
  sine: additive([1]),
  /** Electric-piano-ish: a few soft harmonics. */
  keys: additive([1, 0.35, 0.12, 0.05]),
  /** A saw with its upper harmonics rolled off: warm pads and basses. */
  warm: additive(Array.from({ length: 10 }, (_, h) => 1 / (h + 1) ** 1.4)),
  triangle: additive(Array.from({ length: 8 }, (_, h) => (h % 2 ? 0 : (h % 4 ? -1 : 1) / (h + 1) ** 2))),
  pulse25: pulse(0.25),
  pulse50: pulse(0.5),
};
type Table = keyof typeof tables;

// --- the mix --------------------------------------------------------------------------------------

interface ToneOptions {
  table: Table;
  amp: number;
  /** Pan from -1 (left) to 1 (right). */
  pan?: number;
  attack?: number;
  release?: number;
  /** Exponential decay time constant in seconds; without it the note holds until released. */
  decay?: number;
  /** Detune in cents. */
  cents?: number;
  /** Slow amplitude wobble: rate in Hz, depth 0–1. */
  tremolo?: { rate: number; depth: number };
}

const midiHz = (note: number) => 440 * 2 ** ((note - 69) / 12);

class Mix {
  readonly left: Float32Array;
  readonly right: Float32Array;
  readonly random: () => number;
  lowpassHz = 0;

  constructor(
    readonly frames: number,
    readonly sampleRate: number,
    seed: number,
  ) {
    this.left = new Float32Array(frames);
    this.right = new Float32Array(frames);
    this.random = prng(seed);
  }

  get seconds(): number {
    return this.frames / this.sampleRate;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /** Adds one note: a wavetable oscillator under an attack/hold/release (or decaying) envelope. */
  tone(start: number, duration: number, note: number, o: ToneOptions): void {
    const sr = this.sampleRate;
    const attack = Math.max(0.002, o.attack ?? 0.005);
    const release = Math.max(0.005, o.release ?? 0.05);
    const from = Math.round(start * sr);
    const holdEnd = Math.round((start + duration) * sr);
    const to = Math.min(this.frames, holdEnd + Math.round(release * sr));
    if (from >= to) return;
    const table = tables[o.table];
    const step = (midiHz(note) * 2 ** ((o.cents ?? 0) / 1200) * TABLE_SIZE) / sr;
    const pan = o.pan ?? 0;
    const gainL = o.amp * Math.cos(((pan + 1) * Math.PI) / 4);
    const gainR = o.amp * Math.sin(((pan + 1) * Math.PI) / 4);
    const decayK = o.decay ? Math.exp(-1 / (o.decay * sr)) : 1;
    const tremStep = o.tremolo ? (o.tremolo.rate * TABLE_SIZE) / sr : 0;
    const tremDepth = o.tremolo?.depth ?? 0;
    // Locals, not `this.` lookups, in the hot loop: this is where the synthesizer spends its time.
    const { left, right } = this;
    const sine = tables.sine;
    let phase = 0;
    let tremPhase = this.random() * TABLE_SIZE;
    let gain = 0; // the attack/hold/release envelope, a straight line within each segment
    let decay = 1;
    const attackSamples = Math.max(1, Math.round(attack * sr));
    const releaseSamples = Math.max(1, Math.round(release * sr));
    let i = from;
    // Three segments (attack ramp, hold, release ramp), each a branch-light loop over plain locals
    // (a closure here would put them on the heap and run several times slower).
    for (let segment = 0; segment < 3; segment++) {
      // A note shorter than its attack is released before it reaches full level.
      const end = segment === 0 ? Math.min(holdEnd, to, from + attackSamples) : segment === 1 ? Math.min(holdEnd, to) : to;
      const slope = segment === 0 ? 1 / attackSamples : segment === 1 ? 0 : -gain / releaseSamples;
      for (; i < end; i++) {
        let env = gain * decay;
        if (tremStep) {
          env *= 1 - tremDepth * (0.5 + 0.5 * sine[(tremPhase | 0) & MASK]!);
          tremPhase += tremStep;
        }
        const v = table[(phase | 0) & MASK]! * env;
        gain += slope;
        decay *= decayK;
        phase += step;
        if (phase >= TABLE_SIZE) phase -= TABLE_SIZE;
        left[i]! += v * gainL;
        right[i]! += v * gainR;
      }
    }
  }

  /** A kick drum: a sine swept down from ~160 Hz with a fast decay. */
  kick(start: number, amp: number): void {
    const sr = this.sampleRate;
    const from = Math.round(start * sr);
    const to = Math.min(this.frames, from + Math.round(0.45 * sr));
    let phase = 0;
    let sweep = 1;
    let env = amp;
    const sweepK = Math.exp(-1 / (0.035 * sr));
    const envK = Math.exp(-1 / (0.16 * sr));
    for (let i = from; i < to; i++) {
      phase += ((45 + 115 * sweep) * TABLE_SIZE) / sr;
      sweep *= sweepK;
      const v = tables.sine[(phase | 0) & MASK]! * env * Math.min(1, (i - from) / 40);
      env *= envK;
      this.left[i]! += v;
      this.right[i]! += v;
    }
  }

  /** Decaying noise: hats (bright, short), snares and claps (longer), vinyl crackle (tiny). */
  noise(start: number, amp: number, decay: number, o: { bright?: boolean; pan?: number } = {}): void {
    const sr = this.sampleRate;
    const from = Math.round(start * sr);
    const to = Math.min(this.frames, from + Math.round(decay * 6 * sr));
    const k = Math.exp(-1 / (decay * sr));
    const pan = o.pan ?? 0;
    let env = amp;
    let prev = 0;
    for (let i = from; i < to; i++) {
      const white = this.random() * 2 - 1;
      // A first difference is a crude high-pass: enough to turn noise into a hat.
      const v = (o.bright ? white - prev : white) * env;
      prev = white;
      env *= k;
      this.left[i]! += v * (1 - Math.max(0, pan));
      this.right[i]! += v * (1 + Math.min(0, pan));
    }
  }

  /** A ping-pong echo over the whole mix: cheap space for pads and plucks. */
  echo(delay: number, feedback: number): void {
    const d = Math.round(delay * this.sampleRate);
    for (let i = d; i < this.frames; i++) {
      // Each side is fed from the other's past, so repeats bounce left and right.
      const l = this.left[i - d]!;
      this.left[i]! += this.right[i - d]! * feedback;
      this.right[i]! += l * feedback;
    }
  }

  /** Optional low-pass, peak normalization and short fades against clicks. */
  master(): void {
    if (this.lowpassHz) {
      const a = 1 - Math.exp((-2 * Math.PI * this.lowpassHz) / this.sampleRate);
      for (const ch of [this.left, this.right]) {
        // Two one-pole passes: a gentle 12 dB/octave slope, the "lo-fi" in lofi.
        for (let pass = 0; pass < 2; pass++) {
          let y = 0;
          for (let i = 0; i < ch.length; i++) ch[i] = y += a * (ch[i]! - y);
        }
      }
    }
    let peak = 0;
    for (const ch of [this.left, this.right]) for (let i = 0; i < ch.length; i++) peak = Math.max(peak, Math.abs(ch[i]!));
    const gain = peak > 0 ? 0.89 / peak : 0;
    const fadeIn = Math.min(this.frames, Math.round(0.01 * this.sampleRate));
    const fadeOut = Math.min(this.frames, Math.round(Math.min(1.5, this.seconds / 4) * this.sampleRate));
    for (const ch of [this.left, this.right]) {
      for (let i = 0; i < ch.length; i++) {
        let g = gain;
        if (i < fadeIn) g *= i / fadeIn;
        const left = ch.length - i;
        if (left < fadeOut) g *= left / fadeOut;
        ch[i] = ch[i]! * g;
      }
    }
  }
}

// --- harmony --------------------------------------------------------------------------------------

const chordShapes = { maj: [0, 4, 7], min: [0, 3, 7], maj7: [0, 4, 7, 11], min7: [0, 3, 7, 10], dom7: [0, 4, 7, 10] };
type Chord = { root: number; shape: keyof typeof chordShapes };
const chordNotes = (c: Chord) => chordShapes[c.shape].map((i) => c.root + i);

const progressions: Record<'major' | 'minor' | 'jazz', Chord[][]> = {
  major: [
    [{ root: 0, shape: 'maj' }, { root: 7, shape: 'maj' }, { root: 9, shape: 'min' }, { root: 5, shape: 'maj' }],
    [{ root: 0, shape: 'maj' }, { root: 9, shape: 'min' }, { root: 5, shape: 'maj' }, { root: 7, shape: 'maj' }],
  ],
  minor: [
    [{ root: 0, shape: 'min' }, { root: 8, shape: 'maj' }, { root: 3, shape: 'maj' }, { root: 10, shape: 'maj' }],
    [{ root: 0, shape: 'min' }, { root: 5, shape: 'min' }, { root: 8, shape: 'maj' }, { root: 7, shape: 'maj' }],
  ],
  jazz: [
    [{ root: 2, shape: 'min7' }, { root: 7, shape: 'dom7' }, { root: 0, shape: 'maj7' }, { root: 9, shape: 'min7' }],
    [{ root: 0, shape: 'maj7' }, { root: 9, shape: 'min7' }, { root: 2, shape: 'min7' }, { root: 7, shape: 'dom7' }],
  ],
};

/** The chord sounding at a given bar (a progression loops), transposed to the key. */
function chordAt(progression: Chord[], key: number, bar: number, barsPerChord = 1): Chord {
  const c = progression[Math.floor(bar / barsPerChord) % progression.length]!;
  return { root: c.root + key, shape: c.shape };
}

const pentatonic = [0, 2, 4, 7, 9];

// --- voices ---------------------------------------------------------------------------------------

const compose: Record<SynthVoice, (m: Mix) => void> = {
  ambient(m) {
    const key = 50 + Math.floor(m.random() * 7);
    const prog = m.pick([...progressions.major, ...progressions.minor]);
    const beat = 60 / 70;
    const chordLen = 8 * beat;
    for (let t = 0, bar = 0; t < m.seconds; t += chordLen, bar++) {
      const chord = chordAt(prog, key, bar);
      // A detuned pair per chord note gives the pad its slow shimmer; the bass note needs only one.
      m.tone(t, chordLen, chord.root - 12, { table: 'warm', amp: 0.08, attack: 1.6, release: 1.8 });
      for (const note of chordNotes(chord)) {
        for (const cents of [-7, 7]) {
          m.tone(t, chordLen, note, { table: 'warm', amp: 0.05, attack: 1.6, release: 1.8, cents, pan: cents / 10 });
        }
      }
      for (let b = 0; b < 8; b++) {
        if (m.random() < 0.55) {
          const note = m.pick(chordNotes(chord)) + 24;
          m.tone(t + b * beat, 0.1, note, { table: 'keys', amp: 0.09, decay: 0.9, release: 1.5, pan: m.random() - 0.5 });
        }
      }
    }
    m.echo(beat * 0.75, 0.4);
  },

  techno(m) {
    const key = 33 + Math.floor(m.random() * 7);
    const beat = 60 / (124 + Math.floor(m.random() * 8));
    const step = beat / 4;
    const bassMask = Array.from({ length: 16 }, (_, i) => i % 4 !== 0 && m.random() < 0.6);
    const bassNotes = Array.from({ length: 16 }, () => key + m.pick([0, 0, 12, 7, 10]));
    const stabs = Array.from({ length: 16 }, (_, i) => i % 4 === 2 && m.random() < 0.7);
    const prog = m.pick(progressions.minor);
    for (let s = 0, t = 0; t < m.seconds; s++, t = s * step) {
      const i = s % 16;
      const bar = Math.floor(s / 16);
      if (i % 4 === 0) m.kick(t, 0.9);
      if (i % 4 === 2) m.noise(t, 0.25, 0.03, { bright: true, pan: 0.3 });
      if (i % 2 === 1) m.noise(t, 0.08, 0.015, { bright: true, pan: -0.3 });
      if (bar >= 2 && (i === 4 || i === 12)) m.noise(t, 0.3, 0.07, { pan: 0 });
      if (bassMask[i]) m.tone(t, step * 0.7, bassNotes[i]!, { table: 'warm', amp: 0.35, decay: 0.12, release: 0.03 });
      if (bar >= 1 && stabs[i]) {
        for (const note of chordNotes(chordAt(prog, key + 24, Math.floor(bar / 2)))) {
          m.tone(t, step, note, { table: 'warm', amp: 0.07, decay: 0.15, release: 0.05, pan: 0.2 });
        }
      }
    }
    m.echo(step * 3, 0.3);
  },

  lofi(m) {
    const key = 48 + Math.floor(m.random() * 7);
    const beat = 60 / (72 + Math.floor(m.random() * 12));
    const prog = m.pick(progressions.jazz);
    const swing = beat * 0.08;
    for (let bar = 0; bar * 4 * beat < m.seconds; bar++) {
      const t0 = bar * 4 * beat;
      const chord = chordAt(prog, key, bar);
      chordNotes(chord).forEach((note, n) =>
        m.tone(t0 + n * 0.018, 4 * beat, note, { table: 'keys', amp: 0.11, decay: 1.8, release: 0.4, pan: (n - 1.5) / 4 }),
      );
      m.tone(t0, 3 * beat, chord.root - 12, { table: 'sine', amp: 0.3, decay: 1.2, release: 0.2 });
      for (const k of [0, 2.5]) m.kick(t0 + k * beat, 0.7);
      for (const s of [1, 3]) m.noise(t0 + s * beat, 0.22, 0.09, { pan: 0.1 });
      for (let e = 0; e < 8; e++) m.noise(t0 + e * (beat / 2) + (e % 2 ? swing : 0), e % 2 ? 0.05 : 0.08, 0.025, { bright: true, pan: -0.4 });
      for (let e = 0; e < 8; e++) {
        if (m.random() < 0.3) {
          const note = key + 12 + m.pick(pentatonic) + (m.random() < 0.3 ? 12 : 0);
          m.tone(t0 + e * (beat / 2) + (e % 2 ? swing : 0), beat / 2, note, { table: 'sine', amp: 0.12, decay: 0.5, release: 0.2, pan: 0.3 });
        }
      }
    }
    // Vinyl crackle: sparse tiny clicks.
    for (let t = 0; t < m.seconds; t += m.random() * 0.12) m.noise(t, 0.04 * m.random(), 0.0008, { pan: m.random() * 2 - 1 });
    m.lowpassHz = 3200;
  },

  drone(m) {
    const root = 36 + Math.floor(m.random() * 8);
    const layers = [
      { note: root, amp: 0.22 },
      { note: root + 7, amp: 0.14 },
      { note: root + 12, amp: 0.12 },
      { note: root + 19, amp: 0.05 },
      { note: root + m.pick([15, 16]), amp: 0.04 },
    ];
    for (const { note, amp } of layers) {
      for (const cents of [-5, 4]) {
        const tremolo = { rate: 0.05 + m.random() * 0.12, depth: 0.6 };
        m.tone(0, m.seconds, note, { table: 'warm', amp, attack: Math.min(3, m.seconds / 4), release: 0.01, cents, tremolo, pan: cents / 8 });
      }
    }
    m.echo(1.1, 0.35);
  },

  chiptune(m) {
    const key = 60 + Math.floor(m.random() * 5);
    const beat = 60 / 140;
    const step = beat / 4;
    const prog = m.pick(progressions.major);
    let degree = 0;
    for (let s = 0, t = 0; t < m.seconds; s++, t = s * step) {
      const bar = Math.floor(s / 16);
      const i = s % 16;
      const chord = chordAt(prog, key, bar);
      const notes = chordNotes(chord);
      m.tone(t, step * 0.9, notes[s % notes.length]! + 12, { table: 'pulse25', amp: 0.07, release: 0.01, pan: -0.3 });
      if (i % 2 === 0) m.tone(t, step * 1.8, chord.root - 12 + (i % 8 === 4 ? 7 : 0), { table: 'triangle', amp: 0.3, release: 0.01 });
      if (i % 4 === 0) m.kick(t, 0.5);
      m.noise(t, i % 4 === 2 ? 0.12 : 0.04, 0.012, { bright: true, pan: 0.2 });
      if (i % 2 === 0 && bar >= 1 && m.random() < 0.75) {
        degree = Math.max(0, Math.min(9, degree + m.pick([-2, -1, 1, 1, 2])));
        const note = key + 12 * Math.floor(degree / 5) + pentatonic[degree % 5]!;
        m.tone(t, step * 1.6, note, { table: 'pulse50', amp: 0.09, release: 0.02, pan: 0.3 });
      }
    }
  },
};
