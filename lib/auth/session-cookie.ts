import { decode } from 'next-auth/jwt';
import { env } from '../env';

/** next-auth's cookie names: the secure prefix is used on https. */
export const sessionCookieNames = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

export function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out.set(name, decodeURIComponent(raw));
    } catch {
      out.set(name, raw);
    }
  }
  return out;
}

/** Reads a cookie that next-auth may have split into `.0`, `.1`, … chunks. */
function readChunked(cookies: Map<string, string>, name: string): string | undefined {
  const whole = cookies.get(name);
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
  return chunks.length ? chunks.join('') : undefined;
}

export interface WebSessionClaims {
  uid: number;
  sid: number;
}

/** Decodes next-auth's encrypted session cookie; null when absent, tampered with or expired. */
export async function readSessionCookie(headers: Headers): Promise<WebSessionClaims | null> {
  const cookies = parseCookies(headers.get('cookie'));
  for (const name of sessionCookieNames) {
    const token = readChunked(cookies, name);
    if (!token) continue;
    try {
      const payload = await decode({ token, secret: env().AUTH_SECRET, salt: name });
      const uid = Number(payload?.uid);
      const sid = Number(payload?.sid);
      if (Number.isInteger(uid) && uid > 0 && Number.isInteger(sid) && sid > 0) return { uid, sid };
    } catch {
      // A cookie from another secret or a tampered one is simply no session.
    }
    return null;
  }
  return null;
}
