import { z } from 'zod';

const iceUrl = z
  .string()
  .trim()
  .max(512, 'at most 512 characters')
  .regex(/^(stun|stuns|turn|turns):[^\s]+$/, 'must be a stun:, stuns:, turn: or turns: URL');

const isTurn = (url: string) => /^turns?:/.test(url);

/**
 * One RTCIceServer as browsers take it. TURN entries need `username` and `credential` (a browser
 * refuses the whole configuration otherwise), so they are required here rather than failing in every
 * client.
 */
export const iceServerSchema = z
  .object({
    urls: z.union([iceUrl, z.array(iceUrl).min(1, 'give at least one URL').max(10, 'at most 10 URLs')]),
    username: z.string().min(1).max(256, 'at most 256 characters').optional(),
    credential: z.string().min(1).max(256, 'at most 256 characters').optional(),
  })
  .strict()
  .superRefine((server, issue) => {
    const urls = Array.isArray(server.urls) ? server.urls : [server.urls];
    if (urls.some(isTurn) && (!server.username || !server.credential)) {
      issue.addIssue({ code: 'custom', path: ['credential'], message: 'TURN servers need username and credential' });
    }
  })
  .meta({ id: 'IceServer', description: 'An RTCIceServer: pass it to `new RTCPeerConnection({iceServers})` as is' });

export const iceServersSchema = z.array(iceServerSchema).max(20, 'at most 20 servers');
export type IceServer = z.infer<typeof iceServerSchema>;

/** `ICE_SERVERS`: a JSON array of RTCIceServer; empty (the default) means host candidates only. */
export const iceServersEnv = z
  .string()
  .default('[]')
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw.trim() || '[]') as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of {urls, username?, credential?}' });
      return z.NEVER;
    }
  })
  .pipe(iceServersSchema);
