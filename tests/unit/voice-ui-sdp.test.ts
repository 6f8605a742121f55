import { describe, expect, it } from 'vitest';
import { opusParamsFor, opusParamsOf, opusPayloadTypes, setOpusParams, setPacketTime } from '@/components/voice/sdp';

const sdp = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  '',
].join('\r\n');

describe('Opus SDP munging', () => {
  it('finds the Opus payload types', () => {
    expect(opusPayloadTypes(sdp)).toEqual(['111']);
  });

  it('sets music-mode parameters on the Opus fmtp line only, keeping the others and CRLF line ends', () => {
    const out = setOpusParams(sdp, opusParamsFor({ stereo: true, bitrateKbps: 128, dtx: false }));
    expect(out).toContain('a=fmtp:111 minptime=10;useinbandfec=1;stereo=1;sprop-stereo=1;maxaveragebitrate=128000;usedtx=0\r\n');
    expect(out).toContain('a=fmtp:63 111/111\r\n');
    expect(out.split('\r\n')).toHaveLength(sdp.split('\r\n').length);
  });

  it('switches back to voice: mono and DTX, replacing the earlier values', () => {
    const music = setOpusParams(sdp, opusParamsFor({ stereo: true, bitrateKbps: 128, dtx: false }));
    const voice = setOpusParams(music, opusParamsFor({ stereo: false, bitrateKbps: 32, dtx: true }));
    expect(opusParamsOf(voice)).toEqual({ minptime: '10', useinbandfec: '1', stereo: '0', 'sprop-stereo': '0', maxaveragebitrate: '32000', usedtx: '1' });
  });

  it('drops a parameter given as null', () => {
    expect(opusParamsOf(setOpusParams(sdp, { minptime: null }))).toEqual({ useinbandfec: '1' });
  });

  it('adds an fmtp line after the rtpmap when Opus has none', () => {
    const bare = sdp.replace('a=fmtp:111 minptime=10;useinbandfec=1\r\n', '');
    const out = setOpusParams(bare, { stereo: 1 });
    expect(out).toContain('a=rtpmap:111 opus/48000/2\r\na=fmtp:111 stereo=1\r\n');
  });

  it('leaves an SDP without Opus unchanged', () => {
    const g722 = 'v=0\r\nm=audio 9 RTP/AVP 9\r\na=rtpmap:9 G722/8000\r\n';
    expect(setOpusParams(g722, { stereo: 1 })).toBe(g722);
    expect(opusParamsOf(g722)).toEqual({});
  });

  it('sets the packet time of each audio section once, before the next section and before the final line break', () => {
    const bundle = `${sdp}m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\na=ptime:20\r\n`;
    const out = setPacketTime(bundle, 10);
    const sections = out.split(/\r\n(?=m=)/);
    expect(sections.map((s) => s.match(/a=ptime:\d+/g) ?? [])).toEqual([[], ['a=ptime:10'], [], ['a=ptime:10']]);
    expect(sections[1]).toMatch(/a=rtpmap:9 G722\/8000\r\na=ptime:10$/);
    expect(out.endsWith('a=ptime:10\r\n')).toBe(true);
    // Applying it again changes nothing.
    expect(setPacketTime(out, 10)).toBe(out);
  });
});
