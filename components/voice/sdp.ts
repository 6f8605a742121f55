/** Opus fmtp parameters to set (a value) or drop (null), e.g. `{ stereo: 1, usedtx: 0 }`. */
export type OpusParams = Record<string, string | number | null>;

/** The payload types the SDP maps to Opus (`a=rtpmap:111 opus/48000/2`). */
export function opusPayloadTypes(sdp: string): string[] {
  return [...sdp.matchAll(/^a=rtpmap:(\d+) opus\/48000(?:\/\d+)?\r?$/gim)].map((m) => m[1]!);
}

function mergeParams(line: string, params: OpusParams): string {
  const entries = new Map<string, string>();
  for (const part of line.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key) entries.set(key, value.join('='));
  }
  for (const [key, value] of Object.entries(params)) {
    if (value === null) entries.delete(key);
    else entries.set(key, String(value));
  }
  return [...entries].map(([k, v]) => `${k}=${v}`).join(';');
}

/**
 * Rewrites the Opus `a=fmtp` lines of an SDP. Browsers have no API for Opus stereo, DTX or average
 * bitrate, but encode by the fmtp of the description they apply: munging it is the standard way.
 * An Opus payload without an fmtp line gets one.
 */
export function setOpusParams(sdp: string, params: OpusParams): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  for (const pt of opusPayloadTypes(sdp)) {
    const fmtp = lines.findIndex((l) => l.startsWith(`a=fmtp:${pt} `));
    if (fmtp >= 0) {
      lines[fmtp] = `a=fmtp:${pt} ${mergeParams(lines[fmtp]!.slice(`a=fmtp:${pt} `.length), params)}`;
    } else {
      const rtpmap = lines.findIndex((l) => l.startsWith(`a=rtpmap:${pt} `));
      const merged = mergeParams('', params);
      if (merged) lines.splice(rtpmap + 1, 0, `a=fmtp:${pt} ${merged}`);
    }
  }
  return lines.join(eol);
}

/** The Opus fmtp parameters of an SDP (its first Opus payload), for diagnostics and tests. */
export function opusParamsOf(sdp: string): Record<string, string> {
  const pt = opusPayloadTypes(sdp)[0];
  if (!pt) return {};
  const line = sdp.split(/\r?\n/).find((l) => l.startsWith(`a=fmtp:${pt} `));
  if (!line) return {};
  return Object.fromEntries(
    line
      .slice(`a=fmtp:${pt} `.length)
      .split(';')
      .map((p) => p.trim().split('='))
      .filter(([k]) => k)
      .map(([k, ...v]) => [k!, v.join('=')]),
  );
}

export interface SendProfile {
  stereo: boolean;
  bitrateKbps: number;
  dtx: boolean;
}

/** The fmtp for how this client sends: stereo or mono, the target bitrate, DTX on or off. */
export function opusParamsFor(profile: SendProfile): OpusParams {
  return {
    stereo: profile.stereo ? 1 : 0,
    'sprop-stereo': profile.stereo ? 1 : 0,
    maxaveragebitrate: profile.bitrateKbps * 1000,
    usedtx: profile.dtx ? 1 : 0,
    useinbandfec: 1,
  };
}

/**
 * Opus packet length: 10 ms frames instead of the browsers' 20 ms halve the encoder's wait for a full
 * frame and let the receiver's jitter buffer run shallower, for a few kbps of packet overhead.
 */
export const PACKET_MS = 10;

/**
 * Sets `a=ptime` on each audio section of an SDP. The sender encodes frames of the packet time of the
 * description it applies (Chromium reads it into the Opus encoder's frame length).
 */
export function setPacketTime(sdp: string, ms: number): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const out: string[] = [];
  let audio = false;
  let placed = false;
  const close = () => {
    if (audio && !placed) out.push(`a=ptime:${ms}`);
  };
  for (const line of sdp.split(eol)) {
    if (line.startsWith('m=')) {
      close();
      audio = line.startsWith('m=audio');
      placed = false;
    }
    if (audio && line.startsWith('a=ptime:')) {
      if (!placed) out.push(`a=ptime:${ms}`);
      placed = true;
      continue;
    }
    out.push(line);
  }
  // The SDP ends with an empty line after its last eol: the attribute goes before it.
  const last = out.at(-1) === '' ? out.pop() : undefined;
  close();
  if (last !== undefined) out.push(last);
  return out.join(eol);
}
