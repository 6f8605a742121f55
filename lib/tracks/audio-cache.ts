import { sharedCache } from '../cache/ttl-cache';

/**
 * The rows serving a track's audio reads, per track and viewer (or signer): a player seeking sends
 * request after request for the same one. Changes on this instance clear them (forgetTrackRows);
 * another instance serves a track made private, or deleted, at most this late.
 */
const AUDIO_ROW_CACHE_MS = 2_000;

export const audioRows = <V>() => sharedCache<string, V>('track-audio', AUDIO_ROW_CACHE_MS, 10_000);

/** After a track's visibility or bytes, or a signer's account, changed (once committed). */
export function forgetTrackRows(): void {
  audioRows().clear();
}
