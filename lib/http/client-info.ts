import { env } from '../env';
import type { ClientInfo } from '../context';

/** Set by server.ts from the socket address; a client cannot forge it there. */
export const REMOTE_ADDR_HEADER = 'x-talas-remote-addr';

/** The caller's address: from the proxy chain only when TRUST_PROXY says a proxy sets it. */
export function clientInfo(headers: Headers): ClientInfo {
  let ip: string | undefined;
  if (env().TRUST_PROXY) ip = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  ip ||= headers.get(REMOTE_ADDR_HEADER) ?? undefined;
  return { ip: ip || 'unknown', userAgent: headers.get('user-agent') };
}
