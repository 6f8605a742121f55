import { signAccessToken } from '@/lib/auth/tokens';
import type { CurrentUser } from '@/lib/context';

/**
 * Same origin, the session cookie authenticates the socket. A realtime server on another origin
 * (NEXT_PUBLIC_REALTIME_URL) never sees that cookie, so the page carries a short-lived access token
 * bound to this web session instead (revoked with it).
 */
export async function realtimeToken(user: CurrentUser): Promise<string | undefined> {
  if (!process.env.NEXT_PUBLIC_REALTIME_URL) return undefined;
  const { token } = await signAccessToken({
    userId: user.id,
    username: user.username,
    role: user.role,
    sessionId: user.sessionId,
    issuedAt: Math.floor(Date.now() / 1000),
  });
  return token;
}
